# cython: language_level=3, boundscheck=False, wraparound=False
# distutils: language = c++
"""C-level twins of the spaCy calls every rule component makes per Doc (see ``docfast.py``).

Compiled against spaCy's own ``.pxd`` declarations (``Doc.c``, ``SpanGroup.c``), so no ``Span``
object is created for a hit and no token is visited from Python. Each function does exactly what
the documented spaCy call in its docstring does; ``tests/test_docfast.py`` compares the two.
"""

from spacy.structs cimport SpanC
from spacy.tokens.doc cimport Doc, token_by_end, token_by_start
from spacy.tokens.span_group cimport SpanGroup
from spacy.typedefs cimport attr_t


def entities_present(Doc doc):
    """``bool(doc.ents)``: a token that begins or continues an entity with a type."""
    cdef int i
    for i in range(doc.length):
        if (doc.c[i].ent_iob == 1 or doc.c[i].ent_iob == 3) and doc.c[i].ent_type != 0:
            return True
    return False


def token_hits(Doc doc, list hits):
    """``[(span.start, span.end, label)]`` of ``doc.char_span(start, end)`` for ``(start, end, label)``
    character hits, or ``None`` as soon as one is not token-aligned (the caller then splits tokens)."""
    cdef int s, e, ts, te
    out = []
    for h in hits:
        s = h[0]
        e = h[1]
        if e <= s:
            return None
        ts = token_by_start(doc.c, doc.length, s)
        te = token_by_end(doc.c, doc.length, e)
        if ts < 0 or te < 0:
            return None
        out.append((ts, te + 1, h[2]))
    return out


def set_entities(Doc doc, list hits):
    """``doc.set_ents([Span(doc, s, e, label=l) ...], default="unmodified")`` for non-overlapping
    ``(start_token, end_token, label_hash)`` hits: B/I and type on their tokens, then spaCy's own
    repair pass over the whole Doc."""
    cdef int i, s, e
    cdef attr_t lab
    for h in hits:
        s = h[0]
        e = h[1]
        lab = h[2]
        if lab == 0:
            continue
        for i in range(s, e):
            doc.c[i].ent_iob = 3 if i == s else 1
            doc.c[i].ent_type = lab
            doc.c[i].ent_kb_id = 0
    for i in range(doc.length - 1):
        if (doc.c[i].ent_iob == 0 or doc.c[i].ent_iob == 2) and doc.c[i + 1].ent_iob == 1:
            doc.c[i + 1].ent_iob = 3
        if doc.c[i].ent_type != doc.c[i + 1].ent_type and (doc.c[i].ent_iob == 3 or doc.c[i].ent_iob == 1) \
                and doc.c[i + 1].ent_iob == 1:
            doc.c[i + 1].ent_iob = 3


def fill_group(SpanGroup group, Doc doc, list hits):
    """``group.append(Span(doc, s, e, label=l))`` for each ``(start_token, end_token, label_hash)``."""
    cdef SpanC sc
    cdef int s, e
    for h in hits:
        s = h[0]
        e = h[1]
        sc.id = 0
        sc.start = s
        sc.end = e
        sc.start_char = doc.c[s].idx
        sc.end_char = doc.c[e - 1].idx + doc.c[e - 1].lex.length
        sc.label = h[2]
        sc.kb_id = 0
        group.push_back(sc)
