"""The project's scorer: extraction records against gold, per-type P/R/F1, per-article misses and extras.

Same conventions as the shared ``score.py`` used to judge the project (its numbers must agree;
a test checks that), reimplemented here so the package scores its own output anywhere:

* text is compared after NFKC, without whitespace and quotation marks;
* per article, gold and predicted entries are matched one to one, greedily, in gold order;
* ``officials`` / ``executives`` / ``journalists``: people of that ``kind`` (default official), by name;
* ``titles``: (name, title) pairs of officials; ``title_chains``: officials matched by name whose
  whole title list is right (an accuracy, not an F1);
* ``capacities``: (value, unit, per) with 万/亿 folded, power in kW, energy in kWh, mass in t,
  values equal within 0.5 %;
* ``investments``: value in 元 within 0.5 %;
* ``projects``: one text contains the other, the shorter ≥ 60 % of the longer; ``slogans``: the
  same with 75 % (equal texts always match).

Unlike ``score.py --show-errors`` (set differences of the entry keys), the misses and extras
listed here are exactly the entries left unmatched by the matching that produced the counts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

POWER_KW = {"kw": 1, "千瓦": 1, "mw": 1e3, "兆瓦": 1e3, "gw": 1e6, "吉瓦": 1e6, "万千瓦": 1e4, "瓦": 1e-3, "w": 1e-3}
ENERGY_KWH = {"kwh": 1, "千瓦时": 1, "度": 1, "mwh": 1e3, "兆瓦时": 1e3, "gwh": 1e6, "吉瓦时": 1e6, "万千瓦时": 1e4}
MASS_T = {"吨": 1, "t": 1, "万吨": 1e4, "千吨": 1e3, "亿吨": 1e8, "公斤": 1e-3, "kg": 1e-3, "千克": 1e-3}
MONEY_YUAN = {"元": 1, "万元": 1e4, "亿元": 1e8, "千万元": 1e7, "百万元": 1e6}
PERSON_KINDS = ("official", "executive", "journalist")
KINDS = ("officials", "titles", "executives", "journalists", "capacities", "investments", "projects", "slogans")
RELATIVE_TOLERANCE = 0.005
_STRIP = re.compile(r"[\s“”\"'‘’《》「」『』]")


def clean(s: Any) -> str:
    """Compare form of a string: NFKC, no whitespace, no quotation or title marks."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(s or "")))


def canon_unit(value: float, unit: str) -> Tuple[float, str]:
    u = clean(unit).lower().rstrip("/年").replace("每年", "")
    for table, name in ((POWER_KW, "kW"), (ENERGY_KWH, "kWh"), (MASS_T, "t")):
        if u in table:
            return value * table[u], name
    return value, u


def _num(x: Any) -> Optional[float]:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b), 1e-12)


def capacity_key(c: Dict[str, Any]) -> Optional[Tuple[float, str, Optional[str]]]:
    v = _num(c.get("value"))
    if v is None:
        return None
    v, u = canon_unit(v, str(c.get("unit", "")))
    return v, u, clean(c.get("per") or "") or None


def same_capacity(g: Dict[str, Any], p: Dict[str, Any]) -> bool:
    kg, kp = capacity_key(g), capacity_key(p)
    return kg is not None and kp is not None and kg[1] == kp[1] and _close(kg[0], kp[0]) and kg[2] == kp[2]


def money_yuan(x: Dict[str, Any]) -> Optional[float]:
    v = _num(x.get("value"))
    return None if v is None else v * MONEY_YUAN.get(clean(x.get("unit", "元")), 1)


def same_money(g: Dict[str, Any], p: Dict[str, Any]) -> bool:
    vg, vp = money_yuan(g), money_yuan(p)
    return vg is not None and vp is not None and _close(vg, vp)


def contained(a: str, b: str, ratio: float) -> bool:
    a, b = clean(a), clean(b)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= ratio * len(long_)


def match(gold: List[Any], pred: List[Any], same: Callable[[Any, Any], bool]) -> Tuple[List[int], List[int]]:
    """Greedy one-to-one matching in gold order; returns (unmatched gold, unmatched pred) indexes."""
    used = [False] * len(pred)
    missed = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if not used[pi] and same(g, p):
                used[pi] = True
                break
        else:
            missed.append(gi)
    return missed, [pi for pi, u in enumerate(used) if not u]


def people_of(rec: Dict[str, Any], kind: str) -> List[Dict[str, Any]]:
    return [p for p in rec.get("people") or []
            if (p.get("kind") or "official") == kind and clean(p.get("name"))]


def _show(kind: str, item: Any) -> Any:
    """How an entry is listed among misses and extras."""
    if kind in ("officials", "executives", "journalists"):
        return clean(item["name"])
    if kind == "titles":
        return f"{item[0]}:{item[1]}"
    if kind == "capacities":
        return f"{item.get('text')} = {item.get('value')} {item.get('unit')}" + (
            f"/{item['per']}" if item.get("per") else "")
    if kind == "investments":
        return f"{item.get('text')} = {item.get('value')}"
    return clean(item.get("text"))


