"""``著`` as the aspect particle ``着`` after a verb, judged by the word before it.

Why: OpenCC ``t2s`` leaves ``著`` alone, because in Simplified it is still the zhù of 著名, 显著,
名著, 著作. After a verb it is the particle ``着`` (标志着, 围绕着, 发生着), and listing every
verb + 着 pair would be a list that never ends. The word before ``著`` is found with the POS
lexicon (jieba's tags, :mod:`govnews_nlp.pos_lexicon`), and its part of speech decides:

* a verb (tags ``v…``) or a preposition (``p``: 随, 沿, 朝) → ``着``;
* a noun or adjective (``n``, ``a``, ``an``, ``ad``) → ``着`` only when a Chinese character
  follows (``标志著我县``: jieba tags 标志 as a noun; ``红著脸``), since a zhù after a noun is
  an author credit that ends there (``编委会著``);
* anything else (names ``nr``: ``鲁迅著``, places, organisations, characters the lexicon does
  not know) → ``著`` stays.

The caller (``script_words``) asks only about a ``著`` no listed ``著`` word covers (著名, 显著,
卓著, 著作权 stay whatever precedes them). The lexicon is loaded on the first such ``著``.
"""

from __future__ import annotations

from typing import Optional, Sequence

#: tags of the word before 著 that make it the particle whatever follows
_ALWAYS = ("v", "p")
#: tags that do when a Chinese character follows
_BEFORE_HAN = frozenset({"n", "a", "an", "ad"})
#: how far back the word before 著 is looked for (the longest lexicon words of interest are 4)
_WINDOW = 8


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def word_before(chars: Sequence[str], pos: int) -> Optional[str]:
    """The last word of the run of Chinese characters ending at ``pos`` (the lexicon's
    segmentation of up to :data:`_WINDOW` characters), or ``None`` when none precedes."""
    start = pos
    while start > 0 and pos - start < _WINDOW and _is_han(chars[start - 1]):
        start -= 1
    if start == pos:
        return None
    from ..pos_lexicon import PosLexicon

    tokens = PosLexicon.default().segment("".join(chars[start:pos]))
    return tokens[-1][0] if tokens else None


def is_aspect_particle(chars: Sequence[str], pos: int) -> bool:
    """Is the ``著`` at ``chars[pos]`` the particle ``着``, by the part of speech of the word before?"""
    word = word_before(chars, pos)
    if word is None:
        return False
    from ..pos_lexicon import PosLexicon

    tag = PosLexicon.default().tags(word)
    if tag is None:
        return False
    if tag.startswith(_ALWAYS):
        return True
    return tag in _BEFORE_HAN and pos + 1 < len(chars) and _is_han(chars[pos + 1])
