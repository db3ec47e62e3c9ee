"""govnews_capacity on sentences written for these tests: capacities, investments, projects,
negatives, spans and extensions, segmenter independence, serialization, scoring."""

from __future__ import annotations

import unicodedata

import pytest
import spacy
from spacy.tokens import Doc
from spacy.training import Example

import govnews_nlp
from govnews_nlp.extensions import record_fields


@pytest.fixture(scope="module")
def cap_nlp():
    return govnews_nlp.load(components=["govnews_capacity"])


def caps(nlp, text):
    return record_fields(nlp(text))["capacities"]


def invs(nlp, text):
    return record_fields(nlp(text))["investments"]


def projects(nlp, text):
    return record_fields(nlp(text))["projects"]


# -- capacities --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence,text,value,unit,per",
    [
        ("该厂建成后将年产400万吨活性氧化钙。", "年产400万吨", 4_000_000, "吨", "年"),
        ("新建生产线年处理12万吨废旧电池。", "年处理12万吨", 120_000, "吨", "年"),
        ("项目设计规模为40万吨/年。", "40万吨/年", 400_000, "吨", "年"),
        ("熟料线规模7300t/d,已点火。", "7300t/d", 7300, "t", "日"),
        ("一期工程日产4000吨熟料。", "日产4000吨", 4000, "吨", "日"),
        ("光伏电站装机10万千瓦。", "10万千瓦", 100_000, "千瓦", None),
        ("新建2×100万千瓦超超临界机组。", "2×100万千瓦", 2_000_000, "千瓦", None),
        ("配套建设20GW电池片产线。", "20GW", 20, "GW", None),
        ("风电场总装机1770兆瓦。", "1770兆瓦", 1770, "兆瓦", None),
        ("分布式光伏装机105.05兆瓦。", "105.05兆瓦", 105.05, "兆瓦", None),
        ("储能电站规模10mwh。", "10mwh", 10, "mwh", None),
        ("电站年发电量1.2亿kWh。", "年发电量1.2亿kWh", 120_000_000, "kWh", "年"),
        ("可年产纳米管道500万标米。", "年产纳米管道500万标米", 5_000_000, "标米", "年"),
        ("污水厂日处理污水5万立方米。", "日处理污水5万立方米", 50_000, "立方米", "日"),
        ("搅拌站产能2×270立方米/小时。", "2×270立方米/小时", 540, "立方米", "小时"),
        ("码头年吞吐量300万吨。", "年吞吐量300万吨", 3_000_000, "吨", "年"),
        ("新增产能四百万吨。", "四百万吨", 4_000_000, "吨", None),
        ("纸机年产高档生活用纸1,200万吨。", "年产高档生活用纸1,200万吨", 12_000_000, "吨", "年"),
        ("余热电站年发电约5000万度。", "年发电约5000万度", 50_000_000, "度", "年"),
        ("一期建成后年可生产汽车10万辆。", "年可生产汽车10万辆", 100_000, "辆", "年"),
        # logistics and grain-drying rates (周转, 烘干 in patterns/capacity_markers.jsonl)
        ("物流园建成后年周转冷链货物30万吨。", "年周转冷链货物30万吨", 300_000, "吨", "年"),
        ("烘干中心可日烘干玉米800吨。", "日烘干玉米800吨", 800, "吨", "日"),
    ],
)
def test_capacity(cap_nlp, sentence, text, value, unit, per):
    got = caps(cap_nlp, sentence)
    assert len(got) == 1, got
    c = got[0]
    assert (c["text"], c["value"], c["unit"], c["per"]) == (text, value, unit, per)


@pytest.mark.parametrize(
    "sentence,activity,product,qualifier",
    [
        ("星火弘源年产400万吨活性氧化钙项目。", "产", "活性氧化钙", None),
        ("日产4000吨熟料新型干法水泥生产线开工。", "产", "熟料新型干法水泥", None),
        ("焚烧厂日可处理垃圾600吨。", "处理", "垃圾", None),
        ("余热电站年发电约5000万度。", "发电", None, "约"),
        ("园区年加工大豆超30万吨。", "加工", "大豆", "超"),
        ("港区年吞吐量近500万吨。", "吞吐", None, "近"),
        ("项目建成后产能达20万吨以上。", "产", None, "以上"),
    ],
)
def test_capacity_extras(cap_nlp, sentence, activity, product, qualifier):
    (c,) = caps(cap_nlp, sentence)
    assert c.get("activity") == activity
    assert c.get("product") == product
    assert c.get("qualifier") == qualifier


