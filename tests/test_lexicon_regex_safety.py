"""Rule files are data a user may hand in (a saved pipeline, a colleague's patterns folder): their
regular expressions are held to a subset with no catastrophic backtracking."""

from __future__ import annotations

import json

import pytest

from govnews_nlp.lexicon import LexiconError, default_patterns_dir, safe_regex


@pytest.mark.parametrize("pattern", ["(a+)+", r"(\w*x?)*", "(?:a{1,3})+", "((ab)*c)*", r"(.)\1", "(?=(a+)+b)"])
def test_nested_unbounded_repeats_and_backreferences_are_refused(pattern):
    with pytest.raises(ValueError, match="unsafe regular expression"):
        safe_regex(pattern)


@pytest.mark.parametrize("pattern", ["a+b*", "(?:abc|de)+", r"(?<![一二])万吨", "(?:ab?)+", "[0-9]{1,4}(?:万|亿)?",
                                     r"(?:年|日)产(?:能)?\d+"])
def test_the_safe_subset_is_accepted(pattern):
    assert safe_regex(pattern) == pattern


def test_a_catastrophic_pattern_in_a_patterns_folder_fails_at_load_with_file_and_line(tmp_path):
    """The classic evil pattern (a+)+$ in a capacity exclusion: refused when the rules are read,
    naming the file and line, before it could ever run on a text."""
    import govnews_nlp

    for f in default_patterns_dir().glob("*.jsonl"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "capacity_exclusions.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "evil", "pattern": "(a+)+$", "side": "after", "source": "test"}) + "\n")
    with pytest.raises(LexiconError, match=r"capacity_exclusions.jsonl:\d+.*unsafe regular expression"):
        govnews_nlp.load(components=["govnews_capacity"], patterns_dir=str(tmp_path))
