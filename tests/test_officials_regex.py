"""``trie_pattern``: the trie-shaped regex must match exactly what a longest-first alternation of
the same words matches (same leftmost-longest hits), with and without its first-character guard.

The shape of the trie is a speed choice (first characters listed one by one at the top so that
``re`` prefilters a search; a lookahead guard for patterns used with ``match``), so the words and
texts here are random over a small alphabet, where prefixes, shared first characters and
single-character words collide often.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp.word_regex import trie_pattern

ALPHABET = "书记市长委员会主任副和平a-("  # CJK, ASCII and regex metacharacters
words_st = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12)
text_st = st.text(alphabet=ALPHABET, max_size=40)


def _reference(words):
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(words_st, text_st)
def test_trie_finds_what_the_alternation_finds(words, text):
    ref = _reference(words)
    for guard in (False, True):
        trie = re.compile(trie_pattern(words, guard=guard))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in ref.finditer(text)]
        for pos in range(len(text) + 1):
            got, want = trie.match(text, pos), ref.match(text, pos)
            assert (got and got.span()) == (want and want.span())


def test_empty_list_matches_nothing():
    assert re.search(trie_pattern([]), "书记") is None
    assert re.search(trie_pattern(["", ""], guard=True), "书记") is None


def test_examples():
    pat = re.compile(trie_pattern(["书记", "书记处书记", "市长", "长"]))
    assert [m.group() for m in pat.finditer("市委书记处书记、市长、长")] == ["书记处书记", "市长", "长"]
    guarded = re.compile(trie_pattern(["和", "和平"], guard=True))
    assert guarded.match("和平区").group() == "和平"
    assert guarded.match("平和") is None
