"""The tokenizer across processes: a saved pkuseg pipeline re-initializes without the download
cache, and jieba loads without its stderr banner. Each runs in a fresh interpreter, where the
behaviour actually shows (a cache already warm in this process would hide both)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("spacy")  # the tokenizer half: skipped in CI's spaCy-free normalizer environment

from govnews_nlp import load

TEXT = "市委書(shū)記、市長(zhǎng)鞠振到經濟開發區調研。"


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.pkuseg
def test_initialize_keeps_the_pkuseg_model_a_loaded_pipeline_holds(tmp_path):
    nlp = load("pkuseg", components=[])
    nlp.to_disk(tmp_path / "pku")
    empty = tmp_path / "empty-home"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("GOVNEWS_NLP_CACHE", "XDG_CACHE_HOME")}
    env.update(HOME=str(empty), XDG_CACHE_HOME=str(empty / ".cache"), GOVNEWS_NLP_CACHE=str(empty / "gn"))
    code = (
        "import json, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pku')!r})\n"
        "nlp.initialize()\n"
        f"print(json.dumps([t.text for t in nlp({TEXT!r})]))\n"
    )
    proc = _run(code, env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [t.text for t in nlp(TEXT)]


@pytest.mark.jieba
def test_jieba_loads_without_its_banner():
    code = (
        "import govnews_nlp\n"
        "nlp = govnews_nlp.load('jieba', components=[])\n"
        f"print(len(nlp({TEXT!r})))\n"
    )
    proc = _run(code, dict(os.environ))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout.strip().splitlines()[-1]) > 0
    assert "Building prefix dict" not in proc.stderr
    assert "Prefix dict has been built" not in proc.stderr
