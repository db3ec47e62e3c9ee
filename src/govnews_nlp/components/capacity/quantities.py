"""Capacities and investment amounts in a text: compiled regexes over the normalized text.

One pass finds every unit or currency right after a number, then the number is read backwards
from it; together they make every *number + unit* (``20万吨``, ``2×270立方米``, ``近270亿元``) with a single
regex built from the units and currencies tables. Each hit then looks a few characters left for
what makes it a capacity or an investment:

* a **rate marker** (``年产``, ``日可处理``, ``年发电量`` …: a period plus an activity, maybe with
  product words in between) starts the capacity text and gives ``per``; a suffix ``/年``,
  ``/小时``, ``t/d`` gives it too; otherwise ``per`` is ``None`` (the README's rule);
* an **investment keyword** (``总投资``, ``已投入`` …) before the amount, or a head after it
  (``超百亿元项目``), makes a money amount an investment; the keyword stays outside the text.

Beyond *number + unit*, the scan reads:

* a **bare magnitude** after an investment keyword (``项目总投资8.6亿``, headline ``总投资超百亿``):
  an amount in 元 without the 元 (dev README);
* a **range** (``总投资在40亿至45亿元间``): one entry, ``value`` the lower end, ``value_max`` the upper;
* a **count of rated units** (``建设4台百万千瓦机组``): the count unit of the units table (``台``,
  ``套`` …) between two numbers multiplies, as ``×`` does (4 × 百万 千瓦);
* a **rating before a counted product** (``年产2.0MW风机叶片200套``): the power or energy figure
  names the product, the count after it is the rate;
* a space between number and magnitude or unit (``3.46 亿元``, ``日产3000 吨``).

Anchoring on the unit keeps the scan linear in the text: the lookbehind regexes run only on a
window of bounded length before a hit (a number is at most :data:`MAX_NUMBER` characters), never
at every character of the article, and the scan never steps back past the previous hit.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from ... import numbers
from .rules import (
    ContextRule,
    InvestmentKeywordRule,
    MarkerRule,
    MoneyUnitRule,
    PeriodRule,
    QualifierRule,
    UnitRule,
)

#: The characters a number (with its multiplication or count prefix, its space before the
#: magnitude) can hold: the scan walks back over them from a unit.
_NUMBER_CHARS = frozenset(
    "0123456789０１２３４５６７８９.．,，×xX*＊✕ \u3000" + numbers.CN_NUMERAL_CHARS + "廿点余多"
)
#: Longest number the scan reads (``233,333,333,434.344亿``: 23 characters): a longer run of
#: number characters is not one number, and bounding it keeps each hit's cost bounded.
MAX_NUMBER = 32

#: The rate-marker grammar beyond the listed activities: after the time base (年/日/小时 …), an
#: activity noun of 1–3 characters and 能力/规模/量 (``日供水能力``, ``日供水规模``,
#: ``年上网电量``, ``年吞吐量``): a rate of the plant, whatever it supplies. Changes, sales,
#: consumption, emissions and taxes are not capacities, so their characters are not activity nouns.
_GENERIC_ACT = (
    r"(?P<gact>(?P<gact_noun>(?:(?![增减降销售耗税值排用缴收利])[\u4e00-\u9fff]){1,3}?)"
    r"(?:能力|规模|产能|量))"
)
_MULTIPLY_CHARS = frozenset(numbers.MULTIPLY_SIGNS)
#: A character a number ends with before its unit: a digit or a Chinese numeral or magnitude.
NUMERAL = rf"[\d{numbers.CN_NUMERAL_CHARS}余多]"


def _ranges_without(lo: str, hi: str, keep: str) -> str:
    """Class ranges covering ``lo``-``hi`` except the characters of ``keep``."""
    out = []
    start = ord(lo)
    for cp in [*sorted(ord(c) for c in set(keep) if lo <= c <= hi), ord(hi) + 1]:
        if cp > start:
            out.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
        start = cp + 1
    return "".join(out)


#: A superset of :data:`NUMERAL` as a negated class of BMP ranges, which the regex engine tests
#: with one table lookup (``\d`` costs a Unicode-category lookup per character of the article):
#: everything but the blocks of Chinese text that hold no decimal digit (CJK ideographs other than
#: the numerals, CJK and general punctuation, full-width forms other than ０-９).
#: ``tests/test_capacity_scan.py`` checks on every code point that it contains :data:`NUMERAL`.
NUMERAL_SUPERSET = (
    r"[^\u2000-\u206f\u3000-\u3006\u3008-\u303f"
    + _ranges_without("\u4e00", "\u9fff", numbers.CN_NUMERAL_CHARS + "余多")
    + r"\uff00-\uff0f\uff1a-\uffef]"
)

#: How far left of a number a rate marker (with its product words) or a keyword may start.
LOOKBACK = 24
#: Most product words between a rate marker and its number (``年产高档生活用纸396万吨``).
MAX_PRODUCT = 12


def _alt(words: Sequence[str], latin_ci: bool = False) -> str:
    """A regex alternation, longest first; Latin words case-insensitive if asked."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w)
        if latin_ci and re.search(r"[A-Za-z]", w):
            # case-insensitive (10mwh), and not running on into a Latin word (3D, 5G, GW vs GWh)
            esc = f"(?i:{esc})(?![A-Za-z])"
        out.append(esc)
    return "|".join(out) if out else r"(?!)"


