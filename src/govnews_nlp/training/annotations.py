"""Readers for annotations made on the **raw** text of articles, in the formats annotation tools
export: spaCy/Prodigy JSONL, doccano JSONL and Label Studio's JSON export.

Each reader yields :class:`RawExample` items: the raw text, an id, and character spans
``(start, end, label)`` on that raw text. A malformed line or task is an error naming the file
and line (or task index), never a silent skip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

FORMATS = ("auto", "spacy", "doccano", "labelstudio")


class AnnotationError(ValueError):
    """A malformed annotation file, with the place it was found."""


@dataclass
class RawExample:
    id: str
    text: str
    spans: List[Tuple[int, int, str]] = field(default_factory=list)
    where: str = ""


def read_annotations(path: Path, fmt: str = "auto") -> List[RawExample]:
    """All examples of ``path`` in format ``fmt`` (``auto``: from the first record's keys)."""
    if fmt not in FORMATS:
        raise AnnotationError(f"unknown annotation format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    text = Path(path).read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array: Label Studio's export (or a list of spaCy records)
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{path}: not valid JSON: {exc}") from None
        where = [f"{path}: task {i}" for i in range(len(items))]
    else:
        items, where = [], []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"{path}:{n}: not valid JSON: {exc}") from None
            where.append(f"{path}:{n}")
    out = []
    for i, (item, loc) in enumerate(zip(items, where)):
        kind = fmt if fmt != "auto" else _detect(item, loc)
        out.append(_READERS[kind](item, loc, i))
    return out


def _detect(item: Any, where: str) -> str:
    if not isinstance(item, dict):
        raise AnnotationError(f"{where}: expected a JSON object, got {type(item).__name__}")
    if "annotations" in item and "data" in item:
        return "labelstudio"
    if isinstance(item.get("label"), list) or isinstance(item.get("labels"), list):
        return "doccano"
    if "text" in item:
        return "spacy"
    raise AnnotationError(f"{where}: cannot tell the format (no 'text', 'label' or 'annotations' key)")


def _id(item: dict, index: int) -> str:
    for key in ("id", "_id"):
        if item.get(key) is not None:
            return str(item[key])
    meta = item.get("meta")
    if isinstance(meta, dict) and meta.get("id") is not None:
        return str(meta["id"])
    return str(index)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise AnnotationError(f"{where}: 'text' must be a string, got {type(value).__name__}")
    return value


def _span(start: Any, end: Any, label: Any, text: str, where: str) -> Tuple[int, int, str]:
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise AnnotationError(f"{where}: span ({start!r}, {end!r}) is not inside the text of {len(text)} characters")
    if not isinstance(label, str) or not label:
        raise AnnotationError(f"{where}: span ({start}, {end}) has no label")
    return start, end, label


def _spacy(item: dict, where: str, index: int) -> RawExample:
    text = _text(item.get("text"), where)
    spans = [_span(s.get("start"), s.get("end"), s.get("label"), text, where) for s in item.get("spans") or []]
    return RawExample(_id(item, index), text, spans, where)


def _doccano(item: dict, where: str, index: int) -> RawExample:
    text = _text(item.get("text"), where)
    raw = item.get("label", item.get("labels")) or []
    spans = []
    for entry in raw:
        if not (isinstance(entry, (list, tuple)) and len(entry) == 3):
            raise AnnotationError(f"{where}: a doccano label must be [start, end, label], got {entry!r}")
        spans.append(_span(*entry, text, where))
    return RawExample(_id(item, index), text, spans, where)


def _labelstudio(item: dict, where: str, index: int) -> RawExample:
    data = item.get("data") or {}
    text = _text(data.get("text"), where)
    spans = []
    for ann in item.get("annotations") or []:
        if ann.get("was_cancelled"):
            continue
        for res in ann.get("result") or []:
            value = res.get("value") or {}
            labels = value.get("labels") or []
            if res.get("type", "labels") != "labels" or not labels:
                continue
            for label in labels:
                spans.append(_span(value.get("start"), value.get("end"), label, text, where))
        break  # the first (non-cancelled) annotation of a task, as Label Studio's own exports do
    ident: Optional[Any] = data.get("id", item.get("id"))
    return RawExample(str(ident) if ident is not None else str(index), text, spans, where)


_READERS = {"spacy": _spacy, "doccano": _doccano, "labelstudio": _labelstudio}


def iter_spans(examples: List[RawExample]) -> Iterator[Tuple[RawExample, Tuple[int, int, str]]]:
    for ex in examples:
        for span in ex.spans:
            yield ex, span
