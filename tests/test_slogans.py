"""govnews_slogans: sentence tables (positives, negatives, issuers), spans and record, segmenters,
serialization, rule files, and end-to-end scores on the seeds and the dev corpus."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import spacy

import govnews_nlp
from govnews_nlp.components.slogans.component import SloganDetector, record_items
from govnews_nlp.lexicon import LexiconError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def slo_nlp():
    return govnews_nlp.load(components=["govnews_slogans"])


@pytest.fixture(scope="module")
def detector(slo_nlp) -> SloganDetector:
    return slo_nlp.get_pipe("govnews_slogans")


def texts_of(detector: SloganDetector, sentence: str):
    return [h.text for h in detector.find(sentence)]


# -- positives: (sentence, expected texts in order, kind of the first) --------------------------------
POSITIVES = [
    ("要牢固树立“四个意识”,坚决做到“两个维护”。", ["四个意识", "两个维护"], "canon"),
    ("全面落实省委“五大战略”和“三大高地”部署。", ["五大战略", "三大高地"], "numbered"),
    ("加快构建“2+5+N”现代产业体系。", ["2+5+N"], "numbered"),
    ("坚持“1258”发展思路不动摇。", ["1258"], "numbered"),
    ("全力推进“一核两翼三区”建设。", ["一核两翼三区"], "numbered"),
    ("持续开展“三服务”活动。", ["三服务"], "campaign"),
    ("深入开展“万企兴万村”行动。", ["万企兴万村"], "campaign"),
    ("扎实开展“项目攻坚年”活动。", ["项目攻坚年"], "campaign"),
    ("奋力打赢污染防治三年攻坚战。", ["污染防治三年攻坚战"], "campaign"),
    ("今年是农村人居环境整治三年行动的收官之年。", ["三年行动"], "campaign"),
    ("聚焦先进制造、现代服务两大重点,实施工业强县战略。", ["两大重点"], "numbered"),
    ("推动地区生产总值和居民收入两个倍增。", ["两个倍增"], "numbered"),
    ("按照“稳中求进、以进促稳”的总基调推进工作。", ["稳中求进、以进促稳"], "directive"),
    ("坚持“企业有呼、政府必应”,优化营商环境。", ["企业有呼、政府必应"], "directive"),
    ("树立“发展是第一要务,项目是第一支撑”的理念。", ["发展是第一要务,项目是第一支撑"], "directive"),
    ("构建“园区+基地+农户”发展模式。", ["园区+基地+农户"], "directive"),
    ("紧紧围绕“建设现代化滨海新城”的奋斗目标。", ["建设现代化滨海新城"], "directive"),
    ("以“携手共进、合作共赢”为主题的恳谈会今天举行。", ["携手共进、合作共赢"], "directive"),
    ("持续深化“放管服”改革,推进大宗货物“公转铁”。", ["放管服", "公转铁"], "canon"),
    ("深度融入一带一路建设,助力实现双碳目标。", ["一带一路", "双碳"], "canon"),
    ("抓住“两重”“两新”政策机遇。", ["两重", "两新"], "canon"),
    ("市委“建设生态宜居新城区”部署要求必须落到实处。", ["建设生态宜居新城区"], "directive"),
    # quoted meeting themes: a phrase of 6+ characters before a meeting or activity noun
    ("县政协召开“激发县域民营经济活力”专题协商会。", ["激发县域民营经济活力"], "directive"),
    ("区委组织部举办“提升基层治理效能”专题研讨会。", ["提升基层治理效能"], "directive"),
    ("市工商联举行“稳预期、强信心、促发展”政企恳谈会。", ["稳预期、强信心、促发展"], "directive"),
    # symmetric directives whose clauses open with pronouns, and a campaign named by a pronoun sentence
    ("我县始终秉持“你创业、我护航,你发展、我服务”的工作理念。", ["你创业、我护航,你发展、我服务"], "directive"),
    ("推行“企业点单、我们上门”服务模式。", ["企业点单、我们上门"], "directive"),
    ("全面启动“我为企业解难题”专项行动。", ["我为企业解难题"], "campaign"),
    # programmes framed by 建设/示范/创建/试点, or carried out (实施“…工程”)
    ("抢抓“数智乡村”试点机遇,补齐农村短板。", ["数智乡村"], "directive"),
    ("以“海绵城市”建设为抓手推进城市更新。", ["海绵城市"], "directive"),
    ("全力推进“森林城市”创建工作。", ["森林城市"], "directive"),
    ("扎实实施“人才强企工程”,引进高层次人才。", ["人才强企工程"], "campaign"),
    ("启动“万名干部联万企计划”。", ["万名干部联万企计划"], "campaign"),
    ("持续推进大宗物料“汽改铁”。", ["汽改铁"], "directive"),
    ("坚定实施“引进来”战略。", ["引进来"], "directive"),
    # middle-dot themes: halves of 4+ characters are parallel by shape, shorter ones need a frame
    ("以“数智赋能·绿色转型”为主题的产业峰会在会展中心开幕。", ["数智赋能·绿色转型"], "directive"),
    ("全县开展“奋进新时代・建功新征程”主题宣讲。", ["奋进新时代・建功新征程"], "directive"),
    ("以“山水·家园”为主题开展摄影活动。", ["山水·家园"], "directive"),
    # numbered chains (numeral + short body, twice or more), also when the last link is 中心/基地
    ("加快建设“两园一中心”,完善配套服务。", ["两园一中心"], "numbered"),
    ("全力打造“一核两翼三带”发展格局。", ["一核两翼三带"], "numbered"),
    ("着力构建“一城三区两基地”。", ["一城三区两基地"], "numbered"),
    # unquoted: right after a directive verb, links of one or two characters, ending the clause
    ("要扎实推进三清两治,打好攻坚战。", ["三清两治"], "numbered"),
    ("加快打造一港两区,建设开放高地。", ["一港两区"], "numbered"),
    ("市政府在上海举行“链接湾区资源赋能县域发展”专场推介会。", ["链接湾区资源赋能县域发展"], "directive"),
]


@pytest.mark.parametrize("sentence,expected,kind", POSITIVES)
def test_finds_slogans(detector, sentence, expected, kind):
    hits = detector.find(sentence)
    assert [h.text for h in hits] == expected
    assert hits[0].kind == kind
    for h in hits:
        assert sentence[h.start : h.end] == h.text


# -- negatives: nothing to find ------------------------------------------------------------------------
NEGATIVES = [
    "他说:“今年的任务一定要完成,质量也要保证。”",  # direct speech
    "他问道:“项目什么时候能投产?”",  # a question
    "企业负责人表示,“订单已经排到明年了”。",  # speech without a colon
    "要拿出“伤筋动骨”的决心。",  # idiom (jieba POS i)
    "推动签约项目早日“开花结果”。",  # emphasis
    "确保项目建设“无障碍”推进。",  # emphasis
    "跑出项目建设“加速度”。",  # emphasis
    "让干部的“辛苦指数”换来群众的“满意指数”。",  # metaphor after 的
    "在荒漠地区建设“沙戈荒”大基地。",  # a term, not a directive
    "扎实推进“十四五”规划重点项目。",  # plan period
    "认真学习贯彻党的“二十大”精神。",  # congress
    "由“一把手”亲自挂帅。",  # numeral-initial common word
    "坚持疫情防控和经济发展两手抓。",  # verb phrase
    "该公司的“金穗”牌大米远销海外。",  # a brand
    "“阳光农业”公司成立于2010年。",  # a company name (head after quote)
    "集“种植、加工、销售、物流”为一体的产业园。",  # descriptive list
    "项目建成后年产“10万吨新型材料”。",  # a quantity
    "“五一”假期全市接待游客20万人次。",  # a holiday
    "坚持项目为王、招商为要,全力抓项目。",  # unquoted parallel formula
    "新建3个产业园、引进6个项目,完成第三大产业布局。",  # counts, ordinals
    "版权声明:凡注明“来源:某某网”的作品,版权归本网所有。",  # boilerplate
    "一是抓项目,二是抓招商,三是抓服务。",  # enumeration
    # meeting nouns after a short quote: a name or a group label, not a theme
    "市工商联召开“新生代企业家”座谈会。",
    "县里举办“丝路文化”论坛。",
    # pronouns outside a symmetric formula, or a formula with no directive cue: speech
    "企业家纷纷点赞“你们办事、我们放心”。",
    "他说:“你们放心,我们一定按期完工。”",
    "老板感慨“我们真是选对了地方”。",
    "“我们这里的营商环境越来越好”成了企业家的口头禅。",
    # metaphors and manners quoted for emphasis (X精神, X式, 当好“…”, X速度)
    "全体干部要发扬“啃骨头”精神,攻坚克难。",
    "弘扬“老愚公”作风,一件一件抓落实。",
    "当好项目建设的“服务员”。",
    "争做改革发展的“领头羊”。",
    "提供“管家式”全程代办服务。",
    "跑出项目建设的“县域速度”。",
    "拿出“拼抢”的干劲。",
    # a facility or object with no programme frame
    "小区里新建了“共享书屋”。",
    "加快“城市客厅”布局。",
    "“跨江大桥工程”已进入收尾阶段。",
    "年内实施“滨河大道拓宽改造工程”。",  # a works project, not a programme
    # honour and status titles, even in a programme frame
    "该企业被评为“省级绿色工厂”示范企业。",
    "开发区成功入选“国家级循环化改造”试点名单。",
    # a middle dot joining short halves without a cue: a name, not a formula
    "小区门口挂着“锦绣园·天玺湾”的招牌。",
    "书架上摆着“约翰·史密斯”的传记。",
    # one numeral link ending in a name noun is a name; counts are not chains
    "市里新设了“三中心”。",
    "入驻“创新创业服务中心”的企业已有40家。",
    "全年引进两个项目、三家企业,新建一个中心。",
    "要推进三年两次全面检查,确保质量。",  # counts after a directive verb
    "坚持一心一意,服务企业。",  # an idiom after a directive verb
    "推进两清三改工作方案的落实。",  # not the end of the clause: part of a longer name
    "县里举办“绿色食品”推介会。",  # a short quote before a meeting noun: a name
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_rejects_non_slogans(detector, sentence):
    assert texts_of(detector, sentence) == []


# -- issuers ---------------------------------------------------------------------------------------------
ISSUERS = [
    ("深入落实省委“四为四高两同步”总体思路。", "四为四高两同步", "省委"),
    ("贯彻市委“打造特色鲜明的制造业强市”部署要求。", "打造特色鲜明的制造业强市", "市委"),
    ("落实习近平总书记提出的“三个务必”要求。", "三个务必", "习近平总书记"),
    ("更有市委、市政府坚持“产业强市、开放兴市”的工作要求。", "产业强市、开放兴市", "市委、市政府"),
    ("市委书记强调,要落实“三抓三促”行动。", "三抓三促", None),  # 市委书记 is a title, not an issuer
]


@pytest.mark.parametrize("sentence,text,issuer", ISSUERS)
def test_issuer(detector, sentence, text, issuer):
    hits = {h.text: h for h in detector.find(sentence)}
    assert hits[text].issuer == issuer


# -- Doc level -------------------------------------------------------------------------------------------
SAMPLE = "省委“四为四高两同步”总体思路要求,开展“百日攻坚”行动,再次强调“百日攻坚”,实施乡村振兴三年行动。"


def test_doc_spans_ents_and_record(slo_nlp):
    doc = slo_nlp(SAMPLE)
    group = doc.spans["slogans"]
    assert [s.text for s in group] == ["四为四高两同步", "百日攻坚", "百日攻坚", "乡村振兴三年行动"]
    assert all(s.label_ == "SLOGAN" for s in group)
    assert [e.text for e in doc.ents] == [s.text for s in group]
    first = group[0]
    assert (first._.slogan_kind, first._.slogan_text, first._.slogan_quoted, first._.slogan_issuer) == (
        "numbered",
        "四为四高两同步",
        True,
        "省委",
    )
    assert group[3]._.slogan_quoted is False
    record = doc.user_data["govnews_nlp.record.slogans"]
    assert record == [
        {"text": "四为四高两同步", "kind": "numbered", "quoted": True, "issuer": "省委"},
        {"text": "百日攻坚", "kind": "campaign", "quoted": True, "issuer": None},
        {"text": "乡村振兴三年行动", "kind": "campaign", "quoted": False, "issuer": None},
    ]


def test_rerun_is_idempotent(slo_nlp):
    doc = slo_nlp(SAMPLE)
    pipe = slo_nlp.get_pipe("govnews_slogans")
    before = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    pipe(pipe(doc))
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == before
    assert len(doc.spans["slogans"]) == 4


def test_person_mentions_block_slogans(slo_nlp):
    """A span in the ``block_keys`` groups (people, by default) is never part of a slogan."""
    doc = slo_nlp.make_doc("要坚持“李明同志”的工作要求。")
    start = doc.text.index("李明")
    doc.spans["people"] = [doc.char_span(start, start + 2, label="PERSON")]
    slo_nlp.get_pipe("govnews_slogans")(doc)
    assert len(doc.spans["slogans"]) == 0
    doc = slo_nlp.make_doc("要坚持“李明同志”的工作要求。")
    slo_nlp.get_pipe("govnews_slogans")(doc)
    assert [s.text for s in doc.spans["slogans"]] == ["李明同志"], "without the people group nothing blocks"


@pytest.mark.parametrize("kind,rule,survives", [
    ("directive", "quote", False), ("numbered", "numbered", True), ("canon", "canon", True),
    ("directive", "programme", True),
])
def test_drop_blocked_inside_project_names(kind, rule, survives):
    """Inside a project name only a numbered or canon formula, or a programme carried out by a
    verb, survives; a person's name blocks every kind."""
    from govnews_nlp.components.slogans.component import drop_blocked
    from govnews_nlp.components.slogans.scan import SloganHit

    hit = SloganHit(3, 7, "一号工程", kind, True, None, rule)
    assert drop_blocked([hit], 20, [], [(0, 12)]) == ([hit] if survives else [])
    assert drop_blocked([hit], 20, [(5, 6)], []) == []
    assert drop_blocked([hit], 20, [(7, 9)], [(8, 12)]) == [hit]  # touching is not overlapping


