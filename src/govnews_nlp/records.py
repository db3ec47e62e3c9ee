"""Doc → extraction record: the schema of ``corpus/dev/gold.jsonl`` plus provenance.

The components leave their part of the record in ``doc.user_data`` (see
:func:`govnews_nlp.extensions.set_record_field`), which survives multiprocessing; this module
only assembles. The schema is documented in docs/records.md.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from spacy.tokens import Doc

from . import extensions as ext
from .about import __version__

#: The lists of the gold schema, in their order.
RECORD_LISTS = ("people", "capacities", "investments", "projects", "slogans")


def to_record(doc: Doc, id: Optional[str] = None) -> Dict[str, Any]:
    """The extraction record of one processed Doc."""
    fields = ext.record_fields(doc)
    record: Dict[str, Any] = {"id": id}
    for key in RECORD_LISTS:
        record[key] = list(fields.pop(key, []))
    headline = doc._.headline
    record["headline"] = headline.text if headline is not None else None
    record.update(fields)  # extra fields a component contributes (e.g. "date")
    report = dict(doc.user_data.get(ext.REPORT_KEY, {}))
    record["normalization"] = report
    record["segmenter"] = doc.user_data.get(ext.SEGMENTER_KEY)
    record["version"] = __version__
    record["error"] = None
    return record


def error_record(id: str, error: str, **extra: Any) -> Dict[str, Any]:
    """The record of an article that could not be processed: empty lists and the reason."""
    record: Dict[str, Any] = {"id": id}
    for key in RECORD_LISTS:
        record[key] = []
    record.update({"headline": None, "normalization": {}, "segmenter": None, "version": __version__})
    record.update(extra)
    record["error"] = error
    return record
