"""The headline: the title line(s) at the top of an article, as a span of the clean text.

Scraped excerpts start with a title of one to three short lines (``我市召开驻临央企省企座谈会`` /
``岳普煜出席并讲话``), or straight with the story (``5月23日，工人在…``) or a dateline
(``宁阳房产网讯：``). A title line is short (at most 40 characters), holds Chinese, does not end
a sentence with ``。``, and is not a date, dateline, source, author or caption line. A blank line
or the first line that is not a title ends the headline.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

MAX_LINES = 3
MAX_CHARS = 40
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_TITLE = re.compile(
    r"^[（(\[【▲•]"                                  # captions, brackets
    r"|^\d{4}[-年./]|^\d{1,2}月\d{1,2}日"              # dates
    r"|(?:讯|电)[：:\s（(]*$|(?:讯|电)[ （(]"           # datelines
    r"|来源[：:]|作者[：:]|发布时间|责任编辑|记者[：:\s]|编辑[：:]"
    r"|。\s*$"
)


def find_headline(text: str) -> Optional[Tuple[int, int]]:
    """(start, end) of the title lines at the top of ``text``, or ``None``."""
    pos = 0
    n = len(text)
    while pos < n and text[pos] in " \t\u3000\n":
        pos += 1
    start = end = None
    lines = 0
    while pos < n and lines < MAX_LINES:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = text[pos:line_end]
        stripped = line.strip(" \t\u3000")
        if not stripped or len(stripped) > MAX_CHARS or not _HAN.search(stripped) or _NOT_TITLE.search(stripped):
            break
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        if start is None:
            start = pos + lead
        end = pos + lead + len(stripped)
        lines += 1
        if nl < 0:
            break
        pos = nl + 1
    if start is None or end is None:
        return None
    return start, end