def test_drop_blocked_is_linear_in_hits_and_spans():
    """The old pairwise check cost hits × entities; the mask costs their sum (counted, not timed)."""
    from govnews_nlp.components.slogans import component
    from govnews_nlp.components.slogans.scan import SloganHit

    calls = {"n": 0}
    real = component._mask

    def counting(n, spans):
        calls["n"] += 1
        return real(n, spans)

    hits = [SloganHit(i * 10, i * 10 + 4, "三年行动", "numbered", True, None, "numbered") for i in range(20000)]
    people = [(i * 10 + 5, i * 10 + 7) for i in range(20000)]
    component._mask = counting
    try:
        kept = component.drop_blocked(hits, 200010, people, [])
    finally:
        component._mask = real
    assert len(kept) == 20000 and calls["n"] == 2


def test_record_items_dedup_keeps_first_issuer():
    from govnews_nlp.components.slogans.scan import SloganHit

    hits = [
        SloganHit(10, 14, "两个率先", "numbered", True, None, "numbered"),
        SloganHit(30, 34, "两个率先", "numbered", True, "省委", "numbered"),
    ]
    assert record_items(hits) == [{"text": "两个率先", "kind": "numbered", "quoted": True, "issuer": "省委"}]


def test_empty_and_plain_docs(slo_nlp):
    assert list(slo_nlp("").spans["slogans"]) == []
    doc = slo_nlp("今天天气很好。")
    assert list(doc.spans["slogans"]) == [] and doc.user_data["govnews_nlp.record.slogans"] == []


