"""Removal of inline pinyin glosses that SEO spinners put after characters: ``產(chǎn)`` → ``產``.

A parenthesis after a character is removed only when its content is a reading of that
character, as pypinyin knows it (toned, toneless or tone-numbered, ASCII or full-width
parentheses, with the single space some spinners add: ``黨(dang) 委``). Genuine parentheses such
as ``工業(產業)園區``, ``央(國)企`` or ``(GDP)`` do not match a reading and survive.

Excerpts cut off mid-gloss end in ``強(qi``: an unclosed parenthesis at the very end of the text
whose letters begin a reading of the character before it is removed too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Tuple

from .chain import StepContext, StepOutput
from .offsets import OffsetMap
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
GLOSS = re.compile(
    rf"[(（](?<={_HAN}[(（])(?P<syl>[{PINYIN_LETTERS}]{{1,7}}[1-5]?)[)）](?P<sp> (?![(（]))?"
)
# The same, cut off by the end of the excerpt: ``強(qi``.
TRUNCATED = re.compile(rf"(?P<char>{_HAN})(?P<gloss>[(（](?P<syl>[{PINYIN_LETTERS}]{{1,6}}))\s*\Z")
_QUICK = re.compile(rf"[(（][{PINYIN_LETTERS}]")
_TAIL = 1 + 1 + 6  # TRUNCATED before its trailing whitespace: character, parenthesis, letters


@lru_cache(maxsize=65536)
def _toneless(char: str) -> frozenset:
    forms = {syl for syl, _tone in readings(char)}
    return frozenset(forms | {r.replace("v", "u") for r in forms})


@lru_cache(maxsize=65536)
def is_gloss_of(char: str, syllable: str) -> bool:
    """Toneless comparison: spinners' tones are not always pypinyin's."""
    return fold_syllable(syllable) in _toneless(char)


def is_truncated_gloss_of(char: str, letters: str) -> bool:
    prefix = fold_syllable(letters)
    return any(r.startswith(prefix) for r in _toneless(char))


def pinyin_step(text: str, ctx: StepContext) -> Optional[StepOutput]:
    """Delete ``(pinyin)`` glosses that are readings of the character before them.

    One ``re.sub`` with a callback that only does cached lookups; the step's map is built from the
    deleted spans with numpy (:meth:`OffsetMap.from_deletions`): a dirty article has a gloss
    every dozen characters, and Edit objects plus :func:`apply_edits` cost more than the search.
    """
    if not _QUICK.search(text):
        return None
    spans: List[Tuple[int, int]] = []
    kept: List[int] = []
    append = spans.append
    gloss_of = is_gloss_of

    def repl(m: re.Match[str]) -> str:
        start = m.start()
        if gloss_of(text[start - 1], m.group(1)):
            append((start, m.end()))
            return ""
        kept.append(start)
        return m.group()

    out = GLOSS.sub(repl, text)
    ctx.count("kept_parentheses", len(kept))
    ctx.count("glosses_removed", len(spans))
    # A cut-off gloss ends the text (but for whitespace), so it starts within the last
    # _TAIL non-space characters: searching only there avoids trying every Han character.
    tail = TRUNCATED.search(text, max(0, len(text.rstrip()) - _TAIL))
    if tail and is_truncated_gloss_of(tail.group("char"), tail.group("syl")):
        start = tail.start("gloss")
        if not spans or spans[-1][1] <= start:
            spans.append((start, len(text)))
            out = out[: len(out) - (len(text) - start)]
            ctx.count("truncated_gloss_removed")
    if not spans:
        return None
    return StepOutput(out, OffsetMap.from_deletions(len(text), spans))
