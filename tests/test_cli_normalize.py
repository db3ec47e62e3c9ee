"""``govnews-nlp normalize``: hostile ids never write outside --output-dir, one bad article never ends the run,
and index.jsonl accounts for every input article (documents in equals index lines out)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govnews_nlp.cli import app

TEXT = "市委書記調研重點項目。"
HOSTILE = ["..", "../../x", "/etc/x", "/abs/path/x", "a/b", "a\x00b", "", "x" * 600, "CON", "nul.txt", "Lpt1",
           ".bashrc", "a\\..\\b"]


def run(args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def _jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")  # ASCII escapes keep NUL, surrogates
    return path


def _index(folder: Path):
    return [json.loads(line) for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def _all_files(root: Path):
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("article_id", HOSTILE)
def test_a_hostile_id_writes_inside_the_output_dir(tmp_path, article_id):
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    src = _jsonl(work / "in.jsonl", [{"id": article_id, "text": TEXT}])
    out = work / "out"
    before = set(_all_files(tmp_path))
    result = run(["normalize", src, "-o", out])
    assert result.exit_code == 0, result.output
    new = set(_all_files(tmp_path)) - before
    assert all(p.parent == out for p in new), new  # nothing outside --output-dir
    [entry] = _index(out)
    expected_id = article_id.strip() or "in:1"  # an empty id falls back to <stem>:<line>
    assert entry["id"] == expected_id and entry["status"] == "ok"
    assert (out / entry["file"]).read_text(encoding="utf-8") == "市委书记调研重点项目。"
    assert {p.name for p in new} == {"index.jsonl", entry["file"]}


def test_ids_mapping_to_one_name_and_duplicate_ids_all_get_files(tmp_path):
    rows = [{"id": i, "text": TEXT + str(n)} for n, i in enumerate(["a/b", "a%2Fb", "A/B", "dup", "dup"])]
    out = tmp_path / "out"
    result = run(["normalize", _jsonl(tmp_path / "in.jsonl", rows), "-o", out])
    assert result.exit_code == 0
    index = _index(out)
    assert [e["id"] for e in index] == ["a/b", "a%2Fb", "A/B", "dup", "dup"]
    files = [e["file"] for e in index]
    assert files == ["a%2Fb.txt", "a%252Fb.txt", "A%2FB~2.txt", "dup.txt", "dup~2.txt"]
    assert [(out / f).read_text(encoding="utf-8")[-1] for f in files] == ["0", "1", "2", "3", "4"]  # none overwritten
    assert "duplicate id 'dup'" in result.stderr


def test_a_bad_article_fails_alone_and_is_in_the_index(tmp_path):
    rows = [{"id": "ok1", "text": TEXT}, {"id": "sur", "text": "市委\ud800書記"}, {"id": "nul", "text": None},
            {"id": "ok2", "text": TEXT}]
    src = _jsonl(tmp_path / "in.jsonl", rows)
    with src.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "torn", "te\n')
        fh.write(json.dumps({"id": "ok3", "text": TEXT}) + "\n")
    out = tmp_path / "out"
    result = run(["normalize", src, tmp_path / "missing.txt", "-o", out])
    assert result.exit_code == 1
    index = _index(out)
    assert [(e["id"], e["status"]) for e in index] == [
        ("ok1", "ok"), ("sur", "error"), ("nul", "error"), ("ok2", "ok"), ("in:5", "error"), ("ok3", "ok"),
        ("missing", "error")]
    assert "surrogate" in index[1]["error"] and "is null" in index[2]["error"]
    assert sorted(p.name for p in out.iterdir()) == ["index.jsonl", "ok1.txt", "ok2.txt", "ok3.txt"]  # no 0-byte file
    clean = "市委书记调研重点项目。"
    assert all((out / f"{i}.txt").read_text(encoding="utf-8") == clean for i in ("ok1", "ok2", "ok3"))
    assert "normalized 3 article(s)" in result.stderr and "4 failed" in result.stderr
    kinds = result.stderr.split("failures by kind: ")[1].splitlines()[0]
    assert sum(int(part.rsplit("×", 1)[1]) for part in kinds.split("; ")) == 4


def test_an_existing_symlink_in_the_output_dir_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").symlink_to(outside)
    result = run(["normalize", _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": TEXT}]), "-o", out])
    assert result.exit_code in (0, 1)
    assert outside.read_text(encoding="utf-8") == "keep"
    assert [e["id"] for e in _index(out)] == ["a"]
