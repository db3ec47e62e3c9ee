"""Credits, headline, and end-to-end checks of the normalizer on the seeds and the dev corpus."""

from __future__ import annotations

import re

import pytest

from govnews_nlp.normalize import Credit, normalize


def credits_of(text: str):
    return [(c.role, c.name) for c in normalize(text).credits]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("臨汾新聞網訊(記者 劉玉林 鄭靜)\n7月25日", [("记者", "刘玉林"), ("记者", "郑静")]),
        ("加快發展。\n責任編輯: 吉政", [("责任编辑", "吉政")]),
        ("走深走實。\n(作者:黃克奇 鄭陳浩)", [("作者", "黄克奇"), ("作者", "郑陈浩")]),
        ("現場辦公。梁琛攝\n3月11日", [("摄", "梁琛")]),
        ("圖為會議現場。王翕瞳 攝2023年以來", [("摄", "王翕瞳")]),
        ("新华社发(王正摄)", [("摄", "王正")]),
        ("增光添彩。(郭赟)\n", [("署名", "郭赟")]),
        ("中新网北京3月2日电 (王翕瞳)以“聚力促振兴”为主题", [("署名", "王翕瞳")]),
        ("审核:林衍 阮珊妮 王雯秋", [("审核", "林衍"), ("审核", "阮珊妮"), ("审核", "王雯秋")]),
        ("会议现场 摄影 常成钢\n", [("摄影", "常成钢")]),
        ("红网时刻11月22日讯(慈利站记者 陈艳)11月22日", [("慈利站记者", "陈艳")]),
        ("讯( 福州日报记者 张旭 本报记者 林翔 )8月21日", [("福州日报记者", "张旭"), ("本报记者", "林翔")]),
        ("情况介绍。记者 白杨 摄\n", [("记者", "白杨")]),
        ("作者:福安新闻网责任编辑:阮珊妮", [("责任编辑", "阮珊妮")]),
        ("记者:欧阳娜娜\n", [("记者", "欧阳娜娜")]),
        # labels from the grammar: modifiers crossed with a label (listed in credits.jsonl)
        ("一審：宋文博 二審：韓麗 三審：許志剛\n", [("一审", "宋文博"), ("二审", "韩丽"), ("三审", "许志刚")]),
        ("终审：周明远", [("终审", "周明远")]),
        ("实习记者 蒋一帆 特约记者：冯晓", [("实习记者", "蒋一帆"), ("特约记者", "冯晓")]),
        ("责编：杨柳 监制：郭强 制作：孙悦 出品：曹阳 统筹：魏然",
         [("责编", "杨柳"), ("监制", "郭强"), ("制作", "孙悦"), ("出品", "曹阳"), ("统筹", "魏然")]),
        # several labels on one line
        ("责任编辑：何静 校对：贺平", [("责任编辑", "何静"), ("校对", "贺平")]),
        # shared bylines: 记者 A/文 B/图, 文/A 图/B, also when a gloss took the space after the label
        ("（江城日报记者 邵嘉树/文 汤远/图）", [("江城日报记者", "邵嘉树"), ("江城日报记者", "汤远")]),
        ("(江城日報(bào)記(jì)者(zhě) 邵嘉樹/文(wén) 湯(tāng)遠/圖)",
         [("江城日报记者", "邵嘉树"), ("江城日报记者", "汤远")]),
        ("文/钱立 图/孔雪\n", [("文", "钱立"), ("图", "孔雪")]),
        # rare surnames (generated from jieba's name data, scripts/build_surnames.py)
        ("记者 庹佳音 仵立军\n", [("记者", "庹佳音"), ("记者", "仵立军")]),
        # a later name of the list without a listed surname (Mongolian), not a dictionary word
        ("（旗融媒体中心 记者 乌云 萨日娜）\n", [("记者", "乌云"), ("记者", "萨日娜")]),
        ("记者 孟凡 报道\n", [("记者", "孟凡")]),
        # the label glued to the name once a gloss and its space are removed
        ("来源：榆坪日报 記(jì)者(zhě) 桂思远 實習(xí)生 殷小禾", [("记者", "桂思远"), ("实习生", "殷小禾")]),
        ("编辑祁雨桐责任编辑：鲍文", [("编辑", "祁雨桐"), ("责任编辑", "鲍文")]),
        # CMS footers with 丨 or | between label and name, or between credits
        ("编辑丨骆千帆  校对丨闻一鸣\n", [("编辑", "骆千帆"), ("校对", "闻一鸣")]),
        ("来源：某县融媒体 | 作者：蓝天明 | 审核：钟小岚", [("作者", "蓝天明"), ("审核", "钟小岚")]),
        ("全媒体记者｜邬晓岚\n", [("全媒体记者", "邬晓岚")]),
        # a symbol before the byline
        ("■本报记者 虞晓菲\n", [("本报记者", "虞晓菲")]),
        ("▶记者 翁子墨 摄\n", [("记者", "翁子墨")]),
        # the first name without a listed surname when a space or colon follows the label (Dai,
        # Jingpo names; rare surnames), and a dotted transliterated name read whole
        ("（记者 岩温香 通讯员 玉南应）\n", [("记者", "岩温香"), ("通讯员", "玉南应")]),
        ("记者 阿依努尔·托合提 王晓川\n", [("记者", "阿依努尔·托合提"), ("记者", "王晓川")]),
        ("视频：凌子航 剪辑：柏一凡\n", [("视频", "凌子航"), ("剪辑", "柏一凡")]),
        # a gloss took the space after a dotted name: the glued listed-surname name is read next
        ("記(jì)者 熱依拉·買買(mǎi) 提(tí)張(zhāng)曉晴", [("记者", "热依拉·买买提"), ("记者", "张晓晴")]),
        ("记者 沙吾提·买合木提\n", [("记者", "沙吾提·买合木提")]),
        # a gloss took the space before the next label: the label delimits the name before it
        ("（通訊(xùn)員(yuán) 歐陽曉 記者 何曉(xiǎo)芳(fāng) 實習生 胡楊）",
         [("通讯员", "欧阳晓"), ("记者", "何晓芳"), ("实习生", "胡杨")]),
        ("记者 王刚强调", []),
        ("记者 近日从市里获悉", []),
        ("观看视频会议", []),
        ("记者马上赶到现场。", []),
        # not credits
        ("审：张明", []),
        ("图文/张明", []),
        ("监制人员来到现场", []),
        ("他接受记者采访时说", []),
        ("银旺碳素年产20万吨(二期)预焙阳极项目", []),
        ("对接央(国)企合作恳谈会", []),
        ("(无人机照片)\n", []),
        ("拍摄了宣传片", []),
    ],
)
def test_credits(raw, expected):
    assert credits_of(raw) == expected


