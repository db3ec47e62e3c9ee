"""govnews_officials: people, title chains, mentions, journalists, segmenter parity, serialization.

The sentences are written for these tests (names are made up); the end-to-end tests read the seeds
and, when present, the dev corpus.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

import govnews_nlp
from govnews_nlp.lexicon import LexiconError


@pytest.fixture(scope="module")
def off_nlp():
    return govnews_nlp.load(components=["govnews_officials"])


def people(nlp, text):
    return [(p["name"], p["titles"], p["kind"]) for p in nlp(text)._.people]


CASES = [
    # a chain before the name, a later bare mention
    ("3月5日,省委常委、市委书记张明华在高新区调研。张明华强调,要抓好项目建设。",
     [("张明华", ["省委常委", "市委书记"], "official")]),
    # 、 between people: each chain starts after the previous name
    ("区委书记李东、区长王雪松、区人大常委会主任赵刚出席活动。",
     [("李东", ["区委书记"], "official"), ("王雪松", ["区长"], "official"),
      ("赵刚", ["区人大常委会主任"], "official")]),
    ("市委常委、市政府党组副书记王文明、市委常委、市委秘书长杨志国,区领导袁海陪同。",
     [("王文明", ["市委常委", "市政府党组副书记"], "official"),
      ("杨志国", ["市委常委", "市委秘书长"], "official"), ("袁海", [], "official")]),
    # collective label: no titles
    ("市领导孙立、何海涛、钱文参加。",
     [("孙立", [], "official"), ("何海涛", [], "official"), ("钱文", [], "official")]),
    ("自治区领导于新参加。", [("于新", [], "official")]),
    # a title shared by a list of names
    ("县政协副主席高迁、苏虹陪同调研。",
     [("高迁", ["县政协副主席"], "official"), ("苏虹", ["县政协副主席"], "official")]),
    # compound surname, executive deputy
    ("市委常委、常务副市长欧阳明远主持会议。", [("欧阳明远", ["市委常委", "常务副市长"], "official")]),
    # titles after the name
    ("会上,周海波副市长介绍了有关情况。", [("周海波", ["副市长"], "official")]),
    ("要深入贯彻习近平总书记重要讲话精神。", [("习近平", ["总书记"], "official")]),
    # the pre-name chain wins over the post-name title
    ("市委书记林涛调研。林涛书记指出,要抓落实。", [("林涛", ["市委书记"], "official")]),
    # executives: company posts and the party posts of a company
    ("华能集团董事长、党组书记温建国,市长杜鹏陪同。",
     [("温建国", ["华能集团董事长", "党组书记"], "executive"), ("杜鹏", ["市长"], "official")]),
    ("国家电投集团总经理江毅、中国石化董事长马永生一行来访。",
     [("江毅", ["国家电投集团总经理"], "executive"), ("马永生", ["中国石化董事长"], "executive")]),
    # a place before the org; a chain across a doubled comma
    ("平定县委书记秦岭到企业调研。", [("秦岭", ["平定县委书记"], "official")]),
    ("省委常委,、市委书记陈刚深入企业调研。", [("陈刚", ["省委常委", "市委书记"], "official")]),
    ("出席活动的还有市委常委、秘书长卢伟,副市长黄鹤。",
     [("卢伟", ["市委常委", "秘书长"], "official"), ("黄鹤", ["副市长"], "official")]),
    # caption position words are not part of a title
    ("(图为:左二省人大常委会原副主任刘强、右一市长宋杰)",
     [("刘强", ["省人大常委会原副主任"], "official"), ("宋杰", ["市长"], "official")]),
    # most titles wins; a label mention does not erase the titles
    ("区领导袁海、钟强参加。区党工委书记、管委会主任袁海指出,要抓落实。",
     [("袁海", ["区党工委书记", "管委会主任"], "official"), ("钟强", [], "official")]),
    # 2-character names decided by what follows and by the other mentions
    ("市委副书记、市长鞠正调研项目。鞠正实地察看。", [("鞠正", ["市委副书记", "市长"], "official")]),
    ("市委书记李理在准格尔旗调研。", [("李理", ["市委书记"], "official")]),
    # people separated by commas, each with a chain; a verb or preposition before a title
    ("县委书记张三丰,县委副书记、县长李思远,县政协主席赵六一出席会议。",
     [("张三丰", ["县委书记"], "official"), ("李思远", ["县委副书记", "县长"], "official"),
      ("赵六一", ["县政协主席"], "official")]),
    ("省委书记、省人大常委会主任李明与省长张伟会见了客人。",
     [("李明", ["省委书记", "省人大常委会主任"], "official"), ("张伟", ["省长"], "official")]),
    ("会见了中国华能集团有限公司董事长、党组书记温枢刚一行。",
     [("温枢刚", ["中国华能集团有限公司董事长", "党组书记"], "executive")]),
    ("该公司总经理李华说,今年产值将翻番。", [("李华", ["公司总经理"], "executive")]),
    ("市委常委、宣传部部长司马南主持仪式。", [("司马南", ["市委常委", "宣传部部长"], "official")]),
    ("市长助理孙红陪同。", [("孙红", ["市长助理"], "official")]),
    # a role label with no name and an org that contains a stop character
    ("市领导张华、李卫东,市直有关部门负责人参加。", [("张华", [], "official"), ("李卫东", [], "official")]),
    ("市发展和改革委员会主任林海出席。", [("林海", ["市发展和改革委员会主任"], "official")]),
    # a preposition or conjunction after a name ends it
    ("会上听取了西湾镇党委书记蒋雨辰关于乡村振兴工作的汇报。", [("蒋雨辰", ["西湾镇党委书记"], "official")]),
    ("副县长韩立群围绕招商引资作了部署。", [("韩立群", ["副县长"], "official")]),
    ("区长邵明川针对存在的问题提出要求。", [("邵明川", ["区长"], "official")]),
    ("市委副书记倪思远对项目进展给予肯定。", [("倪思远", ["市委副书记"], "official")]),
    ("镇长俞海涛与企业代表座谈。", [("俞海涛", ["镇长"], "official")]),
    # rarer Han surnames from the national statistics
    ("县长麦嘉伦出席并致辞。", [("麦嘉伦", ["县长"], "official")]),
    ("市投资集团党委书记、董事长鹿景明介绍情况。", [("鹿景明", ["市投资集团党委书记", "董事长"], "executive")]),
    # rare Han surnames from the generated block of surnames.jsonl (jieba's name data) and a variant
    ("县委书记郄文博主持会议。", [("郄文博", ["县委书记"], "official")]),
    ("市领导庹思源、甯立新、綦国梁参加。",
     [("庹思源", [], "official"), ("甯立新", [], "official"), ("綦国梁", [], "official")]),
    ("副区长蹇晓东出席。", [("蹇晓东", ["副区长"], "official")]),
    # later list items without a listed surname, after a label or sharing a chain
    ("盟领导图门吉日嘎拉、乌云其木格、巴图参加。",
     [("图门吉日嘎拉", [], "official"), ("乌云其木格", [], "official"), ("巴图", [], "official")]),
    ("旗委副书记斯日古楞、旗政协主席朝鲁和巴图出席。",
     [("斯日古楞", ["旗委副书记"], "official"), ("朝鲁和巴图", ["旗政协主席"], "official")]),
    # a name ending in 和: before 、 or a follow word it is no conjunction
    ("县领导郭文和、邹雅琴参加。", [("郭文和", [], "official"), ("邹雅琴", [], "official")]),
    ("副县长彭秋和出席。", [("彭秋和", ["副县长"], "official")]),
    ("县长吕明和副县长郑刚出席。", [("吕明", ["县长"], "official"), ("郑刚", ["副县长"], "official")]),
    # names without a listed surname: a title chain before, a clear cue after
    ("州委书记吉克伍呷出席开工仪式。吉克伍呷强调,要保障工期。", [("吉克伍呷", ["州委书记"], "official")]),
    ("旗委常委、副旗长其木格主持会议。", [("其木格", ["旗委常委", "副旗长"], "official")]),
    # a dotted transliteration is read whole (never by its first part), or not at all
    ("自治州州长买买提江·吾斯曼出席。", [("买买提江·吾斯曼", ["自治州州长"], "official")]),
    ("地委书记沙吾提·买合木提，地委副书记王刚出席。",
     [("沙吾提·买合木提", ["地委书记"], "official"), ("王刚", ["地委副书记"], "official")]),
    ("自治区领导努尔古丽·阿不都、赵念真出席。", [("努尔古丽·阿不都", [], "official"), ("赵念真", [], "official")]),
    ("公司总经理阿迪力·吐尔洪在仪式上发言。", [("阿迪力·吐尔洪", ["公司总经理"], "executive")]),
    ("州长买买提江·吾斯曼曼曼曼曼", []),
    ("区政协主席艾尔肯吐尔逊,区委副书记陈立出席。",
     [("艾尔肯吐尔逊", ["区政协主席"], "official"), ("陈立", ["区委副书记"], "official")]),
    # 高新 starts place words (高新区, 高新技术), not every name: 高新民
    ("区委常委、组织部部长高新民,市纪委书记王刚出席。",
     [("高新民", ["区委常委", "组织部部长"], "official"), ("王刚", ["市纪委书记"], "official")]),
    ("管委会主任高新区建设情况汇报。", []),
    # 作 + what a speaker delivers is a two-character cue after the name (not a name character)
    ("县政协农业委员会主任芈清和作调研报告。", [("芈清和", ["县政协农业委员会主任"], "official")]),
    ("光电科技股份有限公司总经理司空岳作交流发言。",
     [("司空岳", ["光电科技股份有限公司总经理"], "executive")]),
    # C-suite posts beside 首席执行官
    ("汽车集团副总裁、首席技术官危乐天出席。", [("危乐天", ["汽车集团副总裁", "首席技术官"], "executive")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_people(off_nlp, text, expected):
    assert people(off_nlp, text) == expected


NEGATIVES = [
    "市委书记在讲话中指出,要加快发展。",          # a title with no name
    "市人大常委会召开会议。",                      # an org
    "市委办公厅印发通知。",
    "常州市委书记率团来访。",                      # a place starting with a surname, no name
    "会议由市委办公厅主办,常州、高安市有关企业参加。",
    "深入学习贯彻习近平新时代中国特色社会主义思想。",  # an ideology name
    "市委书记宣布开工。县长高度重视。",            # words after a title that start with a surname
    "市长说,今年要抓项目。书记强调,要抓落实。",
    "华润电力控股有限公司董事会召开会议。",        # a company name
    "19家国有企业负责人参加会议。",
    # after a bare post, words that are no name even without a listed surname
    "请拨打市长热线电话。",
    "市委书记带头,各级干部跟进。",
    "由董事长兼总经理主持会议。",
    "来信请寄市长信箱,我们将及时回复。",
    "县委书记主持召开常委会会议。",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_fooled(off_nlp, text):
    doc = off_nlp(text)
    assert doc._.people == []
    assert list(doc.spans["people"]) == []
    assert [e for e in doc.ents if e.label_ == "PERSON"] == []


def test_every_mention_linked(off_nlp):
    text = "吴晓东出席并讲话\n7月1日,市委书记吴晓东出席会议。吴晓东强调,要抓项目。"
    doc = off_nlp(text)
    mentions = [s for s in doc.spans["people"]]
    where = [i for i in range(len(text)) if text.startswith("吴晓东", i)]
    assert len(where) == 3
    assert [(s.start_char, s.text) for s in mentions] == [(i, "吴晓东") for i in where]
    assert {s._.person_id for s in mentions} == {"P1"}
    assert all(s._.person_titles == ["市委书记"] and s._.person_kind == "official" for s in mentions)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["吴晓东"] * 3
    titles = list(doc.spans["titles"])
    assert [t.text for t in titles] == ["市委书记"]
    assert titles[0]._.title_info["post"] == "书记"
    assert titles[0]._.title_info["level"] == "市"


def test_ideology_is_not_a_mention(off_nlp):
    doc = off_nlp("学习习近平总书记重要讲话,贯彻习近平新时代中国特色社会主义思想。")
    assert [(s.start_char, s.text) for s in doc.spans["people"]] == [(2, "习近平")]


PARSES = [
    ("东明县武胜桥镇党委书记", {"post": "书记", "org": "东明县武胜桥镇党委", "level": "乡镇", "deputy": False}),
    ("市政府党组副书记", {"post": "书记", "org": "市政府党组", "level": "市", "deputy": True}),
    ("常务副区长", {"post": "区长", "org": "", "level": "区", "deputy": True, "executive_deputy": True}),
    ("四川省人大常委会原代理主任", {"post": "主任", "level": "省", "former": True, "acting": True}),
    ("代省长", {"post": "省长", "level": "省", "acting": True}),
    ("全国政协委员", {"post": "委员", "level": "国家", "org": "全国政协"}),
    ("龙港集团董事长", {"post": "董事长", "kind": "executive", "level": None}),
    ("锦州石化公司党委书记", {"post": "书记", "kind": "executive"}),
    ("南通市政协农业农村委四级调研员", {"post": "调研员", "level": "市", "modifiers": ["四级"]}),
    ("市场监管局局长", {"post": "局长", "level": None}),
]


@pytest.mark.parametrize("title,expected", PARSES)
def test_title_parse(off_nlp, title, expected):
    info = off_nlp.get_pipe("govnews_officials").scanner.parser.parse(title).to_dict()
    assert {k: info[k] for k in expected} == expected


def _with_credits(nlp, text, credits):
    doc = nlp.make_doc(text)
    doc.user_data["govnews_nlp.credits"] = credits
    return nlp.get_pipe("govnews_officials")(doc)


def _credit(text, role, name, label_start=None):
    ns = text.index(name)
    s = text.index(role) if label_start is None else label_start
    return {"start": s, "end": ns + len(name), "role": role, "name": name, "name_start": ns, "name_end": ns + len(name)}


def test_journalists_from_credits(off_nlp):
    text = "本报讯(记者 杨林 张玉)市委书记王海出席。\n编辑:宋雨\n审核:杨林 郑凡\n(李青)"

    def credit(role, name, nth=0):
        ns = -1
        for _ in range(nth + 1):
            ns = text.index(name, ns + 1)
        label = text.rindex(role, 0, ns) if role else ns - 1
        return {"start": label, "end": ns + len(name), "role": role, "name": name,
                "name_start": ns, "name_end": ns + len(name)}

    credits = [credit("记者", "杨林"), credit("记者", "张玉"), credit("编辑", "宋雨"),
               credit("审核", "杨林", 1), credit("审核", "郑凡"), credit("", "李青")]
    doc = _with_credits(off_nlp, text, credits)
    assert [(p["name"], p["titles"], p["kind"]) for p in doc._.people] == [
        ("杨林", ["记者", "审核"], "journalist"), ("张玉", ["记者"], "journalist"),
        ("王海", ["市委书记"], "official"), ("宋雨", ["编辑"], "journalist"),
        ("郑凡", ["审核"], "journalist"), ("李青", [], "journalist"),
    ]
    journalists = [e for e in doc.spans["people"] if e.label_ == "JOURNALIST"]
    assert [e.text for e in journalists] == ["杨林", "张玉", "宋雨", "杨林", "郑凡", "李青"]
    assert journalists[0]._.person_id == journalists[3]._.person_id


def test_photo_credit_is_no_title(off_nlp):
    text = "新华社发(王正摄)"
    doc = _with_credits(off_nlp, text, [_credit(text, "摄", "王正", label_start=5)])
    assert doc._.people == [{"id": "P1", "name": "王正", "titles": [], "kind": "journalist"}]


def test_bad_credits_are_skipped(off_nlp, caplog):
    text = "市长王海出席。"
    doc = _with_credits(off_nlp, text, [{"start": 0}, {"start": 0, "end": 99, "name": "x", "name_start": 0,
                                                        "name_end": 99, "role": "记者"}, "junk"])
    assert [p["name"] for p in doc._.people] == ["王海"]
    assert "malformed credit" in caplog.text


def test_record_field(off_nlp):
    from govnews_nlp.records import to_record

    doc = off_nlp("县委副书记、县长王立新出席。王立新县长说,要抓项目。")
    rec = to_record(doc, "x")
    assert rec["people"] == [{"id": "P1", "name": "王立新", "titles": ["县委副书记", "县长"], "kind": "official"}]


def test_idempotent(off_nlp):
    doc = off_nlp("区委书记李东、区长王雪松出席。")
    again = off_nlp.get_pipe("govnews_officials")(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in again.ents] == [(4, 6, "PERSON"), (9, 12, "PERSON")]


SEG_TEXTS = [
    "省委常委、市委书记罗清宇强调,要抓项目。罗清宇指出,要抓落实。市领导刘鹓、卢秋生参加。",
    "区委书记魏敦盛、区长王冲、区人大常委会主任郑立新出席。王冲说,要抓紧。",
    "云南昆钢水泥建材集团党委书记尹树新、董事长沈忠华和镇沅县人民政府县长李验波先后致辞。",
    "自治县县委书记吉克伍呷关于防汛工作的讲话。市长巴特尔其其格出席。吉克伍呷说,要抓紧。",
]


def _signature(doc):
    return ([(s.start_char, s.end_char, s.label_, s._.person_id) for s in doc.spans["people"]],
            [(s.start_char, s.end_char) for s in doc.spans["titles"]],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents],
            doc._.people)


def _check_parity(nlp_other, off_nlp):
    for text in SEG_TEXTS:
        a, b = off_nlp(text), nlp_other(text)
        assert _signature(a) == _signature(b)
        assert [s.text for s in b.spans["people"]] == [s.text for s in a.spans["people"]]


@pytest.mark.jieba
def test_same_people_with_jieba(off_nlp):
    _check_parity(govnews_nlp.load("jieba", components=["govnews_officials"]), off_nlp)


@pytest.mark.pkuseg
def test_same_people_with_pkuseg(off_nlp):
    _check_parity(govnews_nlp.load("pkuseg", components=["govnews_officials"]), off_nlp)


def test_doc_roundtrip_keeps_people(off_nlp):
    doc = off_nlp("市委书记张明华出席。张明华强调,要抓落实。")
    doc2 = Doc(off_nlp.vocab).from_bytes(doc.to_bytes())
    assert doc2._.people == doc._.people
    assert [s._.person_id for s in doc2.spans["people"]] == ["P1", "P1"]


def test_pipeline_roundtrip(off_nlp, tmp_path):
    text = "市委副书记、市长黄其山带领相关部门调研。"
    off_nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p")
    assert nlp2(text)._.people == off_nlp(text)._.people
    comp = off_nlp.get_pipe("govnews_officials")
    comp2 = nlp2.get_pipe("govnews_officials").from_bytes(comp.to_bytes())
    assert comp2.tables.keys() == comp.tables.keys()
    assert (tmp_path / "p" / "govnews_officials" / "titles_posts.jsonl").exists()


def test_bad_patterns_dir_fails_clearly(tmp_path):
    import shutil

    from govnews_nlp.lexicon import default_patterns_dir

    for f in default_patterns_dir().glob("*.jsonl"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "titles_posts.jsonl").write_text('{"id": "x", "text": "书记", "kind": "boss"}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"titles_posts.jsonl:1"):
        govnews_nlp.load(components=["govnews_officials"], patterns_dir=str(tmp_path))


def test_score_method(off_nlp):
    text = "区委书记李东、区长王雪松出席。"
    pred = off_nlp(text)
    ref = off_nlp.make_doc(text)
    ref.spans["people"] = [ref.char_span(4, 6, "PERSON"), ref.char_span(9, 12, "PERSON")]
    ref.spans["titles"] = [ref.char_span(0, 4, "TITLE"), ref.char_span(7, 9, "TITLE")]
    scores = off_nlp.get_pipe("govnews_officials").score([Example(pred, ref)])
    assert scores["spans_people_f"] == 1.0 and scores["spans_titles_f"] == 1.0


def test_seeds_end_to_end(off_nlp, seed_texts):
    gold = {}
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for line in (seeds / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold[rec["id"]] = {(p["name"], tuple(p["titles"])) for p in rec["people"] if p["kind"] != "journalist"}
    for sid, text in seed_texts.items():
        got = {(p["name"], tuple(p["titles"])) for p in off_nlp(text)._.people if p["kind"] != "journalist"}
        assert got == gold[sid], sid


def _load_scorer(dev_dir):
    path = dev_dir.parent.parent / "tools" / "score.py"
    if not path.exists():
        pytest.skip("score.py not beside the dev corpus")
    spec = importlib.util.spec_from_file_location("govnews_dev_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.mark.slow
def test_dev_corpus_floor(off_nlp, dev_dir):
    """Officials and titles on the dev corpus: the floor this component reaches (measured 1.000)."""
    scorer = _load_scorer(dev_dir)
    gold = scorer.read_jsonl(str(dev_dir / "gold.jsonl"))
    pred = {}
    for doc_id in gold:
        doc = off_nlp((dev_dir / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8"))
        pred[doc_id] = {"id": doc_id, "people": doc._.people}
    rows = {r["kind"]: r for r in scorer.score(gold, pred)["rows"]}
    result = scorer.score(gold, pred)
    assert rows["officials"]["f1"] >= 0.97
    assert rows["titles"]["f1"] >= 0.97
    assert rows["executives"]["f1"] >= 0.85
    assert result["title_chain_accuracy"] >= 0.95


def test_generated_surnames_are_not_common_words():
    """The jieba-derived block of surnames.jsonl keeps function words out (precision of the list)."""
    import json

    from govnews_nlp.components.officials.names import FUNCTION_CHARS
    from govnews_nlp.lexicon import default_patterns_dir

    lines = (default_patterns_dir() / "surnames.jsonl").read_text(encoding="utf-8").splitlines()
    generated = [json.loads(ln)["chars"] for ln in lines if ln.startswith('{"id": "jieba')]
    assert generated, "the generated block is missing: run scripts/build_surnames.py"
    assert not set("".join(generated)) & (FUNCTION_CHARS | set("和向从由但那阿小"))
