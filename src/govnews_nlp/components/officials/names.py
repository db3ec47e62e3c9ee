"""Where a Chinese personal name ends, decided without a list of known people.

A name after a title is a surname (one character, or a compound such as 欧阳) plus one or two
given-name characters, so its length is 2, 3 or 4 and the question is only where it stops.
Evidence, each scored:

* what follows: punctuation or the end (strong), a word that typically follows a name in this
  genre (参加, 主持, 强调, 一行 …; a single character such as 在 or 说 counts less);
* agreement with the rest of the article: the same string printed elsewhere (罗清宇强调 …), and
  for a two-character reading, whether it also occurs without the third character;
* a light prior for three characters, the commonest length.

Readings that start with a non-name word (宣布, 高度, 常州 …), contain a function character, or are
followed by a division word (常州市, 高安市) are rejected.
"""

from __future__ import annotations

import re
from typing import Collection, Dict, Iterable, Optional, Tuple

from ...word_regex import trie_pattern

#: Characters that do not occur in given names in this genre: function words and title/org words.
FUNCTION_CHARS = frozenset("的了在是和与及等要就对将把被从到并也还又都而这那有不市县区省镇乡委局厅府记讲话说届")
#: A character that cannot be part of a given name: not Chinese, or a function character.
_BAD_GIVEN_RE = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff]|[" + "".join(sorted(FUNCTION_CHARS)) + "]")
#: A division word right after a reading means the reading is a place (常州市, 高安市).
PLACE_AFTER = frozenset("市县区省镇乡州村旗盟")


#: The part before the dot of a transliterated name (沙吾提· in 沙吾提·买合木提).
_DOTTED_HEAD_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{2,6}[·•・]")

