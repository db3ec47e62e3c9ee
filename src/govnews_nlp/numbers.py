"""Numbers as Chinese news prints them: ``396万``, ``1.5亿``, ``2.35万亿``, ``1,200万``, ``四百万``,
``百亿``, ``5千万``, ``3000余万``, ``6亿多``, ``3.46 亿``, ``零点五``, ``壹佰壹拾壹``, products
``2×100万`` and ranges ``40亿至45亿``.

Why not cn2an alone: measured with cn2an 0.5 (modes strict/normal/smart), it raises on ``百亿``
(a leading magnitude without a digit), on ``2.35万亿`` (decimal × stacked magnitudes) and on
``1,200万`` (thousands separators), and strict/normal reject every Arabic-plus-magnitude form
(``1.5亿``). So the work is split by what each side does right:

* **Arabic digits with magnitude characters** (``1.5亿``, ``2.35万亿``, ``1,200万``, ``5千万``) are
  parsed here in integers: separators removed, the digits scaled by each trailing magnitude
  (``万亿`` = 10⁴ × 10⁸), a decimal divided out at the end (``2.35万亿`` is exactly 2350000000000).
* **Chinese numerals** (``四百万``, ``一千二百万``, ``两千``, ``零点五``, the financial capitals
  ``壹佰壹拾壹`` and Traditional ``萬``/``億``/``兩``) go to cn2an: ``strict`` mode first, then
  ``normal`` (digit strings ``二〇二三``, colloquial ``三万五``); a leading bare magnitude (``百亿``)
  gets the implied ``一`` first, which is what a reader supplies. Forms cn2an rejects are declined.
* **Money amounts in words** (``肆佰叁拾萬圆整``, ``六十四万零一百四十三元一角七分``) are read by
  :func:`parse_money`: the 元/圆 amount plus 角 and 分, ``整``/``正`` ignored.

A value is only returned when the whole text is read: a wrong value is worse than a miss, so any
doubt raises :class:`NumberError` (``try_parse`` turns it into ``None``). Values come back as
``int`` when whole, else ``float``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Optional, Tuple, Union

import cn2an

Number = Union[int, float]

#: Value of each magnitude character. ``兆`` is left out on purpose: in units (``兆瓦``) it means
#: mega, as a numeral it is ambiguous (10⁶ or 10¹²).
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
#: Financial capitals and Traditional forms → the plain numeral characters (what cn2an and the
#: regex fragments read). ``〇``/``零`` are kept.
CAPITALS = {
    "壹": "一", "贰": "二", "貳": "二", "叁": "三", "參": "三", "肆": "四", "伍": "五", "陆": "六", "陸": "六",
    "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千", "萬": "万", "億": "亿", "兩": "两",
    "點": "点",
}
CN_DIGITS = "〇零一二两三四五六七八九"
#: Every character a Chinese numeral can hold, capitals included (the regex fragments use it).
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿" + "".join(CAPITALS)
#: Approximators that can stand between the digits and the magnitude (``3000余万``) or after the
#: magnitude (``6亿多``).
INNER_APPROX = "余多"
MULTIPLY_SIGNS = "×xX*＊✕"
#: What joins the two ends of a range (``40亿至45亿``, ``1万-5万``, ``2——3万``, ``两到三万``).
RANGE_SEPARATORS = r"(?:至|到|~|～|－|-{1,2}|—{1,2}|–)"

# Regex fragments shared by the scanners (no groups, so they can be embedded anywhere).
#: Arabic digits with optional thousands separators (ASCII or full-width: ``82，225.00``) and
#: decimals. The lookbehind keeps a number from starting inside another number, a decimal, a
#: Latin word (``A320``) or after ``1,``.
ARABIC = (
    r"(?<![\d.．A-Za-z])(?<!\d[,，])\d+(?:[,，]\d{3})+(?:[.．]\d+)?(?!\d)"
    r"|(?<![\d.．A-Za-z])(?<!\d[,，])\d+(?:[.．]\d+)?"
)
_CN_START = "〇零一二两三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟兩廿"
_CN_BODY = _CN_START + "万亿萬億"
#: A Chinese numeral: starts with a digit or 十/百/千 (never with 万/亿: ``数万`` is not a number),
#: may end in a decimal part (``零点五``), and is not preceded by a word that makes it vague
#: (``数万``, ``上千万``, ``几十万``, ``第一``).
CHINESE = (
    rf"(?<![{_CN_BODY}数几上第多余])"
    rf"[{_CN_START}][{_CN_BODY}]*?(?:[点點][〇零一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]+)?"
)
#: Arabic digits, an optional ``余``/``多``, magnitude characters (maybe after one space:
#: ``3.46 亿``) and an optional ``多``/``余`` after them (``6亿多``). Lazy, so that ``10万千瓦``
#: leaves ``千瓦`` to the unit and ``5千万元`` gives ``千万`` to the number.
ARABIC_MAG = (
    rf"(?:{ARABIC})(?:[{INNER_APPROX}])?(?:[ \u3000]?[十百千万亿][十百千万亿]*?)??(?:(?<=[万亿])[{INNER_APPROX}])?"
)
#: Any single number.
NUMBER = rf"(?:{ARABIC_MAG}|{CHINESE})"
#: A product ``2×100万`` (the factor is Arabic or Chinese) or a single number.
PRODUCT = rf"(?:(?:{ARABIC}|[一二两三四五六七八九十]+)\s*[{MULTIPLY_SIGNS}]\s*)?{NUMBER}"

_ARABIC_FULL = re.compile(r"^(-?)(\d+(?:,\d{3})*(?:\.\d+)?)([余多])?[ \u3000]?([十百千万亿]*)(?:(?<=[万亿])[余多])?$")
_CHINESE_FULL = re.compile(rf"^负?[{CN_NUMERAL_CHARS}廿幺点]+$")
#: Arabic and Chinese mixed (``100万三千``, ``1百01``, ``一百点123``): cn2an's ``smart`` mode.
_MIXED_FULL = re.compile(rf"^(?=.*\d)(?=.*[{CN_NUMERAL_CHARS}])[\d.{CN_NUMERAL_CHARS}点]+$")
_SPLIT_PRODUCT = re.compile(rf"\s*[{MULTIPLY_SIGNS}]\s*")
_HAS_MULTIPLY = re.compile(f"[{MULTIPLY_SIGNS}]")
_SPLIT_RANGE = re.compile(rf"^(.+?)\s*{RANGE_SEPARATORS}\s*(.+)$")
#: ``…元/圆`` then maybe ``X角``, ``X分``, then maybe ``整``/``正``.
_MONEY = re.compile(r"^(?P<yuan>.*?)(?:[元圆](?P<jiao>[^角分]+角)?(?P<fen>[^角分]+分)?[整正]?|(?P<bare>))$")


_CN_DECIMAL_DIGIT = {ch: str(i % 10) for i, ch in enumerate("零一二三四五六七八九〇", start=0)}


class NumberError(ValueError):
    """The text is not a number this module understands."""


def _tidy(value: Decimal) -> Number:
    whole = int(value)
    return whole if whole == value else float(value)


#: full-width digits, points and commas → ASCII (what NFKC does to them), capitals → plain
#: numerals; nothing else changes
_FOLD = str.maketrans({**{ch: unicodedata.normalize("NFKC", ch) for ch in "０１２３４５６７８９．，"}, **CAPITALS})


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def parse_number(text: str) -> Number:
    """The value of one number as printed (see the module docstring). Raises :class:`NumberError`."""
    return _parse_folded(_fold(text.strip()), text)


def _parse_folded(s: str, text: str) -> Number:
    """:func:`parse_number` of the folded, stripped text ``s`` (``text``: as printed, for errors)."""
    if not s:
        raise NumberError("empty number")
    m = _ARABIC_FULL.match(s)
    if m:
        value = _arabic(m.group(2), m.group(4))
        return -value if m.group(1) else value
    if _CHINESE_FULL.match(s):
        return _chinese(s, text)
    if _MIXED_FULL.match(s):
        return _cn2an(s, ("smart",), text)
    raise NumberError(f"not a number: {text!r}")


def _chinese(s: str, text: str) -> Number:
    body = s[1:] if s.startswith("负") else s
    if "点" in body and not re.fullmatch(r"[^点]+点[^点]+", body):
        raise NumberError(f"a decimal point stands between digits: {text!r}")
    if not body or body[0] in "万亿点":  # 万 alone is "ten thousand" only in set phrases; in news it is vague (数万)
        raise NumberError(f"a Chinese numeral starts with a digit or 十/百/千: {text!r}")
    if body[0] in "百千":
        s = s.replace(body, "一" + body, 1)  # 百亿 → 一百亿; cn2an needs the implied digit (十 it reads itself)
        body = "一" + body
    if "点" in body:
        # cn2an returns a float for a decimal, rounded through binary arithmetic (measured: a
        # 16-digit 八万…点零零一 came back …208.002): the fraction is read digit by digit here
        whole, frac = body.split("点")
        if not all(ch in _CN_DECIMAL_DIGIT for ch in frac):
            raise NumberError(f"a decimal part is a string of digits: {text!r}")
        exact = Decimal(str(_cn2an(whole, ("strict", "normal"), text))) + Decimal(
            "0." + "".join(_CN_DECIMAL_DIGIT[ch] for ch in frac)
        )
        return _tidy(-exact if s.startswith("负") else exact)
    return _cn2an(s, ("strict", "normal"), text)


@lru_cache(maxsize=4096)
def _cn2an_cached(s: str, mode: str) -> Optional[str]:
    """cn2an's value as a string (so that the cache holds no mutable state), ``None`` when it declines."""
    try:
        return str(cn2an.cn2an(s, mode))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _cn2an(s: str, modes: Tuple[str, ...], text: str) -> Number:
    for mode in modes:
        value = _cn2an_cached(s, mode)
        if value is not None:
            return _tidy(Decimal(value))
    raise NumberError(f"not a Chinese numeral: {text!r}")


