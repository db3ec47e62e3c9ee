# Types for the compiled build of capacity_scan.py (Cython's augmenting .pxd; the .py stays plain
# Python and is the fallback). QuantityScanner becomes an extension type with the attributes its
# __init__ sets; the per-anchor steps are C calls with C offsets.
import cython


cdef class QuantityScanner:
    cdef public dict units, unit_info, money, money_unit, qual_before, qual_after
    cdef public dict prefix_per, suffix_per, rate_activity, ctx_activity, kw_before, kw_after, kw_gap
    cdef public frozenset qual_first
    cdef public tuple marker_chars
    cdef public object anchor, number_end, number_end_single, unit_tail, product_after, money_tail
    cdef public object marker, context, kw_re, head_re, cap_before, cap_after, inv_before, inv_after

    @cython.locals(last_end=Py_ssize_t, a_start=Py_ssize_t, a_end=Py_ssize_t, us=Py_ssize_t,
                   pos=Py_ssize_t, i=Py_ssize_t, lo=Py_ssize_t, k=Py_ssize_t, product=bint,
                   caps=list, invs=list, qual_first=frozenset, hit=tuple)
    cpdef tuple scan(self, str text)

    @cython.locals(start=Py_ssize_t, end=Py_ssize_t, text_start=Py_ssize_t, before=str, rec=dict)
    cdef tuple _capacity(self, str text, object nm, Py_ssize_t a_end, str unit_text)

    @cython.locals(start=Py_ssize_t, before=str, rec=dict)
    cdef tuple _investment(self, str text, object nm, Py_ssize_t end, str money)


cdef object _qualifier(object qual, object qafter, str num)
