"""Records: keys and provenance, the event date, the JSON Schema, and the JSONL/Parquet round trip."""

from __future__ import annotations

import json

import pytest

import govnews_nlp
from govnews_nlp.dates import find_date
from govnews_nlp.outputs import RecordWriter, from_arrow_row, part_path, read_records, to_arrow_row, write_records
from govnews_nlp.records import RECORD_KEYS, RECORD_LISTS, error_record, record_schema

ARTICLE = "7月15日,市委副書(shū)記、市長(zhǎng)鞠振調(diào)研我市重點(diǎn)工程項(xiàng)目。"


@pytest.mark.parametrize(
    ("text", "written", "iso"),
    [
        ("7月15日,市委书记调研。", "7月15日", "--07-15"),
        ("2008年9月10日上午,省委书记调研。", "2008年9月10日", "2008-09-10"),
        # a dateline is the publication day; the event date comes after it
        ("福州新闻网8月23日讯(记者 张旭)8月21日,市长调研。", "8月21日", "--08-21"),
        ("中新网北京3月2日电 座谈会3月1日在北京举行。", "3月1日", "--03-01"),
        # a publication stamp a little after the event gives the year
        ("2021-08-23 11:51 来源:日报\n8月21日,市长调研。", "8月21日", "2021-08-21"),
        ("发布时间:2024年09月03日\n9月2日,市委副书记调研。", "9月2日", "2024-09-02"),
        # across New Year: a January stamp and a late-December event
        ("2024-01-04 10:00\n12月29日,自治区党委召开会议。", "12月29日", "2023-12-29"),
        # a stamp that cannot be this event's publication gives no year
        ("2019-3-25 21:39 心情\n4月12日,随州市召开会议。", "4月12日", "--04-12"),
        ("会议要求加快建设。", None, None),
        ("13月40日,不是日期。", None, None),
    ],
)
def test_find_date(text, written, iso):
    found = find_date(text)
    if written is None:
        assert found is None
    else:
        assert (found["text"], found["iso"]) == (written, iso)
        assert found["month"] == int(iso[-5:-3]) and found["day"] == int(iso[-2:])


def test_to_record_has_every_key_in_order(nlp):
    doc = nlp(ARTICLE)
    rec = govnews_nlp.to_record(doc, "a1", source="x.txt", encoding="big5")
    assert tuple(k for k in rec if k in RECORD_KEYS) == RECORD_KEYS
    assert rec["id"] == "a1" and rec["error"] is None
    assert rec["date"]["text"] == "7月15日"
    assert rec["normalization"]["encoding"] == "big5"
    assert rec["normalization"]["steps"]["pinyin"]  # the report says what was changed
    assert rec["segmenter"] == "char" and rec["version"] == govnews_nlp.__version__
    for key in RECORD_LISTS:
        assert isinstance(rec[key], list)
    json.dumps(rec)  # plain JSON


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_records_match_the_json_schema(nlp, seed_texts):
    validator = _validator()
    for name, text in seed_texts.items():
        validator.validate(govnews_nlp.to_record(nlp(text), name))
    validator.validate(error_record("bad", "ValueError: broken"))
    with pytest.raises(Exception, match="people"):
        validator.validate({k: v for k, v in error_record("bad", "x").items() if k != "people"})


