"""Word-list scanning: the trie-shaped regex we use against Aho-Corasick automata, same process.

    python benchmarks/automaton.py [--repeat N]

The components find listed words (title posts and organisations, surnames, canon slogans, the
POS lexicon's words) in the normalized text. This measures, on the same text and word lists,
leftmost-longest matching with

* ``word_regex.trie_pattern`` compiled by ``re`` (what the components use),
* a plain ``a|b|c`` alternation, longest first (the naive regex),
* ``ahocorasick_rs`` (MatchKind.LeftmostLongest), ``daachorse`` (charwise double array,
  leftmost-longest) and ``pyahocorasick`` (``iter_long``), where installed,

checks that every method finds the same matches, and prints characters per second. Whether an
automaton is worth a dependency is decided on these figures (docs/performance.md).
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "corpus"

Match = Tuple[int, int]


def texts() -> str:
    from govnews_nlp import normalize

    files = sorted((ROOT / "seeds").glob("*.txt"))
    for sub in ("dev", "dev2"):
        if (SHARED / sub / "raw").is_dir():
            files += sorted((SHARED / sub / "raw").glob("*.txt"))
    return "\n".join(normalize(p.read_text(encoding="utf-8")).text for p in files)


def word_lists() -> Dict[str, List[str]]:
    import json

    from govnews_nlp.lexicon import default_patterns_dir
    from govnews_nlp.pos_lexicon import PosLexicon

    d = default_patterns_dir()

    def texts_of(name: str, key: str = "text") -> List[str]:
        out = []
        for line in (d / name).read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("{"):
                rec = json.loads(line)
                if isinstance(rec.get(key), str):
                    out.append(rec[key])
        return out

    posts = texts_of("titles_posts.jsonl") + texts_of("titles_orgs.jsonl")
    lex = PosLexicon.default()
    words = sorted(w for w in lex._tags if len(w) > 1)  # the word list itself
    return {
        f"title posts+orgs ({len(set(posts))})": sorted(set(posts)),
        "lexicon 1k": words[:: max(1, len(words) // 1000)][:1000],
        "lexicon 25k": words[:: max(1, len(words) // 25000)][:25000],
    }


def by_trie(words: List[str]) -> Callable[[str], List[Match]]:
    from govnews_nlp.word_regex import trie_pattern

    rx = re.compile(trie_pattern(words))
    return lambda t: [m.span() for m in rx.finditer(t)]


def by_alternation(words: List[str]) -> Callable[[str], List[Match]]:
    rx = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return lambda t: [m.span() for m in rx.finditer(t)]


def by_ahocorasick_rs(words: List[str]):
    import ahocorasick_rs

    ac = ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return lambda t: [(s, e) for _, s, e in ac.find_matches_as_indexes(t)]


def by_daachorse(words: List[str]):
    import daachorse

    pma = daachorse.CharwiseDoubleArrayAhoCorasick(words, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST)
    return lambda t: [(s, e) for s, e, _ in pma.find(t)]


def by_pyahocorasick(words: List[str]):
    import ahocorasick

    auto = ahocorasick.Automaton()
    for i, w in enumerate(words):
        auto.add_word(w, (i, len(w)))
    auto.make_automaton()
    return lambda t: [(end - n + 1, end + 1) for end, (_, n) in auto.iter_long(t)]


METHODS = {"trie regex (ours)": by_trie, "plain alternation": by_alternation, "ahocorasick_rs": by_ahocorasick_rs,
           "daachorse": by_daachorse, "pyahocorasick": by_pyahocorasick}


def best(fn: Callable[[], object], repeat: int) -> float:
    t = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        t = min(t, time.process_time() - t0)
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    text = texts()
    print(f"{len(text)} characters of normalized seeds/dev/dev2 text; best of {args.repeat}, CPU time")
    for name, words in word_lists().items():
        print(f"\n{name}")
        reference = None
        for method, build in METHODS.items():
            try:
                t0 = time.process_time()
                find = build(words)
                build_s = time.process_time() - t0
            except ImportError:
                print(f"  {method:20} not installed")
                continue
            found = find(text)
            if reference is None:
                reference = found
            same = "same matches" if found == reference else f"DIFFERENT ({len(found)} vs {len(reference)})"
            t = best(lambda find=find: find(text), args.repeat)
            print(f"  {method:20} {len(text) / t / 1e6:7.2f} M chars/s  build {build_s * 1e3:7.1f} ms  {same}")


if __name__ == "__main__":
    main()
