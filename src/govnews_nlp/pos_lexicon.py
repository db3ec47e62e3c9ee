"""A part-of-speech lexicon and a dictionary segmentation, for finding where phrases start and end.

Why: where a project name or a slogan begins is a grammatical fact. A name is a noun phrase: it
never runs over a verb (``考察``), a preposition (``向``), an adverb (``早日``), a pronoun or a
classifier, and such boundaries should come from a dictionary that knows parts of speech, not from
a list grown one word per article. The words and tags are jieba's (``dict.txt``, MIT licence:
~295,000 Simplified words with their tag and corpus frequency), derived by
``scripts/build_pos_lexicon.py`` into ``patterns/pos_lexicon.txt`` and shipped, so nothing here
needs jieba at run time.

:meth:`PosLexicon.segment` is jieba's dictionary segmentation without its HMM: the route through
the word graph of largest product of word probabilities. Characters no word covers are grouped
into one token (tag ``x``: usually a proper name jieba does not list), digit runs are numerals
(``m``), Latin letter runs ``eng``, punctuation and spaces ``x``. Callers that know words the
dictionary lacks (the people the officials component found) pass them as ``words`` (extra
dictionary entries, weighted just enough to be cut whole, as jieba's ``suggest_freq`` does) or as
``fixed`` character spans that are always one token.

Loading takes about a second, so :meth:`PosLexicon.default` loads on first use and caches; importing
this module (or ``govnews_nlp``) reads nothing.
"""

from __future__ import annotations

import math
import operator
import re
import sys
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

LEXICON_FILE = "pos_lexicon.txt"
#: tag of characters no dictionary word covers, of punctuation and of spaces (jieba's ``x``)
UNKNOWN = "x"
#: tag of a fixed span given without one (the officials component's people)
PERSON = "nr"
_TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*%?)"
    r"|(?P<word>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z]+)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.S,
)
_ASCII_LETTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

Span = Union[Tuple[int, int], Tuple[int, int, str]]
#: extra words of one call: word -> (tag, log probability)
Extra = Optional[Dict[str, Tuple[str, float]]]