def _first_chars(words: Sequence[str]) -> str:
    """A lookahead on the characters the words can start with (case-insensitive: a superset
    of what the words match, also under ``(?i:…)``). Put before an alternation that is tried at
    every position, it lets the engine reject the others with one class test: same matches."""
    chars = sorted({w[0] for w in words if w})
    if not chars:
        return ""
    return f"(?=(?i:[{''.join(re.escape(c) for c in chars)}]))"


def _regex_parser() -> Tuple[Any, Any]:
    """CPython's own regex parser and its constants (``re._parser`` from 3.11, ``sre_parse``
    before)."""
    try:
        from re import _constants, _parser
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as _constants
        import sre_parse as _parser
    return _constants, _parser


def _starts(items: Any, c: Any) -> Optional[Tuple[Set[str], bool]]:
    """The characters a match of the parsed ``items`` can start with and whether it can be empty,
    or ``None`` when not told by literals, small ranges, groups, alternations and repeats."""
    out: Set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next item consumes the first character
        if op is c.LITERAL:
            return out | {chr(av)}, False
        if op is c.IN:
            chars: Set[str] = set()
            for o, v in av:
                if o is c.LITERAL:
                    chars.add(chr(v))
                elif o is c.RANGE and v[1] - v[0] < 64:
                    chars.update(map(chr, range(v[0], v[1] + 1)))
                else:
                    return None  # a negation or a category: any character
            return out | chars, False
        if op is c.SUBPATTERN and not av[1] and not av[2]:
            sub = _starts(av[3], c)
        elif op is c.BRANCH:
            parts = [_starts(b, c) for b in av[1]]
            sub = None if None in parts else (set().union(*(q[0] for q in parts)), any(q[1] for q in parts))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            sub = _starts(av[2], c)
            if sub is not None and av[0] == 0:
                sub = (sub[0], True)
        else:
            return None
        if sub is None:
            return None
        out |= sub[0]
        if not sub[1]:
            return out, False
    return out, True


def _first_char_guard(pattern: str) -> str:
    """A lookahead on the characters every match of ``pattern`` starts with (``""`` when that is
    not known or the pattern can match empty): same matches. Worth it before an alternation of
    groups, for which the engine has no first-character set of its own and tries every
    alternative at every position (the capacity exclusions before a number: 39 → 15 µs on the
    benchmark texts); before a plain alternation of words it costs (the engine skips ahead)."""
    c, parser = _regex_parser()
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return ""
    if parsed.state.flags & re.IGNORECASE:
        return ""
    starts = _starts(parsed, c)
    if starts is None or starts[1] or not starts[0]:
        return ""
    return f"(?=[{''.join(re.escape(ch) for ch in sorted(starts[0]))}])"


