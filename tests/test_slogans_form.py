"""govnews_slogans: quotations judged by their own form (parallel clauses of one measure, predication
formulas, goals, inner quotations, clauses repeated from a formula) and the negatives those forms must
not swallow (unequal descriptions, sizes, idioms, roles). Sentences written for the phenomena."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govnews_nlp
from govnews_nlp.components.slogans import SloganDetector
from govnews_nlp.components.slogans.component import drop_blocked as _drop_by_groups
from govnews_nlp.components.slogans.scan import SloganHit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def detector() -> SloganDetector:
    return govnews_nlp.load(components=["govnews_slogans"]).get_pipe("govnews_slogans")


# (sentence, expected texts in order, rule of the first)
FORMS = [
    # parallel clauses of one measure, with no verb or head next to them (the sentences)
    ("全体干部以“说了算、定了干”的劲头推进项目。", ["说了算、定了干"], "parallel"),
    ("“拼经济、抓项目、促发展”开局良好。", ["拼经济、抓项目、促发展"], "parallel"),
    ("全年“稳中求进、进中求优”,各项指标好于预期。", ["稳中求进、进中求优"], "parallel"),
    # a formula whose last clause ends in a name word (品牌) is still a formula
    ("确保按照“建精品工程、创优良质量、树知名品牌”要求推进。", ["建精品工程、创优良质量、树知名品牌"], "parallel"),
    # a quotation inside a quotation: the outer theme and the inner formula both count
    ("展会以“扩大开放合作,共建‘一带一路’”为主题。", ["扩大开放合作,共建‘一带一路’", "一带一路"], "parallel"),
    # a clause of a formula quoted again later in the same text
    (
        "全县实施“农业稳县、工业强县、文旅兴县”战略,把园区作为“工业强县”的主阵地。",
        ["农业稳县、工业强县、文旅兴县", "工业强县"],
        "parallel",
    ),
    ("市里提出“抓招商、抓项目、抓服务”,始终把“抓项目”摆在首位。", ["抓招商、抓项目、抓服务", "抓项目"], "parallel"),
    # the four-character predication formula domain + causative verb + governed unit
    ("坚定实施“科技兴市”首位战略。", ["科技兴市"], "predication"),
    ("大力推进“人才强企”。", ["人才强企"], "predication"),
    # a quoted goal after a verb of building: it does not exist yet, so it is not a name
    ("奋力打造“西部现代物流枢纽中心”,加快开放步伐。", ["西部现代物流枢纽中心"], "goal"),
    ("围绕建设“西北绿色食品之都”的发展目标,做强龙头企业。", ["西北绿色食品之都"], "goal"),
]


@pytest.mark.parametrize("sentence,expected,rule", FORMS)
def test_forms(detector, sentence, expected, rule):
    hits = detector.find(sentence)
    assert [h.text for h in hits] == expected
    assert hits[0].rule == rule
    for h in hits:
        assert sentence[h.start : h.end] == h.text


NOT_FORMS = [
    # clauses of unequal measure describe a format; no cue makes them a directive
    "活动采取“线上线下相结合,以线上为主”的办会模式。",
    "会议坚持“全体会议与分组讨论相结合,重在交流”的方式。",
    # a numeral word with a unit is a size, not a numbered formula
    "项目区种下“百万亩”梭梭林。",
    "计划建成“十万吨”级码头。",
    # a repeated short quotation that is not a clause of a quoted formula
    "要当好服务企业的“店小二”,争当全省发展的“排头兵”。",
    "全力冲刺一季度“开门红”,把全县“一盘棋”下好。",
    # a goal verb before a short role word or a name with a company word
    "加快建设“排头兵”。",
    "建设“华润集团”项目。",
    # the predication shape needs a governed unit at its end
    "倡导“科技兴业”理财。",
]


@pytest.mark.parametrize("sentence", NOT_FORMS)
def test_not_forms(detector, sentence):
    assert [h.text for h in detector.find(sentence)] == []


def test_rule_lists_are_in_patterns():
    """Word lists the scanner uses live in slogan_cues.jsonl with an id and a source, not in code."""
    roles = {}
    for line in (ROOT / "patterns" / "slogan_cues.jsonl").read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            roles[obj["role"]] = obj
    from typing import get_args

    from govnews_nlp.components.slogans.rules import CueRole

    for role in get_args(CueRole):  # every role the scanner knows has its listed words
        assert roles[role]["words"] and len(roles[role]["source"]) > 20, role


# -- blocked hits: people (the block_keys groups) and project names (the name_keys groups) ----------------
#: how the spans of the groups a Doc carries are labelled here: people block, projects are names
_BLOCKING = ("PERSON", "JOURNALIST")
_NAMES = ("PROJECT",)


def drop_blocked(hits, ents):
    """The component's check, fed with ``(start, end, label)`` spans sorted into its two families."""
    return _drop_by_groups(hits, 100, [(s, e) for s, e, lab in ents if lab in _BLOCKING],
                           [(s, e) for s, e, lab in ents if lab in _NAMES])


