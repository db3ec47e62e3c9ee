"""The spaCy calls every rule component makes per Doc, with a compiled fast path.

Per article, a component reads ``doc.ents``, makes a ``Span`` per hit, fills span groups and sets
entities: about 0.3 ms of Python per 25 articles per component, a third of what the components'
speed budget allows. A regular install compiles :file:`_docfast.pyx` against spaCy's own ``.pxd``
declarations, which does the same on the Doc's C arrays without a ``Span`` object per hit; this
module falls back to the plain spaCy calls when it is absent (editable installs, no compiler,
``GOVNEWS_NLP_PURE=1``) or was built against an incompatible spaCy. Both give byte-identical
Docs (``tests/test_docfast.py``).

Hits here are ``(start_token, end_token, label_hash)``, made from character hits by
:func:`token_hits`.
"""

from __future__ import annotations

import logging
import os
from typing import List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span, SpanGroup

from .compiled import PURE_ENV

log = logging.getLogger(__name__)

Hit = Tuple[int, int, int]


def _entities_present(doc: Doc) -> bool:
    return bool(doc.ents)


def _token_hits(doc: Doc, hits: Sequence[Tuple[int, int, int]]) -> Optional[List[Hit]]:
    out = []
    for s, e, label in hits:
        span = doc.char_span(s, e)
        if span is None:
            return None
        out.append((span.start, span.end, label))
    return out


def _set_entities(doc: Doc, hits: Sequence[Hit]) -> None:
    doc.set_ents([Span(doc, s, e, label=label) for s, e, label in hits], default="unmodified")


def _fill_group(group: SpanGroup, doc: Doc, hits: Sequence[Hit]) -> None:
    for s, e, label in hits:
        group.append(Span(doc, s, e, label=label))


entities_present = _entities_present
token_hits = _token_hits
set_entities = _set_entities
fill_group = _fill_group
COMPILED = False

def _load_compiled():
    if os.environ.get(PURE_ENV, "").strip() not in ("", "0"):
        return None
    try:
        from . import _docfast  # type: ignore[attr-defined]
    except ImportError:  # not built: an editable install, or no compiler
        return None
    except ValueError as exc:  # built against a spaCy whose Doc layout differs ("size changed")
        log.warning("govnews_nlp._docfast does not match the installed spaCy (%s); using the Python path", exc)
        return None
    return _docfast


_compiled = _load_compiled()
if _compiled is not None:
    entities_present = _compiled.entities_present
    token_hits = _compiled.token_hits
    set_entities = _compiled.set_entities
    fill_group = _compiled.fill_group
    COMPILED = True


def filter_hits(hits: Sequence[Hit]) -> List[Hit]:
    """:func:`spacy.util.filter_spans` on token hits: longest first (then earliest), a hit whose
    first or last token is taken is dropped, the rest in text order."""
    ordered = sorted(hits, key=lambda h: (h[1] - h[0], -h[0]), reverse=True)
    result = []
    seen: set = set()
    for h in ordered:
        if h[0] not in seen and h[1] - 1 not in seen:
            result.append(h)
            seen.update(range(h[0], h[1]))
    result.sort(key=lambda h: h[0])
    return result


def span_group(doc: Doc, name: str, hits: Sequence[Hit]) -> SpanGroup:
    """``SpanGroup(doc, name=name, spans=[Span(doc, s, e, label=l) ...])``."""
    group = SpanGroup(doc, name=name)
    fill_group(group, doc, list(hits))
    return group
