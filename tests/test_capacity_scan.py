"""The capacity scanner's regex building blocks: the cheap class that stands in for the numeral
class in the anchor must contain every character the exact class matches."""

from __future__ import annotations

import re

from govnews_nlp.components.capacity_scan import NUMERAL, NUMERAL_SUPERSET, _ranges_without


def test_numeral_superset_contains_every_numeral_code_point():
    everything = "".join(map(chr, range(0x110000)))
    numerals = set(re.findall(NUMERAL, everything))
    assert len(numerals) > 600  # \d: every Unicode decimal digit, plus the Chinese numerals
    missing = numerals - set(re.findall(NUMERAL_SUPERSET, everything))
    assert not missing, sorted(missing)[:10]


def test_numeral_superset_excludes_chinese_text():
    """It only pays if ordinary Chinese text and punctuation fall outside it."""
    assert not re.search(NUMERAL_SUPERSET, "产能达到，项目。“建设”（期）：")
    assert len(re.findall(NUMERAL_SUPERSET, "年产20万吨三千一百")) == len("20万三千一百")


def test_ranges_without():
    assert _ranges_without("a", "f", "c") == r"\u0061-\u0062\u0064-\u0066"
    assert _ranges_without("a", "c", "ac") == r"\u0062-\u0062"
