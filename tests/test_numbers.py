"""govnews_nlp.numbers: the numbers Chinese news prints, including the ones cn2an alone gets wrong."""

from __future__ import annotations

import re

import pytest

from govnews_nlp import numbers
from govnews_nlp.numbers import NumberError, parse_number, parse_product, try_parse


@pytest.mark.parametrize(
    "text,value",
    [
        ("400", 400),
        ("396万", 3_960_000),
        ("1.5亿", 150_000_000),
        ("2.35万亿", 2_350_000_000_000),  # cn2an raises on this
        ("1,200万", 12_000_000),  # and on this
        ("百亿", 10_000_000_000),  # and on this
        ("四百万", 4_000_000),
        ("一千二百万", 12_000_000),
        ("两千", 2000),
        ("五千万", 50_000_000),
        ("5千万", 50_000_000),
        ("0.26亿", 26_000_000),
        ("3000余万", 30_000_000),
        ("105.05", 105.05),
        ("７.５", 7.5),
        ("１２万", 120_000),
        ("十万", 100_000),
        ("千万", 10_000_000),
        ("一百零五", 105),
    ],
)
def test_parse_number(text, value):
    got = parse_number(text)
    assert got == value
    assert isinstance(got, int) == isinstance(value, int)


@pytest.mark.parametrize(
    "text,value",
    [
        ("2×100万", 2_000_000),
        ("2×270", 540),
        ("3x50", 150),
        ("2 × 1.5万", 30_000),
        ("两×10万", 200_000),
        ("78万", 780_000),
    ],
)
def test_parse_product(text, value):
    assert parse_product(text) == value


@pytest.mark.parametrize("text", ["", "万", "数万", "abc", "3D", "4+6+N", "十四五规划"])
def test_not_numbers(text):
    with pytest.raises(NumberError):
        parse_product(text)
    assert try_parse(text) is None


@pytest.mark.parametrize(
    "text,found",
    [
        ("装机规模达到659万千瓦", ["659万千瓦"]),
        ("年产1,200万吨", ["1,200万吨"]),
        ("超百亿元项目", ["百亿元"]),
        ("投资5千万元的", ["5千万元"]),
        ("二十万千瓦", ["二十万千瓦"]),
        ("2×100万千瓦", ["2×100万千瓦"]),
        ("数万吨", []),  # vague, not a number
        ("上千万吨", []),
        ("A320吨", []),  # part of a Latin code
    ],
)
def test_fragments_find_number_with_unit(text, found):
    """The regex fragments leave the unit to the unit (``10万千瓦``) and skip vague amounts."""
    rx = re.compile(rf"{numbers.PRODUCT}(?:千瓦|吨|元)")
    assert [m.group() for m in rx.finditer(text)] == found


def test_short_chinese_numerals_read_as_cn2an_reads_them() -> None:
    """The short forms read without cn2an (one digit, maybe 十/百/千, maybe 万/亿/万亿, and the
    same with the digit implied) give cn2an's value and type, every one of them."""
    import cn2an

    for digit in ["", *"一二两三四五六七八九"]:
        for unit in ["", "十", "百", "千"]:
            for mag in ["", "万", "亿", "万亿"]:
                text = digit + unit + mag
                if not text or text[0] in "万亿":
                    continue
                got = parse_number(text)
                want = cn2an.cn2an(text if digit or not unit else "一" + text, "normal")
                assert (type(got), got) == (type(want), want), text


def test_try_parse_full_width_forms_as_folded() -> None:
    """The arithmetic path reads unfolded text (full-width digits, points, commas) as the folded."""
    for text in ["１２万", "７.５", "7．5亿", "1，200万", "１，２００．５", "3000余万", " 5万", "5万\n"]:
        assert try_parse(text) == try_parse(numbers._fold(text.strip())), text
        assert type(try_parse(text)) is type(try_parse(numbers._fold(text.strip()))), text
