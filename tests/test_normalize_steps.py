"""Each normalizer repair on sentences written for these tests: (raw, expected clean text)."""

from __future__ import annotations

import pytest

from govnews_nlp.normalize import STEP_NAMES, normalize

MARK = "\ufffd"


def clean(text: str, **kw) -> str:
    return normalize(text, **kw).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # toned, ASCII parentheses
        ("市委書(shū)記調(diào)研", "市委书记调研"),
        # toneless with the spinner's space, numbered, full-width parentheses
        ("黨(dang) 委書(shu) 記", "党委书记"),
        ("項(xiang4)目建設", "项目建设"),
        ("發（fā）展", "发展"),
        ("於(yu) 立新", "于立新"),
        # the spinner's space goes with the gloss whatever follows (punctuation, digits, Latin)
        ("舉行開工儀(yi) 式(shi) 。總投(tou) 資(zi) 7.2億元", "举行开工仪式。总投资7.2亿元"),
        ("年處(chu) 理(li) 30萬噸", "年处理30万吨"),
        ("引(yin) 入(ru) AI 技術", "引入AI 技术"),
        # only one space goes; a space before another parenthesis stays
        ("記(ji)  者", "记 者"),
        ("說(shuo) (GDP)", "说 (GDP)"),
        # truncated gloss at the end of an excerpt
        ("為建設經濟強(qi", "为建设经济强"),
        ("經濟強(qi  ", "经济强"),
        # genuine parentheses survive
        ("工業(yè)(產(chǎn)業(yè))園區", "工业（产业）园区"),
        ("對接央(國)企合作", "对接央（国）企合作"),
        ("國內生產總值(GDP)增長", "国内生产总值（GDP）增长"),
        ("福清新聞網訊(記者 劉玉林 鄭靜)", "福清新闻网讯（记者 刘玉林 郑静）"),
        ("銀旺年產20萬噸(二期)項目", "银旺年产20万吨（二期）项目"),
        # a parenthesis that is not a reading of the character before it stays
        ("他說(ok)好", "他说（ok）好"),
    ],
)
def test_pinyin_glosses(raw, expected):
    assert clean(raw) == expected


def test_gloss_inside_real_parentheses_keep_width():
    assert clean("縣(市,、區(qū))", options={"keep_width": True}) == "县(市、区)"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("她懷著深厚感情", "她怀着深厚感情"),
        ("要著力推進", "要着力推进"),
        ("立足當前、著眼長遠", "立足当前、着眼长远"),
        ("這是著名的景點", "这是著名的景点"),
        ("成效顯著", "成效显著"),
        ("他參與瞭直播", "他参与了直播"),
        ("登高瞭望", "登高瞭望"),
    ],
)
def test_script_and_usage_fixes(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("简体中文没有繁体", 0),
        ("產業園區", 4),
        ("abc 1,000 𠀀\ud800", 1),  # an astral CJK character counts, a lone surrogate does not crash
        ("\U0010ffff經濟", 2),
    ],
)
def test_count_traditional_agrees_with_the_character_class(text, expected):
    """The numpy table count of the script step equals ``findall`` with its character class."""
    from govnews_nlp.normalize.script import count_traditional, traditional_chars

    assert count_traditional(text) == len(traditional_chars().findall(text))
    assert count_traditional(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("要主?(dòng)作為", "要主动作为"),
        ("存量?jī)?yōu)勢", "存量绩优势"),
        ("勇?lián)姑?、主?(dòng)作為", f"勇{MARK}姑{MARK}、主动作为"),
    ],
)
def test_lost_characters_restored_with_a_large_word_list(raw, expected):
    """Restoration needs the word in the list: the shipped ``patterns/words.txt`` (from jieba's
    dictionary, no jieba needed at run time) has 主动, 优势, 绩优."""
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a syllable that no neighbour supports: one visible mark, never a guess
        ("延伸產業鏈條?,F(xiàn)擁有", f"延伸产业链条{MARK}拥有"),
        ("勇?lián)姑?、", f"勇{MARK}姑{MARK}、"),
        # real question marks stay
        ("原材料價格走勢如何?”", "原材料价格走势如何？”"),
        ("index.php?id=686", "index.php?id=686"),
        # two question marks around a space were lost spaces
        ("11:51:30? ?來源", "11:51:30 来源"),
    ],
)
def test_lost_characters(raw, expected):
    assert clean(raw) == expected


def test_lost_characters_are_restored_or_marked_never_dropped():
    """With or without jieba: each slot is either restored (to a reading of its syllable) or
    marked; 主?(dòng) can only become 动 or the mark."""
    text = clean("要主?(dòng)作為")
    assert text in ("要主动作为", f"要主{MARK}作为")


def test_lost_characters_are_counted():
    report = normalize("勇?lián)姑?、主?(dòng)作為").report.steps["lost"]
    assert report.get("restored", 0) + report["marked"] == 3
    assert report["marked"] >= 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("生態優先,、綠色發展", "生态优先、绿色发展"),
        ("發展理念,,依託", "发展理念，依托"),
        ("新能源產業,。截至目前", "新能源产业。截至目前"),
        ("縣(市,、區),、開發區", "县（市、区）、开发区"),
        ("好。。", "好。"),
    ],
)
def test_spurious_punctuation(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("今年以来,全镇完成投资3亿元;同比增长1,000吨", "今年以来，全镇完成投资3亿元；同比增长1,000吨"),
        ("2021-08-23 11:51:30 来源:福清新闻网", "2021-08-23 11:51:30 来源：福清新闻网"),
        ("构建“4+6+N”现代产业体系和3D打印", "构建“4+6+N”现代产业体系和3D打印"),
        ("网址 http://www.example.com/a?id=1 已开通!", "网址 http://www.example.com/a?id=1 已开通！"),
        ("增长3.5%,为历年最高", "增长3.5%，为历年最高"),
        ("the GDP (gross), fine", "the GDP (gross), fine"),
    ],
)
def test_width(raw, expected):
    assert clean(raw) == expected


