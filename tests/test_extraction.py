"""``extract()``: one record per input, in order, failures isolated; local processes give the same records."""

from __future__ import annotations

import json

import pytest

import govnews_nlp
from govnews_nlp.extraction import PipelineSpec, chunked, to_jobs
from govnews_nlp.inputs import iter_articles

GOOD = "7月15日,市委副書(shū)記、市長(zhǎng)鞠振調(diào)研我市重點(diǎn)工程項(xiàng)目。"
GBK_TEXT = "4月22日,南平市举行重点项目集中开工仪式,总投资13亿元。"
BIG5_TEXT = "12月29日,自治區黨委書記調研防沙治沙工程。"


def make_mixed_inputs(folder):
    """Good, empty, binary, GBK, Big5, 10 MB and malformed-JSONL inputs; returns (paths, n_articles)."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (folder / "big5.txt").write_bytes(BIG5_TEXT.encode("big5"))
    (folder / "huge.txt").write_bytes(("市委书记调研重点项目。" * 350_000).encode("utf-8"))  # ≈ 10.5 MB
    jsonl = folder.parent / "batch.jsonl"
    jsonl.write_bytes(
        json.dumps({"id": "j1", "text": GOOD}, ensure_ascii=False).encode() + b"\n"
        + b'{"id": "j2", "text": "unterminated\n'
        + b"\xff\xfe garbage line\n"
        + json.dumps({"id": "j4", "text": None}).encode() + b"\n"
        + json.dumps({"id": "j5", "text": GBK_TEXT}, ensure_ascii=False).encode() + b"\n"
    )
    return [folder, jsonl], 6 + 5


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    return make_mixed_inputs(tmp_path_factory.mktemp("mixed") / "in")


def test_articles_in_equal_records_out(nlp, mixed):
    paths, n = mixed
    articles = list(iter_articles(paths))
    assert len(articles) == n
    records = list(govnews_nlp.extract(articles, nlp))
    assert [r["id"] for r in records] == [a.id for a in articles]
    by_id = {r["id"]: r for r in records}
    assert by_id["good"]["error"] is None and by_id["good"]["date"]["text"] == "7月15日"
    assert by_id["empty"]["error"] is None  # empty text is an article with nothing in it
    assert "binary" in by_id["binary"]["error"]
    assert by_id["gbk"]["error"] is None and by_id["gbk"]["normalization"]["encoding"] == "gb18030"
    assert by_id["big5"]["error"] is None and by_id["big5"]["normalization"]["encoding"] == "big5"
    assert by_id["big5"]["normalization"]["steps"]["script"]  # Traditional converted
    # the pipeline takes 10 MB articles (load(max_length=20M)); longer ones fail alone (see max_chars below)
    assert by_id["huge"]["error"] is None and by_id["huge"]["date"] is None
    failed = sorted(r["id"] for r in records if r["error"])
    assert failed == ["batch:2", "batch:3", "binary", "j4"]
    for rec in records:
        assert set(rec) >= {"id", "people", "capacities", "investments", "projects", "slogans", "error"}
        if rec["error"]:
            assert all(rec[k] == [] for k in ("people", "capacities", "investments", "projects", "slogans"))


@pytest.mark.parametrize(
    ("items", "ids", "errors"),
    [
        (["甲", "乙"], ["0", "1"], [False, False]),
        ([("x", "甲"), ("y", 7)], ["x", "y"], [False, True]),
        ([None, b"\xe7\x94\xb2", "丙"], ["0", "1", "2"], [True, False, False]),
        ([("z", "甲" * 50)], ["z"], [True]),  # longer than max_chars below
    ],
)
def test_extract_texts_and_pairs(nlp, items, ids, errors):
    records = list(govnews_nlp.extract(items, nlp, max_chars=40))
    assert [r["id"] for r in records] == ids
    assert [bool(r["error"]) for r in records] == errors


def test_a_component_that_raises_fails_only_its_article(nlp):
    from spacy.language import Language

    @Language.component("test_explodes_on_boom")
    def explode(doc):
        if "爆" in doc.text:
            raise RuntimeError("boom")
        return doc

    import copy

    nlp2 = copy.deepcopy(nlp)
    nlp2.add_pipe("test_explodes_on_boom")
    records = list(govnews_nlp.extract([("a", "甲"), ("b", "爆炸"), ("c", "丙")], nlp2))
    assert [r["error"] for r in records] == [None, "RuntimeError: boom", None]


def test_chunking_keeps_everything():
    jobs = list(to_jobs([f"t{i}" for i in range(70)]))
    chunks = list(chunked(jobs, 32))
    assert [len(c) for c in chunks] == [32, 32, 6]
    assert [j for c in chunks for j in c] == jobs


def test_pipeline_spec_rebuilds_an_equivalent_pipeline(nlp, seed_texts):
    spec = PipelineSpec.from_nlp(nlp)
    rebuilt = spec.build()
    assert rebuilt.pipe_names == nlp.pipe_names
    text = next(iter(seed_texts.values()))
    assert govnews_nlp.to_record(rebuilt(text), "x") == govnews_nlp.to_record(nlp(text), "x")


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_two_processes_give_the_same_records(nlp, seed_texts, mixed, start_method):
    articles = [a for a in iter_articles(mixed[0]) if a.id != "huge"] + [(k, v) for k, v in seed_texts.items()] * 3
    one = list(govnews_nlp.extract(articles, nlp))
    two = list(govnews_nlp.extract(articles, nlp, n_process=2, batch_size=4, start_method=start_method))
    assert two == one
