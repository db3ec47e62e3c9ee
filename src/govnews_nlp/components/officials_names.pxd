# Types for the compiled build (Cython reads this beside officials_names.py; the .py stays the source).
cimport cython

cdef class NameModel:
    cdef public frozenset single, compound, nonnames, _follow_first
    cdef public object _follow_re, _no_start_re
    cdef public double last_strength

    @cython.locals(sur=Py_ssize_t, limit=Py_ssize_t)
    cpdef tuple readings(self, str text, Py_ssize_t pos)
    cpdef bint is_name_form(self, str s)
    cpdef double follow_strength(self, str text, Py_ssize_t end)
    @cython.locals(n_text=Py_ssize_t, sur=Py_ssize_t, limit=Py_ssize_t, length=Py_ssize_t, end=Py_ssize_t,
                   best_len=Py_ssize_t, best_score=double, best_fs=double, fs=double, sc=double, is_known=bint, ch=str, cand=str,
                   lengths=tuple, cached=dict, follow_first=frozenset, once=bint)
    cpdef object resolve(self, str text, Py_ssize_t pos, object known=*, bint direct=*, dict counts=*)
    @cython.locals(limit=Py_ssize_t, length=Py_ssize_t, end=Py_ssize_t, fs=double)
    cpdef object resolve_unlisted(self, str text, Py_ssize_t pos, dict counts=*)
    @cython.locals(longest=Py_ssize_t)
    cpdef Py_ssize_t absorb_he(self, str text, Py_ssize_t pos, Py_ssize_t end)

@cython.locals(n=object)
cpdef Py_ssize_t _count(str text, str s, Py_ssize_t pos, dict cache)