#: Longest name read without a listed surname (Uyghur 阿布都热合曼 has six characters).
MAX_UNLISTED = 6
#: Characters a name read without a listed surname may not contain: function and title/org
#: characters (except 都 and 不, common in transliterated names: 阿布都, 阿不都), division words,
#: and the last characters of institutional nouns (热线, 办公室, 工作组), so that what follows
#: a bare post (市长热线) is not taken for a name.
_UNLISTED_BAD_RE = re.compile(
    "[^\u3400-\u4dbf\u4e00-\u9fff]|["
    + "".join(sorted((FUNCTION_CHARS - set("都不和")) | PLACE_AFTER | set("处室办组会部站所队院线题议项程务")))
    + "]")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class NameModel:
    """Surnames, follow words and non-names → ``resolve(text, pos)``: the end of the name at ``pos``."""

    def __init__(self, surnames: Iterable[str], follow: Iterable[str], nonnames: Iterable[str]) -> None:
        surnames = list(surnames)
        self.single = frozenset(s for s in surnames if len(s) == 1)
        self.compound = frozenset(s for s in surnames if len(s) == 2)
        follow = list(follow)
        self._follow_re = re.compile(trie_pattern(follow))
        self._follow_first = frozenset(w[0] for w in follow if w)
        self.nonnames = frozenset(nonnames)
        # "a non-name word or a follow word starts here" in one regex call (a trie of the union
        # matches exactly where one of the two would)
        self._no_start_re = re.compile(trie_pattern([*self.nonnames, *follow], guard=True))
        #: the follow strength after the end :meth:`resolve` last returned (the caller asks it next:
        #: kept rather than computed twice); meaningless after a None
        self.last_strength = 0.0

    # -- candidate readings ----------------------------------------------------------------------
    def readings(self, text: str, pos: int) -> Tuple[int, ...]:
        """Possible name lengths at ``pos`` (surname + 1 or 2 given characters)."""
        if text[pos:pos + 2] in self.compound:
            sur, lengths = 2, (3, 4)
        elif text[pos:pos + 1] in self.single:
            sur, lengths = 1, (2, 3)
        else:
            return ()
        # a non-name word (宣布, 高度, 常州) or a follow word (强调, 在) at pos starts no name
        if self._no_start_re.match(text, pos):
            return ()
        bad = _BAD_GIVEN_RE.search(text, pos + sur, pos + lengths[1])
        limit = bad.start() - pos if bad else len(text) - pos
        if limit >= lengths[1]:
            return lengths
        return lengths[:1] if limit >= lengths[0] else ()

    def is_name_form(self, s: str) -> bool:
        """``s`` as a whole reads as a name (used for names printed before a title: 曲伟副市长)."""
        return len(s) in self.readings(s + "。", 0) and s not in self.nonnames

    # -- evidence -------------------------------------------------------------------------------
    def follow_strength(self, text: str, end: int) -> float:
        ch = text[end:end + 1]
        if not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"):  # punctuation or the end
            return 3.0
        if ch in self._follow_first:
            m = self._follow_re.match(text, end)
            if m:
                return 2.0 if m.end() - end > 1 else 1.0
        if ch in PLACE_AFTER:
            return -2.0
        return 0.0

    def score(self, text: str, pos: int, length: int, known: Collection[str] = (),
              counts: Optional[Dict[str, int]] = None) -> float:
        """The evidence for the reading ``text[pos:pos+length]`` (≥ 1 to be accepted)."""
        cand = text[pos:pos + length]
        return self.follow_strength(text, pos + length) + self._agreement(text, pos, length, cand, known, counts)

    def resolve(self, text: str, pos: int, known: Collection[str] = (), direct: bool = False,
                counts: Optional[Dict[str, int]] = None) -> Optional[int]:
        """End offset of the name starting at ``pos``, or None.

        ``direct``: require evidence right after the name (punctuation or a follow word), as for
        the later names of a list (``市领导郑伟、胡传栋、常夫建参加``).
        """
        # a transliterated name with a middle dot (沙吾提·买合木提) is read whole, never by its first part
        if (text.find("·", pos + 2, pos + 7) >= 0 or text.find("•", pos + 2, pos + 7) >= 0
                or text.find("・", pos + 2, pos + 7) >= 0):
            head = _DOTTED_HEAD_RE.match(text, pos)
            if head is not None:
                return self._dotted_end(text, head.end())
        # readings, follow strength and agreement inlined: this runs for every name after a title
        n_text = len(text)
        if text[pos:pos + 2] in self.compound:
            sur, lengths = 2, (3, 4)
        elif text[pos:pos + 1] in self.single:
            sur, lengths = 1, (2, 3)
        else:
            return None
        if self._no_start_re.match(text, pos):
            return None
        bad = _BAD_GIVEN_RE.search(text, pos + sur, pos + lengths[1])
        limit = bad.start() - pos if bad else n_text - pos
        if limit < lengths[1]:
            if limit < lengths[0]:
                return None
            lengths = lengths[:1]
        cached = counts if counts is not None and n_text <= 2 * AGREEMENT_WINDOW else None
        follow_first, follow_match = self._follow_first, self._follow_re.match
        best_score, best_len, best_fs = 0.0, 0, 0.0
        once = False
        for length in lengths:
            end = pos + length
            ch = text[end:end + 1]
            if not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"):
                fs = 3.0
            elif ch in follow_first and (m := follow_match(text, end)):
                fs = 2.0 if m.end() - end > 1 else 1.0
            elif ch in PLACE_AFTER:
                fs = -2.0
            else:
                fs = 0.0
            cand = text[pos:end]
            is_known = cand in known
            if direct and fs <= 0 and not is_known:
                continue
            sc = fs + 3.0 if is_known else fs
            if once:  # the shorter reading is printed once, so this longer one is too
                n = 1
                if cached is not None:
                    cached[cand] = 1
            else:
                n = cached.get(cand) if cached is not None else None
                if n is None:
                    n = _count(text, cand, pos, counts)
                once = n == 1
            if n >= 2:
                sc += 1.5
                if length == 2 and pos + 3 <= n_text and _count(text, text[pos:pos + 3], pos, counts) >= n:
                    sc -= 1.0
            if length == 3:
                sc += 0.5
            if sc >= 1.0 and sc > best_score:
                best_score, best_len, best_fs = sc, length, fs
        if not best_len:
            return None
        self.last_strength = best_fs
        return pos + best_len

    def resolve_unlisted(self, text: str, pos: int, counts: Optional[Dict[str, int]] = None) -> Optional[int]:
        """End of a name at ``pos`` whose surname is not on the list, or None.

        Rare Han surnames (芦志航) and non-Han names (Yi 阿措木嘎, Mongolian 乌兰其其格, Uyghur
        阿布都热合曼) cannot be bounded by a surname. The caller only asks right after a title
        chain; the name must then end in a clear cue: punctuation or a multi-character follow
        word (出席, 关于) for three characters or more, or, for any length, the same string
        printed again in the article. The shortest reading with a cue wins.
        """
        if self._no_start_re.match(text, pos):
            return None
        bad = _UNLISTED_BAD_RE.search(text, pos, pos + MAX_UNLISTED)
        limit = (bad.start() if bad else min(len(text), pos + MAX_UNLISTED)) - pos
        for length in range(2, limit + 1):
            end = pos + length
            if text[end:end + 1] in "·•・":
                # a dotted transliteration (买买提江·吾斯曼): read whole or not at all
                return self._dotted_end(text, end + 1)
            fs = self.follow_strength(text, end)
            if fs < 1.0:
                continue
            # two characters (带头, 信箱 after a post) only with agreement: the same string again
            if (fs >= 2.0 and length >= 3) or _count(text, text[pos:end], pos, counts) >= 2:
                return end
        return None

    def _dotted_end(self, text: str, pos: int) -> Optional[int]:
        """End of the part after the dot of a transliterated name (``吾斯曼`` in 买买提江·吾斯曼),
        two to six characters closed by a cue (punctuation or a follow word; a one-character
        follow word only after three characters); the shortest such reading wins. None without
        one: the name is not read by halves."""
        bad = _UNLISTED_BAD_RE.search(text, pos, pos + MAX_UNLISTED)
        limit = (bad.start() if bad else min(len(text), pos + MAX_UNLISTED)) - pos
        for length in range(2, limit + 1):
            # a single-character cue (在, 说) only after three characters or more: 阿不|都 is no end
            if self.follow_strength(text, pos + length) >= (1.0 if length >= 3 else 2.0):
                return pos + length
        return None

    def absorb_he(self, text: str, pos: int, end: int) -> int:
        """``end``, or ``end + 1`` when the 和 after the name is its last character (冼春和).

        和 after a name is usually a conjunction (张明和李华), but a conjunction is never
        followed by the list delimiter ``、`` nor by what follows a name (参加, punctuation):
        ``县领导冼春和、巫雅琪参加``, ``副县长冼春和出席``. The name must stay within the
        length its surname allows (3 after a single one, 4 after a compound one, 6 unlisted).
        """
        if text[end:end + 1] != "和":
            return end
        if text[pos:pos + 2] in self.compound:
            longest = 4
        elif text[pos:pos + 1] in self.single:
            longest = 3
        else:
            longest = MAX_UNLISTED
        if end + 1 - pos > longest:
            return end
        nxt = text[end + 1:end + 2]
        if nxt == "、" or self.follow_strength(text, end + 1) >= 2.0:
            return end + 1
        return end

    def _agreement(self, text: str, pos: int, length: int, cand: str, known: Collection[str],
                   counts: Optional[Dict[str, int]]) -> float:
        s = 3.0 if cand in known else 0.0
        n = counts.get(cand) if counts is not None and len(text) <= 2 * AGREEMENT_WINDOW else None
        if n is None:
            n = _count(text, cand, pos, counts)
        if n >= 2:
            s += 1.5
            if length == 2 and pos + 3 <= len(text) and _count(text, text[pos:pos + 3], pos, counts) >= n:
                s -= 1.0  # every other 罗清 is 罗清宇: the name is the longer one
        if length == 3:
            s += 0.5
        return s


#: Agreement is looked for this far on either side of a name: an article, not a whole corpus
#: pasted into one Doc (counting over all of a 10 MB text for every name would be quadratic).
AGREEMENT_WINDOW = 4000


def _count(text: str, s: str, pos: int, cache: Optional[Dict[str, int]]) -> int:
    if len(text) > 2 * AGREEMENT_WINDOW:
        return text.count(s, max(0, pos - AGREEMENT_WINDOW), pos + AGREEMENT_WINDOW)
    if cache is None:
        return text.count(s)
    n = cache.get(s)
    if n is None:
        n = cache[s] = text.count(s)
    return n
