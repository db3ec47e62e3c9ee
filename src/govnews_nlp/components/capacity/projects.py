"""Named projects: from a head word (``项目``, ``工程``, ``基地``, ``园区``, ``产业园``) leftwards
to where the name starts, then filtered for generic mentions.

The README's rule is read literally: the text runs from the list delimiter (``、`` ``,`` ``和``)
or the locative/governing verb (``在``, ``来到``, ``察看``, ``推动``) to the head. Capacities and
short parenthesised glosses are part of a name (``银旺碳素年产20万吨(二期)预焙阳极项目``), so they
are masked as name material before the leftward search; other numbers (money, dates, counts)
end a name (``累计投资5.6亿元东明县…产业园``).

Generic mentions (``重点项目``, ``全市重大产业项目``, ``亚鑫集团项目``, ``绿色建材产业园区``) are
recognised from what the stem is made of, with the word lists of ``project_generic.jsonl``; a
stem made only of industry types (``新材料``) counts as a name only as an item of a ``、`` list.
Each project is reported once, in its fullest mention: a mention whose characters are contained,
in order, in a longer one (``随州垃圾无害化处理项目`` in ``随州市垃圾无害化处理项目``) is merged
into it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ...pos_lexicon import PosLexicon
from .rules import ProjectBoundaryRule, ProjectGenericRule, ProjectSuffixRule

#: How far left of the head a project name may start.
MAX_NAME = 40
CAP_MASK = "\ue000"  # stands for a capacity inside a name
NAME_MASK = "\ue001"  # stands for a parenthesised gloss or a digit-letter code (3D, 5G)
_NAME_CHARS = rf"\u4e00-\u9fffA-Za-z{CAP_MASK}{NAME_MASK}·"
#: In one pass: a short parenthesised gloss (``(二期)``) and a digit-letter code (``3D``) are name
#: material; any other number (money, counts, dates) ends a name: 累计投资5.6亿元东明县…产业园
_MASKS = re.compile(
    r"(?=[\d(（])"  # a leading character class lets the engine skip ahead: 3x faster on long texts
    r"(?:(?P<paren>[(（][\u4e00-\u9fffA-Za-z0-9]{1,8}[)）])"
    r"|(?P<code>(?<![\d.])\d+(?=[A-Za-z]))"
    r"|(?P<number>(?>\d[\d.,]*[余多]?[十百千万亿]*)(?:元|个|家|项|名|人|户|亩|年|月|日|号|%|(?=[^\u4e00-\u9fffA-Za-z])|$))"
    #: a number before a measure word or a product (``50万头生猪``, ``3000吨级熟料``, ``1,4丁二醇``) is
    #: a quantity inside the name: name material, never a cut between the number and its word
    r"|(?P<quantity>\d[\d.,]*[余多]?[十百千万亿]*))"
)
_NEEDS_MASK = re.compile(r"[\d(（]")
#: where a clause ends; a project name never runs across one
_CLAUSE_STOP_RE = re.compile(r"[，,。；;：:！？!?“”\"《》【】\n\r]")
#: the nearest of a clause stop and a character that needs masking (one search on the reversed
#: text before a head instead of two: in most windows it is the stop, and nothing needs masking)
_STOP_OR_MASK_RE = re.compile(r"[，,。；;：:！？!?“”\"《》【】\n\r\d(（]")  # one class: the engine skips ahead
_CLAUSE_STOPS = frozenset("，,。；;：:！？!?“”\"《》【】\n\r")
BOUNDARY_MASK = "#"
#: characters after which a head has no name before it (checked before any masking)
_HARD_STOPS = frozenset("，,。；;：:！？!?、“”\"'《》【】 \t\n\r")
_UNSEEN = object()
#: a place name alone (what is left of ``嵩阳市第四季度重大`` after the generic words)
_PLACE_ONLY = re.compile(r"[\u4e00-\u9fff]{1,6}[省市县区镇乡旗盟州]")
ADMIN_PREFIX = "省市县区镇乡旗盟州"
#: a counter before a head (首个…项目, 第一批…项目): a description, not a name (reversed form)
_COUNTER_LEAD = "个批项家座"
_COUNTER_REV = rf"[{_COUNTER_LEAD}](?:[一二三四五六七八九十两几多首第]+|大一|\d+)"
_COMPANY = re.compile(r"^.*?(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)")
_OWN_PLACE = re.compile(r"^(?:我|本|全)[市区县镇省]")
#: a brand before the capacity of a name (every alternative of _COMPANY contains 公司 or 集团,
#: so a substring test skips that regex)
_BRAND = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_ADMIN_END = re.compile(r"[省市县区镇乡村旗盟州]$|矿区$|开发区$|园区$")


#: closed word classes (jieba tags) that are never inside a project name: prepositions, adverbs,
#: pronouns, conjunctions, locatives, time words, modal and interjection words (set phrases
#: ``l`` are not closed: ``综合利用``, ``一体化`` end names; particles, tags ``u…``, are tested by
#: their first letter; a locative ``f`` only when it is one character, ``上`` ``内``: ``沿海`` is a
#: place word inside ``…沿海精品钢基地``)
_CLOSED_TAGS = frozenset({"p", "d", "ad", "dg", "df", "r", "rr", "rz", "rg", "c", "t", "tg", "y", "e", "o"})
#: open classes besides nouns that can be the specific word of a name: unknown words (brands,
#: names the lexicon lacks), Latin letters (``ABC``), abbreviations (``陕建``), place words
_OPEN_SPECIFIC = frozenset({"x", "eng", "j", "s"})
#: characters that start a numeral or classifier word that is a count or an ordinal (第二批, 一行,
#: 三季度); not 零, which begins no count (``零部件`` is a noun jieba tags ``mq``)
_NUMERALS = frozenset("〇一二三四五六七八九十百千万亿两几首第半数每0123456789")
#: a phase of a project (``一期``, ``三期``, ``首期``, ``第二期``): part of the name whatever jieba
#: tags it (``d``, ``t``, ``b``, ``f``: accidental tags of a numeral-classifier phrase)
_PHASE = re.compile(r"第?[一二三四五六七八九十两首]+期")
#: a count right after the head (``工业项目12个``, ``民生工程三项``): the mention is a class of
#: projects being counted, not a name
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十百两几]+)[个项]")
#: a round size with its unit (``万亩``, ``千亩``, ``百万吨``): a quantity of the name like a capacity,
#: unless its classifier counts projects (``十个``, ``百家``: :data:`_COUNTER_LEAD`) or ranks them (``大``)
_SIZE = re.compile(r"[一二三四五六七八九十两百千万亿]*[十百千万亿][^个批项家座大\d]")
#: tags jieba gives to modifiers of nouns by accident (``正极/ad``, ``高速/d``, ``现代/t``): between
#: two nominal words such a word is inside the compound, not an adverb or a time of the clause
_MODIFIER_TAGS = frozenset({"d", "ad", "t"})
#: an ordinal alone (``第一``, ``第三``): inside a name before a noun (``第一人民医院``, ``第三水厂``),
#: a rank before anything else (``第三大单体项目``)
_ORDINAL = re.compile(r"第[一二三四五六七八九十百两]+")
#: capacities and name material masked in a window (a capacity is a specific modifier)
_MASK_CHARS = frozenset((CAP_MASK, NAME_MASK))


class Project:
    """A named project: its fullest mention ``start:end`` (``text``, ``head``), the company or brand
    that owns it, the capacities inside it and every mention merged into it. A plain slotted
    class, not a dataclass: one is made per project, and a dataclass's generated ``__init__``
    stays Python in the compiled build."""

    __slots__ = ("capacities", "company", "end", "head", "mentions", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        head: str,
        company: Optional[str] = None,
        capacities: Optional[List[Dict[str, object]]] = None,
        mentions: Optional[List[Tuple[int, int]]] = None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.head = head
        self.company = company
        self.capacities: List[Dict[str, object]] = capacities if capacities is not None else []
        self.mentions: List[Tuple[int, int]] = mentions if mentions is not None else []

    def __repr__(self) -> str:
        return f"Project(start={self.start!r}, end={self.end!r}, text={self.text!r}, head={self.head!r})"

    def record(self) -> Dict[str, object]:
        out: Dict[str, object] = {"text": self.text}
        if self.company:
            out["company"] = self.company
        if self.capacities:
            out["capacities"] = self.capacities
        return out


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or r"(?!)"


def _trie_alt(words: Iterable[str]) -> str:
    """The alternation of :func:`_alt` (longest first), factored by first character:
    ``在于|在|的`` → ``在(?:于|)|的``. The engine tries the alternatives of a branch one by one,
    so a position whose character starts a few of 170 words no longer costs 170 tests; the
    words sharing a first character keep their order and words with another first character
    cannot match there, so every match is the same."""
    ordered = sorted(set(words), key=len, reverse=True)
    return _factor(ordered) if ordered else r"(?!)"


def _factor(words: List[str]) -> str:
    """``words`` longest first: so are the rests of each group, and an empty rest comes last,
    where the plain alternation tries the shorter word."""
    groups: Dict[str, List[str]] = {}
    for w in words:  # dicts keep the order of first appearance
        groups.setdefault(w[:1], []).append(w[1:])
    out = []
    for first, rests in groups.items():
        if not first:
            out.append("")  # the empty word: where the original alternation had it
        elif len(rests) == 1:
            out.append(re.escape(first + rests[0]))
        else:
            out.append(f"{re.escape(first)}(?:{_factor(rests)})")
    return "|".join(out)


class ProjectFinder:
    """Compiled from the project tables; :meth:`find` gives the projects of a text."""

    def __init__(
        self,
        suffixes: Sequence[ProjectSuffixRule],
        boundaries: Sequence[ProjectBoundaryRule],
        generic: Sequence[ProjectGenericRule],
        lexicon: Optional[PosLexicon] = None,
    ) -> None:
        self.suffixes = {s.surface: s for s in suffixes}
        self.min_stem = {s.surface: s.min_stem for s in suffixes}
        heads = []
        for s in suffixes:
            stop = f"(?!{_alt(s.not_before)})" if s.not_before else ""
            heads.append(f"{re.escape(s.surface)}{stop}")
        heads.sort(key=len, reverse=True)
        self.head_re = re.compile("|".join(heads))
        by_kind: Dict[str, List[str]] = {}
        for b in boundaries:
            by_kind.setdefault(b.kind, []).append(b.surface)
        # The nearest left boundary is found by searching the *reversed* text before the head, so
        # the search stops at the first boundary instead of scanning the whole window (words are
        # reversed too; 的 right after a capacity, i.e. followed by one in reversed text, is no
        # boundary: ``年产3万吨的新型电子材料…项目`` keeps its 的).
        def rev(words: Sequence[str]) -> str:
            return _trie_alt([w[::-1] for w in words])

        words_rev = (
            rf"(?P<reject>{rev(by_kind.get('reject', []))}|{_COUNTER_REV})"
            rf"|(?P<attr>(?:{rev(by_kind.get('attribute', []))})(?!{CAP_MASK}))"
            rf"|(?P<delim>{rev(by_kind.get('delimiter', []))})"
            rf"|(?P<verb>{rev(by_kind.get('verb', []))})"
        )
        # Guards: Python's regex engine tries every alternative of an alternation at every
        # position (~0.3 µs each with 170 words); a lookahead on the characters a reversed word
        # can start with (the words' last characters) or a non-name character lets it skip the
        # others at once. Same matches, measured 3x (boundary_rev) and 5x (empty_rev) faster.
        lead = sorted({w[-1] for kind in ("reject", "attribute", "delimiter", "verb") for w in by_kind.get(kind, [])})
        lead_cls = f"[{''.join(re.escape(c) for c in lead)}{_COUNTER_LEAD}]"
        guarded = rf"(?={lead_cls})(?:{words_rev})"
        self.boundary_rev = re.compile(
            rf"(?={lead_cls}|[^{_NAME_CHARS}])(?:{guarded}|(?P<other>[^{_NAME_CHARS}]))"
        )
        #: A boundary word right before the head (``加快项目``, ``推进项目``, ``暨项目``) leaves an
        #: empty name: such heads, most of those in news, are dropped before any window is built
        #: (matched on the reversed raw text; exact, as long as no capacity or amount ends there,
        #: because masking changes no other character that a boundary word can end with).
        self.empty_rev = re.compile(guarded)
        #: what its guard accepts: a head after any other character is tested without a regex call
        #: (a string: a character is looked up in it by a C scan in the compiled build)
        self.empty_lead = "".join(sorted(set(lead) | set(_COUNTER_LEAD)))
        #: coordinators that may join two halves of one item (not 、 or 暨, which separate items)
        self.conj = {w for w in by_kind.get("delimiter", []) if w in ("和", "及", "与", "以及")}

        def parts(*kinds: str) -> List[str]:
            out = [re.escape(g.surface) for g in generic if g.kind in kinds and g.surface]
            out.sort(key=len, reverse=True)
            out += [f"(?:{g.pattern})" for g in generic if g.kind in kinds and g.pattern]
            return out

        words = parts("word", "rank")  # a ranking adjective is a generic word too
        descs = parts("descriptor")
        self.generic_re = re.compile(f"(?:{'|'.join(words)})*")
        self.generic_sub = re.compile("|".join(words))
        self.desc_sub = re.compile("|".join(descs + words))
        # a ranking adjective followed only by modifiers and industry types, up to the head
        # (省[重点能源]项目): the stem names a class of projects unless a real name precedes it
        ranks = parts("rank")
        self.rank_tail = re.compile(f"(?:{'|'.join(ranks)})(?:{'|'.join(descs + words)})*$") if ranks else None
        #: a rank word right before the head (``…开发区重点项目``, ``新疆兵团重大项目``, ``世界一流项目``)
        #: ranks a class of projects whatever precedes it: a name has its own noun after the rank
        #: (``南水北调重大水利工程``)
        self.rank_end = re.compile(f"(?:{'|'.join(ranks)})$") if ranks else None
        # activity nouns (保护, 修复, 改造): 和/与/及 between two of them belongs to one name
        acts = parts("activity")
        self.act_end = re.compile(f"(?:{'|'.join(acts)})$") if acts else None
        self.act_any = re.compile("|".join(acts)) if acts else None
        self.act_only = re.compile(f"(?:{'|'.join(acts + descs + words)})*") if acts else None
        orgs = parts("org")
        self.org_re = re.compile(f"(?:{'|'.join(orgs)})$") if orgs else None
        #: the organisation words when all are plain words (no pattern): ``org_re.search(stem)``
        #: is then ``stem.endswith(org_ends)`` (a stem holds no newline for ``$`` to stop before:
        #: it is name characters only), one C call instead of a regex search per candidate
        self.org_ends: Optional[Tuple[str, ...]] = None
        if not any(g.pattern for g in generic if g.kind == "org"):
            self.org_ends = tuple(g.surface for g in generic if g.kind == "org" and g.surface)
        self._kinds: Dict[str, Optional[str]] = {}
        self.whole = sorted({g.surface for g in generic if g.kind == "whole" and g.surface}, key=len, reverse=True)
        self._whole_tuple = tuple(self.whole)
        self._lexicon = lexicon

    # -- public --------------------------------------------------------------------------------
    def find(
        self,
        text: str,
        capacities: Sequence[Tuple[int, int, Dict[str, object]]] = (),
        amounts: Sequence[Tuple[int, ...]] = (),
        *,
        people: Sequence[Tuple[int, int]] = (),
    ) -> List[Project]:
        """Projects of ``text``. ``capacities`` are ``(start, end, record)`` hits, masked as name
        material and attached to the project around them; ``amounts`` are ``(start, end, …)`` of
        money amounts (the scanner's investment hits as they are), which end a name
        (``超百亿元项目`` is no name); ``people``: ``(start, end)`` character spans of the person
        mentions found in the text (``doc.spans["people"]``): a person is never inside a name
        (``县委书记李某出席项目签约仪式``)."""
        # people never overlap each other, nor capacities and amounts each other: sorted by start
        # they are sorted by end too, and two bisections give the ones near a head (a scan of all
        # of them per head made long articles quadratic)
        people = sorted((s, e) for s, e in people if 0 <= s < e <= len(text))
        people_starts = [s for s, _ in people]
        people_ends = [e for _, e in people]
        mentions: List[Tuple[int, int, str]] = []
        raw_rev = text[::-1]
        n = len(text)
        masked_ends = {e for _, e, _ in capacities}
        masked_ends.update([a[1] for a in amounts])
        overlays = [(cs, ce, CAP_MASK) for cs, ce, _ in capacities]
        overlays += [(a[0], a[1], BOUNDARY_MASK) for a in amounts]
        # capacities and amounts never overlap (the scanner resumes after each hit): sorted by
        # start they are sorted by end too, so one bisection tells whether a window has any
        overlays.sort()
        overlay_starts = [s for s, _, _ in overlays]
        overlay_ends = [e for _, e, _ in overlays]
        empty_lead = self.empty_lead
        for m in self.head_re.finditer(text):
            hs = m.start()
            if hs == 0:
                continue
            # one character compared in place (in the compiled build a C switch over the literal,
            # no str object per head; the literal is _HARD_STOPS)
            ch = text[hs - 1]
            if ch in "，,。；;：:！？!?、“”\"'《》【】 \t\n\r":
                continue  # nothing before the head: 。项目建设…
            if ch in empty_lead and hs not in masked_ends and self.empty_rev.match(raw_rev, n - hs):
                continue  # a boundary word right before the head: no name (see __init__)
            he = m.end()
            counted = _COUNTED.match(text, he)
            if counted and not self.head_re.match(text, counted.end()):
                # a head counted right after it (市政项目68个) is a class of projects, not a name; a
                # count of other projects (…产业园3个项目) leaves it a name
                continue
            head = m.group()
            # First the boundary search on the raw text, which also meets a clause stop and any
            # character masking could change: when no capacity or amount is within reach and the
            # boundary it finds is one masking would leave as it is (:func:`_raw_exact`), it is
            # the boundary of the masked window too, and the head costs one regex call.
            lo = hs - MAX_NAME if hs > MAX_NAME else 0
            near = people[bisect_right(people_ends, max(0, hs - 2 * MAX_NAME)):bisect_left(people_starts, he)]
            i = bisect_right(overlay_ends, lo)
            if i == len(overlay_ends) or overlay_starts[i] >= he:
                b = self.boundary_rev.search(raw_rev, n - hs, n - lo)
                if b is not None and _raw_exact(text, n - b.end(), n - b.start(), b.lastgroup == "other"):
                    kind_b = b.lastgroup
                    if kind_b == "reject":
                        continue
                    if kind_b != "delim" or b.group()[::-1] not in self.conj:
                        cand = self._accept(text, 0, n - b.start(), b, hs, he, head, near)
                        if cand is not None:
                            mentions.append(cand)
                        continue
            # the general case: a window masked where needed (capacities, amounts, numbers)
            lo = max(0, hs - 2 * MAX_NAME)
            # a name never crosses a sentence or clause stop: start the window at the last one
            # (the nearest one: a search on the reversed text between bounds, no slice); a digit
            # or bracket met before it is in the window and needs masking
            stop = _STOP_OR_MASK_RE.search(raw_rev, n - hs, n - lo)
            digit = stop is not None and text[n - 1 - stop.start()] not in _CLAUSE_STOPS
            if digit:
                stop = _CLAUSE_STOP_RE.search(raw_rev, stop.end(), n - lo)
            if stop is not None:
                lo = n - 1 - stop.start()
            i = bisect_right(overlay_ends, lo)
            if (i == len(overlay_ends) or overlay_starts[i] >= he) and not digit:
                # nothing to mask (no capacity, amount, digit or bracket before the head): the
                # window is the text itself and the reversed text serves for the boundary search
                win = text[lo:he]
                rev, base = raw_rev, n - lo
            else:
                win = self._mask(text, lo, he, overlays[i:bisect_left(overlay_starts, he)])
                rev, base = win[::-1], he - lo
            cand = self._candidate(win, rev, base, lo, hs - lo, he - lo, head, near)
            if cand is not None:
                mentions.append(cand)
        # nested heads (钢电园区…项目) and repeated mentions: keep the fullest
        mentions.sort(key=_longest_first)
        kept: List[Project] = []
        for s, e, head in mentions:
            t = text[s:e]
            key = self._key(t)
            for p in kept:
                if (p.start <= s and e <= p.end) or key in p.text or _subsequence(key, p.text):
                    p.mentions.append((s, e))
                    break
            else:
                kept.append(Project(s, e, t, head, mentions=[(s, e)]))
        kept.sort(key=_first_mention)
        caps_sorted = sorted(capacities, key=lambda c: (c[0], c[1]))
        cap_starts = [c[0] for c in caps_sorted]
        for p in kept:
            inside = [c for c in caps_sorted[bisect_left(cap_starts, p.start):bisect_left(cap_starts, p.end)]
                      if c[1] <= p.end]
            p.company = self._company(text, p, inside)
            p.capacities = [rec for _, _, rec in inside]
        return kept

    # -- steps ---------------------------------------------------------------------------------
    @staticmethod
    def _mask(text: str, lo: int, hi: int, overlays: Sequence[Tuple[int, int, str]]) -> str:
        """``text[lo:hi]`` with capacities and short glosses turned into name material and other
        numbers and money amounts into boundaries (same length, so offsets carry over).
        ``overlays`` are ``(start, end, mask character)``: capacities first, then amounts."""
        win = text[lo:hi]
        spans = [o for o in overlays if o[1] > lo and o[0] < hi]
        if spans:
            chars = list(win)
            for s, e, ch in spans:
                s, e = max(s, lo) - lo, min(e, hi) - lo
                chars[s:e] = ch * (e - s)
            win = "".join(chars)
        if _NEEDS_MASK.search(win):
            win = _MASKS.sub(_mask_match, win)
        return win

    def _left(self, rev: str, base: int, end: int, lo: int) -> Tuple[int, Optional[re.Match]]:
        """Start of the name ending at ``end`` of the masked window (searching no further left
        than ``lo``) and the boundary match, on the reversed text ``rev``, that ends it
        (``None`` when ``lo`` was reached); window offset ``p`` is ``rev[base - p - 1]``. The
        pattern has no lookbehind and its lookaheads stop at ``endpos``, so searching ``rev``
        between bounds equals searching the reversed slice."""
        b = self.boundary_rev.search(rev, base - end, base - lo)
        return (base - b.start(), b) if b else (lo, None)

    def _candidate(
        self, win: str, rev: str, base: int, off: int, hs: int, he: int, head: str,
        people: Sequence[Tuple[int, int]] = (),
    ) -> Optional[Tuple[int, int, str]]:
        """A mention ``(start, end, head)`` in text offsets, or ``None``; ``win`` is the masked
        text from ``off``, the head is at ``hs:he`` of it; ``rev``/``base``: its reversed form
        (see :meth:`_left`)."""
        lo = max(0, hs - MAX_NAME)
        start, b = self._left(rev, base, hs, lo)
        if b is None and off + lo > 0:
            return None  # no boundary within reach: a run-on, not a name
        kind_b = b.lastgroup if b is not None else None  # which alternative: reject, delim …
        if kind_b == "reject":
            return None
        # 和/及/与: split there, unless the right part cannot stand alone (a generic type, or a
        # coordinated capacity ``…年产3万吨的…和年产3000吨MACM项目``) and the left part is no project
        if kind_b == "delim" and b.group()[::-1] in self.conj:
            right = win[start:hs]
            bstart = start - len(b.group())
            left_is_project = bool(self.head_re.search(win, max(0, bstart - 3), bstart))
            if not left_is_project:
                start2, b2 = self._left(rev, base, bstart, max(0, bstart - MAX_NAME))
                # the left part has a capacity of its own (``北岭年产300万吨高端焦化及化产综合
                # 利用项目``): one item whose product list is coordinated, not two projects
                joined = right.startswith(CAP_MASK) or CAP_MASK in win[start2:bstart]
                if joined or self._generic_kind(right) == "descriptor" or self._activities(win[start2:bstart], right):
                    if (b2 is not None or off == 0) and not (b2 is not None and b2.lastgroup == "reject"):
                        start, b = start2, b2
        return self._accept(win, off, start, b, hs, he, head, people)

    def _accept(
        self, win: str, off: int, start: int, b: Optional[re.Match], hs: int, he: int, head: str,
        people: Sequence[Tuple[int, int]] = (),
    ) -> Optional[Tuple[int, int, str]]:
        """The mention ``win[start:he]`` (window offsets; ``off``: the window's text offset) whose
        name starts after the boundary match ``b`` and after the last word that cannot be inside
        a name (:meth:`_noun_phrase`), or ``None`` when the name is too short, generic, an
        organisation's or has no specific modifier."""
        if start < hs:
            start, specific = self._noun_phrase(win, off, start, hs, people)
            if not specific:
                return None
        stem = win[start:hs]
        min_stem = self.min_stem.get(head)
        if min_stem is None or len(stem) < min_stem:
            return None
        if self.rank_end is not None and self.rank_end.search(stem):
            return None
        listed = b is not None and b.group() == "、"  # an item after a list separator
        kind = self._generic_kind(stem)
        if kind == "word" or (kind == "descriptor" and not listed):
            return None
        full = win[start:he]
        if full.endswith(self._whole_tuple):  # one C call for the usual case: no generic ending
            for w in self.whole:
                if full.endswith(w) and self.generic_re.fullmatch(full[: -len(w)]):
                    return None
        if self.org_ends is not None:
            if stem.endswith(self.org_ends):
                return None
        elif self.org_re is not None and self.org_re.search(stem):
            return None
        return off + start, off + he, head

    @property
    def lexicon(self) -> PosLexicon:
        """The part-of-speech lexicon (the shipped one unless one was given): loaded on first use."""
        if self._lexicon is None:
            self._lexicon = PosLexicon.default()
        return self._lexicon

    def _noun_phrase(
        self, win: str, off: int, start: int, hs: int, people: Sequence[Tuple[int, int]]
    ) -> Tuple[int, bool]:
        """Where the noun phrase before the head at ``hs`` starts, reading the stem ``win[start:hs]``
        leftwards word by word, and whether it has a specific modifier.

        Phenomenon: a project name is a noun phrase, so its left edge is grammatical. The stem is
        segmented with the part-of-speech lexicon (the people of the text as fixed words) and the
        name starts after the first word, from the head leftwards, that cannot be inside a name:
        a person (``省长王某一行考察了…``), a word of a closed class (:data:`_CLOSED_TAGS`:
        prepositions ``向``, adverbs, pronouns ``该``, particles ``了``, locatives, time words
        ``早日``), a numeral or classifier that is no quantity of the name (``第二批``,
        ``三季度``: a count, not the ``50万头`` of ``…50万头生猪…``; a word tagged as a numeral
        without a numeral character, ``丝``, is none), a one-character verb (a predicate:
        ``力争使项目``, compound activity words are two characters), or a verb governing a name that
        has a specific word (``考察东山新材料项目``; a verb with only generic words after it is
        part of the name: ``熟料生产线改造工程``).

        Specific: a word that is not one of the generic words of ``project_generic.jsonl`` and is a
        noun, a place, an organisation, a proper noun, an abbreviation, a capacity or a word the
        lexicon does not know (a brand: ``正阳``); what is left of generic and category words,
        adjectives and verbs alone (``招商引资项目``, ``优质工程``) is a mention, not a name."""
        fixed = [(max(s - off, start) - start, min(e - off, hs) - start) for s, e in people
                 if s - off < hs and e - off > start]
        tokens = self.lexicon.spans(win[start:hs], fixed=fixed, group_singles=True)
        specific = False
        cut = 0
        for k in range(len(tokens) - 1, -1, -1):
            s, e, tag = tokens[k]
            word = win[start + s:start + e]
            if (s, e) in fixed:
                cut = e
                break
            if word[0] in _MASK_CHARS:
                specific = True
                continue
            right = tokens[k + 1] if k + 1 < len(tokens) else None
            if word in self.conj:
                continue  # 和/及/与 (与 is tagged p) inside a name: the list logic (:meth:`_candidate`) has decided
            if _PHASE.fullmatch(word) or (
                _ORDINAL.fullmatch(word) and right is not None and right[2][0] == "n"
            ):
                continue  # a phase or an institution's ordinal is name material: 港航物流园一期, 第三水厂
            if tag in _MODIFIER_TAGS and right is not None \
                    and (_nominal(win, start, right) or right[2] in _MODIFIER_TAGS) \
                    and _inside_compound(win, start, tokens, k):
                continue  # between two nouns an adverb or time word is a modifier: 正极材料, 环城高速西段
            if tag in _CLOSED_TAGS or tag[0] == "u" or (tag == "f" and len(word) == 1):
                if word == "的" and s > 0 and win[start + s - 1] == CAP_MASK:
                    continue  # 年产3万吨的新型电子材料: 的 after a capacity stays in the name
                if tag[0] != "u" and len(word) == 1 and right is not None and _nominal(win, start, right):
                    continue  # one character of a place name the lexicon lacks: 范里镇, 蒙西至华中
                cut = e
                break
            if (tag[0] == "m" or tag == "q") and word[0] in _NUMERALS and not _SIZE.fullmatch(word):
                if k > 0 and (win[start + tokens[k - 1][1] - 1] in _MASK_CHARS or tokens[k - 1][2] == "eng"):
                    continue  # the measure word of a quantity or code inside the name: 50万头生猪, 3D四面
                cut = e
                break
            if tag[0] == "v":
                one = tag == "v" and len(word) == 1 and (right is None or not _nominal(win, start, right))
                if one or (right is not None and _governed(win, start, right)):
                    cut = e
                    break
                continue
            if not specific and (tag[0] == "n" or tag in _OPEN_SPECIFIC) and self.generic_sub.sub("", word):
                specific = True
        return start + cut, specific

    def _generic_kind(self, stem: str) -> Optional[str]:
        """``"word"`` if the stem is made of generic words (at most one other character left:
        ``在辽开工重大项目``), ``"descriptor"`` if of industry types too, else ``None``.
        Memoized: the same stems (``重点``, ``重大产业``) come back in every article."""
        kind = self._kinds.get(stem, _UNSEEN)
        if kind is _UNSEEN:
            if len(self._kinds) > 20_000:
                self._kinds.clear()
            kind = self._kinds[stem] = self._compute_generic_kind(stem)
        return kind  # type: ignore[return-value]

    def _compute_generic_kind(self, stem: str) -> Optional[str]:
        plain = stem.replace(NAME_MASK, "")
        if not plain.strip(CAP_MASK):
            return None if stem else "word"  # a capacity alone still names (年产5万吨项目)
        rest = self.generic_sub.sub("", plain)
        if _residue_generic(rest) or (rest != plain and _PLACE_ONLY.fullmatch(rest)):
            return "word"  # 嵩阳市第四季度重大(项目): a place and generic words name a category
        if self.rank_tail is not None:
            rk = self.rank_tail.search(plain)
            if rk is not None:
                # before the ranking adjective only a place, a level or generic words (省重点能源,
                # 高新区重点交通, 今年市级重大): a class of projects; a name before it
                # (南水北调重大水利) still names one
                before = self.desc_sub.sub("", plain[: rk.start()])
                if not before or before in ADMIN_PREFIX or _PLACE_ONLY.fullmatch(before):
                    return "word"
        if _residue_generic(self.desc_sub.sub("", plain)):
            return "descriptor"
        return None

    def _activities(self, left: str, right: str) -> bool:
        """``left 和 right`` + head is one name when both sides are activities on one object
        (``…一体化保护`` 和 ``修复``, ``…续建配套`` 与 ``现代化改造``): the right side names no
        thing of its own (only activity nouns, modifiers, industry types) and the left one ends
        in an activity noun. A right side with a place, an owner or a facility of its own
        (``B镇管网建设``) is a second item."""
        if self.act_end is None or not right or not self.act_end.search(left):
            return False
        return bool(self.act_only.fullmatch(right) and self.act_any.search(right))

    @staticmethod
    def _key(text: str) -> str:
        # 我市垃圾无害化处理项目 names the same project as 随州市垃圾无害化处理项目
        return _OWN_PLACE.sub("", text) if text[:1] in "我本全" else text

    @staticmethod
    def _company(text: str, p: Project, capacities: Sequence[Tuple[int, int, Dict[str, object]]]) -> Optional[str]:
        m = _COMPANY.match(p.text) if ("公司" in p.text or "集团" in p.text) else None
        if m and len(m.group()) < len(p.text):
            return m.group()
        # a brand before the capacity of the name: 星火弘源年产400万吨…项目 → 星火弘源
        inner = [cs for cs, ce, _ in capacities if p.start < cs and ce <= p.end]
        if inner:
            brand = text[p.start:min(inner)]
            plain = _BRAND.fullmatch(brand)
            if plain and 2 <= len(brand) <= 12 and not _ADMIN_END.search(brand):
                return brand
        return None


def _nominal(win: str, start: int, token: Tuple[int, int, str]) -> bool:
    """Whether a token is noun-like (a noun, a place, an unknown word, a mask): a one-character
    closed-class word before one may be a piece of a name the lexicon does not list."""
    tag = token[2]
    if tag[0] == "n" or tag in _OPEN_SPECIFIC:
        return True
    first = win[start + token[0]]
    # an admin word alone (县 is tagged zg) is a place's level: 县现代农机装备产业园
    return first in _MASK_CHARS or (token[1] - token[0] == 1 and first in ADMIN_PREFIX)


def _inside_compound(win: str, start: int, tokens: Sequence[Tuple[int, int, str]], k: int) -> bool:
    """Whether the modifier-tagged word ``tokens[k]`` (:data:`_MODIFIER_TAGS`) has a noun on its
    left, over other such words (``绕城/ns 高速/d 北段/t``): then it is inside a compound. An
    adverb or time word of the clause has a verb, a subject's end or nothing on its left."""
    for j in range(k - 1, -1, -1):
        if tokens[j][2] not in _MODIFIER_TAGS:
            return _nominal(win, start, tokens[j])
    return False


def _governed(win: str, start: int, token: Tuple[int, int, str]) -> bool:
    """Whether a token right of a verb is the start of a name that verb governs: a place, an
    organisation or a capacity (``考察东山…``, ``建设年产5万吨…``); before a common noun a verb
    is more often part of a compound (``循环经济``)."""
    return token[2] in ("ns", "nt") or win[start + token[0]] == CAP_MASK


def _longest_first(mention: Tuple[int, int, str]) -> Tuple[int, int]:
    return -(mention[1] - mention[0]), mention[0]


def _first_mention(p: Project) -> Tuple[int, int]:
    return min(p.mentions)


#: what a number mask covers right of its digits (``5亿元``, ``3个``): a boundary word met in such
#: characters on the raw text may be masked away in the window
_NUMBER_TAIL = frozenset("余多十百千万亿元个家项名人户亩年月日号")
#: characters a mask may turn into name material (a code's digits, a gloss's brackets) or that
#: may sit inside a number mask (decimal point, thousands separator)
_MASK_EDGE = frozenset("(（)）.,")


def _raw_exact(text: str, a: int, pos: int, other: bool) -> bool:
    """Whether the boundary match on the raw text covering ``text[a:pos]`` (``other``: a single
    non-name character) is the one the masked window gives, no capacity or amount being in reach.

    Masking changes only characters from a digit or an opening bracket rightwards (a number with
    its magnitudes and counter, a code, a gloss up to its closing bracket). Between the match and
    the head all characters are name characters, so none of them is masked; the match itself is
    left as it is unless it is a digit, bracket or separator, holds a digit (``3个``), or is
    preceded by a number's tail reaching back to a digit (``5亿元`` before a word in 元).

    A single separator or closing bracket is changed only in two cases, told from the characters
    before it: a point or comma inside a number (digits, points and commas run back to a digit:
    ``1,000``), a closing bracket ending a short gloss (``(二期)``, the only mask holding one).
    A point or comma after words (the clean text's ASCII comma) or a bracket closing anything
    else (``書(shū)``) is exact."""
    # the literals are _MASK_EDGE and _NUMBER_TAIL (compiled: C switches on one character)
    if other:
        ch = text[a]
        if ch.isdecimal() or ch in "(（":
            return False
        if ch in ".,":
            return not _in_number(text, a)
        if ch in ")）":
            return not _closes_gloss(text, a)
        return True
    for q in range(a, pos):
        ch = text[q]
        if ch.isdecimal():
            return False
    q = a - 1
    while q >= 0:
        ch = text[q]
        if ch not in "余多十百千万亿元个家项名人户亩年月日号":
            break
        q -= 1
    if q < 0:
        return True
    ch = text[q]
    # a point or comma there is a number's only when digits run back from it (``3,万元``); after
    # words (``…,确保…``) it leaves the tail unmasked
    return not (ch.isdecimal() or ch in "(（)）" or (ch in ".," and _in_number(text, q)))


def _in_number(text: str, a: int) -> bool:
    """Whether the point or comma at ``a`` is inside a number of ``_MASKS`` (``\\d[\\d.,]*``): the
    points, commas and digits right before it reach a digit."""
    q = a - 1
    while q >= 0:
        ch = text[q]
        if ch.isdecimal():
            return True
        if ch not in ".,":
            return False
        q -= 1
    return False


def _closes_gloss(text: str, a: int) -> bool:
    """Whether the closing bracket at ``a`` ends a gloss of ``_MASKS``: an opening bracket, then 1
    to 8 gloss characters (``[\\u4e00-\\u9fffA-Za-z0-9]``, no bracket among them) up to ``a``. A
    gloss holds no bracket, so the nearest opening bracket is the only one it can start at, and
    no earlier mask can take that bracket (numbers and codes hold none)."""
    q = a - 1
    while q >= 0 and a - q <= 9:
        ch = text[q]
        if ch in "(（":
            return a - q >= 2
        if not ("\u4e00" <= ch <= "\u9fff" or "A" <= ch <= "Z" or "a" <= ch <= "z" or "0" <= ch <= "9"):
            return False
        q -= 1
    return False


def _mask_match(m: re.Match) -> str:
    return (BOUNDARY_MASK if m.group("number") else NAME_MASK) * len(m.group())


def _residue_generic(rest: str) -> bool:
    """What is left of a stem after its generic words: nothing or one stray character
    (``在辽开工重大项目`` → ``辽``) names nothing, but a lone admin prefix does
    (``市现代装备制造产业园区`` is the city's park)."""
    return not rest or (len(rest) == 1 and rest not in ADMIN_PREFIX)


def _subsequence(short: str, long_: str) -> bool:
    if len(short) >= len(long_) or len(short) < 4:
        return False
    find = long_.find
    pos = 0
    for ch in short:  # str.find from the last hit: a C scan per character, stops at the first miss
        pos = find(ch, pos) + 1
        if not pos:
            return False
    return True