# -- segmenter independence ----------------------------------------------------------------------------
def _offsets(nlp, text):
    doc = nlp(text)
    return [(s.start_char, s.end_char, s._.slogan_kind) for s in doc.spans["slogans"]]


SEG_TEXT = (
    "市委书记罗清宇强调,要落实省委“四为四高两同步”总体思路,深入开展“千人助千企”行动,"
    "构建“4+6+N”体系,实施全面振兴新突破三年行动,打好三大攻坚战。"
)


@pytest.mark.jieba
def test_jieba_same_offsets_as_char(slo_nlp):
    jb = govnews_nlp.load("jieba", components=["govnews_slogans"])
    assert _offsets(jb, SEG_TEXT) == _offsets(slo_nlp, SEG_TEXT)
    assert len(_offsets(jb, SEG_TEXT)) == 5


@pytest.mark.pkuseg
def test_pkuseg_same_offsets_as_char(slo_nlp, seed_texts):
    pk = govnews_nlp.load("pkuseg", components=["govnews_slogans"])
    assert _offsets(pk, SEG_TEXT) == _offsets(slo_nlp, SEG_TEXT)
    for text in seed_texts.values():
        assert _offsets(pk, text) == _offsets(slo_nlp, text)


# -- serialization and rule files -------------------------------------------------------------------------
def test_to_disk_round_trip(slo_nlp, tmp_path):
    slo_nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / "govnews_slogans" / "idioms.jsonl").exists()
    loaded = spacy.load(tmp_path / "pipe")
    assert _offsets(loaded, SEG_TEXT) == _offsets(slo_nlp, SEG_TEXT)


