"""``Doc`` and ``Span`` extensions, registered once, and where their data lives.

Everything is stored in ``doc.user_data`` under string keys with plain values (str, int, lists,
dicts), so a Doc keeps it through ``Doc.to_bytes``, ``DocBin`` and ``nlp.pipe(n_process=2)``.
Getters rebuild rich objects from those values on demand.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span

from .normalize.offsets import OffsetMap

RAW_KEY = "govnews_nlp.raw"
TEXT_KEY = "govnews_nlp.text"
MAP_KEY = "govnews_nlp.offset_map"
REPORT_KEY = "govnews_nlp.report"
HEADLINE_KEY = "govnews_nlp.headline"
SEGMENTER_KEY = "govnews_nlp.segmenter"
RECORD_PREFIX = "govnews_nlp.record."

_map_cache: Dict[int, Tuple[Any, OffsetMap]] = {}


def offset_map(doc: Doc) -> OffsetMap:
    """The clean→raw map of a Doc made by the normalizing tokenizer (identity otherwise)."""
    data = doc.user_data.get(MAP_KEY)
    if data is None:
        return OffsetMap.identity(len(doc_text(doc)))
    hit = _map_cache.get(id(doc))
    if hit is not None and hit[0] is data:
        return hit[1]
    mp = OffsetMap.from_list(data)
    if len(_map_cache) > 256:
        _map_cache.clear()
    _map_cache[id(doc)] = (data, mp)
    return mp


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it from the tokens, when the tokenizer kept the clean text.

    ``Doc.text`` joins every token's text in Python, which alone costs about a third of the bare
    char tokenizer's time: too much for components that must cost a quarter of it. The
    normalizing tokenizer keeps the text it segmented under :data:`TEXT_KEY`; it is used when its
    length matches the Doc (retokenization never changes the text), otherwise ``doc.text``.
    """
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(doc):
        last = doc[-1]
        if len(text) == last.idx + len(last.text_with_ws):
            return text
    return doc.text


def _raw_text(doc: Doc) -> str:
    raw = doc.user_data.get(RAW_KEY)
    return raw if raw is not None else doc_text(doc)


def _span_raw_span(span: Span) -> Tuple[int, int]:
    return offset_map(span.doc).out_span_to_src(span.start_char, span.end_char)


def _span_raw_text(span: Span) -> str:
    s, e = _span_raw_span(span)
    return _raw_text(span.doc)[s:e]


def _headline(doc: Doc) -> Optional[Span]:
    bounds = doc.user_data.get(HEADLINE_KEY)
    if not bounds:
        return None
    return doc.char_span(bounds[0], bounds[1], alignment_mode="expand")


def _normalization(doc: Doc) -> Dict[str, Any]:
    return doc.user_data.get(REPORT_KEY, {})


def set_extension_once(cls: Any, name: str, **kwargs: Any) -> None:
    """Register an extension unless it exists already (re-imports, several components)."""
    if not cls.has_extension(name):
        cls.set_extension(name, **kwargs)


def register_extensions() -> None:
    set_extension_once(Doc, "raw_text", getter=_raw_text)
    set_extension_once(Doc, "normalization", getter=_normalization)
    set_extension_once(Doc, "headline", getter=_headline)
    set_extension_once(Span, "raw_span", getter=_span_raw_span)
    set_extension_once(Span, "raw_text", getter=_span_raw_text)


def set_record_field(doc: Doc, key: str, items: List[Dict[str, Any]]) -> None:
    """Components put their part of the extraction record here (see :mod:`govnews_nlp.records`)."""
    doc.user_data[RECORD_PREFIX + key] = items


def record_fields(doc: Doc) -> Dict[str, Any]:
    n = len(RECORD_PREFIX)
    return {k[n:]: v for k, v in doc.user_data.items() if isinstance(k, str) and k.startswith(RECORD_PREFIX)}


GetterT = Callable[[Span], Any]
register_extensions()
