"""Reading articles: every format, every encoding, and bad input as error articles (never raising)."""

from __future__ import annotations

import io
import json

import pytest

from govnews_nlp.inputs import count_articles, decode_bytes, iter_articles, read_stdin

SENTENCE = "7月15日,市委书记张三调研年产20万吨项目,强调要落实“一港双城”战略。"
TRAD = "7月15日,市委書記張三調研年產20萬噸項目,強調要落實“一港雙城”戰略。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("gbk"), "gb18030"),
        (TRAD.encode("big5"), "big5"),
        (SENTENCE.encode("utf-16"), "utf-16"),
    ],
)
def test_decode_detects_chinese_encodings(data, encoding):
    text, enc = decode_bytes(data)
    assert enc == encoding
    assert text in (SENTENCE, TRAD)


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02PNG\x00" * 100, bytes(range(256)) * 20, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64]
)
def test_binary_data_is_refused(data):
    with pytest.raises(UnicodeDecodeError):
        decode_bytes(data)


def test_txt_files_and_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_bytes(TRAD.encode("big5"))
    (tmp_path / "a" / "z.bin").write_bytes(b"\x00" * 10)  # not *.txt: a folder only yields .txt
    single = tmp_path / "single.txt"
    single.write_bytes(SENTENCE.encode("gbk"))
    arts = list(iter_articles([tmp_path / "a", single, tmp_path / "missing.txt"]))
    assert [a.id for a in arts] == ["x", "y", "single", "missing"]
    assert [a.encoding for a in arts[:3]] == ["utf-8", "big5", "gb18030"]
    assert arts[1].text == TRAD and arts[2].text == SENTENCE
    assert arts[3].text is None and "no such file" in arts[3].error
    assert count_articles([tmp_path / "a", single, tmp_path / "missing.txt"]) == 4


def test_jsonl_with_custom_columns_and_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"doc": "a1", "body": SENTENCE}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"doc": "a4", "body": 42}),
        json.dumps({"body": SENTENCE}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts = list(iter_articles([path], id_key="doc", text_key="body"))
    assert [a.id for a in arts] == ["a1", "in:3", "in:4", "a4", "in:6"]
    assert [a.error is None for a in arts] == [True, False, False, False, True]
    assert "not a JSON line" in arts[1].error and "in.jsonl:3" in arts[1].source
    assert "expected a JSON object" in arts[2].error
    assert "'body' is a int" in arts[3].error
    assert count_articles([path]) == 5


def test_csv_input(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('key,content\nc1,"' + SENTENCE + '"\nc2,"two\nlines"\n,no id\n', encoding="utf-8-sig")
    arts = list(iter_articles([path], id_key="key", text_key="content"))
    assert [(a.id, a.text) for a in arts] == [("c1", SENTENCE), ("c2", "two\nlines"), ("in:3", "no id")]
    missing = list(iter_articles([path], text_key="nope"))
    assert len(missing) == 1 and "no column 'nope'" in missing[0].error


def test_parquet_input(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["p1", None, "p3"], "text": [SENTENCE, "x", None]}), path)
    arts = list(iter_articles([path]))
    assert [a.id for a in arts] == ["p1", "in:2", "p3"]
    assert arts[0].text == SENTENCE and arts[2].error
    assert count_articles([path]) == 3
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    [bad] = list(iter_articles([broken]))
    assert bad.text is None and "cannot read Parquet" in bad.error


@pytest.mark.parametrize(
    ("data", "fmt", "expected"),
    [
        (SENTENCE.encode("utf-8"), "auto", [("stdin", SENTENCE)]),
        (SENTENCE.encode("gbk"), "auto", [("stdin", SENTENCE)]),
        (b'{"id": "s1", "text": "abc"}\n{"id": "s2", "text": "def"}\n', "auto", [("s1", "abc"), ("s2", "def")]),
        (b"id,text\nq1,abc\n", "csv", [("q1", "abc")]),
    ],
)
def test_stdin(data, fmt, expected):
    arts = list(read_stdin(io.BytesIO(data), fmt))
    assert [(a.id, a.text) for a in arts] == expected
