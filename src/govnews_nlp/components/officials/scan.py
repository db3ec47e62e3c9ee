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
from operator import attrgetter
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ...word_regex import trie_pattern
from .names import NameModel
from .titles import TitleInfo, TitleParser

#: Separators inside a chain and inside a list of names: 、 possibly doubled with a comma.
_SP = r"[ \t\u3000]*"
SEP_RE = re.compile(f"{_SP}(?:[,，]{_SP})?、{_SP}|{_SP}[,，]{_SP}(?:、{_SP})?")
#: Between the names of a list only 、 (a comma ends the list: 市领导X、Y,区领导Z).
LIST_SEP_RE = re.compile(f"{_SP}(?:[,，]{_SP})?、{_SP}")
#: Everything up to the last non-Chinese character of a range: a greedy match that backtracks from
#: the range's end, so finding where the Chinese run before a post starts costs the run's length
#: (a ``[CJK]+$`` search would retry from every position of the range).
_LAST_NON_CJK_RE = re.compile("[\\s\\S]*[^\u3400-\u4dbf\u4e00-\u9fff]")
_START = attrgetter("start")
_SEP_START = frozenset(" \t\u3000,，、")
#: What is left of a date before a title (``5月7日下午,``).
DATE_TAIL_RE = re.compile(r"[日月年号时]?(?:上午|下午|晚上|中午|凌晨|晚|早)?")
#: Credit roles that are not a title (``王正摄``, a bare byline ``(郭赟)``).
UNTITLED_ROLES = frozenset({"", "摄", "byline", "署名", "供图", "图"})


class TitleHit:
    """A title element ``text[start:end]``; ``info`` is parsed once it is known to belong to a person."""

    # plain slotted classes rather than dataclasses: one is made per hit, and the compiled build
    # types their fields (officials_scan.pxd)
    __slots__ = ("end", "info", "start", "text")

    def __init__(self, start: int, end: int, text: str, info: Optional[TitleInfo] = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.info = info

    def __repr__(self) -> str:
        return f"TitleHit({self.start}, {self.end}, {self.text!r})"


class Mention:
    """A name ``text[start:end]``; ``how``: pre | list | label | post | bare | credit."""

    __slots__ = ("after", "end", "how", "kind", "name", "roles", "start", "titles")

    def __init__(self, start: int, end: int, name: str, how: str, titles: Optional[List[TitleHit]] = None,
                 roles: Optional[List[str]] = None, kind: Optional[str] = None) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.how = how
        self.titles = [] if titles is None else titles
        self.roles = [] if roles is None else roles
        #: the kind a collective label gives (公司领导 → executive), None for a town's label
        self.kind = kind
        #: the person listed right before this one with ``、`` (a unit's party post inherits the unit)
        self.after: Optional[Mention] = None

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.name!r}, {self.how!r}, {self.titles!r})"


class Person:
    """One person: every mention of the name, and the chosen chain (``titles``) and ``kind``."""

    __slots__ = ("id", "kind", "mentions", "name", "titles")

    def __init__(self, id: str, name: str, kind: str, titles: List[str], mentions: List[Mention]) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.titles = titles
        self.mentions = mentions

    def __repr__(self) -> str:
        return f"Person({self.id!r}, {self.name!r}, {self.kind!r}, {self.titles!r})"


class ScanResult:
    """The people (in order of first mention) and their titles (in text order)."""

    __slots__ = ("people", "titles")

    def __init__(self, people: List[Person], titles: List[TitleHit]) -> None:
        self.people = people
        self.titles = titles

    def mentions(self) -> List[Tuple[Mention, Person]]:
        return sorted(((m, p) for p in self.people for m in p.mentions), key=lambda mp: mp[0].start)


