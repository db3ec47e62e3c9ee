"""Sparse, composable character offset maps between a source text and a rewritten text.

Every repair of the normalizer rewrites the text. Users must still be able to point at the raw
article for any character or span of the clean text (to quote it, to audit a repair, to join
with other annotations made on the raw page), so each step returns an :class:`OffsetMap` and
the maps of successive steps compose into one.

The map is stored sparsely: only the places where a step changed the *length* of the text are
kept, as segments ``(out_start, out_end, src_start, src_end)``. Between segments the two texts
are aligned one to one, shifted by a constant. A substitution that keeps the length (``產`` →
``产``) needs no segment at all, so the map of a clean article is empty and costs nothing.

Every output character inside a segment maps to the whole source range of the segment (and
back); an empty side (a deletion or an insertion) maps to an empty range at that place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import chain
from typing import Iterable, List, NamedTuple, Tuple

import numpy as np


class Edit(NamedTuple):
    """Replace ``source[start:end]`` by ``text``. Edits given to :func:`apply_edits` are sorted
    and do not overlap; an empty range inserts, an empty ``text`` deletes."""

    start: int
    end: int
    text: str


class Segment(NamedTuple):
    out_start: int
    out_end: int
    src_start: int
    src_end: int


class OffsetMap:
    """Alignment of an output text (``out_len`` characters) with its source (``src_len``).

    ``segments`` may be given as Segments/tuples or as an ``(n, 4)`` integer array; the map keeps
    an array (what :func:`compose` works on) and builds the tuple view only when asked.
    """

    __slots__ = ("_arr", "_cols", "_segments", "out_len", "src_len")

    def __init__(self, out_len: int, src_len: int, segments=()) -> None:
        self.out_len = int(out_len)
        self.src_len = int(src_len)
        if isinstance(segments, np.ndarray):
            self._arr = segments.astype(np.int64, copy=False).reshape(-1, 4)
            self._segments = None
        else:
            self._segments = tuple(Segment._make(map(int, seg)) for seg in segments)
            self._arr = None
        self._cols = None

    @property
    def segments(self) -> Tuple[Segment, ...]:
        if self._segments is None:
            self._segments = tuple(map(Segment._make, self._arr.tolist()))
        return self._segments

    @property
    def array(self):
        """The segments as an ``(n, 4)`` int64 array: out_start, out_end, src_start, src_end."""
        if self._arr is None:  # fromiter over the flat ints: several times np.array's speed here
            segs = self._segments
            self._arr = np.fromiter(chain.from_iterable(segs), np.int64, 4 * len(segs)).reshape(-1, 4)
        return self._arr

    def __len__(self) -> int:
        return len(self._segments) if self._segments is not None else len(self._arr)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return (self.out_len, self.src_len) == (other.out_len, other.src_len) and np.array_equal(
            self.array, other.array)

    def __hash__(self) -> int:
        return hash((self.out_len, self.src_len, len(self)))

    def __repr__(self) -> str:
        return f"OffsetMap(out_len={self.out_len}, src_len={self.src_len}, segments={self.segments!r})"

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length, length, ())

    @classmethod
    def _from_rows(cls, out_len: int, src_len: int, rows: List[Tuple[int, int, int, int]]) -> OffsetMap:
        """A map over rows of Python ints, kept as tuples: the small maps of the later steps then
        never pay numpy's fixed cost per call (building, merging, reading columns)."""
        mp = cls.__new__(cls)
        mp.out_len, mp.src_len = out_len, src_len
        mp._segments = tuple(map(Segment._make, rows))
        mp._arr = None
        mp._cols = None
        return mp

    def _with_lengths(self, out_len: int, src_len: int) -> OffsetMap:
        """These segments (in whichever form they are held) under other text lengths."""
        if self._arr is not None:
            return OffsetMap(out_len, src_len, self._arr)
        mp = OffsetMap._from_rows(out_len, src_len, ())
        mp._segments, mp._cols = self._segments, self._cols
        return mp

    @classmethod
    def from_deletions(cls, src_len: int, spans: List[Tuple[int, int]]) -> OffsetMap:
        """Map of deleting the sorted, non-overlapping source ``spans`` ``[(start, end), ...]``.

        Built with numpy from the positions alone: a step that deletes thousands of glosses
        needs no :class:`Edit` objects and no pass of :func:`apply_edits`.
        """
        if not spans:
            return cls.identity(src_len)
        arr = np.array(spans, dtype=np.int64).reshape(-1, 2)
        return cls.from_deletion_arrays(src_len, arr[:, 0], arr[:, 1])

    @classmethod
    def from_deletion_arrays(cls, src_len: int, starts, ends) -> OffsetMap:
        """:meth:`from_deletions` with the starts and ends as two int64 arrays."""
        if not len(starts):
            return cls.identity(src_len)
        lengths = ends - starts
        removed = np.cumsum(lengths)
        out = starts - (removed - lengths)
        segs = _merge_touching_array(np.stack([out, out, starts, ends], axis=1))
        return cls(src_len - int(removed[-1]), src_len, segs)

    @property
    def is_identity(self) -> bool:
        return len(self) == 0 and self.out_len == self.src_len

    # -- point and span lookups ----------------------------------------------------------------
    def _columns(self) -> Tuple[List[int], List[int], List[int], List[int]]:
        """The four segment columns as Python lists (fast scalar bisects), cached."""
        if self._cols is None:
            if self._arr is None:
                cols = tuple(map(list, zip(*self._segments)))
                self._cols = cols if cols else ([], [], [], [])
            else:
                arr = self._arr
                self._cols = tuple(arr[:, k].tolist() for k in range(4))
        return self._cols

    def _lookup(self, pos: int, forward: bool) -> Tuple[int, int]:
        """Span on the other side for the character at ``pos`` (a source position if forward).

        Segments are strictly increasing on both sides (touching ones are merged), so the last
        segment starting at or before ``pos`` either contains it or lies wholly before it.
        """
        out0, out1, src0, src1 = self._columns()
        starts, ends, other0, other1 = (src0, src1, out0, out1) if forward else (out0, out1, src0, src1)
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return pos, pos + 1
        a1, b0, b1 = ends[i], other0[i], other1[i]
        if pos < a1:
            return b0, b1
        q = b1 + (pos - a1)
        return q, q + 1

    def out_to_src(self, pos: int) -> Tuple[int, int]:
        """Source span ``(start, end)`` of output character ``pos``."""
        if not 0 <= pos < self.out_len:
            raise IndexError(f"output position {pos} out of range 0..{self.out_len - 1}")
        if not len(self):
            return pos, pos + 1
        return self._lookup(pos, forward=False)

    def src_to_out(self, pos: int) -> Tuple[int, int]:
        """Output span of source character ``pos``; ``(k, k)`` when the character was deleted."""
        if not 0 <= pos < self.src_len:
            raise IndexError(f"source position {pos} out of range 0..{self.src_len - 1}")
        if not len(self):
            return pos, pos + 1
        return self._lookup(pos, forward=True)

    def out_span_to_src(self, start: int, end: int) -> Tuple[int, int]:
        """Source span covering output span ``[start, end)``."""
        if start >= end:
            anchor = self._boundary_to_src(start)
            return anchor, anchor
        return self.out_to_src(start)[0], self.out_to_src(end - 1)[1]

    def src_span_to_out(self, start: int, end: int) -> Tuple[int, int]:
        """Output span covering source span ``[start, end)`` (empty if all of it was deleted).

        An empty source span is a boundary: it maps to the output boundary where source position
        ``start`` lands (see :meth:`src_boundary_to_out`), never to ``start`` untranslated.
        """
        if not 0 <= start <= self.src_len or not 0 <= end <= self.src_len:
            raise IndexError(f"source span {(start, end)} out of range 0..{self.src_len}")
        if start >= end:
            anchor = self.src_boundary_to_out(start)
            return anchor, anchor
        spans = [self.src_to_out(start), self.src_to_out(end - 1)]
        return spans[0][0], max(spans[1][1], spans[0][0])

    def _boundary_to_src(self, pos: int) -> int:
        if pos <= 0:
            return 0
        if pos >= self.out_len:
            return self.src_len
        return self.out_to_src(pos)[0]

    def src_boundary_to_out(self, pos: int) -> int:
        """Output position of the boundary before source character ``pos`` (``out_len`` at the end).

        Inside a deleted stretch that is where the deletion left its gap; inside a rewritten
        segment, the start of its output.
        """
        if pos <= 0:
            return 0
        if pos >= self.src_len:
            return self.out_len
        if not len(self):
            return pos
        return self._lookup(pos, forward=True)[0]

    def out_boundary_to_src(self, pos: int) -> int:
        """Source position of the boundary before output character ``pos``."""
        return self._boundary_to_src(pos)

    # -- serialization ---------------------------------------------------------------------------
    def to_list(self) -> list:
        """Plain nested lists (msgpack/JSON friendly), for ``Doc.user_data`` and records."""
        if self._arr is None:
            return [self.out_len, self.src_len, [list(seg) for seg in self._segments]]
        return [self.out_len, self.src_len, self._arr.tolist()]

    @classmethod
    def from_list(cls, data: list) -> OffsetMap:
        out_len, src_len, segs = data
        return cls(int(out_len), int(src_len), np.array(segs, dtype=np.int64).reshape(-1, 4))


