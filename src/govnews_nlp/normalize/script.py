"""Traditional → Simplified conversion with OpenCC, phrase-level, keeping offsets exact; and the
two conversions OpenCC leaves wrong for mainland text (``著`` → ``着``, ``瞭`` → ``了``).

OpenCC's ``t2s`` converts by phrases, so its output can in principle differ in length from its
input. It almost never does; when a line's length is unchanged the alignment is positional and
costs nothing. Otherwise the line is aligned with :mod:`difflib` and only the differing runs
become edits.

Fast path: the characters ``t2s`` can change are computed once (every CJK character converted on
its own); text without any of them is not handed to OpenCC at all.

Both the official binding (package ``opencc``, C++) and ``opencc-python-reimplemented`` install a
module named ``opencc`` with ``OpenCC(config).convert``; config names differ only by the
``.json`` suffix, which we try both ways.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import List, Optional, Pattern, Union

import numpy as np

from .aspect import is_aspect_particle
from .chain import StepContext
from .offsets import Edit
from .words import longest_word_through, word_set


@lru_cache(maxsize=4)
def opencc_converter(config: str = "t2s"):
    """A cached OpenCC converter; raises ImportError with an install hint if OpenCC is missing."""
    try:
        import opencc
    except ImportError as err:  # pragma: no cover - dependency is required
        raise ImportError("OpenCC is required: pip install opencc") from err
    last_error: Optional[Exception] = None
    for name in (config, f"{config}.json"):
        try:
            return opencc.OpenCC(name)
        except Exception as err:  # the two bindings reject the other's config naming differently
            last_error = err
    raise RuntimeError(f"OpenCC could not load config {config!r}: {last_error}")


def convert_t2s(text: str) -> str:
    return opencc_converter("t2s").convert(text)


@lru_cache(maxsize=1)
def traditional_chars() -> Pattern[str]:
    """A character class of everything ``t2s`` changes when it stands alone (computed once)."""
    chars = [chr(cp) for cp in range(0x3400, 0xA000)] + [chr(cp) for cp in range(0xF900, 0xFB00)]
    converted = convert_t2s("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - a converter that merges lines
        return re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
    changed = "".join(c for c, s in zip(chars, converted) if c != s)
    return re.compile(f"[{re.escape(changed)}\U00020000-\U0002ffff]")


#: Code points the table of :func:`_traditional_table` covers; anything above counts as index
#: ``_TABLE_END``, which is never Traditional.
_TABLE_END = 0x30000


@lru_cache(maxsize=1)
def _traditional_table():
    """A boolean numpy table over code points: which ones :func:`traditional_chars` matches.

    Counting the converted characters with ``findall`` cost a match object's worth of work per
    Traditional character (a third of the step on dirty text); a table lookup over the UTF-32
    code points is one numpy call for the whole text.
    """
    every = "".join(map(chr, range(_TABLE_END)))
    table = np.zeros(_TABLE_END + 1, dtype=bool)
    table[[m.start() for m in traditional_chars().finditer(every)]] = True
    return table


def count_traditional(text: str) -> int:
    """``len(traditional_chars().findall(text))``, with one table lookup over the code points."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return int(np.count_nonzero(_traditional_table()[np.minimum(cps, _TABLE_END)]))


def script_step(text: str, ctx: StepContext) -> Union[List[Edit], str, None]:
    """Traditional and mixed text to Simplified (OpenCC ``t2s``)."""
    trad = traditional_chars()
    if not trad.search(text):
        return None
    converted = convert_t2s(text)
    if converted == text:
        return None
    if len(converted) == len(text):  # the usual case: every position stays where it was
        ctx.count("converted", count_traditional(text))
        return converted
    # Realign line by line so a length change stays local.
    edits: List[Edit] = []
    src_pos = 0
    for line in text.splitlines(keepends=True):
        conv = convert_t2s(line)
        if conv != line:
            if len(conv) == len(line):
                _diff_same_length(line, conv, src_pos, edits)
            else:
                matcher = difflib.SequenceMatcher(None, line, conv, autojunk=False)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                    if tag != "equal":
                        edits.append(Edit(src_pos + i1, src_pos + i2, conv[j1:j2]))
        src_pos += len(line)
    ctx.count("converted", sum(max(e.end - e.start, len(e.text)) for e in edits))
    return edits


def _diff_same_length(src: str, conv: str, offset: int, edits: List[Edit]) -> None:
    """Edits for the differing runs of two equally long strings."""
    i = 0
    n = len(src)
    while i < n:
        if src[i] == conv[i]:
            i += 1
            continue
        j = i + 1
        while j < n and src[j] != conv[j]:
            j += 1
        edits.append(Edit(offset + i, offset + j, conv[i:j]))
        i = j


# Characters t2s leaves as they are although mainland usage differs in most words: the
# Traditional ``著`` covers Simplified ``着`` (着力, 随着) and ``著`` (著名, 显著); s2t spinners
# write ``瞭`` for the particle ``了`` (参与瞭直播), while Simplified keeps ``瞭`` only in 瞭望.
_FIXABLE = re.compile("[著瞭]")
_TARGET = {"著": "着", "瞭": "了"}


def script_words_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """``著`` → ``着`` and ``瞭`` → ``了`` where the word list makes it certain.

    A character changes when a listed word covers it in the new form and none covers it in the
    old one (``着力``, ``怀着``; but ``显著``, ``著名`` stay). A ``著`` no listed word covers
    either way is the particle ``着`` when the word before it says so (:mod:`.aspect`: a verb,
    ``标志著我县`` → ``标志着``). ``瞭`` outside a listed ``瞭`` word is always the spinner's
    ``了``: Simplified has no other use for it.
    """
    if not _FIXABLE.search(text):
        return None
    words = word_set(ctx.tables)
    edits: List[Edit] = []
    chars: Optional[List[str]] = None  # the text as decided so far, for the word before a 著
    for m in _FIXABLE.finditer(text):
        pos, old = m.start(), m.group()
        new = _TARGET[old]
        if longest_word_through(text, pos, old, words):
            continue
        if old == "瞭" or longest_word_through(text, pos, new, words):
            key = f"{old}_to_{new}"
        else:
            if chars is None:
                chars = list(text)
            if not is_aspect_particle(chars, pos):
                continue
            key = "著_to_着_after_verb"
        edits.append(Edit(pos, pos + 1, new))
        ctx.count(key)
        if chars is not None:
            chars[pos] = new
    return edits