def test_credit_offsets_point_at_the_name_in_the_clean_text():
    norm = normalize("臨汾新聞網訊(記者 劉玉林 鄭靜)")
    for c in norm.credits:
        assert norm.text[c.name_start:c.name_end] == c.name
        assert c.start <= c.name_start < c.name_end <= c.end
        assert norm.text[c.start:c.end].startswith("记者")
        assert c.to_dict()["name"] == c.name
    assert isinstance(norm.credits[0], Credit)


@pytest.mark.parametrize(
    ("raw", "headline"),
    [
        ("我市召開駐臨央企省企座談會\n岳普煜出席並講話\n臨汾新聞網訊(記者 劉玉林)\n7月25日,我市召開",
         "我市召开驻临央企省企座谈会\n岳普煜出席并讲话"),
        ("\n\n李理在准格尔旗调研\n\n8月10日，市委书记李理", "李理在准格尔旗调研"),
        ("5月23日,工人在兴安盟检修风机。", None),
        ("宁阳房产网讯:\n11月12日,我县举行开工仪式。", None),
        ("镇江开展系列招商活动\n金山网讯 在举国上下学习贯彻党的十九大精神的重要时刻,我市开展系列招商活动。",
         "镇江开展系列招商活动"),
        ("", None),
    ],
)
def test_headline(raw, headline):
    assert normalize(raw).headline_text == headline


# -- seeds and dev corpus -------------------------------------------------------------------------
_GLOSS_LEFT = re.compile(r"[\u3400-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?[)）]")


def _articles(seed_texts, dev_dir=None):
    items = list(seed_texts.items())
    if dev_dir is not None:
        items += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((dev_dir / "raw").glob("*.txt"))]
    return items


@pytest.mark.slow
def test_no_pinyin_left_and_idempotent_on_seeds(seed_texts):
    for name, raw in _articles(seed_texts):
        norm = normalize(raw)
        assert not _GLOSS_LEFT.search(norm.text), name
        assert normalize(norm.text).text == norm.text, name


@pytest.mark.slow
def test_no_pinyin_left_and_idempotent_on_dev(seed_texts, dev_dir):
    for name, raw in _articles({}, dev_dir):
        norm = normalize(raw)
        assert not _GLOSS_LEFT.search(norm.text), name
        assert normalize(norm.text).text == norm.text, name
        for r in norm.report.removals:  # every removal names a real stretch of the raw text
            assert raw[r.raw_start:r.raw_end].strip(), (name, r)


@pytest.mark.slow
def test_dev_pairs_character_error_rate(dev_dir):
    """normalize(dirty) against the clean copy, scored like ../shared/tools/norm_cer.py, must beat
    the blanket regex strip + t2s baseline; see docs/normalizer.md for the measured figures."""
    import importlib.util

    tool = dev_dir.parent.parent / "tools" / "norm_cer.py"
    if not tool.is_file():
        pytest.skip("norm_cer.py not available")
    spec = importlib.util.spec_from_file_location("norm_cer", tool)
    cer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cer)  # type: ignore[union-attr]
    from govnews_nlp.normalize.script import convert_t2s

    strip = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
    ours = base = chars = 0
    for clean_path in sorted((dev_dir / "raw").glob("*.clean.txt")):
        raw = clean_path.with_name(clean_path.name.replace(".clean", "")).read_text(encoding="utf-8")
        ref = cer.fold(clean_path.read_text(encoding="utf-8"))
        e, n = cer.overlap_cer(cer.fold(normalize(raw).text), ref)
        b, _ = cer.overlap_cer(cer.fold(convert_t2s(strip.sub("", raw))), ref)
        ours, base, chars = ours + e, base + b, chars + n
    assert ours < base
    assert ours / chars < 0.03


@pytest.mark.slow
def test_dev_credit_names_are_gold_journalists(dev_dir):
    """Every credit the normalizer finds in a dev article names a journalist of its gold record."""
    import json

    gold = {}
    for line in (dev_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold[f"{rec['id']}.txt"] = {p["name"] for p in rec["people"] if p["kind"] == "journalist"}
        for key in ("clean", "alt"):
            if rec.get(key):
                gold[rec[key]["file"].split("/")[-1]] = {
                    p["name"] for p in rec[key]["people"] if p["kind"] == "journalist"}
    found_any = 0
    for path in sorted((dev_dir / "raw").glob("*.txt")):
        names = {c.name for c in normalize(path.read_text(encoding="utf-8")).credits}
        assert names <= gold[path.name], (path.name, names - gold[path.name])
        found_any += len(names)
    assert found_any >= 20
