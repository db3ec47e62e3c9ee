"""govnews_slogans: mechanisms that need the part-of-speech lexicon (:mod:`govnews_nlp.pos_lexicon`):
unquoted numbered formulas after a directive verb, compressed lists of one-character words, and one
common word quoted for emphasis. Sentences written for the phenomena (and the issue's own)."""

from __future__ import annotations

import pytest

import govnews_nlp
from govnews_nlp.components.slogans import SloganDetector


@pytest.fixture(scope="module")
def detector() -> SloganDetector:
    return govnews_nlp.load(components=["govnews_slogans"]).get_pipe("govnews_slogans")


# (sentence, expected texts, rule of the first)
FOUND = [
    # unquoted: a numeral that is a word of its own + a short body, after a directive verb (the issue's)
    ("加快建设两型社会,推动绿色转型。", ["两型社会"], "verb-numbered"),
    ("全力推进三中心建设,完善城市功能。", ["三中心"], "verb-numbered"),
    ("着力打造“一核两翼”,拓展发展空间。", ["一核两翼"], "numbered"),  # quoted: numbered by form
    ("扎实推进三化建设。", ["三化"], "verb-numbered"),  # a listed abbreviation (jieba j) as a whole
    # compressed lists: every character a word of its own, also in an emphasis frame
    ("全体干部要发扬“严准细实”作风。", ["严准细实"], "compressed"),
    ("始终牢记“民之所盼”。", ["民之所盼"], "compressed"),
]


@pytest.mark.parametrize("sentence,expected,rule", FOUND)
def test_found(detector, sentence, expected, rule):
    hits = detector.find(sentence)
    assert [h.text for h in hits] == expected
    assert hits[0].rule == rule


NOT_FOUND = [
    "推进两岸交流,增进同胞福祉。",  # the numeral starts a word (两岸 f)
    "深化两岸合作,共谋发展。",
    "加快建设三亚,打造国际旅游岛。",  # a place (三亚 ns)
    "推进一批项目,扩大有效投资。",  # a count (一批 m)
    "推进一体化,共享公共服务。",  # a common word (一体化)
    "为项目落地按下“快进键”。",  # three single characters: a coined term, not a compressed list
    "加快实施“西电东送”。",  # compass points: the name of a scheme
    "在新赛道上开辟“新蓝海”。",  # a descriptive term
    "争当全省发展的“排头兵”。",  # one common word (n) quoted as a role
    "杜绝“豆腐渣”工程。",
]


@pytest.mark.parametrize("sentence", NOT_FOUND)
def test_not_found(detector, sentence):
    assert [h.text for h in detector.find(sentence)] == []
