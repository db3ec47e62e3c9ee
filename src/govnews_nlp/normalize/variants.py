"""Variant characters OpenCC ``t2s`` leaves alone although mainland text writes another one.

Why: scraped pages carry a few characters no OpenCC config maps: ``陜`` (a mis-encoding of ``陝``,
so ``陜西`` survives t2s) and ``堿`` (a variant of ``鹼``, Simplified ``碱``). Which characters,
into what, and in which words is reviewed data (``patterns/variants.jsonl``, each entry with the
source of its mapping), not a Unihan variant table: there ``陜``'s variant is ``狹``. The step runs
before ``script`` so OpenCC sees the standard character; one character for one, so positions stay.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Optional, Pattern, Tuple

from .chain import StepContext
from .rules import VariantRule, variant_rules
from .tables import Tables


@lru_cache(maxsize=8)
def _compiled(tables: Tables) -> Tuple[Tuple[str, ...], Optional[Pattern[str]], Dict[str, VariantRule]]:
    """(the listed characters, a class matching them, char → rule) of ``tables``."""
    rules = {r.char: r for r in variant_rules(tables)}
    if not rules:
        return (), None, rules
    return tuple(rules), re.compile("[" + "".join(re.escape(c) for c in rules) + "]"), rules


def _in_listed_word(text: str, pos: int, rule: VariantRule) -> bool:
    """Is ``text[pos]`` (``rule.char``) inside one of ``rule.words``, at any place of that word?"""
    for word in rule.words:
        i = word.find(rule.char)
        while i >= 0:
            start = pos - i
            if start >= 0 and text.startswith(word, start):
                return True
            i = word.find(rule.char, i + 1)
    return False


def variants_step(text: str, ctx: StepContext) -> Optional[str]:
    """Replace listed variant characters (``陜西`` → ``陕西``, ``堿`` → ``碱``); same length."""
    chars_listed, finder, rules = _compiled(ctx.tables)
    # the pre-check: one substring test per listed character (a few; each a fast scan in C,
    # cheaper than a class search over every character of clean text)
    if finder is None or not any(c in text for c in chars_listed):
        return None
    chars = list(text)
    for m in finder.finditer(text):
        pos, rule = m.start(), rules[m.group()]
        if rule.words and not _in_listed_word(text, pos, rule):
            continue
        chars[pos] = rule.to
        ctx.count(f"{rule.char}_to_{rule.to}")
    out = "".join(chars)
    return out if out != text else None
