"""What ``govnews_capacity`` writes on a Doc for its hits: spans, span groups, entities, the span
records behind ``span._.capacity`` / ``._.investment`` / ``._.project`` and the record fields.

This is the per-Doc half of :class:`~govnews_nlp.components.capacity.CapacityRuler`, kept out of
the component's module (which holds the spaCy factory and stays plain Python) so that the wheel
can compile it (:mod:`govnews_nlp.compiled`): it runs once per Doc and per hit, and its cost is
spaCy bookkeeping plus the Python steps around it.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import filter_spans

from .. import docfast
from ..extensions import RECORD_PREFIX
from ..spans import make_spans, set_ents_filtered
from .capacity_scan import Hit
from .projects import Project

#: The ``doc.spans`` group of each label.
GROUPS = {"CAPACITY": "capacities", "INVESTMENT": "investments", "PROJECT": "projects"}

#: ``doc.user_data`` key of the record entries of one extension, by ``"start:end"`` of the span.
#: One dict per Doc and kind instead of one ``span._.x = rec`` per span (each builds an
#: ``Underscore`` object); string keys, so the dicts survive ``Doc.to_bytes`` (msgpack).
SPAN_RECORDS_KEY = "govnews_nlp.capacity.span_records."
_CAP_KEY = SPAN_RECORDS_KEY + "capacity"
_INV_KEY = SPAN_RECORDS_KEY + "investment"
_PROJ_KEY = SPAN_RECORDS_KEY + "project"


def annotate(
    doc: Doc,
    text: str,
    caps: List[Hit],
    invs: List[Hit],
    projects: List[Project],
    labels: Tuple[str, str, str],
    set_ents: bool,
) -> None:
    """Write the hits on ``doc`` (``text`` is its text). ``labels``: the CAPACITY, INVESTMENT and
    PROJECT labels; ``set_ents``: whether the top-level spans go into ``doc.ents``."""
    if docfast.COMPILED and not (set_ents and docfast.entities_present(doc)) \
            and _annotate_fast(doc, len(text), caps, invs, projects, labels, set_ents):
        return
    # ``doc.ents`` walks every token, which are no longer in the CPU cache: read first, the
    # spans built next find their tokens cached (measured ≈ 0.04 ms on the 25 benchmark texts)
    old = doc.ents if set_ents else ()
    proj_hits = [(p.start, p.end, p.record()) for p in projects]
    n_caps = len(caps)
    n_invs = len(invs)
    hits = caps + invs + proj_hits
    spans, retokenized = _spans(doc, text, hits, n_caps, n_invs, labels)
    user_data = doc.user_data
    # keyed by the hits' offsets, which are the spans' (make_spans never moves a boundary)
    user_data[_CAP_KEY] = {f"{s}:{e}": rec for s, e, rec in caps}
    user_data[_INV_KEY] = {f"{s}:{e}": rec for s, e, rec in invs}
    user_data[_PROJ_KEY] = {f"{s}:{e}": rec for s, e, rec in proj_hits}
    groups = doc.spans  # SpanGroups built here: the mapping's __setitem__ would wrap each list
    groups["capacities"] = SpanGroup(doc, name="capacities", spans=spans[:n_caps])
    groups["investments"] = SpanGroup(doc, name="investments", spans=spans[n_caps:n_caps + n_invs])
    groups["projects"] = SpanGroup(doc, name="projects", spans=spans[n_caps + n_invs:])
    if set_ents:
        _set_ents(doc, doc.ents if retokenized else old, hits, spans, labels)
    # README: the lists are deduplicated, one entry per distinct text (the spans keep all)
    user_data[RECORD_PREFIX + "capacities"] = _unique_by_text(caps)
    user_data[RECORD_PREFIX + "investments"] = _unique_by_text(invs)
    user_data[RECORD_PREFIX + "projects"] = [h[2] for h in proj_hits]


def _annotate_fast(
    doc: Doc, text_len: int, caps: List[Hit], invs: List[Hit], projects: List[Project], labels: Tuple[str, str, str],
    set_ents: bool,
) -> bool:
    """:func:`annotate` on the compiled path (:mod:`govnews_nlp.docfast`) for a Doc with no entities
    yet: no ``Span`` object per hit. False (nothing written) when a word token straddles a hit."""
    strings = doc.vocab.strings
    cap_label = strings.add(labels[0])
    inv_label = strings.add(labels[1])
    proj_label = strings.add(labels[2])
    proj_hits = [(p.start, p.end, p.record()) for p in projects]
    char_hits = [(h[0], h[1], cap_label) for h in caps]
    char_hits += [(h[0], h[1], inv_label) for h in invs]
    char_hits += [(h[0], h[1], proj_label) for h in proj_hits]
    # one token per character and no whitespace (``char`` on text without spaces): character
    # offsets are token indices, as :func:`_spans` argues
    tok = char_hits if len(doc) == text_len else docfast.token_hits(doc, char_hits)
    if tok is None:
        return False
    n_caps = len(caps)
    n_invs = len(invs)
    user_data = doc.user_data
    user_data[_CAP_KEY] = {f"{s}:{e}": rec for s, e, rec in caps}
    user_data[_INV_KEY] = {f"{s}:{e}": rec for s, e, rec in invs}
    user_data[_PROJ_KEY] = {f"{s}:{e}": rec for s, e, rec in proj_hits}
    groups = doc.spans
    groups["capacities"] = docfast.span_group(doc, "capacities", tok[:n_caps])
    groups["investments"] = docfast.span_group(doc, "investments", tok[n_caps:n_caps + n_invs])
    groups["projects"] = docfast.span_group(doc, "projects", tok[n_caps + n_invs:])
    if set_ents:
        top = _top_indices(caps + invs + proj_hits)
        docfast.set_entities(doc, docfast.filter_hits(tok) if top is None else [tok[i] for i in top])
    user_data[RECORD_PREFIX + "capacities"] = _unique_by_text(caps)
    user_data[RECORD_PREFIX + "investments"] = _unique_by_text(invs)
    user_data[RECORD_PREFIX + "projects"] = [h[2] for h in proj_hits]
    return True


#: Most characters a Doc may have beyond one per token for :func:`_spans` to guess token indices
#: from character offsets (the ``char`` segmenter on text with a few spaces: ≤ 18 on the benchmark
#: texts); word segmenters are far above it. Only a speed setting: every guess is checked.
_GUESS_LIMIT = 64


def _spans(
    doc: Doc, text: str, hits: List[Hit], n_caps: int, n_invs: int, labels: Tuple[str, str, str]
) -> Tuple[List[Span], bool]:
    """Spans for the hits (capacities, then investments, then projects), and whether tokens were
    split for them.

    * One token per character (the ``char`` segmenter on text without whitespace: ``len(doc) ==
      len(text)`` allows nothing else, every token being at least one character): character
      offsets are token indices, spans are built directly.
    * A few characters more than tokens (``char`` on text with spaces: a space after a character
      is that token's trailing whitespace): token indices are guessed as the offsets minus the
      shift seen at the previous hit, and a guess is kept only if the span's character offsets
      are the hit's (then it is the span ``doc.char_span`` gives); else ``doc.char_span``.
    * Otherwise ``doc.char_span``; only when a word token straddles a hit (jieba, pkuseg) does
      :func:`make_spans` split tokens (it walks all tokens, so it is kept off the common path).
    """
    strings = doc.vocab.strings
    cap_label = strings.add(labels[0])
    inv_label = strings.add(labels[1])
    proj_label = strings.add(labels[2])
    n = len(hits)
    n_tok = len(doc)
    extra = len(text) - n_tok
    if extra == 0:
        spans = [Span(doc, h[0], h[1], label=cap_label) for h in hits[:n_caps]]
        spans += [Span(doc, h[0], h[1], label=inv_label) for h in hits[n_caps:n_caps + n_invs]]
        spans += [Span(doc, h[0], h[1], label=proj_label) for h in hits[n_caps + n_invs:n]]
        return spans, False
    guess = extra <= _GUESS_LIMIT
    spans = []
    char_span = doc.char_span
    shift = 0
    for k in range(n):
        h = hits[k]
        s = h[0]
        e = h[1]
        label = cap_label if k < n_caps else inv_label if k < n_caps + n_invs else proj_label
        if guess and shift <= s and e - shift <= n_tok:
            span = Span(doc, s - shift, e - shift, label=label)
            if span.start_char == s and span.end_char == e:
                spans.append(span)
                continue
        span = char_span(s, e, label=label)
        if span is None:
            # a word token straddles a hit: make_spans splits it (retokenization)
            hits_labeled = [(h[0], h[1], _label(k, n_caps, n_invs, labels)) for k, h in enumerate(hits)]
            return make_spans(doc, hits_labeled), True
        shift = s - span.start
        spans.append(span)
    return spans, False


def _label(k: int, n_caps: int, n_invs: int, labels: Tuple[str, str, str]) -> str:
    return labels[0] if k < n_caps else labels[1] if k < n_caps + n_invs else labels[2]


def _set_ents(
    doc: Doc, old: Tuple[Span, ...], hits: List[Hit], spans: List[Span], labels: Tuple[str, str, str]
) -> None:
    """Our top-level spans into ``doc.ents`` (``old``: the entities there now). When no entity of
    ours is there yet and none of the others' overlaps ours, only our tokens are touched
    (``default="unmodified"``): ``doc.ents = …`` resets every token, which costs more than our
    whole scan. Otherwise the general merge (longest wins) of :func:`set_ents_filtered`."""
    top = _top_spans(hits, spans)
    if old:
        own = set(labels)
        clash = any(e.label_ in own for e in old) or any(
            e.start < t.end and t.start < e.end for e in old for t in top
        )
        if clash:
            set_ents_filtered(doc, spans, replace_labels=list(own))
            return
    doc.set_ents(top, default="unmodified")


def _top_spans(hits: Sequence[Hit], spans: List[Span]) -> List[Span]:
    """``filter_spans(spans)`` (the longest of overlapping spans wins, result in order), without
    its sort by length when no two spans overlap partially. Ours overlap only by containment (a
    capacity inside a project name), and then the container wins whatever the length measure, so
    the spans not inside another, in order, are the answer; a partial overlap (never seen) goes
    to ``filter_spans`` itself. Read on the hits' character offsets, which are the spans'
    boundaries (same order, same containment)."""
    top = _top_indices(hits)
    if top is None:
        return filter_spans(spans)  # a partial overlap or a duplicate: the general rule
    return [spans[i] for i in top]


def _top_indices(hits: Sequence[Hit]) -> Optional[List[int]]:
    """The indices of the hits not inside another, in order; None on a partial overlap or a
    duplicate (then :func:`spacy.util.filter_spans` decides; see :func:`_top_spans`)."""
    bounds = sorted([(h[0], -h[1], i) for i, h in enumerate(hits)])
    top: List[int] = []
    reach = -1
    last_start = last_end = -1
    for start, neg_end, i in bounds:
        end = -neg_end
        if start >= reach:
            top.append(i)
            reach = end
            last_start, last_end = start, end
        elif end > reach or (start == last_start and end == last_end):
            return None
    return top


def _unique_by_text(hits: List[Hit]) -> List[Dict[str, object]]:
    seen = set()
    out = []
    for h in hits:
        rec = h[2]
        t = rec["text"]
        if t not in seen:
            seen.add(t)
            out.append(rec)
    return out