class PosLexicon:
    """Words with a part-of-speech tag (jieba's tag set: ``n`` nouns, ``ns`` places, ``nt``
    organisations, ``nz`` other proper nouns, ``v`` verbs, ``vn`` verbal nouns, ``p`` prepositions,
    ``d`` adverbs, ``r`` pronouns, ``m``/``q`` numerals and classifiers, ``c`` conjunctions, ``u``
    particles …) and a frequency, and the segmentation they allow."""

    def __init__(self, entries: Iterable[Tuple[str, str, int]]) -> None:
        """``entries``: ``(word, tag, frequency)``; a later entry of a word replaces an earlier one.
        Frequencies must be positive (they become log probabilities)."""
        entries = list(entries)
        for word, tag, freq in entries:
            if not word or freq <= 0:
                raise ValueError(f"bad lexicon entry {word!r} {tag!r} {freq!r}: need a word and a positive frequency")
        self._set_columns([e[0] for e in entries], [e[1] for e in entries], [e[2] for e in entries])

    def _set_columns(self, words: List[str], tags: List[str], freqs: List[int]) -> None:
        """Build the tables from parallel columns (checked by the caller). Column-wise, with the
        per-word work in C (``dict(zip(...))``, ``map``): the shipped lexicon has 294k words and
        is read in every process that segments, so its load is part of every cold start."""
        canon = {t: sys.intern(t) for t in set(tags)}
        self._tags: Dict[str, str] = dict(zip(words, map(canon.__getitem__, tags)))
        freq_of = dict(zip(words, freqs))
        total = sum(freq_of.values()) or 1
        log_total = math.log(total)
        self._logp: Dict[str, float] = dict(
            zip(freq_of.keys(), map(operator.sub, map(math.log, freq_of.values()), repeat(log_total)))
        )
        #: a character no word starts with is cut alone, with jieba's frequency for it (1)
        self._unknown_logp = -log_total
        #: the longest word starting with each character: the graph tries no longer substrings
        self._longest: Dict[str, int] = {w[0]: len(w) for w in sorted(self._tags, key=len)}

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Union[str, Path]) -> PosLexicon:
        """Read a ``word<TAB>tag<TAB>frequency`` file (``#`` lines are its header); a malformed
        line raises ``ValueError`` naming the file and the line."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        body = _without_header(text)
        flat = body.rstrip("\n").replace("\n", "\t").split("\t") if body.strip() else []
        words, tags, freqs = flat[0::3], flat[1::3], flat[2::3]
        # the common case checked column-wise; anything odd is found again line by line, for the
        # error message that names the line
        if len(flat) % 3 or not all(words) or not all(map(str.isdigit, freqs)):
            return cls(_entries_checked(path, text))
        lexicon = cls.__new__(cls)
        counts = list(map(int, freqs))
        if counts and min(counts) <= 0:
            return cls(_entries_checked(path, text))
        lexicon._set_columns(words, tags, counts)
        return lexicon

    @classmethod
    def default(cls) -> PosLexicon:
        """The shipped lexicon (``patterns/pos_lexicon.txt``), loaded once per process on first use."""
        return _default()

    # -- look-ups ----------------------------------------------------------------------------
    def tags(self, word: str) -> Optional[str]:
        """The word's part-of-speech tag, or ``None`` when the lexicon does not list it."""
        return self._tags.get(word)

    def __contains__(self, word: object) -> bool:
        return word in self._tags

    def __len__(self) -> int:
        return len(self._tags)

    # -- segmentation ------------------------------------------------------------------------
    def segment(
        self, text: str, words: Optional[Mapping[str, str]] = None, fixed: Sequence[Span] = ()
    ) -> List[Tuple[str, str]]:
        """``text`` cut into ``(word, tag)`` pairs whose words join back to ``text``.

        ``words``: extra entries (word → tag) for this call, e.g. names found in the Doc; each is
        weighted just enough to beat its own best split. ``fixed``: ``(start, end)`` or
        ``(start, end, tag)`` character spans that are always one token (tag ``nr`` by default);
        they must lie inside the text and not overlap (``ValueError`` otherwise)."""
        return [(text[s:e], tag) for s, e, tag in self.spans(text, words, fixed)]

    def spans(
        self, text: str, words: Optional[Mapping[str, str]] = None, fixed: Sequence[Span] = (),
        group_singles: bool = False,
    ) -> List[Tuple[int, int, str]]:
        """:meth:`segment` as ``(start, end, tag)`` character offsets into ``text``.

        ``group_singles``: a run of two or more one-character Han words (particles ``u…`` apart)
        becomes one unknown word (``x``). jieba gives such runs to its HMM, because a name the
        dictionary lacks falls apart into characters with accidental tags (``君正`` → ``君/nz
        正/d``, ``杜关`` → ``杜/nr 关/v``); a boundary finder must not read those tags."""
        extra = self._extra(words) if words else None
        out: List[Tuple[int, int, str]] = []
        pos = 0
        for span in sorted(_check_fixed(text, fixed)):
            s, e = span[0], span[1]
            self._cut(text, pos, s, extra, out)
            out.append((s, e, span[2] if len(span) > 2 else PERSON))  # type: ignore[misc]
            pos = e
        self._cut(text, pos, len(text), extra, out)
        return _group_singles(text, out) if group_singles else out

    def _extra(self, words: Mapping[str, str]) -> Dict[str, Tuple[str, float]]:
        """Extra words with a log probability: the larger of their own and just above the best
        route through their characters without them (jieba's ``suggest_freq`` idea)."""
        out: Dict[str, Tuple[str, float]] = {}
        for w, tag in words.items():
            if not w:
                continue
            best = self._route(w, 0, len(w), None)[0][0]
            own = self._logp.get(w, -math.inf)
            out[w] = (tag, max(own, best + 1e-6))
        return out

    def _cut(
        self, text: str, lo: int, hi: int, extra: Extra, out: List[Tuple[int, int, str]]
    ) -> None:
        for m in _TOKEN_RE.finditer(text, lo, hi):
            kind = m.lastgroup
            if kind == "num":
                out.append((m.start(), m.end(), "m"))
            elif kind == "word":
                self._cut_words(text, m.start(), m.end(), extra, out)
            else:
                out.append((m.start(), m.end(), UNKNOWN))

    def _route(
        self, text: str, lo: int, hi: int, extra: Extra
    ) -> Tuple[List[float], List[int]]:
        """jieba's max-probability route over ``text[lo:hi]``: ``score[i]`` is the best log
        probability of ``text[lo + i:hi]``, ``nxt[i]`` the end (window offset) of its first word;
        on a tie the longer word wins, as in jieba."""
        n = hi - lo
        score = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        logp = self._logp
        longest = self._longest
        extra_long = max((len(w) for w in extra), default=0) if extra else 0
        unknown = self._unknown_logp
        for i in range(n - 1, -1, -1):
            a = lo + i
            reach = min(n - i, max(longest.get(text[a], 1), extra_long))
            best = -math.inf
            best_j = i + 1
            for k in range(1, reach + 1):
                w = text[a:a + k]
                lp = logp.get(w)
                if extra is not None and w in extra:
                    lp = extra[w][1]
                if lp is None:
                    if k != 1:
                        continue
                    lp = unknown
                v = lp + score[i + k]
                if v >= best:
                    best, best_j = v, i + k
            score[i] = best
            nxt[i] = best_j
        return score, nxt

    def _cut_words(
        self, text: str, lo: int, hi: int, extra: Extra, out: List[Tuple[int, int, str]]
    ) -> None:
        _, nxt = self._route(text, lo, hi, extra)
        tags = self._tags
        i = 0
        n = hi - lo
        run = -1  # start (window offset) of a run of characters no word covers
        while i < n:
            j = nxt[i]
            w = text[lo + i:lo + j]
            tag = extra[w][0] if extra is not None and w in extra else tags.get(w)
            if tag is None:  # a lone uncovered character: grouped with its uncovered neighbours
                if run >= 0 and (w in _ASCII_LETTER) != (text[lo + run] in _ASCII_LETTER):
                    out.append(_unknown_run(text, lo + run, lo + i))
                    run = -1
                if run < 0:
                    run = i
            else:
                if run >= 0:
                    out.append(_unknown_run(text, lo + run, lo + i))
                    run = -1
                out.append((lo + i, lo + j, tag))
            i = j
        if run >= 0:
            out.append(_unknown_run(text, lo + run, hi))


