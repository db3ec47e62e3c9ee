"""spaCy's own command line finds everything through entry points: no ``--code``, no import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import DocBin


def _spacy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spacy", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_spacy_assemble_builds_the_pipeline_from_a_config(nlp, tmp_path):
    cfg = tmp_path / "config.cfg"
    nlp.config.to_disk(cfg)
    out = _spacy("assemble", str(cfg), str(tmp_path / "assembled"))
    assert out.returncode == 0, out.stderr[-2000:]
    code = (
        "import spacy, json\n"
        f"nlp = spacy.load({str(tmp_path / 'assembled')!r})\n"
        "doc = nlp('市委書(shū)記羅清宇調(diào)研年產(chǎn)400萬(wàn)噸活性氧化鈣項(xiàng)目')\n"
        "caps = [s.text for s in doc.spans['capacities']]\n"
        "print(json.dumps([nlp.pipe_names, [(e.text, e.label_) for e in doc.ents], caps], ensure_ascii=False))\n"
    )
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    pipe_names, ents, capacities = json.loads(got.stdout.strip().splitlines()[-1])
    assert pipe_names == nlp.pipe_names
    assert ["罗清宇", "PERSON"] in ents
    assert any(label == "PROJECT" for _, label in ents)  # the project holds the capacity in doc.ents
    assert capacities == ["年产400万吨"]


@pytest.mark.slow
def test_spacy_evaluate_calls_every_components_scorer(nlp, seed_texts, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    # References are the pipeline's own analyses: the plumbing must give a perfect score.
    db = DocBin(store_user_data=True)
    for text in seed_texts.values():
        db.add(nlp(text))
    db.to_disk(tmp_path / "ref.spacy")
    out = _spacy("evaluate", str(tmp_path / "pipe"), str(tmp_path / "ref.spacy"), "--output", str(tmp_path / "m.json"))
    assert out.returncode == 0, out.stderr[-2000:]
    scores = json.loads((tmp_path / "m.json").read_text())
    for key in ("govnews_ents_f", "spans_people_f", "spans_titles_f", "spans_capacities_f", "spans_investments_f",
                "spans_projects_f", "spans_slogans_f"):
        assert key in scores, f"{key} missing from spacy evaluate's output"
        assert scores[key] == pytest.approx(1.0), key
