"""Every regression set's generator: its gold passes the dev README's machine check, and it regenerates the
committed articles byte for byte (seeded), one article per gold record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "regression_sets"
SETS = ["set_h", "set_u", "set_v"]


@pytest.mark.parametrize("name", SETS)
def test_gold_strings_occur_in_reference_normalization(regression_generator, name):
    pytest.importorskip("opencc")
    folder = TESTS / name
    assert regression_generator(folder).check(folder / "articles", folder / "gold.jsonl") == 0


@pytest.mark.parametrize("name", SETS)
def test_articles_are_reproducible(regression_generator, name):
    pytest.importorskip("opencc")
    pytest.importorskip("pypinyin")
    folder = TESTS / name
    make_dirty = regression_generator(folder)
    gold_ids = [json.loads(line)["id"] for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    assert sorted(make_dirty.ARTICLES) == sorted(gold_ids)
    for art_id, art in make_dirty.ARTICLES.items():
        committed = (folder / "articles" / f"{art_id}.txt").read_text(encoding="utf-8")
        assert make_dirty.render(art_id, art) == committed, art_id
