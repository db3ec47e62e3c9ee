"""govnews-nlp benchmark harness: throughput as ratios to baselines run in the same process.

    python benchmarks/run.py [--repeat N] [--segmenters char,jieba,pkuseg] [--quick]

Every figure is measured on the same text in the same run as its baseline, so the ratios hold
across machines even when the absolute numbers do not:

* ``normalize()`` on dirty text (the seeds and, when present, ../shared/corpus/dev/raw) and on
  the resulting clean text, against bare OpenCC ``t2s`` on the same text;
* the whole pipeline per segmenter against ``spacy.blank("zh")`` with the same segmenter, both on
  the same raw articles (what a user feeds either of them);
* each component in pipeline order (on Docs that went through the components before it, as in
  ``load()``), against the bare ``char`` tokenizer on the same text, and as a share of the pipeline;
* cold start (import, ``load()``, one text) per segmenter in a fresh process, against a fresh
  process doing the same with ``spacy.blank("zh")``, and peak memory;
* corpus extraction with 1 vs 2 processes and Dask (benchmarks/corpus.py), unless --quick.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV_RAW = ROOT.parent / "shared" / "corpus" / "dev" / "raw"
DEV2_RAW = ROOT.parent / "shared" / "corpus" / "dev2" / "raw"


def corpus_texts() -> List[str]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    for folder in (DEV_RAW, DEV2_RAW):
        if folder.is_dir():
            files += sorted(folder.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` runs in CPU seconds of this process: all the work measured here is
    single-threaded, and CPU time is what stays comparable when other jobs share the cores."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def row(name: str, chars: int, t: float, base_name: str, t_base: float) -> Tuple[str, str, str, str]:
    return (name, f"{chars / t / 1e6:8.2f} M/s", f"{base_name}: {chars / t_base / 1e6:8.2f} M/s",
            f"{t_base / t:6.2f}×")


def bench_normalize(texts: List[str], repeat: int) -> List[Tuple[str, str, str, str]]:
    from govnews_nlp import normalize
    from govnews_nlp.normalize.script import opencc_converter

    t2s = opencc_converter("t2s")
    dirty = "\n".join(texts)
    clean = normalize(dirty).text
    rows = []
    for label, text in (("normalize() dirty", dirty), ("normalize() clean", clean)):
        t = best_time(lambda text=text: normalize(text), repeat)
        tb = best_time(lambda text=text: t2s.convert(text), repeat)
        rows.append(row(label, len(text), t, "OpenCC t2s", tb))
    return rows


def bench_pipelines(texts: List[str], segmenters: List[str], repeat: int):
    """Pipeline vs ``spacy.blank("zh")`` on the same raw texts; components in pipeline order (char)."""
    import spacy

    import govnews_nlp
    from govnews_nlp.segmenters import pkuseg_model_available, pkuseg_model_dir

    rows, component_rows = [], []
    chars = sum(len(t) for t in texts)
    for seg in segmenters:
        if seg == "pkuseg" and not pkuseg_model_available():
            rows.append((f"pipeline {seg}", "skipped", "model missing: govnews-nlp download pkuseg", ""))
            continue
        nlp = govnews_nlp.load(seg)
        bare = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": seg}}})
        if seg == "pkuseg":
            bare.tokenizer.initialize(pkuseg_model=str(pkuseg_model_dir()))
        t = best_time(lambda nlp=nlp: [nlp(x) for x in texts], repeat)
        tb = best_time(lambda bare=bare: [bare(x) for x in texts], repeat)
        rows.append(row(f"pipeline {seg}", chars, t, f"blank zh {seg}", tb))
        if seg == "char":
            clean = [nlp.tokenizer.normalize(x).text for x in texts]
            t_tok = best_time(lambda bare=bare, clean=clean: [bare(x) for x in clean], repeat)
            timed = [("tokenizer (normalize + segment)", _stage_time(nlp, None, texts, repeat))]
            timed += [(name, _stage_time(nlp, name, texts, repeat)) for name in nlp.pipe_names]
            total = sum(tt for _, tt in timed)
            for name, tt in timed:
                component_rows.append((name, f"{tt * 1e3:8.1f} ms", f"bare char tokenizer on the clean text: "
                                       f"{t_tok * 1e3:6.1f} ms", f"{tt / t_tok:5.2f} of it, {tt / total:4.0%} of all"))
    return rows, component_rows


def _stage_time(nlp, name, texts: List[str], repeat: int) -> float:
    """CPU time of one stage in pipeline order: the tokenizer (``name`` None) on the raw texts, or
    component ``name`` on fresh Docs that went through the tokenizer and every component before it."""
    if name is None:
        return best_time(lambda: [nlp.tokenizer(x) for x in texts], repeat)
    before = nlp.pipe_names[: nlp.pipe_names.index(name)]
    proc = nlp.get_pipe(name)
    best = float("inf")
    for _ in range(repeat):
        docs = []
        for x in texts:
            doc = nlp.tokenizer(x)
            for earlier in before:
                doc = nlp.get_pipe(earlier)(doc)
            docs.append(doc)
        t0 = time.process_time()
        for d in docs:
            proc(d)
        best = min(best, time.process_time() - t0)
    return best


LOAD_PROBE = """
import json, sys, time
t0 = time.perf_counter()
if sys.argv[2] == "blank":
    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": sys.argv[1]}}})
    if sys.argv[1] == "pkuseg":
        from govnews_nlp.segmenters import pkuseg_model_dir
        nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model_dir()))
