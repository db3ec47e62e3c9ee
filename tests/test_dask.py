"""The Dask route: a LocalCluster of 2 worker processes yields the same records as one process."""

from __future__ import annotations

import json

import pytest

import govnews_nlp
from govnews_nlp.inputs import iter_articles

distributed = pytest.importorskip("dask.distributed")

GOOD = "7月15日,市委副書(shū)記、市長(zhǎng)鞠振調(diào)研我市重點(diǎn)工程項(xiàng)目。"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cl:
        yield cl


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


def _inputs(tmp_path, seed_texts):
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 32)
    (tmp_path / "gbk.txt").write_bytes("4月22日,南平市举行重点项目开工仪式。".encode("gbk"))
    items = list(iter_articles([tmp_path / "bin.txt", tmp_path / "gbk.txt"]))
    items += [(f"{k}-{n}", v) for n in range(4) for k, v in seed_texts.items()]
    items += [("bad-type", 12345), ("g", GOOD)]
    return items


def test_dask_gives_the_same_records_as_one_process(client, nlp, seed_texts, tmp_path):
    items = _inputs(tmp_path, seed_texts)
    one = list(govnews_nlp.extract(items, nlp))
    on_dask = list(govnews_nlp.extract(items, client=client, batch_size=3))
    assert on_dask == one
    assert len(on_dask) == len(items)
    workers_used = client.run(lambda: __import__("govnews_nlp.distributed", fromlist=["x"])._PIPELINES.__len__())
    assert len(workers_used) == 2 and all(n >= 1 for n in workers_used.values())  # both workers did work


def test_dask_ships_a_custom_pipeline(client, nlp, seed_texts):
    """A pipeline given as an object is serialized (config + bytes), sent once, and rebuilt on the workers."""
    items = list(seed_texts.items())
    assert list(govnews_nlp.extract(items, nlp, client=client, batch_size=2)) == list(govnews_nlp.extract(items, nlp))


def test_cli_scheduler_option(cluster, tmp_path, nlp):
    from typer.testing import CliRunner

    from govnews_nlp.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"x{i}", "text": GOOD}, ensure_ascii=False) + "\n" for i in range(7)),
                   encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "-q", "--scheduler",
                                      cluster.scheduler_address, "--batch-size", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = list(govnews_nlp.extract([(f"x{i}", GOOD) for i in range(7)], nlp))
    for rec, exp in zip(recs, expected):
        exp["source"] = rec["source"]  # the CLI records the file:line it read
        exp["normalization"]["encoding"] = rec["normalization"]["encoding"]
    assert recs == expected
