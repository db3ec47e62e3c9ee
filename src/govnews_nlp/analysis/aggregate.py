"""One streaming pass over the records: the counts and totals the report shows, in bounded memory.

A corpus of 100,000 articles is read one record at a time; what is kept grows with the number of
distinct officials, slogans, places, months and units, not with the number of articles. Every count
keeps up to :data:`MAX_LINKS` of the articles behind it (so each number on the page links to them),
and only those articles' headlines are kept for the page's index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .officials import Resolution, article_place, record_keys, resolve_keys

MAX_LINKS = 5
NO_YEAR = "year not printed"
Key = Tuple[str, Optional[str], Optional[str]]


@dataclass
class Linked:
    """A count and the first articles behind it (their ordinals in the corpus)."""

    n: int = 0
    total: float = 0.0
    links: List[int] = field(default_factory=list)

    def add(self, ref: int, value: float = 0.0, count: int = 1) -> None:
        self.n += count
        self.total += value
        if len(self.links) < MAX_LINKS and (not self.links or self.links[-1] != ref):
            self.links.append(ref)


@dataclass
class SloganTrack:
    """Where and when a slogan appeared: first appearance overall and per place, its issuers."""

    articles: Linked = field(default_factory=Linked)
    issuers: Counter = field(default_factory=Counter)
    first: Optional[Tuple[Tuple[int, int, int], str, int]] = None  # (date, place, ref)
    places: Dict[str, Tuple[Tuple[int, int, int], int]] = field(default_factory=dict)  # place → (date, ref)
    undated_places: Counter = field(default_factory=Counter)
    points: List[Tuple[Tuple[int, int, int], str]] = field(default_factory=list)  # dated appearances (capped)


MAX_POINTS = 400


class Corpus:
    """Feed records with :meth:`add`; read the aggregates after :meth:`finish`."""

    def __init__(self) -> None:
        self.records = 0
        self.errors = 0
        self.articles: Dict[int, Dict[str, Any]] = {}
        self.keys: Dict[Key, Dict[str, Any]] = {}
        self.key_links: Dict[Key, Linked] = defaultdict(Linked)
        self.key_titles: Dict[Key, Counter] = defaultdict(Counter)
        self.pairs: Dict[Tuple[Key, Key], Linked] = defaultdict(Linked)
        self.events: Dict[Tuple[str, str], Linked] = defaultdict(Linked)
        self.actions: Counter = Counter()
        self.slogans: Dict[str, SloganTrack] = defaultdict(SloganTrack)
        self.investments: Dict[Tuple[str, str], Linked] = defaultdict(Linked)
        self.capacities: Dict[Tuple[str, str, str], Linked] = defaultdict(Linked)
        self._meta: Dict[int, Dict[str, Any]] = {}
        self.resolution: Optional[Resolution] = None

    # -- reading --------------------------------------------------------------------------------
    def add(self, rec: Dict[str, Any]) -> None:
        ref = self.records
        self.records += 1
        if rec.get("error"):
            self.errors += 1
            return
        date = rec.get("date") or {}
        year = date.get("year")
        ymd = (year, date.get("month") or 0, date.get("day") or 0) if year else None
        place = article_place(rec) or "(no place)"
        self._meta[ref] = {"id": rec.get("id"), "source": rec.get("source"), "headline": rec.get("headline"),
                           "date": date.get("iso"), "place": place}
        linked: List[Linked] = []
        keys = []
        for key, person in record_keys(rec):
            info = self.keys.setdefault(key, {"kind": person.get("kind"), "places": Counter(), "articles": 0})
            info["articles"] += 1
            kl = self.key_links[key]
            kl.add(ref)
            linked.append(kl)
            self.key_titles[key].update(person.get("titles") or [])
            keys.append(key)
        keys = sorted(set(keys))
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                pl = self.pairs[(a, b)]
                pl.add(ref)
                linked.append(pl)
        period = f"{year:04d}-{date.get('month', 0):02d}" if year else NO_YEAR
        for ev in rec.get("events") or []:
            action = ev.get("action") or "?"
            el = self.events[(period, action)]
            el.add(ref)
            linked.append(el)
            self.actions[action] += 1
        for s in rec.get("slogans") or []:
            text = s.get("text")
            if not text:
                continue
            tr = self.slogans[text]
            tr.articles.add(ref)
            linked.append(tr.articles)
            if s.get("issuer"):
                tr.issuers[s["issuer"]] += 1
            if ymd:
                if tr.first is None or ymd < tr.first[0]:
                    tr.first = (ymd, place, ref)
                if place not in tr.places or ymd < tr.places[place][0]:
                    tr.places[place] = (ymd, ref)
                if len(tr.points) < MAX_POINTS:
                    tr.points.append((ymd, place))
            else:
                tr.undated_places[place] += 1
        ylabel = str(year) if year else NO_YEAR
        for v in rec.get("investments") or []:
            value = v.get("value")
            if isinstance(value, (int, float)):
                il = self.investments[(place, ylabel)]
                il.add(ref, float(value))
                linked.append(il)
        for c in rec.get("capacities") or []:
            value = c.get("value")
            if isinstance(value, (int, float)) and c.get("unit"):
                unit = c["unit"] + (f"/{c['per']}" if c.get("per") else "")
                cl = self.capacities[(unit, place, ylabel)]
                cl.add(ref, float(value))
                linked.append(cl)
        if any(ref in lk.links for lk in linked):
            self.articles[ref] = self._meta[ref]
        self._meta.pop(ref, None)

    def feed(self, records: Iterable[Dict[str, Any]]) -> Corpus:
        for rec in records:
            self.add(rec)
        return self.finish()

    def finish(self) -> Corpus:
        for key, kl in self.key_links.items():
            self.keys[key]["articles"] = kl.n
        self.resolution = resolve_keys(self.keys)
        return self

    # -- results --------------------------------------------------------------------------------
    def officials(self) -> List[Dict[str, Any]]:
        """Officials by number of articles, most first: id, name, kind, place, titles, articles, links."""
        assert self.resolution is not None
        merged: Dict[str, Dict[str, Any]] = {}
        for key, oid in self.resolution.by_key.items():
            kl = self.key_links[key]
            m = merged.setdefault(oid, {"id": oid, "name": key[0], "kind": self.keys[key]["kind"], "place": None,
                                        "titles": Counter(), "articles": 0, "links": []})
            m["articles"] += kl.n
            m["titles"].update(self.key_titles[key])
            m["links"] = (m["links"] + [x for x in kl.links if x not in m["links"]])[:MAX_LINKS]
            if key[1] and not m["place"]:
                m["place"] = key[1]
        return sorted(merged.values(), key=lambda m: (-m["articles"], m["id"]))

    def co_appearances(self) -> List[Dict[str, Any]]:
        """Pairs of officials named in the same articles, most first."""
        assert self.resolution is not None
        merged: Dict[Tuple[str, str], Linked] = {}
        for (a, b), pl in self.pairs.items():
            oa, ob = sorted((self.resolution.by_key[a], self.resolution.by_key[b]))
            if oa == ob:
                continue
            m = merged.setdefault((oa, ob), Linked())
            m.n += pl.n
            m.links = (m.links + [x for x in pl.links if x not in m.links])[:MAX_LINKS]
        return [{"a": a, "b": b, "n": lk.n, "links": lk.links}
                for (a, b), lk in sorted(merged.items(), key=lambda kv: (-kv[1].n, kv[0]))]