def test_to_bytes_round_trip(slo_nlp):
    pipe = slo_nlp.get_pipe("govnews_slogans")
    fresh = SloganDetector(slo_nlp, "copy").from_bytes(pipe.to_bytes())
    assert [h.text for h in fresh.find(SEG_TEXT)] == [h.text for h in pipe.find(SEG_TEXT)]


def test_doc_to_bytes_keeps_attributes(slo_nlp):
    from spacy.tokens import Doc

    doc = slo_nlp(SAMPLE)
    back = Doc(slo_nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.slogan_issuer for s in back.spans["slogans"]] == [s._.slogan_issuer for s in doc.spans["slogans"]]


def test_custom_patterns_dir_and_bad_line(tmp_path):
    src = ROOT / "patterns"
    for name in ("slogans.jsonl", "slogan_cues.jsonl", "idioms.jsonl"):
        (tmp_path / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "slogans.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "test-zhujiang", "text": "珠江新城", "form": "directive", "source": "test entry"}\n')
    nlp = govnews_nlp.load(components=["govnews_slogans"], patterns_dir=str(tmp_path))
    doc = nlp("建设珠江新城。")
    assert [s.text for s in doc.spans["slogans"]] == ["珠江新城"]
    with (tmp_path / "slogans.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "bad", "text": "x", "form": "slogan", "source": "test"}\n')
    with pytest.raises(LexiconError, match=r"slogans.jsonl:\d+"):
        govnews_nlp.load(components=["govnews_slogans"], patterns_dir=str(tmp_path))


def test_rule_files_have_sources():
    for name in ("slogans.jsonl", "slogan_cues.jsonl", "idioms.jsonl"):
        for line in (ROOT / "patterns" / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                obj = json.loads(line)
                assert obj["id"] and obj["source"], (name, line)


@pytest.mark.jieba
def test_idioms_file_is_generated_from_jieba():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_idioms.py"), "--check"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr


def test_score_method(slo_nlp):
    from spacy.training import Example

    doc = slo_nlp(SAMPLE)
    ref = slo_nlp.make_doc(doc.text)
    ref.spans["slogans"] = [ref.char_span(s.start_char, s.end_char, label="SLOGAN") for s in doc.spans["slogans"]]
    scores = slo_nlp.get_pipe("govnews_slogans").score([Example(doc, ref)])
    assert scores["spans_slogans_f"] == 1.0


# -- end to end ------------------------------------------------------------------------------------------
def _clean(s: str) -> str:
    return re.sub(r"[\s“”\"'‘’《》「」『』]", "", unicodedata.normalize("NFKC", s))


def _same(a: str, b: str) -> bool:
    """score.py's slogan match: equal, or containment with the shorter at least 75 % of the longer."""
    a, b = _clean(a), _clean(b)
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= 0.75 * len(long_)


def _f1(pairs) -> float:
    tp = n_gold = n_pred = 0
    for gold, pred in pairs:
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        used = [False] * len(pred)
        for g in gold:
            for i, p in enumerate(pred):
                if not used[i] and _same(g, p):
                    used[i] = True
                    tp += 1
                    break
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _predict(nlp, text):
    return [item["text"] for item in nlp(text).user_data["govnews_nlp.record.slogans"]]


def test_seeds_f1(nlp, seed_texts):
    gold = {}
    for line in (ROOT / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold[rec["id"]] = [s["text"] for s in rec["slogans"]]
    pairs = [(gold[k], _predict(nlp, seed_texts[k])) for k in gold]
    assert _f1(pairs) >= 0.95


def test_dev_corpus_f1(nlp, dev_dir):
    pairs, extra = [], []
    for line in (dev_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text = (dev_dir / "raw" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        pairs.append(([s["text"] for s in rec["slogans"]], _predict(nlp, text)))
        for key in ("clean", "alt"):
            if key in rec:
                other = (dev_dir / rec[key]["file"]).read_text(encoding="utf-8")
                extra.append(([s["text"] for s in rec[key]["slogans"]], _predict(nlp, other)))
    assert _f1(pairs) >= 0.95
    assert _f1(extra) >= 0.9
