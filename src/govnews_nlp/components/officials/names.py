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

import functools
import re
from typing import Collection, Dict, FrozenSet, Iterable, List, Optional, Protocol, Tuple

from ...pos_lexicon import PosLexicon
from ...word_regex import trie_pattern

#: Characters that do not occur in given names in this genre: function words and title/org words.
FUNCTION_CHARS = frozenset("的了在是和与及等要就对将把被从到并也还又都而这那有不市县区省镇乡委局厅府记讲话说届")
#: The grammatical words among them (not the title and org characters): a name may contain one
#: when grammar shows it is not acting as a word (see ``NameModel._function_char_in_name``).
GRAMMAR_CHARS = frozenset("的了在是和与及等要就对将把被从到并也还又都而这那有不")
#: A character that cannot be part of a given name: not Chinese, or a function character.
_BAD_GIVEN_RE = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff]|[" + "".join(sorted(FUNCTION_CHARS)) + "]")
#: A division word right after a reading means the reading is a place (常州市, 高安市).
PLACE_AFTER = frozenset("市县区省镇乡州村旗盟")


#: The middle dots of transliterated names.
_DOTS = "·•・"
#: The part before the dot of a transliterated name (沙吾提· in 沙吾提·买合木提).
_DOTTED_HEAD_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{1,6}[·•・]")

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


class PosTags(Protocol):
    """What the name model asks a part-of-speech lexicon (:class:`govnews_nlp.pos_lexicon.PosLexicon`):
    the tag of a word (None if unknown) and the most probable segmentation of a short text."""

    def tags(self, word: str) -> Optional[str]: ...

    def segment(self, text: str) -> List[Tuple[str, str]]: ...


#: Parts of speech (jieba's tags, by first letter) that bound a name printed right before them:
#: verbs (参与, 发来), prepositions (在, 对), conjunctions (和), adverbs (亲自), particles (等, 了),
#: pronouns (该). A verbal noun (调研 vn) is not among them: it also starts noun phrases.
BOUND_TAG_HEADS = frozenset("vpcdur")
#: The one-character words among them that bound a name (a one-character verb such as 参 or 发 is
#: too often a given-name character to count).
BOUND_TAG_HEADS_ONE_CHAR = frozenset("pcu")
#: Tags of a personal name (jieba: nr, nrt transliterated, nrfg) and of the other proper nouns a
#: minority name may coincide with (扎西 ns), and of characters the lexicon does not know (x).
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz", "x"})
#: Tags of a personal name only: a reading with a listed surname that the lexicon knows as another
#: word (候选人 n, 负责人 n) is that word, not a name.
PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
#: jieba's tags of the aspect particles 了 (ul), 着 (uz), 过 (ug).
ASPECT_TAGS = frozenset({"ul", "uz", "ug"})
#: How much text after a position is segmented to find the word that starts there.
SEGMENT_WINDOW = 8


def _bounds(word: str, tag: str) -> bool:
    """``word`` (tagged ``tag``) ends a name printed before it."""
    if not tag or tag == "vn":
        return False
    return tag[0] in (BOUND_TAG_HEADS if len(word) > 1 else BOUND_TAG_HEADS_ONE_CHAR)