def test_keep_width_switch():
    raw = "今年以来,全镇完成投资3亿元"
    assert clean(raw, options={"keep_width": True}) == raw
    assert clean(raw, disable=["width"]) == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('坚持"3820"战略工程和"一港双城"建设', "坚持“3820”战略工程和“一港双城”建设"),
        ('落实"属地吹哨,部门报到"机制', "落实“属地吹哨，部门报到”机制"),
        ('he said "ok" twice', 'he said "ok" twice'),
        ('一个"未闭合', '一个"未闭合'),
    ],
)
def test_quotes(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11月12日,\n我縣舉行\n寧陽綠色建材產業園項目\n開工儀式。",
         "11月12日，我县举行宁阳绿色建材产业园项目开工仪式。"),
        ("項目進展\n,細心詢問", "项目进展，细心询问"),
        ("【責任編輯:施歌\n】", "【责任编辑：施歌】"),
        ("协调解决问题。 市委常委参加。", "协调解决问题。\n市委常委参加。"),
        # real paragraph breaks and headline lines stay
        ("第一段。\n\n第二段。", "第一段。\n\n第二段。"),
        ("何党生调研工业项目时强调\n以工业高质量发展实绩实效\n10月8日，区委书记",
         "何党生调研工业项目时强调\n以工业高质量发展实绩实效\n10月8日，区委书记"),
        ("第一段，\n\n第二段。", "第一段，\n\n第二段。"),
        ("\n\n、", "\n\n、"),
        # a comma line before a line that starts with a mark: joined, and the run the join
        # made (",?") collapsed as the punct step would (it ran before: idempotence)
        ("问题,\n?是否", "问题？是否"),
        ("11月12日, \n,", "11月12日，"),
        ("会议?\n,我县", "会议？我县"),
        ("会议, \n?\n,开工", "会议？开工"),
        ("施歌,\n】", "施歌，】"),
    ],
)
def test_lines(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected", "reason"),
    [
        ("正文。\n請輸入驗證碼", "正文。\n", "captcha"),
        ("密码:\n\n九三学社调研", "\n九三学社调研", "login"),
        ("图片1.png \n金光产业基地", "金光产业基地", "file name"),
        ("|\n4月22日，南平市", "4月22日，南平市", "separator"),
        ("責任編輯:張碧芳 我來說兩句 |\n正文", "责任编辑：张碧芳\n正文", "comment link"),
        ("- 首页 / 房产资讯 / 热点关注\n宁阳讯", "宁阳讯", "breadcrumb"),
        ("项目建设。\n本文为本站原创文章,转载请附上原文出处链接和本声明。", "项目建设。\n", "reprint"),
        ("正文\n版权声明:凡注明来源的作品,版权归本站所有。", "正文\n", "copyright"),
        ("展开全文\n会议现场", "会议现场", "expand"),
        ("启动建设+ {% ~+ c! e' x4 @$ S3 }4 F- c\n作者", "启动建设\n作者", "jammer"),
        ("2.png (67.15 KB, 下載次數: 55)\n下載附件\n2019-10-11 09:30 上傳\n10月9日", "10月9日", "attachment"),
        ("对接会议举行_锦州_锦州市_合作\n正文", "对接会议举行\n正文", "SEO"),
        ("分享到：微信 微博\n打印本页 关闭窗口\n正文", "正文", "share"),
    ],
)
def test_junk_removed_and_recorded(raw, expected, reason):
    norm = normalize(raw)
    assert norm.text == expected
    removed = norm.report.removals
    assert removed, "junk must be recorded, never removed silently"
    for r in removed:
        assert r.step == "junk"
        assert raw[r.raw_start:r.raw_end].strip()


@pytest.mark.parametrize(
    "text",
    [
        "市委书记陈堂清强调，要坚持以新发展理念为引领。",
        "记者：兰文馨",
        "他说：“今年的既定目标是什么？”",
        "项目总投资450亿元，规划用地 8500亩。",
        "金山网讯 在举国上下学习贯彻党的十九大精神的重要时刻",
    ],
)
def test_clean_simplified_text_is_untouched(text):
    norm = normalize(text)
    assert norm.text == text
    assert norm.offset_map.is_identity


def test_every_step_is_switchable_and_reported():
    raw = "市委書(shū)記,,要著力推進"
    for name in STEP_NAMES:
        out = normalize(raw, disable=[name])
        assert name not in out.report.steps or not out.report.steps[name]
    full = normalize(raw).report.steps
    assert full["pinyin"]["glosses_removed"] == 1
    assert full["punct"]["collapsed"] == 1
    with pytest.raises(ValueError, match="unknown"):
        normalize(raw, disable=["nope"])


def test_shipped_word_list_is_simplified_words_and_loads_fast():
    import time

    from govnews_nlp.normalize.words import shipped_words

    t0 = time.process_time()
    words = shipped_words()
    elapsed = time.process_time() - t0
    assert {"主动", "优势", "绩优", "着力", "随着"} <= words
    assert all(2 <= len(w) <= 4 for w in words)
    assert not any(w.startswith("#") for w in words)
    assert elapsed < 1.0  # ~0.05 s here; generous for shared CI machines


@pytest.mark.jieba
def test_shipped_word_list_is_up_to_date():
    """``scripts/build_words.py --check`` regenerates the list from jieba's dict.txt."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_words.py"
    if not script.is_file():
        pytest.skip("scripts/ not in this checkout")
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
