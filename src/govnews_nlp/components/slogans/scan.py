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
from array import array
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from .rules import CJK, NOT_BEFORE_CANON, NOT_BEFORE_NUMBERED, NUMERALS, CompiledSlogans

KINDS = ("numbered", "campaign", "directive", "canon")

QUOTE_RE = re.compile(r"“([^“”\n]{1,80})”|「([^「」\n]{1,80})」|\"([^\"\n“”]{1,80})\"")
#: A quotation inside a quotation (“深化经贸合作,共建‘一带一路’”): judged on its own as well.
INNER_QUOTE_RE = re.compile(r"‘([^‘’“”\n]{1,40})’|『([^『』\n]{1,40})』")
INNER_MARKS_RE = re.compile(r"[‘’『』]")
SENTENCE_RE = re.compile(r"[。?？!！;；:：…]")
PRONOUN_RE = re.compile(r"[我你您咱]")
DIGIT_CODE_RE = re.compile(r"\d{2,8}|\d{1,3}(?:[+＋](?:\d{1,3}|[A-Za-z]))+")
YEAR_RE = re.compile(r"(?:19|20)\d\d")
PLAN_CONGRESS_RE = re.compile("(?:党的)?[十二]?[一二三四五六七八九十]+(?:五(?:规划|时期|期间)?|大|届.*)")
NUMBERED_RE = re.compile(f"[{NUMERALS}]")
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
ONLY_NUMERALS_RE = re.compile(f"[{NUMERALS}]+")
DIGIT_RE = re.compile(r"\d")
PLUS_RE = re.compile(f"[{CJK}A-Za-z0-9]{{1,8}}(?:[+＋][{CJK}A-Za-z0-9]{{1,8}})+")
LATIN_RE = re.compile(r"[A-Za-z]{2,}")
CLAUSE_CUT_RE = re.compile(r"[,，。;；:：!！?？\n]")
#: Endings that make a quotation a campaign by its own form (…行动, …攻坚战, 项目攻坚年, 央企重庆行);
#: a word ending in 行 that is not the "X行" form (银行, 执行) is excluded by ``not_campaign_xing``.
CAMPAIGN_END_RE = re.compile(f"(?:行动|攻坚战|大会战|[{CJK}]{{3,}}年|[{CJK}]{{2,}}行)$")
#: A quoted programme name carried out by a verb: 实施“强基工程”, 启动“人才倍增计划”.
PROGRAMME_END_RE = re.compile("(?:工程|计划)$")
#: Compressed conversion formulas: 公转铁, 散改集, 煤改气 (A改B / A转B).
CONVERSION_RE = re.compile(f"[{CJK}][改转][{CJK}]")
#: Shortest quotation read as a meeting theme (shorter ones before 座谈会 are names: “双月协商”座谈会).
THEME_MIN = 6
#: Largest difference in length between the clauses of a parallel formula accepted by its shape alone:
#: formulas are written in clauses of one measure (说了算、定了干; 建设…通道、打造…城市、融入…发展 is 9-8-9),
#: while a description of a format is not (线上线下相结合,以线上为主).
PARALLEL_SPREAD = 1
#: Shortest quoted noun phrase taken as a goal after a goal verb (打造“黄河流域先进制造业中心”).
GOAL_MIN = 5
#: jieba tags of abbreviations (三化, 两委): a numbered abbreviation may be one dictionary word.
ABBREVIATION_TAGS = frozenset({"j"})
#: Shortest compressed list accepted by form: every character a word of its own (严真细实快); three
#: single characters are as often a coined term or a metaphor (快进键, 沙戈荒) as a formula.
COMPRESSED_MIN = 4
#: jieba tags of a quotation that is one common word: a noun, a verb, an adjective, an idiom or a
#: fixed expression quoted for emphasis (“排头兵” n, “开门红” l), not a formula.
COMMON_WORD_TAGS = frozenset({"n", "nr", "ns", "v", "vn", "a", "an", "ad", "d", "i", "l"})
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
    """All slogan mentions in ``text``, in text order (duplicates included).

    Quotations are judged one by one (:func:`judge_quote`), quotations inside them too
    (“…共建‘一带一路’”); then a rejected quotation that repeats a clause of an accepted parallel
    formula of the same text is accepted (:func:`clause_repeats`); then unquoted formulas.
    """
    hits: List[SloganHit] = []
    rejected: List[Tuple[int, int]] = []
    quoted_regions: List[Tuple[int, int]] = []
    for m in QUOTE_RE.finditer(text):
        g = 1 if m.group(1) is not None else 2 if m.group(2) is not None else 3
        quoted_regions.append((m.start(), m.end()))
        spans = [(m.start(g), m.end(g))]
        for inner in INNER_QUOTE_RE.finditer(text, m.start(g), m.end(g)):
            ig = 1 if inner.group(1) is not None else 2
            spans.append((inner.start(ig), inner.end(ig)))
        for start, end in spans:
            hit = judge_quote(text, start, end, rules, max_len)
            if hit is not None:
                hits.append(hit)
            else:
                rejected.append((start, end))
    hits.extend(clause_repeats(text, hits, rejected, rules))
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