def test_dev_gold_items_fit_the_schema(dev_dir):
    """The gold lists are the record lists: a gold article, completed with provenance, is a valid record."""
    validator = _validator()
    for line in (dev_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        rec = {**error_record(gold["id"], "x"), **{k: gold[k] for k in RECORD_LISTS}, "error": None}
        validator.validate(rec)


FULL = {
    "id": "r1",
    "people": [{"name": "刘煜", "titles": ["市委常委", "副市长"], "kind": "official", "start": 3}],
    "capacities": [{"text": "年产20万吨", "value": 200000, "unit": "吨", "per": "年"},
                   {"text": "1.5万千瓦", "value": 15000.5, "unit": "千瓦", "per": None}],
    "investments": [{"text": "13亿元", "value": 1300000000, "unit": "元"}],
    "projects": [{"text": "白庙浅层储气库项目"}],
    "slogans": [{"text": "一港双城", "kind": "quoted"}],
    "headline": "标题",
    "date": {"text": "7月15日", "year": None, "month": 7, "day": 15, "iso": "--07-15"},
    "events": [{"id": "e1", "action": "调研", "kind": "inspection", "rules": ["act001"], "who": ["P1"],
                "date": "--07-15", "year": None, "place": "福州市", "place_from": "title", "places": ["福州市"],
                "projects": ["白庙浅层储气库项目"], "capacities": ["年产20万吨"], "investments": [], "start": 4,
                "end": 6}],
    "topic": ["extra", "key"],
    "normalization": {"steps": {"pinyin": {"glosses_removed": 3}}, "removed": [], "encoding": "gb18030"},
    "segmenter": "char",
    "version": "0.1.0",
    "schema_version": 2,
    "source": "a.txt",
    "error": None,
}


def test_arrow_row_round_trip():
    pytest.importorskip("pyarrow")
    back = from_arrow_row(to_arrow_row(FULL))
    assert back == FULL and list(back) == list(FULL)  # same keys, same order
    err = error_record("e1", "boom")
    assert from_arrow_row(to_arrow_row(err)) == err


def test_events_are_a_typed_parquet_column(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "r.parquet"
    write_records(out, [FULL])
    table = pq.read_table(out, columns=["events"])
    assert table.column("events").to_pylist()[0][0]["action"] == "调研"
    assert table.column("events").to_pylist()[0][0]["who"] == ["P1"]


@pytest.mark.parametrize(("text", "names"), [
    ("7月15日,市委书记张三调研。市长李四陪同调研。", ["张三", "李四"]),
    (ARTICLE, ["鞠振"]),
])
def test_people_carry_the_docs_per_article_ids(nlp, text, names):
    doc = nlp(text)
    rec = govnews_nlp.to_record(doc, "a1")
    assert [p["name"] for p in rec["people"]] == names
    doc_ids = {p["name"]: p["id"] for p in doc._.people}
    assert [p["id"] for p in rec["people"]] == [doc_ids[n] for n in names]
    assert list(rec["people"][0])[:2] == ["id", "name"]
    assert rec["schema_version"] == 2
    assert all(set(ev["who"]) <= set(doc_ids.values()) for ev in rec["events"])


def test_schema_id_carries_the_schema_version():
    from govnews_nlp.records import SCHEMA_VERSION

    assert f"/v{SCHEMA_VERSION}/" in record_schema()["$id"]
    assert record_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_writer_round_trip_and_atomicity(tmp_path, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"out{suffix}"
    recs = [dict(FULL, id=f"r{i}") for i in range(300)] + [error_record("bad", "boom")]
    writer = RecordWriter(out, row_group_size=64)
    for rec in recs[:10]:
        writer.write(rec)
    assert not out.exists() and part_path(out).exists()  # nothing at the output until closed
    for rec in recs[10:]:
        writer.write(rec)
    writer.close()
    assert not part_path(out).exists()
    assert list(read_records(out)) == recs


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_resume_carries_over_and_reports_done_ids(tmp_path, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"out{suffix}"
    write_records(out, [dict(FULL, id="a"), dict(FULL, id="b")])
    with RecordWriter(out, resume=True) as writer:
        assert writer.done_ids == {"a", "b"} and writer.resumed == 2
        writer.write(dict(FULL, id="c"))
    assert [r["id"] for r in read_records(out)] == ["a", "b", "c"]
    with RecordWriter(out) as writer:  # without resume the output is replaced
        writer.write(dict(FULL, id="z"))
    assert [r["id"] for r in read_records(out)] == ["z"]


def test_resume_salvages_a_killed_runs_part_file(tmp_path):
    out = tmp_path / "out.jsonl"
    write_records(out, [dict(FULL, id="a")])
    # a run killed with SIGKILL leaves its .part with a torn last line
    part_path(out).write_text(json.dumps(dict(FULL, id="a"), ensure_ascii=False) + "\n"
                              + json.dumps(dict(FULL, id="b"), ensure_ascii=False) + "\n{\"id\": \"c\", \"peo",
                              encoding="utf-8")
    with RecordWriter(out, resume=True) as writer:
        assert writer.done_ids == {"a", "b"}
    assert [r["id"] for r in read_records(out)] == ["a", "b"]
