"""Readings and a Simplified word list: the evidence the script fixes and lost-character repair use.

* Readings come from ``patterns/readings.txt``: pypinyin's character table (``pinyin_dict``),
  folded once by ``scripts/build_readings.py`` into the (toneless syllable, tone) pairs compared
  here, so pypinyin is not imported at run time (importing it loads its phrase table, ~0.5 s).
* Words come from ``patterns/pinyin_words.txt`` (pypinyin's phrase table, about 47,000 Simplified
  words whose readings pypinyin had to record, derived by the same script), plus
  ``patterns/words.txt`` (123,000 common Simplified words of 2–4 characters derived from jieba's
  dictionary by ``scripts/build_words.py``; shipped, so the repairs behave the same whether jieba
  is installed or not), plus ``patterns/script_words.jsonl``.

Everything is loaded on first use only: clean text never pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Dict, FrozenSet, Optional, Set, Tuple

from .rules import extra_words

if TYPE_CHECKING:  # pragma: no cover
    from .tables import Tables

_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@lru_cache(maxsize=8192)
def fold_syllable(syllable: str) -> str:
    """Toneless lowercase ASCII form: ``chǎn`` → ``chan``, ``lǚ``/``lü`` → ``lv``, ``zhong1`` → ``zhong``."""
    s = syllable.lower().rstrip("12345")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", s).replace("ü", "v")


def tone_of(syllable: str) -> Optional[str]:
    """``"1"``..``"4"`` for a toned syllable (marks or a digit), ``None`` when toneless."""
    if syllable and syllable[-1] in "12345":
        return syllable[-1] if syllable[-1] != "5" else None
    for c in unicodedata.normalize("NFD", syllable):
        if c in _TONE_MARKS:
            return _TONE_MARKS[c]
    return None


READINGS_FILE = "readings.txt"
PINYIN_WORDS_FILE = "pinyin_words.txt"


def _packaged_lines(name: str) -> list:
    """The data lines of a shipped file of ``patterns/`` (``#`` lines are its source note)."""
    from ..lexicon import default_patterns_dir

    text = (default_patterns_dir() / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def _form(reading: str) -> Tuple[str, Optional[str]]:
    return (reading[:-1], reading[-1]) if reading[-1] in "1234" else (reading, None)


@lru_cache(maxsize=1)
def _reading_tables() -> Tuple[Dict[str, FrozenSet[Tuple[str, Optional[str]]]], Dict[str, Set[str]]]:
    """char → {(toneless, tone)}, and toneless syllable → chars (GB2312 Simplified-usable only).

    Read from ``patterns/readings.txt`` (``char[*]<TAB>syl+tone,...``; ``*``: in GB 2312). Equal
    readings share one frozenset, so the 41,000 characters cost a few thousand sets.
    """
    by_char: Dict[str, FrozenSet[Tuple[str, Optional[str]]]] = {}
    by_syl: Dict[str, Set[str]] = {}
    shared: Dict[str, FrozenSet[Tuple[str, Optional[str]]]] = {}
    for line in _packaged_lines(READINGS_FILE):
        key, _, value = line.partition("\t")
        forms = shared.get(value)
        if forms is None:
            forms = shared[value] = frozenset(_form(r) for r in value.split(","))
        char = key[0]
        by_char[char] = forms
        if key.endswith("*"):  # a lost character of a Simplified article is a common character
            for syl, _tone in forms:
                by_syl.setdefault(syl, set()).add(char)
    return by_char, by_syl


def readings(char: str) -> FrozenSet[Tuple[str, Optional[str]]]:
    return _reading_tables()[0].get(char, frozenset())


def is_reading(char: str, syllable: str) -> bool:
    """Is ``syllable`` (toned, tone-numbered or toneless) a reading of ``char``?

    Spinners write ``u`` for ``ü`` after j/q/x/y and sometimes ``v``; both are accepted.
    """
    syl = fold_syllable(syllable)
    tone = tone_of(syllable)
    for r_syl, r_tone in readings(char):
        if r_syl == syl or r_syl.replace("v", "u") == syl:
            if tone is None or r_tone is None or tone == r_tone:
                return True
    return False


@lru_cache(maxsize=1)
def valid_syllables() -> FrozenSet[str]:
    """Every toneless syllable pypinyin knows (``u`` spellings of ``ü`` included)."""
    syls = set(_reading_tables()[1])
    return frozenset(syls | {s.replace("v", "u") for s in syls})


@lru_cache(maxsize=4096)
def chars_for(syllable: str) -> FrozenSet[str]:
    """Common characters that ``syllable`` is a reading of (tone respected when given)."""
    syl = fold_syllable(syllable)
    by_syl = _reading_tables()[1]
    cands = set(by_syl.get(syl, ())) | set(by_syl.get(syl.replace("u", "v"), ()) if "u" in syl else ())
    return frozenset(c for c in cands if is_reading(c, syllable))


WORDS_FILE = "words.txt"


def shipped_words(tables: Optional[Tables] = None) -> Set[str]:
    """``words.txt``: one Han word per line, ``#`` lines are its source note; anything else
    fails with file:line."""
    from ..lexicon import LexiconError
    from .tables import resolve

    tables = resolve(tables)
    lines = tables.read(WORDS_FILE).split("\n")
    words = {w for w in lines if w and not w.startswith("#")}
    bad = [w for w in words if not _WORD_LINE.fullmatch(w)]
    if bad:
        lineno = lines.index(bad[0]) + 1
        raise LexiconError(f"{tables.source(WORDS_FILE)}:{lineno}: not a word of Han characters: {bad[0]!r}")
    return words


_WORD_LINE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


def word_set(tables: Optional[Tables] = None) -> FrozenSet[str]:
    """The Simplified word list (see the module docstring for its sources) of ``tables``."""
    from .tables import resolve

    return _word_set(resolve(tables))


@lru_cache(maxsize=1)
def pinyin_words() -> FrozenSet[str]:
    """pypinyin's phrase-table words (``patterns/pinyin_words.txt``, see the module docstring)."""
    return frozenset(_packaged_lines(PINYIN_WORDS_FILE))


@lru_cache(maxsize=8)
def _word_set(tables: Tables) -> FrozenSet[str]:
    words = shipped_words(tables)
    words.update(pinyin_words())
    words.update(extra_words(tables))
    return frozenset(words)


def longest_word_through(text: str, pos: int, char: str, words: FrozenSet[str], span: int = 4) -> int:
    """Length of the longest listed word that covers ``pos`` when ``text[pos]`` is ``char``."""
    best = 0
    n = len(text)
    for start in range(max(0, pos - span + 1), pos + 1):
        for end in range(pos + 1, min(n, start + span) + 1):
            if end - start < 2 or end - start <= best:
                continue
            cand = text[start:pos] + char + text[pos + 1:end]
            if cand in words:
                best = end - start
    return best
