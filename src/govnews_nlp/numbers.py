"""Numbers as Chinese news prints them: ``396万``, ``1.5亿``, ``2.35万亿``, ``1,200万``, ``四百万``,
``百亿``, ``5千万``, ``3000余万`` and products ``2×100万``.

Why not cn2an alone: measured with cn2an 0.5 (modes strict/normal/smart), it raises on ``百亿``
(a leading magnitude without a digit), on ``2.35万亿`` (decimal × stacked magnitudes) and on
``1,200万`` (thousands separators), and strict/normal reject every Arabic-plus-magnitude form
(``1.5亿``). So the work is split by what each side does right:

* **Arabic digits with magnitude characters** (``1.5亿``, ``2.35万亿``, ``1,200万``, ``5千万``) are
  parsed here: separators removed, the digits read with :class:`decimal.Decimal` (no binary
  rounding: ``2.35万亿`` is exactly 2350000000000), then multiplied by each trailing magnitude
  (``万亿`` = 10⁴ × 10⁸, ``千万`` = 10³ × 10⁴).
* **Pure Chinese numerals** (``四百万``, ``一千二百万``, ``两千``, ``二〇二三``) go to cn2an's
  ``normal`` mode; a leading bare magnitude (``百亿``, ``千万``) gets the implied ``一`` first,
  which is what a reader supplies and what cn2an then parses.

Values come back as ``int`` when whole, else ``float``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Optional, Union

import cn2an

Number = Union[int, float]

#: Value of each magnitude character. ``兆`` is left out on purpose: in units (``兆瓦``) it means
#: mega, as a numeral it is ambiguous (10⁶ or 10¹²).
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_DIGITS = "〇零一二两三四五六七八九"
#: Approximators that can stand between the digits and the magnitude (``3000余万``).
INNER_APPROX = "余多"
MULTIPLY_SIGNS = "×xX*＊✕"

# Regex fragments shared by the scanners (no groups, so they can be embedded anywhere).
#: Arabic digits with optional thousands separators and decimals. The lookbehind keeps a number
#: from starting inside another number, a decimal, a Latin word (``A320``) or after ``1,``.
ARABIC = r"(?<![\d.．A-Za-z])(?<!\d,)\d+(?:,\d{3})+(?:[.．]\d+)?(?!\d)|(?<![\d.．A-Za-z])(?<!\d,)\d+(?:[.．]\d+)?"
#: A Chinese numeral: starts with a digit or 十/百/千 (never with 万/亿: ``数万`` is not a number),
#: and is not preceded by a word that makes it vague (``数万``, ``上千万``, ``几十万``, ``第一``).
CHINESE = (
    r"(?<![〇零一二两三四五六七八九十百千万亿数几上第多余])"
    r"[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]*?"
)
#: Arabic digits, an optional ``余``/``多`` and magnitude characters (lazy, so that ``10万千瓦``
#: leaves ``千瓦`` to the unit and ``5千万元`` gives ``千万`` to the number).
ARABIC_MAG = rf"(?:{ARABIC})(?:[{INNER_APPROX}])?[十百千万亿]*?"
#: Any single number.
NUMBER = rf"(?:{ARABIC_MAG}|{CHINESE})"
#: A product ``2×100万`` (the factor is Arabic or Chinese) or a single number.
PRODUCT = rf"(?:(?:{ARABIC}|[一二两三四五六七八九十]+)\s*[{MULTIPLY_SIGNS}]\s*)?{NUMBER}"

_ARABIC_FULL = re.compile(r"^(\d+(?:,\d{3})*(?:\.\d+)?)([余多])?([十百千万亿]*)$")
_CHINESE_FULL = re.compile(rf"^[{CN_DIGITS}十百千万亿点]+$")
_SPLIT_PRODUCT = re.compile(rf"\s*[{MULTIPLY_SIGNS}]\s*")
_HAS_MULTIPLY = re.compile(f"[{MULTIPLY_SIGNS}]")
#: The short Chinese numerals of news (``五万``, ``两千万``, ``一百亿`` once the implied ``一`` is
#: added): one digit, maybe one of 十/百/千, maybe 万/亿/万亿. Their value is a product, read here
#: without cn2an (≈ 10 µs a call); ``tests/test_numbers.py`` checks every such form against cn2an.
_CN_SIMPLE = re.compile("^([一二两三四五六七八九])([十百千]?)(万亿|万|亿)?$")
_CN_DIGIT_VALUE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MAGNITUDE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 10**12}


class NumberError(ValueError):
    """The text is not a number this module understands."""


def _tidy(value: Decimal) -> Number:
    whole = int(value)  # int() of a Decimal is cheap; ``to_integral_value`` was the scan's hot spot
    return whole if whole == value else float(value)


#: full-width digits, points and commas → ASCII (what NFKC does to them); nothing else changes
_FOLD = str.maketrans({ch: unicodedata.normalize("NFKC", ch) for ch in "０１２３４５６７８９．，"})


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def parse_number(text: str) -> Number:
    """The value of one number as printed (see the module docstring). Raises :class:`NumberError`."""
    s = _fold(text.strip())
    if not s:
        raise NumberError("empty number")
    m = _ARABIC_FULL.match(s)
    if m:
        return _arabic(m.group(1), m.group(3), text)
    if _CHINESE_FULL.match(s):
        if s[0] in "万亿":  # 万 alone is "ten thousand" only in set phrases; in news it is vague (数万)
            raise NumberError(f"a Chinese numeral starts with a digit or 十/百/千: {text!r}")
        if s[0] in "十百千":
            s = "一" + s  # 百亿 → 一百亿; cn2an needs the implied digit
        simple = _CN_SIMPLE.match(s)
        if simple:
            digit, unit, mag = simple.group(1, 2, 3)
            return _CN_DIGIT_VALUE[digit] * _CN_MAGNITUDE[unit] * _CN_MAGNITUDE[mag or ""]
        try:
            value = cn2an.cn2an(s, "normal")
        except (ValueError, KeyError, IndexError):
            raise NumberError(f"not a Chinese numeral: {text!r}") from None
        return _tidy(Decimal(str(value)))
    raise NumberError(f"not a number: {text!r}")


#: Below this a scaled integer is exact in :class:`decimal.Decimal`'s default 28 digits too, so
#: the int arithmetic of :func:`_arabic` gives what the Decimal arithmetic would.
_EXACT_LIMIT = 10**27


def _arabic(digits: str, mags: str, text: str) -> Number:
    """Arabic digits (separators, maybe a decimal point) times the magnitudes ``mags``.

    In integers: ``1.5亿`` is 15 × 10⁸ / 10¹. A whole result is that int; otherwise the quotient
    ``int / int``, which Python rounds correctly, the same float as ``float(Decimal)`` of the
    exact value (measured 5x cheaper than Decimal). Very long digit strings keep the Decimal
    arithmetic, whose precision then rounds."""
    whole, _, frac = digits.replace(",", "").partition(".")
    scaled = int(whole + frac)
    for ch in mags:
        scaled *= MAGNITUDES[ch]
    if not frac:
        return scaled
    if scaled < _EXACT_LIMIT:
        scale = pow(10, len(frac))  # not ``10 ** len(…)``: compiled, a power of C ints is a float
        quotient, rest = divmod(scaled, scale)
        return quotient if rest == 0 else scaled / scale
    try:
        value = Decimal(whole + "." + frac)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        raise NumberError(f"not a number: {text!r}") from None
    for ch in mags:
        value *= MAGNITUDES[ch]
    return _tidy(value)


def parse_product(text: str) -> Number:
    """``2×100万`` → 2000000; a single number is parsed by :func:`parse_number`."""
    s = _fold(text.strip())
    if not _HAS_MULTIPLY.search(s):  # a single number: no split (the usual case)
        return parse_number(s)
    parts = _SPLIT_PRODUCT.split(s)
    if len(parts) == 1:
        return parse_number(parts[0])
    value = Decimal(1)
    for part in parts:
        value *= Decimal(str(parse_number(part)))
    return _tidy(value)


def try_parse(text: str) -> Optional[Number]:
    """:func:`parse_product`, or ``None`` instead of an error."""
    # The usual case, no product: straight to the arithmetic (same as parse_product). The text is
    # matched before folding: when it matches, it holds no full-width point or comma, and its
    # digits (``\d``, full-width ones too) are read by ``int`` as the folded ones would be, so the
    # fold (a per-character table lookup) is needed only when it does not.
    m = _ARABIC_FULL.match(text)
    if m is None:
        m = _ARABIC_FULL.match(_fold(text.strip()))
    if m is not None:
        return _arabic(m.group(1), m.group(3), text)
    try:
        return parse_product(text)
    except NumberError:
        return None
