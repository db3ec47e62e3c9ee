"""The unseen set W01–W12 is consistent on its own: the gold passes the dev README's machine check (strings in the
reference normalization, values, per, order), the committed articles are what the seeded generator writes, and the
checker does catch a wrong gold entry. Nothing here runs the system on the articles."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def make_dirty(regression_generator):
    pytest.importorskip("opencc")
    return regression_generator(HERE)


def test_gold_passes_the_machine_check(make_dirty):
    assert make_dirty.problems() == []


def test_articles_are_reproducible(make_dirty):
    pytest.importorskip("pypinyin")
    for art_id in make_dirty.ARTICLES:
        assert make_dirty.render(art_id) == (HERE / "articles" / f"{art_id}.txt").read_text(encoding="utf-8"), art_id


CORRUPTIONS = [
    ("W03", "investments", 0, "value_max", 9000000000),  # range upper bound
    ("W11", "investments", 0, "value", 1200000),  # Chinese numeral 一千二百万
    ("W05", "capacities", 3, "value", 5000000),  # 2×2.5万千瓦
    ("W04", "capacities", 1, "per", "年"),  # 日处理
    ("W10", "projects", 1, "text", "察干诺尔光伏治沙示范项目"),  # not in the article
]


@pytest.mark.parametrize(("aid", "key", "index", "field", "wrong"), CORRUPTIONS)
def test_checker_catches_a_wrong_entry(make_dirty, tmp_path, monkeypatch, aid, key, index, field, wrong):
    records = make_dirty.gold_records()
    bad = copy.deepcopy(records)
    entry = next(r for r in bad if r["id"] == aid)[key][index]
    assert entry[field] != wrong
    entry[field] = wrong
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in bad), "utf-8")
    monkeypatch.setattr(make_dirty, "HERE", tmp_path)
    found = make_dirty.problems(articles_dir=HERE / "articles")
    assert found and all(f.startswith(aid) for f in found), found
