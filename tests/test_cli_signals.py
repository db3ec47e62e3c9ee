"""Real processes: one SIGTERM ends an ``extract -n 2`` run within a hang detector's bound with every finished
record kept, and a SIGKILLed Parquet run leaves something ``--resume`` continues from (not a silent restart)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govnews_nlp.outputs import journal_path, part_path, read_records

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

EXE = Path(sys.executable).with_name("govnews-nlp")
TEXT = "7月15日,市委書記鞠振調研我市重點工程項目,要求落實“一港雙城”部署,總投資13億元。"
HANG = 60  # seconds: a hang detector on a busy 2-core machine, not a speed requirement


def _corpus(path: Path, n: int) -> list:
    ids = [f"g{i:04d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, aid in enumerate(ids):
            fh.write(json.dumps({"id": aid, "text": TEXT * (4 + i % 5)}, ensure_ascii=False) + "\n")
    return ids


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {n} records in {path} (exit {proc.poll()}): {proc.communicate()[1][-2000:]}")


def _extract(src: Path, out: Path, *extra: str) -> list:
    return [str(EXE), "extract", str(src), "-o", str(out), "-q", "--no-progress", *extra]


def test_one_sigterm_ends_a_two_process_run_and_resume_completes_it(tmp_path):
    src = tmp_path / "many.jsonl"
    ids = _corpus(src, 600)
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen(_extract(src, out, "-n", "2"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group: a hung run's workers can be ended
    _wait_for_lines(part_path(out), 8, proc)  # the JSONL part is written a line at a time
    proc.send_signal(signal.SIGTERM)
    try:
        _, stderr = proc.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers (they hold the pipes open)
        proc.communicate()
        pytest.fail(f"extract -n 2 still running {HANG} s after one SIGTERM")
    assert proc.returncode == 130, stderr
    assert out.exists() and not part_path(out).exists()
    done = [r["id"] for r in read_records(out)]
    assert 8 <= len(done) < len(ids) and done == ids[: len(done)]  # every finished record, in order
    more = subprocess.run(_extract(src, out, "-n", "2", "--resume"), capture_output=True, text=True, timeout=900)
    assert more.returncode == 0, more.stderr
    assert [r["id"] for r in read_records(out)] == ids  # exactly one record per input id


def test_a_sigkilled_parquet_run_is_resumed_from_its_journal(tmp_path):
    pytest.importorskip("pyarrow")
    src = tmp_path / "many.jsonl"
    ids = _corpus(src, 400)
    out = tmp_path / "o.parquet"
    proc = subprocess.Popen(_extract(src, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_lines(journal_path(out), 5, proc)
    proc.kill()  # SIGKILL: no handler runs, the Parquet part has no footer
    proc.communicate(timeout=HANG)
    assert not out.exists() and part_path(out).exists()
    kept = [json.loads(line)["id"] for line in journal_path(out).read_text(encoding="utf-8").splitlines()
            if line.endswith("}")]
    more = subprocess.run(_extract(src, out, "--resume"), capture_output=True, text=True, timeout=900)
    assert more.returncode == 0, more.stderr
    assert f"(+{len(kept)} already done)" in more.stderr and len(kept) >= 5
    assert [r["id"] for r in read_records(out)] == ids
    assert not journal_path(out).exists() and not part_path(out).exists()


def test_an_unreadable_leftover_is_warned_about(tmp_path):
    pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    ids = _corpus(src, 3)
    out = tmp_path / "o.parquet"
    part_path(out).write_bytes(b"PAR1 torn")  # a killed run's part, its journal lost
    more = subprocess.run(_extract(src, out, "--resume"), capture_output=True, text=True, timeout=900)
    assert more.returncode == 0, more.stderr
    assert f"warning: cannot resume from {part_path(out)}" in more.stderr
    assert [r["id"] for r in read_records(out)] == ids
