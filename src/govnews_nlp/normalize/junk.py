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
from typing import Dict, Iterable, List, Optional, Pattern, Tuple, Union

from .chain import StepContext
from .offsets import Edit
from .rules import JunkRule, junk_rules
from .tables import Tables

_JAMMER = re.compile(r"(?<![\x21-\x7e])[\x21-\x7e]{1,2}(?: [\x21-\x7e]{1,2}){4,}(?=[ \t\n]|\Z)[ \t]?")
_JAMMER_HINT = re.compile(r"[{}~@$&#^`%]")
_MIXED = re.compile(r"^(?:[A-Za-z]\d|\d[A-Za-z])$")
_Rx = Optional[Pattern[str]]
_Triggers = Tuple[Union[str, Pattern[str]], ...]
_Inline = Tuple[_Triggers, Pattern[str], JunkRule]
_BLANKS = " \t\u3000\u00a0"


@lru_cache(maxsize=8)
def _compiled(tables: Tables) -> Tuple[_Triggers, _Rx, List[_Inline]]:
    """Line rules: (their triggers, one alternation matched against whole short lines, group
    name → rule in ``_GROUPS``); inline rules: (triggers, pattern, rule) each.

    Line rules are tried, with one anchored ``fullmatch`` on lines of at most ``MAX_JUNK_LINE``
    characters, only on the lines where a line trigger occurs (a rule's trigger occurs in every
    match of it, so no other line can match); the triggers that are plain words are found with one
    alternation of literals (the engine skips to their first characters in C), the others one by
    one. Inline triggers are tested one by one: Python's ``re`` or ``in`` finds one literal very
    fast, but an alternation of dozens of them costs more than all the single searches together.
    """
    rules = junk_rules(tables)
    line_rules = [r for r in rules if r.scope == "line"]
    line_triggers = _triggers(r.trigger for r in line_rules)
    line_rx = (re.compile("|".join(f"(?P<r{i}>{r.pattern})" for i, r in enumerate(line_rules)))
               if line_rules else None)
    _GROUPS[tables] = {f"r{i}": r for i, r in enumerate(line_rules)}
    inline = [(_triggers([r.trigger]), re.compile(r.pattern, re.M), r) for r in rules if r.scope == "inline"]
    return line_triggers, line_rx, inline


_META = set(".^$*+?{}[]\\()")


def _triggers(triggers: Iterable[str]) -> Tuple[Union[str, Pattern[str]], ...]:
    """Alternatives of plain words become separate substrings; a regex that matches only a few
    fixed strings (``[|｜]``, ``\\.(?:png|jpe?g)``, ``T[大中小]``) becomes those strings; anything
    else stays a regex."""
    out: List[Union[str, Pattern[str]]] = []
    for trigger in dict.fromkeys(triggers):
        parts = trigger.split("|")
        if all(p and not (_META & set(p)) for p in parts):
            out.extend(parts)
            continue
        words = _finite_words(trigger)
        if words is not None and all(words):
            out.extend(words)
        else:
            out.append(re.compile(trigger))
    return tuple(dict.fromkeys(out))


_MAX_WORDS = 64


def _regex_parser():
    """CPython's own regex parser and its constants (``re._parser`` from 3.11, ``sre_parse``
    before)."""
    try:
        from re import _constants, _parser
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants as _constants
        import sre_parse as _parser
    return _constants, _parser


def _finite_words(pattern: str) -> Optional[List[str]]:
    """Every string ``pattern`` matches, when that is a short list (literals, classes of
    literals, alternations, groups, small ``?``/``{m,n}`` repeats); else ``None``."""
    c, _parser = _regex_parser()

    def expand(items) -> Optional[List[str]]:
        words = [""]
        for op, av in items:
            if op is c.LITERAL:
                alts = [chr(av)]
            elif op is c.IN and all(o is c.LITERAL for o, _ in av):
                alts = [chr(v) for _, v in av]
            elif op is c.BRANCH:
                alts = []
                for branch in av[1]:
                    sub = expand(branch)
                    if sub is None:
                        return None
                    alts.extend(sub)
            elif op is c.SUBPATTERN and not av[1] and not av[2]:
                alts = expand(av[3])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 4:
                sub = expand(av[2])
                if sub is None:
                    return None
                alts = []
                level = [""]
                for k in range(av[1] + 1):
                    if k >= av[0]:
                        alts.extend(level)
                    level = [a + b for a in level for b in sub]
            else:
                return None
            if alts is None:
                return None
            words = [w + a for w in words for a in alts]
            if len(words) > _MAX_WORDS:
                return None
        return words

    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & ~(re.UNICODE | re.ASCII):
        return None
    words = expand(list(parsed))
    return list(dict.fromkeys(words)) if words is not None else None