def blocks(label, hit):
    """The definition the mask implements: people always block; inside a project name only numbered
    and canon formulas, programmes and parallel formulas survive."""
    if label in _BLOCKING:
        return True
    return label in _NAMES and hit.kind not in ("numbered", "canon") and hit.rule not in ("programme", "parallel")
def _hit(start: int, end: int, kind: str = "directive", rule: str = "context") -> SloganHit:
    return SloganHit(start, end, "x" * (end - start), kind, True, None, rule)


BLOCK_CASES = [
    # (hits, entities (start, end, label), kept indices)
    ([_hit(0, 4)], [(2, 5, "PERSON")], []),  # a person overlaps: dropped
    ([_hit(0, 4)], [(4, 6, "PERSON")], [0]),  # touching is not overlapping
    ([_hit(0, 8)], [(1, 3, "PROJECT")], []),  # a directive inside a project name: a name
    ([_hit(0, 8, "numbered", "numbered")], [(1, 3, "PROJECT")], [0]),  # numbered survives a project
    ([_hit(0, 8, rule="programme")], [(0, 8, "PROJECT")], [0]),  # 实施“…工程”: a programme
    ([_hit(0, 17, rule="parallel")], [(1, 6, "PROJECT")], [0]),  # 建一流工程、创…、树…: a formula
    ([_hit(0, 4), _hit(10, 14), _hit(20, 24)], [(11, 12, "PERSON"), (30, 31, "PERSON")], [0, 2]),
    ([_hit(0, 30), _hit(5, 9)], [(6, 7, "JOURNALIST")], []),  # a long hit and a nested one
    ([_hit(0, 4)], [(1, 2, "GPE")], [0]),  # other labels never block
]


@pytest.mark.parametrize("hits,ents,kept", BLOCK_CASES)
def test_drop_blocked(hits, ents, kept):
    assert drop_blocked(hits, ents) == [hits[i] for i in kept]


def _drop_blocked_pairwise(hits, ents):
    """The definition: a hit is dropped when any entity overlapping it blocks it."""
    return [h for h in hits if not any(s < h.end and h.start < e and blocks(label, h) for s, e, label in ents)]


def test_drop_blocked_agrees_with_pairwise_definition():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    spans = st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1]))
    hit = st.tuples(
        spans,
        st.sampled_from(["directive", "numbered", "canon", "campaign"]),
        st.sampled_from(["context", "parallel", "programme", "numbered"]),
    )
    ent = st.tuples(spans, st.sampled_from(["PERSON", "JOURNALIST", "PROJECT", "GPE"]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(hit, max_size=12), st.lists(ent, max_size=12))
    def check(raw_hits, raw_ents):
        hits = [_hit(s, e, kind, rule) for (s, e), kind, rule in raw_hits]
        ents = [(s, e, label) for (s, e), label in raw_ents]
        assert drop_blocked(hits, ents) == _drop_blocked_pairwise(hits, ents)

    check()
