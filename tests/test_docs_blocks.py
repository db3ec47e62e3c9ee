"""Every ```python and ```bash block of README.md and docs/*.md runs, so the docs cannot drift from the code.

* The python blocks of one page run in order in one fresh interpreter (a later block may use an
  earlier one's names), cwd = the repository root, with the installed package. A block followed by a
  ```text block must print exactly that text; a block written as a ``>>>`` session runs as a doctest
  (what it shows is checked); every block must at least finish without an exception. ``tempfile``
  places land in the test's temporary folder (TMPDIR), never in the checkout.
* The bash blocks of one page run in order, each with ``bash -euo pipefail``, in one temporary folder
  per page laid out like a checkout's: a copy of ``seeds/``, links to the read-only ``tests/``,
  ``scripts/`` and ``benchmarks/``, and ``../shared`` pointing at the shared folder; the venv's ``bin``
  is first on PATH, so ``govnews-nlp`` and ``python`` are the installed ones. Outputs land only there.
* ``<!-- docs-test: skip because REASON -->`` right before a block skips it (the reason is reported);
  ``<!-- docs-test: slow -->`` runs a bash block only under ``@pytest.mark.slow``.

Markdown is parsed with markdown-it-py (CommonMark, already installed through typer's rich) so fences
inside lists, tildes and longer fences are read as a renderer reads them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LANGS = ("python", "bash")
MARKER = re.compile(r"<!--\s*docs-test:\s*(?P<mode>\S+)(?:\s+because\s+(?P<reason>.*?))?\s*-->", re.S)
#: Seconds one page's python, or one bash block, may take before the test fails (a hung block).
TIMEOUT = 600

#: Blocks of pages this file's author does not own that cannot carry their own marker yet, keyed by
#: (page, the block's first line). Each entry says what the page's owner should add; an entry whose
#: block is gone or already marked fails, so the table cannot outlive the fix.
OVERRIDES: Dict[Tuple[str, str], Tuple[str, str]] = {
    ("README.md", "python3 -m venv .venv && .venv/bin/pip install '.[all,test]' && .venv/bin/govnews-nlp download"
     " pkuseg && .venv/bin/govnews-nlp extract seeds --segmenter pkuseg --output seeds.records.jsonl"): (
        "skip", "it builds a virtual environment of a fresh clone and runs the whole test suite"),
    ("docs/performance.md",
     "python benchmarks/run.py                 # everything (≈2 min); --quick skips the corpus runs"): (
        "skip", "the benchmarks take minutes on a shared 2-core machine (over the docs test's budget)"),
}
#: Blocks of other owners' pages that fail today (strict xfail: fixing the page makes this entry fail).
KNOWN_FAILURES: Dict[Tuple[str, int], str] = {}


@dataclass(frozen=True)
class Block:
    page: str  # relative to ROOT
    index: int  # among the page's python and bash blocks
    lang: str
    source: str
    line: int  # 1-based line of the opening fence
    mode: str  # run | skip | slow
    reason: str
    expected: Optional[str]  # the following ```text block, if any

    @property
    def id(self) -> str:
        return f"{self.page}#{self.index}-{self.lang}-L{self.line}"


def _marker(tokens, i: int) -> Tuple[str, str]:
    """The ``docs-test`` marker of the fence at ``tokens[i]``: an HTML comment right before it."""
    if i and tokens[i - 1].type == "html_block":
        m = MARKER.search(tokens[i - 1].content)
        if m:
            return m["mode"], (m["reason"] or "").strip()
    return "run", ""


def collect(path: Path) -> List[Block]:
    rel = path.relative_to(ROOT).as_posix()
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    blocks: List[Block] = []
    for i, tok in enumerate(tokens):
        lang = tok.info.split()[0] if tok.type == "fence" and tok.info.strip() else ""
        if lang not in LANGS:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        expected = nxt.content if nxt is not None and nxt.type == "fence" and nxt.info.strip() == "text" else None
        mode, reason = _marker(tokens, i)
        blocks.append(Block(rel, len(blocks), lang, tok.content, tok.map[0] + 1, mode, reason, expected))
    return blocks


BLOCKS = [b for p in PAGES for b in collect(p)]


def _override(block: Block) -> Tuple[str, str]:
    first = block.source.splitlines()[0] if block.source.strip() else ""
    found = OVERRIDES.get((block.page, first))
    if found and block.mode != "run":
        pytest.fail(f"{block.id} now has its own marker: remove its entry from OVERRIDES")
    return found or (block.mode, block.reason)


def _shared() -> Optional[Path]:
    """The shared folder, found like tests/conftest.py does (GOVNEWS_SHARED, else ``../shared`` beside
    the checkout), and for a git worktree also beside the main checkout."""
    candidates = [Path(os.environ["GOVNEWS_SHARED"])] if os.environ.get("GOVNEWS_SHARED") else []
    candidates.append(ROOT.parent / "shared")
    try:
        common = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared")
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if (c / "corpus").is_dir()), None)


def _same_output(got: str, expected: str) -> bool:
    def norm(s: str) -> List[str]:
        return [line.rstrip() for line in s.rstrip().splitlines()]

    return norm(got) == norm(expected)


# --- python: one interpreter per page ---------------------------------------------------------------

RUNNER = textwrap.dedent(
    '''
    import contextlib, doctest, io, json, sys, traceback
    blocks, out = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2]
    ns, results = {"__name__": "__main__"}, {}
    for b in blocks:
        buf = io.StringIO()
        try:
            if b["source"].lstrip().startswith(">>>"):  # a session: doctest checks what it shows
                test = doctest.DocTestParser().get_doctest(b["source"], ns, b["name"], b["name"], 0)
                runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
                runner.run(test, out=buf.write, clear_globs=False)
                if runner.failures:
                    raise AssertionError(buf.getvalue())
            else:
                with contextlib.redirect_stdout(buf):
                    exec(compile(b["source"], b["name"], "exec"), ns)
            results[b["index"]] = {"ok": True, "stdout": buf.getvalue()}
        except BaseException:
            results[b["index"]] = {"ok": False, "stdout": buf.getvalue(), "error": traceback.format_exc()}
        sys.stdout.flush()
        json.dump(results, open(out, "w", encoding="utf-8"))
    '''
)
_python_results: Dict[str, Dict[str, dict]] = {}


def _run_python_page(page: str, tmp: Path) -> Dict[str, dict]:
    if page not in _python_results:
        todo = [b for b in BLOCKS if b.page == page and b.lang == "python" and _override(b)[0] == "run"]
        spec, out = tmp / "blocks.json", tmp / "results.json"
        spec.write_text(json.dumps([{"index": b.index, "name": f"{page}:{b.line}", "source": b.source}
                                    for b in todo]), encoding="utf-8")
        (tmp / "tmp").mkdir()
        env = {**os.environ, "TMPDIR": str(tmp / "tmp"), "MPLBACKEND": "Agg"}
        proc = subprocess.run([sys.executable, "-c", RUNNER, str(spec), str(out)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        died = f"the interpreter exited {proc.returncode}:\n{proc.stderr[-3000:]}"
        for b in todo:  # a block the interpreter never finished (it died): say how
            results.setdefault(str(b.index), {"ok": False, "stdout": "", "error": died})
        _python_results[page] = results
    return _python_results[page]


# --- bash: one folder per page, the blocks in order -------------------------------------------------

_bash_dirs: Dict[str, Path] = {}
_bash_results: Dict[Tuple[str, int], subprocess.CompletedProcess] = {}


def _bash_dir(page: str, factory) -> Path:
    if page not in _bash_dirs:
        base = factory.mktemp("bash")
        work = base / "work"
        work.mkdir()
        shutil.copytree(ROOT / "seeds", work / "seeds")
        for name in ("tests", "scripts", "benchmarks"):
            (work / name).symlink_to(ROOT / name, target_is_directory=True)
        shared = _shared()
        if shared is not None:
            (base / "shared").symlink_to(shared, target_is_directory=True)
        (work / ".tmp").mkdir()
        _bash_dirs[page] = work
    return _bash_dirs[page]


def _run_bash(block: Block, factory) -> subprocess.CompletedProcess:
    key = (block.page, block.index)
    if key not in _bash_results:
        work = _bash_dir(block.page, factory)
        for earlier in BLOCKS:  # the page's earlier blocks first: a block may use their files
            if earlier.page == block.page and earlier.lang == "bash" and earlier.index < block.index \
                    and (earlier.page, earlier.index) not in _bash_results and _override(earlier)[0] == "run":
                _run_bash(earlier, factory)
        bindir = str(Path(sys.executable).parent)
        env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", ""), "TMPDIR": str(work / ".tmp"),
               "VIRTUAL_ENV": str(Path(bindir).parent), "PYTHONUNBUFFERED": "1", "MPLBACKEND": "Agg"}
        _bash_results[key] = subprocess.run(["bash", "-euo", "pipefail", "-c", block.source], cwd=work, env=env,
                                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                            timeout=TIMEOUT)
    return _bash_results[key]


def _params() -> list:
    params = []
    for b in BLOCKS:
        marks = []
        if b.mode == "slow":
            marks.append(pytest.mark.slow)
        if (b.page, b.index) in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[(b.page, b.index)], strict=True))
        params.append(pytest.param(b, id=b.id, marks=marks))
    return params


def test_the_docs_have_blocks_and_every_marker_is_known():
    assert len(BLOCKS) > 30, "the collector found almost no blocks: is markdown-it parsing the pages?"
    for b in BLOCKS:
        assert b.mode in ("run", "skip", "slow"), f"{b.id}: unknown docs-test marker {b.mode!r}"
        assert b.mode != "skip" or b.reason, f"{b.id}: a skip needs a reason (docs-test: skip because ...)"
        assert not (b.mode == "slow" and b.lang == "python"), \
            f"{b.id}: slow is for bash blocks (a page's python blocks share one interpreter)"
    firsts = {(b.page, b.source.splitlines()[0] if b.source.strip() else "") for b in BLOCKS}
    stale = [key for key in OVERRIDES if key not in firsts]
    assert not stale, f"OVERRIDES entries whose block is gone: {stale}"


@pytest.mark.parametrize("block", _params())
def test_docs_block(block: Block, tmp_path_factory):
    mode, reason = _override(block)
    if mode == "skip":
        pytest.skip(f"{block.page}:{block.line}: {reason}")
    where = f"{block.page}:{block.line} (block {block.index}, {block.lang})"
    if block.lang == "python":
        result = _run_python_page(block.page, tmp_path_factory.mktemp("py"))[str(block.index)]
        assert result["ok"], f"{where} raised:\n{result['error']}"
        got = result["stdout"]
    else:
        if "../shared" in block.source and _shared() is None:
            pytest.skip(f"{where}: the shared folder (../shared) is not beside this checkout")
        proc = _run_bash(block, tmp_path_factory)
        assert proc.returncode == 0, f"{where} exited {proc.returncode}:\n{proc.stdout[-4000:]}"
        got = proc.stdout
    if block.expected is not None:
        assert _same_output(got, block.expected), f"{where} printed\n{got}\ninstead of\n{block.expected}"
