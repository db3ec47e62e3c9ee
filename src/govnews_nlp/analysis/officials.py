"""The same official across articles: one id from the name plus the places and organisations of the titles.

Within an article a person has an id (``P1``); across a corpus researchers need one id per human
being, to count appearances and follow careers. Two 王伟 in different cities stay apart, and a
福州市市长 later 福州市委书记 is one person: a mention is keyed by its name and its place (the place
printed in its titles, else the place of the article, :func:`article_place`), an executive's by the
company when no place is printed. A mention that has no key of its own joins the name's only keyed
person, if the name has exactly one; otherwise it stays a person of its own (``王伟@?``), since a
wrong merge is worse for counting than a split. Pure functions over records.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .places import base_name, first_place, title_place

#: Posts at the end of a title, removed to leave the organisation (``中国长江三峡集团党组书记`` → ``中国长江三峡集团``).
_POST_TAIL = re.compile(r"(?:党组|党委|董事会)?(?:副)?(?:书记|董事长|总经理|总裁|主任|主席|经理|董事|执行董事|"
                        r"厂长|行长|院长|局长|部长|市长|县长|区长|省长|镇长|乡长|委员|常委|成员)$")


def article_place(record: Dict[str, Any]) -> Optional[str]:
    """Where an article is set: the first place in an official's titles, else the first event's place."""
    for p in record.get("people") or []:
        if p.get("kind") == "official":
            place = first_place(p.get("titles") or [])
            if place:
                return place
    for ev in record.get("events") or []:
        if ev.get("place"):
            return ev["place"]
    return None


def title_org(title: str) -> str:
    """The organisation of a title without its place and post (``福州市委书记`` → ``委``, kept short on purpose)."""
    place = title_place(title) or ""
    rest = title[len(place):] if title.startswith(place) else title
    return _POST_TAIL.sub("", rest) or rest


#: Titles of the national level: their holder is the same person whatever the article's place.
_NATIONAL = re.compile(r"总书记|国家主席|总理|国务院|中央|全国|国家")
NATIONAL = "中央"


def mention_key(person: Dict[str, Any], place_of_article: Optional[str]) -> Tuple[str, Optional[str], Optional[str]]:
    """``(name, place, org)`` of one record person: the place compared by base name (``福州市`` → ``福州``)."""
    titles = person.get("titles") or []
    place = first_place(titles)
    if place is None and any(_NATIONAL.search(t) for t in titles):
        return person.get("name") or "", NATIONAL, None
    if place is None and person.get("kind") == "official":
        place = place_of_article
    org = None
    if place is None and person.get("kind") == "executive" and titles:
        org = title_org(titles[0]) or None
    return person.get("name") or "", base_name(place) if place else None, org


@dataclass
class Official:
    """One person across the corpus."""

    id: str
    name: str
    kind: str
    places: Counter = field(default_factory=Counter)
    articles: int = 0

    def place(self) -> Optional[str]:
        return self.places.most_common(1)[0][0] if self.places else None


@dataclass
class Resolution:
    """``official_id(name, place, org)`` for every key seen, and the officials by id."""

    by_key: Dict[Tuple[str, Optional[str], Optional[str]], str]
    officials: Dict[str, Official]

    def official_id(self, key: Tuple[str, Optional[str], Optional[str]]) -> Optional[str]:
        return self.by_key.get(key)


def resolve_keys(keys: Dict[Tuple[str, Optional[str], Optional[str]], Dict[str, Any]]) -> Resolution:
    """Officials from the keys of all mentions (``key → {"kind", "places": Counter, "articles"}``).

    Works on distinct keys, not mentions, so a corpus of millions of mentions resolves in the time of
    its distinct (name, place) pairs.
    """
    by_name: Dict[str, List[Tuple[str, Optional[str], Optional[str]]]] = defaultdict(list)
    for key in keys:
        by_name[key[0]].append(key)
    by_key: Dict[Tuple[str, Optional[str], Optional[str]], str] = {}
    officials: Dict[str, Official] = {}

    def add(oid: str, key: Tuple[str, Optional[str], Optional[str]]) -> None:
        info = keys[key]
        off = officials.get(oid)
        if off is None:
            off = officials[oid] = Official(oid, key[0], info.get("kind") or "official")
        off.places.update(info.get("places") or {})
        off.articles += int(info.get("articles") or 0)
        by_key[key] = oid

    for name, name_keys in sorted(by_name.items()):
        placed = sorted({k[1] for k in name_keys if k[1]})
        for key in sorted(name_keys, key=lambda k: (k[1] is None, k[1] or "", k[2] or "")):
            if key[1]:
                add(f"{name}@{key[1]}", key)
            elif key[2]:
                add(f"{name}@{key[2]}", key)
            elif len(placed) == 1:
                add(f"{name}@{placed[0]}", key)
            else:
                add(f"{name}@?", key)
    return Resolution(by_key, officials)


def resolve_officials(records: Iterable[Dict[str, Any]]) -> Tuple[Resolution, List[Dict[str, Any]]]:
    """Resolve the officials and executives of ``records`` (journalists are left out).

    Returns the resolution and the mentions: one dict per record person with ``article`` (the record's
    id), ``source``, ``person`` (the per-article id), ``official`` (the corpus id), ``date``, ``year``,
    ``titles``. Keeps every mention in memory: for a corpus too large for that, the report aggregates
    keys as it streams (:mod:`.report`).
    """
    keys: Dict[Tuple[str, Optional[str], Optional[str]], Dict[str, Any]] = {}
    mentions: List[Tuple[Tuple[str, Optional[str], Optional[str]], Dict[str, Any]]] = []
    for rec in records:
        for key, person in record_keys(rec):
            info = keys.setdefault(key, {"kind": person.get("kind"), "places": Counter(), "articles": 0})
            place = first_place(person.get("titles") or []) or article_place(rec)
            if place:
                info["places"][place] += 1
            info["articles"] += 1
            date = rec.get("date") or {}
            mentions.append((key, {"article": rec.get("id"), "source": rec.get("source"), "person": person.get("id"),
                                   "name": person.get("name"), "titles": list(person.get("titles") or []),
                                   "kind": person.get("kind"), "date": date.get("iso"), "year": date.get("year")}))
    res = resolve_keys(keys)
    out = []
    for key, m in mentions:
        m["official"] = res.by_key[key]
        out.append(m)
    return res, out


def record_keys(rec: Dict[str, Any]) -> List[Tuple[Tuple[str, Optional[str], Optional[str]], Dict[str, Any]]]:
    """The key of each official and executive of one record (one per person)."""
    if rec.get("error"):
        return []
    place = article_place(rec)
    return [(mention_key(p, place), p) for p in rec.get("people") or []
            if p.get("kind") in ("official", "executive") and p.get("name")]


def career(mentions: Iterable[Dict[str, Any]], official: str) -> List[Dict[str, Any]]:
    """The titles of one official by date: ``{"date", "year", "titles", "articles"}``, oldest first.

    Mentions with a full date come first in date order; those whose year is not printed follow, by
    month and day, since their place in the career is unknown.
    """
    by_date: Dict[Tuple[Optional[str], Tuple[str, ...]], List[str]] = defaultdict(list)
    for m in mentions:
        if m.get("official") == official:
            by_date[(m.get("date"), tuple(m.get("titles") or ()))].append(str(m.get("article")))
    rows = [{"date": d, "year": int(d[:4]) if d and d[0].isdigit() else None, "titles": list(t), "articles": a}
            for (d, t), a in by_date.items()]
    return sorted(rows, key=lambda r: (r["year"] is None, r["date"] or "~", r["titles"]))
