"""Find the people of an article in its clean text: titles, names, mentions. No spaCy here.

The scan is character-based, so its results do not depend on the word segmenter. It runs
left to right over the hits of one regex of posts and collective labels:

1. **A title element** ends in a post (``书记``) and is read backwards from it over Chinese
   characters until punctuation, a stop word (会见, 由, 在 …), a caption position word (左二) or the
   end of the previous person's name: the ambiguity rule of ``、`` (a chain starts after the
   previous person's name) is this floor.
2. Elements joined by ``、`` (or a comma) form **a chain**; a name right after the last element
   (see :mod:`.officials_names`) makes a mention with that chain. Further names listed after it
   (``市政协副主席高迁、苏虹``) share the chain.
3. **A title after a name** (``曲伟副市长``, ``习近平总书记``): the element's prefix is itself a name.
4. **A collective label** (``市领导``) is followed by a list of names with no titles.
5. **Bare mentions**: every later occurrence of a found name (headline included), except inside
   an ideology name (``习近平新时代中国特色社会主义思想``).
6. **Journalists** come from the normalizer's credits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ..titles import TitleInfo, TitleParser
from .officials_names import NameModel, is_cjk
from .officials_regex import trie_pattern

#: Separators inside a chain and inside a list of names: 、 possibly doubled with a comma.
_SP = r"[ \t\u3000]*"
SEP_RE = re.compile(f"{_SP}(?:[,，]{_SP})?、{_SP}|{_SP}[,，]{_SP}(?:、{_SP})?")
#: Between the names of a list only 、 (a comma ends the list: 市领导X、Y,区领导Z).
LIST_SEP_RE = re.compile(f"{_SP}(?:[,，]{_SP})?、{_SP}")
#: What is left of a date before a title (``5月7日下午,``).
DATE_TAIL_RE = re.compile(r"[日月年号时]?(?:上午|下午|晚上|中午|凌晨|晚|早)?")
#: Credit roles that are not a title (``王正摄``, a bare byline ``(郭赟)``).
UNTITLED_ROLES = frozenset({"", "摄", "byline", "署名", "供图", "图"})


@dataclass
class TitleHit:
    start: int
    end: int
    text: str
    info: TitleInfo


@dataclass
class Mention:
    start: int
    end: int
    name: str
    how: str  # pre | list | label | post | bare | credit
    titles: List[TitleHit] = field(default_factory=list)
    roles: List[str] = field(default_factory=list)


@dataclass
class Person:
    id: str
    name: str
    kind: str
    titles: List[str]
    mentions: List[Mention]


@dataclass
class ScanResult:
    people: List[Person]
    titles: List[TitleHit]

    def mentions(self) -> List[Tuple[Mention, Person]]:
        return sorted(((m, p) for p in self.people for m in p.mentions), key=lambda mp: mp[0].start)


class Scanner:
    """Holds the compiled rules; ``scan(text, credits)`` is a pure function of its arguments."""

    def __init__(self, *, parser: TitleParser, names: NameModel, labels: Sequence[str], stops: str,
                 keeps: Sequence[str], excludes: Sequence[str], max_title_chars: int = 24) -> None:
        self.parser = parser
        self.names = names
        self.max_title_chars = max_title_chars
        posts = list(parser.posts)
        # a post right before 会 is part of an org (人大常委会, 委员会)
        self._hits_re = re.compile(
            "(?P<label>" + trie_pattern(labels) + ")|(?P<post>" + trie_pattern(posts) + ")(?!会)")
        self._post_re = re.compile("(?:" + trie_pattern(posts) + ")(?!会)")
        keep_src = trie_pattern(keeps) if keeps else r"(?!x)x"
        self._stop_re = re.compile("(?P<keep>" + keep_src + ")|(?P<stop>" + stops + ")")
        self._exclude_re = re.compile(trie_pattern(excludes))
        self._org_re = parser._org_re
        self._level_re = parser._level_re

    # -- the scan -------------------------------------------------------------------------------
    def scan(self, text: str, credits: Sequence[dict] = ()) -> ScanResult:
        credit_ranges = [(int(c["start"]), int(c["end"])) for c in credits]
        counts: Dict[str, int] = {}
        mentions: List[Mention] = []
        deferred: List[Tuple[int, int, int, int]] = []  # post-name readings waiting for the known names
        known: Set[str] = set()
        floor = 0
        pending: List[TitleHit] = []
        pending_next = -1
        hits = list(self._hits_re.finditer(text))
        for hit in hits:
            s, e = hit.start(), hit.end()
            if s < floor or _inside(s, credit_ranges):
                continue
            if hit.lastgroup == "label":
                pending = []
                floor = self._read_list(text, e, [], "label", mentions, known, counts, floor)
                continue
            start = self._element_start(text, s, floor)
            core, _ = self._name_before_post(text, start, s)
            if core is not None and (len(core) >= 3 or core in known):
                self._post_name(text, start, start + len(core), e, mentions, known)
                floor = e
                pending = []
                continue
            if core is not None:
                deferred.append((start, start + len(core), e, s))
            elem = TitleHit(start, e, text[start:e], self.parser.parse(text[start:e]))
            if not pending or pending_next != start:
                pending = []
            chain = [*pending, elem]
            name_end = self.names.resolve(text, e, known, counts=counts)
            if name_end is not None and not self._post_re.match(text, e) and not _inside(e, credit_ranges):
                name = text[e:name_end]
                mentions.append(Mention(e, name_end, name, "pre", list(chain)))
                known.add(name)
                pending = []
                floor = self._read_list(text, name_end, chain, "list", mentions, known, counts, name_end)
                continue
            sep = SEP_RE.match(text, e)
            if sep:
                pending, pending_next = chain, sep.end()
            else:
                pending = []
        taken = [(m.start, m.end) for m in mentions]
        for start, name_end, e, _s in deferred:
            name = text[start:name_end]
            if name in known and not _overlaps(start, e, taken):
                self._post_name(text, start, name_end, e, mentions, known)
                taken.append((start, e))
        self._bare_mentions(text, mentions, known, credit_ranges)
        people = self._people(mentions, credits)
        titles: Dict[Tuple[int, int], TitleHit] = {}
        for p in people:
            for m in p.mentions:
                for t in m.titles:
                    titles.setdefault((t.start, t.end), t)
        return ScanResult(people, sorted(titles.values(), key=lambda t: t.start))

    # -- pieces ---------------------------------------------------------------------------------
    def _element_start(self, text: str, s: int, floor: int) -> int:
        """Where the title ending in the post at ``s`` begins (reading backwards)."""
        lim = max(floor, s - self.max_title_chars)
        j = s
        while j > lim and is_cjk(text[j - 1]):
            j -= 1
        cut = 0
        for m in self._stop_re.finditer(text, j, s):
            if m.lastgroup == "stop":
                cut = m.end() - j
        j += cut
        if j > 0 and j < s and text[j - 1].isdigit():
            j += DATE_TAIL_RE.match(text, j, s).end() - j
        return j

    def _name_before_post(self, text: str, start: int, s: int) -> Tuple[Optional[str], int]:
        """If the title's prefix is a name (``曲伟副``市长), that name; else None."""
        prefix = text[start:s]
        if not prefix:
            return None, s
        mods = self.parser._mods_suffix.search(prefix)
        core = prefix[: mods.start()] if mods else prefix
        if not 2 <= len(core) <= 4 or self._org_re.search(core) or self._level_re.search(core):
            return None, s
        if not self.names.is_name_form(core):
            return None, s
        return core, start + len(core)

    def _post_name(self, text: str, start: int, name_end: int, e: int, mentions: List[Mention],
                   known: Set[str]) -> None:
        title_text = text[name_end:e]
        hit = TitleHit(name_end, e, title_text, self.parser.parse(title_text))
        name = text[start:name_end]
        mentions.append(Mention(start, name_end, name, "post", [hit]))
        known.add(name)

    def _read_list(self, text: str, pos: int, chain: List[TitleHit], how: str, mentions: List[Mention],
                   known: Set[str], counts: Dict[str, int], floor: int) -> int:
        """Names listed at ``pos`` (after a label) or after ``、`` (sharing ``chain``); returns the new floor."""
        first = how == "label"
        q = pos
        while True:
            if first:
                r = q
                while r < len(text) and text[r] in " \t\u3000":
                    r += 1
            else:
                sep = LIST_SEP_RE.match(text, q)
                if not sep:
                    return floor
                r = sep.end()
            end = self.names.resolve(text, r, known, direct=True, counts=counts)
            if end is None:
                return floor
            nxt = self._post_re.search(text, r, end + 4)
            if nxt is not None and not _starts_name_after(text, nxt, end):
                return floor  # the next item has a title of its own: 、区长王冲
            name = text[r:end]
            mentions.append(Mention(r, end, name, how, list(chain)))
            known.add(name)
            floor = q = end
            first = False

    def _bare_mentions(self, text: str, mentions: List[Mention], known: Set[str],
                       credit_ranges: List[Tuple[int, int]]) -> None:
        if not known:
            return
        taken = [(m.start, m.end) for m in mentions] + credit_ranges
        for m in mentions:
            taken.extend((t.start, t.end) for t in m.titles)
        found = re.compile(trie_pattern(known))
        for hit in found.finditer(text):
            s, e = hit.start(), hit.end()
            if _overlaps(s, e, taken) or self._exclude_re.match(text, e):
                continue
            mentions.append(Mention(s, e, hit.group(), "bare"))

    def _people(self, mentions: List[Mention], credits: Sequence[dict]) -> List[Person]:
        by_name: Dict[str, List[Mention]] = {}
        for m in mentions:
            by_name.setdefault(m.name, []).append(m)
        journalists: Dict[str, List[Mention]] = {}
        for c in credits:
            name = str(c.get("name") or "").strip()
            if not name or name in by_name:
                continue
            s, e = int(c["name_start"]), int(c["name_end"])
            journalists.setdefault(name, []).append(Mention(s, e, name, "credit", roles=[str(c.get("role") or "")]))
        order = sorted([(min(m.start for m in ms), n, "o") for n, ms in by_name.items()]
                       + [(min(m.start for m in ms), n, "j") for n, ms in journalists.items()])
        people: List[Person] = []
        for i, (_, name, which) in enumerate(order, 1):
            pid = f"P{i}"
            if which == "j":
                ms = sorted(journalists[name], key=lambda m: m.start)
                roles: List[str] = []
                for m in ms:
                    for r in m.roles:
                        if r not in UNTITLED_ROLES and r not in roles:
                            roles.append(r)
                people.append(Person(pid, name, "journalist", roles, ms))
                continue
            ms = sorted(by_name[name], key=lambda m: m.start)
            chain = _chosen_chain(ms)
            kind = "executive" if any(t.info.kind == "executive" for t in chain) else "official"
            people.append(Person(pid, name, kind, [t.text for t in chain], ms))
        return people


def _chosen_chain(ms: List[Mention]) -> List[TitleHit]:
    """Most titles before the name wins (first on ties); a title after the name only if none."""
    before = [m for m in ms if m.how in ("pre", "list")]
    best: List[TitleHit] = []
    for m in before:
        if len(m.titles) > len(best):
            best = m.titles
    if best:
        return best
    for m in ms:
        if m.how == "post":
            return m.titles
    return []


def _inside(pos: int, ranges: List[Tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _overlaps(s: int, e: int, ranges: List[Tuple[int, int]]) -> bool:
    return any(s < re_ and rs < e for rs, re_ in ranges)


def _starts_name_after(text: str, post_hit: re.Match, end: int) -> bool:
    """A post found inside a list item's reach that only starts after the item ends (杨华参加 …)."""
    return post_hit.start() >= end