class Scanner:
    """Holds the compiled rules; ``scan(text, credits)`` is a pure function of its arguments."""

    def __init__(self, *, parser: TitleParser, names: NameModel, labels: Sequence[str], stops: Sequence[str],
                 keeps: Sequence[str], excludes: Sequence[str], stop_patterns: Sequence[str] = (),
                 max_title_chars: int = 24) -> None:
        self.parser = parser
        self.names = names
        self.max_title_chars = max_title_chars
        posts = list(parser.posts)
        # a company's collective label (集团公司领导, 公司领导): the names after it are executives
        self._company_labels = frozenset(o + "领导" for o, rule in parser.orgs.items() if rule.kind == "company")
        labels = [*labels, *self._company_labels]
        self._labels = frozenset(labels)
        # a role label (负责人, 包靠领导) is never printed after a name
        self._post_name_posts = frozenset(p.text for p in parser.posts.values() if p.kind != "role")
        starts = set(names.single) | {c[0] for c in names.compound}
        self._surname_re = re.compile("[" + "".join(sorted(re.escape(c) for c in starts)) + "]")
        # one trie for both (two alternatives would defeat the regex engine's first-character
        # check and scan ten times slower); a post right before 会 is part of an org (常委会)
        self._hits_re = re.compile(trie_pattern([*posts, *labels]))
        self._post_re = re.compile("(?:" + trie_pattern(posts) + ")(?!会)")
        self._post_first = frozenset(p[0] for p in posts)  # no post at a position whose character starts none
        # stop and keep words in one trie (the longest wins: 和平 is kept, 和 stops), classified
        # by lookup; stop patterns (caption positions) are a second, rarely needed regex
        self._keeps = frozenset(keeps)
        self._stopword_re = re.compile(trie_pattern([*stops, *keeps]))
        self._stop_pattern_re = re.compile("|".join(stop_patterns)) if stop_patterns else None
        self._exclude_re = re.compile(trie_pattern(excludes))
        self._org_re = parser._org_re
        self._level_re = parser._level_re

    # -- the scan -------------------------------------------------------------------------------
    def scan(self, text: str, credits: Sequence[dict] = ()) -> ScanResult:
        credit_ranges = [(int(c["start"]), int(c["end"])) for c in credits] if credits else []
        counts: Dict[str, int] = {}
        mentions: List[Mention] = []
        deferred: List[Tuple[int, int, int]] = []  # post-name readings waiting for the known names
        known: Set[str] = set()
        floor = 0
        pending: List[TitleHit] = []
        pending_next = -1
        last_pre: Optional[Mention] = None
        single, compound = self.names.single, self.names.compound
        labels, post_name_posts, post_first = self._labels, self._post_name_posts, self._post_first
        for hit in self._hits_re.finditer(text):
            s, e = hit.span()
            if s < floor or (credit_ranges and _inside(s, credit_ranges)):
                continue
            word = text[s:e]
            if word in labels:
                pending = []
                kind = "executive" if word in self._company_labels else None
                floor = self._read_list(text, e, [], "label", mentions, known, counts, floor, kind)
                continue
            nxt = text[e:e + 1]
            if nxt == "会":
                continue
            # cheap exits first: most posts have no name on either side (市委书记 alone, 主任 …)
            name_next = nxt in single or text[e:e + 2] in compound
            sep_next = nxt in _SEP_START
            other_next = not (name_next or sep_next) and "\u3400" <= nxt <= "\u9fff"  # an unlisted surname?
            if not (name_next or sep_next or other_next) and not self._surname_before(text, s, floor):
                pending = []
                continue
            if other_next and not (word in post_name_posts and self._surname_before(text, s, floor)) \
                    and self._unlisted_name(text, e, counts) is None:
                # no name before the post (no surname there) and no unlisted one after it: the
                # title belongs to nobody, so it is not read at all
                pending = []
                continue
            start = self._element_start(text, s, floor)
            core = self._name_before_post(text, start, s, floor) if word in post_name_posts else None
            if core is not None and (len(core) >= 3 or core in known):
                self._post_name(text, start, start + len(core), e, mentions, known)
                floor = e
                pending = []
                continue
            if core is not None:
                deferred.append((start, start + len(core), e))
            elem = TitleHit(start, e, text[start:e], None)
            if not pending or pending_next != start:
                pending = []
            chain = [*pending, elem]
            name_end = self.names.resolve(text, e, known, False, counts) if name_next else None
            if name_end is None and (name_next or other_next):
                name_end = self._unlisted_name(text, e, counts)
            elif name_end is not None and self.names.last_strength <= 0:
                # no cue after the surname-based reading (吉克伍|呷出席): a longer unlisted one with a cue wins
                longer = self._unlisted_name(text, e, counts)
                if longer is not None and longer > name_end:
                    name_end = longer
            if name_end is not None:
                name_end = self.names.absorb_he(text, e, name_end)
            if name_end is not None and not (nxt in post_first and self._post_re.match(text, e)) \
                    and not (credit_ranges and _inside(e, credit_ranges)):
                name = text[e:name_end]
                mention = Mention(e, name_end, name, "pre", list(chain))
                if last_pre is not None and chain[0].start == _after_sep(text, last_pre.end):
                    mention.after = last_pre
                mentions.append(mention)
                last_pre = mention
                known.add(name)
                pending = []
                floor = self._read_list(text, name_end, chain, "list", mentions, known, counts, name_end)
                continue
            sep = SEP_RE.match(text, e) if sep_next else None
            if sep:
                pending, pending_next = chain, sep.end()
            else:
                pending = []
        taken = [(m.start, m.end) for m in mentions] if deferred else []
        for start, name_end, e in deferred:
            name = text[start:name_end]
            if name in known and not _overlaps(start, e, taken):
                self._post_name(text, start, name_end, e, mentions, known)
                taken.append((start, e))
        self._bare_mentions(text, mentions, known, credit_ranges, counts)
        titles: Dict[Tuple[int, int], TitleHit] = {}
        people = self._people(mentions, credits, titles)
        return ScanResult(people, sorted(titles.values(), key=_START))

    # -- pieces ---------------------------------------------------------------------------------
    def _surname_before(self, text: str, s: int, floor: int) -> bool:
        """A surname character shortly before the post at ``s`` (above ``floor``)."""
        return s - 1 > floor and self._surname_re.search(text, max(floor, s - 7), s - 1) is not None

    def _element_start(self, text: str, s: int, floor: int) -> int:
        """Where the title ending in the post at ``s`` begins (reading backwards)."""
        lim = max(floor, s - self.max_title_chars)
        head = _LAST_NON_CJK_RE.match(text, lim, s)
        j = head.end() if head else lim
        cut = j
        # search, not finditer: most windows hold no stop word, and a search is one call
        search, keeps = self._stopword_re.search, self._keeps
        m = search(text, j, s)
        while m is not None:
            if m.group() not in keeps and not self._stop_inside_title(text, m, s):
                cut = m.end()
            m = search(text, m.end(), s)
        if self._stop_pattern_re is not None:
            for m in self._stop_pattern_re.finditer(text, j, s):
                cut = max(cut, m.end())
        j = cut
        if j > 0 and j < s and text[j - 1].isdigit():
            j += DATE_TAIL_RE.match(text, j, s).end() - j
        return j

    def _stop_inside_title(self, text: str, m: re.Match, s: int) -> bool:
        """A stop word that belongs to the title after all, by grammar:

        * its first character is the end of a word that starts before it (``国有资产``: 有 is no verb
          there), by the lexicon's segmentation;
        * a demonstrative before a division word is the place prefix (``该镇党委副书记``: 该 is a
          pronoun, 镇 a level word), not a word that introduces the person;
        * a conjunction joining two common nouns inside one organisation's name (``民族和宗教委员会``,
          ``住房和城乡建设局``): the lexicon tags the words on both sides as nouns, what follows does
          not start with a division word and holds no post before this one (``市长和区委书记``
          joins two posts; a name before 和 is no common noun).
        """
        word, end = m.group(), m.end()
        names = self.names
        start = m.start()
        if start > 0 and len(word) == 1:  # a one-character stop (有, 在) is the one that hides in words
            inner, _ = names.word_at(text, start - 1)
            if len(inner) > 1:
                return True  # the stop character ends a word that began before it (国有, 所在)
        tags = names.tags(word)
        if "r" in tags:
            return self._level_re.match(text, end) is not None
        if "c" in tags and end < s:
            if self._level_re.match(text, end) is not None or self._post_re.search(text, end, s) is not None:
                return False
            left = frozenset().union(*(names.tags(text[m.start() - k:m.start()]) for k in (4, 3, 2)
                                       if m.start() - k >= 0))
            word, tag = names.word_at(text, end)
            # the segmentation may join the noun into a longer phrase (城乡建设 l): its first two
            # characters' own tag counts too
            right = (frozenset((tag,)) if len(word) > 1 else frozenset()) | names.tags(text[end:end + 2])
            return bool(left & _COMMON_NOUN_TAGS) and bool(right & _COMMON_NOUN_TAGS)
        return False

    def _unlisted_name(self, text: str, e: int, counts: Dict[str, int]) -> Optional[int]:
        """A name right after a title whose surname is not listed (芦志航, 阿措木嘎, 乌兰其其格).

        Only asked right after a title chain, and the reading must contain no post, org or
        division word (``董事长兼总经理``, ``市委书记``); see :meth:`NameModel.resolve_unlisted`.
        """
        end = self.names.resolve_unlisted(text, e, counts)
        if end is None:
            return None
        if self._post_re.search(text, e, end) or self._org_re.search(text, e, end) \
                or self._level_re.search(text, e, end):
            return None
        post = self._post_re.search(text, e, end + self.max_title_chars)
        if post is not None and post.start() < end:
            return None  # a post starts inside the reading (兼总经|理): it is the chain's next title
        if self._level_re.match(text, end):
            return None  # followed by a division word, the reading is a place (新疆维吾尔|自治区)
        return end

    def _name_before_post(self, text: str, start: int, s: int, floor: int) -> Optional[str]:
        """If the title's prefix is a name (``曲伟副``市长), that name; else None."""
        # the name would start the prefix: without a surname there (most titles start with an
        # org), no need to look further
        names = self.names
        if s - start < 2 or not (text[start] in names.single or text[start:start + 2] in names.compound) \
                or not self._surname_before(text, s, floor):
            return None
        core = self.parser.strip_modifiers(text[start:s])
        if not 2 <= len(core) <= 4 or self._org_re.search(core) or self._level_re.search(core):
            return None
        return core if self.names.is_name_form(core) else None

    def _post_name(self, text: str, start: int, name_end: int, e: int, mentions: List[Mention],
                   known: Set[str]) -> None:
        title_text = text[name_end:e]
        hit = TitleHit(name_end, e, title_text)
        name = text[start:name_end]
        mentions.append(Mention(start, name_end, name, "post", [hit]))
        known.add(name)

    def _read_list(self, text: str, pos: int, chain: List[TitleHit], how: str, mentions: List[Mention],
                   known: Set[str], counts: Dict[str, int], floor: int, kind: Optional[str] = None) -> int:
        """Names listed at ``pos`` (after a label) or after ``、`` (sharing ``chain``); returns the new floor."""
        first = how == "label"
        q = pos
        while True:
            if first:
                r = q
                while r < len(text) and text[r] in " \t\u3000":
                    r += 1
            else:
                # most names are followed by no list at all: one character says so
                sep = LIST_SEP_RE.match(text, q) if text[q:q + 1] in _SEP_START else None
                if not sep:
                    return floor
                r = sep.end()
            end = self.names.resolve(text, r, known, True, counts)
            if end is None or self.names.last_strength <= 0:
                # a name with no listed surname (旗领导白音仓、萨仁图雅参加): the list position is
                # as strong a context as a title chain, so the same unlisted-name rules apply
                longer = self._unlisted_name(text, r, counts)
                if longer is not None and (end is None or longer > end):
                    end = longer
            if end is None:
                return floor
            end = self.names.absorb_he(text, r, end)
            nxt = self._post_re.search(text, r, end + 4)
            if nxt is not None and not _starts_name_after(text, nxt, end):
                return floor  # the next item has a title of its own: 、区长王冲
            name = text[r:end]
            mentions.append(Mention(r, end, name, how, list(chain), kind=kind))
            known.add(name)
            floor = q = end
            first = False

    def _bare_mentions(self, text: str, mentions: List[Mention], known: Set[str],
                       credit_ranges: List[Tuple[int, int]], counts: Dict[str, int]) -> None:
        """Every later occurrence of a known name is a mention of its person (``bare``).

        ``counts`` holds whole-text counts the name model already made: a name printed once is
        only its own mention, so most names need no search at all.
        """
        if not known:
            return
        if len(known) > 32:  # a long text: one pass of a trie of the names
            found = [(h.start(), h.end(), h.group()) for h in re.finditer(trie_pattern(known), text)]
        else:
            # a handful of names: str.find beats compiling a regex per article; longer names
            # first so that a name inside a longer one (王冲 in 王冲锋) is not taken twice
            found = []
            find = text.find
            for name in sorted(known, key=len, reverse=True):
                k = counts.get(name)
                if k == 1:
                    continue
                n = len(name)
                s = find(name)
                if k is not None:  # the count is known (whole text): no search past the last one
                    for i in range(1, k + 1):
                        if s < 0:
                            break
                        found.append((s, s + n, name))
                        if i < k:
                            s = find(name, s + n)
                    continue
                while s >= 0:
                    found.append((s, s + n, name))
                    s = find(name, s + n)
            if not found:
                return
        taken = bytearray(len(text))  # characters already part of a mention, title or credit
        for s, e in credit_ranges:
            taken[s:e] = _ones(e - s)
        for m in mentions:
            taken[m.start:m.end] = _ones(m.end - m.start)
            for t in m.titles:
                taken[t.start:t.end] = _ones(t.end - t.start)
        exclude = self._exclude_re.match
        for s, e, name in found:
            if taken.find(1, s, e) < 0 and not exclude(text, e):
                mentions.append(Mention(s, e, name, "bare"))
                taken[s:e] = _ones(e - s)

    def _people(self, mentions: List[Mention], credits: Sequence[dict],
                titles: Dict[Tuple[int, int], TitleHit]) -> List[Person]:
        """Mentions grouped by name, in order of first mention; every title of theirs parsed and
        collected into ``titles`` (first occurrence per offsets), in the same pass."""
        by_name: Dict[str, List[Mention]] = {}
        mentions.sort(key=_START)
        for m in mentions:
            ms = by_name.get(m.name)
            if ms is None:
                by_name[m.name] = [m]
            else:
                ms.append(m)
        journalists: Dict[str, List[Mention]] = {}
        for c in sorted(credits, key=lambda c: int(c["name_start"])) if credits else ():
            name = str(c.get("name") or "").strip()
            s, e = int(c["name_start"]), int(c["name_end"])
            name, e = self._credit_person(name, s, e)
            if not name or name in by_name:
                continue
            journalists.setdefault(name, []).append(Mention(s, e, name, "credit", None, [str(c.get("role") or "")]))
        order = [(ms[0].start, n, False) for n, ms in by_name.items()]
        if journalists:
            order += [(ms[0].start, n, True) for n, ms in journalists.items()]
        order.sort()
        parse, parsed = self.parser.parse, self.parser._cache.get
        people: List[Person] = []
        kind_of: Dict[int, str] = {}  # id(mention) → the kind of its person, for a later mention's ``after``
        for i, (_, name, is_journalist) in enumerate(order, 1):
            pid = f"P{i}"
            if is_journalist:
                ms = journalists[name]
                roles: List[str] = []
                for m in ms:
                    for r in m.roles:
                        if r not in UNTITLED_ROLES and r not in roles:
                            roles.append(r)
                people.append(Person(pid, name, "journalist", roles, ms))
                continue
            ms = by_name[name]
            # the person's chain, in the same pass: most titles before the name wins (first on
            # ties); a title after the name only if there is none
            best: List[TitleHit] = []
            post: Optional[List[TitleHit]] = None
            for m in ms:
                mt = m.titles
                if not mt:
                    continue
                for t in mt:
                    if t.info is None:
                        t.info = parsed(t.text) or parse(t.text)
                    key = (t.start, t.end)
                    if key not in titles:
                        titles[key] = t
                how = m.how
                if how == "pre" or how == "list":
                    if len(mt) > len(best):
                        best = mt
                elif how == "post" and post is None:
                    post = mt
            chain = best if best or post is None else post
            kind = "official"
            for t in chain:
                if t.info.kind == "executive":
                    kind = "executive"
            if kind == "official":
                kind = _inherited_kind(ms, chain, kind_of) or kind
            for m in ms:
                kind_of[id(m)] = kind
            people.append(Person(pid, name, kind, [t.text for t in chain], ms))
        return people


    def _credit_person(self, name: str, s: int, e: int) -> Tuple[str, int]:
        """The person of a credit's name: a unit printed in brackets after it is no part of it
        (``文/图丨王某(某港务公司)`` → 王某), and a name that is itself a unit (it holds an org word:
        公司, 集团) is nobody; ``("", e)`` then."""
        cut = _BRACKET_RE.search(name)
        if cut is not None:
            e -= len(name) - cut.start()
            name = name[:cut.start()].strip()
        if name and self._org_re.search(name):
            return "", e
        return name, e


