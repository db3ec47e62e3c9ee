"""ProjectFinder's regex building blocks (the finder itself is tested through the component in
test_capacity.py)."""

from __future__ import annotations

import random
import re

from govnews_nlp.components.capacity_rules import ProjectBoundaryRule
from govnews_nlp.components.projects import _alt, _trie_alt
from govnews_nlp.lexicon import default_patterns_dir, load_rules


def test_trie_alternation_examples():
    assert _trie_alt(["在于", "在", "的"]) == "在(?:于|)|的"
    assert _trie_alt([]) == r"(?!)"
    assert re.fullmatch(_trie_alt(["a.b", "a"]), "a.b")  # escaped


def test_trie_alternation_matches_like_the_plain_one():
    """Same match at every position of random text, on the real boundary words (reversed, as the
    finder uses them) and on words that are prefixes of each other."""
    rules = load_rules(default_patterns_dir() / "project_boundaries.jsonl", ProjectBoundaryRule)
    words = [r.surface[::-1] for r in rules]
    rng = random.Random(3)
    for vocab in (words, ["a", "ab", "abc", "abd", "b", "bc", "ca"]):
        plain, trie = re.compile(_alt(vocab)), re.compile(_trie_alt(vocab))
        pieces = [*vocab, *sorted(set("".join(vocab))), "x"]  # whole words, their characters
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(5))
            for pos in range(len(text)):
                a, b = plain.match(text, pos), trie.match(text, pos)
                assert (a and a.group()) == (b and b.group()), (text, pos)
