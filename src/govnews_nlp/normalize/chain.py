"""The normalizer's step chain: named, switchable rewrites whose offset maps compose.

A step looks at the current text and proposes :class:`~.offsets.Edit` s; the chain applies
them, composes the step's map into the running map, counts what changed, and translates any
removal the step records into raw-text offsets for the report. Steps never see offsets other
than their own input's, which keeps each of them small and testable on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from .offsets import Edit, OffsetMap, apply_edits, compose
from .tables import Tables, default_tables


@dataclass
class Removal:
    """Something a step took out of the text (junk, a pinyin gloss), kept for the report."""

    step: str
    reason: str
    text: str
    raw_start: int
    raw_end: int

    def to_dict(self) -> dict:
        return {"step": self.step, "reason": self.reason, "text": self.text,
                "raw_start": self.raw_start, "raw_end": self.raw_end}


@dataclass
class StepContext:
    """What a step may use besides its input text: its options, and places to report to."""

    options: Mapping[str, object]
    tables: Tables = field(default_factory=default_tables)
    counts: Dict[str, int] = field(default_factory=dict)
    removals: List[Tuple[str, int, int, str]] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        if n:
            self.counts[key] = self.counts.get(key, 0) + n

    def removed(self, start: int, end: int, text: str, reason: str) -> None:
        """Record that ``text`` at ``[start, end)`` of this step's input is being removed."""
        self.removals.append((reason, start, end, text))


#: A step returns edits, or (fast path for substitutions that keep every position, such as t2s
#: or punctuation width) the whole new text of the same length, or (fast path for steps that
#: make thousands of changes, such as removing glosses) a :class:`StepOutput` with the new text
#: and its map, or ``None`` for no change.
class StepOutput(NamedTuple):
    """A step's new text and its exact map to the step's input."""

    text: str
    offset_map: OffsetMap


StepFunc = Callable[[str, StepContext], Union[Sequence[Edit], str, StepOutput, None]]


@dataclass(frozen=True)
class Step:
    """A named repair. ``func`` returns the edits for its input, a same-length rewrite of it, or
    ``None``/``[]`` for none."""

    name: str
    func: StepFunc
    doc: str = ""
    default: bool = True


@dataclass
class StepReport:
    name: str
    counts: Dict[str, int]

    @property
    def changed(self) -> int:
        return sum(self.counts.values())


@dataclass
class ChainResult:
    text: str
    offset_map: OffsetMap
    steps: List[StepReport]
    removals: List[Removal]


def run_chain(text: str, steps: Iterable[Step], options: Mapping[str, object],
              tables: Optional[Tables] = None) -> ChainResult:
    """Run ``steps`` in order over ``text``; return the final text, its map to ``text`` and a report.

    The first map that changes lengths (on dirty text: the glosses, thousands of segments) is kept
    aside as ``base``; the later, small maps compose among themselves into ``later``, and the two
    are composed once at the end. Composition is associative, so the result is the same as
    composing step by step, without composing every later step with the big map.
    """
    tables = tables if tables is not None else default_tables()
    current = text
    base: OffsetMap = OffsetMap.identity(len(text))
    later: OffsetMap | None = None
    reports: List[StepReport] = []
    removals: List[Removal] = []

    def to_raw(start: int, end: int) -> Tuple[int, int]:
        if later is not None:
            start, end = later.out_span_to_src(start, end)
        return base.out_span_to_src(start, end)

    def add(step_map: OffsetMap) -> None:
        nonlocal base, later
        if base.is_identity:
            base = step_map
        elif later is None:
            later = step_map
        else:
            later = compose(later, step_map)

    for step in steps:
        ctx = StepContext(options=options, tables=tables)
        edits = step.func(current, ctx)
        if isinstance(edits, StepOutput):
            if edits.offset_map.src_len != len(current) or edits.offset_map.out_len != len(edits.text):
                raise ValueError(f"step {step.name!r} returned a map that does not fit its texts")
            for reason, start, end, removed_text in ctx.removals:
                removals.append(Removal(step.name, reason, removed_text, *to_raw(start, end)))
            current = edits.text
            add(edits.offset_map)
        elif isinstance(edits, str):
            if len(edits) != len(current):
                raise ValueError(f"step {step.name!r} returned a text of another length; use edits")
            current = edits  # positions unchanged: the map stays as it is
        elif edits:
            for reason, start, end, removed_text in ctx.removals:
                removals.append(Removal(step.name, reason, removed_text, *to_raw(start, end)))
            current, step_map = apply_edits(current, edits)
            add(step_map)
        reports.append(StepReport(step.name, ctx.counts))
    mp = base if later is None else compose(base, later)
    return ChainResult(current, mp, reports, removals)
