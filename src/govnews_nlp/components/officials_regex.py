"""Word lists → one regular expression, shaped as a trie.

A plain ``a|ab|abc|…`` alternation makes Python's ``re`` try every branch at every position; a trie
(``a(?:b(?:c)?)?``) tries one branch per character, so a list of a few hundred words scans at
tens of millions of characters a second. Longer words win, as the alternation order of a trie
puts deeper branches first.
"""

from __future__ import annotations

import re
from typing import Dict, Iterable


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (longest match first); never matches empty."""
    trie: Dict[str, dict] = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return r"(?!x)x"
    return _node(trie)


def _node(node: Dict[str, dict]) -> str:
    ends_here = "" in node
    branches = []
    singles = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        if list(child) == [""]:
            singles.append(re.escape(ch))
        else:
            branches.append(re.escape(ch) + _node(child))
    if singles:
        branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body
