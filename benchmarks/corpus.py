"""Corpus extraction throughput: 1 vs 2 local processes, and Dask (2 workers) vs 1 process.

    python benchmarks/corpus.py [--copies N] [--segmenter char]

All runs process the same input (the seeds and, when present, the dev corpus, repeated
``--copies`` times so that a run lasts long enough to measure) through
``govnews_nlp.extract`` and count articles/s (best of ``--repeat`` runs) from the first article
submitted to the last record received, including the start of the worker processes (fork) or the first task on each Dask
worker (the cluster itself is started before the clock). The target is 2 processes ≥ 1.6× one
on a 2-core machine; the ratio, not the absolute rate, is what carries across machines.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Dict, List, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV_RAW = ROOT.parent / "shared" / "corpus" / "dev" / "raw"


def corpus_pairs(copies: int) -> List[Tuple[str, str]]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    if DEV_RAW.is_dir():
        files += sorted(DEV_RAW.glob("D??.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in files]
    return [(f"{stem}#{n}", text) for n in range(copies) for stem, text in texts]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the local worker processes)."""
    import resource

    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _rate(pairs, **kw) -> Tuple[float, list, float]:
    """(articles/s wall clock, records, CPU ms per article of this process and its children)."""
    import govnews_nlp

    c0, t0 = _cpu(), time.perf_counter()
    recs = list(govnews_nlp.extract(pairs, **kw))
    dt, cpu = time.perf_counter() - t0, _cpu() - c0
    assert len(recs) == len(pairs)
    return len(pairs) / dt, recs, 1000 * cpu / len(pairs)


def bench_corpus(copies: int = 30, segmenter: str = "char", dask: bool = True, repeat: int = 3) -> Dict[str, object]:
    """Articles/s for 1 process, 2 processes and Dask with 2 worker processes, and the ratios.

    Each figure is the best of ``repeat`` runs, the 1- and 2-process runs interleaved, so that load
    from other programs on the machine disturbs both alike.
    """
    import os

    import govnews_nlp

    pairs = corpus_pairs(copies)
    load_before = os.getloadavg()[0]  # other work on the machine skews the wall-clock ratios
    nlp = govnews_nlp.load(segmenter)
    list(govnews_nlp.extract(pairs[:20], nlp))  # warm caches
    one = two = 0.0
    cpu1 = cpu2 = float("inf")
    for _ in range(max(1, repeat)):
        r1, recs1, c1 = _rate(pairs, nlp=nlp)
        r2, recs2, c2 = _rate(pairs, nlp=nlp, n_process=2)
        one, two, cpu1, cpu2 = max(one, r1), max(two, r2), min(cpu1, c1), min(cpu2, c2)
    figures: Dict[str, object] = {
        "articles": len(pairs),
        "load average (1 min) at start": round(load_before, 2),
        "1 process (articles/s)": round(one, 1),
        "2 processes (articles/s)": round(two, 1),
        "2 processes / 1": f"{two / one:.2f}×",
        # what parallelism costs in CPU: if the machine is busy with other work the wall-clock ratio
        # falls, but this one shows the best 2 free cores could give: 2 × cpu1 / cpu2
        "CPU ms/article, 1 process": round(cpu1, 2),
        "CPU ms/article, 2 processes": round(cpu2, 2),
        "2 processes / 1 on 2 free cores (from CPU time)": f"{2 * cpu1 / cpu2:.2f}×",
        "2 processes: same records": recs2 == recs1,
    }
    if dask:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=50) as cluster, Client(cluster) as client:
            list(govnews_nlp.extract(pairs[:8], client=client, segmenter=segmenter, batch_size=2))  # workers load
            rate = 0.0
            for _ in range(max(1, repeat)):
                r, recs_d, _ = _rate(pairs, client=client, segmenter=segmenter)
                rate = max(rate, r)
        figures["Dask 2 workers (articles/s)"] = round(rate, 1)
        figures["Dask 2 workers / 1 process"] = f"{rate / one:.2f}×"
        figures["Dask: same records"] = recs_d == recs1
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=30)
    ap.add_argument("--segmenter", default="char")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    for key, value in bench_corpus(args.copies, args.segmenter, dask=not args.no_dask, repeat=args.repeat).items():
        print(f"{key:<32} {value}")


if __name__ == "__main__":
    main()