else:
    import govnews_nlp
    nlp = govnews_nlp.load(sys.argv[1])
nlp("市委書(shū)記調(diào)研項目")
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork+exec on Linux
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")]
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "peak_mb": int(hwm[0].split()[1]) / 1024 if hwm else float("nan")}))
"""


def _probe(seg: str, which: str, repeat: int = 3) -> Dict[str, float]:
    """Best of ``repeat`` fresh processes (wall time from before the first import)."""
    best: Dict[str, float] = {}
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE, seg, which], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip().splitlines()[-1][:120])
        data = json.loads(out.stdout.strip().splitlines()[-1])
        if not best or data["seconds"] < best["seconds"]:
            best = data
    return best


def bench_load(segmenters: List[str]):
    from govnews_nlp.segmenters import pkuseg_model_available

    rows = []
    for seg in segmenters:
        if seg == "pkuseg" and not pkuseg_model_available():
            continue
        try:
            ours, blank = _probe(seg, "govnews"), _probe(seg, "blank")
        except RuntimeError as exc:
            rows.append((f"import+load {seg}", "failed", str(exc)[:60], ""))
            continue
        rows.append((f"import+load+1 text {seg}", f"{ours['seconds']:6.2f} s  peak {ours['peak_mb']:5.0f} MB",
                     f"blank zh: {blank['seconds']:6.2f} s  peak {blank['peak_mb']:5.0f} MB",
                     f"{ours['seconds'] / blank['seconds']:5.2f}× of it"))
    return rows


def bench_corpus_rows():
    spec_path = HERE / "corpus.py"
    if not spec_path.exists():
        return []
    spec = importlib.util.spec_from_file_location("govnews_bench_corpus", spec_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    figures: Dict[str, object] = mod.bench_corpus()
    return [(k, str(v), "", "") for k, v in figures.items()]


def print_table(title: str, rows) -> None:
    if not rows:
        return
    print(f"\n{title}")
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    for r in rows:
        print("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--segmenters", default="char,jieba,pkuseg")
    ap.add_argument("--quick", action="store_true", help="skip the multi-process and Dask corpus runs")
    args = ap.parse_args()
    texts = corpus_texts()
    segs = [s for s in args.segmenters.split(",") if s]
    print(f"{len(texts)} articles, {sum(map(len, texts))} characters"
          f"{'' if DEV_RAW.is_dir() else ' (dev corpus absent: seeds only)'}; "
          f"best of {args.repeat} runs, CPU time")
    import govnews_nlp

    print(f"govnews_nlp {govnews_nlp.__version__} from {Path(govnews_nlp.__file__).parent} (pure Python)")
    print_table("Normalizer (one core) vs bare OpenCC t2s on the same text", bench_normalize(texts, args.repeat))
    pipes, comps = bench_pipelines(texts, segs, args.repeat)
    print_table("Pipeline vs spacy.blank('zh') with the same segmenter, same raw articles "
                "(last column: our speed as a share of blank zh's)", pipes)
    print_table("Stages of the char pipeline in pipeline order, on Docs through the stages before", comps)
    print_table("Cold start (import + load + one text), fresh process, best of 3 (ours vs blank zh)", bench_load(segs))
    if not args.quick:
        print_table("Corpus extraction (benchmarks/corpus.py)", bench_corpus_rows())


if __name__ == "__main__":
    main()
