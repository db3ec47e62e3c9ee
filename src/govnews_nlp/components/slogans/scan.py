"""Finding slogans in plain text: quotations judged by their shape and context, plus unquoted formulas.

This module knows nothing about spaCy: :func:`scan` takes a string and returns character hits,
so the same rules give the same offsets whatever segmenter tokenized the Doc.

How a quotation is judged (README conventions, ``corpus/dev/README.md``):

1. Rejected outright: sentences and questions (``。?!:``), direct speech (``说:“…”``, a pronoun
   outside a symmetric formula), quantities (``10万吨…``), plan periods and congresses
   (``十四五``, ``十九大``), names of companies/products/events (``…公司``, ``“…”品牌``),
   descriptive lists (``集“…”为一体``).
2. Accepted by shape: numbered formulas (``四个意识``, ``四为四高两同步``, ``3820``, ``4+6+N``)
   unless an idiom or a numeral-initial common word (``一把手``); parallel formulas of two or more
   clauses (``疫情要防住、经济要稳住、发展要安全``, also ``您投资、我服务`` when pronouns only open
   short clauses and a directive cue surrounds it); ``+``-joined formulas (``通道+枢纽+网络``);
   conversion formulas (``煤改气``); canon entries (``放管服``).
3. Rejected as emphasis or a title: ``“钉钉子”精神``, ``“保姆式”``, ``当好“店小二”``,
   ``“省级绿色工厂”``.
4. Otherwise scored on context: a directive head after it (``…”理念``, ``…”部署要求``), a
   campaign head (``…”行动``), a programme frame (``“无废城市”建设``, ``“氢进万家”示范``,
   ``实施“…工程”``), a meeting noun after a theme of 6+ characters (``“…”专题协商座谈会``), a
   directive verb (``落实“…``), an issuer (``市委“…``), ``以“…”(建设)为主题/牵引``; minus for
   ``的“…`` (a metaphor: ``干部的“辛苦指数”``) and idioms.

Unquoted, only numbered formulas count (``三年行动``, ``两大战略``, ``两个倍增``) and canon entries
marked ``unquoted``; unquoted parallel formulas are deliberately not slogans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from .rules import CJK, NOT_BEFORE_CANON, NOT_BEFORE_NUMBERED, NUMERALS, CompiledSlogans, numbered_chain

KINDS = ("numbered", "campaign", "directive", "canon")

QUOTE_RE = re.compile(r"“([^“”\n]{1,80})”|「([^「」\n]{1,80})」|\"([^\"\n“”]{1,80})\"")
SENTENCE_RE = re.compile(r"[。?？!！;；:：…]")
PRONOUN_RE = re.compile(r"[我你您咱]")
QUANTITY_RE = re.compile(
    r"\d+(?:\.\d+)?[万亿千百]?(?:吨|千瓦|瓦|元|亩|平方|米|号|%|％|年|月|日|个|家|项|人|户|度|方|台|套|座|条)"
)
DIGIT_CODE_RE = re.compile(r"\d{2,8}|\d{1,3}(?:[+＋](?:\d{1,3}|[A-Za-z]))+")
YEAR_RE = re.compile(r"(?:19|20)\d\d")
PLAN_CONGRESS_RE = re.compile("(?:党的)?[十二]?[一二三四五六七八九十]+(?:五(?:规划|时期|期间)?|大|届.*)")
NUMBERED_RE = re.compile(f"[{NUMERALS}]")
NUMERAL_TIME_RE = re.compile(f"[{NUMERALS}]+(?:期|季度|届|次|批|号|级|岁|倍|成|周年|等奖|星级|层|楼|点钟)$")
PARALLEL_SPLIT_RE = re.compile(r"[、,，]")
#: Middle dots that join the parallel halves of a theme (“智造泺城·共赢未来”); U+00B7, U+30FB,
#: U+2027, U+2022, U+2219 all occur in Chinese pages for the same mark.
DOTS = "·・‧•∙"
DOT_SPLIT_RE = re.compile(f"[{DOTS}]")
#: Shortest half of a dot-joined formula accepted by shape; shorter halves are typically names
#: (“碧桂园·天玺”, “约翰·史密斯”) and need a context cue like any other quotation.
DOT_HALF_MIN = 4
CJK_ONLY_RE = re.compile(f"[{CJK}]+")
CJK_LIST_RE = re.compile(f"[{CJK}]+(?:[、,，{DOTS}][{CJK}]+)*")
#: A numbered chain: two or more links of numeral + a short body (一区两中心, 一主两新, 四为四高两同步,
#: 一港三区). A body starting with a measure word is a count (两个项目三家企业), not a link.
NUMBERED_CHAIN_RE = re.compile(numbered_chain())
ONLY_NUMERALS_RE = re.compile(f"[{NUMERALS}]+")
DIGIT_RE = re.compile(r"\d")
#: A quotation right after a colon or after 说/表示/问… (with or without a comma) is speech.
SPEECH_BEFORE_RE = re.compile(r"(?:[:：]|(?:说|表示|问|道|坦言|回答|感慨|介绍)[,，]?)$")
PLUS_RE = re.compile(f"[{CJK}A-Za-z0-9]{{1,8}}(?:[+＋][{CJK}A-Za-z0-9]{{1,8}})+")
LATIN_RE = re.compile(r"[A-Za-z]{2,}")
CLAUSE_CUT_RE = re.compile(r"[,，。;；:：!！?？\n]")
CAMPAIGN_END_RE = re.compile(
    f"(?:行动|攻坚战|大会战|[{CJK}]{{3,}}年|[{CJK}]{{2,}}(?<![银同执运进发旅步出流游试施履践推实先并可平])行)$"
)
#: A quoted programme name carried out by a verb: 实施“强基工程”, 启动“人才倍增计划”.
PROGRAMME_END_RE = re.compile("(?:工程|计划)$")
#: Compressed conversion formulas: 公转铁, 散改集, 煤改气 (A改B / A转B).
CONVERSION_RE = re.compile(f"[{CJK}][改转][{CJK}]")
#: Shortest quotation read as a meeting theme (shorter ones before 座谈会 are names: “双月协商”座谈会).
THEME_MIN = 6
DESCRIPTIVE_BEFORE = ("集", "融", "涵盖", "包括", "涉及")
DESCRIPTIVE_AFTER = ("为一体", "于一体", "等")
MAX_QUOTE = 40


@dataclass(frozen=True)
class SloganHit:
    """A slogan found in text: ``start``/``end`` delimit ``text`` (quotation marks excluded)."""

    start: int
    end: int
    text: str
    kind: str
    quoted: bool
    issuer: Optional[str]
    rule: str


def scan(text: str, rules: CompiledSlogans, *, unquoted: bool = True, max_len: int = MAX_QUOTE) -> List[SloganHit]:
    """All slogan mentions in ``text``, in text order (duplicates included)."""
    hits: List[SloganHit] = []
    quoted_regions: List[Tuple[int, int]] = []
    for m in QUOTE_RE.finditer(text):
        g = 1 if m.group(1) is not None else 2 if m.group(2) is not None else 3
        quoted_regions.append((m.start(), m.end()))
        hit = judge_quote(text, m.start(g), m.end(g), rules, max_len)
        if hit is not None:
            hits.append(hit)
    if unquoted:
        hits.extend(scan_unquoted(text, rules, quoted_regions))
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


# -- quotations ------------------------------------------------------------------------------------


def judge_quote(
    text: str, start: int, end: int, rules: CompiledSlogans, max_len: int = MAX_QUOTE
) -> Optional[SloganHit]:
    """The slogan inside the quotation ``text[start:end]``, or None when it is something else."""
    raw = text[start:end]
    content = raw.strip()
    if not content:
        return None
    start += len(raw) - len(raw.lstrip())
    end = start + len(content)
    q_open, q_close = start - 1, end + 1
    before = text[max(0, q_open - 16) : q_open].rstrip()
    after = text[q_close : q_close + 16].lstrip()
    verdict = classify(content, before, after, rules, max_len)
    if verdict is None:
        return None
    kind, rule = verdict
    return SloganHit(start, end, content, kind, True, find_issuer(before, rules), rule)


def classify(
    content: str, before: str, after: str, rules: CompiledSlogans, max_len: int = MAX_QUOTE
) -> Optional[Tuple[str, str]]:
    """``(kind, rule)`` for a quoted ``content`` with its context, or None (not a slogan)."""
    n = len(content)
    if n < 2 or n > max_len:
        return None
    if SENTENCE_RE.search(content) or SPEECH_BEFORE_RE.search(before):
        return None  # a sentence, a question, direct speech
    if _starts(rules, "speech_after", after):
        return None
    if PRONOUN_RE.search(content) and not _pronoun_formula(content, before, after, rules):
        return None  # a pronoun outside a symmetric formula: direct speech
    if content in rules.canon:
        return "canon", "canon"
    if QUANTITY_RE.search(content) or (LATIN_RE.search(content) and not PLUS_RE.fullmatch(content)):
        return None  # a quantity or a product/brand name
    if before.endswith(DESCRIPTIVE_BEFORE) and after.startswith(DESCRIPTIVE_AFTER):
        return None  # 集“资源开采、产品研发…”为一体: a descriptive list
    if (_ends(rules, "name_tail", content) and not NUMBERED_CHAIN_RE.fullmatch(content)) or _starts(
        rules, "name_head", after
    ):
        return None  # a name (…公司, “…”品牌), but “一区两中心” is a chain of numbered links
    campaign = (
        _starts(rules, "campaign_head", after)
        or bool(CAMPAIGN_END_RE.search(content))
        or _ends(rules, "campaign_verb", before)
    )

    if DIGIT_CODE_RE.fullmatch(content):
        if YEAR_RE.fullmatch(content):
            return None
        return ("campaign" if campaign else "numbered"), "digit-code"
    if NUMBERED_RE.match(content) and n <= 12:
        if PLAN_CONGRESS_RE.fullmatch(content) or NUMERAL_TIME_RE.match(content) or ONLY_NUMERALS_RE.fullmatch(content):
            return None  # 十四五, 十九大, 一季度, 十一 (a holiday), 双十一 (a shopping day)
        if DIGIT_RE.search(content):
            return None  # 双11, 5G…: a numeral word mixed with digits is a name, not a formula
        if content in rules.idioms or content in rules.cue("numbered_stop"):
            return None
        return ("campaign" if campaign else "numbered"), "numbered"
    if content in rules.idioms:
        return None
    if _parallel(content):
        return ("campaign" if campaign and _starts(rules, "campaign_head", after) else "directive"), "parallel"
    if PLUS_RE.fullmatch(content):
        return "directive", "plus"
    if CONVERSION_RE.fullmatch(content):
        return "directive", "conversion"
    if not CJK_LIST_RE.fullmatch(content):
        return None

    bare_after = after[1:] if after.startswith("的") else after
    if (
        _starts(rules, "emphasis_after", bare_after)
        or _ends(rules, "emphasis_tail", content)
        or _ends(rules, "emphasis_verb", before)
    ):
        return None  # “钉钉子”精神, “保姆式”, 当好“店小二”: a manner or a role quoted for emphasis
    if _starts(rules, "rank_head", content):
        return None  # “省级绿色工厂”, “全国文明城市”: an honour or a status title
    score = 0
    verb = _ends(rules, "directive_verb", before) or _ends(rules, "campaign_verb", before)
    if _starts(rules, "directive_head", bare_after):
        score += 2
    if _starts(rules, "campaign_head", after) or CAMPAIGN_END_RE.search(content):
        score += 2
    rule = "context"
    if verb and PROGRAMME_END_RE.search(content) and not rules.works_re.search(content):
        score += 2  # 实施“招商引资一号工程”: a programme the text carries out
        campaign, rule = True, "programme"
    if n >= THEME_MIN and _starts(rules, "meeting_head", after) and not _ends(rules, "participant_tail", content):
        score += 2  # 召开“助力民营经济高质量发展”专题协商座谈会: the theme of a meeting
        campaign = False  # 举办“…”研讨会: the meeting is the event, its theme a directive
    programme = _prefix(rules, "programme_head", after)
    if programme:
        score += 1 if programme == "建设" else 2  # “无废城市”建设, “氢进万家”示范
    rest = after[len(programme) :]
    if before.endswith("以") and rest.startswith("为") and _starts(rules, "theme_word", rest[1:]):
        score += 2
    if verb:
        score += 1
    if find_issuer(before, rules, max_gap=0):
        score += 1
    if before.endswith("的"):
        score -= 1
    if score >= 2:
        return ("campaign" if campaign else "directive"), rule
    return None


def _parallel(content: str) -> bool:
    """Two or more clauses of Chinese (2-14 chars each, one of 3+) joined by 、 or a comma.

    A middle dot joins halves too (“智造泺城·共赢未来”), but only halves of ``DOT_HALF_MIN``+
    characters: “碧桂园·天玺” or a foreign name is not a formula by shape.
    """
    if DOT_SPLIT_RE.search(content):
        halves = DOT_SPLIT_RE.split(content)
        if any(len(h) < DOT_HALF_MIN for h in halves):
            return False
        content = DOT_SPLIT_RE.sub("、", content)
    parts = PARALLEL_SPLIT_RE.split(content)
    if len(parts) < 2:
        return False
    if not all(2 <= len(p) <= 14 and CJK_ONLY_RE.fullmatch(p) for p in parts):
        return False
    return max(len(p) for p in parts) >= 3


def _pronoun_formula(content: str, before: str, after: str, rules: CompiledSlogans) -> bool:
    """Whether a quotation with a pronoun is a directive rather than direct speech.

    Two shapes qualify: a symmetric formula whose short clauses (at most 6 characters) have their
    pronouns only as clause subjects, at least half of them opening with one, with a directive cue
    around it (“您投资、我服务,您发展、我护航”的理念); and a campaign named by a pronoun sentence
    (“我为群众办实事”实践活动). Anything else with 我/你/您/咱 is somebody speaking.
    """
    pronouns = rules.starts.get("pronoun_word", ())
    if not CJK_LIST_RE.fullmatch(content):
        return False
    if _starts(rules, "campaign_head", after) and len(content) <= 12:
        return True
    parts = PARALLEL_SPLIT_RE.split(content)
    if len(parts) < 2 or any(not 2 <= len(p) <= 6 for p in parts):
        return False
    opening = 0
    for p in parts:
        lead = next((w for w in pronouns if p.startswith(w)), "")
        if PRONOUN_RE.search(p[len(lead) :]):
            return False  # a pronoun inside a clause: 我们一定办好
        opening += bool(lead)
    if 2 * opening < len(parts):
        return False
    bare_after = after[1:] if after.startswith("的") else after
    return bool(
        _starts(rules, "directive_head", bare_after)
        or _ends(rules, "directive_verb", before)
        or _ends(rules, "campaign_verb", before)
        or find_issuer(before, rules, max_gap=0)
    )


def _prefix(rules: CompiledSlogans, role: str, s: str) -> str:
    """The longest word of ``role`` that ``s`` starts with, or ``""``."""
    for w in rules.starts.get(role, ()):
        if s.startswith(w):
            return w
    return ""


def _starts(rules: CompiledSlogans, role: str, s: str) -> bool:
    words = rules.starts.get(role)
    return bool(words) and s.startswith(words)  # type: ignore[arg-type]


def _ends(rules: CompiledSlogans, role: str, s: str) -> bool:
    words = rules.ends.get(role)
    return bool(words) and s.endswith(words)  # type: ignore[arg-type]


def find_issuer(before: str, rules: CompiledSlogans, max_gap: int = 6) -> Optional[str]:
    """The organisation or leader named just before a slogan (``省委“…”`` → 省委).

    Only the current clause counts, and at most ``max_gap`` characters may separate the issuer
    from the quotation (``习近平总书记提出的“…”``: gap 提出的).
    """
    cuts = list(CLAUSE_CUT_RE.finditer(before))
    clause = before[cuts[-1].end() :] if cuts else before
    best = None
    for m in rules.issuer_re.finditer(clause):
        if len(clause) - m.end() <= max_gap:
            best = m.group(0)
    return best


# -- unquoted formulas -------------------------------------------------------------------------------


def scan_unquoted(text: str, rules: CompiledSlogans, quoted: List[Tuple[int, int]]) -> List[SloganHit]:
    """Numbered formulas and canon entries printed without quotation marks."""
    hits: List[SloganHit] = []

    def inside_quote(s: int, e: int) -> bool:
        return any(qs < e and s < qe for qs, qe in quoted)

    if rules.canon_unquoted_re is not None:
        for m in rules.canon_unquoted_re.finditer(text):
            if m.start() and text[m.start() - 1] in NOT_BEFORE_CANON:
                continue
            if not inside_quote(m.start(), m.end()):
                hits.append(_unquoted_hit(text, m.start(), m.end(), "canon", "canon", rules))
    if rules.unquoted_numbered_re is not None:
        found = list(rules.unquoted_numbered_re.finditer(text))
        if rules.digit_code_re is not None and "+" in text:
            # numeral formulas and digit codes start on disjoint characters and cannot overlap:
            # merged by position they are what one alternation of both would find
            found += rules.digit_code_re.finditer(text)
            found.sort(key=_match_start)
        for m in found:
            s, e = m.start(), m.end()
            if s and text[s - 1] in NOT_BEFORE_NUMBERED:
                continue
            if inside_quote(s, e) or any(h.start <= s and e <= h.end for h in hits):
                continue
            formula = m.group(0)
            kind = "campaign" if formula[1:2] == "年" else "numbered"
            full = _full_name(text, s, rules)
            if full is not None:
                hits.append(_unquoted_hit(text, full, e, "campaign", "full-name", rules))
            else:
                hits.append(_unquoted_hit(text, s, e, kind, "unquoted-numbered", rules))
    if rules.unquoted_chain_re is not None:
        for m in rules.unquoted_chain_re.finditer(text):
            s, e = m.span(1)
            formula = m.group(1)
            if formula in rules.idioms or inside_quote(s, e) or any(h.start < e and s < h.end for h in hits):
                continue
            hits.append(_unquoted_hit(text, s, e, "numbered", "unquoted-chain", rules))
    return hits


def _match_start(m: re.Match[str]) -> int:
    return m.start()


def _unquoted_hit(text: str, s: int, e: int, kind: str, rule: str, rules: CompiledSlogans) -> SloganHit:
    before = text[max(0, s - 16) : s]
    return SloganHit(s, e, text[s:e], kind, False, find_issuer(before, rules, max_gap=4), rule)


FULLNAME_BAD = re.compile(f"[的和与及、]|^[{NUMERALS}]|[^{CJK}]")


def _full_name(text: str, s: int, rules: CompiledSlogans) -> Optional[int]:
    """Start of the full campaign name before ``三年行动`` (实施|全面振兴新突破|三年行动), if any."""
    if rules.fullname_verb_re is None or text[s + 1 : s + 2] != "年":
        return None
    window_start = max(0, s - 14)
    window = text[window_start:s]
    last = None
    for m in rules.fullname_verb_re.finditer(window):
        last = m
    if last is None:
        return None
    prefix = window[last.end() :]
    if not (4 <= len(prefix) <= 12) or FULLNAME_BAD.search(prefix):
        return None
    return window_start + last.end()
