"""What the library extracts from every article the project ships, compared with the committed
snapshots (``tests/snapshots/``): a refactoring must leave them byte-identical, and a rule change
shows up here as a reviewed diff (``python scripts/update_snapshots.py`` rewrites them)."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT, load_module_from

snapshots = load_module_from(ROOT / "scripts" / "update_snapshots.py", "govnews_update_snapshots")


@pytest.mark.parametrize("name", sorted(snapshots.SETS))
def test_records_equal_the_snapshot(nlp, name):
    path = snapshots.SNAPSHOTS / f"{name}.jsonl"
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    got = snapshots.snapshot_records(snapshots.SETS[name], nlp)
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    for new, old in zip(got, expected):
        assert new == old, f"{name}/{new['id']} differs from its snapshot: run scripts/update_snapshots.py " \
                           "if the change is deliberate"
    # and the file is exactly what the script writes (key order, one record per line)
    assert snapshots.dumps(got) == path.read_text(encoding="utf-8")
