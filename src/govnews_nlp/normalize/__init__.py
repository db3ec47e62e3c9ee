"""``normalize(text) -> Normalized``: scraped Chinese news to clean Simplified text, traceably.

Pure Python, no spaCy. The work is a chain of named repairs (see :data:`STEPS`), each of which
can be switched off; their offset maps compose, so every character of the clean text maps back
to its span of the raw input and back again. The whole is idempotent:
``normalize(normalize(x).text).text == normalize(x).text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .chain import ChainResult, Removal, Step, run_chain
from .credits import find_credits
from .headline import find_headline
from .junk import junk_step
from .lines import lines_step
from .lost import lost_step
from .offsets import OffsetMap
from .pinyin import pinyin_step
from .punct import punct_step, quotes_step, width_step
from .script import script_step, script_words_step
from .tables import Tables
from .tables import resolve as resolve_tables
from .variants import variants_step

#: The repairs, in the order they run. Names are stable: they are config keys and report keys.
#: Order matters: glosses go before t2s (OpenCC must see plain characters), so do the variant
#: characters OpenCC does not know (its input must be the standard character), junk rules are written
#: in Simplified, lost characters are restored from Simplified neighbours, doubled punctuation is
#: collapsed before lines are judged by their last character, and quotes are paired before the
#: width step looks at their neighbours.
STEPS: Tuple[Step, ...] = (
    Step("pinyin", pinyin_step, "remove (pinyin) glosses that are readings of the preceding character"),
    Step("variants", variants_step, "variant characters t2s leaves alone (陜西 → 陕西, 堿 → 碱)"),
    Step("script", script_step, "Traditional and mixed script to Simplified (OpenCC t2s)"),
    Step("junk", junk_step, "remove web page furniture (captcha, login, file names, links, notices)"),
    Step("lost", lost_step, "restore characters lost as ? next to their pinyin, else mark them"),
    Step("script_words", script_words_step, "著→着 and 瞭→了 where the word list makes it certain"),
    Step("punct", punct_step, "collapse doubled punctuation (,、 ,。 ,,)"),
    Step("lines", lines_step, "join lines broken inside sentences; spaces between paragraphs to breaks"),
    Step("quotes", quotes_step, "ASCII double quotes around Chinese to paired “ ”"),
    Step("width", width_step, "half-width punctuation in Chinese text to full width (option keep_width)"),
)

STEP_NAMES: Tuple[str, ...] = tuple(s.name for s in STEPS)
_DEFAULT_STEPS: Tuple[Step, ...] = tuple(s for s in STEPS if s.default)


@dataclass(frozen=True)
class Credit:
    """A byline or credit in the clean text: ``记者 刘玉林`` with role ``记者``; offsets are in
    the normalized text. The official-title matcher turns these into journalists.

    ``start``/``end`` cover the label (with any organisation before it) through this name, or the
    name through ``摄``, or the parentheses of a bare byline (role ``署名``); ``name_start``/
    ``name_end`` cover the name alone. Several names after one label give one Credit each."""

    start: int
    end: int
    role: str
    name: str
    name_start: int
    name_end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "role": self.role, "name": self.name,
                "name_start": self.name_start, "name_end": self.name_end}


@dataclass
class NormalizationReport:
    """What each step changed (counts per step) and everything that was removed."""

    steps: Dict[str, Dict[str, int]] = field(default_factory=dict)
    removals: List[Removal] = field(default_factory=list)
    encoding: Optional[str] = None

    def to_dict(self) -> dict:
        return {
            "steps": {k: dict(v) for k, v in self.steps.items() if v},
            "removed": [r.to_dict() for r in self.removals],
            "encoding": self.encoding,
        }


@dataclass
class Normalized:
    """The clean text, its exact map to the raw input, and what was done to get there."""

    raw: str
    text: str
    offset_map: OffsetMap
    report: NormalizationReport
    credits: List[Credit] = field(default_factory=list)
    headline: Optional[Tuple[int, int]] = None

    def raw_span(self, start: int, end: int) -> Tuple[int, int]:
        """Raw character span of the clean span ``[start, end)``."""
        return self.offset_map.out_span_to_src(start, end)

    def raw_text(self, start: int, end: int) -> str:
        s, e = self.raw_span(start, end)
        return self.raw[s:e]

    def clean_span(self, raw_start: int, raw_end: int) -> Tuple[int, int]:
        """Clean span of the raw span ``[raw_start, raw_end)`` (empty if it was removed)."""
        return self.offset_map.src_span_to_out(raw_start, raw_end)

    @property
    def headline_text(self) -> Optional[str]:
        return self.text[self.headline[0]:self.headline[1]] if self.headline else None


def resolve_steps(steps: Optional[Iterable[str]] = None, disable: Iterable[str] = ()) -> Tuple[Step, ...]:
    """The steps to run: all defaults, or those named in ``steps``, minus ``disable``."""
    if steps is None and not disable:
        return _DEFAULT_STEPS
    wanted = set(STEP_NAMES if steps is None else steps)
    unknown = (wanted | set(disable)) - set(STEP_NAMES)
    if unknown:
        raise ValueError(f"unknown normalizer step(s) {sorted(unknown)}; known: {', '.join(STEP_NAMES)}")
    off = set(disable)
    return tuple(s for s in STEPS if s.name in wanted and s.name not in off
                 and (s.default or steps is not None))


def normalize(
    text: str,
    *,
    steps: Optional[Sequence[str]] = None,
    disable: Sequence[str] = (),
    options: Optional[Mapping[str, Any]] = None,
    tables: Optional[Tables] = None,
) -> Normalized:
    """Normalize scraped Chinese news text.

    text:     the raw article.
    steps:    names of the steps to run (default: all of :data:`STEP_NAMES` that are on by default).
    disable:  names of steps to skip.
    options:  step options, e.g. ``{"keep_width": True}``.
    tables:   the rule tables to use (:class:`~.tables.Tables`; default: the packaged ``patterns/``).
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() argument 'text' must be str, not {type(text).__name__}")
    chosen = resolve_steps(steps, disable)
    tables = resolve_tables(tables)
    result: ChainResult = run_chain(text, chosen, options or {}, tables)
    report = NormalizationReport(
        steps={r.name: r.counts for r in result.steps},
        removals=result.removals,
    )
    credits = find_credits(result.text, Credit, tables) if result.text else []
    headline = find_headline(result.text)
    return Normalized(raw=text, text=result.text, offset_map=result.offset_map, report=report,
                      credits=credits, headline=headline)


__all__ = ["STEPS", "STEP_NAMES", "Credit", "NormalizationReport", "Normalized", "Tables", "normalize", "resolve_steps"]