def _arabic(digits: str, mags: str) -> Number:
    """Arabic digits (separators, maybe a decimal point) times the magnitudes ``mags``, in
    integers: ``1.5亿`` is 15 × 10⁸ / 10¹; a whole result is an int, else the correctly rounded
    quotient of the two ints."""
    whole, _, frac = digits.replace(",", "").partition(".")
    scaled = int(whole + frac)
    for ch in mags:
        scaled *= MAGNITUDES[ch]
    if not frac:
        return scaled
    quotient, rest = divmod(scaled, 10 ** len(frac))
    return quotient if rest == 0 else scaled / 10 ** len(frac)


def multiply(*factors: Number) -> Number:
    """The exact product of parsed values (``2 × 1.5万``), as :func:`parse_number` returns values."""
    value = Decimal(1)
    for f in factors:
        value *= Decimal(str(f))
    return _tidy(value)


def parse_product(text: str) -> Number:
    """``2×100万`` → 2000000; a single number is parsed by :func:`parse_number`."""
    s = _fold(text.strip())
    if not _HAS_MULTIPLY.search(s):
        return _parse_folded(s, text)
    return multiply(*(_parse_folded(part, text) for part in _SPLIT_PRODUCT.split(s)))


def _magnitude_suffix(s: str) -> str:
    """The magnitude characters a number ends with: after Arabic digits all of them (``45亿`` →
    ``亿``, ``1千万`` → ``千万``), after a Chinese numeral its 万/亿 (``三十万`` → ``万``)."""
    m = re.search(r"\d[ \u3000]?([十百千万亿]+)[余多]?$", s) or re.search(r"()([万亿]+)[余多]?$", s)
    return m.group(m.lastindex) if m else ""


