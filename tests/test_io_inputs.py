"""Inputs that used to be lost or misreported: BOM-less UTF-16, symlink loops, null text, unreadable arguments."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp.inputs import count_articles, decode_bytes, iter_articles
from govnews_nlp.outputs import read_records

SENTENCE = "7月15日,市委书记张三调研年产20万吨项目,强调要落实“一港双城”战略。"
IDEOGRAPHS = "市委书记张三调研重点项目强调要落实战略"


@pytest.mark.parametrize("text", [SENTENCE, IDEOGRAPHS, "Report 2024: 12345", SENTENCE * 50])
@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
def test_bomless_utf16_is_detected(text, codec):
    assert decode_bytes(text.encode(codec)) == (text, codec)


CHINESE = st.text(st.sampled_from(list(SENTENCE + IDEOGRAPHS + "0123456789abc \n")), min_size=4, max_size=300)


@settings(max_examples=200, deadline=None)
@given(CHINESE, st.sampled_from(["utf_16_le", "utf_16_be", "utf-8"]))
def test_decoding_round_trips(text, codec):
    decoded, _ = decode_bytes(text.encode(codec))
    assert decoded == text


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from(list(IDEOGRAPHS + "0123456789,。")), min_size=12, max_size=300)
       .filter(lambda t: sum(ch in IDEOGRAPHS for ch in t) >= 8))
def test_gb18030_text_is_not_taken_for_utf16(text):
    # (a detector needs some text: a handful of GB18030 bytes among digits, as in 00000000000书,
    # can be read as other legacy codecs; an article has more Chinese than that)
    decoded, codec = decode_bytes(text.encode("gb18030"))
    assert decoded == text and codec != "utf_16_le" and codec != "utf_16_be"


@pytest.mark.parametrize("data", [b"\x00\x01\x02PNG\x00" * 100, bytes(range(256)) * 20, os.urandom(4096)])
def test_binary_is_still_refused(data):
    with pytest.raises(UnicodeDecodeError):
        decode_bytes(data)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX symbolic links")
def test_symlink_loops_and_broken_links_in_a_folder_are_reported(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "ping.txt").symlink_to(folder / "pong.txt")
    (folder / "pong.txt").symlink_to(folder / "ping.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder link back up: not followed, no endless walk
    arts = list(iter_articles([folder]))
    assert [(a.id, a.error is None) for a in arts] == [
        ("a", True), ("gone", False), ("loop", False), ("ping", False), ("pong", False)]
    assert "symbolic link loop" in arts[2].error and "broken symbolic link" in arts[1].error
    assert count_articles([folder]) == len(arts)


@pytest.mark.parametrize(("row", "says"), [
    ({"id": "a", "text": None}, "field 'text' is null"),
    ({"id": "a"}, "field 'text' is missing"),
    ({"id": "a", "text": 3}, "field 'text' is a int, not a string"),
])
def test_null_text_is_called_null(tmp_path, row, says):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [art] = iter_articles([src])
    assert art.error.endswith(says)


def test_a_path_that_cannot_be_looked_at_is_one_error_article(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    too_long = tmp_path / ("x" * 300 + ".jsonl")  # ENAMETOOLONG from stat()
    arts = list(iter_articles([good, too_long, good]))
    assert [a.error is None for a in arts] == [True, False, True]
    assert "cannot read" in arts[1].error
    assert count_articles([good, too_long, good]) == 3


def _without_root_powers():
    """A command prefix under which chmod 000 really makes a file unreadable (root reads anything)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unreadable_file_argument_is_one_error_record(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "text": SENTENCE}, ensure_ascii=False) + "\n", encoding="utf-8")
    locked_jsonl = tmp_path / "locked.jsonl"
    locked_txt = tmp_path / "locked.txt"
    for p in (locked_jsonl, locked_txt):
        p.write_text(SENTENCE, encoding="utf-8")
        p.chmod(0)
    out = tmp_path / "out.jsonl"
    exe = Path(sys.executable).with_name("govnews-nlp")
    done = subprocess.run([*_without_root_powers(), str(exe), "extract", str(good), str(locked_jsonl),
                           str(locked_txt), "-o", str(out), "-q", "--progress"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # some articles failed; the run went through
    recs = list(read_records(out))
    assert [(r["id"], r["error"] is None) for r in recs] == [("g", True), ("locked", False), ("locked", False)]
    assert all("Permission denied" in r["error"] for r in recs[1:])
