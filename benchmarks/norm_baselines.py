"""Normalizer quality and speed against naive baselines, on the same texts in the same run.

    python benchmarks/norm_baselines.py [--repeat N]

Quality: character error rate (``../shared/tools/norm_cer.py``: whitespace removed, width folded,
over the stretch two copies of an article share) of three normalizations of each dirty article
that has a clean copy from another site (``../shared/corpus/dev/raw/NAME.clean.txt``, or
``/work/shared/...`` when ``../shared`` is absent):

* ``normalize()``: this library, all steps;
* ``t2s``: OpenCC ``t2s`` alone;
* ``strip+t2s``: OpenCC ``t2s`` after a blanket regex strip of ``(pinyin)``.

Speed (one core), :func:`bench_normalize`: ``normalize()`` on clean Simplified text (the fast path:
nothing to repair) and on dirty Traditional text with pinyin, each beside bare OpenCC ``t2s`` on
the same text.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from run import best_time  # benchmarks/run.py, beside this script: one timing rule for all

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The shared evaluation data: beside the checkout (``../shared``) when it is there, else the
#: team's ``/work/shared`` (worktrees live deeper than the main checkout).
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.is_dir()), ROOT.parent / "shared")
DEV_RAW = SHARED / "corpus" / "dev" / "raw"
CER_TOOL = SHARED / "tools" / "norm_cer.py"

#: The blanket strip of the second baseline: any parenthesised run of pinyin letters.
PINYIN_PARENS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def _cer_module():
    if not CER_TOOL.is_file():
        return None
    spec = importlib.util.spec_from_file_location("norm_cer", CER_TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _t2s() -> Callable[[str], str]:
    from govnews_nlp.normalize.script import opencc_converter

    return opencc_converter("t2s").convert


def systems() -> Dict[str, Callable[[str], str]]:
    from govnews_nlp import normalize

    t2s = _t2s()
    return {
        "normalize()": lambda raw: normalize(raw).text,
        "t2s": t2s,
        "strip+t2s": lambda raw: t2s(PINYIN_PARENS.sub("", raw)),
    }


def pair_names(raw_dir: Path = DEV_RAW) -> List[str]:
    return sorted(p.name[: -len(".clean.txt")] for p in raw_dir.glob("*.clean.txt"))


def cer_table(raw_dir: Path = DEV_RAW) -> Optional[Dict[str, Tuple[int, int]]]:
    """System → (edits, reference characters), summed over the pairs; ``None`` without the data."""
    cer = _cer_module()
    if cer is None or not raw_dir.is_dir():
        return None
    totals: Dict[str, Tuple[int, int]] = {}
    for name, fn in systems().items():
        edits = chars = 0
        for stem in pair_names(raw_dir):
            raw = (raw_dir / f"{stem}.txt").read_text(encoding="utf-8")
            ref = (raw_dir / f"{stem}.clean.txt").read_text(encoding="utf-8")
            e, n = cer.overlap_cer(cer.fold(fn(raw)), cer.fold(ref))
            edits += e
            chars += n
        totals[name] = (edits, chars)
    return totals


def _texts() -> Tuple[List[str], List[str]]:
    """(dirty Traditional+pinyin texts, clean Simplified texts)."""
    from govnews_nlp import normalize

    files = sorted((ROOT / "seeds").glob("*.txt"))
    if DEV_RAW.is_dir():
        files += sorted(DEV_RAW.glob("D??.txt")) + sorted(DEV_RAW.glob("*.alt.txt"))
    raws = [p.read_text(encoding="utf-8") for p in files]
    dirty = [t for t in raws if re.search(r"[(（][a-zāáǎà]+[)）]", t)]
    clean = [normalize(t).text for t in raws]
    return dirty, clean


def bench_normalize(repeat: int = 7) -> Dict[str, float]:
    """Throughput in M characters/s of ``normalize()`` and of bare OpenCC ``t2s`` on the same
    texts (one core): ``clean_*`` on clean Simplified text, ``dirty_*`` on Traditional+pinyin."""
    from govnews_nlp import normalize

    t2s = _t2s()
    dirty, clean = _texts()
    for t in dirty + clean:  # warm caches (word list, character tables) outside the timing
        normalize(t)
    figures: Dict[str, float] = {}
    for label, texts in (("clean", clean), ("dirty", dirty)):
        chars = sum(map(len, texts))
        t_norm = best_time(lambda texts=texts: [normalize(t) for t in texts], repeat)
        t_base = best_time(lambda texts=texts: [t2s(t) for t in texts], repeat)
        figures[f"{label}_chars"] = float(chars)
        figures[f"{label}_normalize_mcps"] = chars / t_norm / 1e6
        figures[f"{label}_t2s_mcps"] = chars / t_base / 1e6
        figures[f"{label}_ratio_to_t2s"] = t_base / t_norm
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    table = cer_table()
    if table is None:
        print("dev corpus or norm_cer.py not found beside the checkout: CER skipped")
    else:
        print(f"CER over the dirty/clean pairs {', '.join(pair_names())}:")
        for name, (edits, chars) in table.items():
            print(f"  {name:<12} edits {edits:>5} / {chars:>6} chars  CER {edits / max(chars, 1):.4f}")
    figs = bench_normalize(args.repeat)
    print("Speed, one core, CPU time, best of", args.repeat)
    for label in ("clean", "dirty"):
        chars, ours, base = figs[f"{label}_chars"], figs[f"{label}_normalize_mcps"], figs[f"{label}_t2s_mcps"]
        print(f"  {label:<5} {int(chars):>7} chars: normalize() {ours:7.2f} M/s   OpenCC t2s {base:7.2f} M/s"
              f"   ({figs[f'{label}_ratio_to_t2s']:.2f}× t2s)")


if __name__ == "__main__":
    main()
