"""Events of an article: who inspected, visited, signed, broke ground, commissioned or met, when and where.

Researchers count these acts, so each article's record carries them (``events``), computed from the
record's own parts: the clean text, the people (with their per-article ids), the mentions of the
people and the project, capacity and investment spans. :func:`find_events` is a pure function of
those; :func:`doc_events` reads them off a processed ``Doc`` (its span groups and ``doc._.people``)
and needs no pipeline object.

Reading: the text is cut into sentences; a sentence with an action trigger (data:
``patterns/event_actions.jsonl``) opens an event, and the sentences up to the next trigger belong to
it (``…调研…。吴贤德一行实地察看了…项目`` → the projects of the 调研). The actors are the officials and
executives mentioned in the event's sentences, or, when a trigger sentence names nobody (``一行``),
those of the sentence before, else those of the sentences that follow it. One entry per action per
article: an article reports one inspection, mentioned in its headline and again in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple

from pydantic import Field

from ..lexicon import LexiconError, Rule, default_patterns_dir, load_rules
from .places import first_place, places_in

ACTION_KINDS = ("inspection", "visit", "signing", "groundbreaking", "commissioning", "meeting")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
#: (start, end, text) of a span in the clean text.
Hit = Tuple[int, int, str]


class ActionRule(Rule):
    """One trigger word and the action it reports."""

    text: str = Field(min_length=1)
    action: str = Field(min_length=1)
    kind: Literal["inspection", "visit", "signing", "groundbreaking", "commissioning", "meeting"]
    source: str = Field(min_length=3)
    not_after: List[str] = Field(default_factory=list)
    not_before: List[str] = Field(default_factory=list)


@dataclass(frozen=True)
class ActionTable:
    """The rules compiled into one regex (longest trigger first)."""

    rules: Tuple[ActionRule, ...]
    by_text: Dict[str, ActionRule] = field(default_factory=dict)
    regex: Any = None

    @classmethod
    def build(cls, rules: Sequence[ActionRule], source: str = "event_actions.jsonl",
              lines: Optional[Dict[str, int]] = None) -> ActionTable:
        by_text: Dict[str, ActionRule] = {}
        for r in rules:
            if r.text in by_text:
                where = f"{source}:{lines[r.id]}" if lines and r.id in lines else source
                first = by_text[r.text].id
                raise LexiconError(f"{where}: trigger {r.text!r} of {r.id} is already the trigger of {first}")
            by_text[r.text] = r
        alternatives = "|".join(re.escape(t) for t in sorted(by_text, key=len, reverse=True))
        return cls(tuple(rules), by_text, re.compile(alternatives) if alternatives else None)


def load_action_rules(path: Optional[Path] = None) -> ActionTable:
    """Read and validate ``event_actions.jsonl``; a bad line raises :class:`LexiconError` naming file and line."""
    path = Path(path) if path else default_patterns_dir() / "event_actions.jsonl"
    rules = load_rules(path, ActionRule)
    lines: Dict[str, int] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.search(r'"id"\s*:\s*"([^"]*)"', line)
        if m and not line.strip().startswith("//"):
            lines.setdefault(m.group(1), lineno)
    return ActionTable.build(rules, str(path), lines)


@lru_cache(maxsize=1)
def default_actions() -> ActionTable:
    return load_action_rules()


def _sentences(text: str) -> List[Tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _triggers(text: str, start: int, end: int, table: ActionTable) -> List[Tuple[int, ActionRule]]:
    found = []
    if table.regex is None:
        return found
    for m in table.regex.finditer(text, start, end):
        rule = table.by_text[m.group()]
        after, before = text[m.end(): m.end() + 4], text[max(start, m.start() - 4): m.start()]
        if any(after.startswith(x) for x in rule.not_after) or any(before.endswith(x) for x in rule.not_before):
            continue
        found.append((m.start(), rule))
    return found


def _in(hits: Iterable[Hit], start: int, end: int) -> List[str]:
    out: List[str] = []
    for s, e, t in hits:
        if start <= s and e <= end and t not in out:
            out.append(t)
    return out


def _article_place(text: str, people: Sequence[Dict[str, Any]]) -> Optional[str]:
    """Where the article is set when an event names no place: the first place of any official's titles
    (a ``市长`` in an article whose ``市委书记`` is ``福州市委书记``), else the first unit the text names."""
    for p in people:
        if p.get("kind") == "official":
            place = first_place(p.get("titles") or [])
            if place:
                return place
    found = places_in(text[:3000])
    return found[0] if found else None


def find_events(
    text: str,
    people: Sequence[Dict[str, Any]],
    mentions: Sequence[Tuple[int, int, str]],
    *,
    projects: Sequence[Hit] = (),
    capacities: Sequence[Hit] = (),
    investments: Sequence[Hit] = (),
    date: Optional[Dict[str, Any]] = None,
    table: Optional[ActionTable] = None,
) -> List[Dict[str, Any]]:
    """The events of one article.

    people:   the record's people, each with its per-article ``id`` (``P1`` …), ``titles`` and ``kind``.
    mentions: ``(start, end, person id)`` of every mention in ``text``.
    projects, capacities, investments: ``(start, end, text)`` spans of the clean text.
    date:     the record's ``date`` (its ``iso`` and ``year`` are copied into each event).
    """
    table = table or default_actions()
    by_id = {p["id"]: p for p in people if p.get("id")}
    actors = {pid for pid, p in by_id.items() if p.get("kind") in ("official", "executive")}
    sents = _sentences(text)
    opened: List[Tuple[int, int, List[Tuple[int, ActionRule]]]] = []  # sentence index, start, triggers
    for i, (s, e) in enumerate(sents):
        trig = _triggers(text, s, e, table)
        if trig:
            opened.append((i, s, trig))
    if not opened:
        return []
    events: Dict[str, Dict[str, Any]] = {}

    def who_in(s: int, e: int) -> List[str]:
        out: List[str] = []
        for ms, me, pid in sorted(mentions):
            if s <= ms and me <= e and pid in actors and pid not in out:
                out.append(pid)
        return out

    for n, (i, s0, trig) in enumerate(opened):
        seg_start = 0 if n == 0 else s0  # text before the first trigger (the headline) belongs to it
        seg_end = sents[opened[n + 1][0]][0] if n + 1 < len(opened) else len(text)
        s, e = sents[i]
        who = who_in(s, e)
        if not who and i > 0:
            who = who_in(*sents[i - 1])
        if not who:  # 双方签订协议。董事长…签字: the people of the event's next sentences
            who = who_in(e, seg_end)
        places = places_in(text[s:e])
        for pos, rule in trig:
            ev = events.get(rule.action)
            if ev is None:
                ev = events[rule.action] = {
                    "action": rule.action, "kind": rule.kind, "rules": [], "who": [], "date": None, "year": None,
                    "place": None, "place_from": None, "places": [], "projects": [], "capacities": [],
                    "investments": [], "start": pos, "end": pos + len(rule.text),
                }
            if rule.id not in ev["rules"]:
                ev["rules"].append(rule.id)
            ev["who"].extend(p for p in who if p not in ev["who"])
            ev["places"].extend(p for p in places if p not in ev["places"])
            for key, hits in (("projects", projects), ("capacities", capacities), ("investments", investments)):
                ev[key].extend(t for t in _in(hits, seg_start, seg_end) if t not in ev[key])
    out = []
    article_place = _article_place(text, people)
    for k, ev in enumerate(sorted(events.values(), key=lambda x: x["start"]), 1):
        if ev["places"]:
            ev["place"], ev["place_from"] = ev["places"][0], "text"
        else:
            for pid in ev["who"]:
                place = first_place(by_id[pid].get("titles") or [])
                if place:
                    ev["place"], ev["place_from"] = place, "title"
                    ev["places"] = [place]
                    break
            else:
                if article_place:
                    ev["place"], ev["place_from"], ev["places"] = article_place, "article", [article_place]
        if date:
            ev["date"], ev["year"] = date.get("iso"), date.get("year")
        out.append({"id": f"e{k}", **ev})
    return out


def doc_events(doc: Any, people: Sequence[Dict[str, Any]], date: Optional[Dict[str, Any]] = None,
               table: Optional[ActionTable] = None) -> List[Dict[str, Any]]:
    """:func:`find_events` over a processed Doc: its text, ``doc.spans`` groups and person ids."""
    from ..extensions import doc_text

    text = doc_text(doc)
    ids = {p["name"]: p["id"] for p in people}
    mentions = []
    spans = doc.spans
    for sp in spans["people"] if "people" in spans else ():
        pid = sp._.person_id if sp.has_extension("person_id") else None
        pid = pid or ids.get(sp.text)
        if pid:
            mentions.append((sp.start_char, sp.end_char, pid))

    def hits(key: str) -> List[Hit]:
        return [(sp.start_char, sp.end_char, sp.text) for sp in spans[key]] if key in spans else []

    return find_events(text, people, mentions, projects=hits("projects"), capacities=hits("capacities"),
                       investments=hits("investments"), date=date, table=table)
