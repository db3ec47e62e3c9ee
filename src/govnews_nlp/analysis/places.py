"""Administrative places in titles and sentences: ``福州市委书记`` → ``福州市``.

Researchers compare regions, so each title and each event needs the unit it belongs to. A title
reads place + organisation + post (see :mod:`govnews_nlp.components.officials.titles`); the place is the run of
names that each end in a division word (省, 市, 县, 区 …) at its start. A bare ``市委书记``
names no place: the caller then falls back to the article. No gazetteer is needed, and words
that end like a unit but name none (开发区, 全市) are data in ``patterns/place_generic.jsonl``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Optional

from pydantic import Field

from ..lexicon import Rule, default_patterns_dir, load_rules

#: Division words, longest first (自治州 before 州).
DIVISIONS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗",
             "省", "市", "州", "盟", "县", "旗", "区", "镇", "乡", "街道")
_DIV = "|".join(DIVISIONS)
#: One unit: 2-8 name characters and a division word (a one-character name such as 沙县 is rare and
#: ambiguous with 全县/该县, so it is not read).
_UNIT = rf"[\u4e00-\u9fff]{{1,8}}?[\u4e00-\u9fff](?:{_DIV})"
_UNITS_AT_START = re.compile(rf"^(?:{_UNIT})+")
_ONE_UNIT = re.compile(_UNIT)
#: A unit before an organisation word (``在连江县委召开``), read only where a word starts: after
#: punctuation, the start of the sentence or a preposition, so ``感谢市委`` gives nothing.
_UNIT_IN_TEXT = re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[在赴到从于由向与和同对至]))"
                           rf"[\u4e00-\u9fff]{{2,4}}?(?:{_DIV})(?=委|人民政府|政府|人大|政协|党委|党工委|管委会|纪委)")
#: ``赴福清、连江调研``: the stops of a trip, right before the action (2-3 characters each, or a unit).
_TRIP = re.compile(rf"(?:赴|到|来到|前往|深入|走进)((?:(?:{_UNIT}|[\u4e00-\u9fff]{{2,3}})[、和])*"
                   rf"(?:{_UNIT}|[\u4e00-\u9fff]{{2,3}}))(?=调研|视察|检查|督导|督查|考察|慰问)")


#: Prepositions and verbs glued before a unit in running text (在连江县委 → 连江县).
_LEADING = frozenset("在赴到从于由向与和同对据经至")


#: Characters that never occur in the name part of a unit but do in organisations, posts and the words
#: before a unit in running text (市政府副市长, 图为省委, 共同见证自治区).
_NOT_IN_NAME = frozenset("委府副党政协常务为有对照实见证望是的了和与按据落也既希图共同及等并向在")


#: Party names printed before the place of their committee (the CPC and the eight democratic parties).
_PARTIES = ("中共", "中国共产党", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")


class PlaceWord(Rule):
    """A word that ends like a unit but names no place."""

    text: str = Field(min_length=1)
    source: str = Field(min_length=3)


class ProvinceName(Rule):
    """The short name of a provincial-level division."""

    text: str = Field(min_length=2)


@lru_cache(maxsize=4)
def generic_words(patterns_dir: Optional[str] = None) -> frozenset:
    """The words of ``place_generic.jsonl`` (validated; errors name the file and line)."""
    folder = Path(patterns_dir) if patterns_dir else default_patterns_dir()
    return frozenset(r.text for r in load_rules(folder / "place_generic.jsonl", PlaceWord))


@lru_cache(maxsize=4)
def province_names(patterns_dir: Optional[str] = None) -> frozenset:
    """The names of ``place_provinces.jsonl``."""
    folder = Path(patterns_dir) if patterns_dir else default_patterns_dir()
    return frozenset(r.text for r in load_rules(folder / "place_provinces.jsonl", ProvinceName))


def _units(run: str) -> List[str]:
    return [m.group() for m in _ONE_UNIT.finditer(run)]


def _named(unit: str, generic: frozenset) -> bool:
    """A unit that names a place: not a generic word, no organisation or function character in its
    name, and a provincial name before 省 / 自治区."""
    if unit in generic or unit.startswith(("全", "我", "该", "各", "本")):
        return False
    div = next((d for d in DIVISIONS if unit.endswith(d)), "")
    name = unit[: len(unit) - len(div)]
    if not name or any(c in _NOT_IN_NAME for c in name):
        return False
    if div in ("省", "自治区"):
        return name in province_names()
    return True


@lru_cache(maxsize=65536)  # the same titles recur in every article and every report
def title_place(title: str) -> Optional[str]:
    """The place a title belongs to (``福建省福州市委书记`` → ``福建省福州市``), or None."""
    for party in _PARTIES:  # 中共如东县委 is the party committee of 如东县, 九三学社南通市委 a party's in 南通市
        if title.startswith(party):
            title = title[len(party):]
            break
    m = _UNITS_AT_START.match(title)
    if not m:
        return None
    generic = generic_words()
    units = _units(m.group())
    # 市长, 区长, 县长 are posts: 镇沅县人民政府县长 is 镇沅县, not …县
    if title[m.end(): m.end() + 1] == "长" and units:
        units = units[:-1]
    named: List[str] = []
    for u in units:
        if not _named(u, generic):
            break
        named.append(u)
    return "".join(named) or None


def base_name(place: str) -> str:
    """The last unit without its division word, for comparing places (``福建省福州市`` → ``福州``)."""
    units = _units(place) or [place]
    last = units[-1]
    for div in DIVISIONS:
        if last.endswith(div) and len(last) > len(div) + 1:
            return last[: -len(div)]
    return last


def places_in(sentence: str) -> List[str]:
    """Places a sentence names: the stops of a trip (``赴福清、连江调研``), then units before an org."""
    found: List[str] = []
    generic = generic_words()
    for m in _TRIP.finditer(sentence):
        for part in re.split("[、和]", m.group(1)):
            if _named(part, generic) and part not in found:
                found.append(part)
    for m in _UNIT_IN_TEXT.finditer(sentence):
        unit = m.group()
        while len(unit) > 3 and unit[0] in _LEADING:
            unit = unit[1:]
        if _named(unit, generic) and unit not in found:
            found.append(unit)
    return found


def first_place(titles: Iterable[str]) -> Optional[str]:
    """The first place among a person's titles."""
    for t in titles:
        p = title_place(t)
        if p:
            return p
    return None
