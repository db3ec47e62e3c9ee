"""Characters lost to a broken re-encoding, restored from their pinyin when certain, else marked.

When a spinner's GBK page is decoded out of step, a character and often the ``(`` of its gloss
become ``?``; the gloss itself survives: ``主?(dòng)作為``, ``勇?lián)姑?``, ``存量?jī)?yōu)勢``. A
character whose second byte is printable ASCII turns into that letter: ``現`` → ``F(xiàn)``,
``營`` → ``I(yíng)``, after a ``?`` that swallowed the byte before (``條?,F(xiàn)擁有``).

Each such *slot* has the syllable of the lost character. The step tries every common character
with that reading (tone respected) between the neighbours and keeps it when a listed word
covers it and no other candidate does as well (``主动作为``: only ``动`` makes ``主动``/``动作``).
Otherwise the slot becomes one visible replacement mark ``�`` (U+FFFD), counted: never a
silent guess. Neighbouring unresolved slots share one mark.

A spurious comma between the ``?`` and the gloss (``?,(chǎn)``) is part of the slot: the ``punct``
step would otherwise collapse ``?,`` to ``?`` and leave a slot that a second pass restores.

Real question marks (``如何?”``) do not match: a slot needs a pinyin syllable after the ``?``,
or a ``、`` after it (a question mark never precedes an enumeration comma). Two question marks
around a space (``11:51:30? ?來源``) are a lost pair of spaces and become one space.
"""

from __future__ import annotations

import re
from typing import FrozenSet, List, Optional, Tuple

from .chain import StepContext
from .offsets import Edit
from .pinyin import PINYIN_LETTERS
from .words import chars_for, fold_syllable, valid_syllables, word_set

MARK = "\ufffd"
#: Longest word tried through a slot (``longest_word_through``'s default span).
_SPAN = 4
_SYL = rf"[{PINYIN_LETTERS}]{{1,6}}[1-5]?"
# Alternatives, tried in order at each position; adjacent matches form one cluster.
# A slot starts at a "?"; letter slots (F(xiàn)) only continue a cluster.
AT_QUESTION = re.compile(
    rf"\?[,，]*[(（](?P<s1>{_SYL})[)）]"                         # ?(dòng), ?,(chǎn)
    rf"|\?(?P<s2>{_SYL})[)）]"                                   # ?lián)  ( eaten
    rf"|(?P<lead>\?[,，]?)(?=[A-Za-z][(（]{_SYL}[)）])"          # the ? or ?, before a letter slot
    rf"|(?P<bare>\?)(?=[,，]*、)"                                # ?、 (also before a spurious comma)
)
LETTER = re.compile(rf"[A-Za-z][(（](?P<s3>{_SYL})[)）]")          # F(xiàn)
_QUICK = re.compile(r"\?")
_LOST_SPACES = re.compile(r"\?[ \u00a0\u3000]\?")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _slots(text: str) -> List[Tuple[int, int, Optional[str]]]:
    """(start, end, syllable or None) of each slot; syllables are checked against pypinyin."""
    out: List[Tuple[int, int, Optional[str]]] = []
    syllables = valid_syllables()
    pos = text.find("?")
    while pos >= 0:
        m = AT_QUESTION.match(text, pos)
        if m is None:
            pos = text.find("?", pos + 1)
            continue
        syl = m.group("s1") or m.group("s2")
        if syl is not None and fold_syllable(syl) not in syllables:
            pos = text.find("?", pos + 1)
            continue
        chain = [(m.start(), m.end(), syl)]
        end = m.end()
        while True:  # letters standing for characters, right after a slot
            n = LETTER.match(text, end)
            if n is None or fold_syllable(n.group("s3")) not in syllables:
                break
            chain.append((n.start(), n.end(), n.group("s3")))
            end = n.end()
        if m.group("lead") is None or len(chain) > 1:
            out.extend(chain)
        pos = text.find("?", end)
    return out


