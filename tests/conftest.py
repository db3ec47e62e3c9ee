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