def test_capacity_canonical_units(cap_nlp):
    found = caps(cap_nlp, "装机1770兆瓦,另有20GW和659万千瓦。")
    got = {c["text"]: (c["unit_canonical"], c["value_canonical"]) for c in found}
    assert got == {"1770兆瓦": ("kW", 1_770_000.0), "20GW": ("kW", 20_000_000.0), "659万千瓦": ("kW", 6_590_000.0)}


def test_capacity_slash_pair_and_per_null_in_coordination(cap_nlp):
    got = caps(cap_nlp, "年产20万吨合成氨联产30万吨尿素,机组120万千瓦/150万千瓦。")
    assert [(c["text"], c["per"]) for c in got] == [
        ("年产20万吨", "年"),
        ("30万吨", None),  # README: per only when explicit in the text
        ("120万千瓦", None),
        ("150万千瓦", None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年7月15日,19家企业的数万名网友参加活动。",
        "该区规上工业增加值增长8.5%,24小时驻企服务。",
        "项目占地约191亩,建筑面积5.5万平方米。",
        "实现年产值6.4亿元,年利税3000余万元。",
        "将取得6815万吨白云岩开采权。",
        "千万千瓦级新能源基地初具规模,百万吨级项目在建。",
        "咨询电话0351-1234567,生产3D玻璃盖板。",
        "构建“4+6+N”现代产业体系。",
        "每年可减排二氧化碳10万吨。",
        "气温最高30度。",
    ],
)
def test_capacity_negatives(cap_nlp, sentence):
    assert caps(cap_nlp, sentence) == []


# -- investments ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence,text,value",
    [
        ("该项目总投资50亿元。", "50亿元", 5_000_000_000),
        ("今年计划投资3.2亿元。", "3.2亿元", 320_000_000),
        ("这是一个超百亿元项目。", "超百亿元", 10_000_000_000),
        ("双方合作总投资近270亿元。", "近270亿元", 27_000_000_000),
        ("全年完成投资2.35万亿元。", "2.35万亿元", 2_350_000_000_000),
        ("一期已投入1,200万元。", "1,200万元", 12_000_000),
        ("投资5千万元的化工项目开工。", "5千万元", 50_000_000),
        ("项目投资总额612亿元!", "612亿元", 61_200_000_000),
        ("工业固定资产投入3亿元。", "3亿元", 300_000_000),
        ("总投资达75亿元的发电项目。", "75亿元", 7_500_000_000),
    ],
)
def test_investment(cap_nlp, sentence, text, value):
    got = invs(cap_nlp, sentence)
    assert [(i["text"], i["value"], i["unit"]) for i in got] == [(text, value, "元")]


@pytest.mark.parametrize(
    "sentence",
    [
        "实现工业总产值146亿元,工商税收9400万元,地方财政收入8200万元。",
        "项目达产后年可实现产值624亿元,利润175亿元,上交税金近百亿元。",
        "一季度全区生产总值完成70亿元。",
        "发放补助资金300万元。",
    ],
)
def test_investment_negatives(cap_nlp, sentence):
    assert invs(cap_nlp, sentence) == []


def test_investments_dedup_by_text(cap_nlp):
    got = invs(cap_nlp, "甲项目总投资450亿元,乙项目总投资450亿元,其中一期投资200亿元。")
    assert [i["text"] for i in got] == ["450亿元", "200亿元"]


def test_capacities_dedup_by_text_spans_keep_all(cap_nlp):
    doc = cap_nlp("全盟装机规模达到659万千瓦。\n图为风机。\n全盟装机规模达到659万千瓦。")
    assert [c["text"] for c in record_fields(doc)["capacities"]] == ["659万千瓦"]
    assert len(doc.spans["capacities"]) == 2


