"""Project names as noun phrases (``ProjectFinder._noun_phrase``): the left edge found by grammar on
the part-of-speech lexicon and the people of the text, and the specific-modifier requirement.

Sentences are written for these tests (the issue's own sentences included); each table names the
phenomenon it tests.
"""

from __future__ import annotations

import unicodedata

import pytest

import govnews_nlp
from govnews_nlp.components.capacity.projects import ProjectFinder
from govnews_nlp.components.capacity.rules import ProjectBoundaryRule, ProjectGenericRule, ProjectSuffixRule
from govnews_nlp.extensions import record_fields
from govnews_nlp.lexicon import default_patterns_dir, load_rules


@pytest.fixture(scope="module")
def finder() -> ProjectFinder:
    d = default_patterns_dir()
    return ProjectFinder(
        load_rules(d / "project_suffixes.jsonl", ProjectSuffixRule),
        load_rules(d / "project_boundaries.jsonl", ProjectBoundaryRule),
        load_rules(d / "project_generic.jsonl", ProjectGenericRule),
    )


@pytest.fixture(scope="module")
def full_nlp():
    """The whole pipeline: the officials component's people reach the project finder."""
    return govnews_nlp.load()


def names(nlp, text: str) -> list:
    return [unicodedata.normalize("NFKC", p["text"]) for p in record_fields(nlp(text))["projects"]]


# -- name material the grammar must not cut ------------------------------------------------------
@pytest.mark.parametrize(
    "sentence,expected",
    [
        # a phase (一期 d, 三期 t, 首期 t, 二期 b in jieba): part of the name
        ("随后参观了青岚港物流园一期工程。", ["青岚港物流园一期工程"]),
        ("走进松江污水处理厂三期扩建工程。", ["松江污水处理厂三期扩建工程"]),
        ("察看了白沙硅材料产业园首期年产8万吨工业硅项目。", ["白沙硅材料产业园首期年产8万吨工业硅项目"]),
        # an ordinal before a noun names an institution: 第一人民医院, 第三水厂
        ("调研了松原市第二人民医院门诊楼建设项目。", ["松原市第二人民医院门诊楼建设项目"]),
        ("督导檀溪县第四水厂扩建工程。", ["檀溪县第四水厂扩建工程"]),
        # an adverbial adjective (ad) before a noun is an adjective: 正极材料
        ("察看了丰源新能源年产5万吨锂电池正极材料项目。", ["丰源新能源年产5万吨锂电池正极材料项目"]),
        # between two nouns an adverb or a time word (高速 d, 现代 t) is a modifier in the compound
        ("由市交投集团实施的绕城高速北段改扩建工程。", ["绕城高速北段改扩建工程"]),
        ("走进县现代农机装备产业园。", ["县现代农机装备产业园"]),
        # a round size with its unit (万亩, 千亩) is a quantity of the name, not a count of projects
        ("全镇正在实施的岔河镇千亩高标准茶园建设项目。", ["岔河镇千亩高标准茶园建设项目"]),
        # 零 begins no count: 零部件 (tagged mq) is a noun
        ("考察了岳川汽车零部件产业园。", ["岳川汽车零部件产业园"]),
        # 与 is tagged p: between two activities it joins one name
        ("随后来到青河湿地生态保护与修复工程。", ["青河湿地生态保护与修复工程"]),
    ],
)
def test_name_material_kept(finder, sentence, expected):
    assert [p.text for p in finder.find(sentence)] == expected


# -- the issue's sentences: verbs, people and subjects; 项目 as an object or a count; categories ---
@pytest.mark.parametrize(
    "sentence,expected",
    [
        # (1) the name runs left over verbs, people and subjects
        ("省长王某一行考察了东山新材料项目。", ["东山新材料项目"]),
        ("县委书记李某出席项目签约仪式。", []),
        ("市长代表市政府向项目方致辞。", []),
        # (2) 项目 as an object or a count is not a name
        ("牢固树立项目为王理念。", []),
        ("掀起项目建设热潮。", []),
        ("抢抓三季度项目。", []),
        ("力争使项目早日投产。", []),
        ("第二批重大项目。", []),
        ("我县第三大单体项目。", []),
        # (3) category words alone are not names
        ("招商引资项目。", []),
        ("重特大项目。", []),
        ("优质工程。", []),
        ("安全环保工程。", []),
        ("示范样板工程。", []),
        ("超十亿元项目。", []),
        # (4) a name is never cut inside a number
        ("正阳集团50万头生猪产业链3000头种猪场项目。", ["正阳集团50万头生猪产业链3000头种猪场项目"]),
        ("日产3000吨级熟料生产线改造工程。", ["日产3000吨级熟料生产线改造工程"]),
    ],
)
def test_issue_sentences(full_nlp, sentence, expected):
    assert names(full_nlp, sentence) == expected