def _clusters(slots: List[Tuple[int, int, Optional[str]]]) -> List[List[Tuple[int, int, Optional[str]]]]:
    clusters: List[List[Tuple[int, int, Optional[str]]]] = []
    for slot in slots:
        if clusters and clusters[-1][-1][1] == slot[0]:
            clusters[-1].append(slot)
        else:
            clusters.append([slot])
    return clusters


def restore(left: str, right: str, syllable: str, words: Optional[FrozenSet[str]] = None) -> Optional[str]:
    """The one character read ``syllable`` that a listed word supports between ``left`` and
    ``right`` (either may be empty: unknown), or ``None`` when no single candidate is best."""
    if words is None:
        words = word_set()
    # What longest_word_through(left + cand + right, len(left), cand, words) scores, for every
    # candidate: the windows of 2 to _SPAN characters through the slot, as (before, after) pairs
    # longest first, are cut once; a candidate's score is the first window that makes a word.
    pos = len(left)
    n = pos + 1 + len(right)
    windows = sorted(
        ((end - start, left[start:], right[:end - pos - 1])
         for start in range(max(0, pos - _SPAN + 1), pos + 1)
         for end in range(pos + 1, min(n, start + _SPAN) + 1) if end - start >= 2),
        key=lambda w: -w[0])
    scores = {}
    for cand in chars_for(syllable):
        for length, before, after in windows:
            if before + cand + after in words:
                scores[cand] = length
                break
    if not scores:
        return None
    best = max(scores.values())
    winners = [c for c, s in scores.items() if s == best]
    return winners[0] if len(winners) == 1 else None


def _resolve(text: str, cluster: List[Tuple[int, int, Optional[str]]], words: FrozenSet[str]) -> Tuple[str, int, int]:
    """Replacement text for a cluster, and how many slots were restored / marked."""
    start, end = cluster[0][0], cluster[-1][1]
    chars: List[Optional[str]] = [None] * len(cluster)
    changed = True
    while changed:  # resolve slots whose neighbours become known
        changed = False
        for i, (_s, _e, syl) in enumerate(cluster):
            if chars[i] is not None or syl is None:
                continue
            if i == 0:
                left = _han_tail(text[:start])
            else:
                left = chars[i - 1] or ""
                if left and i >= 2 and chars[i - 2]:
                    left = chars[i - 2] + left
            if i == len(cluster) - 1:
                right = _han_head(text[end:])
            else:
                right = chars[i + 1] or ""
            if not left and not right:
                continue
            got = restore(left, right, syl, words)
            if got is not None:
                chars[i] = got
                changed = True
    out: List[str] = []
    restored = marked = 0
    for ch in chars:
        if ch is not None:
            out.append(ch)
            restored += 1
        elif not out or out[-1] != MARK:
            out.append(MARK)
            marked += 1
    return "".join(out), restored, marked


def _han_tail(text: str, n: int = 3) -> str:
    tail = text[-n:]
    i = len(tail)
    while i > 0 and _HAN.match(tail[i - 1]):
        i -= 1
    return tail[i:]


def _han_head(text: str, n: int = 3) -> str:
    head = text[:n]
    i = 0
    while i < len(head) and _HAN.match(head[i]):
        i += 1
    return head[:i]


def lost_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Restore or mark characters lost as ``?`` next to their pinyin."""
    if not _QUICK.search(text):
        return None
    edits: List[Edit] = []
    for m in _LOST_SPACES.finditer(text):
        edits.append(Edit(m.start(), m.end(), " "))
        ctx.count("lost_spaces")
    slots = [s for s in _slots(text) if not any(e.start < s[1] and s[0] < e.end for e in edits)]
    for cluster in _clusters(slots):
        replacement, restored, marked = _resolve(text, cluster, word_set(ctx.tables))
        edits.append(Edit(cluster[0][0], cluster[-1][1], replacement))
        ctx.count("restored", restored)
        ctx.count("marked", marked)
    edits.sort()
    return edits