# -- projects ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("市长来到星火弘源年产400万吨活性氧化钙项目现场。", ["星火弘源年产400万吨活性氧化钙项目"]),
        ("在市新建污水处理厂建设工程、广阳路地下管网升级改造项目现场,他要求加快进度。",
         ["市新建污水处理厂建设工程", "广阳路地下管网升级改造项目"]),
        ("随后察看了3D四面曲玻璃盖板生产基地项目。", ["3D四面曲玻璃盖板生产基地项目"]),
        ("他先后考察了西湖区钢电园区青松新材料项目、东港码头和北岭花海项目。",
         ["西湖区钢电园区青松新材料项目", "北岭花海项目"]),
        ("投资13亿元的白石浅层储气库项目年底投产。", ["白石浅层储气库项目"]),
        ("大力推动金石碳素年产20万吨(二期)预焙阳极项目建设。", ["金石碳素年产20万吨(二期)预焙阳极项目"]),
    ],
)
def test_projects(cap_nlp, sentence, expected):
    # the normalizer widens ASCII parentheses between Chinese characters; compare width-folded
    got = [unicodedata.normalize("NFKC", p["text"]) for p in projects(cap_nlp, sentence)]
    assert got == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "要加快推进重点项目建设,确保在建项目按期完工。",
        "该项目是一项民生工程,二期项目明年开工。",
        "全市重大产业项目集中开工,签约项目15个。",
        "他先后来到晶科光伏、宏丰铜箔等已投产项目。",
        "包括钢铁、新型建材、物流基地及配套设施。",
        "打造集开采、加工为一体的绿色建材产业园区。",
        "他强调要充分发挥重大项目牵引作用,帮助企业解决项目推进难题。",
        "他是一名资深工程师,在项目部工作。",
    ],
)
def test_project_negatives(cap_nlp, sentence):
    assert projects(cap_nlp, sentence) == []


def test_project_company_and_capacities(cap_nlp):
    text = "他察看了合瑞源工贸有限公司新建150万吨货运站项目,随后来到中新橡胶500万标米纳米管道项目。"
    got = projects(cap_nlp, text)
    assert [p["text"] for p in got] == ["合瑞源工贸有限公司新建150万吨货运站项目", "中新橡胶500万标米纳米管道项目"]
    assert got[0]["company"] == "合瑞源工贸有限公司"
    assert got[1]["company"] == "中新橡胶"
    assert [c["text"] for c in got[0]["capacities"]] == ["150万吨"]
    assert got[1]["capacities"][0]["value"] == 5_000_000


def test_project_fullest_mention(cap_nlp):
    text = (
        "4月12日,随阳市垃圾无害化处理项目启动。我市垃圾无害化处理项目总投资4亿元。"
        "随阳垃圾无害化处理项目是一项民生工程。"
    )
    assert [p["text"] for p in projects(cap_nlp, text)] == ["随阳市垃圾无害化处理项目"]


# -- spans, ents, extensions -------------------------------------------------------------------------
def test_spans_ents_and_extensions(cap_nlp):
    doc = cap_nlp("投资1.5亿元的科信化工1.2万吨/年低分子量聚异丁烯技改项目等早日建成。")
    assert [s.text for s in doc.spans["capacities"]] == ["1.2万吨/年"]
    assert [s.text for s in doc.spans["investments"]] == ["1.5亿元"]
    assert [s.text for s in doc.spans["projects"]] == ["科信化工1.2万吨/年低分子量聚异丁烯技改项目"]
    # the capacity is nested in the project: doc.ents keeps the top-level project only
    project = doc.spans["projects"][0].text
    assert [(e.text, e.label_) for e in doc.ents] == [("1.5亿元", "INVESTMENT"), (project, "PROJECT")]
    cap = doc.spans["capacities"][0]
    assert cap._.capacity["value"] == 12_000 and cap._.capacity["per"] == "年"
    assert doc.spans["investments"][0]._.investment["value"] == 150_000_000
    assert doc.spans["projects"][0]._.project["company"] == "科信化工"


