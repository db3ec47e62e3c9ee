"""The corpus report over 100,000 records: time and peak memory, one core.

    python benchmarks/report_100k.py RECORDS.jsonl [...] [--n 100000] [--via-file] [--output /tmp/r.html]

Records are generated from real ones (the files given, written by ``govnews-nlp extract``) by varying
their ids and dates (years 2015-2024, every month and day), so officials, slogans and places recur as
in a real corpus. ``--via-file`` first writes them to a JSONL next to the output and times the report
reading that file, as ``govnews-nlp report`` does; otherwise they are streamed from a generator, so the
figure is the report's own cost. Time is wall clock and CPU time (the
two differ on a loaded machine). Memory is the process's peak RSS (``ru_maxrss``): the report keeps
aggregates, not records, so it stays flat as ``--n`` grows. Run it pinned to one core
(``taskset -c 0 python benchmarks/report_100k.py …``). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List


def varied(base: List[Dict[str, Any]], n: int) -> Iterator[Dict[str, Any]]:
    """``n`` records: real ones in turn, each with a new id and a new date."""
    for i in range(n):
        rec = dict(base[i % len(base)])
        year, month, day = 2015 + (i * 7) % 10, 1 + (i * 5) % 12, 1 + (i * 11) % 28
        rec["id"] = f"{rec.get('id')}#{i}"
        rec["date"] = {"text": f"{month}月{day}日", "year": year, "month": month, "day": day,
                       "iso": f"{year:04d}-{month:02d}-{day:02d}"}
        rec["events"] = [{**ev, "date": rec["date"]["iso"], "year": year} for ev in rec.get("events") or []]
        yield rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", nargs="+", type=Path)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--via-file", action="store_true")
    ap.add_argument("--output", type=Path, default=Path("/tmp/govnews-report-100k.html"))
    args = ap.parse_args()

    from govnews_nlp.analysis.report import write_report
    from govnews_nlp.analysis.sources import iter_records
    from govnews_nlp.outputs import write_records

    base = [r for r in iter_records(args.records) if not r.get("error")]
    source: Any = varied(base, args.n)
    if args.via_file:
        path = args.output.with_suffix(".records.jsonl")
        write_records(path, source)
        print(f"wrote {args.n:,} records to {path} ({path.stat().st_size / 1e6:,.0f} MB)")
        source = path
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    corpus = write_report(source, args.output)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"records": corpus.records, "seconds": round(dt, 1), "cpu_seconds": round(cpu, 1),
                      "records_per_s": round(corpus.records / dt),
                      "peak_rss_mb": round(rss), "rss_before_mb": round(rss0),
                      "officials": len(corpus.resolution.officials) if corpus.resolution else 0,
                      "page_mb": round(args.output.stat().st_size / 1e6, 2)}))


if __name__ == "__main__":
    main()