def _any_of(patterns: Sequence[str]) -> Callable[[str], object]:
    """The test ``any(r.search(x) for r in …)`` of these regexes, as one callable (truthy when
    one matches): one alternation of all when that is the same (no groups, so no backreference
    renumbering; compiles with no clashing inline flags), one search call per hit instead of one
    per rule, behind a guard on its first characters when they are known; else one regex each."""
    compiled = [re.compile(p) for p in patterns]
    if len(compiled) > 1 and all(r.groups == 0 for r in compiled):
        joined = "|".join(f"(?:{p})" for p in patterns)
        try:
            compiled = [re.compile(f"{_first_char_guard(joined)}(?:{joined})")]
        except re.error:
            pass
    if not compiled:
        return lambda x: False
    if len(compiled) == 1:
        return compiled[0].search
    return lambda x: any(r.search(x) for r in compiled)


#: A hit of the scan: ``(start, end, record entry)``, offsets of the entry's ``text`` in the doc
#: text. The entry is built where the hit is found: the component stores it as is (span
#: extension, record field), so no intermediate object is made per hit.
Hit = Tuple[int, int, Dict[str, object]]


class Num(NamedTuple):
    """A number read backwards from an anchor: where it starts (its qualifier included), the
    qualifier, its text (a product's factor included), the factor of a product or ``None``, the
    last number's text, and where it ends."""

    start: int
    qual: Optional[str]
    num: str
    factor: Optional[str]
    single: str
    end: int


def _qualifier(qual: Optional[str], qafter: Optional[str], num: str) -> Optional[str]:
    """The approximator of a hit: before the number, after the unit, or inside (3000余万)."""
    if qual:
        return qual
    if qafter:
        return qafter
    for ch in numbers.INNER_APPROX:
        if ch in num:
            return ch
    return None