def test_rerun_is_idempotent(cap_nlp):
    doc = cap_nlp("项目总投资50亿元,年产400万吨。")
    pipe = cap_nlp.get_pipe("govnews_capacity")
    before = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    pipe(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == before


def test_doc_roundtrip_keeps_spans_and_values(cap_nlp):
    doc = cap_nlp("项目总投资50亿元,年产400万吨。")
    doc2 = Doc(cap_nlp.vocab).from_bytes(doc.to_bytes())
    assert [s.text for s in doc2.spans["capacities"]] == ["年产400万吨"]
    assert doc2.spans["capacities"][0]._.capacity["value"] == 4_000_000


def test_pipeline_to_disk_roundtrip(cap_nlp, tmp_path):
    cap_nlp.to_disk(tmp_path / "pipe")
    nlp2 = spacy.load(tmp_path / "pipe")
    text = "在白石浅层储气库项目现场,总投资13亿元,年处理12万吨。"
    assert record_fields(nlp2(text)) == record_fields(cap_nlp(text))


def test_bare_component_without_initialize():
    nlp = spacy.blank("zh")
    nlp.add_pipe("govnews_capacity")
    doc = nlp("总投资50亿元")
    assert [s.text for s in doc.spans["investments"]] == ["50亿元"]


def test_score(cap_nlp):
    pred = cap_nlp("项目总投资50亿元,年产400万吨。")
    ref = cap_nlp.make_doc(pred.text)
    ref.spans["capacities"] = [ref.char_span(pred.text.index("年产"), pred.text.index("吨") + 1, label="CAPACITY")]
    start = pred.text.index("50")
    ref.spans["investments"] = [ref.char_span(start, start + len("50亿元"), label="INVESTMENT")]
    ref.spans["projects"] = []
    ref.ents = list(ref.spans["capacities"]) + list(ref.spans["investments"])
    scores = cap_nlp.get_pipe("govnews_capacity").score([Example(pred, ref)])
    assert scores["spans_capacities_f"] == 1.0
    assert scores["spans_investments_f"] == 1.0
    assert not any(k.startswith("ents_") for k in scores), "ents_* is the key of spaCy's ner"


# -- segmenters ---------------------------------------------------------------------------------
SEG_TEXT = (
    "7月15日,市委书记罗清宇深入合瑞源工贸有限公司新建150万吨货运站项目、广阳路地下管网升级改造项目,"
    "星火弘源年产400万吨活性氧化钙项目总投资近270亿元,日可处理垃圾600吨,2×270立方米/小时搅拌站。"
)


def _spans(doc):
    groups = ("capacities", "investments", "projects")
    return {g: [(s.start_char, s.end_char, s.label_) for s in doc.spans[g]] for g in groups}


def _check_same(segmenter):
    char = govnews_nlp.load(components=["govnews_capacity"])(SEG_TEXT)
    other = govnews_nlp.load(segmenter, components=["govnews_capacity"])(SEG_TEXT)
    assert _spans(other) == _spans(char)
    assert record_fields(other) == record_fields(char)
    assert all(_spans(char).values())


@pytest.mark.jieba
def test_same_spans_jieba():
    _check_same("jieba")


@pytest.mark.pkuseg
def test_same_spans_pkuseg():
    _check_same("pkuseg")


# -- generalization (phenomena from the held-out report; sentences written for these tests) ----
@pytest.mark.parametrize(
    "sentence,text,per,activity",
    [
        ("新建的清河水厂日供水能力8万立方米。", "日供水能力8万立方米", "日", "供水"),
        ("一期日供水规模12万立方米,二期明年开工。", "日供水规模12万立方米", "日", "供水"),
        ("电站建成后年上网电量约2.4亿千瓦时。", "年上网电量约2.4亿千瓦时", "年", "上网电"),
        ("港区年吞吐量800万吨。", "年吞吐量800万吨", "年", "吞吐"),
        ("园区污水厂日处理规模3万立方米。", "日处理规模3万立方米", "日", "处理"),
    ],
)
def test_rate_marker_grammar(cap_nlp, sentence, text, per, activity):
    got = caps(cap_nlp, sentence)
    assert [(c["text"], c["per"], c.get("activity")) for c in got] == [(text, per, activity)]


# handling verbs take a time base like 年处理 (marker table data; README per rule)
@pytest.mark.parametrize(
    "sentence,text,per,activity,product",
    [
        ("园区固废中心年处置危险废物3万吨。", "年处置危险废物3万吨", "年", "处置", "危险废物"),
        ("该中心年消纳建筑垃圾80万吨。", "年消纳建筑垃圾80万吨", "年", "处理", "建筑垃圾"),
        ("项目年综合利用秸秆12万吨。", "年综合利用秸秆12万吨", "年", "利用", "秸秆"),
        ("新线年回收利用废旧塑料2万吨。", "年回收利用废旧塑料2万吨", "年", "利用", "废旧塑料"),
        ("示范装置年转化二氧化碳10万吨。", "年转化二氧化碳10万吨", "年", "转化", "二氧化碳"),
        ("支线管道年输送天然气30亿立方米。", "年输送天然气30亿立方米", "年", "输送", "天然气"),
        ("储配站每日供应液化气200吨。", "每日供应液化气200吨", "日", "供应", "液化气"),
        ("焚烧炉日处置医疗废物45吨。", "日处置医疗废物45吨", "日", "处置", "医疗废物"),
    ],
)
def test_handling_verb_markers(cap_nlp, sentence, text, per, activity, product):
    got = caps(cap_nlp, sentence)
    assert [(c["text"], c["per"], c.get("activity"), c.get("product")) for c in got] == [
        (text, per, activity, product)
    ]


@pytest.mark.parametrize("sentence", ["全县年利用外资3亿美元,设备年利用率95%。", "该厂年处置费用3000万元。"])
def test_handling_verb_negatives(cap_nlp, sentence):
    assert caps(cap_nlp, sentence) == []


@pytest.mark.parametrize(
    "sentence,text,value,unit,per",
    [
        ("配套制氢装置产能为3万标准立方米/小时。", "3万标准立方米/小时", 30000, "标准立方米", "小时"),
        ("储气站日供气能力50万标方。", "日供气能力50万标方", 500000, "标方", "日"),
    ],
)
def test_standard_cubic_metres(cap_nlp, sentence, text, value, unit, per):
    got = caps(cap_nlp, sentence)
    assert [(c["text"], c["value"], c["unit"], c["per"], c["unit_canonical"]) for c in got] == [
        (text, value, unit, per, "Nm³")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "年均增长量5万吨。",  # a change, not a rate of a plant: no marker, bare amount only
        "全年销售量12万吨。",
    ],
)
def test_rate_marker_grammar_negatives(cap_nlp, sentence):
    assert all(c["per"] is None for c in caps(cap_nlp, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "今年全市投资超20亿元的项目有12个。",
        "计划投资5亿元以上项目开工30个。",
        "总投资10亿元以上的项目全部开工。",
    ],
)
def test_investment_threshold_is_no_amount(cap_nlp, sentence):
    assert invs(cap_nlp, sentence) == []


