"""The compiled build: which modules it covers, that it is in use where CI expects it, and that it
gives exactly the records the pure-Python sources give (``GOVNEWS_NLP_PURE=1`` in a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import govnews_nlp
from govnews_nlp.compiled import COMPILED_MODULES, PURE_ENV, compiled_status, describe, module_name

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(govnews_nlp.__file__).parent

#: Articles compared between the two builds: seeds, both held-out sets, the dev corpus if present.
CORPUS_GLOBS = ["seeds/*.txt", "tests/heldout/articles/*.txt", "tests/heldout2/articles/*.txt"]

EXTRACT_SCRIPT = """
import json, sys
import govnews_nlp
from govnews_nlp.compiled import describe
paths = json.loads(sys.stdin.read())
pairs = [(p, open(p, encoding="utf-8").read()) for p in paths]
records = list(govnews_nlp.extract(pairs, segmenter=sys.argv[1]))
print(json.dumps({"build": describe(), "records": records}, ensure_ascii=False, sort_keys=True))
"""


def _corpus(dev_root: Path) -> list:
    paths = [p for g in CORPUS_GLOBS for p in sorted(ROOT.glob(g))]
    paths += sorted((dev_root / "raw").glob("D??.txt"))
    return [str(p) for p in paths]


def _extract_in_subprocess(paths: list, segmenter: str, pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != PURE_ENV}
    if pure:
        env[PURE_ENV] = "1"
    out = subprocess.run([sys.executable, "-c", EXTRACT_SCRIPT, segmenter], input=json.dumps(paths),
                         capture_output=True, text=True, env=env, check=True, timeout=600)
    return json.loads(out.stdout)


@pytest.mark.parametrize("path", COMPILED_MODULES)
def test_listed_modules_exist_as_source(path):
    """Every compiled module keeps its ``.py`` source in the installed package (the fallback)."""
    assert (PACKAGE.parent / path).is_file(), path


def test_factories_are_never_compiled():
    """spaCy reads factory signatures to validate configs: modules with registry decorators stay Python."""
    for path in COMPILED_MODULES:
        text = (PACKAGE.parent / path).read_text(encoding="utf-8")
        assert "@Language.factory" not in text and "@registry." not in text, path


def test_status_names_every_listed_module():
    status = compiled_status()
    assert list(status) == [module_name(p) for p in COMPILED_MODULES] + ["govnews_nlp._docfast"]
    assert describe()


def test_compiled_where_ci_expects_it():
    """CI installs a regular wheel and sets GOVNEWS_NLP_EXPECT_COMPILED=1: a silent fallback to
    pure Python (no compiler, a broken build hook) must fail there, not slow users down unseen."""
    if os.environ.get("GOVNEWS_NLP_EXPECT_COMPILED", "") in ("", "0"):
        pytest.skip("GOVNEWS_NLP_EXPECT_COMPILED not set")
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        pytest.skip(f"{PURE_ENV} is set")
    status = compiled_status()
    assert all(status.values()), {k: v for k, v in status.items() if not v}


def test_pure_switch_imports_sources():
    out = subprocess.run(
        [sys.executable, "-c", "from govnews_nlp.compiled import compiled_status; "
                               "import json; print(json.dumps(compiled_status()))"],
        capture_output=True, text=True, env={**os.environ, PURE_ENV: "1"}, check=True, timeout=120)
    assert not any(json.loads(out.stdout).values())


@pytest.mark.slow
@pytest.mark.parametrize("segmenter", ["char", pytest.param("jieba", marks=pytest.mark.jieba)])
def test_compiled_and_pure_give_the_same_records(segmenter):
    if not any(compiled_status().values()):
        pytest.skip("nothing compiled in this install (editable or pure wheel): one build only")
    dev_root = Path(os.environ.get("GOVNEWS_SHARED", ROOT.parent / "shared")) / "corpus" / "dev"
    paths = _corpus(dev_root)
    compiled = _extract_in_subprocess(paths, segmenter, pure=False)
    pure = _extract_in_subprocess(paths, segmenter, pure=True)
    assert compiled["build"].startswith("compiled") and pure["build"].startswith("pure")
    assert len(compiled["records"]) == len(paths) >= 29
    for a, b in zip(compiled["records"], pure["records"]):
        assert a == b, a["id"]
