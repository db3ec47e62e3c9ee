"""Serialization round trips: to_disk/from_disk, to_bytes/from_bytes, spacy.load in a fresh
process, and nlp.pipe with two processes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy

from govnews_nlp import load

TEXT = "省委常委、市委書(shū)記羅清宇調(diào)研年產(chǎn)400萬(wàn)噸活性氧化鈣項(xiàng)目。"


def _summary(doc) -> dict:
    return {
        "text": doc.text,
        "tokens": [t.text for t in doc],
        "ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        "spans": {k: [(s.start_char, s.end_char, s.label_) for s in g] for k, g in doc.spans.items()},
        "raw": doc._.raw_text,
    }


def test_to_disk_from_disk_and_spacy_load(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert again.pipe_names == nlp.pipe_names
    assert _summary(again(TEXT)) == _summary(nlp(TEXT))


def test_to_bytes_from_bytes(nlp):
    data = nlp.to_bytes()
    fresh = spacy.blank("zh", config=nlp.config)
    fresh.from_bytes(data)
    assert _summary(fresh(TEXT)) == _summary(nlp(TEXT))


def test_doc_survives_to_bytes(nlp):
    from spacy.tokens import Doc

    doc = nlp(TEXT)
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert copy._.raw_text == TEXT
    assert copy[0:2]._.raw_span == doc[0:2]._.raw_span


def _fresh_process_summary(path) -> dict:
    code = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({str(path)!r})\n"
        f"doc = nlp({TEXT!r})\n"
        "print(json.dumps({'text': doc.text, 'tokens': [t.text for t in doc], "
        "'ents': [[e.start_char, e.end_char, e.label_] for e in doc.ents], 'raw': doc._.raw_text}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_spacy_load_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    got = _fresh_process_summary(tmp_path / "pipe")
    doc = nlp(TEXT)
    assert got["text"] == doc.text and got["raw"] == TEXT
    assert got["ents"] == [[e.start_char, e.end_char, e.label_] for e in doc.ents]


@pytest.mark.pkuseg
def test_saved_pkuseg_pipeline_loads_in_a_fresh_process(tmp_path):
    nlp = load("pkuseg")
    nlp.to_disk(tmp_path / "pku")
    assert (tmp_path / "pku" / "tokenizer" / "segmenter" / "pkuseg_model" / "features.msgpack").exists()
    got = _fresh_process_summary(tmp_path / "pku")
    assert got["tokens"] == [t.text for t in nlp(TEXT)]
    assert any(len(t) > 1 for t in got["tokens"])


@pytest.mark.slow
def test_pipe_with_two_processes_matches_one(nlp, seed_texts):
    texts = list(seed_texts.values()) * 2
    one = [_summary(d) for d in nlp.pipe(texts)]
    two = [_summary(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two
