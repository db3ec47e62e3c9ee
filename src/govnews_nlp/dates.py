"""The date of the reported event: as written (``7月15日``) and, where the text allows, as ISO.

Chinese local news opens with the event date, usually without a year (``7月15日,市委书记…``),
after a dateline (``福州新闻网8月23日讯``, ``中新网北京3月2日电``) that gives the publication day,
not the event's. So the event date is the first ``M月D日`` that is not a dateline, preferring one
that starts a clause (followed by ``,`` or a time of day such as ``上午``).

A year is only added when the text states it: either with the date itself (``2008年9月10日``) or
through a publication stamp (``2021-08-23 11:51``, ``发布时间:2024年09月03日``) that falls on or at
most :data:`MAX_LAG_DAYS` after the event day (crossing a New Year if needed). A stamp that cannot
be the publication of this event (a forum's ``2019-3-25`` above a ``4月12日`` story) gives no year:
a missing year is better than a wrong one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, List, Optional, Tuple

#: How long after the event a stamp may be and still be read as its publication date.
MAX_LAG_DAYS = 45
#: The date is looked for in the opening of the article (headers, dateline, lead paragraph) only:
#: a date further down is a past or future event, and a 10 MB text must not cost a full scan.
LEAD_CHARS = 3000

_NUM = r"(?:[0-9０-９]{1,2})"
_MD = re.compile(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号]"
    r"(?=(?P<after>.{0,2}))",
    re.S,
)
_STAMP = re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?:-|/|\.|\s*年\s*)(?P<m>[0-9]{1,2})(?:-|/|\.|\s*月\s*)"
                    r"(?P<d>[0-9]{1,2})(?![0-9])")
_DATELINE = ("讯", "訊", "电", "電")
_CLAUSE = re.compile(r"^(?:[,，、]|上午|下午|晚|早|凌晨|中午|夜|至|—|-|到|起)")


def _int(s: str) -> int:
    return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def _valid(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _candidates(text: str) -> List[Tuple[re.Match, int]]:
    """Every ``M月D日`` with a rank: 0 clause-initial, 1 other, 2 dateline."""
    out = []
    for m in _MD.finditer(text):
        if not (1 <= _int(m["m"]) <= 12 and 1 <= _int(m["d"]) <= 31):
            continue
        after = m["after"]
        if after[:1] in _DATELINE:
            rank = 2
        elif _CLAUSE.match(after):
            rank = 0
        else:
            rank = 1
        out.append((m, rank))
    return out


def _stamps(text: str) -> List[date]:
    found = []
    for m in _STAMP.finditer(text):
        d = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is not None:
            found.append(d)
    return found


def _year_from_stamps(month: int, day: int, stamps: List[date]) -> Optional[int]:
    for stamp in stamps:
        for year in (stamp.year, stamp.year - 1):
            event = _valid(year, month, day)
            if event is not None and 0 <= (stamp - event).days <= MAX_LAG_DAYS:
                return year
    return None


def find_date(text: str) -> Optional[Dict[str, Any]]:
    """The event date of an article: ``{"text", "year", "month", "day", "iso"}`` or ``None``.

    ``text`` is the date exactly as written; ``iso`` is ``YYYY-MM-DD`` when the year is known and
    ``--MM-DD`` (ISO 8601 without year) when it is not.
    """
    text = text[:LEAD_CHARS]
    cands = _candidates(text)
    if not cands:
        return None
    match, _ = min(cands, key=lambda c: c[1])  # min is stable: the first of the best rank
    month, day = _int(match["m"]), _int(match["d"])
    year: Optional[int] = int(match["y"]) if match["y"] else None
    if year is None:
        year = _year_from_stamps(month, day, _stamps(text))
    if year is not None and _valid(year, month, day) is None:
        year = None
    written = text[match.start():match.start("after")]
    iso = f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"
    return {"text": written, "year": year, "month": month, "day": day, "iso": iso}