#: Where a bracketed note after a credited name starts.
_BRACKET_RE = re.compile(r"[(（\[【]")

#: ``b"\x01" * n`` for the lengths of names and titles, made once (filling ``taken`` is per mention)
_ONES = tuple(b"\x01" * n for n in range(65))


def _ones(n: int) -> bytes:
    return _ONES[n] if 0 <= n <= 64 else b"\x01" * n


def _inside(pos: int, ranges: List[Tuple[int, int]]) -> bool:
    # loops, not any(generator): compiled, a generator is an object per call
    for s, e in ranges:
        if s <= pos < e:
            return True
    return False


def _overlaps(s: int, e: int, ranges: List[Tuple[int, int]]) -> bool:
    for rs, re_ in ranges:
        if s < re_ and rs < e:
            return True
    return False


#: Lexicon tags of the common nouns an organisation's name joins with 和 (民族 n, 发展 vn, 卫生 an, 国有 b).
_COMMON_NOUN_TAGS = frozenset({"n", "vn", "an", "b"})

#: Org kinds of a unit's internal bodies: a company has a party committee and a discipline commission too.
_UNIT_BODY_KINDS = frozenset({"party", "discipline"})


def _inherited_kind(ms: List[Mention], chain: List[TitleHit], kind_of: Dict[int, str]) -> Optional[str]:
    """The kind a person takes from their unit when nothing in their own chain names one.

    * names after a company's collective label (``集团公司领导A、B``) are executives;
    * a party post with no place or unit of its own (``党委副书记``) listed with ``、`` right after a
      company's executive (``某集团董事长赵某、党委副书记秦某``) is that company's post: executive.
    """
    for m in ms:
        if m.kind is not None and not chain:
            return m.kind
    if not chain:
        return None
    info = chain[0].info
    if info is None or info.level is not None or not set(info.org_kinds) <= _UNIT_BODY_KINDS:
        return None
    for m in ms:
        if m.after is not None and m.titles and m.titles[0] is chain[0]:
            return kind_of.get(id(m.after))
    return None


def _after_sep(text: str, pos: int) -> int:
    """Where the next item starts after a list separator at ``pos`` (-1 without one)."""
    sep = SEP_RE.match(text, pos)
    return sep.end() if sep else -1


def _starts_name_after(text: str, post_hit: re.Match, end: int) -> bool:
    """A post found inside a list item's reach that only starts after the item ends (杨华参加 …)."""
    return post_hit.start() >= end