def apply_edits(source: str, edits: Iterable[Edit]) -> Tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits; return the new text and its map to ``source``.

    Edits that keep the length of what they replace do not create segments: the alignment
    stays positional there.
    """
    pieces: List[str] = []
    segments: List[Tuple[int, int, int, int]] = []
    src_pos = 0
    out_pos = 0
    for start, end, text in edits:
        start, end = int(start), int(end)  # the rows are kept as given: plain ints for to_list
        if start < src_pos or end < start or end > len(source):
            raise ValueError(f"edits must be sorted, in range and non-overlapping: {(start, end)}")
        if start > src_pos:
            pieces.append(source[src_pos:start])
            out_pos += start - src_pos
        pieces.append(text)
        if len(text) != end - start:  # same length: the alignment stays positional
            segments.append((out_pos, out_pos + len(text), start, end))
        out_pos += len(text)
        src_pos = end
    if src_pos < len(source):
        pieces.append(source[src_pos:])
        out_pos += len(source) - src_pos
    return "".join(pieces), OffsetMap._from_rows(out_pos, len(source), _merge_touching_rows(segments))


def compose(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """Map of ``second ∘ first``: ``first`` maps mid→src, ``second`` maps out→mid.

    Every segment of either map is expressed as an interval of the middle text; overlapping or
    touching intervals are merged into clusters; each cluster becomes one segment of the result,
    with its output range taken through ``second`` and its source range through ``first``.
    Outside the clusters both maps are shifts, so the result is a shift there too.

    Vectorized with numpy: a dirty article has a segment every few characters (each pinyin
    gloss is one) and every step composes with all of them, so a Python loop here dominated
    the normalizer's time.
    """
    if first.out_len != second.src_len:
        raise ValueError(f"cannot compose: middle lengths differ ({first.out_len} != {second.src_len})")
    if not len(first):
        return second._with_lengths(second.out_len, first.src_len)
    if not len(second):
        return first._with_lengths(second.out_len, first.src_len)

    if len(first) >= _BIG or len(second) > _SMALL:
        if len(second) <= _FEW:
            fast = _compose_big_first(first, second)
        else:
            fast = _compose_separated(first, second)
        if fast is not None:
            return fast
    if len(second) <= _SMALL:
        fast = _compose_small_second(first, second)
        if fast is not None:
            return fast
    fa = first.array   # columns: out0 out1 src0 src1 (out = mid)
    sa = second.array  # columns: out0 out1 src0 src1 (src = mid)
    lo = np.concatenate([fa[:, 0], sa[:, 2]])
    hi = np.concatenate([fa[:, 1], sa[:, 3]])
    order = np.lexsort((hi, lo))
    lo, hi = lo[order], hi[order]
    running_hi = np.maximum.accumulate(hi)
    starts = np.flatnonzero(np.concatenate([[True], lo[1:] > running_hi[:-1]]))
    c_lo = lo[starts]
    c_hi = np.maximum.reduceat(hi, starts)

    # second: mid is its source side (columns 2,3) -> output side (columns 0,1)
    o0 = _translate(sa[:, 2], sa[:, 3], sa[:, 0], sa[:, 1], c_lo, left=True)
    o1 = np.maximum(_translate(sa[:, 2], sa[:, 3], sa[:, 0], sa[:, 1], c_hi, left=False), o0)
    # first: mid is its output side (columns 0,1) -> source side (columns 2,3)
    s0 = _translate(fa[:, 0], fa[:, 1], fa[:, 2], fa[:, 3], c_lo, left=True)
    s1 = np.maximum(_translate(fa[:, 0], fa[:, 1], fa[:, 2], fa[:, 3], c_hi, left=False), s0)
    merged = _merge_touching_array(np.stack([o0, o1, s0, s1], axis=1))
    return OffsetMap(second.out_len, first.src_len, merged)


#: ``compose`` takes the pure-Python path when the second map has at most this many segments
#: (every later step of the chain makes a handful of changes): numpy's fixed cost per call
#: (~100 µs over some 30 array operations) is then far above the work itself.
_SMALL = 64


#: :func:`_compose_separated` is tried first when the first map has at least this many segments
#: (the gloss map of a dirty article: hundreds) or the second more than ``_SMALL``: numpy shifts
#: the bulk in a few calls.
_BIG = 48
#: ... by way of :func:`_compose_big_first` when the second has at most this many.
_FEW = 16


def _compose_separated(first: OffsetMap, second: OffsetMap):
    """:func:`compose` when either map is big; the same segments exactly, or ``None``.

    Most segments of ``first`` (one per removed gloss) and of ``second`` touch no interval of the
    other map on the middle text. When each map's own segments are apart from each other (what
    every constructor makes of real edits), such a lone segment is a cluster of its own: one of
    first keeps its source range and shifts its output range by second's offset there, one of
    second keeps its output range and shifts its source range by first's offset. Both are done
    with a few numpy calls; only the clusters that mix the two maps go through
    :func:`_cluster_rows`. ``None`` (take another path) when a map's segments touch each other.
    """
    fa, sa_ = first.array, second.array
    f0, f1, fs0, fs1 = fa[:, 0], fa[:, 1], fa[:, 2], fa[:, 3]
    so0, so1, sa, sb = sa_[:, 0], sa_[:, 1], sa_[:, 2], sa_[:, 3]
    if not ((f0[1:] > f1[:-1]).all() and (f1 >= f0).all() and (fs1 >= fs0).all()
            and (sa[1:] > sb[:-1]).all() and (sb >= sa).all() and (so1 >= so0).all()):
        return None
    # second's segment j meets first's segments lo[j]..hi[j]-1 (closed ranges; both maps sorted)
    lo = np.searchsorted(f1, sa, side="left")
    hi = np.searchsorted(f0, sb, side="right")
    mixed = np.flatnonzero(hi > lo).tolist()
    touched: List[int] = []
    for a, b in zip(lo[mixed].tolist(), hi[mixed].tolist()):
        touched.extend(range(a, b))
    # lone segments of first: shifted by second's offset (a step function over second's starts)
    steps = np.concatenate(([0], so1 - sb))
    f_keep = np.ones(len(fa), dtype=bool)
    f_keep[touched] = False
    lone_f = fa[f_keep]
    d = steps[np.searchsorted(sa, lone_f[:, 0], side="right")]
    rows_f = lone_f.copy()
    rows_f[:, 0] += d
    rows_f[:, 1] += d
    # lone segments of second: source range shifted by first's offset there
    s_keep = np.ones(len(sa_), dtype=bool)
    s_keep[mixed] = False
    lone_s = sa_[s_keep]
    f_steps = np.concatenate(([0], fs1 - f1))
    e = f_steps[np.searchsorted(f0, lone_s[:, 2], side="right")]
    rows_s = np.stack([lone_s[:, 0], lone_s[:, 1], lone_s[:, 2] + e, lone_s[:, 3] + e], axis=1)
    keys = [lone_f[:, 0], lone_s[:, 2]]
    parts = [rows_f, rows_s]
    if mixed:
        f0l, f1l, fs0l, fs1l = first._columns()
        s_cols = second._columns()
        intervals = [(f0l[i], f1l[i], 0, i) for i in sorted(set(touched))]
        intervals += [(s_cols[2][j], s_cols[3][j], 1, j) for j in mixed]
        intervals.sort()
        c_lo, c_rows = _cluster_rows(intervals, (f0l, f1l, fs0l, fs1l),
                                     (s_cols[2], s_cols[3], s_cols[0], s_cols[1]))
        keys.append(np.array([lo for lo, _hi in c_lo], dtype=np.int64))
        parts.append(np.array(c_rows, dtype=np.int64))
    rows = np.concatenate(parts)[np.argsort(np.concatenate(keys), kind="stable")]
    return OffsetMap(second.out_len, first.src_len, _merge_touching_array(rows))


def _compose_big_first(first: OffsetMap, second: OffsetMap):
    """:func:`compose` for a big ``first`` and a small ``second``; the same segments exactly.

    What :func:`_compose_separated` does, with less numpy (whose fixed cost per call is most of
    the time here): second's few segments are looked up in first's cached columns by binary
    search, and the clusters they make are spliced into first's shifted rows by slicing.
    ``None`` when a map's segments touch each other.
    """
    fa = first.array
    f0, f1 = fa[:, 0], fa[:, 1]
    if not ((f0[1:] > f1[:-1]).all() and (f1 >= f0).all() and (fa[:, 3] >= fa[:, 2]).all()):
        return None
    s_out0, s_out1, s_src0, s_src1 = second._columns()
    if not (all(a > b for a, b in zip(s_src0[1:], s_src1)) and all(map(int.__le__, s_src0, s_src1))
            and all(map(int.__le__, s_out0, s_out1))):
        return None
    f0l, f1l, fs0l, fs1l = first._columns()
    n = len(f0l)
    # second's offset is a step function: first's segments before its j-th start shift by the
    # offset after its (j-1)-th segment (segments that meet second's are replaced below)
    cuts = [bisect_left(f0l, a) for a in s_src0]
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, n])]
    shifts = [0, *(o1 - m1 for o1, m1 in zip(s_out1, s_src1))]
    rows = fa.copy()
    rows[:, :2] += np.repeat(np.array(shifts, dtype=np.int64), counts)[:, None]
    # first's segments that meet a segment [a, b] of second (closed ranges) form its clusters
    touched = set()
    for a, b in zip(s_src0, s_src1):
        touched.update(range(bisect_left(f1l, a), bisect_right(f0l, b)))
    intervals = [(f0l[i], f1l[i], 0, i) for i in touched]
    intervals += [(lo, hi, 1, j) for j, (lo, hi) in enumerate(zip(s_src0, s_src1))]
    intervals.sort()
    c_bounds, c_rows = _cluster_rows(intervals, (f0l, f1l, fs0l, fs1l), (s_src0, s_src1, s_out0, s_out1))
    # a cluster covers [lo, hi] of the middle text, so it replaces first's segments starting there
    c_arr = np.array(c_rows, dtype=np.int64)
    parts = []
    prev = 0
    for k, (lo, hi) in enumerate(c_bounds):
        i0 = bisect_left(f0l, lo)
        parts += (rows[prev:i0], c_arr[k:k + 1])
        prev = max(i0, bisect_right(f0l, hi))
    parts.append(rows[prev:])
    return OffsetMap(second.out_len, first.src_len, _merge_touching_array(np.concatenate(parts)))


def _cluster_rows(intervals, first_cols, second_cols):
    """Result rows of the clusters of sorted middle-text ``intervals`` ``(lo, hi, which, index)``
    (``which`` 0: first's segment, 1: second's) that hold a segment of second or several of first:
    their (lo, hi) bounds on the middle text and their rows, both in order. Each cluster's output range
    is translated through second, its source range through first, as :func:`_translate` does."""
    f0, f1, fs0, fs1 = first_cols
    s_src0, s_src1, s_out0, s_out1 = second_cols
    starts: List[Tuple[int, int]] = []
    rows: List[Tuple[int, int, int, int]] = []
    n = len(intervals)
    k = 0
    while k < n:
        lo, c_hi = intervals[k][0], intervals[k][1]
        m = k + 1
        while m < n and intervals[m][0] <= c_hi:
            if intervals[m][1] > c_hi:
                c_hi = intervals[m][1]
            m += 1
        o0 = _translate_one(s_src0, s_src1, s_out0, s_out1, lo, True)
        o1 = max(_translate_one(s_src0, s_src1, s_out0, s_out1, c_hi, False), o0)
        src0 = _translate_one(f0, f1, fs0, fs1, lo, True)
        src1 = max(_translate_one(f0, f1, fs0, fs1, c_hi, False), src0)
        starts.append((lo, c_hi))
        rows.append((o0, o1, src0, src1))
        k = m
    return starts, rows


def _well_ordered(starts: List[int], ends: List[int]) -> bool:
    """Starts sorted and no segment ending before it starts (what every constructor makes)."""
    return all(a <= b for a, b in zip(starts, starts[1:])) and all(a <= b for a, b in zip(starts, ends))


def _compose_small_second(first: OffsetMap, second: OffsetMap):
    """:func:`compose` without numpy when ``second`` is small; the same segments exactly.

    Clusters are built as in the array version. A cluster that holds only one segment of
    ``first`` (no other interval touches it: the usual case) keeps that segment's source range
    and shifts its output range by ``second``'s offset there; clusters that hold a segment of
    ``second`` are translated with the scalar :func:`_translate_one`, which mirrors
    :func:`_translate`. Returns ``None`` (use the array version) when a searched column is not
    sorted or a segment is reversed (hand-made maps), where the shortcut's reasoning does not hold.
    """
    f0, f1, fs0, fs1 = first._columns()
    s_src0, s_src1, s_out0, s_out1 = (second._columns()[k] for k in (2, 3, 0, 1))
    if not (_well_ordered(f0, f1) and _well_ordered(s_src0, s_src1)):
        return None
    # intervals on the middle text: (lo, hi, which, index); tuple order = np.lexsort((hi, lo))
    # with its stable ties (first's before second's, then by index)
    intervals = [(lo, hi, 0, i) for i, (lo, hi) in enumerate(zip(f0, f1))]
    intervals += [(lo, hi, 1, i) for i, (lo, hi) in enumerate(zip(s_src0, s_src1))]
    intervals.sort()
    rows: List[Tuple[int, int, int, int]] = []
    n = len(intervals)
    k = 0
    j = 0  # second's segments with src0 <= position: the shift outside them
    n2 = len(s_src0)
    while k < n:
        lo, hi, which, idx = intervals[k]
        c_hi = hi
        m = k + 1
        only_first = which == 0
        while m < n and intervals[m][0] <= c_hi:
            if intervals[m][1] > c_hi:
                c_hi = intervals[m][1]
            if intervals[m][2]:
                only_first = False
            m += 1
        if only_first and m == k + 1:
            # one segment of first, nothing of second touches it: a shift through second
            while j < n2 and s_src0[j] <= lo:
                j += 1
            d = s_out1[j - 1] - s_src1[j - 1] if j else 0
            o0 = lo + d
            o1 = max(hi + d, o0)
            src0 = fs0[idx]
            rows.append((o0, o1, src0, max(fs1[idx], src0)))
        else:
            o0 = _translate_one(s_src0, s_src1, s_out0, s_out1, lo, True)
            o1 = max(_translate_one(s_src0, s_src1, s_out0, s_out1, c_hi, False), o0)
            src0 = _translate_one(f0, f1, fs0, fs1, lo, True)
            src1 = max(_translate_one(f0, f1, fs0, fs1, c_hi, False), src0)
            rows.append((o0, o1, src0, src1))
        k = m
    return OffsetMap._from_rows(second.out_len, first.src_len, _merge_touching_rows(rows))


def _merge_touching_rows(rows: List[Tuple[int, int, int, int]]) -> List[Tuple[int, int, int, int]]:
    """:func:`_merge_touching_array` on a list of rows: join runs that touch on both sides."""
    merged: List[Tuple[int, int, int, int]] = []
    for row in rows:
        if merged and row[0] == merged[-1][1] and row[2] == merged[-1][3]:
            last = merged[-1]
            merged[-1] = (last[0], row[1], last[2], row[3])
        else:
            merged.append(row)
    return merged


def _translate_one(a0, a1, b0, b1, pos: int, left: bool) -> int:
    """:func:`_translate` for one position (``a0`` a sorted list)."""
    i = bisect_right(a0, pos) - 1
    has = i >= 0
    ii = i if has else 0
    out = pos + (b1[ii] - a1[ii]) if has else pos
    touch = has and a0[ii] <= pos <= a1[ii]
    if touch:
        inside = a0[ii] < pos < a1[ii]
        if left:
            out = b0[ii] if (inside or pos == a0[ii]) else b1[ii]
        else:
            out = b1[ii] if (inside or pos == a1[ii]) else b0[ii]
    if i >= 1 and a1[i - 1] == pos:
        prev = b1[i - 1]
        if touch:
            out = min(out, prev) if left else max(out, prev)
        else:
            out = prev
    return out


def _merge_touching_array(arr):
    """:func:`_merge_touching` on an ``(n, 4)`` array: join runs that touch on both sides."""
    if len(arr) < 2:
        return arr
    joins = (arr[1:, 0] == arr[:-1, 1]) & (arr[1:, 2] == arr[:-1, 3])
    if not joins.any():
        return arr
    starts = np.flatnonzero(np.concatenate([[True], ~joins]))
    ends = np.concatenate([starts[1:], [len(arr)]]) - 1
    return np.stack([arr[starts, 0], arr[ends, 1], arr[starts, 2], arr[ends, 3]], axis=1)


def _translate(a0, a1, b0, b1, pos, left: bool):
    """Boundary positions ``pos`` on side A of a map (segments ``a0..a1`` ↔ ``b0..b1``), on side B.

    ``left`` picks the smallest translation where a position touches a segment's edge (interval
    starts), otherwise the largest (interval ends). Segment ranges do not overlap on either side,
    so at most two segments touch a position: the one starting at or before it (``i``) and the
    one before that (``i - 1``), which can end exactly there.
    """
    i = np.searchsorted(a0, pos, side="right") - 1
    has = i >= 0
    ii = np.where(has, i, 0)
    # shift outside segments: past segment i (or identity before the first segment)
    out = np.where(has, pos + (b1[ii] - a1[ii]), pos)
    # segment i contains or touches pos
    touch = has & (a0[ii] <= pos) & (pos <= a1[ii])
    inside = touch & (a0[ii] < pos) & (pos < a1[ii])
    at_start = touch & (pos == a0[ii])
    at_end = touch & (pos == a1[ii])
    if left:
        cand_i = np.where(inside, b0[ii], np.where(at_start, b0[ii], b1[ii]))
    else:
        cand_i = np.where(inside, b1[ii], np.where(at_end, b1[ii], b0[ii]))
    out = np.where(touch, cand_i, out)
    # segment i-1 can end exactly at pos
    jj = np.where(i >= 1, i - 1, 0)
    prev_touch = (i >= 1) & (a1[jj] == pos)
    prev_cand = b1[jj]
    both = prev_touch & touch
    pick = np.minimum(out, prev_cand) if left else np.maximum(out, prev_cand)
    out = np.where(both, pick, np.where(prev_touch, prev_cand, out))
    return out
