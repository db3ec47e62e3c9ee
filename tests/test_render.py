"""``govnews-nlp render``: a displaCy page in our colours, opened in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from spacy.tokens import Span
from typer.testing import CliRunner

from govnews_nlp.cli import app
from govnews_nlp.colors import DISPLACY_COLORS
from govnews_nlp.render import page, render_doc, span_group_data

TEXT = "7月15日,市委书记张三调研年产20万吨项目。"


def _doc(nlp):
    doc = nlp.make_doc(TEXT)
    person = doc.char_span(10, 12, label="PERSON")
    title = doc.char_span(6, 10, label="TITLE")
    cap = doc.char_span(14, 20, label="CAPACITY")
    proj = doc.char_span(14, 22, label="PROJECT")
    doc.ents = [person, cap]
    doc.spans["test_group"] = [title, person, cap, proj]  # nested and overlapping
    return doc


def test_span_group_data_cuts_only_at_span_boundaries(nlp):
    doc = _doc(nlp)
    data = span_group_data(doc, "test_group")
    assert "".join(data["tokens"]) == doc.text
    for span, sp in zip(doc.spans["test_group"], data["spans"]):
        assert "".join(data["tokens"][sp["start_token"]:sp["end_token"]]) == span.text
        assert sp["label"] == span.label_


def test_render_doc_uses_our_labels_and_colours(nlp):
    doc = _doc(nlp)
    html = page([render_doc(doc, "a1")])
    for label in ("PERSON", "CAPACITY", "TITLE", "PROJECT"):
        assert label in html
        assert DISPLACY_COLORS[label] in html
    assert "test_group" in html and "张三" in html
    assert html.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in html
    assert isinstance(doc.ents[0], Span)


def test_render_cli_keeps_failures_on_the_page(tmp_path, seed_texts):
    good = tmp_path / "good.txt"
    good.write_text(next(iter(seed_texts.values())), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 16)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["render", str(good), str(bad), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<h2>good</h2>" in html and "<h2>bad</h2>" in html and "error:" in html
    assert "entities (" in html


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (Debian package: chromium)")


def test_page_opens_in_headless_chromium(tmp_path, seed_texts):
    exe = _chromium()
    src = tmp_path / "article.txt"
    src.write_text(next(iter(seed_texts.values())), encoding="utf-8")
    out = tmp_path / "page.html"
    assert CliRunner().invoke(app, ["render", str(src), "-o", str(out)]).exit_code == 0
    shot = tmp_path / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1200,1600", f"--screenshot={shot}",
             Path(out).resolve().as_uri()],
            capture_output=True, text=True, timeout=120)
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a real picture, not an empty page
