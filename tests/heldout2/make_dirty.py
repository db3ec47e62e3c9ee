# ruff: noqa: E501  (article sources are one paragraph per line, as in the corpus)
"""Build the second held-out set U01..U12 from the Simplified sources below (deterministic, seeded).

    python tests/heldout2/make_dirty.py            # (re)write tests/heldout2/articles/U*.txt
    python tests/heldout2/make_dirty.py --check    # every gold string occurs in the reference normalization

Why a second set: tests/heldout (H01..H12) drove a round of fixes and is now a regression set. This set was
written afterwards, by a reviewer who did not read the rules (patterns/, src/), so it estimates how the system
does on text nobody tuned it on. The method is the one of tests/heldout/make_dirty.py: the dirt must look like
scraped mirror copies (OpenCC s2t, inline pinyin glosses after ~30 % of the Han characters, ASCII-folded and
doubled punctuation, junk lines, sentences broken across lines) and must be reproducible without hand-editing
Traditional text. The gold in gold.jsonl was written by hand from the Simplified sources, before the system was
run on them.

Source mark-up: ``¦`` marks a line break that only the dirty copy gets (a sentence broken across lines).
The articles are fictional: people, places, companies, projects and figures are invented for the test.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20250301
BREAK = "¦"
FOLD = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "！": "!", "？": "?"})


@dataclass(frozen=True)
class Dirt:
    """How a source is dirtied. ``tones``: "tone" (toned glosses), "plain" (toneless plus a space), None."""

    tones: str | None = "tone"
    gloss_rate: float = 0.3
    fold: bool = True  # full-width punctuation folded to ASCII, as the search index does
    double_rate: float = 0.0  # chance that a , 、 。 gets a doubled form ,, ,、 ,。 (only with fold)
    junk: tuple[tuple[int, str], ...] = ()  # (line index, junk line) inserted into the dirty copy


@dataclass(frozen=True)
class Article:
    style: str  # gold "style": simp | trad-pinyin
    text: str  # Simplified source
    dirt: Dirt | None = None  # None: written as is (clean Simplified)
    fold_only: bool = False  # clean copy, but with the index's ASCII punctuation


ARTICLES: dict[str, Article] = {
    "U01": Article("simp", """榆坪县乡村振兴产业发展现场推进会在栾溪镇召开
6月12日，榆坪县乡村振兴产业发展现场推进会在栾溪镇召开。县委副书记邝宗岳出席并讲话，副县长童以宁主持会议，县领导冼春和、巫雅琪参加。
与会人员首先来到杏坳村食用菌产业园。栾溪镇党委书记、镇人大主席蔺雪峤介绍，园区占地460亩，建有标准化菇棚320个，年产鲜香菇1.6万吨，带动周边农户480户。杏坳村党支部书记、村委会主任戚满仓说，去年村集体经济收入达86万元，比上年翻了一番。
随后，大家观摩了榆坪县畜禽粪污资源化利用项目。该项目由县城投公司建设，累计投资6800万元，年处理畜禽粪污及菌渣15万吨，日产有机肥400吨。
邝宗岳强调，各乡镇要按照“南菇北果、东茶西药”的产业布局，扎实开展“百村示范、千户增收”行动，坚持宜农则农、宜林则林，当好产业振兴的“领头雁”。要把重点项目作为十四五后半程的主抓手，确保农民人均可支配收入增长7%以上。
童以宁要求，各部门要强化要素保障，推动项目早开工、早见效。
（记者 郦晓棠 通讯员 檀一舟 摄）"""),
    "U02": Article("trad-pinyin", """澄阜市人大常委会开展水污染防治法执法检查
