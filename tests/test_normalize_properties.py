"""Hypothesis properties of normalize(): never raises, idempotent, offsets exact and monotonic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govnews_nlp import normalize

# Traditional and Simplified characters, pinyin glosses, punctuation of both widths, ASCII, space.
PIECES = st.sampled_from(
    ["產(chǎn)", "項(xiàng)", "黨(dang) ", "於(yu) ", "書", "记", "(GDP)", "(產業)", "?", "?(dòng)", ",,", ",、",
     ",。", "“", "”", "\"", "\n", " ", "。", "、", "3.5", "万吨", "abc", "(", ")", "（", "）", "著力", "了"]
)
MIXED = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join)
ANY = st.one_of(st.text(max_size=80), MIXED)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY)
def test_never_raises_and_is_idempotent(text):
    once = normalize(text)
    assert normalize(once.text).text == once.text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY)
def test_every_output_character_maps_into_the_raw_text(text):
    norm = normalize(text)
    mp = norm.offset_map
    assert mp.out_len == len(norm.text) and mp.src_len == len(text)
    prev_start = 0
    for i in range(len(norm.text)):
        s, e = norm.raw_span(i, i + 1)
        assert 0 <= s <= e <= len(text)
        assert s >= prev_start  # monotonic
        prev_start = s
    for j in range(len(text)):
        o0, o1 = mp.src_to_out(j)
        assert 0 <= o0 <= o1 <= len(norm.text)


def test_type_error_names_the_argument():
    import pytest

    with pytest.raises(TypeError, match="text"):
        normalize(None)  # type: ignore[arg-type]