@dataclass
class Evaluation:
    """Counts per kind, title-chain accuracy, and the misses and extras of every article."""

    tp: Counter = field(default_factory=Counter)
    n_gold: Counter = field(default_factory=Counter)
    n_pred: Counter = field(default_factory=Counter)
    chains_total: int = 0
    chains_right: int = 0
    articles: int = 0
    missing_articles: List[str] = field(default_factory=list)
    errors: List[Dict[str, Any]] = field(default_factory=list)

    def add(self, doc_id: str, kind: str, gold: List[Any], pred: List[Any], same: Callable[[Any, Any], bool]) -> None:
        missed, extra = match(gold, pred, same)
        self.tp[kind] += len(gold) - len(missed)
        self.n_gold[kind] += len(gold)
        self.n_pred[kind] += len(pred)
        if missed or extra:
            self.errors.append({"id": doc_id, "kind": kind, "missed": [_show(kind, gold[i]) for i in missed],
                                "extra": [_show(kind, pred[i]) for i in extra]})

    def row(self, kind: str) -> Dict[str, Any]:
        tp, g, p = self.tp[kind], self.n_gold[kind], self.n_pred[kind]
        prec = tp / p if p else (1.0 if not g else 0.0)
        rec = tp / g if g else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"kind": kind, "gold": g, "pred": p, "tp": tp, "precision": prec, "recall": rec, "f1": f1}

    @property
    def title_chain_accuracy(self) -> Optional[float]:
        return self.chains_right / self.chains_total if self.chains_total else None

    def to_dict(self) -> Dict[str, Any]:
        return {"rows": [self.row(k) for k in KINDS], "title_chain_accuracy": self.title_chain_accuracy,
                "articles": self.articles, "missing_articles": self.missing_articles, "errors": self.errors}

    def format(self, errors: bool = True) -> str:
        out = []
        if errors and self.errors:
            by_article: Dict[str, List[Dict[str, Any]]] = {}
            for e in self.errors:
                by_article.setdefault(e["id"], []).append(e)
            for doc_id, errs in by_article.items():
                out.append(f"{doc_id}")
                for e in errs:
                    if e["missed"]:
                        out.append(f"  {e['kind']:<12} missed {json.dumps(e['missed'], ensure_ascii=False)}")
                    if e["extra"]:
                        out.append(f"  {e['kind']:<12} extra  {json.dumps(e['extra'], ensure_ascii=False)}")
            out.append("")
        out.append(f"{'kind':<12} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
        for r in (self.row(k) for k in KINDS):
            out.append(f"{r['kind']:<12} {r['gold']:>5} {r['pred']:>5} {r['tp']:>5} "
                       f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}")
        acc = self.title_chain_accuracy
        out.append(f"title chains exactly right: {acc:.3f}" if acc is not None else "title chains: none matched")
        if self.missing_articles:
            out.append(f"articles with no prediction: {' '.join(self.missing_articles)}")
        return "\n".join(out)


def evaluate(gold: Dict[str, Dict[str, Any]], pred: Dict[str, Dict[str, Any]]) -> Evaluation:
    """Score predicted records against gold records, both keyed by article id.

    An article missing from ``pred`` counts as predicting nothing; predicted articles that are not
    in ``gold`` are ignored.
    """
    ev = Evaluation(articles=len(gold), missing_articles=sorted(set(gold) - set(pred)))
    for doc_id, g in gold.items():
        p = pred.get(doc_id, {})
        for kind in PERSON_KINDS:
            gp, pp = people_of(g, kind), people_of(p, kind)
            ev.add(doc_id, kind + "s", gp, pp, lambda a, b: clean(a["name"]) == clean(b["name"]))
            if kind != "official":
                continue
            pred_by_name = {clean(x["name"]): x for x in pp}
            for person in gp:
                q = pred_by_name.get(clean(person["name"]))
                if q is not None:
                    ev.chains_total += 1
                    ev.chains_right += [clean(t) for t in person.get("titles") or []] == \
                        [clean(t) for t in q.get("titles") or []]
            g_titles = [(clean(x["name"]), clean(t)) for x in gp for t in x.get("titles") or []]
            p_titles = [(clean(x["name"]), clean(t)) for x in pp for t in x.get("titles") or []]
            ev.add(doc_id, "titles", g_titles, p_titles, lambda a, b: a == b)
        ev.add(doc_id, "capacities", g.get("capacities") or [], p.get("capacities") or [], same_capacity)
        ev.add(doc_id, "investments", g.get("investments") or [], p.get("investments") or [], same_money)
        ev.add(doc_id, "projects", g.get("projects") or [], p.get("projects") or [],
               lambda a, b: contained(a.get("text", ""), b.get("text", ""), 0.6))
        ev.add(doc_id, "slogans", g.get("slogans") or [], p.get("slogans") or [],
               lambda a, b: contained(a.get("text", ""), b.get("text", ""), 0.75))
    return ev


class EvaluationInputError(ValueError):
    """A gold or prediction file that cannot be scored (names the file and line)."""


def read_keyed(path: Union[str, Path]) -> Dict[str, Dict[str, Any]]:
    """Records of a JSONL (or, for predictions, Parquet) file keyed by ``id``; the last one wins."""
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        from .outputs import read_records

        return {str(r["id"]): r for r in read_records(path)}
    recs: Dict[str, Dict[str, Any]] = {}
    try:
        lines: Iterable[str] = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise EvaluationInputError(f"{path}: cannot read: {err}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvaluationInputError(f"{path}:{n}: not JSON: {err}") from None
        if not isinstance(rec, dict) or "id" not in rec:
            raise EvaluationInputError(f"{path}:{n}: a record needs an 'id'")
        recs[str(rec["id"])] = rec
    return recs


def evaluate_files(gold: Union[str, Path], pred: Union[str, Path]) -> Evaluation:
    return evaluate(read_keyed(gold), read_keyed(pred))
