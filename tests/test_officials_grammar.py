"""Names bounded by grammar, post words, minority names, long lists, deixis; executives' units.

Every sentence is written for these tests (the issue's own sentences included); the names are
made up. Each table row names the phenomenon it checks.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govnews_nlp
from govnews_nlp.components.officials.names import default_pos

pytestmark = pytest.mark.skipif(default_pos() is None, reason="no POS lexicon (govnews_nlp.pos_lexicon or jieba)")


@pytest.fixture(scope="module")
def off_nlp():
    return govnews_nlp.load(components=["govnews_officials"])


def people(nlp, text):
    return [(p["name"], p["titles"], p["kind"]) for p in nlp(text)._.people]


GRAMMAR = [
    # (1) a following verb bounds the name (参与 is a verb: 王某参 cuts it in two)
    ("市委书记、市长王某参与了直播", [("王某", ["市委书记", "市长"], "official")]),
    ("县长黄某参与了直播", [("黄某", ["县长"], "official")]),
    ("副省长周立发来贺信。", [("周立", ["副省长"], "official")]),
    # a lexicon-only verb after the longer reading (同调) does not beat a listed one after the shorter
    ("县政协副主席高迁、苏虹陪同调研。",
     [("高迁", ["县政协副主席"], "official"), ("苏虹", ["县政协副主席"], "official")]),
    # a function character inside a name closed by punctuation (在 needs an object: 刘在峰,)
    ("市委副书记、市长刘在峰,副市长王海出席。",
     [("刘在峰", ["市委副书记", "市长"], "official"), ("王海", ["副市长"], "official")]),
    # ... but 在 with its object after it stays a preposition: no name is read through it
    ("市长刘在会上讲话。", []),
    # a "word" after a two-character reading that follows it wherever it is printed is the name's
    # own continuation (毕力 is tagged d), not a predicate
    ("旗委书记斯琴毕力格宣布开工。斯琴毕力格强调,要抓好落实。",
     [("斯琴毕力格", ["旗委书记"], "official")]),
    # (2) a post word the lexicon knows as a noun is no name
    ("市人大常委会副主任候选人、区委书记王某", [("王某", ["区委书记"], "official")]),
    # (3) minority names without a dot and without a listed surname: bounded by the next verb,
    # preposition or punctuation
    ("自治区党委副书记扎西多吉", [("扎西多吉", ["自治区党委副书记"], "official")]),
    ("自治区政协副主席阿布来提", [("阿布来提", ["自治区政协副主席"], "official")]),
    ("自治区政协副主席阿布来提在会上讲话。", [("阿布来提", ["自治区政协副主席"], "official")]),
    ("盟政协副主席阿木,旗领导孙海陪同。", [("阿木", ["盟政协副主席"], "official"), ("孙海", [], "official")]),
    # a one-character head before the dot (a Mongolian abbreviation)
    ("旗委书记奇·达楞太陪同。", [("奇·达楞太", ["旗委书记"], "official")]),
    # a dotted name whose last syllable runs into a verb: the cue that leaves no debris wins
    ("自治区副主席热合曼·买合苏提出席仪式。", [("热合曼·买合苏提", ["自治区副主席"], "official")]),
    # a reading followed by a division word is a place, not a name listed after another
    ("省长王海、新疆维吾尔自治区副主席孙立出席。",
     [("王海", ["省长"], "official"), ("孙立", ["新疆维吾尔自治区副主席"], "official")]),
    # a reduplicated adverb after a post is no name
    ("牢记总书记殷殷嘱托。", []),
    # an adjective after a role post is no name
    ("企业相关负责人亲切交谈。", []),
    # (5) a demonstrative before a division word is the title's place prefix
    ("该镇党委副书记王某", [("王某", ["该镇党委副书记"], "official")]),
    # a conjunction between two nouns of one organisation's name stays in the title
    ("全国政协民族和宗教委员会副主任马达调研。", [("马达", ["全国政协民族和宗教委员会副主任"], "official")]),
    # ... but a conjunction between two posts still separates them
    ("会见市长和区委书记王某。", [("王某", ["区委书记"], "official")]),
]

EXECUTIVES = [
    # a company-internal post makes an executive
    ("某科技公司办公室主任王某", [("王某", ["某科技公司办公室主任"], "executive")]),
    ("某电站负责人李某", [("李某", ["某电站负责人"], "executive")]),
    ("某省浙江商会会长张某", [("张某", ["某省浙江商会会长"], "executive")]),
    # a company's collective label: executives with no titles (the 集团公司领导A、B、C, with names)
    ("集团公司领导孙立、何海涛、钱文参加。",
     [("孙立", [], "executive"), ("何海涛", [], "executive"), ("钱文", [], "executive")]),
    # a post that starts inside an unlisted reading (兼总经|理) is the chain's next title, not a name
    ("某物流有限公司执行董事兼总经理查文韬分别签约。",
     [("查文韬", ["某物流有限公司执行董事兼总经理"], "executive")]),
    # a bare party post listed right after a company's executive is that company's post
    ("华星集团董事长赵永亮、党委副书记秦立等陪同。",
     [("赵永亮", ["华星集团董事长"], "executive"), ("秦立", ["党委副书记"], "executive")]),
    # ... but after an official it stays an official's
    ("市长赵永亮、党委副书记秦立等陪同。",
     [("赵永亮", ["市长"], "official"), ("秦立", ["党委副书记"], "official")]),
]


@pytest.mark.parametrize("text,expected", GRAMMAR)
def test_names_bounded_by_grammar(off_nlp, text, expected):
    assert people(off_nlp, text) == expected


@pytest.mark.parametrize("text,expected", EXECUTIVES)
def test_executives_by_unit(off_nlp, text, expected):
    assert people(off_nlp, text) == expected


NAMES = ["孙立", "何海涛", "钱文", "赵红", "周建华", "吴敏", "郑凯", "冯涛", "陈晓东", "褚云", "卫平", "蒋丽",
         "秦光明", "韩冰", "杨帆"]


@pytest.mark.parametrize("label", ["市领导", "县政协副主席", "集团公司领导"])
@pytest.mark.parametrize("n", [9, 12, 15])
def test_long_lists(off_nlp, label, n):
    """(4) A list of nine names or more after one label or one title: every name, none cut."""
    names = NAMES[:n]
    text = label + "、".join(names) + "参加活动。"
    got = people(off_nlp, text)
    assert [g[0] for g in got] == names
    titles = [] if label.endswith("领导") else [label]
    assert {tuple(g[1]) for g in got} == {tuple(titles)}


def test_credit_unit_in_brackets_is_not_a_person(off_nlp):
    """``文/图丨王某(某港务公司)``: the bracketed unit is no part of the name and nobody."""
    text = "文/图丨王晓明(某港务公司)\n港口项目开工。"
    ns = text.index("王晓明")
    name_end = text.index(")") + 1
    credits = [{"start": 0, "end": name_end, "role": "文/图", "name": text[ns:name_end], "name_start": ns,
                "name_end": name_end},
               {"start": 0, "end": name_end, "role": "文/图", "name": "某港务公司", "name_start": ns + 4,
                "name_end": name_end - 1}]
    doc = off_nlp.make_doc(text)
    doc.user_data["govnews_nlp.credits"] = credits
    doc = off_nlp.get_pipe("govnews_officials")(doc)
    assert [(p["name"], p["titles"], p["kind"]) for p in doc._.people] == [("王晓明", ["文/图"], "journalist")]


GIVEN = "伟芳军敏静丽强磊洋艳勇杰娟涛超霞刚"


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(surname=st.sampled_from("王李张刘陈杨黄赵周吴"), given_name=st.text(GIVEN, min_size=1, max_size=2),
       verb=st.sampled_from(["参与了", "发来贺信", "出席", "主持会议", "调研", "察看", "介绍", "表示"]),
       title=st.sampled_from(["市长", "县委书记", "市委书记、市长", "区人大常委会主任"]))
def test_name_before_any_verb(off_nlp, surname, given_name, verb, title):
    """Whatever the verb after a name, the name read is the name written (no verb character taken)."""
    name = surname + given_name
    got = people(off_nlp, f"{title}{name}{verb}。")
    assert [g[0] for g in got] == [name]
    assert got[0][1] == title.split("、")


ORG_CONJUNCTIONS = ["市发展和改革委员会主任", "市住房和城乡建设局局长", "市人力资源和社会保障局局长",
                    "县工业和信息化局局长", "市文化和旅游局局长", "市自然资源和规划局局长", "省科学和技术厅厅长",
                    "市财政和国有资产管理局局长",
                    "全国政协民族和宗教委员会副主任"]


@pytest.mark.parametrize("title", ORG_CONJUNCTIONS)
def test_conjunction_inside_an_org_name(off_nlp, title):
    """和 between two common nouns of one org name stays in the title, by the lexicon's tags, with no
    list of 和-words (which grew by one per article: 和改革, 和城乡, 和社会 …)."""
    assert people(off_nlp, f"会上,{title}林海作了发言。") == [("林海", [title], "official")]