def clause_repeats(
    text: str, hits: List[SloganHit], rejected: List[Tuple[int, int]], rules: CompiledSlogans
) -> List[SloganHit]:
    """Rejected quotations that repeat one clause of an accepted parallel formula of the same text.

    A text that has quoted “生态立区、工业强区、创新兴区” and later quotes “工业强区” alone cites the
    formula by one of its parts (dev2 README: the long formula and its short form are both kept);
    on its own the short quote may carry no cue at all (作为“工业强区”的重要抓手). Idioms and
    emphasis still lose: only a clause of two or more characters that is not an idiom counts.
    """
    clauses = set()
    for h in hits:
        if h.rule == "parallel":
            clauses.update(p for p in PARALLEL_SPLIT_RE.split(INNER_MARKS_RE.sub("", h.text)) if len(p) >= 2)
    if not clauses:
        return []
    out = []
    for start, end in rejected:
        content = text[start:end].strip()
        if content in clauses and content not in rules.idioms:
            start += text[start:end].index(content)
            issuer = find_issuer(text[max(0, start - 17) : start - 1].rstrip(), rules)
            out.append(SloganHit(start, start + len(content), content, "directive", True, issuer, "clause"))
    return out


def campaign_end(content: str, rules: CompiledSlogans) -> bool:
    """Whether ``content`` is a campaign by its ending (…行动, …攻坚年, 央企重庆行)."""
    return bool(CAMPAIGN_END_RE.search(content)) and not (
        content.endswith("行") and _ends(rules, "not_campaign_xing", content)
    )