@pytest.mark.parametrize(
    "sentence,text",
    [
        ("总投资超百亿元项目落地。", "超百亿元"),
        ("该项目总投资50亿元的项目公司已成立。", "50亿元"),
    ],
)
def test_investment_not_threshold(cap_nlp, sentence, text):
    assert [i["text"] for i in invs(cap_nlp, sentence)] == [text]


@pytest.mark.parametrize(
    "sentence",
    [
        "青山区第三季度重大项目集中开工。",
        "白河县二季度重点项目推进会召开。",
        "三季度重点项目观摩活动启动。",
        "局长刘远山宣布项目正式投产。",
        "全面实施“外贸扩量一号工程”,推动开放型经济发展。",
    ],
)
def test_project_generalization_negatives(cap_nlp, sentence):
    assert projects(cap_nlp, sentence) == []


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("此外还有白石湾综合物流基地。", ["白石湾综合物流基地"]),
        ("他来到南湖年产200万吨高端焦化及化产综合利用项目现场。", ["南湖年产200万吨高端焦化及化产综合利用项目"]),
        ("重点推进“年产5万吨碳纤维原丝工程”建设。", ["年产5万吨碳纤维原丝工程"]),
    ],
)
def test_project_generalization(cap_nlp, sentence, expected):
    assert [p["text"] for p in projects(cap_nlp, sentence)] == expected


# 和/与/及 between two activity nouns right before the head is inside one name; it separates
# two items when the right side names a thing of its own (a place, a facility, a head)
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("检查组来到桐溪河道综合治理和生态修复工程现场。", ["桐溪河道综合治理和生态修复工程"]),
        ("调研组走进青石湖湿地保护及修复工程。", ["青石湖湿地保护及修复工程"]),
        ("随后来到枫林灌区续建配套与现代化改造工程。", ["枫林灌区续建配套与现代化改造工程"]),
        ("察看了云溪大桥项目和松岭隧道改造工程。", ["云溪大桥项目", "松岭隧道改造工程"]),
        ("在柏林镇污水厂提标改造和枫桥镇管网建设工程现场。", ["枫桥镇管网建设工程"]),
        ("视察白鹭湾储气库和金穗产业园。", ["金穗产业园"]),
    ],
)
def test_project_conjunction_inside_name(cap_nlp, sentence, expected):
    assert [p["text"] for p in projects(cap_nlp, sentence)] == expected


# a ranking adjective + optional sector word + head after a place, level, time or verb is a class
@pytest.mark.parametrize(
    "sentence",
    [
        "去年经开区安排重大项目52个。",
        "枫江抽水蓄能电站是省重点能源项目。",
        "该工程列为市级重点交通工程。",
        "高新区重点产业项目加快推进。",
        "柳河大桥是今年全市重点工程之一。",
    ],
)
def test_project_ranked_generic(cap_nlp, sentence):
    assert projects(cap_nlp, sentence) == []


def test_project_name_before_rank_kept(cap_nlp):
    assert [p["text"] for p in projects(cap_nlp, "在南水北调重大水利工程现场。")] == ["南水北调重大水利工程"]
