"""ProjectFinder's regex building blocks (the finder itself is tested through the component in
test_capacity.py)."""

from __future__ import annotations

import random
import re

import pytest

from govnews_nlp.components.capacity.projects import _alt, _trie_alt
from govnews_nlp.components.capacity.rules import ProjectBoundaryRule
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


def _finder():
    from govnews_nlp.components.capacity.projects import ProjectFinder
    from govnews_nlp.components.capacity.rules import ProjectGenericRule, ProjectSuffixRule

    d = default_patterns_dir()
    return ProjectFinder(
        load_rules(d / "project_suffixes.jsonl", ProjectSuffixRule),
        load_rules(d / "project_boundaries.jsonl", ProjectBoundaryRule),
        load_rules(d / "project_generic.jsonl", ProjectGenericRule),
    )


def test_raw_boundary_is_the_masked_one(monkeypatch):
    """The one-call path (boundary found on the raw text, kept when :func:`_raw_exact` says masking
    would not change it) gives what the masked window gives, on random text made of what masking
    touches: numbers with magnitudes and counters, codes, glosses, separators, next to boundary
    words, generic words and heads."""
    from govnews_nlp.components.capacity import projects

    if not projects.__file__.endswith(".py"):
        pytest.skip("compiled: module functions are bound at compile time")
    finder = _finder()
    rules = load_rules(default_patterns_dir() / "project_boundaries.jsonl", ProjectBoundaryRule)
    words = [r.surface for r in rules]
    pieces = [
        "5", "12", "1.5", "3,000", "年度", "亿", "万", "元", "个", "年", "号", "余", "(二期)", "（一期）", "3D", "5G",
        "，", "。", "、", "和", ".", ",", "%", "“", "”", "东明县", "化工", "重点", "新材料", "集团",
        ")", "）", "(", "（", "(shū)", "(ab)", "2023", "A", "一二三四五六七八九",
        "垃圾处理", "项目", "工程", "产业园", "基地", "园区",
    ]
    rng = random.Random(7)

    def piece() -> str:
        return rng.choice(words) if rng.random() < 0.15 else rng.choice(pieces)

    texts = ["".join(piece() for _ in range(rng.randint(3, 14))) for _ in range(4000)]
    fast = [[(p.start, p.end, p.mentions) for p in finder.find(t)] for t in texts]
    monkeypatch.setattr(projects, "_raw_exact", lambda *a: False)
    slow = [[(p.start, p.end, p.mentions) for p in finder.find(t)] for t in texts]
    assert sum(map(len, slow)) > 300  # the texts do hold names
    for t, a, b in zip(texts, fast, slow):
        assert a == b, t


def test_org_ending_is_the_org_regex():
    """``stem.endswith(org_ends)`` (the organisation words are plain words) decides as the
    ``org_re`` search did, on stems made of organisation words, their parts and name characters."""
    finder = _finder()
    assert finder.org_ends and finder.org_re is not None
    rng = random.Random(11)
    parts = [*finder.org_ends, "有限", "委员", "东明县", "化工", "局长", "公", "司", "集", "团", "A"]
    stems = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    hits = 0
    for stem in stems:
        by_regex = bool(finder.org_re.search(stem))
        assert stem.endswith(finder.org_ends) == by_regex, stem
        hits += by_regex
    assert 0 < hits < len(stems)


def test_character_literals_are_the_named_sets():
    """The per-head tests compare one character with literals (C switches when compiled): they
    must hold exactly the characters of the named sets that document them."""
    import ast
    import inspect

    from govnews_nlp.components.capacity import projects

    if not projects.__file__.endswith(".py"):
        pytest.skip("compiled: no source to read")
    src = inspect.getsource(projects)
    found = {ast.literal_eval(f'"{lit}"') for lit in re.findall(r'in "((?:[^"\\\n]|\\.)*)"', src)}
    # _MASK_EDGE is tested in two halves: brackets (glosses) and separators (numbers)
    for name, parts in (("_HARD_STOPS", 1), ("_NUMBER_TAIL", 1), ("_MASK_EDGE", 2)):
        chars = getattr(projects, name)
        inside = [lit for lit in found if set(lit) <= chars]
        assert set("".join(inside)) == chars and len(inside) >= parts, name
