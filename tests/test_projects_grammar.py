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