7月17日至18日，澄阜市人大常委会执法检查组深入乔埠区、葭湾县，对水污染防治法贯彻实施情况开展执法检查。市人大常委会党组书记、主任苑鸿儒带队，市人大常委会副主任盛可岚、秘书长郜远山参加，副市长牟振川陪同。
检查组实地察看了乔埠区第二污水处理厂提标改造工程，¦该工程总投资2.4亿元，建成后处理规模达8万立方米/日，出水水质稳定达到一级A标准。在葭湾县化工园区污水集中处理项目现场，检查组详细询问了在线监测运行情况。该项目计划投资近9000万元，日处理工业废水1.5万吨。
苑鸿儒指出，要坚持“三水统筹”，持续开展“清河净岸”专项行动，依法守护好澄阜的碧水清流。他说：“法律的生命力在于实施，执法检查就是要让法律长出牙齿。”目前，全市城市污水集中收集率达到72%，还有一定差距。
来源：澄阜日报 记者 甄璐 实习生 伏小满""",
                   Dirt(double_rate=0.15, junk=((0, "首頁 > 新聞中心 > 人大要聞"),))),
    "U03": Article("simp", """沣临高新区召开党风廉政建设警示教育大会
3月28日，沣临高新区召开2025年党风廉政建设暨警示教育大会，会议以“以案为鉴、以案促改”为主题。市委常委、沣临高新区党工委书记隗承宇出席并讲话，高新区党工委副书记、管委会主任仇立言主持，市纪委监委驻高新区纪检监察组组长郗晓岑通报了近年来查处的典型案例。高新区党工委委员、纪工委书记滕远舟，管委会副主任项秋实，高新区科技局局长晁敏参加。
会议指出，今年高新区安排重点项目47个，年度计划投资182亿元，一季度已完成投资41.5亿元，全区规上工业营收同比增长15.3%。沣临集成电路封测基地、光电子信息产业园等项目进展顺利，但工程建设、招商引资等领域廉洁风险不容忽视。
隗承宇强调，要一体推进不敢腐、不能腐、不想腐，深化“三不腐”贯通融合，坚决破除“潜规则”。全区党员干部要牢记“干净做事、清白做人”，营造风清气正的发展环境。
供稿：高新区纪工委  责编：璩天野  终审：邰小荷""", fold_only=True),
    "U04": Article("trad-pinyin", """雩河抽水蓄能电站首台机组并网发电
9月30日，雩河抽水蓄能电站首台机组并网发电。省发展改革委党组成员、省能源局局长郁鸿图，泸阳市委书记訾海川，南源电力集团党委书记、董事长詹伯钧，集团党委副书记、总经理廖启帆出席投产仪式。仪式由苟振邦副市长主持。
雩河抽水蓄能电站是省重点能源项目，总装机容量140万千瓦，安装4台可逆式水泵水轮机组，设计年发电量23.4亿千瓦时，总投资约92亿元。电站全部投产后，每年可节约标准煤约68万吨。同步建设的泸阳50万千瓦风光互补基地已完成投资21亿元。
郁鸿图表示，电站被称为电网的“超级充电宝”，要加快建设“四个一流”抽水蓄能电站，为全省新能源装机占比超过45%提供有力支撑。
詹伯钧说，集团将以“双百攻坚”行动为抓手，¦确保其余3台机组明年上半年全部投产。
（通讯员 闵俊 记者 庹雨晴）""",
                   Dirt(tones="plain", double_rate=0.12, junk=((2, "3.jpg (102.4 KB, 下載次數: 7)"),))),
    "U05": Article("simp", """澹州港湄汀作业区二期工程通过竣工验收
本报讯（全媒体记者 佴乐 通讯员 宦雨辰）11月21日，澹州港湄汀作业区二期工程通过竣工验收。市委书记宓振华宣布验收通过，市委副书记、市长权思源，市政协主席巩立群，湄汀临港经济开发区党工委书记、管委会主任羿望舒出席。澹州港务集团党委书记、董事长岑立波，党委副书记、总经理皇甫晓东参加。
二期工程累计投资38.6亿元，新建5万吨级集装箱泊位4个，设计年吞吐量120万标箱，新开通内外贸航线9条。同步建成的湄汀冷链物流基地年处理冷链货物50万吨，带动港口物流产值超200亿元。
宓振华强调，要锚定“一港三区”发展布局，深入开展“港航服务提升季”行动，在拓航线、扩货源、优服务上持续发力。他指出：“港口是澹州最大的资源，也是最大的潜力。”
权思源要求，有关部门要加快三期工程前期工作，力争明年开工建设。"""),
    "U06": Article("trad-pinyin", """省政协视察团来峦川市视察生态保护修复工作
