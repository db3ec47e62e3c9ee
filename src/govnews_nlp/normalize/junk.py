"""Removal of web page furniture: captcha and login prompts, lone ``|``, ``1.png`` file names,
share/print/back-to-top links, forum headers, reprint notices, anti-copy jammer strings.

The phrases are data (``patterns/junk.jsonl``; ``scope="line"`` rules must cover a whole line,
which then goes with its line break; ``"inline"`` rules remove just the match). Everything
removed is recorded in the report with its rule's reason and its raw offsets: never silently.

Discuz forums scatter *jammer* strings of random 1–2-character ASCII tokens through a post
(``+ {% ~+ c! e' x4 @$ S3 }4 F- c``); they are found by shape, not by a list: five or more
space-separated short tokens of which at least two carry symbols and one mixes letter and digit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Optional, Pattern, Tuple

from .chain import StepContext
from .offsets import Edit
from .rules import JunkRule, junk_rules

_JAMMER = re.compile(r"(?<![\x21-\x7e])[\x21-\x7e]{1,2}(?: [\x21-\x7e]{1,2}){4,}(?=[ \t\n]|\Z)[ \t]?")
_MIXED = re.compile(r"^(?:[A-Za-z]\d|\d[A-Za-z])$")
_Rx = Optional[Pattern[str]]
_SPACE = "[ \\t\\u3000\\u00a0]"


@lru_cache(maxsize=8)
def _compiled(rules: Tuple[JunkRule, ...]) -> Tuple[_Rx, _Rx, Dict[str, JunkRule]]:
    by_group: Dict[str, JunkRule] = {}
    line_alts: List[str] = []
    inline_alts: List[str] = []
    for i, rule in enumerate(rules):
        group = f"r{i}"
        by_group[group] = rule
        (line_alts if rule.scope == "line" else inline_alts).append(f"(?P<{group}>{rule.pattern})")
    line_rx = (re.compile(rf"^{_SPACE}*(?:{'|'.join(line_alts)}){_SPACE}*(?:\n|\Z)", re.M)
               if line_alts else None)
    inline_rx = re.compile("|".join(inline_alts), re.M) if inline_alts else None
    return line_rx, inline_rx, by_group


def is_jammer(run: str) -> bool:
    tokens = run.strip().split(" ")
    symbolic = sum(1 for t in tokens if not t.isalnum())
    mixed = sum(1 for t in tokens if _MIXED.match(t))
    return symbolic >= 2 and (mixed >= 1 or symbolic >= 3)


def junk_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Remove web junk, recording each removal with its reason."""
    line_rx, inline_rx, by_group = _compiled(junk_rules())
    found: List[Tuple[int, int, str, str]] = []
    for rx in (line_rx, inline_rx):
        if rx is None:
            continue
        for m in rx.finditer(text):
            if m.end() > m.start():
                rule = by_group[m.lastgroup or ""]
                found.append((m.start(), m.end(), rule.id, rule.reason))
    if " " in text:
        for m in _JAMMER.finditer(text):
            if is_jammer(m.group()):
                found.append((m.start(), m.end(), "jammer", "anti-copy jammer"))
    if not found:
        return None
    found.sort()
    edits: List[Edit] = []
    last_end = -1
    for start, end, rule_id, reason in found:
        if start < last_end:  # overlapping hits: the earlier, wider one already removes it
            continue
        edits.append(Edit(start, end, ""))
        ctx.removed(start, end, text[start:end], f"{reason} [{rule_id}]")
        ctx.count(rule_id)
        last_end = end
    return edits
