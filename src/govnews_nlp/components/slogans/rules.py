"""The slogan detector's rule data: pydantic models of its patterns files, compiled for scanning.

Three files feed the detector (all in ``patterns/``):

* ``slogans.jsonl`` – the canon: known formulas with their source (``一带一路``, ``放管服``);
* ``slogan_cues.jsonl`` – word lists by role: heads after a quotation (``理念``, ``行动``), verbs
  before one (``落实``), names (``公司``), numeral-initial common words (``一把手``) …;
* ``idioms.jsonl`` – idioms and fixed expressions generated from jieba's dictionary by
  ``scripts/build_idioms.py``: a quoted idiom is emphasis, not a directive.

Everything is compiled once into :class:`CompiledSlogans` (sets and regexes); scanning never
touches pydantic objects, which keeps the component fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Literal, Optional, Pattern, Sequence, Tuple

from pydantic import Field

from ...lexicon import LexiconError, Rule

Form = Literal["numbered", "campaign", "directive"]
CueRole = Literal[
    "directive_head",
    "campaign_head",
    "directive_verb",
    "campaign_verb",
    "theme_word",
    "speech_after",
    "name_tail",
    "name_head",
    "numbered_stop",
    "head_da",
    "head_ge",
    "head_nian",
    "fullname_verb",
    "issuer_title",
    "meeting_head",
    "participant_tail",
    "programme_head",
    "rank_head",
    "works_word",
    "emphasis_after",
    "emphasis_verb",
    "emphasis_tail",
    "pronoun_word",
]


class CanonSlogan(Rule):
    """A known formula: matched quoted, and also unquoted when ``unquoted`` is true."""

    text: str = Field(min_length=1, max_length=40)
    form: Form
    unquoted: bool = True
    source: str = Field(min_length=3)


class CueList(Rule):
    """One list of context words with the role it plays."""

    role: CueRole
    words: List[str] = Field(min_length=1)
    source: str = Field(min_length=3)


class Idiom(Rule):
    """An idiom (jieba POS ``i``) or fixed expression (``l``); quoted, it is emphasis."""

    text: str = Field(min_length=1)
    pos: str
    source: str


#: Numerals that open a numbered formula (四个意识, 双碳, 百日攻坚, 千人助千企).
NUMERALS = "一二两三四五六七八九十百千万双"
SMALL_NUMERALS = "一二两三四五六七八九十"
CJK = "\u4e00-\u9fff"
#: A character before an unquoted formula that makes it part of something longer (第三大, 十三个, 1.4+2).
NOT_BEFORE_NUMBERED = frozenset("第0123456789.+" + NUMERALS)
NOT_BEFORE_CANON = frozenset(SMALL_NUMERALS)


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, longest first (so 总体思路 wins over 思路)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass
class CompiledSlogans:
    """All rule data in scan-ready form."""

    canon: Dict[str, CanonSlogan]
    cues: Dict[str, Tuple[str, ...]]
    idioms: FrozenSet[str]
    canon_unquoted_re: Optional[Pattern[str]] = None
    unquoted_numbered_re: Optional[Pattern[str]] = None
    digit_code_re: Optional[Pattern[str]] = None
    #: a numbered chain printed without quotes right after a directive verb (推进两清三改，)
    unquoted_chain_re: Optional[Pattern[str]] = None
    fullname_verb_re: Optional[Pattern[str]] = None
    issuer_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: construction words inside a quoted 工程/计划 (实施“城南大道拓宽改造工程”: a works project)
    works_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: role → words, longest first, for ``str.startswith``/``str.endswith`` (faster than a regex)
    starts: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    ends: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    def cue(self, role: str) -> Tuple[str, ...]:
        return self.cues.get(role, ())


#: Measure words: a numeral followed by one is a count (两个项目三家企业), not a link of a formula.
CHAIN_MEASURES = "个家项名位座条台套次批年月日天号期届级层岁人户元吨亩"


def numbered_chain(body_max: int = 3) -> str:
    """Two or more links of numeral + a short body (一区两中心, 一主两新, 四为四高两同步, 一港三区)."""
    return f"(?:[{NUMERALS}]+(?![{CHAIN_MEASURES}])[^{NUMERALS}\\d\\W]{{1,{body_max}}}){{2,}}"


def compile_rules(
    canon: Sequence[CanonSlogan], cue_lists: Sequence[CueList], idioms: Sequence[Idiom]
) -> CompiledSlogans:
    """Validate cross-file constraints and build the regexes."""
    by_text: Dict[str, CanonSlogan] = {}
    for entry in canon:
        if entry.text in by_text:
            raise LexiconError(
                f"slogans.jsonl: {entry.id!r} repeats the text {entry.text!r} of {by_text[entry.text].id!r}"
            )
        by_text[entry.text] = entry
    cues: Dict[str, List[str]] = {}
    for cl in cue_lists:
        cues.setdefault(cl.role, []).extend(cl.words)
    frozen = {role: tuple(words) for role, words in cues.items()}
    out = CompiledSlogans(canon=by_text, cues=frozen, idioms=frozenset(i.text for i in idioms))

    unquoted = [e.text for e in canon if e.unquoted]
    if unquoted:
        # no leading look-behind: it would defeat the regex engine's first-character scan; the
        # scanner checks the preceding character itself (see ``NOT_BEFORE_*``)
        out.canon_unquoted_re = re.compile(alternation(unquoted))
    parts = []
    for role, measure, numerals in (
        ("head_da", "大", "两三四五六七八九十"),
        ("head_ge", "个", SMALL_NUMERALS),
        ("head_nian", "年", SMALL_NUMERALS),
    ):
        words = frozen.get(role)
        if words:
            parts.append(f"[{numerals}]{measure}(?:{alternation(words)})")
    # the look-ahead lets the engine skip quickly to a numeral
    out.unquoted_numbered_re = re.compile(f"(?=[{NUMERALS}])(?:{'|'.join(parts)})")
    # digit codes joined by '+' (4+6+N, 1+N) followed by a Chinese head word: a regex of its own,
    # run only on texts with a '+' (a scan for \d looks up every character's Unicode category)
    out.digit_code_re = re.compile(r"\d{1,2}(?:\+(?:\d{1,2}|N))+(?![\d.+])(?=[" + CJK + "])")
    if frozen.get("directive_verb"):
        # links of one or two characters only, and the chain must end the clause: unquoted, the
        # formula has no quotation marks to bound it
        out.unquoted_chain_re = re.compile(
            f"(?:{alternation(frozen['directive_verb'])})({numbered_chain(body_max=2)})(?=[，。；、,;！!？?])"
        )
    if frozen.get("fullname_verb"):
        out.fullname_verb_re = re.compile(f"(?:{alternation(frozen['fullname_verb'])})")
    title = alternation(frozen.get("issuer_title", ())) or "(?!)"
    unit = "(?:省|市|县|区|州|盟|旗|镇|乡|自治区)"
    out.issuer_re = re.compile(
        f"(?:习近平总书记|党中央|中共中央|国务院|总书记|{unit}(?:委|政府)(?:[、和]?{unit}?政府)?)(?!{title})"
    )
    if frozen.get("works_word"):
        out.works_re = re.compile(alternation(frozen["works_word"]))
    for role in (
        "directive_head",
        "campaign_head",
        "speech_after",
        "name_head",
        "theme_word",
        "meeting_head",
        "programme_head",
        "rank_head",
        "emphasis_after",
        "pronoun_word",
    ):
        out.starts[role] = tuple(sorted(set(frozen.get(role, ())), key=len, reverse=True))
    for role in ("directive_verb", "campaign_verb", "name_tail", "emphasis_verb", "emphasis_tail", "participant_tail"):
        out.ends[role] = tuple(sorted(set(frozen.get(role, ())), key=len, reverse=True))
    return out
