"""``govnews-nlp extract``: outputs, resume, stdin, summary, and an interrupt that keeps every finished record."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govnews_nlp.cli import app
from govnews_nlp.outputs import part_path, read_records

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
N_MANY = 3000
GOOD = "7月15日,市委書(shū)記鞠振調(diào)研我市重點(diǎn)工程項(xiàng)目,要求落實“一港雙城”部署。"


def run(args, **kw):
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, **kw)
    return result


def _mixed(folder: Path) -> list:
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "gbk.txt").write_bytes("4月22日,南平市举行重点项目开工仪式。".encode("gbk"))
    (folder / "big5.txt").write_bytes("12月29日,自治區黨委書記調研。".encode("big5"))
    (folder / "huge.txt").write_bytes(b"a" * 10_500_000)
    jsonl = folder.parent / "more.jsonl"
    jsonl.write_text('{"id": "m1", "text": "甲"}\n{"id": "m2", "te\n', encoding="utf-8")
    return [folder, jsonl]


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_extract_mixed_inputs_one_record_each(tmp_path, suffix):
    inputs = _mixed(tmp_path / "in")
    out = tmp_path / f"out{suffix}"
    summary = tmp_path / "summary.json"
    result = run(["extract", *inputs, "-o", out, "--summary-json", summary, "--no-progress",
                  "--max-chars", "1000000"])
    assert result.exit_code == 1  # some articles failed (and said so)
    recs = list(read_records(out))
    assert [r["id"] for r in recs] == ["big5", "binary", "empty", "gbk", "good", "huge", "m1", "more:2"]
    assert [r["id"] for r in recs if r["error"]] == ["binary", "huge", "more:2"]
    assert "good: people=" in result.stdout  # the per-article line
    stats = json.loads(summary.read_text(encoding="utf-8"))
    assert (stats["articles"], stats["failures"]) == (8, 3)
    assert "articles: 8" in result.stderr and "failures: 3" in result.stderr
    assert not part_path(out).exists()


def test_no_fail_on_error_and_quiet(tmp_path):
    out = tmp_path / "o.jsonl"
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 64)
    result = run(["extract", tmp_path / "bin.txt", "-o", out, "-q", "--no-fail-on-error"])
    assert result.exit_code == 0 and result.stdout == ""
    assert [r["error"] is not None for r in read_records(out)] == [True]


def test_resume_skips_done_ids(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert run(["extract", folder / "a0.txt", "-o", out, "-q"]).exit_code == 0
    first = out.read_text(encoding="utf-8")
    result = run(["extract", folder, "-o", out, "--resume"])
    assert result.exit_code == 0
    assert "a0:" not in result.stdout and "a1:" in result.stdout  # a0 was not redone
    recs = list(read_records(out))
    assert [r["id"] for r in recs] == ["a0", "a1", "a2"]
    assert out.read_text(encoding="utf-8").startswith(first)
    assert "already done" in result.stderr


def test_stdin_and_columns(tmp_path):
    out = tmp_path / "o.jsonl"
    data = json.dumps({"key": "s1", "body": GOOD}, ensure_ascii=False) + "\n"
    result = run(["extract", "-", "-o", out, "--id-column", "key", "--text-column", "body"], input=data)
    assert result.exit_code == 0
    [rec] = read_records(out)
    assert rec["id"] == "s1" and rec["date"]["text"] == "7月15日"


def test_summary_counts_slogans_per_article(tmp_path):
    from govnews_nlp.progress import CorpusSummary

    recs = [
        {"id": "1", "people": [{"name": "甲"}], "capacities": [], "slogans": [{"text": "一港双城"}, {"text": "双碳"}]},
        {"id": "2", "people": [], "capacities": [{"text": "x"}], "slogans": [{"text": "一港双城"}]},
        {"id": "3", "error": "ValueError: x", "people": [], "slogans": []},
    ]
    s = CorpusSummary().update(recs)
    d = s.to_dict()
    assert (d["articles"], d["failures"], d["people"], d["capacities"]) == (3, 1, 1, 1)
    assert d["slogans_by_articles"] == {"一港双城": 2, "双碳": 1}
    assert "一港双城 (2)" in s.format()


def test_normalize_command_still_works(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("市委書(shū)記", encoding="utf-8")
    result = run(["normalize", src, "--output-dir", tmp_path / "norm"])
    assert result.exit_code == 0
    assert (tmp_path / "norm" / "x.txt").read_text(encoding="utf-8") == "市委书记"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupt_leaves_a_valid_output_with_every_finished_record(tmp_path, sig):
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(N_MANY):
            fh.write(json.dumps({"id": f"n{i}", "text": GOOD * 3}, ensure_ascii=False) + "\n")
    out = tmp_path / "o.jsonl"
    exe = Path(sys.executable).with_name("govnews-nlp")
    proc = subprocess.Popen([str(exe), "extract", str(src), "-o", str(out), "-q", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    part = part_path(out)
    while time.time() < deadline and (not part.exists() or part.stat().st_size < 8192):
        time.sleep(0.1)
    assert proc.poll() is None, proc.communicate()
    os.kill(proc.pid, sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    assert out.exists() and not part.exists()
    recs = list(read_records(out))
    n = len(recs)
    assert 0 < n < N_MANY
    assert [r["id"] for r in recs] == [f"n{i}" for i in range(n)]  # every line complete, in order
    assert f"wrote {n} record(s)" in stderr
    if sig != signal.SIGTERM:
        return
    # and --resume finishes the job from there
    more = subprocess.run([str(exe), "extract", str(src), "-o", str(out), "-q", "--no-progress", "--resume",
                           "-n", "2"], capture_output=True, text=True, timeout=600)
    assert more.returncode == 0, more.stderr
    ids = [r["id"] for r in read_records(out)]
    assert ids == [f"n{i}" for i in range(N_MANY)]