@functools.lru_cache(maxsize=1)
def default_pos() -> PosTags:
    """The project's POS lexicon (``PosLexicon.default()``, jieba-derived, shipped in ``patterns/``,
    read once on first use). A lexicon that cannot be read is an error, not a silent fallback to
    the word lists: the names would quietly change."""
    return PosLexicon.default()


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class NameModel:
    """Surnames, follow words and non-names → ``resolve(text, pos)``: the end of the name at ``pos``."""

    def __init__(self, surnames: Iterable[str], follow: Iterable[str], nonnames: Iterable[str], *,
                 pos: Optional[PosTags] = None, use_pos: bool = True) -> None:
        """``pos``: a part-of-speech lexicon (:class:`PosTags`); None takes :func:`default_pos`
        unless ``use_pos`` is False (word lists only)."""
        self.pos: Optional[PosTags] = pos if pos is not None else (default_pos() if use_pos else None)
        self._tag_cache: Dict[str, FrozenSet[str]] = {}
        self._word_cache: Dict[str, Tuple[str, str]] = {}
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

    # -- the lexicon -------------------------------------------------------------------------------
    def tags(self, word: str) -> FrozenSet[str]:
        """The lexicon's tag of ``word`` as a set (empty without a lexicon or for an unknown word)."""
        got = self._tag_cache.get(word)
        if got is None:
            tag = self.pos.tags(word) if self.pos is not None else None
            got = frozenset((tag,)) if tag else frozenset()
            if len(self._tag_cache) > 65536:
                self._tag_cache.clear()
            self._tag_cache[word] = got
        return got

    def word_at(self, text: str, pos: int) -> Tuple[str, str]:
        """The word that starts at ``pos`` and its tag, by the lexicon's most probable segmentation
        of the next few characters (``("", "")`` without a lexicon or at the end).

        Why a segmentation and not the longest listed word: the dictionary lists debris (提在 v,
        seen three times), which a segmentation outweighs by the frequent words around it (提/在)."""
        if self.pos is None or pos >= len(text):
            return "", ""
        window = text[pos:pos + SEGMENT_WINDOW]
        got = self._word_cache.get(window)
        if got is None:
            seg = self.pos.segment(window)
            got = seg[0] if seg else ("", "")
            if len(self._word_cache) > 65536:
                self._word_cache.clear()
            self._word_cache[window] = got
        return got

    def bound_word(self, text: str, pos: int) -> int:
        """Length of the word at ``pos`` when its part of speech bounds a name printed before it (a
        verb 参与, a preposition 在, a conjunction 和, an adverb 亲自 …), else 0.

        Why: what follows a name in this genre is a predicate; the lexicon knows every verb,
        where a hand list of follow words knows only the ones seen."""
        word, tag = self.word_at(text, pos)
        return len(word) if word and _bounds(word, tag) else 0

    def _verb_with_aspect(self, text: str, pos: int) -> bool:
        """A one-character verb with an aspect particle after it (作了, 看着): a verb phrase."""
        word, tag = self.word_at(text, pos)
        if len(word) != 1 or not tag.startswith("v"):
            return False
        _, after = self.word_at(text, pos + 1)
        return after in ASPECT_TAGS

    def before_aspect(self, text: str, end: int) -> bool:
        """An aspect particle (了, 着, 过) right after ``end``: it attaches to a verb, never to a
        name, so a reading ending here has taken the verb (林海作|了)."""
        _, tag = self.word_at(text, end)
        return tag in ASPECT_TAGS

    def straddles(self, text: str, end: int) -> bool:
        """A bounding word (two characters or more) starts on the last character of a reading
        ending at ``end``: the reading cuts a verb in two (王某参|与了 → 王某)."""
        if end < 1:
            return False
        if self._listed_follow(text, end - 1):
            return True  # 张伟会|见: a listed follow word (会见) starts on the reading's last character
        word, tag = self.word_at(text, end - 1)
        return len(word) > 1 and _bounds(word, tag)

    def is_common_word(self, word: str, name_tags: FrozenSet[str] = PERSON_TAGS) -> bool:
        """The lexicon knows ``word`` and not as a name (候选人 n): a post word, not a person."""
        tags = self.tags(word)
        return bool(tags) and not (tags & name_tags)

    def _listed_follow(self, text: str, end: int) -> bool:
        """A follow word of two characters or more from the patterns file starts at ``end``."""
        m = self._follow_re.match(text, end) if text[end:end + 1] in self._follow_first else None
        return m is not None and m.end() - end > 1

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
        fs = 0.0
        if ch in self._follow_first:
            m = self._follow_re.match(text, end)
            if m:
                fs = 2.0 if m.end() - end > 1 else 1.0
        if fs < 2.0 and self.pos is not None:
            n = self.bound_word(text, end)
            if n:
                fs = max(fs, 2.0 if n > 1 else 1.0)
            elif self._verb_with_aspect(text, end):
                fs = 2.0
        if fs:
            return fs
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
        if (text.find("·", pos + 1, pos + 7) >= 0 or text.find("•", pos + 1, pos + 7) >= 0
                or text.find("・", pos + 1, pos + 7) >= 0):
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
            if self._function_char_in_name(text, pos, sur, lengths[1], bad):
                lengths = lengths[1:]
            elif limit < lengths[0]:
                return None
            else:
                lengths = lengths[:1]
        cached = counts if counts is not None and n_text <= 2 * AGREEMENT_WINDOW else None
        best_score, best_len, best_fs = 0.0, 0, 0.0
        once = False
        for length in lengths:
            end = pos + length
            fs = self.follow_strength(text, end)
            cand = text[pos:end]
            is_known = cand in known
            if direct and fs <= 0 and not is_known:
                continue
            if length >= 3 and not is_known and self.is_common_word(cand):
                continue  # 候选人, 负责人: a noun the lexicon knows, not a name
            if not is_known and fs < 3.0 and self.before_aspect(text, end):
                continue  # 林海作|了发言: the aspect particle needs the verb the reading took
            if length == 2 and cand[0] == cand[1]:
                continue  # a reduplicated word (殷殷嘱托, 常常), not a surname and its given name
            sc = fs + 3.0 if is_known else fs
            if not is_known and fs < 3.0 and not self._listed_follow(text, end) and self.straddles(text, end):
                # the reading's last character starts a verb (王某参|与, 苏虹陪|同调研); a listed follow
                # word after it (王强|调研 beside 王|强调) is the genre's own evidence and wins
                sc -= 2.0
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
                    if fs < 3.0 and not self._listed_follow(text, end):
                        # the lexicon's word after it (斯琴|毕力 d) is printed wherever the name is:
                        # it is the name's own continuation (斯琴毕力格), not a predicate
                        sc -= fs
            if length == 3:
                sc += 0.5
            if sc >= 1.0 and sc > best_score:
                best_score, best_len, best_fs = sc, length, fs
        if not best_len:
            return None
        self.last_strength = best_fs
        return pos + best_len

    def _function_char_in_name(self, text: str, pos: int, sur: int, longest: int,
                               bad: Optional[re.Match]) -> bool:
        """A function character as the first given-name character of a full-length name closed by
        punctuation (市长李在武, …): a preposition or conjunction needs words after it, and here
        one character and the punctuation follow, so it is part of the name."""
        end = pos + longest
        if bad is None or bad.start() != pos + sur or text[bad.start()] not in GRAMMAR_CHARS:
            return False
        if is_cjk(text[end:end + 1]) or end > len(text):
            return False
        return _BAD_GIVEN_RE.search(text, bad.start() + 1, end) is None

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
        for length in range(1, limit + 1):
            ch = text[pos + length:pos + length + 1]
            if ch and ch in _DOTS:
                # a dotted transliteration (买买提江·吾斯曼, 奇·达楞太): read whole or not at all
                return self._dotted_end(text, pos + length + 1)
        if self._starts_common_word(text, pos):
            return None
        for length in range(2, limit + 1):
            end = pos + length
            fs = self.follow_strength(text, end)
            if fs < 1.0:
                continue
            if length >= 3 and (fs >= 2.0 or self.pos is not None):
                # with a lexicon, a one-character preposition or conjunction (在, 对, 和) is grammar
                # enough after three characters (阿布来提在会上)
                return end
            # two characters (带头, 信箱 after a post) only with agreement, or closed by punctuation
            # when the lexicon knows no such word (阿木,)
            n = _count(text, text[pos:end], pos, counts)
            if n >= 2:
                if end < len(text) and _count(text, text[pos:end + 1], pos, counts) >= n:
                    continue  # every 斯琴 is 斯琴毕…: the name is longer, whatever the lexicon says follows
                return end
            if fs >= 3.0 and self.pos is not None and not self.tags(text[pos:end]):
                return end
            if fs >= 2.0 and self.pos is not None and self.bound_word(text, end) > 1:
                return None  # a verb follows (殷殷|嘱托): a longer reading would swallow it
        return None

    def _starts_common_word(self, text: str, pos: int) -> bool:
        """The word at ``pos`` (two characters or more) is not a name (亲切 a, 候选人 n): what
        follows a bare post is then ordinary text, not a name without a surname."""
        word, tag = self.word_at(text, pos)
        return len(word) > 1 and tag not in NAME_TAGS

    def _dotted_end(self, text: str, pos: int) -> Optional[int]:
        """End of the part after the dot of a transliterated name (``吾斯曼`` in 买买提江·吾斯曼),
        two to six characters closed by a cue (punctuation or a follow word; a one-character
        follow word only after three characters); the shortest such reading wins. None without
        one: the name is not read by halves."""
        bad = _UNLISTED_BAD_RE.search(text, pos, pos + MAX_UNLISTED)
        limit = (bad.start() if bad else min(len(text), pos + MAX_UNLISTED)) - pos
        for length in range(2, limit + 1):
            # a single-character cue (在, 说) only after three characters or more: 阿不|都 is no end
            end = pos + length
            if self.follow_strength(text, end) >= (1.0 if length >= 3 else 2.0):
                # 买合苏|提出|席 or 买合苏提|出席: the cue whose own end leaves a word behind it wins
                if length < limit and not self._clean_after_cue(text, end) \
                        and self.follow_strength(text, end + 1) >= 2.0 and self._clean_after_cue(text, end + 1):
                    return end + 1
                return end
        return None

    def _clean_after_cue(self, text: str, end: int) -> bool:
        """The cue word at ``end`` (a follow or bounding word) is followed by punctuation, a word of
        two characters or more, or a particle: the reading before it leaves no debris (提出|席点火)."""
        if self.pos is None:
            return True
        n = max(self.bound_word(text, end), 1)
        m = self._follow_re.match(text, end)
        if m:
            n = max(n, m.end() - end)
        after = end + n
        if not is_cjk(text[after:after + 1]):
            return True
        word, tag = self.word_at(text, after)
        return len(word) > 1 or (bool(tag) and tag[0] in BOUND_TAG_HEADS_ONE_CHAR)

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
