"""The capacity scanner's regex building blocks: the cheap class that stands in for the numeral
class in the anchor must contain every character the exact class matches."""

from __future__ import annotations

import re

from govnews_nlp.components.capacity.quantities import NUMERAL, NUMERAL_SUPERSET, _ranges_without


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


def test_number_regex_without_product_prefix_is_the_same_without_multiplication_sign():
    """The scanner reads a number with the product-free regex when the characters it walked back
    over (those a number can have) hold no ×, the window starting 2 characters before them: on
    random texts, both regexes then find the same match in that window."""
    import random

    import govnews_nlp
    from govnews_nlp.components.capacity.quantities import _MULTIPLY_CHARS, _NUMBER_CHARS

    ruler = govnews_nlp.load(components=["govnews_capacity"]).get_pipe("govnews_capacity")
    ruler.ensure_ready()
    full, single = ruler.scanner.number_end, ruler.scanner.number_end_single
    alphabet = "0123456789０９.．,，〇零一二两三四五六七八九十百千万亿余多超近约达过以上数几第A年产 ×x*\u3000"
    rng = random.Random(7)
    checked = signs_before = 0
    for _ in range(30_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        i = len(text)
        while i > 0 and text[i - 1] in _NUMBER_CHARS:
            i -= 1
        if any(ch in _MULTIPLY_CHARS for ch in text[i:]):
            continue
        lo = max(0, i - 2)
        signs_before += any(ch in _MULTIPLY_CHARS for ch in text[lo:i])
        a, b = full.search(text, lo), single.search(text, lo)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text
        checked += 1
    assert checked > 5_000 and signs_before > 100


def test_first_char_guard_keeps_the_matches():
    """The guard put before an alternation of exclusion regexes changes no match: on the real
    exclusion tables and on patterns with optional, repeated, anchored and zero-width starts,
    guarded and plain regexes find the same match in random text; a pattern that can start
    anywhere or match empty gets no guard."""
    import random

    from govnews_nlp.components.capacity.quantities import _first_char_guard
    from govnews_nlp.components.capacity.rules import ContextRule
    from govnews_nlp.lexicon import default_patterns_dir, load_rules

    d = default_patterns_dir()
    rules = [*load_rules(d / "capacity_exclusions.jsonl", ContextRule),
             *load_rules(d / "investment_exclusions.jsonl", ContextRule)]
    patterns = [
        "|".join(f"(?:{r.pattern})" for r in rules if r.side == side) for side in ("before", "after")
    ] + [r.pattern for r in rules] + [
        "(?:储量|资源)?探明$", "^级", "a*b|c", "(?=x)xy|z{2,3}", "(?:ab|)c", "[a-c]d", r"\d吨", "(?:x)?",
    ]
    assert _first_char_guard("[^a]b") == "" and _first_char_guard("a?") == "" and _first_char_guard(r"\w") == ""
    assert _first_char_guard("(?:储量|资源)?探明$") == "(?=[储探资])"
    pieces = sorted({w for p in patterns for w in re.findall(r"[\u4e00-\u9fff]+|[a-z]", p)}) + list("，。 12")
    pieces += sorted({ch for w in pieces for ch in w})
    rng = random.Random(5)
    guarded = matched = 0
    for p in patterns:
        guard = _first_char_guard(p)
        guarded += bool(guard)
        plain, fast = re.compile(p), re.compile(f"{guard}(?:{p})")
        for _ in range(1500):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
            a, b = plain.search(text), fast.search(text)
            assert (a and a.span()) == (b and b.span()), (p, text)
            matched += a is not None
    assert guarded >= 5 and matched > 2000


def test_number_search_skips_characters_no_qualifier_or_number_starts_with():
    """Where neither of the 2 characters before the number's characters can start a qualifier or
    a number, the scanner searches from the number on: on random texts the match is the same."""
    import random

    import govnews_nlp
    from govnews_nlp.components.capacity.quantities import _NUMBER_CHARS

    ruler = govnews_nlp.load(components=["govnews_capacity"]).get_pipe("govnews_capacity")
    ruler.ensure_ready()
    scanner = ruler.scanner
    alphabet = "0123456789٣.,一二十百万亿余多超近约达过以上数几第A年产总投资 "
    rng = random.Random(11)
    skipped = found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        i = len(text)
        while i > 0 and text[i - 1] in _NUMBER_CHARS:
            i -= 1
        lo = max(0, i - 2)
        if any(ch in scanner.qual_first or ch in _NUMBER_CHARS or ch.isdecimal() for ch in text[lo:i]):
            continue
        skipped += 1
        for rx in (scanner.number_end, scanner.number_end_single):
            a, b = rx.search(text, lo), rx.search(text, i)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text
            found += a is not None
    assert skipped > 3_000 and found > 1_000


def test_anchor_unit_is_group_one_and_the_rest_of_the_match():
    """The scan tells a unit from a currency by ``lastindex`` and reads it as the anchor match
    after its first character: the groups are numbered so, and on the benchmark-like texts every
    anchor's group equals that slice."""
    import govnews_nlp

    ruler = govnews_nlp.load(components=["govnews_capacity"]).get_pipe("govnews_capacity")
    ruler.ensure_ready()
    anchor = ruler.scanner.anchor
    assert anchor.groupindex == {"unit": 1, "money": 2}
    text = "年产20万吨，总投资1.5亿元，日处理3000m3，2×270立方米，超百亿元项目，10MW，五千万元"
    seen = set()
    for m in anchor.finditer(text):
        seen.add(m.lastindex)
        assert m.group(m.lastindex) == text[m.start() + 1:m.end()]
    assert seen == {1, 2}
