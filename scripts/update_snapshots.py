"""Regenerate the record snapshots in ``tests/snapshots/`` (the committed behaviour guard).

    python scripts/update_snapshots.py [--check]

Every article the project ships (the seeds and the fictional regression sets) is run through
``govnews_nlp.load()`` (char) and its record is written, without the fields that name the run
rather than the result (``source``, ``version``). ``tests/test_snapshots.py`` compares a fresh
run with these files, so any change in what the library extracts is seen and made on purpose:
run this script after a deliberate change and commit the new files with it (the diff is the
review). ``--check`` only reports which records differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
#: snapshot name → folder of ``*.txt`` articles
SETS = {
    "seeds": ROOT / "seeds",
    "regression_h": ROOT / "tests" / "regression_sets" / "set_h" / "articles",
    "regression_u": ROOT / "tests" / "regression_sets" / "set_u" / "articles",
    "regression_v": ROOT / "tests" / "regression_sets" / "set_v" / "articles",
    "regression_w": ROOT / "tests" / "unseen_w" / "articles",
}
#: record fields left out of a snapshot: they describe the run, not what was extracted
RUN_FIELDS = ("source", "version")


def snapshot_records(folder: Path, nlp=None) -> List[Dict]:
    """The records of the articles in ``folder`` (sorted by file name), without :data:`RUN_FIELDS`."""
    import govnews_nlp

    pairs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    records = govnews_nlp.extract(pairs, nlp=nlp)
    return [{k: v for k, v in rec.items() if k not in RUN_FIELDS} for rec in records]


def dumps(records: List[Dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = ap.parse_args()
    import govnews_nlp

    nlp = govnews_nlp.load()
    changed = 0
    for name, folder in SETS.items():
        path = SNAPSHOTS / f"{name}.jsonl"
        new = snapshot_records(folder, nlp)
        old = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
        diff = [r["id"] for r, o in zip(new, old) if r != o] + [r["id"] for r in new[len(old):]]
        changed += len(diff)
        print(f"{name}: {len(new)} records, {len(diff)} changed {diff if diff else ''}")
        if not args.check:
            SNAPSHOTS.mkdir(parents=True, exist_ok=True)
            path.write_text(dumps(new), encoding="utf-8")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