8月6日至7日，省政协副主席辜明哲率省政协视察团来峦川市，视察峦溪流域生态保护修复工作。省政协人口资源环境委员会主任昝红英，峦川市政协主席幸远洋，市委常委、秘书长贲永年陪同视察。
视察团先后来到峦溪流域山水林田湖草沙一体化保护和修复工程、峦川国家储备林基地和峦川市固废综合处置中心项目现场。其中，一体化保护和修复工程总投资24.7亿元，已完成投资超15亿元，累计治理水土流失面积126平方公里；固废综合处置中心设计年处置危险废物3万吨，¦日处理渗滤液300立方米。
辜明哲指出，要坚持“共抓大保护、不搞大开发”，推动“两山”转化通道更加畅通，算好“生态账”、念好“山水经”。
副市长仝海鹰汇报了全市生态保护修复工作情况。
（峦川日报全媒体记者 凌雁 摄）""",
                   Dirt(fold=False, junk=((1, "分享到：微信 微博 QQ空間"),))),
    "U07": Article("simp", """泺城市在深圳举办先进制造业招商推介会
本报深圳4月22日电（记者 芮嘉懿）4月22日，以“智造泺城·共赢未来”为主题的泺城市先进制造业招商推介会在深圳举行。市委书记郄云鹏推介泺城投资环境，市长亓宏博主持推介会，市领导冀书瑶、甯海波、乜红梅参加活动。
推介会现场签约项目19个，总投资近320亿元，其中10亿元以上项目11个。拓微半导体封测基地项目计划投资约45亿元；泓锦新能源储能电池产业园总投资超55亿元，建成后年产储能电芯15GWh，预计年营收150亿元；粤岚智能装备华南生产基地总投资8000余万元。
深圳拓微半导体有限公司董事长靳一川、泓锦新能源科技集团副总裁付思齐先后发言。
郄云鹏表示，泺城将围绕“一主两新”产业体系，当好服务企业的“贴心人”，做到拿地即开工、竣工即投产。他说：“企业在泺城投资，就是我们自己的事。”"""),
    "U08": Article("trad-pinyin", """查干陶勒盖旗煤化工循环经济产业园3个项目集中投产
11月3日，查干陶勒盖旗煤化工循环经济产业园3个项目集中投产。旗委书记斯琴毕力格宣布投产，旗委副书记、旗长额尔德木图致辞，旗人大常委会主任娜仁花、旗政协主席苏和巴鲁出席，旗领导白音仓、萨仁图雅参加。
此次投产的3个项目总投资156.8亿元。其中，蒙晟60万吨/年煤制乙二醇项目设计产能60万吨/年，配套气化装置日处理原煤6000吨；¦蒙晟焦炉煤气制液化天然气项目年产液化天然气2.6亿立方米；蒙晟自备热电站建设2×50MW抽凝机组。3个项目可新增年产值95亿元、年纳税8亿元，带动就业2100人。
蒙晟能源化工有限公司执行董事、总经理厍振东介绍，企业将对煤焦油、粉煤灰等副产品“吃干榨净”，计划投资19亿元的蒙晟煤焦油深加工二期项目设计产能50万吨，明年开工。
斯琴毕力格强调，要坚持“以煤为基、多能互补”，加快打造“一区两中心”，深入开展“项目服务攻坚月”活动。
（查干陶勒盖旗融媒体中心 记者 乌日娜 塔娜）""",
                   Dirt(double_rate=0.15, junk=((2, "【字體：大 中 小】 打印本頁 關閉窗口"),))),
    "U09": Article("simp", """邰明德到玥湖县调研乡村振兴和水利建设工作
