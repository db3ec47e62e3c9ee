"""``Normalized.clean_span``: raw spans, empty ones included, land on clean offsets within the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govnews_nlp import normalize

from .test_normalize_idempotence import DIRTY

RAW = "產(chǎn)業園區,、招商"  # clean: 产业园区、招商 (gloss and the comma removed)


@pytest.mark.parametrize("raw_start, raw_end, clean", [
    (0, 0, (0, 0)),
    (1, 1, (1, 1)),      # inside the removed gloss: the gap it left, after 产
    (5, 5, (1, 1)),
    (7, 7, (1, 1)),      # the start of 業, which lands on clean 1
    (8, 8, (2, 2)),
    (10, 10, (4, 4)),    # the removed comma
    (11, 11, (4, 4)),    # 、
    (12, 12, (5, 5)),
    (14, 14, (7, 7)),    # the end of the text
    (1, 7, (1, 1)),      # the whole gloss: removed
    (0, 8, (0, 2)),
])
def test_clean_span_translates_every_raw_span(raw_start, raw_end, clean):
    norm = normalize(RAW)
    assert norm.text == "产业园区、招商"
    assert norm.clean_span(raw_start, raw_end) == clean


def test_clean_span_rejects_offsets_outside_the_raw_text():
    norm = normalize(RAW)
    with pytest.raises(IndexError):
        norm.clean_span(len(RAW) + 1, len(RAW) + 1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DIRTY, st.data())
def test_clean_span_is_within_the_text_and_raw_span_covers_what_survives(text, data):
    norm = normalize(text)
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    cs, ce = norm.clean_span(s, e)
    assert 0 <= cs <= ce <= len(norm.text)
    rs, re_ = norm.raw_span(cs, ce)
    for j in range(s, e):
        o0, o1 = norm.offset_map.src_to_out(j)
        if o1 > o0:  # raw character j survives (as itself or inside a rewrite)
            assert rs <= j < re_