def parse_range(text: str) -> Tuple[Number, Number]:
    """``40亿至45亿`` → (4000000000, 4500000000). A lower end without a magnitude takes the upper
    end's when a reader would (``两到三万`` is 20000-30000, ``十八至三十万`` 180000-300000) but not
    when that would pass the upper end (``8500到3万`` is 8500-30000). The ends must be ordered:
    anything else raises :class:`NumberError`."""
    m = _SPLIT_RANGE.match(_fold(text.strip()))
    if not m:
        raise NumberError(f"not a range: {text!r}")
    low_text, high_text = m.groups()
    high = parse_number(high_text)
    low = parse_number(low_text)
    mag = _magnitude_suffix(high_text)
    if mag and not _magnitude_suffix(low_text):
        inherited = parse_number(low_text + mag)
        if inherited <= high:
            low = inherited
    if not low < high:
        raise NumberError(f"a range runs from low to high: {text!r}")
    return low, high


def parse_money(text: str) -> Number:
    """A money amount in words or digits: ``肆佰叁拾萬圆整`` → 4300000, ``壹拾壹元壹角壹分`` →
    11.11, ``82，225.00元`` → 82225; the currency sign itself is not kept (callers know it)."""
    s = _fold(text.strip())
    m = _MONEY.match(s)
    if not m or not m.group("yuan"):
        raise NumberError(f"not a money amount: {text!r}")
    value = Decimal(str(parse_number(m.group("yuan"))))
    for part, scale in ((m.group("jiao"), Decimal("0.1")), (m.group("fen"), Decimal("0.01"))):
        if part:
            digit = parse_number(part[:-1])
            if not (isinstance(digit, int) and 0 <= digit <= 9):
                raise NumberError(f"角 and 分 take one digit: {text!r}")
            value += digit * scale
    return _tidy(value)


def try_parse(text: str) -> Optional[Number]:
    """:func:`parse_product`, or ``None`` instead of an error."""
    try:
        return parse_product(text)
    except NumberError:
        return None
