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

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, List, NamedTuple, Tuple


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


@dataclass(frozen=True)
class OffsetMap:
    """Alignment of an output text (``out_len`` characters) with its source (``src_len``)."""

    out_len: int
    src_len: int
    segments: Tuple[Segment, ...] = field(default=())

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length, length, ())

    @property
    def is_identity(self) -> bool:
        return not self.segments and self.out_len == self.src_len

    # -- point and span lookups ----------------------------------------------------------------
    def _starts(self, src_side: bool) -> List[int]:
        key = "_src_starts" if src_side else "_out_starts"
        cached = self.__dict__.get(key)
        if cached is None:
            cached = [s.src_start if src_side else s.out_start for s in self.segments]
            object.__setattr__(self, key, cached)
        return cached

    def _lookup(self, pos: int, forward: bool) -> Tuple[int, int]:
        """Span on the other side for the character at ``pos`` (a source position if forward).

        Segments are strictly increasing on both sides (touching ones are merged), so the last
        segment starting at or before ``pos`` either contains it or lies wholly before it.
        """
        i = bisect_right(self._starts(src_side=forward), pos) - 1
        if i < 0:
            return pos, pos + 1
        s = self.segments[i]
        _a0, a1, b0, b1 = (s.src_start, s.src_end, s.out_start, s.out_end) if forward else s
        if pos < a1:
            return b0, b1
        q = b1 + (pos - a1)
        return q, q + 1

    def out_to_src(self, pos: int) -> Tuple[int, int]:
        """Source span ``(start, end)`` of output character ``pos``."""
        if not 0 <= pos < self.out_len:
            raise IndexError(f"output position {pos} out of range 0..{self.out_len - 1}")
        if not self.segments:
            return pos, pos + 1
        return self._lookup(pos, forward=False)

    def src_to_out(self, pos: int) -> Tuple[int, int]:
        """Output span of source character ``pos``; ``(k, k)`` when the character was deleted."""
        if not 0 <= pos < self.src_len:
            raise IndexError(f"source position {pos} out of range 0..{self.src_len - 1}")
        if not self.segments:
            return pos, pos + 1
        return self._lookup(pos, forward=True)

    def out_span_to_src(self, start: int, end: int) -> Tuple[int, int]:
        """Source span covering output span ``[start, end)``."""
        if start >= end:
            anchor = self._boundary_to_src(start)
            return anchor, anchor
        return self.out_to_src(start)[0], self.out_to_src(end - 1)[1]

    def src_span_to_out(self, start: int, end: int) -> Tuple[int, int]:
        """Output span covering source span ``[start, end)`` (empty if all of it was deleted)."""
        if start >= end:
            return start, start
        spans = [self.src_to_out(start), self.src_to_out(end - 1)]
        return spans[0][0], max(spans[1][1], spans[0][0])

    def _boundary_to_src(self, pos: int) -> int:
        if pos <= 0:
            return 0
        if pos >= self.out_len:
            return self.src_len
        return self.out_to_src(pos)[0]

    def out_boundary_to_src(self, pos: int) -> int:
        """Source position of the boundary before output character ``pos``."""
        return self._boundary_to_src(pos)

    # -- serialization ---------------------------------------------------------------------------
    def to_list(self) -> list:
        """Plain nested lists (msgpack/JSON friendly), for ``Doc.user_data`` and records."""
        return [self.out_len, self.src_len, [list(s) for s in self.segments]]

    @classmethod
    def from_list(cls, data: list) -> OffsetMap:
        out_len, src_len, segs = data
        return cls(int(out_len), int(src_len), tuple(Segment(*map(int, s)) for s in segs))


