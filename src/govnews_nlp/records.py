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
from typing import Any, Dict, Optional

from spacy.tokens import Doc

from . import extensions as ext
from .about import __version__
from .dates import find_date

#: The lists of the gold schema, in their order.
RECORD_LISTS = ("people", "capacities", "investments", "projects", "slogans")
#: Every key of a record, in order (components may add more after ``date``).
RECORD_KEYS = ("id", *RECORD_LISTS, "headline", "date", "normalization", "segmenter", "version", "source", "error")

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
    headline = doc._.headline
    record["headline"] = headline.text if headline is not None else None
    record["date"] = fields.pop("date", None) or find_date(doc.text)
    record.update(fields)  # extra fields a component contributes
    report = dict(doc.user_data.get(ext.REPORT_KEY) or {})
    report["encoding"] = encoding or report.get("encoding")
    record["normalization"] = report
    record["segmenter"] = doc.user_data.get(ext.SEGMENTER_KEY)
    record["version"] = __version__
    record["source"] = source
    record["error"] = None
    return record


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
        "normalization": {"encoding": encoding},
        "segmenter": segmenter,
        "version": __version__,
        "source": source,
        "error": str(error) or "error",
    })
    return record
