"""What ``govnews_capacity`` writes on a Doc for its hits: span groups, the span records behind
``span._.capacity`` / ``._.investment`` / ``._.project``, and the record fields.

Kept apart from the component (which holds the spaCy factory and config) so that the
hits → Doc step has one place; ``doc.ents`` is the entity step's job (``govnews_entities``).
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from spacy.tokens import Doc, SpanGroup

from ...extensions import RECORD_PREFIX
from ...spans import make_spans
from .projects import Project
from .quantities import Hit

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
    keys: Tuple[str, str, str],
) -> None:
    """Write the hits on ``doc`` (``text`` is its text). ``labels`` and ``keys``: the span labels and
    the ``doc.spans`` group names of capacities, investments and projects, in that order."""
    proj_hits = [(p.start, p.end, p.record()) for p in projects]
    n_caps = len(caps)
    n_invs = len(invs)
    cap_label, inv_label, proj_label = labels
    char_hits = [(h[0], h[1], cap_label) for h in caps]
    char_hits += [(h[0], h[1], inv_label) for h in invs]
    char_hits += [(h[0], h[1], proj_label) for h in proj_hits]
    spans = make_spans(doc, char_hits, len(text))
    user_data = doc.user_data
    # keyed by the hits' offsets, which are the spans' (make_spans never moves a boundary)
    user_data[_CAP_KEY] = {f"{s}:{e}": rec for s, e, rec in caps}
    user_data[_INV_KEY] = {f"{s}:{e}": rec for s, e, rec in invs}
    user_data[_PROJ_KEY] = {f"{s}:{e}": rec for s, e, rec in proj_hits}
    groups = doc.spans
    cap_key, inv_key, proj_key = keys
    groups[cap_key] = SpanGroup(doc, name=cap_key, spans=spans[:n_caps])
    groups[inv_key] = SpanGroup(doc, name=inv_key, spans=spans[n_caps:n_caps + n_invs])
    groups[proj_key] = SpanGroup(doc, name=proj_key, spans=spans[n_caps + n_invs:])
    # README: the lists are deduplicated, one entry per distinct text (the spans keep all)
    user_data[RECORD_PREFIX + "capacities"] = unique_by_text(caps)
    user_data[RECORD_PREFIX + "investments"] = unique_by_text(invs)
    user_data[RECORD_PREFIX + "projects"] = [h[2] for h in proj_hits]


def unique_by_text(hits: Sequence[Hit]) -> List[Dict[str, object]]:
    """The record entries of ``hits``, one per distinct text, in order of first mention."""
    seen = set()
    out = []
    for h in hits:
        rec = h[2]
        t = rec["text"]
        if t not in seen:
            seen.add(t)
            out.append(rec)
    return out