# -- people: a person is never inside a name -----------------------------------------------------
@pytest.mark.parametrize(
    "sentence,person,expected",
    [
        # an unlisted two-character name (the lexicon cannot know it) ends the name at its right edge
        ("副县长柯岚督导青禾食品产业园。", "柯岚", ["青禾食品产业园"]),
        ("总经理邝思远介绍岚山港集装箱码头工程。", "邝思远", ["岚山港集装箱码头工程"]),
        # the person and a verb after it: nothing specific is left
        ("镇长朱一鸣调度项目。", "朱一鸣", []),
    ],
)
def test_people_end_the_name(finder, sentence, person, expected):
    s = sentence.index(person)
    assert [p.text for p in finder.find(sentence, people=[(s, s + len(person))])] == expected


def test_people_outside_the_text_are_ignored(finder):
    """Spans outside the text or empty (a stale span group) are dropped, not an error."""
    text = "考察了东山新材料项目。"
    assert [p.text for p in finder.find(text, people=[(50, 53), (3, 3), (-2, 1)])] == ["东山新材料项目"]


def test_component_passes_its_people_group(full_nlp):
    """The component reads ``doc.spans[people_key]``: with the group renamed, the officials' people
    no longer reach the finder and the name runs over the person."""
    text = "县委书记柯思远出席项目签约仪式。"
    assert names(full_nlp, text) == []
    other = govnews_nlp.load(component_config={"govnews_capacity": {"people_key": "nobody"}})
    assert other.get_pipe("govnews_capacity").people_key == "nobody"
    doc = other(text)
    assert [s.text for s in doc.spans["people"]] == ["柯思远"]
    assert names(other, text) != []


def test_custom_patterns_dir_brings_its_lexicon(tmp_path):
    """A ``patterns_dir`` with its own ``pos_lexicon.txt`` gives the finder that lexicon: here one
    that tags the brand 岳川 as a pronoun, so the name starts after it."""
    import shutil

    folder = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), folder)
    with (folder / "pos_lexicon.txt").open("a", encoding="utf-8") as fh:
        fh.write("岳川\tr\t100000\n")
    text = "考察了岳川汽车零部件产业园。"
    custom = govnews_nlp.load(components=["govnews_capacity"], patterns_dir=str(folder))
    assert names(custom, text) == ["汽车零部件产业园"]
    packaged = govnews_nlp.load(components=["govnews_capacity"])
    assert names(packaged, text) == ["岳川汽车零部件产业园"]


def test_custom_lexicon_error_names_the_line(tmp_path):
    """A malformed lexicon line is a clear error naming the file and line, at load time."""
    import shutil

    folder = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), folder)
    (folder / "pos_lexicon.txt").write_text("东山\tns\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pos_lexicon.txt:1"):
        govnews_nlp.load(components=["govnews_capacity"], patterns_dir=str(folder))


# -- a rank word right before the head ranks a class of projects -------------------------------
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("督导了青山经济技术开发区重点项目。", []),
        ("推进岭南兵团重大项目。", []),
        ("打造亚洲一流工程。", []),
        ("全力保障省重要项目。", []),
        # a noun of its own after the rank: a name
        ("察看了引汉济渭重大水利工程。", ["引汉济渭重大水利工程"]),
    ],
)
def test_rank_before_head_is_a_class(finder, sentence, expected):
    assert [p.text for p in finder.find(sentence)] == expected


# -- a head counted right after it is a class of projects -----------------------------------------
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("其中道路交通项目21个,乡村振兴项目6个。", []),
        ("共实施农田水利工程十二项。", []),
        # a number after the head that counts no projects leaves the name
        ("东山新材料项目15日开工。", ["东山新材料项目"]),
        # the count of the projects inside a park leaves the park a name
        ("青岭镇农产品加工产业园4个项目同时开工。", ["青岭镇农产品加工产业园"]),
    ],
)
def test_counted_head_is_a_class(finder, sentence, expected):
    assert [p.text for p in finder.find(sentence)] == expected
