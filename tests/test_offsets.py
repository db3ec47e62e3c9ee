"""Properties of the sparse offset maps every normalizer step relies on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp.normalize.offsets import Edit, OffsetMap, apply_edits, compose


@st.composite
def text_and_edits(draw, alphabet="ab產(chǎn)業 "):
    text = draw(st.text(alphabet=alphabet, max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for lo, hi in zip(cuts[::2], cuts[1::2]):
        if edits and lo < edits[-1].end:
            continue
        edits.append(Edit(lo, hi, draw(st.text(alphabet="xyz", max_size=3))))
    return text, edits


def chained_span(maps: list[OffsetMap], start: int, end: int) -> tuple[int, int]:
    for m in reversed(maps):
        start, end = m.out_span_to_src(start, end)
    return start, end


@given(text_and_edits())
def test_apply_edits_text_and_lengths(case):
    text, edits = case
    out, mp = apply_edits(text, edits)
    expected = text
    for e in reversed(edits):
        expected = expected[: e.start] + e.text + expected[e.end :]
    assert out == expected
    assert mp.out_len == len(out) and mp.src_len == len(text)


@given(text_and_edits())
def test_unchanged_characters_map_back_exactly(case):
    text, edits = case
    out, mp = apply_edits(text, edits)
    touched = set()
    for e in edits:
        touched.update(range(e.start, e.end))
    for j, ch in enumerate(text):
        if j in touched:
            continue
        o0, o1 = mp.src_to_out(j)
        assert o1 == o0 + 1 and out[o0] == ch
        assert mp.out_to_src(o0) == (j, j + 1)


@settings(max_examples=300)
@given(text_and_edits(), st.data())
def test_composition_agrees_with_chaining(case, data):
    text, edits = case
    mid, m1 = apply_edits(text, edits)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(mid)), max_size=6)))
    edits2 = []
    for lo, hi in zip(cuts[::2], cuts[1::2]):
        if edits2 and lo < edits2[-1].end:
            continue
        edits2.append(Edit(lo, hi, data.draw(st.text(alphabet="pq", max_size=2))))
    out, m2 = apply_edits(mid, edits2)
    mc = compose(m1, m2)
    assert (mc.out_len, mc.src_len) == (len(out), len(text))
    prev_end = 0
    for i in range(len(out)):
        s0, s1 = mc.out_to_src(i)
        c0, c1 = chained_span([m1, m2], i, i + 1)
        assert 0 <= s0 <= s1 <= len(text)
        # the composed map may be coarser than the chain, never narrower or elsewhere
        assert (s0 <= c0 and c1 <= s1) or (c0 == c1 and s0 <= c0 <= s1)
        assert s0 >= prev_end - (s1 - s0) or s0 >= 0
        prev_end = s1
    for j in range(len(text)):
        o0, o1 = mc.src_to_out(j)
        assert 0 <= o0 <= o1 <= len(out)


def test_identity_is_free():
    mp = OffsetMap.identity(5)
    assert mp.is_identity and mp.out_to_src(3) == (3, 4)
    assert OffsetMap.from_list(mp.to_list()) == mp


@settings(max_examples=300)
@given(text_and_edits(), st.data())
def test_small_compose_equals_array_compose(case, data):
    """The pure-Python path of ``compose`` (small second map) gives the array path's segments."""
    from govnews_nlp.normalize import offsets

    text, edits = case
    mid, m1 = apply_edits(text, edits)
    if data.draw(st.booleans()):  # a deletions map, as the gloss step builds it
        starts = sorted(set(data.draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=6))))
        spans = [(a, min(a + 1, len(text))) for a in starts if a < len(text)]
        m1 = OffsetMap.from_deletions(len(text), spans)
        mid = "a" * m1.out_len
    cuts = sorted(data.draw(st.lists(st.integers(0, len(mid)), max_size=8)))
    edits2 = [Edit(lo, hi, "p" * data.draw(st.integers(0, 2))) for lo, hi in zip(cuts[::2], cuts[1::2])]
    edits2 = [e for i, e in enumerate(edits2) if i == 0 or e.start >= edits2[i - 1].end]
    _out, m2 = apply_edits(mid, edits2)
    if not len(m1) or not len(m2):
        return
    fast = offsets._compose_small_second(m1, m2)
    assert fast is not None
    saved = offsets._SMALL
    offsets._SMALL = -1
    try:
        slow = compose(m1, m2)
    finally:
        offsets._SMALL = saved
    assert fast.to_list() == slow.to_list()


def _edits_map(data, src_len: int, min_size: int) -> OffsetMap:
    """A map of sorted edits (gaps and lengths 0-3, some empty) over a text of ``src_len``."""
    pieces = data.draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=min_size,
                                max_size=min_size + 60))
    spans, pos = [], 0
    for gap, length in pieces:
        if pos + gap + length > src_len:
            break
        spans.append((pos + gap, pos + gap + length))
        pos += gap + length
    if data.draw(st.booleans()):  # a deletions map, as the gloss step builds it
        return OffsetMap.from_deletions(src_len, [sp for sp in spans if sp[1] > sp[0]])
    text = "a" * src_len
    return apply_edits(text, [Edit(a, b, "x" * data.draw(st.integers(0, 2))) for a, b in spans])[1]


@settings(max_examples=200)
@given(st.data())
def test_separated_compose_equals_array_compose(data):
    """The path of ``compose`` for big maps (hundreds of removed glosses, or many later edits)
    gives the array path's segments, also where segments of the two maps meet."""
    from govnews_nlp.normalize import offsets

    big_first = data.draw(st.booleans())
    m1 = _edits_map(data, 400, offsets._BIG if big_first else 0)
    m2 = _edits_map(data, m1.out_len, 0 if big_first else offsets._SMALL + 1)
    if not len(m1) or not len(m2):
        return
    fast = offsets._compose_separated(m1, m2)
    assert fast is not None  # maps made from edits never have touching segments
    saved = offsets._SMALL, offsets._BIG
    offsets._SMALL, offsets._BIG = -1, 10**9
    try:
        slow = compose(m1, m2)
    finally:
        offsets._SMALL, offsets._BIG = saved
    assert fast.to_list() == slow.to_list()


@given(text_and_edits(), st.data())
def test_tuple_and_array_forms_agree(case, data):
    """Small maps stay tuples of ints, big ones numpy arrays; both give the same plain lists,
    columns and lookups, composed with each other in any order."""
    text, edits = case
    mid, m1 = apply_edits(text, edits)
    as_array = OffsetMap.from_list(m1.to_list())
    assert as_array == m1 and as_array.to_list() == m1.to_list()
    assert all(type(v) is int for seg in m1.to_list()[2] for v in seg)
    assert as_array._columns() == m1._columns()
    cuts = sorted(data.draw(st.lists(st.integers(0, len(mid)), max_size=6)))
    edits2 = [Edit(lo, hi, "q") for lo, hi in zip(cuts[::2], cuts[1::2])]
    edits2 = [e for i, e in enumerate(edits2) if i == 0 or e.start >= edits2[i - 1].end]
    _out, m2 = apply_edits(mid, edits2)
    m2_array = OffsetMap.from_list(m2.to_list())
    want = compose(as_array, m2_array).to_list()
    for a in (m1, as_array):
        for b in (m2, m2_array):
            assert compose(a, b).to_list() == want
    for pos in range(m1.out_len):
        assert m1.out_to_src(pos) == as_array.out_to_src(pos)
