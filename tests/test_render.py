"""``govnews-nlp render``: a displaCy page in our colours, opened in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
from spacy.tokens import Span
from typer.testing import CliRunner

from govnews_nlp.cli import app
from govnews_nlp.colors import DISPLACY_COLORS
from govnews_nlp.render import FONT_STACK, article_groups, page, render_doc, span_data, span_group_data

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


def test_one_view_holds_every_group_and_each_span_once(nlp):
    doc = _doc(nlp)
    data = span_data(doc, article_groups(doc), link="#article-1")
    assert "".join(data["tokens"]) == doc.text
    drawn = {("".join(data["tokens"][s["start_token"]:s["end_token"]]), s["label"]): s["kb_id"] for s in data["spans"]}
    assert drawn == {("张三", "PERSON"): "ents, test_group", ("年产20万吨", "CAPACITY"): "ents, test_group",
                     ("市委书记", "TITLE"): "test_group", ("年产20万吨项目", "PROJECT"): "test_group"}
    assert {s["kb_url"] for s in data["spans"]} == {"#article-1"}


def test_the_page_names_cjk_fonts(nlp):
    html = page([render_doc(_doc(nlp), "a1")])
    for font in ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"):
        assert f'"{font}"' in FONT_STACK
    assert f"font-family: {FONT_STACK};" in html and FONT_STACK.endswith("sans-serif")


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
    assert "spans: ents " in html
    assert '<a href="#article-1">good</a>' in html and '<a href="#article-2">bad</a> <span class="error">' in html


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (Debian package: chromium)")


def _chromium_run(exe: str, url: str, *args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *args, url],
            capture_output=True, text=True, timeout=120)


class _Dom(HTMLParser):
    """What the browser parsed: element ids with their h2 text, TOC links, and the text minus displaCy's labels."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: Dict[str, str] = {}
        self.links: List[Tuple[str, str]] = []
        self.text: List[str] = []
        self._stack: List[Tuple[str, Dict[str, str]]] = []
        self._section: Optional[str] = None
        self._h2: Optional[List[str]] = None
        self._link: Optional[List[str]] = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self._stack.append((tag, a))
        if a.get("id"):
            self.ids.setdefault(a["id"], "")
            self._section = a["id"]
        if tag == "h2" and self._section:
            self._h2 = []
        if tag == "a" and any(t == "nav" for t, _ in self._stack):
            self._link = [a.get("href", "")]

    def handle_endtag(self, tag):
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break
        if tag == "h2" and self._h2 is not None and self._section:
            self.ids[self._section] = "".join(self._h2)
            self._h2 = None
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], "".join(self._link[1:])))
            self._link = None

    def handle_data(self, data):
        if any("z-index: 10" in a.get("style", "") for _, a in self._stack) or any(t in ("style", "title")
                                                                                    for t, _ in self._stack):
            return  # a span label ("PERSON ents, people"), not article text
        if self._h2 is not None:
            self._h2.append(data)
        if self._link is not None:
            self._link.append(data)
        self.text.append(data)


def _longest_plain_run(nlp, text: str) -> str:
    """The longest stretch of an article that no span covers: it appears once per copy of the text on the page."""
    doc = nlp(text)
    data = span_data(doc, article_groups(doc))
    covered = {i for s in data["spans"] for i in range(s["start_token"], s["end_token"])}
    return max((t for i, t in enumerate(data["tokens"]) if i not in covered), key=len).strip()


def test_page_opens_in_headless_chromium(tmp_path, seed_texts, nlp):
    """Rendered by Chromium: a real picture, each article's text exactly once, every TOC link to its article."""
    exe = _chromium()
    names = sorted(seed_texts)[:4]
    for name in names:
        (tmp_path / f"{name}.txt").write_text(seed_texts[name], encoding="utf-8")
    (tmp_path / "zz-broken.txt").write_bytes(b"\x00" * 16)
    out = tmp_path / "page.html"
    files = [str(tmp_path / f"{n}.txt") for n in names] + [str(tmp_path / "zz-broken.txt")]
    assert CliRunner().invoke(app, ["render", *files, "-o", str(out)]).exit_code == 0
    url = Path(out).resolve().as_uri()
    shot = tmp_path / "shot.png"
    proc = _chromium_run(exe, url, "--window-size=1200,1600", f"--screenshot={shot}")
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a real picture, not an empty page

    dumped = _chromium_run(exe, url, "--dump-dom")
    assert dumped.returncode == 0 and "</html>" in dumped.stdout, dumped.stderr[-2000:]
    dom = _Dom()
    dom.feed(dumped.stdout)
    text = re.sub(r"\s+", "", "".join(dom.text))
    for name in names:
        run = re.sub(r"\s+", "", _longest_plain_run(nlp, seed_texts[name]))
        assert len(run) >= 8 and text.count(run) == 1, (name, run, text.count(run))
    titles = [*names, "zz-broken"]
    assert [label for _, label in dom.links] == titles  # the TOC lists every article, in order
    for href, label in dom.links:
        assert href.startswith("#") and dom.ids.get(href[1:]) == label  # ... and each link lands on its article
    assert sorted(v for k, v in dom.ids.items() if k.startswith("article-")) == sorted(titles)