@lru_cache(maxsize=8)
def _word_scanner(triggers: _Triggers) -> Tuple[Optional[Pattern[str]], Dict[str, Tuple[str, ...]]]:
    """One alternation of every trigger word (longest first), and for each word the words that
    are prefixes of it (itself included): at a position the alternation reports only the
    longest word, the shorter ones starting there occur too."""
    words = sorted({t for t in triggers if isinstance(t, str)}, key=len, reverse=True)
    if not words:
        return None, {}
    prefixes = {w: tuple(v for v in words if w.startswith(v)) for w in words}
    return re.compile("|".join(map(re.escape, words))), prefixes


def _word_hits(text: str, triggers: _Triggers) -> List[Tuple[int, str]]:
    """(position, word) of every occurrence of every trigger word: the search restarts one
    character after each hit, so overlapping occurrences are found too."""
    rx, prefixes = _word_scanner(triggers)
    hits: List[Tuple[int, str]] = []
    if rx is None:
        return hits
    search = rx.search
    m = search(text)
    while m is not None:
        start = m.start()
        hits.extend((start, w) for w in prefixes[m.group()])
        m = search(text, start + 1)
    return hits


def _trigger_lines(text: str, spans: Iterable[Tuple[int, int]]) -> List[int]:
    """Sorted start positions of the lines that hold (part of) one of ``spans``."""
    starts = set()
    for a, b in spans:
        last = max(b - 1, a)  # the last character the hit covers
        ls = text.rfind("\n", 0, a) + 1
        while True:
            starts.add(ls)
            le = text.find("\n", ls)
            if le < 0 or le >= last:
                break
            ls = le + 1
    return sorted(starts)


@lru_cache(maxsize=8)
def _all_triggers(*groups: _Triggers) -> _Triggers:
    return tuple(dict.fromkeys(t for group in groups for t in group))


@lru_cache(maxsize=8)
def _words_of(triggers: _Triggers) -> frozenset:
    return frozenset(t for t in triggers if isinstance(t, str))


def _any(triggers: Tuple[Union[str, Pattern[str]], ...], text: str) -> bool:
    return any((t in text) if isinstance(t, str) else t.search(text) for t in triggers)


_GROUPS: Dict[Tables, Dict[str, JunkRule]] = {}
MAX_JUNK_LINE = 200  # longer lines are article text, never page furniture


def is_jammer(run: str) -> bool:
    tokens = run.strip().split(" ")
    symbolic = sum(1 for t in tokens if not t.isalnum())
    mixed = sum(1 for t in tokens if _MIXED.match(t))
    return symbolic >= 2 and (mixed >= 1 or symbolic >= 3)


def junk_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Remove web junk, recording each removal with its reason."""
    line_triggers, line_rx, inline = _compiled(ctx.tables)
    every = _all_triggers(line_triggers, tuple(t for trigger, _p, _r in inline for t in trigger))
    hits = _word_hits(text, every)
    present = {w for _pos, w in hits}
    found: List[Tuple[int, int, str, str]] = []
    if line_rx is not None:
        groups = _GROUPS[ctx.tables]
        line_words = _words_of(line_triggers)
        spans = [(a, a + len(w)) for a, w in hits if w in line_words]
        spans += [m.span() for t in line_triggers if not isinstance(t, str) for m in t.finditer(text)]
        for pos in _trigger_lines(text, spans):
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = len(text)
            if line_end - pos <= MAX_JUNK_LINE:
                stripped = text[pos:line_end].strip(_BLANKS)
                m = line_rx.fullmatch(stripped) if stripped else None
                if m:
                    rule = groups[m.lastgroup or ""]
                    stop = min(line_end + 1, len(text))  # the line goes with its line break
                    found.append((pos, stop, rule.id, rule.reason))
    for trigger, pattern, rule in inline:
        if any((t in present) if isinstance(t, str) else t.search(text) for t in trigger):
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), rule.id, rule.reason))
    if " " in text and _JAMMER_HINT.search(text):
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
