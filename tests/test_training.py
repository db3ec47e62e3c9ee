"""spaCy config training: init-config, the converters, a short ``spacy train`` run, packaging."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnews_nlp
from govnews_nlp.training.annotations import AnnotationError, read_annotations
from govnews_nlp.training.config import training_config
from govnews_nlp.training.convert import align_raw_span, docs_from_raw_annotations, docs_from_records

from .conftest import ROOT, SEEDS

CLI = [sys.executable, "-m", "govnews_nlp.cli"]


@pytest.fixture(scope="module")
def tok_nlp():
    return govnews_nlp.load(components=[], entities=False)


def _run(*args, cwd=None, env=None, timeout=900):
    return subprocess.run([*args], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


# -- init-config ------------------------------------------------------------------------------------
@pytest.mark.parametrize("segmenter", ["char", "jieba", "pkuseg"])
@pytest.mark.parametrize("pipeline,weight_key", [(("ner",), "ents_f"), (("spancat",), "spans_sc_f"),
                                                 (("ner", "spancat"), "ents_f")])
def test_config_has_our_tokenizer_rules_and_weights(segmenter, pipeline, weight_key):
    cfg = training_config(segmenter, pipeline)
    assert cfg["nlp"]["tokenizer"]["@tokenizers"] == "govnews_nlp.NormalizingTokenizer.v1"
    assert cfg["nlp"]["tokenizer"]["segmenter"] == segmenter
    names = cfg["nlp"]["pipeline"]
    assert names[:3] == ["govnews_officials", "govnews_capacity", "govnews_slogans"]
    assert set(pipeline) <= set(names) and "govnews_entities" not in names
    assert cfg["training"]["frozen_components"] == [], "frozen components are never initialized"
    weights = cfg["training"]["score_weights"]
    assert weights[weight_key] > 0 and weights["spans_people_f"] == 0.0
    assert not any(k.startswith("ents_") for k in weights) or "ner" in pipeline


def test_merge_entities_puts_the_entity_step_after_ner():
    cfg = training_config("char", ["ner"], merge_entities=True)
    assert cfg["nlp"]["pipeline"][-2:] == ["ner", "govnews_entities"]
    assert cfg["components"]["govnews_entities"]["existing"] == "keep"


@pytest.mark.parametrize("bad", [{"segmenter": "hanlp"}, {"pipeline": ["parser"]}, {"pipeline": []}])
def test_config_rejects_unknown_choices(bad):
    with pytest.raises(ValueError):
        training_config(**bad)


def test_init_config_cli_writes_a_config_spacy_resolves(tmp_path):
    out = _run(*CLI, "init-config", str(tmp_path / "c.cfg"), "--pipeline", "ner,spancat")
    assert out.returncode == 0, out.stderr
    probe = ("import spacy, sys; from spacy.util import load_config;"
             "nlp = spacy.util.load_model_from_config(load_config(sys.argv[1]), auto_fill=True);"
             "print(nlp.pipe_names)")
    res = _run(sys.executable, "-c", probe, str(tmp_path / "c.cfg"))  # a fresh process, no --code
    assert res.returncode == 0, res.stderr[-2000:]
    assert "govnews_officials" in res.stdout and "spancat" in res.stdout


# -- records + raw texts ---------------------------------------------------------------------------------
def _seed_records():
    return [json.loads(x) for x in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def test_records_become_span_groups_and_entities(tok_nlp):
    docs, report = docs_from_records(tok_nlp, _seed_records(), SEEDS)
    assert report.docs == len(docs) == 5 and not report.missing_texts and not report.not_idempotent
    names = {s.text for d in docs for s in d.spans["people"]}
    assert "罗清宇" in names
    for doc, rec in zip(docs, _seed_records()):
        assert {s.text for s in doc.spans["projects"]} <= {p["text"] for p in rec["projects"]}
        labels = {"PERSON", "JOURNALIST", "PROJECT", "CAPACITY", "INVESTMENT", "SLOGAN"}
        assert all(e.label_ in labels for e in doc.ents)
        ents = [(e.start, e.end) for e in doc.ents]
        assert all(a[1] <= b[0] for a, b in zip(ents, ents[1:])), "entities never overlap"


def test_a_record_string_not_in_the_text_is_reported(tok_nlp, tmp_path):
    (tmp_path / "a1.txt").write_text("市委書(shū)記王大海調(diào)研。", encoding="utf-8")
    rec = {"id": "a1", "people": [{"name": "王大海", "titles": ["市委书记"], "kind": "official"},
                                  {"name": "李不在", "titles": [], "kind": "official"}],
           "projects": [{"text": "不存在的项目"}]}
    docs, report = docs_from_records(tok_nlp, [rec, {"id": "missing"}], tmp_path)
    assert [s.text for s in docs[0].spans["people"]] == ["王大海"]
    assert [s.text for s in docs[0].spans["titles"]] == ["市委书记"]
    assert sorted(u.text for u in report.unaligned) == ["不存在的项目", "李不在"]
    assert report.missing_texts == ["missing"]


# -- annotations on the raw text -----------------------------------------------------------------------------
RAW = "市委書(shū)記、市長(zhǎng)鞠振調(diào)研產(chǎn)業園區。"


def _spans_on_raw(word: str, label: str):
    s = RAW.index(word)
    return s, s + len(word), label


@pytest.mark.parametrize("fmt,line", [
    ("spacy", {"text": RAW, "spans": [dict(zip(("start", "end", "label"), _spans_on_raw("鞠振", "PERSON")))]}),
    ("doccano", {"text": RAW, "label": [list(_spans_on_raw("鞠振", "PERSON"))]}),
])
def test_jsonl_formats(tmp_path, tok_nlp, fmt, line):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    examples = read_annotations(path)
    docs, report = docs_from_raw_annotations(tok_nlp, examples)
    assert [(s.text, s.label_) for s in docs[0].spans["sc"]] == [("鞠振", "PERSON")]
    assert [e.text for e in docs[0].ents] == ["鞠振"] and report.aligned == 1 and not report.unaligned


def test_label_studio_export(tmp_path, tok_nlp):
    s, e, _ = _spans_on_raw("產(chǎn)業園區", "x")
    task = [{"id": 7, "data": {"text": RAW}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": s, "end": e, "labels": ["PROJECT"]}}]}]}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    docs, _ = docs_from_raw_annotations(tok_nlp, read_annotations(path))
    assert [(sp.text, sp.label_) for sp in docs[0].spans["sc"]] == [("产业园区", "PROJECT")]


def test_spans_that_cannot_be_aligned_are_listed_with_a_reason(tok_nlp):
    from govnews_nlp.training.annotations import RawExample

    gloss = RAW.index("(shū)")
    ex = RawExample("x", RAW, [(gloss, gloss + 5, "JUNK"), _spans_on_raw("鞠振", "PERSON")])
    docs, report = docs_from_raw_annotations(tok_nlp, [ex])
    assert [s.text for s in docs[0].spans["sc"]] == ["鞠振"]
    reasons = [(u.text, u.reason.split(" (")[0]) for u in report.unaligned]
    assert reasons == [("(shū)", "removed by the normalizer")]


@pytest.mark.parametrize("content,error", [
    ('{"text": 5}', "'text' must be a string"),
    ('{"text": "abc", "spans": [{"start": 2, "end": 9, "label": "X"}]}', "not inside the text"),
    ('{"text": "abc", "label": [[0, 1]]}', r"must be \[start, end, label\]"),
    ("{not json", "not valid JSON"),
])
def test_malformed_annotation_files_name_file_and_line(tmp_path, content, error):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n" + content + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=error) as info:
        read_annotations(path)
    assert f"{path}:2" in str(info.value)


# property: dirty Traditional text with pinyin, random raw spans ---------------------------------------------
PIECES = ["產(chǎn)", "業(yè)", "園", "區(qū)", "市", "長(zhǎng)", "調(diào)研", "項(xiàng)目", "，", ",,", " ", "\n",
          "書記", "，。", "鞠振", "2023年", "(完)", "“四為四高”", "?"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25), st.data())
def test_every_aligned_span_maps_back_onto_its_annotation(tok_nlp, pieces, data):
    raw = "".join(pieces)
    s = data.draw(st.integers(0, len(raw) - 1))
    e = data.draw(st.integers(s + 1, len(raw)))
    doc = tok_nlp.make_doc(raw)
    span, why = align_raw_span(doc, s, e)
    from govnews_nlp.extensions import offset_map

    mp = offset_map(doc)
    if span is None:
        assert why
        return
    cs, ce = span
    assert 0 <= cs < ce <= len(doc.text)
    rs, re_ = mp.out_span_to_src(cs, ce)
    assert rs < e and s < re_, "the aligned span maps back onto the annotated raw text"
    # whatever the back-mapped raw span holds beyond the annotation was removed by the normalizer
    if rs < s:
        a, b = mp.src_span_to_out(rs, s)
        assert a == b
    if re_ > e:
        a, b = mp.src_span_to_out(e, re_)
        assert a == b


# -- a short spacy train run, evaluate, package ------------------------------------------------------------------
@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """``init-config`` → ``convert`` (seeds gold + raw texts) → ``spacy train`` (char, 20 steps)."""
    tmp = tmp_path_factory.mktemp("train")
    assert _run(*CLI, "init-config", str(tmp / "c.cfg")).returncode == 0
    conv = _run(*CLI, "convert", str(SEEDS / "gold.jsonl"), "--texts", str(SEEDS), "--output", str(tmp / "t.spacy"))
    assert conv.returncode == 0, conv.stderr
    assert "5 doc(s)" in conv.stderr
    out = _run(sys.executable, "-m", "spacy", "train", str(tmp / "c.cfg"), "--paths.train", str(tmp / "t.spacy"),
               "--paths.dev", str(tmp / "t.spacy"), "--output", str(tmp / "out"), "--training.max_steps", "20",
               "--training.eval_frequency", "10")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return tmp, out.stdout


@pytest.mark.slow
def test_spacy_train_reports_ner_and_each_rule_component_apart(trained):
    tmp, stdout = trained
    header = next(line for line in stdout.splitlines() if "LOSS NER" in line)
    assert "ENTS_F" in header and "SPANS_PEOP" in header and "SPANS_SLOG" in header
    meta = json.loads((tmp / "out" / "model-best" / "meta.json").read_text())
    assert "ents_f" in meta["performance"] and "spans_people_f" in meta["performance"]
    assert meta["performance"]["spans_people_f"] > 0.5, "the rule components ran at evaluation"
    assert any(r.startswith("govnews-nlp") for r in meta.get("requirements", []))


@pytest.mark.slow
def test_spacy_evaluate_scores_every_component(trained):
    tmp, _ = trained
    out = _run(sys.executable, "-m", "spacy", "evaluate", str(tmp / "out" / "model-best"), str(tmp / "t.spacy"),
               "--output", str(tmp / "m.json"))
    assert out.returncode == 0, out.stderr[-2000:]
    scores = json.loads((tmp / "m.json").read_text())
    for key in ("ents_f", "spans_people_f", "spans_titles_f", "spans_projects_f", "spans_slogans_f"):
        assert key in scores, key


@pytest.mark.slow
def test_spacy_package_installs_in_a_fresh_venv_and_loads(trained, tmp_path):
    """``spacy package`` output declares govnews-nlp; installed beside the library's own wheel in a new
    venv (nothing else of this environment), ``spacy.load`` of the package works in a fresh process."""
    tmp, _ = trained
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT))
    assert built.returncode == 0, built.stderr[-2000:]
    (tmp_path / "pkg").mkdir()
    pkg = _run(sys.executable, "-m", "spacy", "package", str(tmp / "out" / "model-best"), str(tmp_path / "pkg"),
               "--name", "govnews_test", "--version", "0.0.1", "--build", "wheel")
    assert pkg.returncode == 0, pkg.stdout[-2000:] + pkg.stderr[-2000:]
    meta = json.loads(next((tmp_path / "pkg").rglob("meta.json")).read_text())
    assert any(r.startswith("govnews-nlp") for r in meta["requirements"]), meta["requirements"]
    wheel = next((tmp_path / "pkg").rglob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    inst = _run(str(py), "-m", "pip", "install", "-q", "--find-links", str(dist), str(wheel), env=env)
    assert inst.returncode == 0, inst.stdout[-2000:] + inst.stderr[-2000:]
    probe = ("import spacy; nlp = spacy.load('zh_govnews_test');"
             "print([e.label_ for e in nlp('市委書(shū)記王大海調(diào)研').ents] or 'ok')")
    res = _run(str(py), "-c", probe, env=env, cwd=str(tmp_path))
    assert res.returncode == 0, res.stderr[-3000:]
