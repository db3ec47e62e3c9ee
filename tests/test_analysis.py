"""Officials across articles, careers, the DataFrames and their sources: pure functions over records."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govnews_nlp.analysis.officials import career, resolve_officials
from govnews_nlp.analysis.sources import RecordsError, iter_records
from govnews_nlp.outputs import write_records
from govnews_nlp.records import error_record


def rec(rid, people, iso="2021-08-21", events=(), **lists):
    """A record with people given as (name, titles, kind); ids P1, P2 … in order."""
    year = int(iso[:4]) if iso[0].isdigit() else None
    r = error_record(rid, "x")
    r.update(error=None, source=f"{rid}.txt", headline=f"标题{rid}",
             date={"text": "x", "year": year, "month": int(iso[-5:-3]), "day": int(iso[-2:]), "iso": iso},
             people=[{"id": f"P{i}", "name": n, "titles": list(t), "kind": k} for i, (n, t, k) in enumerate(people, 1)],
             events=list(events))
    r.update(lists)
    return r


def officials_of(records):
    res, mentions = resolve_officials(records)
    by_article = {}
    for m in mentions:
        by_article.setdefault(m["article"], {})[m["name"]] = m["official"]
    return res, mentions, by_article


# (records, pairs of (article, name) that must be one official, pairs that must be two)
CASES = {
    "two 王伟 in two cities stay apart": (
        [rec("a", [("王伟", ["福州市副市长"], "official")]), rec("b", [("王伟", ["厦门市副市长"], "official")])],
        [], [(("a", "王伟"), ("b", "王伟"))]),
    "a 市长 later 市委书记 of the same city is one": (
        [rec("a", [("吴贤德", ["福州市市长"], "official")], "2020-03-01"),
         rec("b", [("吴贤德", ["福州市委书记"], "official")], "2022-05-01")],
        [(("a", "吴贤德"), ("b", "吴贤德"))], []),
    "a bare 市长 takes the article's place from a colleague's title": (
        [rec("a", [("林某", ["福州市委书记"], "official"), ("吴贤德", ["市长"], "official")]),
         rec("b", [("吴贤德", ["福州市市长"], "official")])],
        [(("a", "吴贤德"), ("b", "吴贤德"))], []),
    "no place anywhere joins the name's only placed person": (
        [rec("a", [("郑某", [], "official")]), rec("b", [("郑某", ["宁德市委书记"], "official")])],
        [(("a", "郑某"), ("b", "郑某"))], []),
    "no place and two placed persons of that name: a person of its own": (
        [rec("a", [("张伟", [], "official")]), rec("b", [("张伟", ["宁德市委书记"], "official")]),
         rec("c", [("张伟", ["南平市市长"], "official")])],
        [], [(("a", "张伟"), ("b", "张伟")), (("a", "张伟"), ("c", "张伟")), (("b", "张伟"), ("c", "张伟"))]),
    "a national leader is one person whatever the article's place": (
        [rec("a", [("书记甲", ["福州市委书记"], "official"), ("习近平", ["总书记"], "official")]),
         rec("b", [("书记乙", ["锦州市委书记"], "official"), ("习近平", ["总书记"], "official")])],
        [(("a", "习近平"), ("b", "习近平"))], []),
    "executives of two companies stay apart": (
        [rec("a", [("李强", ["华电集团董事长"], "executive")]), rec("b", [("李强", ["三峡集团董事长"], "executive")])],
        [], [(("a", "李强"), ("b", "李强"))]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_officials_across_articles(name):
    records, same, different = CASES[name]
    _, _, by_article = officials_of(records)
    for (a1, n1), (a2, n2) in same:
        assert by_article[a1][n1] == by_article[a2][n2]
    for (a1, n1), (a2, n2) in different:
        assert by_article[a1][n1] != by_article[a2][n2]


def test_journalists_and_failed_records_are_left_out():
    records = [rec("a", [("张旭", ["福州日报记者"], "journalist"), ("吴贤德", ["福州市市长"], "official")]),
               error_record("bad", "boom")]
    _, mentions, _ = officials_of(records)
    assert [m["name"] for m in mentions] == ["吴贤德"]


def test_career_lists_titles_by_date_and_undated_last():
    records = [rec("c", [("吴贤德", ["福州市委书记"], "official")], "2022-05-01"),
               rec("a", [("吴贤德", ["福州市市长"], "official")], "2020-03-01"),
               rec("u", [("吴贤德", ["福州市委书记", "市人大常委会主任"], "official")], "--07-01")]
    _, mentions, by_article = officials_of(records)
    oid = by_article["a"]["吴贤德"]
    assert oid == "吴贤德@福州"
    steps = career(mentions, oid)
    assert [(s["date"], s["titles"]) for s in steps] == [
        ("2020-03-01", ["福州市市长"]), ("2022-05-01", ["福州市委书记"]),
        ("--07-01", ["福州市委书记", "市人大常委会主任"])]
    assert steps[0]["articles"] == ["a"] and steps[0]["year"] == 2020 and steps[2]["year"] is None


names = st.sampled_from(["王伟", "张伟", "李娜", "刘洋"])
titles = st.sampled_from(["福州市市长", "福州市委书记", "厦门市副市长", "市长", "宁德市委书记", "总书记", ""])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(names, titles), min_size=1, max_size=3, unique_by=lambda x: x[0]),
                min_size=1, max_size=8), st.randoms())
def test_resolution_never_merges_names_and_ignores_record_order(articles, rnd):
    records = [rec(f"r{i}", [(n, [t] if t else [], "official") for n, t in people])
               for i, people in enumerate(articles)]
    _, mentions, by_article = officials_of(records)
    for m in mentions:
        assert m["official"].startswith(m["name"] + "@")
    shuffled = records[:]
    rnd.shuffle(shuffled)
    assert officials_of(shuffled)[2] == by_article


SAMPLE = [
    rec("a", [("吴贤德", ["福州市市长"], "official"), ("张旭", ["记者"], "journalist")], "2021-08-21",
        events=[{"id": "e1", "action": "调研", "kind": "inspection", "who": ["P1"], "date": "2021-08-21",
                 "year": 2021, "place": "福清", "projects": ["甲项目"], "capacities": [], "investments": []}],
        projects=[{"text": "甲项目"}], capacities=[{"text": "年产20万吨", "value": 200000, "unit": "吨", "per": "年"}],
        investments=[{"text": "13亿元", "value": 1300000000, "unit": "元"}],
        slogans=[{"text": "3820", "issuer": None}]),
    rec("b", [("吴贤德", ["福州市委书记"], "official")], "2023-01-02"),
    error_record("bad", "boom"),
]


def _values(column):
    """A column's values with missing ones as None (pandas shows them as NaN or NA by version)."""
    return [None if column.isna().iloc[i] else v for i, v in enumerate(column.tolist())]


