"""Credit shapes the normalizer used to miss: a photo credit closing a sentence whose surname is not
listed, the journalist of a source line (``来自: 某市 ;王某``), and labels joined by a slash with a
bracketed unit after the name (``文/图丨王某(某港务公司)``). Test sentences are written for this file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govnews_nlp.normalize import normalize
from govnews_nlp.normalize.rules import surnames
from govnews_nlp.pos_lexicon import PosLexicon


def credits_of(text: str):
    return [(c.role, c.name) for c in normalize(text).credits]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # 1. a name then 摄 closing a sentence, a line or a parenthesis; the surname need not be listed
        #    (奉 is a common verb, left out of surnames.jsonl) when the photo credit closes the sentence
        ("各施工单位加紧推进项目建设。奉立新 摄\n", [("摄", "奉立新")]),
        ("各施工单位加紧推进项目建设。奉立新摄", [("摄", "奉立新")]),
        ("签约仪式现场。（奉立新 摄）\n下一段", [("摄", "奉立新")]),
        ("签约仪式现场。(奉立新摄)", [("摄", "奉立新")]),
        # listed surnames keep working in the same shapes
        ("图为开工现场。 禤嘉怡 摄\n", [("摄", "禤嘉怡")]),
        ("项目现场一角。林晓峰 摄\n", [("摄", "林晓峰")]),
        ("举行签约仪式。(林晓峰 摄)", [("摄", "林晓峰")]),
        # 摄 inside a word, or a verb phrase before it, is no credit
        ("宣传片在园区拍摄\n", []),
        ("工作人员正在拍摄", []),
        ("全程跟踪拍摄。", []),
        ("。李明拍摄\n", []),
        ("。组织拍摄\n", []),
        ("。现场拍摄)", []),
        ("。工作人员 摄\n", []),
        ("。记者 摄\n", []),
        ("。本报摄\n", []),
        ("。这是会场 摄\n", []),
        ("。正在摄\n", []),
        ("。奉新 摄\n", []),  # a county (ns), not a person
        ("。（上官摄）\n", []),  # a compound surname alone, not a name read as a bare byline
        ("。航拍 摄\n", []),
        # a listed surname starting a word that is no person's (林 of 林业局, 马 of 马铃薯)
        ("。林业局 摄\n", []),
        ("。马铃薯摄\n", []),
        ("。通讯员 摄\n", []),
        ("。奉立新摄影作品展开幕\n", []),
        ("。奉立新摄像\n", []),
        # a name without a listed surname only when the credit closes: otherwise the old, listed reading
        ("。奉立新 摄于2023年\n", []),
        ("，奉立新 摄\n", []),
        # 2. the journalist of a source line: after the outlet or place (no role printed: 署名)
        ("坚决杜绝豆腐渣工程。\n来自: 青岭市 ;邹明远\n", [("署名", "邹明远")]),
        ("来自：青岭市；邹明远", [("署名", "邹明远")]),
        ("来源：青岭县融媒体中心 邹明远\n", [("署名", "邹明远")]),
        ("来源:青岭县融媒体中心 邹明远 韩雪\n", [("署名", "邹明远"), ("署名", "韩雪")]),
        ("来源：江城日报 | 邹明远", [("署名", "邹明远")]),
        ("来源:江城日报(记者 韩雪)", [("记者", "韩雪")]),
        ("来源：江城日报 记者 韩雪 实习生 秦雨", [("记者", "韩雪"), ("实习生", "秦雨")]),
        ("来源：江城日报 作者：韩雪", [("作者", "韩雪")]),
        # source lines without a person
        ("来源：江城日报\n", []),
        ("来源:新华社\n", []),
        ("来源：光明网 2023-05-24 10:43", []),
        ("来源：人民网 原标题 会议召开", []),
        ("视频来源:江城广播电视台卫视频道\n", []),
        ("来自全国24个城市的129家企业负责人出席", []),
        ("来自：张家口 新华社\n", []),
        # 3. labels joined by a slash, separated from the name by 丨, |, / or a space; a bracketed
        #    unit after the name is no part of it and nobody
        ("文/图丨罗小川(江海港务公司)\n", [("文/图", "罗小川")]),
        ("文/图丨罗小川（江海港）\n", [("文/图", "罗小川")]),
        ("文/图 罗小川\n", [("文/图", "罗小川")]),
        ("文/图|罗小川 秦雨\n", [("文/图", "罗小川"), ("文/图", "秦雨")]),
        ("图/文：罗小川\n", [("图/文", "罗小川")]),
        ("文丨罗小川 图丨秦雨\n", [("文", "罗小川"), ("图", "秦雨")]),
        ("文/罗小川 图/秦雨\n", [("文", "罗小川"), ("图", "秦雨")]),
        ("记者 罗小川（实习）\n", [("记者", "罗小川")]),
        ("图文/张明", []),
        ("文/图片来源网络", []),
    ],
)
def test_credit_shapes(raw, expected):
    assert credits_of(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["项目现场。奉立新 摄\n", "来自: 青岭市 ;邹明远\n", "文/图丨罗小川(江海港务公司)\n"],
)
def test_credit_offsets_and_idempotence(raw):
    """The name's offsets point at it in the clean text, the span runs from the label through the
    name, and normalizing the clean text again finds the same credits."""
    norm = normalize(raw)
    assert norm.credits
    for c in norm.credits:
        assert norm.text[c.name_start:c.name_end] == c.name
        assert c.start <= c.name_start < c.name_end <= c.end
    again = normalize(norm.text)
    assert again.text == norm.text
    assert [(c.role, c.name, c.name_start) for c in again.credits] == \
        [(c.role, c.name, c.name_start) for c in norm.credits]


# -- properties -----------------------------------------------------------------------------------
_LEXICON = Path(__file__).resolve().parent.parent / "patterns" / "pos_lexicon.txt"
#: jieba's tags of ordinary words: verbs, verbal nouns, nouns, adjectives, adverbs, idiomatic phrases
_PHRASE_TAGS = frozenset({"v", "vn", "n", "a", "ad", "an", "d", "l"})


@lru_cache(maxsize=1)
def _unlisted_words() -> list:
    """Common lexicon words of two or three characters (frequency ≥ 50) whose first character is no
    listed surname: the readings the photo credit without a listed surname must refuse."""
    single, _ = surnames(None)
    words = []
    for line in _LEXICON.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        word, tag, freq = line.split("\t")
        if 2 <= len(word) <= 3 and tag in _PHRASE_TAGS and int(freq) >= 50 and word[0] not in single \
                and word[0] != "摄" and all("\u4e00" <= c <= "\u9fff" for c in word):
            words.append(word)
    return words


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(["。{} 摄\n", "。{}摄\n", "。({} 摄)", "。（{}摄）\n下文"]))
def test_no_photo_credit_from_a_dictionary_word(data, template):
    word = data.draw(st.sampled_from(_unlisted_words()))
    assert normalize("项目建设有序推进" + template.format(word)).credits == []


_GIVEN = "立新正云晓峰嘉怡子航思远雨桐一凡明远俊"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from("王李张刘陈杨黄赵吴周林郑"), st.text(alphabet=_GIVEN, min_size=1, max_size=2),
       st.sampled_from(["。{} 摄\n", "。{}摄\n", "。({} 摄)", "。（{}摄）\n下文", "。{} 摄"]))
def test_photo_credit_closing_a_sentence(surname, given_name, template):
    """A listed surname + given name before 摄 closing a sentence is the photographer, bracketed or
    not, glued or not: the lexicon vetoes of the photo credit (拍摄, 林业局) lose no such name unless
    the lexicon knows the string as a word that is no person's. (Unlisted surnames: the table.)"""
    name = surname + given_name
    tag = PosLexicon.default().tags(name)
    assume(tag is None or tag.startswith("nr"))
    norm = normalize("签约仪式现场" + template.format(name))
    assert [(c.role, c.name) for c in norm.credits] == [("摄", name)]
