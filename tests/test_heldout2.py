"""Second held-out evaluation: 12 articles written without reading the rules (tests/heldout2/README.md).

tests/heldout (H01..H12) drove a round of fixes, so it is now a regression set. This set is the unseen
estimate. Its floors sit a little below what was measured when the set was first scored. A regression then
fails the test, and the test was not fitted to pass. Raise a floor when a fix lifts the score; never lower one
to let a change through. A fix driven by this set makes it a regression set too, so say so in its README.

Scoring uses ../shared/tools/score.py, loaded by path, when it sits beside the checkout. Otherwise the test uses
the small matcher below, which follows score.py's rules:
* people are matched by name within a kind, and titles as (name, title) pairs of officials;
* capacities are matched on canonical (value, unit, per), with values within 0.5 %;
* investments are matched on their value in 元, within 0.5 %;
* projects match by containment when the shorter text is at least 60 % of the longer, and slogans at 75 %.
When both are available, a test checks that they agree.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

HELDOUT2 = Path(__file__).resolve().parent / "heldout2"
SCORE_PY = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "score.py"
KINDS = ("official", "executive", "journalist")
IDS = [f"U{i:02d}" for i in range(1, 13)]

# Measured on the first run (gold and articles committed at adabd29 before the run; system at 6cb76a6),
# `govnews-nlp extract tests/heldout2/articles` (segmenter "char") scored by score.py:
#   officials   gold 54 pred 48 tp 47  P 0.979 R 0.870 F1 0.922
#   titles      gold 66 pred 64 tp 64  P 1.000 R 0.970 F1 0.985
#   executives  gold 12 pred 12 tp 12  P 1.000 R 1.000 F1 1.000
#   journalists gold 24 pred 21 tp 21  P 1.000 R 0.875 F1 0.933
#   capacities  gold 30 pred 30 tp 29  P 0.967 R 0.967 F1 0.967
#   investments gold 23 pred 23 tp 23  P 1.000 R 1.000 F1 1.000
#   projects    gold 27 pred 28 tp 25  P 0.893 R 0.926 F1 0.909
#   slogans     gold 27 pred 25 tp 25  P 1.000 R 0.926 F1 0.962
#   title chains exactly right: 1.000
# After one round of fixes driven by that first run (each a phenomenon with new test sentences; the set is
# now a regression set, no longer unseen), every row scores 1.000 and title chains 1.000. Floors sit below.
F1_FLOORS = {
    "officials": 0.95,
    "titles": 0.95,
    "executives": 0.95,
    "journalists": 0.95,
    "capacities": 0.95,
    "investments": 0.95,
    "projects": 0.92,
    "slogans": 0.95,
}
CHAIN_FLOOR = 0.97

POWER_KW = {"kw": 1, "千瓦": 1, "mw": 1e3, "兆瓦": 1e3, "gw": 1e6, "吉瓦": 1e6, "万千瓦": 1e4, "瓦": 1e-3, "w": 1e-3}
ENERGY_KWH = {"kwh": 1, "千瓦时": 1, "度": 1, "mwh": 1e3, "兆瓦时": 1e3, "gwh": 1e6, "吉瓦时": 1e6, "万千瓦时": 1e4}
MASS_T = {"吨": 1, "t": 1, "万吨": 1e4, "千吨": 1e3, "亿吨": 1e8, "公斤": 1e-3, "kg": 1e-3, "千克": 1e-3}
MONEY_YUAN = {"元": 1, "万元": 1e4, "亿元": 1e8, "千万元": 1e7, "百万元": 1e6}


def _load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------- own matcher


def _clean(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or ""))
    return re.sub(r"[\s“”\"'‘’《》「」『』]", "", s)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-12)


def _num(x) -> float | None:
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
    return kg is not None and kp is not None and kg[1:] == kp[1:] and _close(kg[0], kp[0])


def _money(x: dict) -> float | None:
    v = _num(x.get("value"))
    return None if v is None else v * MONEY_YUAN.get(_clean(x.get("unit", "元")), 1)


def _same_money(g: dict, p: dict) -> bool:
    vg, vp = _money(g), _money(p)
    return vg is not None and vp is not None and _close(vg, vp)


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


def _people(rec: dict, kind: str) -> list[dict]:
    return [x for x in rec.get("people") or [] if (x.get("kind") or "official") == kind and _clean(x.get("name"))]


def own_score(gold: dict, pred: dict) -> tuple[dict, float | None]:
    """Per-type counts and P/R/F1 over all articles, and the title-chain accuracy."""
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
            gp, pp = _people(g, kind), _people(p, kind)
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
        rows[kind] = {"tp": tp, "gold": ng, "pred": npred, "precision": prec, "recall": rec, "f1": f1}
    return rows, (chains[1] / chains[0] if chains[0] else None)


def shared_score(gold: dict, pred: dict) -> tuple[dict, float | None] | None:
    """The same numbers from ../shared/tools/score.py, or None when it is not beside the checkout."""
    if not SCORE_PY.is_file():
        return None
    result = _load_module(SCORE_PY, "govnews_shared_score_h2").score(gold, pred)
    return {row["kind"]: row for row in result["rows"]}, result["title_chain_accuracy"]


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def gold2() -> dict:
    lines = (HELDOUT2 / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["id"]: rec for rec in map(json.loads, filter(str.strip, lines))}


@pytest.fixture(scope="module")
def pred2(nlp, gold2) -> dict:
    import govnews_nlp

    pairs = [(i, (HELDOUT2 / "articles" / f"{i}.txt").read_text(encoding="utf-8")) for i in gold2]
    records = list(govnews_nlp.extract(pairs, nlp=nlp))
    assert [r["id"] for r in records] == list(gold2)
    assert not any(r.get("error") for r in records), [r.get("error") for r in records]
    return {r["id"]: r for r in records}


@pytest.fixture(scope="module")
def scores2(gold2, pred2) -> tuple[dict, float | None]:
    return shared_score(gold2, pred2) or own_score(gold2, pred2)


# ---------------------------------------------------------------------------------------------- tests


def test_set_is_complete_and_well_formed(gold2):
    assert list(gold2) == IDS
    for doc_id, rec in gold2.items():
        text = (HELDOUT2 / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert 300 <= len(text) <= 2000, doc_id
        assert set(rec) >= {"people", "capacities", "investments", "projects", "slogans"}
        assert all(p["kind"] in KINDS for p in rec["people"]), doc_id
        assert all(c["per"] in ("年", "日", "小时", None) for c in rec["capacities"]), doc_id
        assert all(i["unit"] == "元" for i in rec["investments"]), doc_id
        for key in ("projects", "slogans"):  # deduplicated by text
            texts = [x["text"] for x in rec[key]]
            assert len(texts) == len(set(texts)), (doc_id, key)
    assert sum(rec["style"] == "trad-pinyin" for rec in gold2.values()) == 6


@pytest.mark.parametrize("kind", sorted(F1_FLOORS))
def test_f1_floor(scores2, kind):
    rows, _ = scores2
    row = rows[kind]
    assert row["gold"] > 0
    assert row["f1"] >= F1_FLOORS[kind], f"{kind}: {row}"


def test_title_chains(scores2):
    _, chains = scores2
    assert chains is not None and chains >= CHAIN_FLOOR


def test_own_matcher_agrees_with_score_py(gold2, pred2):
    reference = shared_score(gold2, pred2)
    if reference is None:
        pytest.skip("../shared/tools/score.py is not beside this checkout")
    rows, chains = own_score(gold2, pred2)
    ref_rows, ref_chains = reference
    for kind, row in ref_rows.items():
        assert (rows[kind]["tp"], rows[kind]["gold"], rows[kind]["pred"]) == (row["tp"], row["gold"], row["pred"]), kind
    assert chains == pytest.approx(ref_chains)


@pytest.mark.parametrize(
    ("gold", "pred", "kind", "tp"),
    [
        # 1.2 GW is 1200 MW; per must agree (年 against null is no match)
        ([{"value": 1.2, "unit": "GW", "per": None}], [{"value": 1200, "unit": "MW", "per": None}], "capacities", 1),
        ([{"value": 5e5, "unit": "吨", "per": "年"}], [{"value": 5e5, "unit": "吨", "per": None}], "capacities", 0),
        ([{"value": 2.4e8, "unit": "千瓦时", "per": "年"}], [{"value": 2.4, "unit": "亿千瓦时", "per": "年"}],
         "capacities", 0),  # units are canonicalised only from the table; 亿千瓦时 is not in it
        ([{"value": 3.6e9, "unit": "元"}], [{"value": 36, "unit": "亿元"}], "investments", 1),
        ([{"value": 8e7, "unit": "元"}], [{"value": 8.1e7, "unit": "元"}], "investments", 0),
        ([{"text": "甲乙丙丁项目"}], [{"text": "在甲乙丙丁项目"}], "projects", 1),  # 6/7 >= 0.6
        ([{"text": "甲乙丙丁戊己庚工程"}], [{"text": "庚工程"}], "projects", 0),  # 3/9 < 0.6
        ([{"text": "一二三四"}], [{"text": "“一二三四”"}], "slogans", 1),  # quotes are ignored
        ([{"text": "一二三四"}], [{"text": "一二三四五六"}], "slogans", 0),  # 4/6 < 0.75
    ],
)
def test_own_matcher_on_hand_made_records(gold, pred, kind, tp):
    rows, _ = own_score({"X": {kind: gold}}, {"X": {kind: pred}})
    assert rows[kind]["tp"] == tp


def test_own_matcher_people_and_chains():
    gold = {"X": {"people": [
        {"name": "甲乙", "titles": ["县长"], "kind": "official"},
        {"name": "丙丁", "titles": ["记者"], "kind": "journalist"},
    ]}}
    pred = {"X": {"people": [
        {"name": "甲乙", "titles": ["副县长"], "kind": "official"},
        {"name": "丙丁", "titles": [], "kind": "official"},  # right name, wrong kind
    ]}}
    rows, chains = own_score(gold, pred)
    assert rows["officials"]["tp"] == 1 and rows["officials"]["pred"] == 2
    assert rows["journalists"]["tp"] == 0 and rows["titles"]["tp"] == 0
    assert chains == 0.0


def test_gold_strings_occur_in_reference_normalization():
    """The dev README's machine check, applied to this gold."""
    pytest.importorskip("opencc")
    make_dirty = _load_module(HELDOUT2 / "make_dirty.py", "govnews_heldout2_make_dirty")
    assert make_dirty.check(HELDOUT2 / "articles", HELDOUT2 / "gold.jsonl") == 0


def test_articles_are_reproducible():
    """make_dirty.py regenerates the committed articles byte for byte (seeded)."""
    pytest.importorskip("opencc")
    pytest.importorskip("pypinyin")
    make_dirty = _load_module(HELDOUT2 / "make_dirty.py", "govnews_heldout2_make_dirty")
    assert sorted(make_dirty.ARTICLES) == IDS
    for art_id, art in make_dirty.ARTICLES.items():
        committed = (HELDOUT2 / "articles" / f"{art_id}.txt").read_text(encoding="utf-8")
        assert make_dirty.render(art_id, art) == committed, art_id