@pytest.mark.parametrize("kind", ["dicts", "jsonl", "parquet"])
def test_frames_from_every_source_are_the_same(tmp_path, kind):
    pytest.importorskip("pandas")
    from govnews_nlp.analysis import frames

    if kind == "dicts":
        source = SAMPLE
    else:
        if kind == "parquet":
            pytest.importorskip("pyarrow")
        source = tmp_path / f"r.{kind}"
        write_records(source, SAMPLE)
    f = frames(source)
    assert list(f["people"]["name"]) == ["吴贤德", "张旭", "吴贤德"]
    assert _values(f["people"]["official"]) == ["吴贤德@福州", None, "吴贤德@福州"]
    assert _values(f["titles"]["title_place"]) == ["福州市", None, "福州市"]
    ev = f["events"].iloc[0]
    assert (ev["action"], ev["who"], ev["event_place"], ev["year"]) == ("调研", "吴贤德", "福清", 2021)
    assert f["investments"]["value"].sum() == 1300000000
    assert list(f["capacities"]["unit"]) == ["吨"] and list(f["slogans"]["text"]) == ["3820"]
    assert str(f["people"]["year"].dtype) == "Int64"


def test_v1_records_without_person_ids_or_events():
    pytest.importorskip("pandas")
    from govnews_nlp.analysis import frames

    v1 = [dict(r) for r in SAMPLE[:2]]
    for r in v1:
        r["people"] = [{k: v for k, v in p.items() if k != "id"} for p in r["people"]]
        r.pop("events")
        r.pop("schema_version")
    f = frames(v1)
    assert _values(f["people"]["official"]) == ["吴贤德@福州", None, "吴贤德@福州"]
    assert f["events"].empty


def test_a_missing_records_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(RecordsError, match=r"nope\.jsonl"):
        list(iter_records([tmp_path / "nope.jsonl"]))
    with pytest.raises(RecordsError, match="not a record"):
        list(iter_records([42]))


def test_iter_records_streams_jsonl(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SAMPLE), encoding="utf-8")
    assert [r["id"] for r in iter_records(path)] == ["a", "b", "bad"]
