# Types for the compiled build of projects.py (Cython's augmenting .pxd; the .py stays plain
# Python and is the fallback). ProjectFinder becomes an extension type: its attributes are the
# ones __init__ sets, declared here; offsets in the per-head loop are C integers.
import cython


cdef class ProjectFinder:
    cdef public dict suffixes
    cdef public dict min_stem
    cdef public object head_re
    cdef public object boundary_rev
    cdef public object empty_rev
    cdef public str empty_lead
    cdef public tuple org_ends
    cdef public set conj
    cdef public object generic_re
    cdef public object generic_sub
    cdef public object desc_sub
    cdef public object rank_tail
    cdef public object act_end
    cdef public object act_any
    cdef public object act_only
    cdef public object org_re
    cdef public dict _kinds
    cdef public list whole
    cdef public tuple _whole_tuple

    @cython.locals(n=Py_ssize_t, hs=Py_ssize_t, he=Py_ssize_t, lo=Py_ssize_t, i=Py_ssize_t,
                   base=Py_ssize_t, digit=bint, raw_rev=str, win=str, rev=str, empty_lead=str,
                   ch=Py_UCS4)
    cpdef list find(self, str text, capacities=*, amounts=*)

    cdef tuple _left(self, str rev, Py_ssize_t base, Py_ssize_t end, Py_ssize_t lo)

    @cython.locals(lo=Py_ssize_t, start=Py_ssize_t, bstart=Py_ssize_t, start2=Py_ssize_t,
                   right=str, left_is_project=bint, joined=bint)
    cdef tuple _candidate(self, str win, str rev, Py_ssize_t base, Py_ssize_t off, Py_ssize_t hs,
                          Py_ssize_t he, str head)

    @cython.locals(stem=str, full=str, listed=bint)
    cdef tuple _accept(self, str win, Py_ssize_t off, Py_ssize_t start, object b, Py_ssize_t hs,
                       Py_ssize_t he, str head)

    cpdef object _generic_kind(self, str stem)


@cython.locals(pos=Py_ssize_t)
cpdef bint _subsequence(str short, str long_)

cpdef bint _quoted_slogan(str text, str win, Py_ssize_t off, Py_ssize_t start, Py_ssize_t hs, Py_ssize_t he)

@cython.locals(q=Py_ssize_t, ch=Py_UCS4)
cpdef bint _raw_exact(str text, Py_ssize_t a, Py_ssize_t pos, bint other)

@cython.locals(q=Py_ssize_t, ch=Py_UCS4)
cpdef bint _in_number(str text, Py_ssize_t a)

@cython.locals(q=Py_ssize_t, ch=Py_UCS4)
cpdef bint _closes_gloss(str text, Py_ssize_t a)
