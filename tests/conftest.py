"""Shared fixtures. Tests import the *installed* package (pytest runs with --import-mode=importlib
and the package lives under src/), so CI proves the wheel, not the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("GOVNEWS_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"


@pytest.fixture(scope="session")
def nlp():
    import govnews_nlp

    return govnews_nlp.load()


@pytest.fixture(scope="session")
def seed_texts() -> dict:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    if not (DEV / "raw").is_dir():
        pytest.skip("the dev corpus (../shared/corpus/dev) is not beside this checkout")
    return DEV


@pytest.fixture(scope="session")
def regression_records(nlp):
    """``get(folder) -> (gold, pred)`` for a held-out set (``tests/regression_sets/set_h*``): its gold records and the
    pipeline's records of its articles, both keyed by id, computed once per folder."""
    import json

    import govnews_nlp

    cache: dict = {}

    def get(folder: Path):
        if folder not in cache:
            lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            gold = {rec["id"]: rec for rec in map(json.loads, filter(str.strip, lines))}
            pairs = [(i, (folder / "articles" / f"{i}.txt").read_text(encoding="utf-8")) for i in gold]
            records = list(govnews_nlp.extract(pairs, nlp=nlp))
            assert [r["id"] for r in records] == list(gold)
            assert not any(r.get("error") for r in records), [r.get("error") for r in records]
            cache[folder] = gold, {r["id"]: r for r in records}
        return cache[folder]

    return get


def load_module_from(path: Path, name: str):
    """A module loaded from a file (score.py, a held-out set's make_dirty.py); registered in
    ``sys.modules`` because dataclasses look their module up while the class is built."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def score_regression_set(regression_records):
    """``get(folder) -> (rows by kind, title-chain accuracy)`` for a held-out set: score.py's when it
    sits beside the checkout, else the package's own scorer (same rules, see test_regression_set_u.py)."""
    score_py = SHARED / "tools" / "score.py"

    def get(folder: Path):
        gold, pred = regression_records(folder)
        if score_py.is_file():
            result = load_module_from(score_py, "govnews_shared_score_fixture").score(gold, pred)
            return {row["kind"]: row for row in result["rows"]}, result["title_chain_accuracy"]
        from govnews_nlp.evaluate import KINDS, evaluate

        ev = evaluate(gold, pred)
        return {k: ev.row(k) for k in KINDS}, ev.title_chain_accuracy

    return get


@pytest.fixture(scope="session")
def module_from_file():
    """:func:`load_module_from` for tests (test files cannot import conftest)."""
    return load_module_from


@pytest.fixture(scope="session")
def regression_generator():
    """``get(folder)``: the set's make_dirty.py as a module (articles regenerated, gold checked)."""
    return lambda folder: load_module_from(folder / "make_dirty.py", f"govnews_{folder.name}_make_dirty")


def pkuseg_available() -> bool:
    from govnews_nlp.segmenters import pkuseg_model_available

    try:
        import spacy_pkuseg  # noqa: F401
    except ImportError:
        return False
    return pkuseg_model_available()


def jieba_available() -> bool:
    try:
        import jieba  # noqa: F401
    except ImportError:
        return False
    return True


def pytest_collection_modifyitems(config, items):
    """``@pytest.mark.pkuseg`` / ``@pytest.mark.jieba`` tests skip where that segmenter is missing."""
    have = {"pkuseg": pkuseg_available(), "jieba": jieba_available()}
    for item in items:
        for name, ok in have.items():
            if not ok and item.get_closest_marker(name):
                item.add_marker(pytest.mark.skip(reason=f"{name} not available (see docs/segmenters.md)"))
