"""``govnews-nlp evaluate``: the package's scorer agrees with the shared score.py and lists misses and extras."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govnews_nlp.cli import app
from govnews_nlp.evaluate import contained, evaluate, evaluate_files, same_capacity, same_money

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVNEWS_SHARED", ROOT.parent / "shared"))
SCORE_PY = SHARED / "tools" / "score.py"


def P(name, titles=(), kind="official"):
    return {"name": name, "titles": list(titles), "kind": kind}


# A fixture written for this test: every matching rule, hits and misses of each kind.
GOLD = [
    {"id": "A1",
     "people": [P("张三", ["市委书记", "市长"]), P("李四", ["副市长"]), P("王五", ["记者"], "journalist"),
                P("赵六", ["董事长"], "executive"), P("钱七", [])],
     "capacities": [{"text": "年产20万吨", "value": 200000, "unit": "吨", "per": "年"},
                    {"text": "2×100万千瓦", "value": 2000000, "unit": "千瓦", "per": None},
                    {"text": "日处理600吨", "value": 600, "unit": "吨", "per": "日"}],
     "investments": [{"text": "13亿元", "value": 1300000000, "unit": "元"},
                     {"text": "5千万元", "value": 50000000, "unit": "元"}],
     "projects": [{"text": "白庙浅层储气库项目"}, {"text": "随州市垃圾无害化处理项目"}],
     "slogans": [{"text": "一港双城"}, {"text": "三年攻坚"}, {"text": "属地吹哨,部门报到"}]},
    {"id": "A2", "people": [P("孙八", ["区长"])], "capacities": [], "investments": [],
     "projects": [{"text": "新材料产业园"}], "slogans": []},
    {"id": "A3", "people": [], "capacities": [{"text": "2GW", "value": 2, "unit": "GW", "per": None}],
     "investments": [], "projects": [], "slogans": [{"text": "双碳"}]},
]
PRED = [
    {"id": "A1", "extra_key": 1,
     "people": [P("张三", ["市委书记"]), P("李 四", ["副市长"]), P("王五", ["记者"], "official"),
                P("赵六", ["董事长"], "executive"), P("周九", ["县长"]), {"name": "", "titles": []}],
     "capacities": [{"text": "20万吨", "value": 20, "unit": "万吨", "per": "年"},
                    {"text": "200万千瓦", "value": 2000000, "unit": "千瓦", "per": None},
                    {"text": "日处理600吨", "value": 600, "unit": "吨", "per": None}],
     "investments": [{"text": "13亿元", "value": 13.04, "unit": "亿元"}, {"text": "6亿元", "value": 6e8, "unit": "元"}],
     "projects": [{"text": "在白庙浅层储气库项目"}, {"text": "处理项目"}],
     "slogans": [{"text": "“一港双城”"}, {"text": "三年攻坚行动方案"}, {"text": "属地吹哨,部门报到"}]},
    {"id": "A3", "people": [P("孙八")], "capacities": [{"text": "2GW", "value": 2000, "unit": "MW", "per": None}],
     "investments": [], "projects": [], "slogans": [{"text": "双碳"}, {"text": "两手抓"}]},
    {"id": "ZZ", "people": [P("不计")]},  # not in gold: ignored
]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({"value": 20, "unit": "万吨", "per": "年"}, {"value": 200000, "unit": "吨", "per": "年"}, True),
        ({"value": 2, "unit": "GW", "per": None}, {"value": 2000000, "unit": "千瓦", "per": None}, True),
        ({"value": 100, "unit": "吨", "per": "年"}, {"value": 100, "unit": "吨", "per": None}, False),
        ({"value": 1000, "unit": "吨"}, {"value": 1004, "unit": "吨"}, True),  # within 0.5 %
        ({"value": 1000, "unit": "吨"}, {"value": 1006, "unit": "吨"}, False),
        ({"value": None, "unit": "吨"}, {"value": None, "unit": "吨"}, False),
    ],
)
def test_same_capacity(a, b, same):
    assert same_capacity(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({"value": 13, "unit": "亿元"}, {"value": 1.3e9, "unit": "元"}, True),
        ({"value": 5000, "unit": "万元"}, {"value": 5e7}, True),
        ({"value": 5000, "unit": "万元"}, {"value": 5e8}, False),
    ],
)
def test_same_money(a, b, same):
    assert same_money(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "ratio", "same"),
    [("白庙储气库项目", "在白庙储气库项目", 0.6, True), ("处理项目", "垃圾无害化处理项目", 0.6, False),
     ("三年攻坚", "三年攻坚行动", 0.75, False), ("“一港双城”", "一港双城", 0.75, True), ("", "", 0.6, False)],
)
def test_contained(a, b, ratio, same):
    assert contained(a, b, ratio) is same


def _keyed(recs):
    return {r["id"]: r for r in recs}


def test_counts_misses_and_extras():
    ev = evaluate(_keyed(GOLD), _keyed(PRED))
    rows = {r["kind"]: r for r in ev.to_dict()["rows"]}
    # officials: gold 张三 李四 钱七 孙八; predicted 张三 李四 王五 (wrong kind) 周九 孙八 (A3: wrong article)
    assert (rows["officials"]["tp"], rows["officials"]["gold"], rows["officials"]["pred"]) == (2, 4, 5)
    assert (rows["journalists"]["tp"], rows["journalists"]["gold"]) == (0, 1)
    assert rows["capacities"]["tp"] == 3 and rows["investments"]["tp"] == 1  # 日处理 without per misses
    assert rows["projects"]["tp"] == 1 and rows["slogans"]["tp"] == 3
    assert ev.missing_articles == ["A2"]
    assert ev.title_chain_accuracy == pytest.approx(1 / 2)  # 张三's chain is short, 李四's right
    errs = {(e["id"], e["kind"]): e for e in ev.errors}
    assert errs[("A1", "slogans")]["missed"] == ["三年攻坚"]
    assert errs[("A1", "slogans")]["extra"] == ["三年攻坚行动方案"]
    assert errs[("A1", "journalists")]["missed"] == ["王五"]
    assert errs[("A1", "titles")]["missed"] == ["张三:市长"]
    assert errs[("A3", "slogans")]["extra"] == ["两手抓"] and errs[("A3", "slogans")]["missed"] == []
    assert ("A3", "capacities") not in errs  # 2000 MW == 2 GW


def _write(path: Path, recs) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


@pytest.mark.skipif(not SCORE_PY.exists(), reason="the shared score.py is not beside this checkout")
def test_agrees_with_the_shared_score_py(tmp_path):
    gold, pred = _write(tmp_path / "gold.jsonl", GOLD), _write(tmp_path / "pred.jsonl", PRED)
    out = subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = evaluate_files(gold, pred).to_dict()
    for mine, ref in zip(ours["rows"], theirs["rows"]):
        assert mine["kind"] == ref["kind"]
        for key in ("gold", "pred", "tp"):
            assert mine[key] == ref[key], (mine["kind"], key)
        for key in ("precision", "recall", "f1"):
            assert mine[key] == pytest.approx(ref[key]), (mine["kind"], key)
    assert ours["title_chain_accuracy"] == pytest.approx(theirs["title_chain_accuracy"])
    assert ours["missing_articles"] == theirs["missing_articles"]
    # and the printed table is the same
    table = subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(pred)], capture_output=True, text=True)
    result = CliRunner().invoke(app, ["evaluate", str(gold), str(pred), "--no-errors"])
    assert result.exit_code == 0
    assert result.stdout.strip() == table.stdout.strip()


@pytest.mark.skipif(not SCORE_PY.exists(), reason="the shared score.py is not beside this checkout")
def test_agrees_with_score_py_on_the_dev_corpus(dev_dir, nlp, tmp_path):
    import govnews_nlp
    from govnews_nlp.outputs import write_records

    pairs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((dev_dir / "raw").glob("D??.txt"))]
    pred = tmp_path / "pred.jsonl"
    write_records(pred, govnews_nlp.extract(pairs, nlp))
    gold = dev_dir / "gold.jsonl"
    theirs = json.loads(subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(pred), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    ours = evaluate_files(gold, pred).to_dict()
    assert [(r["tp"], r["gold"], r["pred"]) for r in ours["rows"]] == \
        [(r["tp"], r["gold"], r["pred"]) for r in theirs["rows"]]


def test_cli_lists_errors_and_json(tmp_path):
    gold, pred = _write(tmp_path / "gold.jsonl", GOLD), _write(tmp_path / "pred.jsonl", PRED)
    result = CliRunner().invoke(app, ["evaluate", str(gold), str(pred)])
    assert result.exit_code == 0
    assert "A1\n" in result.stdout and 'missed ["三年攻坚"]' in result.stdout
    assert "articles with no prediction: A2" in result.stdout
    as_json = json.loads(CliRunner().invoke(app, ["evaluate", str(gold), str(pred), "--json"]).stdout)
    assert {r["kind"] for r in as_json["rows"]} >= {"officials", "slogans"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold), str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:2" in result.stderr


def test_parquet_predictions(tmp_path):
    pytest.importorskip("pyarrow")
    from govnews_nlp.outputs import write_records
    from govnews_nlp.records import error_record

    recs = [{**error_record(r["id"], "x"), **{k: v for k, v in r.items() if k != "extra_key"}, "error": None}
            for r in PRED]
    write_records(tmp_path / "pred.parquet", recs)
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    assert evaluate_files(gold, tmp_path / "pred.parquet").to_dict()["rows"] == \
        evaluate_files(gold, _write(tmp_path / "pred.jsonl", PRED)).to_dict()["rows"]
