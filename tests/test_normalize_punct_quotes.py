"""Doubled punctuation and ASCII quotes, on sentences written for each case."""

from __future__ import annotations

import pytest

from govnews_nlp import normalize


@pytest.mark.parametrize("raw, clean", [
    ("我们,、你们", "我们、你们"),
    ("项目开工,。", "项目开工。"),
    ("城市、、乡村", "城市、乡村"),          # Simplified, no other dirt
    ("会议结束。。", "会议结束。"),
    ("会议结束。。。", "会议结束。"),
    ("好吗？？", "好吗？？"),                 # emphatic marks stay
    ("一、二", "一、二"),
])
def test_doubled_punctuation_collapses(raw, clean):
    assert normalize(raw).text == clean


@pytest.mark.parametrize("raw, clean", [
    ('他说"一带一路"很好', "他说“一带一路”很好"),
    ('"乡村振兴"战略', "“乡村振兴”战略"),
    ('提出"GDP增长"目标', "提出“GDP增长”目标"),   # Chinese inside, one ASCII word
    ('He said "你好" to me', 'He said "你好" to me'),  # English outside
    ('{"名称": "项目"}', '{"名称": "项目"}'),            # JSON-looking line
    ('"名称": "项目"', '"名称": "项目"'),
    ('他说"OK"', '他说"OK"'),                           # inside is not Chinese
    ('坚持"3820"战略', '坚持“3820”战略'),                  # a number between Han characters
    ('一"二"三"四', '一"二"三"四'),                      # odd count: no reliable pairs
    ('他说"一\n带"', '他说"一\n带"'),                    # not paired on one line
])
def test_ascii_quotes_pair_only_around_chinese(raw, clean):
    assert normalize(raw, disable=["lines"]).text == clean
