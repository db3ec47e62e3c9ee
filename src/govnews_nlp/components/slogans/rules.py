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
from ...pos_lexicon import PosLexicon

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
    "speech_verb",
    "descriptive_before",
    "descriptive_after",
    "measure_word",
    "quantity_unit",
    "numeral_suffix",
    "not_campaign_xing",
    "issuer_head",
    "goal_verb",
    "predicate_morpheme",
    "place_morpheme",
    "compass_point",
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
    #: two or more links of numeral + short body (一区两中心); a measure word after the numeral is a count
    numbered_chain_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: a quotation or a clause that is direct speech when it follows a colon or a speech verb (说:, 表示,)
    speech_before_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: a digit amount with a unit (10万吨, 30%): a quantity, never a formula
    quantity_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: a numeral word followed only by a measure word or unit (百万亩, 十万吨): a quantity
    numeral_quantity_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: a numeral with a time, rank or ordinal suffix (一季度, 三星级): not a formula
    numeral_time_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: the four-character predication formula 工业强区 / 产业兴县 / 人才强企 (see ``predicate_morpheme``)
    predication_re: Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    #: unquoted numbered formula right after a directive verb: 建设两型社会, 推进三中心建设
    verb_numbered_re: Optional[Pattern[str]] = None
    #: one-character measure words (``measure_word`` cues)
    measures: FrozenSet[str] = frozenset()
    #: role → words, longest first, for ``str.startswith``/``str.endswith`` (faster than a regex)
    starts: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    ends: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    def cue(self, role: str) -> Tuple[str, ...]:
        return self.cues.get(role, ())

    @staticmethod
    def pos() -> PosLexicon:
        """The part-of-speech lexicon (jieba's words and tags), loaded on first use and shared."""
        return PosLexicon.default()


def numbered_chain(measures: str, body_max: int = 3) -> str:
    """Two or more links of numeral + a short body (一区两中心, 一主两新, 四为四高两同步, 一港三区).

    ``measures`` are the one-character measure words (``measure_word`` cues): a numeral followed by
    one is a count (两个项目三家企业), not a link of a formula.
    """
    stop = f"(?![{re.escape(measures)}])" if measures else ""
    return f"(?:[{NUMERALS}]+{stop}[^{NUMERALS}\\d\\W]{{1,{body_max}}}){{2,}}"


def _one_char(words: Sequence[str]) -> str:
    return "".join(sorted({w for w in words if len(w) == 1}))


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
    measures = _one_char(frozen.get("measure_word", ()))
    out.measures = frozenset(measures)
    out.numbered_chain_re = re.compile(numbered_chain(measures))
    if frozen.get("directive_verb"):
        verbs = alternation(frozen["directive_verb"])
        # links of one or two characters only, and the chain must end the clause: unquoted, the
        # formula has no quotation marks to bound it
        out.unquoted_chain_re = re.compile(f"(?:{verbs})({numbered_chain(measures, body_max=2)})(?=[，。；、,;！!？?])")
        # one numeral + a body of 1-3 characters that ends the clause or comes before 建设/的: a
        # numbered abbreviation the text carries out (建设两型社会, 推进三中心建设); the scanner checks
        # that the body is not a count (measure word) and the numeral does not start a word (三亚)
        out.verb_numbered_re = re.compile(
            f"(?:{verbs})([{SMALL_NUMERALS}双][^{NUMERALS}\\d\\W]{{1,3}}?)(?=建设|[，。；、,;！!？?])"
        )
    speech = alternation(frozen.get("speech_verb", ()))
    if speech:
        out.speech_before_re = re.compile(f"(?:[:：]|(?:{speech})[,，]?)$")
    units = alternation(frozen.get("quantity_unit", ()))
    if units:
        out.quantity_re = re.compile(f"\\d+(?:\\.\\d+)?[万亿千百]?(?:{units})")
        out.numeral_quantity_re = re.compile(f"[{NUMERALS}零]+(?:{units})")
    suffixes = alternation(frozen.get("numeral_suffix", ()))
    if suffixes:
        out.numeral_time_re = re.compile(f"[{NUMERALS}]+(?:{suffixes})$")
    predicates = _one_char(frozen.get("predicate_morpheme", ()))
    places = _one_char(frozen.get("place_morpheme", ()))
    if predicates and places:
        out.predication_re = re.compile(f"[{CJK}]{{2}}[{predicates}][{places}]")
    if frozen.get("fullname_verb"):
        out.fullname_verb_re = re.compile(f"(?:{alternation(frozen['fullname_verb'])})")
    title = alternation(frozen.get("issuer_title", ())) or "(?!)"
    unit = "(?:省|市|县|区|州|盟|旗|镇|乡|自治区)"
    heads = alternation(frozen.get("issuer_head", ())) or "(?!)"
    out.issuer_re = re.compile(f"(?:{heads}|{unit}(?:委|政府)(?:[、和]?{unit}?政府)?)(?!{title})")
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
        "descriptive_after",
    ):
        out.starts[role] = tuple(sorted(set(frozen.get(role, ())), key=len, reverse=True))
    for role in (
        "directive_verb",
        "campaign_verb",
        "name_tail",
        "emphasis_verb",
        "emphasis_tail",
        "participant_tail",
        "descriptive_before",
        "not_campaign_xing",
        "goal_verb",
    ):
        out.ends[role] = tuple(sorted(set(frozen.get(role, ())), key=len, reverse=True))
    return out