def classify(
    content: str, before: str, after: str, rules: CompiledSlogans, max_len: int = MAX_QUOTE
) -> Optional[Tuple[str, str]]:
    """``(kind, rule)`` for a quoted ``content`` with its context, or None (not a slogan).

    ``content`` keeps any inner quotation marks (‘一带一路’); its shape is judged without them.
    """
    shape = INNER_MARKS_RE.sub("", content)
    n = len(shape)
    if n < 2 or n > max_len:
        return None
    if SENTENCE_RE.search(shape) or rules.speech_before_re.search(before):
        return None  # a sentence, a question, direct speech
    if _starts(rules, "speech_after", after):
        return None
    if PRONOUN_RE.search(shape) and not _pronoun_formula(shape, before, after, rules):
        return None  # a pronoun outside a symmetric formula: direct speech
    if shape in rules.canon:
        return "canon", "canon"
    if rules.quantity_re.search(shape) or (LATIN_RE.search(shape) and not PLUS_RE.fullmatch(shape)):
        return None  # a quantity or a product/brand name
    if _ends(rules, "descriptive_before", before) and _starts(rules, "descriptive_after", after):
        return None  # 集“资源开采、产品研发…”为一体: a descriptive list
    parallel = _parallel(shape)
    goal = n >= GOAL_MIN and _ends(rules, "goal_verb", before) and bool(CJK_ONLY_RE.fullmatch(shape))
    formula_form = parallel or bool(rules.numbered_chain_re.fullmatch(shape)) or goal
    if (_ends(rules, "name_tail", shape) and not formula_form) or _starts(rules, "name_head", after):
        return None  # a name (…公司, “…”品牌), but “一区两中心” or “建一流工程、…树一流品牌” is a formula
    campaign = (
        _starts(rules, "campaign_head", after) or campaign_end(shape, rules) or _ends(rules, "campaign_verb", before)
    )

    if DIGIT_CODE_RE.fullmatch(shape):
        if YEAR_RE.fullmatch(shape):
            return None
        return ("campaign" if campaign else "numbered"), "digit-code"
    if NUMBERED_RE.match(shape) and n <= 12:
        if (
            PLAN_CONGRESS_RE.fullmatch(shape)
            or rules.numeral_time_re.match(shape)
            or ONLY_NUMERALS_RE.fullmatch(shape)
            or rules.numeral_quantity_re.fullmatch(shape)
        ):
            return None  # 十四五, 十九大, 一季度, 十一 (a holiday), 双十一 (a shopping day), 百万亩 (a size)
        if DIGIT_RE.search(shape):
            return None  # 双11, 5G…: a numeral word mixed with digits is a name, not a formula
        if shape in rules.idioms or shape in rules.cue("numbered_stop"):
            return None
        return ("campaign" if campaign else "numbered"), "numbered"
    if shape in rules.idioms:
        return None
    if parallel:
        return ("campaign" if campaign and _starts(rules, "campaign_head", after) else "directive"), "parallel"
    if PLUS_RE.fullmatch(shape):
        return "directive", "plus"
    if CONVERSION_RE.fullmatch(shape):
        return "directive", "conversion"
    if rules.predication_re.fullmatch(shape):
        return "directive", "predication"
    if _compressed(shape, rules):
        return "directive", "compressed"
    if not CJK_LIST_RE.fullmatch(shape):
        return None

    bare_after = after[1:] if after.startswith("的") else after
    if (
        _starts(rules, "emphasis_after", bare_after)
        or _ends(rules, "emphasis_tail", shape)
        or _ends(rules, "emphasis_verb", before)
    ):
        return None  # “钉钉子”精神, “保姆式”, 当好“店小二”: a manner or a role quoted for emphasis
    if _starts(rules, "rank_head", shape):
        return None  # “省级绿色工厂”, “全国文明城市”: an honour or a status title
    if rules.pos().tags(shape) in COMMON_WORD_TAGS:
        return None  # “排头兵”, “开门红”: one common word quoted for emphasis
    score = 0
    verb = _ends(rules, "directive_verb", before) or _ends(rules, "campaign_verb", before)
    if _starts(rules, "directive_head", bare_after):
        score += 2
    if _starts(rules, "campaign_head", after) or campaign_end(shape, rules):
        score += 2
    rule = "context"
    if verb and PROGRAMME_END_RE.search(shape) and not rules.works_re.search(shape):
        score += 2  # 实施“招商引资一号工程”: a programme the text carries out
        campaign, rule = True, "programme"
    if n >= THEME_MIN and _starts(rules, "meeting_head", after) and not _ends(rules, "participant_tail", shape):
        score += 2  # 召开“助力民营经济高质量发展”专题协商座谈会: the theme of a meeting
        campaign = False  # 举办“…”研讨会: the meeting is the event, its theme a directive
    programme = _prefix(rules, "programme_head", after)
    if programme:
        score += 1 if programme == "建设" else 2  # “无废城市”建设, “氢进万家”示范
    rest = after[len(programme) :]
    if before.endswith("以") and rest.startswith("为") and _starts(rules, "theme_word", rest[1:]):
        score += 2
    if goal and rule == "context":
        score += 2  # 打造“黄河流域先进制造业中心”: a goal the text builds towards
        rule = "goal"
    elif verb:
        score += 1
    if find_issuer(before, rules, max_gap=0):
        score += 1
    if before.endswith("的"):
        score -= 1
    if score >= 2:
        return ("campaign" if campaign else "directive"), rule
    return None


