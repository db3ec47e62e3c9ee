# Types for the compiled build (Cython reads this beside officials_scan.py; the .py stays the source).
cimport cython
from govnews_nlp.components.officials_names cimport NameModel


cdef class TitleHit:
    cdef public Py_ssize_t start, end
    cdef public str text
    cdef public object info


cdef class Mention:
    cdef public Py_ssize_t start, end
    cdef public str name, how
    cdef public list titles, roles


cdef class Person:
    cdef public str id, name, kind
    cdef public list titles, mentions


cdef class ScanResult:
    cdef public list people, titles


@cython.final
cdef class Scanner:
    cdef public object parser
    cdef public NameModel names
    cdef public Py_ssize_t max_title_chars
    cdef public frozenset _labels, _post_name_posts, _keeps, _post_first
    cdef public object _surname_re, _hits_re, _post_re, _stopword_re, _stop_pattern_re, _exclude_re
    cdef public object _org_re, _level_re

    @cython.locals(s=Py_ssize_t, e=Py_ssize_t, floor=Py_ssize_t, pending_next=Py_ssize_t, start=Py_ssize_t,
                   name_next=bint, sep_next=bint, other_next=bint, nxt=str, word=str,
                   single=frozenset, compound=frozenset, labels=frozenset, post_name_posts=frozenset, post_first=frozenset,
                   mentions=list, known=set, counts=dict, pending=list, chain=list, deferred=list,
                   credit_ranges=list, elem=TitleHit)
    cpdef object scan(self, str text, object credits=*)
    cdef bint _surname_before(self, str text, Py_ssize_t s, Py_ssize_t floor)
    @cython.locals(lim=Py_ssize_t, j=Py_ssize_t, cut=Py_ssize_t, keeps=frozenset)
    cdef Py_ssize_t _element_start(self, str text, Py_ssize_t s, Py_ssize_t floor)
    cdef object _unlisted_name(self, str text, Py_ssize_t e, dict counts)
    cdef object _name_before_post(self, str text, Py_ssize_t start, Py_ssize_t s, Py_ssize_t floor)
    cdef _post_name(self, str text, Py_ssize_t start, Py_ssize_t name_end, Py_ssize_t e, list mentions, set known)
    @cython.locals(q=Py_ssize_t, r=Py_ssize_t, first=bint, n_text=Py_ssize_t)
    cdef Py_ssize_t _read_list(self, str text, Py_ssize_t pos, list chain, str how, list mentions, set known,
                               dict counts, Py_ssize_t floor)
    @cython.locals(s=Py_ssize_t, e=Py_ssize_t, n=Py_ssize_t, i=Py_ssize_t, m=Mention, t=TitleHit, found=list,
                   taken=bytearray)
    cdef _bare_mentions(self, str text, list mentions, set known, list credit_ranges, dict counts)
    @cython.locals(m=Mention, t=TitleHit, ms=list, mt=list, best=list, i=Py_ssize_t, key=tuple)
    cdef list _people(self, list mentions, object credits, dict titles)


cdef tuple _ONES
cdef bytes _ones(Py_ssize_t n)
@cython.locals(s=Py_ssize_t, e=Py_ssize_t)
cdef bint _inside(Py_ssize_t pos, list ranges)
@cython.locals(rs=Py_ssize_t, re_=Py_ssize_t)
cdef bint _overlaps(Py_ssize_t s, Py_ssize_t e, list ranges)
