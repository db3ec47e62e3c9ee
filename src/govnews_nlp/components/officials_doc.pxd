# Types for the compiled build (Cython reads this beside officials_doc.py; the .py stays the source).
cimport cython
from govnews_nlp.components.officials_scan cimport Mention, Person, ScanResult, TitleHit


@cython.locals(persons=list, record=list, marks=list, hits=list, mentions=dict, titles=dict, p=Person,
               m=Mention, t=TitleHit, s=Py_ssize_t, e=Py_ssize_t, d=dict)
cpdef tuple doc_data(ScanResult result, object person_label, object journalist_label, object title_label,
                     dict title_dicts)


@cython.locals(good=list)
cpdef list valid_credits(object credits, Py_ssize_t n)


@cython.locals(s=Py_ssize_t, e=Py_ssize_t)
cpdef list hit_spans(object doc, list hits, Py_ssize_t text_len)