3月26日，省委副书记邰明德到玥湖县调研乡村振兴和水利建设工作。汀泽市委书记庾国梁，市委常委、玥湖县委书记阚立冬陪同。
在莲塘乡枫井村，邰明德走进枫井村高山茶叶种植基地，与茶农拉家常、算收入。村党总支书记蒲春生介绍，全村种植高山茶2800亩，年产干茶160吨，茶叶产值突破6000万元。随后，邰明德来到玥湖水库灌区续建配套与现代化改造工程施工现场。该工程总投资4.6亿元，建成后年供水量可达1.2亿立方米，可新增和改善灌溉面积18万亩。
邰明德强调，要深入学习贯彻习近平总书记关于“三农”工作的重要论述，守牢“两条底线”，把“小茶叶”做成“大产业”。
玥湖县委副书记、代县长牛思远汇报了全县经济社会发展情况。
（记者 丰一禾 通讯员 谯林）"""),
    "U10": Article("trad-pinyin", """瀚溪新区第二水厂一期工程正式通水
图为第二水厂一期工程全景。濮雨 摄
12月28日，瀚溪新区第二水厂一期工程正式通水。瀚溪新区党工委书记、管委会主任鞠承志宣布通水，新区党工委副书记、管委会常务副主任辛可为，新区管委会副主任庄梓萱出席。瀚溪水务投资集团党委书记、董事长尉迟朗介绍了工程建设情况。
第二水厂一期工程总投资11.3亿元，设计供水规模20万立方米/日，¦配套建设的污泥处理中心日处理污泥120吨。二期工程计划投资约9亿元，建成后全厂供水规模将达40万立方米/日，可惠及人口45万。目前，出厂水水质达标率100%。
鞠承志表示，新区将以“一网统管”推进智慧水务建设，践行“供水到户、服务到人”承诺，让群众喝上“放心水”。
来源：瀚溪发布 作者：濮雨 责任编辑：聂秋 监制：阙明""",
                   Dirt(double_rate=0.15, junk=((3, "掃一掃在手機打開當前頁"),))),
    "U11": Article("simp", """昱辰重工集团召开2025年度工作会议
1月16日，昱辰重工集团2025年度工作会议召开。市国资委党委书记、主任晏俊出席会议并讲话，集团党委书记、董事长戴鹤年作工作报告，集团党委副书记、总经理缪怀瑾主持会议，集团党委常委、纪委书记黎可心，集团副总经理樊卓出席。
2024年，集团实现营业收入486亿元、利润总额31亿元，完成固定资产投资27.4亿元。新建成的昱辰智能铸造产业园年产高端铸件25万吨，昱辰挖掘机智能制造基地具备年产大中型挖掘机8000台的能力，盾构机总装车间年产盾构机120台。2025年，集团计划投资35亿元，启动昱辰高端液压件产业化项目建设。
戴鹤年提出，集团将全面实施“1355”发展战略，深入开展“提质增效攻坚年”活动，加快向数字化、集群化、国际化转型，打造工程机械行业的“隐形冠军”。
（通讯员 雍晓雯）
编辑：蒯一鸣 审核：束晴"""),
    "U12": Article("trad-pinyin", """中共邶山县委经济工作会议召开
