"""``govnews-nlp report``: the page's content and links, its failures, and the page as a person sees it
(headless Chromium, a screenshot checked figure by figure)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile

import pytest
from typer.testing import CliRunner

import govnews_nlp
from govnews_nlp.cli import app
from govnews_nlp.outputs import write_records
from govnews_nlp.records import error_record

pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

from govnews_nlp.analysis import fonts
from govnews_nlp.analysis.report import FIGURE_IDS


def _has_cjk_font() -> bool:
    try:
        fonts.find_cjk_font()
    except fonts.FontNotFound:
        return False
    return True


needs_font = pytest.mark.skipif(not _has_cjk_font(), reason="no CJK font (apt-get install fonts-wqy-zenhei)")


@pytest.fixture(scope="module")
def seed_records(nlp, seed_texts):
    records = list(govnews_nlp.extract(list(seed_texts.items()), nlp=nlp))
    # the same articles again as later years elsewhere: appearances, diffusion and totals over time
    for year in (2022, 2023):
        for r in list(records[: len(seed_texts)]):
            r2 = json.loads(json.dumps(r))
            r2["id"] = f"{r['id']}-{year}"
            r2["date"] = {**(r2["date"] or {"text": "1月1日", "month": 1, "day": 1}), "year": year}
            r2["date"]["iso"] = f"{year}-{r2['date']['month']:02d}-{r2['date']['day']:02d}"
            records.append(r2)
    records.append(error_record("broken", "cannot decode broken.txt: binary data (NUL bytes)", source="broken.txt"))
    return records


@pytest.fixture(scope="module")
def report_page(seed_records, tmp_path_factory):
    if not _has_cjk_font():
        pytest.skip("no CJK font (apt-get install fonts-wqy-zenhei)")
    folder = tmp_path_factory.mktemp("report")
    src = folder / "records.jsonl"
    write_records(src, seed_records)
    out = folder / "report.html"
    result = CliRunner().invoke(app, ["report", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


@needs_font
def test_the_page_has_every_figure_and_its_table(report_page):
    page = report_page.read_text(encoding="utf-8")
    for fid in FIGURE_IDS:
        m = re.search(rf'<figure id="{fid}">(.*?)</figure>', page, re.S)
        assert m, fid
        assert "<svg" in m.group(1) and "<table>" in m.group(1), fid
    assert "1 failed" in page and "16 records" in page


@needs_font
def test_the_page_is_offline(report_page):
    page = report_page.read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # no remote scripts, fonts or images
    assert not re.search(r"url\((?!#)", page)  # only references inside the page (SVG clip paths)


@needs_font
def test_every_number_links_to_an_article_on_the_page(report_page):
    page = report_page.read_text(encoding="utf-8")
    targets = set(re.findall(r'id="(a\d+)"', page))
    links = re.findall(r'href="#(a\d+)"', page)
    assert len(links) > 20 and set(links) <= targets
    # every linked article shows its record id and source
    for m in re.finditer(r'<tr><td><span id="a\d+">([^<]+)</span></td>.*?</tr>', page):
        assert m.group(1)


def test_a_missing_records_file_fails_clearly_and_writes_nothing(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(tmp_path / "nope.jsonl"), "--output", str(out)])
    assert result.exit_code == 1 and "nope.jsonl: no such records file" in result.output
    assert not out.exists() and not list(tmp_path.iterdir())


def test_no_cjk_font_fails_naming_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such Family",))
    monkeypatch.setattr(fonts, "_FILE_HINTS", ())
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    src = tmp_path / "r.jsonl"
    write_records(src, [error_record("a", "x")])
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(src), "--output", str(out)])
    assert result.exit_code == 1
    assert "fonts-noto-cjk" in result.output and "fonts-wqy-zenhei" in result.output
    assert not out.exists()


def test_a_font_file_given_in_the_environment_must_exist(tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.ENV_FONT, str(tmp_path / "none.ttc"))
    with pytest.raises(fonts.FontNotFound, match="no such font file"):
        fonts.find_cjk_font()


@needs_font
def test_parquet_records_give_the_same_page(seed_records, report_page, tmp_path):
    pytest.importorskip("pyarrow")
    src = tmp_path / "records.parquet"
    write_records(src, seed_records)
    out = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", str(src), "-o", str(out)]).exit_code == 0
    strip = re.compile(r'<a href="file:[^"]*">[^<]*</a>|<svg.*?</svg>', re.S)  # sources and drawings differ by path
    assert strip.sub("", out.read_text(encoding="utf-8")) == strip.sub("", report_page.read_text(encoding="utf-8"))


# -- as a person sees it ----------------------------------------------------------------------------
def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (Debian package: chromium)")


_LAYOUT_SCRIPT = """<script>
const out = {height: document.documentElement.scrollHeight, figures: {}};
for (const f of document.querySelectorAll("figure")) {
  const r = f.querySelector("svg").getBoundingClientRect();
  out.figures[f.id] = [r.left, r.top + window.scrollY, r.width, r.height];
}
const pre = document.createElement("pre"); pre.id = "layout"; pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def _run_chromium(exe: str, args, url: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             f"--user-data-dir={profile}", *args, url],
            capture_output=True, text=True, timeout=180)


@needs_font
def test_the_report_in_headless_chromium(report_page, tmp_path):
    from PIL import Image

    exe = _chromium()
    # a copy with a script that writes where each figure was laid out (the report itself has no script)
    probe = tmp_path / "probe.html"
    probe.write_text(report_page.read_text(encoding="utf-8").replace("</body>", _LAYOUT_SCRIPT + "</body>"),
                     encoding="utf-8")
    width = 1200
    dom = _run_chromium(exe, [f"--window-size={width},1000", "--dump-dom"], probe.resolve().as_uri())
    m = re.search(r'<pre id="layout">(.*?)</pre>', dom.stdout)
    assert m, dom.stderr[-2000:]
    layout = json.loads(m.group(1).replace("&quot;", '"'))
    assert set(layout["figures"]) == set(FIGURE_IDS)  # every figure is in the DOM
    height = int(layout["height"]) + 10
    shot = tmp_path / "shot.png"
    proc = _run_chromium(exe, [f"--window-size={width},{height}", f"--screenshot={shot}"], probe.resolve().as_uri())
    assert shot.exists(), proc.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    for fid, (x, y, w, h) in layout["figures"].items():
        assert w > 300 and h > 100, (fid, w, h)
        region = image.crop((int(x), int(y), int(x + w), int(y + h)))
        colours = region.getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 40, (fid, len(colours or []))  # drawn, not blank
        # the figure is mostly page, partly ink: neither blank nor a solid block
        white = sum(n for n, c in colours if min(c) > 245) / (region.width * region.height)
        assert 0.3 < white < 0.995, (fid, white)
