"""Removal of inline pinyin glosses that SEO spinners put after characters: ``產(chǎn)`` → ``產``.

A parenthesis after a character is removed only when its content is a reading of that
character, as pypinyin knows it (toned, toneless or tone-numbered, ASCII or full-width
parentheses, with the single space some spinners add: ``黨(dang) 委``). Genuine parentheses such
as ``工業(產業)園區``, ``央(國)企`` or ``(GDP)`` do not match a reading and survive.

Excerpts cut off mid-gloss end in ``強(qi``: an unclosed parenthesis at the very end of the text
whose letters begin a reading of the character before it is removed too.

The step runs to a fixed point: removing ``(fā)`` from ``發(fā)(fā)`` puts the second gloss right
after the character, and a second pass of the whole normalizer would remove it, so the step does
it now (idempotence is a property of every step, not of the chain by luck). A reading counts when
it is one of the character's or of its Simplified form's: ``t2s`` runs after this step, and a gloss
kept beside the Traditional character must not become removable beside the Simplified one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import numpy as np

from .chain import StepContext, StepOutput
from .offsets import OffsetMap, compose
from .words import fold_syllable, readings

PINYIN_LETTERS = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňǹḿ"
_HAN = r"[\u3400-\u9fff\uf900-\ufaff]"

# A CJK character, an opening parenthesis (ASCII or full width), 1-7 pinyin letters with an
# optional tone digit, a closing parenthesis, and an optional single space used by some spinners.
# That space goes with the gloss whatever follows (``儀(yi) 式(shi) 。`` → ``儀式。``, ``資(zi) 18.5``
# → ``資18.5``), as in the corpus's reference normalization. The character before a gloss is Han,
# so removing the space never glues two Latin words or numbers; of a run of spaces only the first
# goes (the others were there before the spinner). A space before another parenthesis stays, or a
# second pass could find a new gloss (idempotence).
# The pattern starts with the parenthesis (a rare character) and looks back for the character,
# so the regex engine can skip ahead to candidate parentheses instead of trying every character.
# The look-behind captures that character, so ``GLOSS.split`` hands over every candidate's
# character, syllable and space in one C call (four pieces per match: the text before it, which
# still ends in the character, then the three groups).
GLOSS = re.compile(
    rf"[(（](?<=(?P<char>{_HAN})[(（])(?P<syl>[{PINYIN_LETTERS}]{{1,7}}[1-5]?)[)）](?P<sp> (?![(（]))?"
)
# The same, cut off by the end of the excerpt: ``強(qi``.
TRUNCATED = re.compile(rf"(?P<char>{_HAN})(?P<gloss>[(（](?P<syl>[{PINYIN_LETTERS}]{{1,6}}))\s*\Z")
_QUICK = re.compile(rf"[(（][{PINYIN_LETTERS}]")
_TAIL = 1 + 1 + 6  # TRUNCATED before its trailing whitespace: character, parenthesis, letters


@lru_cache(maxsize=65536)
def _toneless(char: str) -> frozenset:
    from .script import convert_t2s

    forms = {syl for syl, _tone in readings(char)}
    simplified = convert_t2s(char)
    if simplified != char and len(simplified) == 1:
        forms |= {syl for syl, _tone in readings(simplified)}
    return frozenset(forms | {r.replace("v", "u") for r in forms})


@lru_cache(maxsize=65536)
def is_gloss_of(char: str, syllable: str) -> bool:
    """Toneless comparison: spinners' tones are not always pypinyin's."""
    return fold_syllable(syllable) in _toneless(char)


class _Verdicts(dict):
    """``is_gloss_of`` keyed by ``char + syllable`` (the character is one code point, so the key is
    unambiguous): one C-level ``dict`` lookup per gloss, filled on first sight, bounded."""

    def __missing__(self, key: str) -> bool:
        if len(self) >= 65536:
            self.clear()
        verdict = self[key] = is_gloss_of(key[0], key[1:])
        return verdict


_VERDICTS = _Verdicts()


def is_truncated_gloss_of(char: str, letters: str) -> bool:
    prefix = fold_syllable(letters)
    return any(r.startswith(prefix) for r in _toneless(char))


_SEAM = re.compile(r"[)）][(（]")


def pinyin_step(text: str, ctx: StepContext) -> Optional[StepOutput]:
    """Delete ``(pinyin)`` glosses until none is left (see the module docstring: fixed point).

    A new gloss can only appear where a removed one touched another parenthesis (``)(``), so the
    second pass runs only when the first removed something and the input has such a seam.
    """
    out = _one_pass(text, ctx)
    if out is None or not _SEAM.search(text) or not _removable_left(out.text):
        return out
    while True:
        again = _one_pass(out.text, ctx)
        if again is None:
            return out
        out = StepOutput(again.text, compose(out.offset_map, again.offset_map))


def _removable_left(text: str) -> bool:
    """Does ``text`` still hold a gloss to remove? (A scan, without building a pass's map.)"""
    return any(_VERDICTS[m.group("char") + m.group("syl")] for m in GLOSS.finditer(text))


def _one_pass(text: str, ctx: StepContext) -> Optional[StepOutput]:
    """Delete ``(pinyin)`` glosses that are readings of the character before them.

    A dirty article has a gloss every dozen characters, so nothing here runs Python code per
    gloss: ``GLOSS.split`` returns the pieces between candidates and their groups, the verdicts
    are one mapped dict lookup, the positions one numpy cumulative sum, and the step's map is
    built from the deleted spans with numpy (no Edit objects, no :func:`apply_edits`). Only the
    rare kept parenthesis (``(GDP)``) is put back by a Python loop.
    """
    if not _QUICK.search(text):
        return None
    parts = GLOSS.split(text)
    n = len(parts) // 4
    tail = TRUNCATED.search(text, max(0, len(text.rstrip()) - _TAIL))
    if not n and not tail:
        return None
    pieces = parts[0::4]
    syls = parts[2::4]
    verdicts = list(map(_VERDICTS.__getitem__, map(str.__add__, parts[1::4], syls)))
    removed = sum(verdicts)
    ctx.count("kept_parentheses", n - removed)
    ctx.count("glosses_removed", removed)
    if n:
        # match i: "(" + syllable + ")" + optional space, after pieces[0..i]
        m_len = np.fromiter(map(len, syls), np.int64, n) + 2
        m_len += np.fromiter(map(bool, parts[3::4]), np.int64, n)
        pre = np.fromiter(map(len, pieces), np.int64, n + 1)[:n]
        ends = np.cumsum(pre + m_len)
        starts = ends - m_len
        if removed < n:
            ok = np.array(verdicts, dtype=bool)
            for i in np.flatnonzero(~ok).tolist():  # kept: put the parenthesis back
                pieces[i] += text[int(starts[i]):int(ends[i])]
            starts, ends = starts[ok], ends[ok]
    else:
        starts = ends = np.zeros(0, dtype=np.int64)
    out = "".join(pieces)
    # A cut-off gloss ends the text (but for whitespace), so it starts within the last
    # _TAIL non-space characters: searching only there avoids trying every Han character.
    if tail and is_truncated_gloss_of(tail.group("char"), tail.group("syl")):
        start = tail.start("gloss")
        if not len(ends) or int(ends[-1]) <= start:
            starts = np.append(starts, start)
            ends = np.append(ends, len(text))
            out = out[: len(out) - (len(text) - start)]
            ctx.count("truncated_gloss_removed")
    if not len(starts):
        return None
    return StepOutput(out, OffsetMap.from_deletion_arrays(len(text), starts, ends))
