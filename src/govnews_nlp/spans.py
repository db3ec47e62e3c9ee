"""Character hits → spaCy spans, whatever the segmenter.

Components find things by scanning ``doc.text`` with regexes, so their results are character
offsets. With the ``char`` segmenter every offset is a token boundary; with ``jieba`` or
``pkuseg`` a word token can straddle an entity boundary (``市委书记罗清宇强调`` segmented as
``罗清宇强`` …). We never drop or widen the entity: the straddling token is split with the
retokenizer. spaCy's retokenizer does not update ``doc.spans`` groups, so existing groups and
entities are saved as character offsets around the split and rebuilt afterwards.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from spacy.tokens import Doc, Span

#: A label string, or its hash in the Doc's StringStore.
Label = Union[str, int]


def ensure_boundaries(doc: Doc, offsets: Iterable[int]) -> int:
    """Split tokens so that every character offset in ``offsets`` is a token boundary.

    Returns the number of tokens split. Span groups and entities survive unchanged. Each offset
    is checked with a binary search over the tokens, so the cost is O(k log n) for k offsets,
    and nothing is rebuilt when every offset already is a boundary (always so with ``char``).
    """
    cuts_by_token: Dict[int, List[int]] = {}
    for off in sorted(set(offsets)):
        tok = _token_at(doc, off)
        if tok is None or tok.idx == off:  # a boundary already, or whitespace outside tokens
            continue
        cuts_by_token.setdefault(tok.i, []).append(off - tok.idx)
    if not cuts_by_token:
        return 0
    saved_groups = {
        name: [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in group]
        for name, group in doc.spans.items()
    }
    saved_group_attrs = {name: dict(group.attrs) for name, group in doc.spans.items()}
    saved_ents = [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in doc.ents]
    with doc.retokenize() as retok:
        for i, cuts in cuts_by_token.items():
            tok = doc[i]
            pieces = [tok.text[a:b] for a, b in zip([0, *cuts], [*cuts, len(tok.text)])]
            heads = [(tok, 0)] * len(pieces)
            retok.split(tok, pieces, heads=heads)
    doc.ents = [_char_span(doc, *e) for e in saved_ents]
    for name, items in saved_groups.items():
        doc.spans[name] = [_char_span(doc, *e) for e in items]
        doc.spans[name].attrs.update(saved_group_attrs[name])
    return len(cuts_by_token)


def _token_at(doc: Doc, offset: int):
    # binary search over token start offsets
    lo, hi = 0, len(doc) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        tok = doc[mid]
        if tok.idx + len(tok.text) <= offset:
            lo = mid + 1
        elif tok.idx > offset:
            hi = mid - 1
        else:
            return tok
    return None


def _char_span(doc: Doc, start: int, end: int, label: Label = "", kb_id: str = "", span_id: str = "") -> Span:
    span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id, alignment_mode="strict")
    if span is None:  # pragma: no cover - boundaries were ensured before
        raise ValueError(f"no token-aligned span for characters {start}..{end} of {doc.text[start:end]!r}")
    return span


def make_spans(doc: Doc, hits: Sequence[Tuple[int, int, Label]], text_len: Optional[int] = None) -> List[Span]:
    """Spans for character hits ``(start, end, label)``, splitting tokens where needed.

    ``text_len`` (the length of ``doc.text``, when the caller has it) allows the one shortcut that
    is always right: a Doc with one token per character and no whitespace (the ``char``
    segmenter) has character offsets that are token indices. Otherwise each hit is looked up with
    ``doc.char_span``; only when a word token straddles a hit (jieba, pkuseg) are tokens split.
    """
    if text_len is not None and len(doc) == text_len:
        return [Span(doc, s, e, label=label) for s, e, label in hits]
    spans = [doc.char_span(s, e, label=label, alignment_mode="strict") for s, e, label in hits]
    if all(sp is not None for sp in spans):  # the common case, and always so with ``char``
        return spans  # type: ignore[return-value]
    ensure_boundaries(doc, [o for s, e, _ in hits for o in (s, e)])
    return [_char_span(doc, s, e, label) for s, e, label in hits]