def _group_singles(text: str, spans: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
    out: List[Tuple[int, int, str]] = []
    run: List[Tuple[int, int, str]] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append((run[0][0], run[-1][1], UNKNOWN))
        else:
            out.extend(run)
        run.clear()

    for span in spans:
        s, e, tag = span
        if e - s == 1 and tag[0] != "u" and "\u3400" <= text[s] <= "\u9fff":
            run.append(span)
        else:
            flush()
            out.append(span)
    flush()
    return out


def _unknown_run(text: str, s: int, e: int) -> Tuple[int, int, str]:
    return (s, e, "eng" if text[s] in _ASCII_LETTER else UNKNOWN)


def _check_fixed(text: str, fixed: Sequence[Span]) -> List[Span]:
    spans = sorted(fixed)
    prev = 0
    for span in spans:
        s, e = span[0], span[1]
        if not (0 <= s < e <= len(text)):
            raise ValueError(f"fixed span {span!r} is empty or outside the text (length {len(text)})")
        if s < prev:
            raise ValueError(f"fixed span {span!r} overlaps the one before it")
        prev = e
    return spans


def _without_header(text: str) -> str:
    """``text`` after its leading ``#`` lines."""
    pos = 0
    while text.startswith("#", pos):
        nl = text.find("\n", pos)
        if nl < 0:
            return ""
        pos = nl + 1
    return text[pos:]


def _entries_checked(path: Path, text: str) -> List[Tuple[str, str, int]]:
    """The entries of a lexicon file read line by line, ``ValueError`` at the first bad line."""
    entries: List[Tuple[str, str, int]] = []
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].isdigit() or not parts[0]:
            raise ValueError(f"{path}:{no}: expected word<TAB>tag<TAB>frequency, got {line.rstrip()!r}")
        entries.append((parts[0], parts[1], int(parts[2])))
    return entries


@lru_cache(maxsize=1)
def _default() -> PosLexicon:
    from .lexicon import default_patterns_dir

    return PosLexicon.load(default_patterns_dir() / LEXICON_FILE)
