"""Third held-out evaluation: 12 articles (V01..V12) written without reading the rules
(tests/regression_sets/set_v/README.md).

tests/regression_sets/set_h and tests/regression_sets/set_u drove rounds of fixes, so they are regression sets. This
set's FIRST run is the
current unseen estimate (quoted below). Fixes it drove since are phenomena with their own test sentences, and make
it a regression set too. Floors sit a little below what is measured now: raise one when a fix lifts the score,
never lower one to let a change through. Scoring and the agreement of the package's scorer with score.py are
tested in test_regression_set_u.py; this file scores with the conftest fixture (score.py beside the checkout, else the
package scorer).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HELDOUT3 = Path(__file__).resolve().parent / "regression_sets" / "set_v"
IDS = [f"V{i:02d}" for i in range(1, 13)]

# First run (gold and articles committed at 41531b9 before any run; system at 90673fd, pure Python),
# `govnews-nlp extract tests/regression_sets/set_v/articles` scored by score.py:
#   officials   gold 67 pred 61 tp 58  P 0.951 R 0.866 F1 0.906
#   titles      gold 96 pred 87 tp 85  P 0.977 R 0.885 F1 0.929
#   executives  gold 13 pred 12 tp 10  P 0.833 R 0.769 F1 0.800
#   journalists gold 31 pred 17 tp 17  P 1.000 R 0.548 F1 0.708
#   capacities  gold 29 pred 28 tp 26  P 0.929 R 0.897 F1 0.912
#   investments gold 28 pred 28 tp 28  P 1.000 R 1.000 F1 1.000
#   projects    gold 26 pred 29 tp 25  P 0.862 R 0.962 F1 0.909
#   slogans     gold 30 pred 29 tp 29  P 1.000 R 0.967 F1 0.983
#   title chains exactly right: 1.000
# Fixed since, as phenomena with new test sentences: credit lines (丨 and | separators, a symbol before the byline,
# a label glued after a name, an unlisted first name after a separated label, dotted names, 视频), 作 + speech
# as a name cue, C-suite executive posts, 周转/烘干 rate markers, and the fixes listed in the set's README.
# After those fixes and dotted transliterated names of officials (pure Python): officials 0.970, titles 0.973,
# executives 0.963, journalists 1.000, capacities 0.982, investments 1.000, projects 0.909, slogans 1.000,
# chains 1.000. Floors sit a little below.
F1_FLOORS = {
    "officials": 0.95,
    "titles": 0.95,
    "executives": 0.94,
    "journalists": 0.97,
    "capacities": 0.96,
    "investments": 0.95,
    "projects": 0.88,
    "slogans": 0.97,
}
CHAIN_FLOOR = 0.97


@pytest.fixture(scope="module")
def records3(regression_records) -> tuple:
    return regression_records(HELDOUT3)


@pytest.fixture(scope="module")
def scores3(score_regression_set) -> tuple:
    return score_regression_set(HELDOUT3)


def test_set_is_complete_and_well_formed(records3):
    gold, _ = records3
    assert list(gold) == IDS
    for doc_id, rec in gold.items():
        text = (HELDOUT3 / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert 300 <= len(text) <= 2000, doc_id
        assert set(rec) >= {"people", "capacities", "investments", "projects", "slogans"}
        assert all(p["kind"] in ("official", "executive", "journalist") for p in rec["people"]), doc_id
        assert all(c["per"] in ("年", "日", "小时", None) for c in rec["capacities"]), doc_id
        assert all(i["unit"] == "元" for i in rec["investments"]), doc_id
    assert sum(rec["style"] == "trad-pinyin" for rec in gold.values()) == 6


@pytest.mark.parametrize("kind", sorted(F1_FLOORS))
def test_f1_floor(scores3, kind):
    rows, _ = scores3
    row = rows[kind]
    assert row["gold"] > 0
    assert row["f1"] >= F1_FLOORS[kind], f"{kind}: {row}"


def test_title_chains(scores3):
    _, chains = scores3
    assert chains is not None and chains >= CHAIN_FLOOR
