"""Doc → extraction record: the schema of ``corpus/dev/gold.jsonl`` plus provenance.

The components leave their part of the record in ``doc.user_data`` (see
:func:`govnews_nlp.extensions.set_record_field`), which survives multiprocessing; this module
only assembles. Every record has the same keys, in the same order, whether the article worked
or failed, so a consumer never has to special-case a failure beyond reading ``error``. The schema
is documented in docs/records.md and shipped as ``govnews_nlp/schema/record.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

from spacy.tokens import Doc

from . import extensions as ext
from .about import __version__
from .analysis.events import doc_events
from .dates import find_date

#: The lists of the gold schema, in their order.
RECORD_LISTS = ("people", "capacities", "investments", "projects", "slogans")
#: Every key of a record, in order (components may add more after ``events``).
RECORD_KEYS = ("id", *RECORD_LISTS, "headline", "date", "events", "normalization", "segmenter", "version",
               "schema_version", "source", "error")
#: The version of the record layout (docs/records.md, "Versions"); also the version in the JSON Schema's ``$id``.
#: 1: the gold lists and provenance. 2: ``people[].id``, ``events``, ``schema_version``.
SCHEMA_VERSION = 2

SCHEMA_PATH = Path(__file__).parent / "schema" / "record.schema.json"


def record_schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def to_record(
    doc: Doc,
    id: Optional[str] = None,
    *,
    source: Optional[str] = None,
    encoding: Optional[str] = None,
) -> Dict[str, Any]:
    """The extraction record of one processed Doc.

    id:       the article's id (kept as given; ``None`` if the caller has none).
    source:   where the article came from (file, ``file.jsonl:LINE``), for provenance.
    encoding: the encoding its bytes were decoded from, reported under ``normalization``.
    """
    fields = ext.record_fields(doc)
    record: Dict[str, Any] = {"id": id}
    for key in RECORD_LISTS:
        record[key] = list(fields.pop(key, None) or [])
    record["people"] = _with_person_ids(record["people"], doc)
    headline = doc._.headline
    record["headline"] = headline.text if headline is not None else None
    record["date"] = fields.pop("date", None) or find_date(doc.text)
    record["events"] = doc_events(doc, record["people"], record["date"])
    record.update(fields)  # extra fields a component contributes
    report = dict(doc.user_data.get(ext.REPORT_KEY) or {})
    report["encoding"] = encoding or report.get("encoding")
    record["normalization"] = report
    record["segmenter"] = doc.user_data.get(ext.SEGMENTER_KEY)
    record["version"] = __version__
    record["schema_version"] = SCHEMA_VERSION
    record["source"] = source
    record["error"] = None
    return record


def _with_person_ids(people: List[Dict[str, Any]], doc: Doc) -> List[Dict[str, Any]]:
    """Each person with its per-article ``id`` first: the Doc's (``doc._.people``, shared by the mention
    spans' ``_.person_id``) where it has one for that name, else ``P<n>`` in order of the list."""
    doc_ids: Dict[str, str] = {}
    if Doc.has_extension("people"):
        for p in doc._.people or []:
            if p.get("id") and p.get("name") and p["name"] not in doc_ids:
                doc_ids[p["name"]] = str(p["id"])
    out, used = [], set()
    for n, person in enumerate(people, 1):
        pid = doc_ids.get(person.get("name"), f"P{n}")
        if pid in used:
            pid = f"P{n}"
        used.add(pid)
        out.append({"id": pid, **{k: v for k, v in person.items() if k != "id"}})
    return out


def error_record(
    id: Optional[str],
    error: str,
    *,
    source: Optional[str] = None,
    encoding: Optional[str] = None,
    segmenter: Optional[str] = None,
) -> Dict[str, Any]:
    """The record of an article that could not be processed: empty lists and the reason."""
    record: Dict[str, Any] = {"id": id}
    for key in RECORD_LISTS:
        record[key] = []
    record.update({
        "headline": None,
        "date": None,
        "events": [],
        "normalization": {"encoding": encoding},
        "segmenter": segmenter,
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "error": str(error) or "error",
    })
    return record