def apply_edits(source: str, edits: Iterable[Edit]) -> Tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits; return the new text and its map to ``source``.

    Edits that keep the length of what they replace do not create segments: the alignment
    stays positional there.
    """
    pieces: List[str] = []
    segments: List[Segment] = []
    src_pos = 0
    out_pos = 0
    for start, end, text in edits:
        if start < src_pos or end < start or end > len(source):
            raise ValueError(f"edits must be sorted, in range and non-overlapping: {(start, end)}")
        if start > src_pos:
            pieces.append(source[src_pos:start])
            out_pos += start - src_pos
        pieces.append(text)
        if len(text) != end - start:  # same length: the alignment stays positional
            segments.append(Segment(out_pos, out_pos + len(text), start, end))
        out_pos += len(text)
        src_pos = end
    if src_pos < len(source):
        pieces.append(source[src_pos:])
        out_pos += len(source) - src_pos
    return "".join(pieces), OffsetMap(out_pos, len(source), _merge_touching(segments))


def _merge_touching(segments: List[Segment]) -> Tuple[Segment, ...]:
    """Merge segments that touch on both sides, so lookups never see ambiguous neighbours."""
    merged: List[Segment] = []
    for seg in segments:
        if merged and merged[-1].out_end == seg.out_start and merged[-1].src_end == seg.src_start:
            last = merged[-1]
            merged[-1] = Segment(last.out_start, seg.out_end, last.src_start, seg.src_end)
        else:
            merged.append(seg)
    return tuple(merged)


def compose(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """Map of ``second ∘ first``: ``first`` maps mid→src, ``second`` maps out→mid.

    Every segment of either map is expressed as an interval of the middle text; overlapping or
    touching intervals are merged into clusters; each cluster becomes one segment of the result,
    with its output range taken through ``second`` and its source range through ``first``.
    Outside the clusters both maps are shifts, so the result is a shift there too.
    """
    if first.out_len != second.src_len:
        raise ValueError(f"cannot compose: middle lengths differ ({first.out_len} != {second.src_len})")
    if not first.segments:
        return OffsetMap(second.out_len, first.src_len, second.segments)
    if not second.segments:
        return OffsetMap(second.out_len, first.src_len, first.segments)

    intervals = sorted(
        [(s.out_start, s.out_end) for s in first.segments] + [(s.src_start, s.src_end) for s in second.segments]
    )
    clusters: List[List[int]] = []
    for lo, hi in intervals:
        if clusters and lo <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], hi)
        else:
            clusters.append([lo, hi])

    def mid_to_side(mp: OffsetMap, lo: int, hi: int, mid_is_src: bool) -> Tuple[int, int]:
        # Boundary positions of the middle interval on the other side of ``mp``.
        start = _boundary(mp, lo, mid_is_src, left=True)
        return start, max(_boundary(mp, hi, mid_is_src, left=False), start)

    result: List[Segment] = []
    for lo, hi in clusters:
        o0, o1 = mid_to_side(second, lo, hi, mid_is_src=True)
        s0, s1 = mid_to_side(first, lo, hi, mid_is_src=False)
        result.append(Segment(o0, o1, s0, s1))
    return OffsetMap(second.out_len, first.src_len, _merge_touching(result))


def _boundary(mp: OffsetMap, pos: int, pos_is_src: bool, left: bool) -> int:
    """Boundary ``pos`` on one side of ``mp``, translated to the other side, in O(log n).

    ``left`` picks the smallest translation when ``pos`` touches a segment's edge (used for
    interval starts), otherwise the largest (used for interval ends). Segment ranges do not
    overlap on either side, so at most two segments (one ending, one starting) touch ``pos``.
    """
    segs = mp.segments
    i = bisect_right(mp._starts(src_side=pos_is_src), pos) - 1
    candidates: List[int] = []
    for j in (i - 1, i):
        if j < 0:
            continue
        s = segs[j]
        a0, a1, b0, b1 = (s.src_start, s.src_end, s.out_start, s.out_end) if pos_is_src else s
        if a0 <= pos <= a1:
            if pos == a0:
                candidates.append(b0)
            if pos == a1:
                candidates.append(b1)
            if a0 < pos < a1:
                candidates.append(b0 if left else b1)
    if candidates:
        return min(candidates) if left else max(candidates)
    if i < 0:
        return pos
    s = segs[i]
    a1, b1 = (s.src_end, s.out_end) if pos_is_src else (s.out_end, s.src_end)
    return pos + (b1 - a1)
