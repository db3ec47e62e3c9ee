"""``著`` after a verb is the particle ``着``, judged by the word before it (POS lexicon), while the
zhù of a listed ``著`` word stays (``normalize/aspect.py``, step ``script_words``)."""

from __future__ import annotations

import pytest

from govnews_nlp import normalize
from govnews_nlp.normalize.aspect import is_aspect_particle, word_before


@pytest.mark.parametrize("raw, expected", [
    # the particle: the word before is a verb or preposition (or 标志, a noun in jieba, with text after)
    ("這標誌著我縣進入新階段", "这标志着我县进入新阶段"),
    ("标志著全面开工", "标志着全面开工"),
    ("這意味著新的開始", "这意味着新的开始"),
    ("隨著經濟發展", "随着经济发展"),
    ("圍繞著目標任務", "围绕着目标任务"),
    ("全縣上下正發生著深刻變化", "全县上下正发生着深刻变化"),
    ("他們肩負著光榮使命", "他们肩负着光荣使命"),
    ("大家紅著臉", "大家红着脸"),
    ("推動著產業轉型", "推动着产业转型"),
    # the zhù: part of a 著 word, whatever precedes it
    ("這是著名的景點", "这是著名的景点"),
    ("成效顯著", "成效显著"),
    ("效果十分顯著", "效果十分显著"),
    ("四大名著", "四大名著"),
    ("保護著作權", "保护著作权"),
    ("成績卓著", "成绩卓著"),
    ("原著小說", "原著小说"),
    ("當地土著居民", "当地土著居民"),
    # the zhù of an author credit: after a name, or a noun with nothing after it
    ("魯迅著", "鲁迅著"),
    ("本書由課題組著。", "本书由课题组著。"),
    ("著", "著"),
])
def test_zhe_by_the_word_before(raw, expected):
    norm = normalize(raw)
    assert norm.text == expected
    assert normalize(norm.text).text == norm.text
    assert len(norm.text) == len(raw) and norm.raw_span(0, len(raw)) == (0, len(raw))


@pytest.mark.parametrize("text, pos, word, particle", [
    ("这标志著我县", 3, "标志", True),
    ("我们围绕著", 4, "围绕", True),
    ("课题组著", 3, "课题组", False),  # a noun with nothing after: a credit
    ("鲁迅著作", 2, "鲁迅", False),
    ("著", 0, None, False),
    ("3著", 1, None, False),  # no Chinese word before
])
def test_word_before_and_verdict(text, pos, word, particle):
    chars = list(text)
    assert word_before(chars, pos) == word
    assert is_aspect_particle(chars, pos) is particle


def test_report_names_the_context_rule():
    norm = normalize("這標誌著我縣")
    assert norm.report.steps["script_words"] == {"著_to_着_after_verb": 1}
