"""Run bookkeeping: a tqdm progress bar on stderr and the end-of-run corpus summary.

The summary is also the corpus-level view the slogan work needs: how many articles mention each
slogan (records are deduplicated per article, so a count is a document frequency).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from typing import Any, Dict, Iterable, Optional, TextIO

_WHERE = re.compile(r"^\S+:\d+: ")  # "file.jsonl:12: " in front of a row's error


def failure_kind(error: str, source: Optional[str] = None) -> str:
    """What went wrong, without where: ``cannot decode``, ``not a JSON line``, ``ValueError`` ….

    Error texts name their file or row (``cannot read /x/a.txt: …``, ``in.jsonl:3: field …``);
    grouping on the raw prefix gives a kind per file, and a summary that lists five of them hides
    the rest. The source and a leading ``file:line:`` are removed, and the kind is what is left
    before the first colon.
    """
    text = str(error)
    if source:
        text = text.replace(str(source), " ")
    text = _WHERE.sub("", text.strip().lstrip(":").strip())
    kind = re.split(r":(?:\s|$)", text, maxsplit=1)[0]
    kind = re.sub(r"\s+", " ", kind).strip(" :") or "error"
    return kind[:60]


class CorpusSummary:
    """Counts over records: articles, failures, entries per list, slogan document frequencies."""

    LISTS = ("people", "capacities", "investments", "projects", "slogans")

    def __init__(self) -> None:
        self.articles = 0
        self.failures = 0
        self.resumed = 0
        self.duplicate_ids = 0
        self.totals: Counter = Counter()
        self.slogans: Counter = Counter()
        self.errors: Counter = Counter()
        self.started = time.perf_counter()

    def restart_clock(self) -> None:
        """Count time from now (e.g. after loading the pipeline)."""
        self.started = time.perf_counter()

    def add(self, rec: Dict[str, Any]) -> None:
        self.articles += 1
        if rec.get("error"):
            self.failures += 1
            self.errors[failure_kind(rec["error"], rec.get("source"))] += 1
        for key in self.LISTS:
            self.totals[key] += len(rec.get(key) or [])
        texts = (s.get("text") for s in rec.get("slogans") or [] if isinstance(s, dict))
        for text in dict.fromkeys(t for t in texts if t):  # once per article, in text order (stable ties)
            self.slogans[text] += 1

    def update(self, records: Iterable[Dict[str, Any]]) -> CorpusSummary:
        for rec in records:
            self.add(rec)
        return self

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def to_dict(self, top: Optional[int] = None) -> Dict[str, Any]:
        return {
            "articles": self.articles,
            "failures": self.failures,
            "resumed": self.resumed,
            "duplicate_ids": self.duplicate_ids,
            **{k: self.totals[k] for k in self.LISTS},
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds > 0 else None,
            "failure_kinds": dict(self.errors.most_common()),
            "slogans_by_articles": dict(self.slogans.most_common(top)),
        }

    def format(self, top: int = 10) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"articles: {self.articles}" + (f" (+{self.resumed} already done)" if self.resumed else "")
            + f"  failures: {self.failures}  ({rate:.1f} articles/s)",
            "found: " + ", ".join(f"{k} {self.totals[k]}" for k in self.LISTS),
        ]
        if self.duplicate_ids:
            lines.append(f"duplicate ids: {self.duplicate_ids} article(s) repeat an earlier id (each has its record)")
        if self.errors:
            lines.append("failures by kind: " + "; ".join(f"{k} ×{n}" for k, n in self.errors.most_common()))
        if self.slogans:
            tops = "、".join(f"{t} ({n})" for t, n in self.slogans.most_common(top))
            lines.append(f"most frequent slogans (articles): {tops}")
        return "\n".join(lines)


class Progress:
    """A tqdm bar (stderr) showing articles/s and failures; silent when disabled."""

    def __init__(self, total: Optional[int] = None, enabled: bool = True, file: Optional[TextIO] = None) -> None:
        self.bar = None
        self.failures = 0
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="art", file=file or sys.stderr, dynamic_ncols=True,
                            smoothing=0.1, mininterval=0.5)
            self.bar.set_postfix(failures=0, refresh=False)

    def update(self, rec: Dict[str, Any]) -> None:
        if self.bar is None:
            return
        if rec.get("error"):
            self.failures += 1
            self.bar.set_postfix(failures=self.failures, refresh=False)
        self.bar.update(1)

    def write(self, line: str, file: Optional[TextIO] = None) -> None:
        """Print a line without breaking the bar."""
        if self.bar is not None:
            self.bar.write(line, file=file or sys.stdout)
        else:
            print(line, file=file or sys.stdout)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
