"""Held-out evaluation: 12 reviewer-written articles the rules were never developed on
(tests/regression_sets/set_h/README.md).

The dev corpus and the seeds score 1.000 because the rules were tuned on them. This set measures generalization,
so its floors sit a little below what was measured when the set was first scored. That lets a regression fail the
test without the test being fitted to pass. Raise a floor when a fix lifts the score; never lower one to let a
change through.

Scoring uses the package's own scorer, ``govnews_nlp.evaluate``, which follows ../shared/tools/score.py; when
score.py sits beside the checkout, the test also checks that the two agree on this set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parent / "regression_sets" / "set_h"
SCORE_PY = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "score.py"

# Measured when the set was first scored (gold at 3fab5fc, system at 89ca63e), segmenter "char":
#   officials   gold 62 pred 58 tp 58  P 1.000 R 0.935 F1 0.967
#   titles      gold 71 pred 66 tp 66  P 1.000 R 0.930 F1 0.964
#   executives  gold 12 pred 11 tp 11  P 1.000 R 0.917 F1 0.957
#   journalists gold 29 pred 21 tp 21  P 1.000 R 0.724 F1 0.840
#   capacities  gold 42 pred 41 tp 36  P 0.878 R 0.857 F1 0.867
#   investments gold 23 pred 23 tp 22  P 0.957 R 0.957 F1 0.957
#   projects    gold 32 pred 38 tp 30  P 0.789 R 0.938 F1 0.857
#   slogans     gold 31 pred 27 tp 26  P 0.963 R 0.839 F1 0.897
#   title chains exactly right: 1.000
# After the follow-up fixes driven by that first scoring (so the set is no longer unseen: the failures it
# showed were fixed as phenomena, each with new test sentences), system at 9a36bec + c1b74d8 + 76619f7 + 6c97c12:
#   officials 1.000, titles 1.000, executives 1.000, journalists 1.000, capacities 1.000, investments 1.000,
#   projects gold 32 pred 33 tp 31 P 0.939 R 0.969 F1 0.954, slogans 1.000, title chains 1.000.
# Floors sit a little below, so a regression fails without the test being fitted to pass.
F1_FLOORS = {
    "officials": 0.97,
    "titles": 0.97,
    "executives": 0.95,
    "journalists": 0.95,
    "capacities": 0.95,
    "investments": 0.95,
    "projects": 0.90,
    "slogans": 0.95,
}
CHAIN_FLOOR = 0.97


def score(gold: dict, pred: dict) -> tuple:
    """Per-kind rows ``{kind: {tp, gold, pred, precision, recall, f1}}`` and the title-chain accuracy,
    from the package's own scorer (``govnews_nlp.evaluate``, the conventions of score.py)."""
    from govnews_nlp.evaluate import KINDS as ROW_KINDS
    from govnews_nlp.evaluate import evaluate

    ev = evaluate(gold, pred)
    return {k: ev.row(k) for k in ROW_KINDS}, ev.title_chain_accuracy


@pytest.fixture(scope="module")
def heldout_gold(regression_records) -> dict:
    return regression_records(HELDOUT)[0]


@pytest.fixture(scope="module")
def heldout_pred(regression_records) -> dict:
    return regression_records(HELDOUT)[1]


@pytest.fixture(scope="module")
def heldout_scores(heldout_gold, heldout_pred):
    return score(heldout_gold, heldout_pred)


def test_heldout_set_is_complete(heldout_gold):
    assert list(heldout_gold) == [f"H{i:02d}" for i in range(1, 13)]
    for doc_id, rec in heldout_gold.items():
        text = (HELDOUT / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert 300 <= len(text) <= 1200, doc_id
        assert set(rec) >= {"people", "capacities", "investments", "projects", "slogans"}
    dirty = [d for d, rec in heldout_gold.items() if rec["style"] == "trad-pinyin"]
    assert len(dirty) == 6


@pytest.mark.parametrize("kind", sorted(F1_FLOORS))
def test_heldout_f1_floor(heldout_scores, kind):
    rows, _ = heldout_scores
    row = rows[kind]
    assert row["gold"] > 0
    assert row["f1"] >= F1_FLOORS[kind], f"{kind}: {row}"


def test_heldout_title_chains(heldout_scores):
    _, chains = heldout_scores
    assert chains is not None and chains >= CHAIN_FLOOR


def test_scorer_matches_shared_score_py(heldout_gold, heldout_pred, heldout_scores, module_from_file):
    """This file's matcher gives the same counts as the shared scorer (when it is beside the checkout)."""
    if not SCORE_PY.is_file():
        pytest.skip("../shared/tools/score.py is not beside this checkout")
    reference = module_from_file(SCORE_PY, "govnews_shared_score").score(heldout_gold, heldout_pred)
    rows, chains = heldout_scores
    for row in reference["rows"]:
        mine = rows[row["kind"]]
        assert (mine["tp"], mine["gold"], mine["pred"]) == (row["tp"], row["gold"], row["pred"]), row["kind"]
    assert chains == pytest.approx(reference["title_chain_accuracy"])


def test_scorer_on_hand_made_records():
    """The matcher itself: containment ratios, unit canonicalisation, per, money units."""
    gold = {"X": {
        "people": [{"name": "张三", "titles": ["县长"], "kind": "official"}],
        "capacities": [{"value": 1.2, "unit": "GW", "per": None}, {"value": 500000, "unit": "吨", "per": "年"}],
        "investments": [{"value": 3.6e9, "unit": "元"}],
        "projects": [{"text": "甲乙丙丁项目"}],
        "slogans": [{"text": "一二三四"}],
    }}
    pred = {"X": {
        "people": [{"name": "张三", "titles": ["副县长"], "kind": "official"}],
        "capacities": [{"value": 1200, "unit": "MW", "per": None}, {"value": 500000, "unit": "吨", "per": None}],
        "investments": [{"value": 36, "unit": "亿元"}],
        "projects": [{"text": "在甲乙丙丁项目"}],
        "slogans": [{"text": "一二三四五六"}],
    }}
    rows, chains = score(gold, pred)
    assert rows["officials"]["f1"] == 1.0 and rows["titles"]["tp"] == 0 and chains == 0.0
    assert rows["capacities"]["tp"] == 1  # 1.2GW == 1200MW; per 年 != null
    assert rows["investments"]["tp"] == 1
    assert rows["projects"]["tp"] == 1  # 6/7 >= 0.6
    assert rows["slogans"]["tp"] == 0  # 4/6 < 0.75
