"""Idempotence of ``normalize()``: a second pass changes nothing.

Each strategy generates one kind of dirt the steps repair (glossed Traditional text, characters
lost as ``?`` beside their pinyin, doubled punctuation, ASCII quotes, broken lines); the mixture
interleaves them, since a repair of one kind must not leave work for another step's second pass
(``發(fā)(fā)`` → ``发(fā)`` → ``发``; ``?,(chǎn)`` → ``?(chǎn)`` → ``\ufffd``; ``日, \n,,`` → ``日，,``
→ ``日，``, a join after ``punct``; ``{"一带一路"發,`` → ``…发，`` → ``{“一带一路”发，``, a JSON-looking line
that stopped looking like JSON once its comma widened).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govnews_nlp import normalize

TRAD = "發產業項黨國書記縣長調研標誌著陝西鹼為於會議經濟"
SIMP = "发产业项党国书记县长调研标志着陕西碱为于会议经济"
READINGS = ["fā", "fa", "chǎn", "chan3", "yè", "xiàng", "dang", "guó", "shū", "jì", "xiàn", "zhǎng",
            "diào", "yán", "biāo", "zhì", "zhe", "zhù", "shǎn", "xī", "jiǎn", "wéi", "yú", "huì", "yì"]
PUNCT = [",", "，", "、", "。", "?", "？", ";", ":", "!", "(", ")", "（", "）"]

han = st.sampled_from(TRAD + SIMP)
reading = st.sampled_from(READINGS)
paren = st.sampled_from([("(", ")"), ("（", "）")])
gloss = st.builds(lambda r, p, sp: f"{p[0]}{r}{p[1]}" + sp, reading, paren, st.sampled_from(["", " "]))
#: Traditional characters, each followed by zero to three glosses (real or wrong readings).
glossed = st.lists(st.tuples(han, st.lists(gloss, max_size=3)), min_size=1, max_size=6).map(
    lambda items: "".join(c + "".join(g) for c, g in items))
#: A character lost as ``?`` beside its gloss, in the shapes a broken re-decoding leaves.
lost = st.builds(lambda pre, r, post: f"{pre}{r}{post}",
                 st.sampled_from(["?(", "?（", "?", "?,(", "?,,(", "?，(", "?,F(", "F("]),
                 reading, st.sampled_from([")", "）", ")、", "),", ""]))
doubled = st.lists(st.sampled_from(PUNCT), min_size=2, max_size=4).map("".join)
quoted = st.builds(lambda a, inner, b: f'{a}"{inner}"{b}', st.sampled_from(["", "他说", "He said ", "{", ": "]),
                   st.sampled_from(["一带一路", "GDP", "你好", "a, b", "", "中文abc"]),
                   st.sampled_from(["", "。", " to me", "}", ":", '"']))
broken = st.builds(lambda a, sep, b: a + sep + b, st.sampled_from(["11月12日,", "我县举行", "施歌", "会议"]),
                   st.sampled_from(["\n", "\n\n", " \n", "\r\n", "\n】"]), st.sampled_from(["开工仪式。", "", "】"]))
PIECE = st.one_of(glossed, lost, doubled, quoted, broken, han, st.sampled_from([*PUNCT, "\n", " ", "3.5", "abc"]))
DIRTY = st.lists(PIECE, min_size=1, max_size=12).map("".join)


@pytest.mark.parametrize("raw, once", [
    ("發(fā)(fā)", "发"),            # a gloss behind a gloss: both go in one pass
    ("發(fā)（fa）(fā)展", "发展"),
    ("?,(chǎn)", "\ufffd"),        # a spurious comma inside a lost-character slot
    ("?,,(dòng)作", "动作"),
    ("發11月12日, \n,,", "发11月12日，"),  # a join after punct made ",,": collapsed by the join
    ('{"一带一路"發,', '{"一带一路"发，'),  # JSON-looking before and after its comma widens
])
def test_found_cases_are_repaired_in_one_pass(raw, once):
    first = normalize(raw).text
    assert first == once
    assert normalize(first).text == first


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DIRTY)
@example("發(fā)(fā)")
@example("?,(chǎn)")
@example("發11月12日, \n,,")
@example('{"一带一路"發,')
def test_normalize_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once