def _parallel(content: str) -> bool:
    """Two or more clauses of Chinese of one measure (2-14 chars each, one of 3+) joined by 、 or a comma.

    "One measure": clause lengths differ by at most ``PARALLEL_SPREAD`` (4+4 couplets, 3+3+3
    triplets, 说了算、定了干); unequal clauses (线上线下相结合,以线上为主) describe rather than
    direct and need a context cue like any other quotation. A middle dot joins halves too
    (“智造泺城·共赢未来”), but only halves of ``DOT_HALF_MIN``+ characters: “碧桂园·天玺” or a
    foreign name is not a formula by shape.
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
    lengths = [len(p) for p in parts]
    return max(lengths) >= 3 and max(lengths) - min(lengths) <= PARALLEL_SPREAD


def _compressed(shape: str, rules: CompiledSlogans) -> bool:
    """A compressed list: ``COMPRESSED_MIN``+ characters each a word of its own (严真细实快, 国之大者).

    Each character stands for a word of a formula (严格、认真、细致、务实、快速); no two of them
    make a dictionary word, which is what the lexicon's segmentation says when every token is one
    character long. Compass points make it the name of a scheme instead (东热西送).
    """
    if not COMPRESSED_MIN <= len(shape) <= 8 or not CJK_ONLY_RE.fullmatch(shape):
        return False
    if any(c in rules.cue("compass_point") for c in shape):
        return False  # 东热西送: a scheme moving something between directions, a name
    return all(len(word) == 1 for word, _tag in rules.pos().segment(shape))


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


class _Marks:
    """Which characters of a text lie in a quotation or in a hit already taken, so that each check
    costs the length of the candidate (the pairwise ``any(...)`` over all quotations and hits grew
    with their product on long articles). ``owner`` holds, per character, 1 + the index of the
    last hit written over it, which tells containment in one hit apart from a cover by two."""

    def __init__(self, n: int, quoted: Sequence[Tuple[int, int]]) -> None:
        self.quoted = bytearray(n)
        for qs, qe in quoted:
            self.quoted[qs:qe] = b"\x01" * (qe - qs)
        self.owner = array("l", bytes(8 * n)) if n else array("l")
        self.count = 0

    def in_quote(self, s: int, e: int) -> bool:
        return 1 in self.quoted[s:e]

    def overlaps_hit(self, s: int, e: int) -> bool:
        return any(self.owner[s:e])

    def inside_hit(self, s: int, e: int) -> bool:
        first = self.owner[s]
        return first != 0 and self.owner[s:e].count(first) == e - s

    def add(self, hit: SloganHit) -> None:
        self.count += 1
        self.owner[hit.start:hit.end] = array("l", [self.count]) * (hit.end - hit.start)


def scan_unquoted(text: str, rules: CompiledSlogans, quoted: List[Tuple[int, int]]) -> List[SloganHit]:
    """Numbered formulas and canon entries printed without quotation marks."""
    hits: List[SloganHit] = []
    marks = _Marks(len(text), quoted)

    def take(hit: SloganHit) -> None:
        hits.append(hit)
        marks.add(hit)

    if rules.canon_unquoted_re is not None:
        for m in rules.canon_unquoted_re.finditer(text):
            if m.start() and text[m.start() - 1] in NOT_BEFORE_CANON:
                continue
            if not marks.in_quote(m.start(), m.end()):
                take(_unquoted_hit(text, m.start(), m.end(), "canon", "canon", rules))
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
            if marks.in_quote(s, e) or marks.inside_hit(s, e):
                continue
            formula = m.group(0)
            kind = "campaign" if formula[1:2] == "年" else "numbered"
            full = _full_name(text, s, rules)
            if full is not None:
                take(_unquoted_hit(text, full, e, "campaign", "full-name", rules))
            else:
                take(_unquoted_hit(text, s, e, kind, "unquoted-numbered", rules))
    if rules.unquoted_chain_re is not None:
        for m in rules.unquoted_chain_re.finditer(text):
            s, e = m.span(1)
            formula = m.group(1)
            if formula in rules.idioms or marks.in_quote(s, e) or marks.overlaps_hit(s, e):
                continue
            take(_unquoted_hit(text, s, e, "numbered", "unquoted-chain", rules))
    if rules.verb_numbered_re is not None:
        for m in rules.verb_numbered_re.finditer(text):
            s, e = m.span(1)
            if marks.in_quote(s, e) or marks.overlaps_hit(s, e):
                continue
            if _numbered_abbreviation(m.group(1), rules):
                take(_unquoted_hit(text, s, e, "numbered", "verb-numbered", rules))
    return hits


def _numbered_abbreviation(formula: str, rules: CompiledSlogans) -> bool:
    """Whether an unquoted numeral + body after a directive verb is a numbered formula (两型社会, 三中心).

    Not when the numeral counts (a measure word follows: 三个项目, 一批企业), when numeral and body
    are a common word or an idiom (一体化, 一流, 一心一意), or when the numeral starts a longer
    word (三亚, 两岸: see ``_numeral_starts_word``).
    """
    body = formula[1:]
    if body[:1] in rules.measures or formula in rules.idioms:
        return False
    if any(formula.startswith(w) for w in rules.cue("numbered_stop")):
        return False
    return not _numeral_starts_word(formula, rules)


def _numeral_starts_word(formula: str, rules: CompiledSlogans) -> bool:
    """Whether the numeral of ``formula`` begins a longer dictionary word (三亚 ns, 两岸 f, 一批 m).

    The part-of-speech lexicon cuts the formula: a numbered formula starts with the numeral as a
    word of its own (两|型|社会, 三|中心), or is a listed abbreviation (三化 j) as a whole.
    """
    first, tag = rules.pos().segment(formula)[0]
    return len(first) > 1 and not (first == formula and tag in ABBREVIATION_TAGS)


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
