"""A custom part-of-speech lexicon in ``patterns_dir`` travels with a saved pipeline: ``spacy.load``
in a fresh process finds the same projects as the pipeline that was saved (not the packaged
lexicon's)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import govnews_nlp
from govnews_nlp.lexicon import default_patterns_dir

SENTENCE = "省长王某一行考察了东山新材料项目。"


def _projects(nlp) -> list:
    return [p["text"] for p in nlp(SENTENCE).user_data["govnews_nlp.record.projects"]]


def test_custom_lexicon_is_saved_and_used_after_load(tmp_path):
    custom = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), custom)
    # the custom lexicon makes 东山 a preposition: the name's left edge moves, visibly
    with (custom / "pos_lexicon.txt").open("a", encoding="utf-8") as fh:
        fh.write("东山\tp\t100000\n")
    packaged = _projects(govnews_nlp.load(components=["govnews_officials", "govnews_capacity"]))
    nlp = govnews_nlp.load(components=["govnews_officials", "govnews_capacity"], patterns_dir=str(custom))
    mine = _projects(nlp)
    assert packaged == ["东山新材料项目"] and mine != packaged
    nlp.to_disk(tmp_path / "pipe")
    shutil.rmtree(custom)  # the saved pipeline must not need the folder it was made from
    probe = ("import json, spacy, sys; nlp = spacy.load(sys.argv[1]);"
             f"print(json.dumps([p['text'] for p in nlp({SENTENCE!r}).user_data['govnews_nlp.record.projects']]))")
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "pipe")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == mine