12月26日，中共邶山县委经济工作会议召开。县委书记韶光明出席并讲话，县委副书记、县长扈文清部署2026年经济工作，县人大常委会主任祁连生、县政协主席练秋池，县委常委、组织部部长、统战部部长衡子谦出席。
会议指出，今年全县地区生产总值完成258亿元，增长6.1%；实施亿元以上项目63个，完成投资147.6亿元。邶山北部风电场二期工程全容量并网，装机容量25万千瓦；邶山经开区60万吨/年废钢加工基地建成投产；¦县生活垃圾焚烧发电厂日处理垃圾800吨，年上网电量1.1亿度。
会议强调，“十五五”开局之年，要坚持“工业立县、文旅活县”，深入实施“4321”工程，持续开展“万人助万企”活动，敢啃“硬骨头”，确保明年计划投资超160亿元。韶光明说：“抓经济就是抓项目，抓项目就是抓未来。”
（邶山县融媒体中心记者 霍思羽）
编辑：茅小溪""",
                   Dirt(double_rate=0.15, junk=((0, "用戶名: 密碼: 登錄 註冊"),))),
}

HAN = re.compile(r"[\u4e00-\u9fff]+")
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\) ?")


def _pinyin_per_char(text: str, toned: bool) -> list[str | None]:
    """Pinyin of each character of the Simplified source (None for non-Han), read in phrase context."""
    from pypinyin import Style, pinyin

    out: list[str | None] = [None] * len(text)
    style = Style.TONE if toned else Style.NORMAL
    for m in HAN.finditer(text):
        syllables = pinyin(m.group(), style=style, heteronym=False)
        if len(syllables) != len(m.group()):
            raise ValueError(f"pypinyin gave {len(syllables)} syllables for {len(m.group())} characters")
        for i, s in enumerate(syllables):
            out[m.start() + i] = s[0]
    return out


def dirty(source: str, dirt: Dirt, rng: random.Random) -> str:
    """Simplified source -> scraped-mirror copy (Traditional, glosses, folded/doubled punctuation, junk)."""
    import opencc

    converter = opencc.OpenCC("s2t")
    trad = converter.convert(source)
    if len(trad) != len(source):  # keep the character alignment the glosses rely on
        trad = "".join(converter.convert(ch) for ch in source)
    readings = _pinyin_per_char(source, dirt.tones == "tone") if dirt.tones else [None] * len(source)
    out = []
    for ch, py in zip(trad, readings):
        out.append(ch)
        if py and rng.random() < dirt.gloss_rate:
            out.append(f"({py})" + (" " if dirt.tones == "plain" else ""))
    text = "".join(out)
    if dirt.fold:
        text = text.translate(FOLD)
        if dirt.double_rate:
            text = "".join(("," + c if c in ",、。" and rng.random() < dirt.double_rate else c) for c in text)
    text = text.replace(BREAK, "\n")
    lines = text.split("\n")
    for index, junk in sorted(dirt.junk, key=lambda j: -j[0]):
        lines.insert(index, junk)
    return "\n".join(lines)


def render(art_id: str, art: Article) -> str:
    """The article file's text: the source as is, ASCII-folded, or dirtied with its own seeded RNG."""
    if art.dirt is None:
        text = art.text.replace(BREAK, "")
        return text.translate(FOLD) if art.fold_only else text
    return dirty(art.text, art.dirt, random.Random(f"{SEED}-{art_id}"))


def reference_normalization(raw: str) -> str:
    """The dev README's reference: drop glosses (+1 space), OpenCC t2s, collapse ,, ,、 ,。; newlines ignored."""
    import opencc

    text = GLOSS.sub("", raw)
    text = opencc.OpenCC("t2s").convert(text)
    text = text.replace(",,", ",").replace(",、", "、").replace(",。", "。")
    return text.replace("\n", "")


def gold_strings(rec: dict):
    """(where, string) for every gold string the README's machine check covers."""
    for p in rec["people"]:
        yield "people.name", p["name"]
        for t in p["titles"]:
            yield "people.title", t
    for key in ("capacities", "investments", "projects", "slogans"):
        for item in rec[key]:
            yield key, item["text"]


def check(articles_dir: Path, gold_path: Path) -> int:
    """Print and count gold strings that do not occur in the reference normalization of their article."""
    bad = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        norm = reference_normalization((articles_dir / f"{rec['id']}.txt").read_text(encoding="utf-8"))
        folded = norm.translate(FOLD)
        for where, s in gold_strings(rec):
            if s not in norm and s.translate(FOLD) not in folded:
                print(f"{rec['id']} {where}: {s!r} not in the reference normalization")
                bad += 1
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "articles")
    ap.add_argument("--check", action="store_true", help="verify gold.jsonl against the articles")
    args = ap.parse_args()
    if args.check:
        raise SystemExit(1 if check(args.out, HERE / "gold.jsonl") else 0)
    args.out.mkdir(parents=True, exist_ok=True)
    for art_id, art in ARTICLES.items():
        text = render(art_id, art)
        (args.out / f"{art_id}.txt").write_text(text, encoding="utf-8")
        print(f"{art_id} {art.style:<12} source {len(art.text.replace(BREAK, '')):>4} file {len(text):>4} chars")


if __name__ == "__main__":
    main()
