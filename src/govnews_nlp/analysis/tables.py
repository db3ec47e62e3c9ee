"""pandas DataFrames of a corpus, for notebooks: one row per person, title, event, project, capacity,
investment and slogan, each with the article it comes from (``article`` = the record's id, ``source``),
its ``date``/``year`` and the article's ``place``.

Flat tables are what researchers group, pivot and plot; the nested record stays the exchange format.
Build all at once with :func:`frames` (one pass over the records) or one with ``people_frame(src)`` ….
"""

from __future__ import annotations

from typing import Any, Dict, List

from .officials import article_place, record_keys, resolve_keys
from .places import title_place
from .sources import RecordSource, iter_records

TABLES = ("people", "titles", "events", "projects", "capacities", "investments", "slogans")


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - the [report] extra is missing
        raise ImportError("govnews_nlp.analysis needs pandas: pip install 'govnews-nlp[report]'") from None
    return pd


def rows(source: RecordSource) -> Dict[str, List[Dict[str, Any]]]:
    """The rows of every table (plain dicts), officials resolved across the records."""
    out: Dict[str, List[Dict[str, Any]]] = {t: [] for t in TABLES}
    keys: Dict[Any, Dict[str, Any]] = {}
    pending = []
    for rec in iter_records(source):
        if rec.get("error"):
            continue
        date = rec.get("date") or {}
        base = {"article": rec.get("id"), "source": rec.get("source"), "date": date.get("iso"),
                "year": date.get("year"), "place": article_place(rec)}
        key_of = {}
        for key, person in record_keys(rec):
            info = keys.setdefault(key, {"kind": person.get("kind"), "articles": 0})
            info["articles"] += 1
            key_of[id(person)] = key  # by object: a v1 record's people have no ids
        names = {p.get("id"): p.get("name") for p in rec.get("people") or []}
        for p in rec.get("people") or []:
            row = {**base, "person": p.get("id"), "name": p.get("name"), "kind": p.get("kind"),
                   "titles": "、".join(p.get("titles") or []), "official": None}
            out["people"].append(row)
            pending.append((row, key_of.get(id(p))))
            for i, t in enumerate(p.get("titles") or []):
                trow = {**base, "person": p.get("id"), "name": p.get("name"), "title": t, "order": i,
                        "title_place": title_place(t), "official": None}
                out["titles"].append(trow)
                pending.append((trow, key_of.get(id(p))))
        for ev in rec.get("events") or []:
            erow = {**base, "event": ev.get("id"), "action": ev.get("action"), "kind": ev.get("kind"),
                    "who": "、".join(names.get(w) or w for w in ev.get("who") or []),
                    "event_place": ev.get("place"), "projects": len(ev.get("projects") or []),
                    "capacities": len(ev.get("capacities") or []), "investments": len(ev.get("investments") or [])}
            out["events"].append(erow)
        for p in rec.get("projects") or []:
            out["projects"].append({**base, "text": p.get("text")})
        for c in rec.get("capacities") or []:
            out["capacities"].append({**base, "text": c.get("text"), "value": c.get("value"), "unit": c.get("unit"),
                                      "per": c.get("per")})
        for v in rec.get("investments") or []:
            out["investments"].append({**base, "text": v.get("text"), "value": v.get("value"), "unit": v.get("unit")})
        for s in rec.get("slogans") or []:
            out["slogans"].append({**base, "text": s.get("text"), "issuer": s.get("issuer"), "kind": s.get("kind")})
    res = resolve_keys(keys)
    for row, key in pending:
        row["official"] = res.by_key.get(key) if key else None
    return out


def frames(source: RecordSource) -> Dict[str, Any]:
    """Every table as a DataFrame, keyed by name (``people``, ``titles``, ``events`` …)."""
    pd = _pandas()
    columns = {
        "people": ["article", "source", "date", "year", "place", "person", "name", "kind", "titles", "official"],
        "titles": ["article", "source", "date", "year", "place", "person", "name", "title", "order", "title_place",
                   "official"],
        "events": ["article", "source", "date", "year", "place", "event", "action", "kind", "who", "event_place",
                   "projects", "capacities", "investments"],
        "projects": ["article", "source", "date", "year", "place", "text"],
        "capacities": ["article", "source", "date", "year", "place", "text", "value", "unit", "per"],
        "investments": ["article", "source", "date", "year", "place", "text", "value", "unit"],
        "slogans": ["article", "source", "date", "year", "place", "text", "issuer", "kind"],
    }
    data = rows(source)
    out = {}
    for name in TABLES:
        df = pd.DataFrame(data[name], columns=columns[name])
        df["year"] = df["year"].astype("Int64")
        out[name] = df
    return out


def _one(name: str):
    def frame(source: RecordSource):
        return frames(source)[name]

    frame.__name__ = f"{name}_frame"
    frame.__doc__ = f"The ``{name}`` table of :func:`frames` alone."
    return frame


people_frame = _one("people")
titles_frame = _one("titles")
events_frame = _one("events")
projects_frame = _one("projects")
capacities_frame = _one("capacities")
investments_frame = _one("investments")
slogans_frame = _one("slogans")
