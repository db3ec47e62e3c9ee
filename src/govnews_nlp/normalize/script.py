"""Traditional → Simplified conversion with OpenCC, phrase-level, keeping offsets exact.

OpenCC's ``t2s`` converts by phrases, so its output can in principle differ in length from its
input. It almost never does; when a line's length is unchanged the alignment is positional and
costs nothing. Otherwise the line is aligned with :mod:`difflib` and only the differing runs
become edits.

Both the official binding (package ``opencc``, C++) and ``opencc-python-reimplemented`` install a
module named ``opencc`` with ``OpenCC(config).convert``; config names differ only by the
``.json`` suffix, which we try both ways.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import List, Optional

from .chain import StepContext
from .offsets import Edit

# Characters that OpenCC t2s may change live in these blocks; text without any is skipped.
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


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


def script_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Traditional and mixed text to Simplified (OpenCC ``t2s``)."""
    if not _CJK.search(text):
        return None
    converted = convert_t2s(text)
    if converted == text:
        return None
    edits: List[Edit] = []
    if len(converted) == len(text):
        _diff_same_length(text, converted, 0, edits)
    else:
        # Realign line by line so a length change stays local.
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
