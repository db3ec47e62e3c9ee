"""Events in the record: one sentence written for each action, the rules file's validation, and the seeds."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnews_nlp
from govnews_nlp.analysis.events import default_actions, find_events, load_action_rules
from govnews_nlp.analysis.places import title_place
from govnews_nlp.lexicon import LexiconError


def _article(text: str, people):
    """people: (name, titles, kind); mentions are every occurrence of each name."""
    persons, mentions = [], []
    for n, (name, titles, kind) in enumerate(people, 1):
        persons.append({"id": f"P{n}", "name": name, "titles": titles, "kind": kind})
        start = text.find(name)
        while start >= 0:
            mentions.append((start, start + len(name), f"P{n}"))
            start = text.find(name, start + 1)
    return persons, mentions


# sentences written for these tests: (text, people, action, who, place)
CASES = [
    ("5月7日,宁德市委书记张三赴福安、霞浦调研工业项目。",
      [("张三", ["宁德市委书记"], "official")], "调研", ["P1"], "福安"),
    ("省委书记李四到三明市视察林业改革。", [("李四", ["福建省委书记"], "official")], "视察", ["P1"], "三明市"),
    ("副市长王五检查安全生产工作。", [("王五", ["泉州市副市长"], "official")], "检查", ["P1"], "泉州市"),
    ("县长赵六督导疫情防控。", [("赵六", ["连江县县长"], "official")], "督导", ["P1"], "连江县"),
    ("区长钱七督查河长制落实情况。", [("钱七", ["鼓楼区区长"], "official")], "督导", ["P1"], "鼓楼区"),
    ("市长孙八出席签约仪式并致辞。", [("孙八", ["漳州市市长"], "official")], "出席", ["P1"], "漳州市"),
    ("双方签订战略合作协议。董事长周九代表公司签字。",
      [("周九", ["华电集团董事长"], "executive")], "签约", ["P1"], None),
    ("年产20万吨项目今天开工,县委书记吴十宣布开工。",
      [("吴十", ["霞浦县委书记"], "official")], "开工", ["P1"], "霞浦县"),
    ("新生产线建成投产。市委书记郑一按下启动键。", [("郑一", ["南平市委书记"], "official")], "投产", ["P1"], "南平市"),
    ("市长王二召开企业家座谈会。", [("王二", ["龙岩市市长"], "official")], "座谈", ["P1"], "龙岩市"),
    ("市委书记陈三主持召开市委常委会会议。", [("陈三", ["莆田市委书记"], "official")], "会议", ["P1"], "莆田市"),
    ("省长林四会见客商一行。", [("林四", ["浙江省省长"], "official")], "会见", ["P1"], "浙江省"),
    ("春节前,县长黄五慰问困难群众。", [("黄五", ["寿宁县县长"], "official")], "慰问", ["P1"], "寿宁县"),
]


@pytest.mark.parametrize(("text", "people", "action", "who", "place"), CASES, ids=[c[2] + c[0][:6] for c in CASES])
def test_each_action_in_a_written_sentence(text, people, action, who, place):
    persons, mentions = _article(text, people)
    events = find_events(text, persons, mentions, date={"iso": "--05-07", "year": None})
    by_action = {e["action"]: e for e in events}
    assert action in by_action, events
    ev = by_action[action]
    assert ev["who"] == who and ev["place"] == place
    assert ev["date"] == "--05-07" and ev["id"].startswith("e")


@pytest.mark.parametrize("text", ["他是市委办公室四级调研员。", "检查组对照清单逐项核实。", "会议听取了调研报告。"])
def test_words_that_only_contain_a_trigger_make_no_event(text):
    persons, mentions = _article(text, [])
    assert find_events(text, persons, mentions) == []


def test_the_actor_of_yixing_and_the_projects_of_the_next_sentence():
    text = ("21日,市长吴贤德赴福清调研重点项目建设。吴贤德一行实地走访了江阴港城经济区,察看了甲项目。"
            "市领导林中麟参加调研。")
    persons, mentions = _article(text, [("吴贤德", ["福州市市长"], "official"), ("林中麟", [], "official")])
    projects = [(text.index("甲项目"), text.index("甲项目") + 3, "甲项目")]
    events = find_events(text, persons, mentions, projects=projects)
    assert [e["action"] for e in events] == ["调研"]  # 察看 is part of the same 调研
    assert events[0]["who"] == ["P1", "P2"] and events[0]["projects"] == ["甲项目"]
    assert events[0]["place"] == "福清" and events[0]["place_from"] == "text"


@pytest.mark.parametrize(("title", "place"), [
    ("福州市委书记", "福州市"), ("市委书记", None), ("福州市市长", "福州市"), ("福建省福州市委书记", "福建省福州市"),
    ("镇沅县人民政府县长", "镇沅县"), ("常务副区长", None), ("中共如东县委常委", "如东县"),
    ("九三学社南通市委主委", "南通市"), ("开发区管委会主任", None),
    ("新疆维吾尔自治区党委书记", "新疆维吾尔自治区"), ("中国石化董事长", None),
])
def test_title_place(title, place):
    assert title_place(title) == place


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "x1", "text": "调研", "action": "调研", "kind": "trip", "source": "a note"}', "kind"),
    ('{"id": "x1", "text": "调研", "action": "调研", "kind": "inspection"}', "source"),
    ('{"id": "x1", "text": "调研", "action": "调研", "kind": "inspection", "source": "ok", "colour": 1}', "colour"),
    ('{"id": "x1", "text": "调研", "action": "调研", "kind": "inspection", "source": "a note"}\n'
     '{"id": "x2", "text": "调研", "action": "视察", "kind": "inspection", "source": "a note"}', "already the trigger"),
])
def test_a_bad_rules_file_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "event_actions.jsonl"
    path.write_text("// header\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as err:
        load_action_rules(path)
    assert f"{path}:{line.count(chr(10)) + 2}" in str(err.value)


def test_the_shipped_rules_load_and_have_unique_triggers():
    table = default_actions()
    assert {r.action for r in table.rules} >= {"调研", "视察", "检查", "督导", "出席", "签约", "开工", "投产", "座谈"}
    assert all(r.source for r in table.rules)


@pytest.mark.slow
def test_events_of_the_seeds_are_sane(nlp, seed_texts):
    actions = {r.action for r in default_actions().rules}
    total = 0
    for name, text in seed_texts.items():
        rec = govnews_nlp.to_record(nlp(text), name)
        ids = {p["id"] for p in rec["people"]}
        assert len(ids) == len(rec["people"])  # per-article ids are unique
        projects = {p["text"] for p in rec["projects"]}
        for ev in rec["events"]:
            assert ev["action"] in actions
            assert set(ev["who"]) <= ids
            assert all(p["kind"] != "journalist" for p in rec["people"] if p["id"] in ev["who"])
            assert set(ev["projects"]) <= projects
            assert ev["date"] == (rec["date"] or {}).get("iso")
            total += 1
        json.dumps(rec["events"], ensure_ascii=False)
    assert total >= len(seed_texts)  # every seed is a report of at least one event


_ALPHABET = "市委书记长县区调研视察签约开工投产座谈会议出席赴到福清连江张三李四,。、；\n项目"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80), st.lists(st.sampled_from(["张三", "李四"]), unique=True))
def test_events_of_any_text_refer_only_to_the_articles_people(text, names):
    persons, mentions = _article(text, [(n, ["福州市委书记"], "official") for n in names])
    events = find_events(text, persons, mentions)
    ids = {p["id"] for p in persons}
    assert [e["id"] for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    assert len({e["action"] for e in events}) == len(events)  # one entry per action
    for e in events:
        assert set(e["who"]) <= ids
        assert 0 <= e["start"] < e["end"] <= len(text)
        assert text[e["start"]:e["end"]] in {r.text for r in default_actions().rules}
