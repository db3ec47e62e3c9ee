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


def test_anchor_groups_unit_money_bare():
    """The scan tells a unit, a currency and a bare magnitude apart by ``lastindex``: the groups
    are numbered so; a unit or currency is the group's text (after one space at most), a bare
    magnitude is an empty group right after 万/亿 that nothing of a number follows."""
    import govnews_nlp

    ruler = govnews_nlp.load(components=["govnews_capacity"]).get_pipe("govnews_capacity")
    ruler.ensure_ready()
    anchor = ruler.scanner.anchor
    assert anchor.groupindex == {"unit": 1, "money": 2, "bare": 3}
    text = (
        "年产20万吨，总投资1.5亿元，日处理3000m3，2×270立方米，超百亿元项目，10MW，五千万元，"
        "日产3000 吨，总投资8.6亿。"
    )
    seen = {}
    for m in anchor.finditer(text):
        seen.setdefault(m.lastindex, []).append(m.group(m.lastindex))
        assert text[m.start() + 1:m.end()].strip() == m.group(m.lastindex)
    assert seen[3] == [""] and "吨" in seen[1] and "元" in seen[2]
