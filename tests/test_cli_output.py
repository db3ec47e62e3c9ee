"""``govnews-nlp extract`` outputs: ``-o -`` is standard output, unknown suffixes are refused, ``--version``,
duplicate ids kept and resumed exactly, every failure kind in the summary, lone surrogates written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govnews_nlp import __version__
from govnews_nlp.cli import app
from govnews_nlp.outputs import RecordWriter, merge_records, read_records
from govnews_nlp.progress import CorpusSummary, failure_kind

GOOD = "7月15日,市委書記鞠振調研我市重點工程項目,要求落實“一港雙城”部署。"


def run(args, **kw):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, **kw)


def _jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_version():
    result = run(["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"govnews-nlp {__version__}"


def test_output_dash_is_standard_output_with_records_only(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}, {"id": "b", "text": None}])
    result = run(["extract", src, "-o", "-", "--no-progress"], )
    assert result.exit_code == 1  # b failed
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["a", "b"]  # nothing but records on stdout
    assert "wrote 2 record(s) to standard output" in result.stderr and "a: people=" in result.stderr
    assert not (Path.cwd() / "-").exists() and not (tmp_path / "-").exists()


@pytest.mark.parametrize("extra", [["--resume"], ["--format", "parquet"]])
def test_output_dash_refuses_what_a_stream_cannot_do(tmp_path, extra):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    result = run(["extract", src, "-o", "-", *extra])
    assert result.exit_code == 2 and result.stdout == ""


@pytest.mark.parametrize("name", ["x.csv", "x.json", "x.txt", "x.jsonl.gz"])
def test_an_output_suffix_of_another_format_is_refused(tmp_path, name):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    result = run(["extract", src, "-o", tmp_path / name])
    assert result.exit_code == 2
    assert "JSONL (.jsonl, .ndjson) and Parquet (.parquet, .pq)" in result.stderr
    assert not (tmp_path / name).exists()
    assert run(["extract", src, "-o", tmp_path / name, "--format", "jsonl"]).exit_code == 0  # named: fine


@pytest.mark.parametrize("name", ["x.jsonl", "x.ndjson", "records"])
def test_jsonl_outputs_are_accepted(tmp_path, name):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    assert run(["extract", src, "-o", tmp_path / name, "-q"]).exit_code == 0
    assert [r["id"] for r in read_records(tmp_path / name, "jsonl")] == ["a"]


def test_duplicate_ids_are_kept_warned_and_resumed_exactly(tmp_path):
    rows = [{"id": i, "text": GOOD + str(n)} for n, i in enumerate(["a", "b", "a", "c", "a"])]
    src = _jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "o.jsonl"
    first = _jsonl(tmp_path / "first.jsonl", rows[:3])  # an interrupted run: a, b, a done
    assert run(["extract", first, "-o", out, "-q"]).exit_code == 0
    result = run(["extract", src, "-o", out, "-q", "--resume"])
    assert result.exit_code == 0
    assert "duplicate id 'a'" in result.stderr and "duplicate ids: 2" in result.stderr
    recs = list(read_records(out))
    assert [r["id"] for r in recs] == ["a", "b", "a", "c", "a"]  # the second and third "a" are not dropped
    assert [r["source"].rsplit(":", 1)[1] for r in recs] == ["1", "2", "3", "4", "5"]


def test_merge_records_keeps_repeated_ids():
    a1, a2, b = {"id": "a", "n": 1}, {"id": "a", "n": 2}, {"id": "b"}
    assert merge_records([a1, b], [a1, b, a2]) == [a1, b, a2]  # a killed run's part extends its output
    assert merge_records([a1, a2, b], [a1]) == [a1, a2, b]
    assert merge_records([], [a1, a2]) == [a1, a2]


def test_every_failure_kind_is_listed_and_the_counts_add_up(tmp_path):
    rows = [{"id": f"n{i}", "text": None} for i in range(3)] + [{"id": f"m{i}"} for i in range(2)]
    rows += [{"id": f"i{i}", "text": i} for i in range(2)] + [{"id": "ok", "text": GOOD}]
    src = _jsonl(tmp_path / "in.jsonl", rows)
    with src.open("a", encoding="utf-8") as fh:
        fh.write("{torn\n[1]\n")
    folder = tmp_path / "f"
    folder.mkdir()
    for i in range(3):
        (folder / f"bin{i}.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "long.txt").write_text(GOOD * 20, encoding="utf-8")
    summary = tmp_path / "s.json"
    result = run(["extract", src, folder, tmp_path / "nope.txt", "-o", tmp_path / "o.jsonl", "-q",
                  "--max-chars", "500", "--summary-json", summary])
    stats = json.loads(summary.read_text(encoding="utf-8"))
    assert stats["failures"] == 14 and sum(stats["failure_kinds"].values()) == 14
    assert len(stats["failure_kinds"]) == 8
    line = result.stderr.split("failures by kind: ")[1].splitlines()[0]
    listed = dict(part.rsplit(" ×", 1) for part in line.split("; "))
    assert {k: int(v) for k, v in listed.items()} == stats["failure_kinds"]


@pytest.mark.parametrize(("error", "source", "kind"), [
    ("cannot decode /x/a.txt: binary data (NUL bytes)", "/x/a.txt", "cannot decode"),
    ("in.jsonl:3: field 'text' is null", "in.jsonl:3", "field 'text' is null"),
    ("in.jsonl:3: not a JSON line: Expecting value: line 1", "in.jsonl:3", "not a JSON line"),
    ("article too long: 12,000 characters (limit 500; raise it)", "in.jsonl:9", "article too long"),
    ("ValueError: boom", None, "ValueError"),
    ("no such file or folder: /x/nope.txt", "/x/nope.txt", "no such file or folder"),
])
def test_failure_kind(error, source, kind):
    assert failure_kind(error, source) == kind


def test_summary_lists_more_than_five_kinds():
    recs = [{"id": str(i), "error": f"Kind{i % 7}: x", "source": None} for i in range(14)]
    text = CorpusSummary().update(recs).format()
    assert all(f"Kind{k} ×2" in text for k in range(7))


def test_a_lone_surrogate_does_not_end_the_run(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "s\ud800", "text": "市委\udc00書記鞠振"}, {"id": "ok", "text": GOOD}])
    out = tmp_path / "o.jsonl"
    result = run(["extract", src, "-o", out, "-q"])
    assert result.exit_code in (0, 1)
    assert [r["id"] for r in read_records(out)] == ["s\ud800", "ok"]


def test_writer_escapes_what_utf8_cannot_hold(tmp_path):
    out = tmp_path / "o.jsonl"
    with RecordWriter(out) as w:
        w.write({"id": "x\udfff", "people": []})
    assert list(read_records(out)) == [{"id": "x\udfff", "people": []}]


def test_the_max_chars_default_is_what_the_docs_and_help_say():
    import re

    from govnews_nlp.pipeline import MAX_LENGTH

    docs = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    [said] = re.findall(r"`--max-chars` defaults to the pipeline's `max_length`, ([\d,]+) characters", docs)
    help_text = run(["extract", "--help"]).stdout
    assert int(said.replace(",", "")) == MAX_LENGTH
    assert f"{MAX_LENGTH:,}" in help_text.replace("\n", " ").replace("│", "")
