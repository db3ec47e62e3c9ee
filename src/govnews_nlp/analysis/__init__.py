"""Corpus analysis on extraction records: events, officials across articles, DataFrames and a report.

Everything here works on records (dicts, a JSONL or a Parquet file), never on a Doc or a pipeline,
so a researcher can analyse a corpus extracted once. The events of one article are computed when the
record is made (:mod:`.events`, called by :func:`govnews_nlp.records.to_record`). pandas and
matplotlib (the ``[report]`` extra) are imported only by the parts that need them.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "capacities_frame",
    "career",
    "events_frame",
    "find_events",
    "frames",
    "investments_frame",
    "iter_records",
    "people_frame",
    "projects_frame",
    "resolve_officials",
    "slogans_frame",
    "titles_frame",
    "write_report",
]

_LAZY = {
    "find_events": "events", "resolve_officials": "officials", "career": "officials", "iter_records": "sources",
    "frames": "tables", "people_frame": "tables", "titles_frame": "tables", "events_frame": "tables",
    "projects_frame": "tables", "capacities_frame": "tables", "investments_frame": "tables",
    "slogans_frame": "tables", "write_report": "report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