class QuantityScanner:
    """Compiled from the capacity and investment tables; :meth:`scan` returns the hits of a text."""

    def __init__(
        self,
        units: Sequence[UnitRule],
        markers: Sequence[MarkerRule],
        periods: Sequence[PeriodRule],
        qualifiers: Sequence[QualifierRule],
        exclusions: Sequence[ContextRule],
        inv_keywords: Sequence[InvestmentKeywordRule],
        money_units: Sequence[MoneyUnitRule],
        inv_exclusions: Sequence[ContextRule],
    ) -> None:
        self.units: Dict[str, UnitRule] = {}
        for u in units:
            self.units.setdefault(u.surface.lower(), u)
        #: what the scan reads of a unit: (bare rule, factor, canonical unit), by lower-cased surface
        self.unit_info = {k: (u.bare, u.factor, u.canonical) for k, u in self.units.items()}
        self.money = {m.surface: m for m in money_units}
        self.money_unit = {k: m.unit for k, m in self.money.items()}
        self.qual_before = {q.surface: q for q in qualifiers if q.position == "before"}
        self.qual_after = {q.surface: q for q in qualifiers if q.position == "after"}
        #: the characters a qualifier before a number starts with
        self.qual_first = frozenset(w[0] for w in self.qual_before if w)
        prefix = {p.surface: p for p in periods if p.position == "prefix"}
        suffix = {p.surface.lower(): p for p in periods if p.position == "suffix"}
        self.prefix_per = {k: v.per for k, v in prefix.items()}
        self.suffix_per = {k: v.per for k, v in suffix.items()}
        rate = {m.surface: m for m in markers if m.use == "rate"}
        self.rate_activity = {k: v.activity for k, v in rate.items()}
        ctx = {m.surface: m for m in markers if m.use == "context"}
        self.ctx_activity = {k: v.activity for k, v in ctx.items()}
        self.kw_before = {k.surface: k for k in inv_keywords if k.position == "before"}
        self.kw_after = {k.surface: k for k in inv_keywords if k.position == "after"}
        self.kw_gap = {k: v.gap for k, v in self.kw_before.items()}

        unit_alt = _alt([u.surface for u in units], latin_ci=True)
        money_alt = _alt(list(self.money))
        qb_alt = _alt(list(self.qual_before))
        qa_alt = _alt(list(self.qual_after))
        per_alt = _alt(list(suffix), latin_ci=True)
        # Anchor: a unit or currency right after a digit or magnitude character, maybe after one
        # space (``日产3000 吨``), or a bare 万/亿 that nothing of a number, unit or currency follows
        # (``总投资8.6亿``: an investment only after a keyword). This regex is the only one that
        # runs over the whole text. The digit or magnitude character is consumed from a superset
        # class of code-point ranges (:data:`NUMERAL_SUPERSET`, one table lookup per character)
        # and checked against the exact class by a lookbehind; :meth:`scan` resumes one character
        # before a unit's end, so a unit ending in a numeral character (``m3``) still precedes the
        # next unit.
        # A lookahead on the first characters of the units and currencies (case-folded: a superset,
        # it only filters) comes first: without it the engine tries the alternation at every
        # numeral character, measured super-linear on a long run of digits (0.4 → 18 ms for 6000 →
        # 96000 characters; 0.14 → 2.2 ms with it).
        first = _first_chars([u.surface for u in units] + list(self.money))[len("(?="):-1]
        self.anchor = re.compile(
            rf"{NUMERAL_SUPERSET}(?:(?=[ \u3000]?{first})(?<={NUMERAL})[ \u3000]?"
            rf"(?:(?P<unit>{unit_alt})|(?P<money>{money_alt}))|(?<=[万亿])(?P<bare>)(?![\w/]))"
        )
        count_alt = _alt([u.surface for u in units if u.kind == "count"])
        # The number ending at the anchor, with an approximator before it: [qualifier] number$.
        self.number_end = re.compile(rf"(?P<qual>{qb_alt})?(?P<single>{numbers.NUMBER})$")
        # A product's factor before that number: [qualifier] factor (× | count unit)$, for
        # ``2×100万`` and a count of rated units ``4台百万`` (a count unit of the units table
        # between two numbers multiplies as ``×`` does). Searched only when a sign or a count
        # unit stands right before the number: one optional prefix tried at every position of
        # the window made every number search 3x dearer.
        self.factor_end = re.compile(
            rf"(?P<qual>{qb_alt})?(?P<factor>{numbers.ARABIC}|[一二两三四五六七八九十]+)\s*"
            rf"(?:[{numbers.MULTIPLY_SIGNS}]|(?P<count>{count_alt}))\s*$"
        )
        self.factor_signs = _MULTIPLY_CHARS | frozenset("".join(u.surface for u in units if u.kind == "count"))
        self.count_chars = frozenset("".join(u.surface for u in units if u.kind == "count"))
        # The lower end of a range before the number: [qualifier] number separator$ (``40亿至``).
        self.range_low = re.compile(
            rf"(?P<qual>{qb_alt})?(?P<low>{numbers.NUMBER})[ \u3000]*{numbers.RANGE_SEPARATORS}[ \u3000]*$"
        )
        self.range_chars = frozenset("至到~～－-—–")
        # A rating before a counted product (``2.0MW风机叶片200套``): what follows a power or energy
        # quantity when it names the product of the count after it.
        self.rated_count = re.compile(
            rf"[\u4e00-\u9fff]{{1,{MAX_PRODUCT}}}?(?:{numbers.NUMBER})(?:{count_alt})"
        )
        # Between two capacities: a list separator or conjunction and the next item's product
        # words, nothing else (``60万件、电驱总成40万套``).
        self.coordination = re.compile(rf"(?:、|和|及|以及|与)[^\W\d_]{{0,{MAX_PRODUCT}}}$")
        rating_units = _alt([u.surface for u in units if u.kind in ("power", "energy")], latin_ci=True)
        # After a unit: an optional ``/period`` and an approximator (以上, 左右).
        self.unit_tail = re.compile(rf"(?:\s*/\s*(?P<per>{per_alt}))?(?P<qafter>{qa_alt})?")
        # A product named after the unit, up to the head of a plant or project:
        # 年产400万吨活性氧化钙项目 → 活性氧化钙; 日产4000吨熟料新型干法水泥生产线 → 熟料新型干法水泥.
        self.product_after = re.compile(
            r"(?P<prod>[\u4e00-\u9fffA-Za-z]{2,12}?)(?:系列产品|产品)?"
            r"(?:技改|扩建|新建|改造|综合利用|一体化)?(?:生产线|项目|工程|装置|生产基地|基地|产业园|工厂|厂)"
        )
        self.money_tail = re.compile(rf"(?P<qafter>{qa_alt})?")
        # What may stand just before a capacity: [period] [modal] activity [product] [filler].
        # A period right after a number is a date (``2023年产…``), after 今/去/明 it is "this year".
        self.marker = re.compile(
            rf"{_first_chars(list(prefix))}(?<![\d〇零一二两三四五六七八九十今去明当全])(?P<per>{_alt(list(prefix))})"
            rf"(?P<modal>可以|可|能|均|将|设计|计划|预计)?(?:(?P<act>{_alt(list(rate))})(?!值)|{_GENERIC_ACT})"
            rf"(?P<prod>(?:{numbers.ARABIC}(?:{rating_units}))?[^\W\d_]{{0,{MAX_PRODUCT}}}?)(?:为|可达|达到|达|是)?$"
        )
        # A handling verb right before the number without a time base (``鼎华处理600万吨``): it
        # starts the text and ``per`` is null (dev2 README). Verbs only: the activity nouns that
        # are context words too (处理能力, 吞吐量) stay outside the text, and a one-character
        # activity (产) is too often part of another word (增产, 投产).
        verbs = [w for w in rate if len(w) > 1 and w not in ctx and not re.search("(?:能力|规模|量)$", w)]
        self.verb_marker = re.compile(
            rf"(?P<act>{_alt(verbs)})(?P<modal>可以|可|能)?$"
        )
        #: the characters those verbs end with: the verb regex runs only where one stands in the
        #: last 3 characters before the number (verb + a modal of at most 2)
        self.verb_last = frozenset(w[-1] for w in verbs)
        # every time base ends with one of these characters (年, 日, 天, 时): a substring test
        # for each spares the marker regex (it starts with a lookbehind and tries every position)
        # and, where none is there, any regex call
        self.marker_chars = tuple(sorted({w[-1] for w in prefix}))
        self.context = re.compile(rf"(?:{_alt(list(ctx))})")
        self.kw_re = re.compile(
            rf"{_first_chars(list(self.kw_before))}(?P<kw>{_alt(list(self.kw_before))})(?P<gap>[^\W\d_]{{0,6}}?)$"
        )
        self.head_re = re.compile(rf"(?:的)?(?P<head>{_alt(list(self.kw_after))})")
        self.cap_before = _any_of([r.pattern for r in exclusions if r.side == "before"])
        self.cap_after = _any_of([r.pattern for r in exclusions if r.side == "after"])
        self.inv_before = _any_of([r.pattern for r in inv_exclusions if r.side == "before"])
        self.inv_after = _any_of([r.pattern for r in inv_exclusions if r.side == "after"])

    # -- scanning ------------------------------------------------------------------------------
    def scan(self, text: str) -> Tuple[List[Hit], List[Hit]]:
        """The capacities and the investments of ``text``, each in text order.

        Linear in the text: each anchor costs a bounded amount of work (a walk back of at most
        :data:`MAX_NUMBER` characters, regexes on windows of bounded length), and the anchor search
        only moves forward."""
        caps: List[Hit] = []
        invs: List[Hit] = []
        last_end = 0
        search = self.anchor.search
        a = search(text)
        while a is not None:
            a_start, a_end = a.span()
            group = a.lastindex
            num_end = a_start + 1  # the number's last character is the anchor's first
            # resume one character before a unit's end (``m3``), after a bare magnitude
            pos = a_end if group == 3 else a_end - 1
            if num_end <= last_end:
                a = search(text, pos)
                continue
            # back over the characters a number can have (a count unit too when a number stands
            # before it: ``4台百万``), at most MAX_NUMBER of them, then 2 more for a qualifier
            floor = max(last_end, num_end - MAX_NUMBER)
            i = num_end
            while i > floor and (text[i - 1] in _NUMBER_CHARS
                                 or (text[i - 1] in self.count_chars and i - 1 > floor
                                     and text[i - 2] in _NUMBER_CHARS)):
                i -= 1
            nm = self._number(text, max(floor, i - 2), num_end)
            if nm is not None:
                unit_text = text[a.start(group):a_end]
                if group == 1:
                    hit = self._capacity(text, nm, a_end, unit_text, last_end, caps[-1][1] if caps else -1)
                    if hit is not None:
                        caps.append(hit)
                        last_end = hit[1]
                else:
                    hit = self._investment(text, nm, a_end, self.money_unit.get(unit_text, "元"), group == 3,
                                           last_end)
                    if hit is not None:
                        invs.append(hit)
                        last_end = hit[1]
            a = search(text, pos)
        return caps, invs

    def _number(self, text: str, lo: int, end: int) -> Optional[Num]:
        """The number that ends at ``end`` and starts at ``lo`` or later, with its qualifier and
        the factor of a product before it, or ``None``."""
        m = self.number_end.search(text, lo, end)
        if m is None:
            return None
        start, qual, single = m.start(), m.group("qual"), m.group("single")
        j = m.start("single")
        while j > lo and text[j - 1] in " \u3000":
            j -= 1
        if not qual and j > lo and text[j - 1] in self.factor_signs:
            f = self.factor_end.search(text, lo, m.start("single"))
            if f is not None:
                return Num(f.start(), f.group("qual"), text[f.start("factor"):end], f.group("factor"), single, end)
        return Num(start, qual, text[m.start("single"):end], None, single, end)

    def _value(self, nm: Num) -> Optional[numbers.Number]:
        """The number's value: a product of the factor and the number for ``2×100万`` and
        ``4台百万``, else the number; ``None`` when it does not parse or is zero."""
        single = numbers.try_parse(nm.single)
        factor = nm.factor
        if single is None or factor is None:
            return single or None
        f = numbers.try_parse(factor)
        if f is None:
            return None
        return numbers.multiply(f, single) or None

    def _range_start(self, text: str, nm: Num, floor: int) -> Optional[re.Match]:
        """The lower end of a range that ends in ``nm`` (``40亿至`` before ``45亿``), or ``None``;
        a product is never the end of a range. A regex test only: the values are read by
        :meth:`_values` once the hit has passed the cheap tests."""
        start = nm.start
        if start == 0 or nm.qual or nm.factor or (text[start - 1] not in self.range_chars \
                and text[start - 1] not in " \u3000"):
            return None
        return self.range_low.search(text, max(floor, start - MAX_NUMBER - 4), start)

    def _values(self, text: str, nm: Num, low: Optional[re.Match]) -> Optional[Tuple[Any, Any]]:
        """``(value, value_max)`` of the hit: the range's ends as :func:`numbers.parse_range`
        reads them (the lower end maybe taking the upper end's magnitude), else ``(value, None)``;
        ``None`` when the number is not read. A range whose text does not read as one (``5至3亿``)
        is the upper number alone."""
        value = self._value(nm)
        if value is None or low is None:
            return None if value is None else (value, None)
        try:
            lo, hi = numbers.parse_range(text[low.start("low"):nm.end])
        except numbers.NumberError:
            return None
        return (lo, hi) if hi == value else None

    def _capacity(self, text: str, nm: Num, a_end: int, unit_text: str, floor: int = 0,
                  prev_end: int = -1) -> Optional[Hit]:
        """A capacity ending at ``a_end``, or ``None``. ``prev_end``: where the previous capacity
        ended (-1: none); an item coordinated with it (``年产车身件60万件、电驱总成40万套``) counts
        as a capacity as that one did, with ``per`` null (the dev README's 年产20万吨合成氨联产30万吨尿素)."""
        # cheap tests first; the number is parsed only for a hit that passed them
        tail = self.unit_tail.match(text, a_end)
        tail_per, qafter = tail.group("per", "qafter")
        qual, num = nm.qual, nm.num
        low = self._range_start(text, nm, floor)
        start = nm.start if low is None else low.start()
        if low is not None:
            qual = low.group("qual")
        end = tail.end("per") if tail_per else a_end
        before = text[max(0, start - LOOKBACK):start]
        if self.cap_after(text[a_end:a_end + 12]) or self.cap_before(before):
            return None
        unit_rule = self.units[unit_text.lower()]
        bare, factor, canonical = self.unit_info[unit_text.lower()]
        # a rate marker holds a time base: without one of its characters there is none to search
        mk = None
        for ch in self.marker_chars:
            if ch in before:
                mk = self.marker.search(before)
                break
        verb = None
        if not mk and any(ch in self.verb_last for ch in before[-3:]):
            verb = self.verb_marker.search(before)
        if mk and unit_rule.kind in ("power", "energy") and self.rated_count.match(text, a_end):
            return None  # a rating naming the product of a count: 年产2.0MW风机叶片200套
        coordinated = 0 <= start - prev_end <= MAX_PRODUCT + 2 and self.coordination.match(text, prev_end, start)
        if not mk and not verb and not tail_per and not coordinated:
            if bare == "never":
                return None
            if bare == "magnitude" and not any(ch in num for ch in "万亿萬億"):
                return None
        values = self._values(text, nm, low)
        if values is None:
            return None
        value, value_max = values
        per = self.suffix_per.get(tail_per.lower()) if tail_per else None
        activity = product = None
        text_start = start
        if mk:
            mk_per, act, gact_noun, prod = mk.group("per", "act", "gact_noun", "prod")
            per = per or self.prefix_per[mk_per]
            activity = self.rate_activity[act] if act else gact_noun
            product = prod or None
            text_start = start - (len(before) - mk.start())
        elif verb:
            activity = self.rate_activity[verb.group("act")]
            text_start = start - (len(before) - verb.start())
        else:
            # the last context word of the 10 characters before the number
            words = self.context.findall(before, max(0, len(before) - 10))
            if words:
                activity = self.ctx_activity[words[-1]]
        if product is None and not tail_per:
            pa = self.product_after.match(text, a_end)
            if pa:
                product = pa.group("prod")
        # the record entry: the gold schema keys first, then the extras
        rec: Dict[str, object] = {
            "text": text[text_start:end], "value": value, "unit": unit_text, "per": per,
            "unit_canonical": canonical, "value_canonical": float(value * factor),
        }
        if value_max is not None:
            rec["value_max"] = value_max
            rec["value_max_canonical"] = float(value_max * factor)
        if activity:
            rec["activity"] = activity
        if product:
            rec["product"] = product
        qualifier = _qualifier(qual, qafter, num)
        if qualifier:
            rec["qualifier"] = qualifier
        return text_start, end, rec

    def _investment(self, text: str, nm: Num, end: int, currency: str, bare: bool = False,
                    floor: int = 0) -> Optional[Hit]:
        """An amount of money (``bare``: a magnitude without its 元, only after a keyword) that an
        investment keyword before it or a head after it makes an investment."""
        qual, num = nm.qual, nm.num
        low = self._range_start(text, nm, floor)
        start = nm.start if low is None else low.start()
        if low is not None:
            qual = low.group("qual")
        before = text[max(0, start - LOOKBACK):start]
        kw = self.kw_re.search(before)
        keyword = None
        if kw is not None:
            keyword, gap = kw.group("kw", "gap")
            if len(gap) > self.kw_gap[keyword]:
                kw = None
        if kw is not None:
            if self.inv_before(before[: kw.start()] + gap):
                return None
        else:
            head = None if bare else self.head_re.match(text, end)
            if not head:
                return None
            keyword = head.group("head")
            if self.inv_before(before):
                return None
        if self.inv_after(text[end:end + 16]):
            return None
        values = self._values(text, nm, low)
        if values is None:
            return None
        value, value_max = values
        rec: Dict[str, object] = {"text": text[start:end], "value": value, "unit": currency}
        if value_max is not None:
            rec["value_max"] = value_max
        qualifier = _qualifier(qual, self.money_tail.match(text, end).group("qafter"), num)
        if qualifier:
            rec["qualifier"] = qualifier
        if keyword:
            rec["keyword"] = keyword
        return start, end, rec
