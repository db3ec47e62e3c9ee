# ruff: noqa: E501  (article sources are one paragraph per line, as in the corpus)
"""Build the held-out articles H01..H12 from the Simplified sources below (deterministic, seeded).

    python tests/heldout/make_dirty.py            # (re)write tests/heldout/articles/H*.txt
    python tests/heldout/make_dirty.py --check    # every gold string occurs in the reference normalization

Why a generator: the held-out set must be reproducible and its dirt must look like scraped mirror copies
(OpenCC s2t, inline pinyin glosses after ~30 % of the characters, ASCII-folded punctuation, doubled
punctuation, junk lines, sentences broken across lines) without hand-editing Traditional text. The gold in
gold.jsonl was written by hand from the Simplified sources, before the system was run on them.

Source mark-up: ``¦`` marks a line break that only the dirty copy gets (a sentence broken across lines).
The articles are fictional: people, places, companies and figures are invented for the test.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240611
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
    "H01": Article("simp", """青泷县委书记潘启航调研重点项目建设
3月14日，县委书记潘启航，县委副书记、县长鲁文渊带队，深入园区和乡镇调研重点项目建设情况。县领导齐婉清、邵鸿飞、葛兆麟参加调研。
潘启航一行首先来到青泷经济开发区，察看了华拓新材料年产12万吨锂电池正极材料项目建设现场。该项目总投资约36亿元，分两期建设，一期预计今年9月投产，全部达产后可实现年产值80亿元、税收4.5亿元。随后，调研组来到东岭镇光伏农业产业园，听取了东岭镇党委书记汪一鸣关于农光互补发展情况的汇报。该园区规划占地2600亩，建成后装机容量可达150MW，年发电量约1.8亿千瓦时。
在青泷县城乡供水一体化工程现场，潘启航详细了解了工程进度。该工程计划投资5.6亿元，建成后日供水能力10万立方米，可解决全县32万人的饮水问题。
潘启航强调，要牢固树立“项目为王、实干为先”的鲜明导向，深入开展“项目攻坚年”活动，推动项目早建成、早见效。各级干部要发扬“钉钉子”精神，对照“十四五”规划目标，一个节点一个节点抓落实，确保全年固定资产投资增长12%以上。
鲁文渊要求，有关部门要强化要素保障，为企业提供“保姆式”服务。
（记者 柯雨桐 尹昊 通讯员 沈馨）
责任编辑：韦思琪"""),
    "H02": Article("trad-pinyin", """黔岭州与鼎丰能源集团签署战略合作协议
来源：黔岭日报  作者：田沐阳  编辑：陆芊芊
4月8日上午，黔岭州人民政府与鼎丰能源集团战略合作签约仪式在凯源市举行。州委书记冉秋实，¦鼎丰能源集团党委书记、董事长贺存礼出席并见证签约。州委副书记、州长龙启明与鼎丰能源集团总经理骆新宇代表双方签约。州领导蒙晓岚、石登科参加。
根据协议，鼎丰能源集团将投资建设黔岭州风光储一体化基地，规划装机规模1.2GW，配套建设储能电站100MW/200MWh，总投资超60亿元。首期实施的¦凯源200MW农光互补项目¦已完成投资8.3亿元，预计年底并网发电。双方还将合作建设黔岭州抽水蓄能电站工程，装机容量120万千瓦。
冉秋实在会见时表示，黔岭州正深入实施“工业强州、生态兴州”战略，全力打造“两基地一枢纽”，热诚欢迎鼎丰能源集团在黔岭布局更多项目。他说：“我们将以最优的服务、最好的环境，保障项目顺利推进。”
贺存礼表示，集团将把黔岭州作为西南区域发展的重要战略支点，持续加大投资力度。
州政府秘书长杨定坤主持签约仪式。""",
                   Dirt(double_rate=0.15, junk=((1, "登錄 | 註冊  驗證碼: 看不清?換一張"),))),
    "H03": Article("simp", """汾川市政协召开民营经济发展专题协商座谈会
5月20日，汾川市政协召开“助力民营经济高质量发展”专题协商座谈会。市政协主席郝景森出席并讲话，市委常委、统战部部长苗一帆，市政协副主席、市工商联主席秦若溪，市人大常委会副主任邬长庚参加。
座谈会上，汾川宏泰重工有限公司董事长兼总经理季昌平、晋科生物科技股份有限公司党委书记卫青禾等8位企业家代表先后发言，围绕融资难、用工难等问题提出意见建议。宏泰重工今年一季度实现营业收入12.4亿元，同比增长18.6%；该公司投资建设的宏泰年产30万台套工程机械液压件项目已完成投资4.2亿元，投产后年纳税可达6000万元。
郝景森指出，要深入落实“两个毫不动摇”，持续开展“万企兴万村”行动，以“三服务”活动为抓手，当好企业的“娘家人”。市政协各专门委员会要聚焦“四个一批”，形成高质量调研报告。
本报记者 吕嘉禾
见习记者 丁若宁"""),
    "H04": Article("trad-pinyin", """鑫源再生铝项目在江临经开区投产
6月18日，江临经济技术开发区举行鑫源再生资源年产50万吨再生铝项目投产仪式。市委常委、江临经开区党工委书记蔡明远宣布项目投产，开发区党工委副书记、管委会主任温子琪致辞，鑫源再生资源有限公司董事长封立诚介绍项目情况。
该项目总投资18.5亿元，占地420亩，建有熔炼、铸造等4条生产线，达产后¦年产再生铝50万吨、铝合金锭20万吨，年处理废旧铝材55万吨，可实现年产值120亿元，带动就业1500人。项目配套建设的8MW屋顶分布式光伏每年可发电约900万度。
温子琪表示，开发区将深入开展“产业链招商提质年”活动，围绕“3+2”主导产业链精准招商，力争全年新签约亿元以上项目30个。
江临经开区纪工委书记、监察工委主任岳之恒，开发区管委会副主任闫若霜参加仪式。
（通讯员 包一凡 景晓 摄）""",
                   Dirt(tones="plain", double_rate=0.12, junk=((2, "1.png (86.21 KB, 下載次數: 12)"),))),
    "H05": Article("simp", """临沅市召开国资国企改革深化提升行动推进会
7月3日，全市国资国企改革深化提升行动推进会召开。副市长邱振邦出席并讲话，市国资委党委书记、主任何晏清通报上半年工作情况，市纪委常委、市监委委员洪静怡就国有企业廉洁风险防控作部署。
会议指出，今年以来，市属国企完成固定资产投资46.7亿元，同比增长9.3%；实现利润总额5.2亿元，上缴税费3.1亿元。市城投集团承建的沅江东岸生态修复工程、北城智慧物流园区已全面开工，市交投集团牵头实施的环城高速西段改扩建工程累计完成投资近20亿元。
会议要求，各企业要对标“国企改革深化提升行动”重点任务，落实“一企一策”考核，扎实推进瘦身健体和“三项制度”改革，确保年底前完成各项目标。
会上，市城投集团党委书记、董事长芦志航，市交投集团总经理、党委副书记阮博文作交流发言。
（来源：临沅日报 记者 郑可欣）
一审：鲍书恒 二审：庞冬 三审：钟逸飞"""),
    "H06": Article("trad-pinyin", """云岭彝族自治县港航物流园一期工程开港运营
9月26日，云岭彝族自治县港航物流园一期工程正式开港运营。自治县县委书记阿措木嘎，自治县县委副书记、县长杨丽琼，自治县人大常委会主任陶正祥，自治县政协主席普文昌等出席开港仪式。
据介绍，港航物流园一期工程总投资12.8亿元，建设3000吨级泊位6个，设计年吞吐能力800万吨，其中集装箱年吞吐量20万标箱。港航物流园二期工程计划投资15亿元，将建设散货码头及冷链仓储设施，全部建成后年吞吐能力可达1500万吨。
阿措木嘎在致辞中说，港航物流园的建成，标志着云岭由“内陆县”变为“临港县”，打通了通江达海的“最后一公里”。自治县将坚持“以港兴县、港城融合”发展思路，纵深推进“四港联动”。
嘎洒镇党委书记李文秀、镇长罗兴福陪同参观。滇海航运物流有限公司总经理钱光耀出席仪式。
（通讯员 普艳 罗正学）""",
                   Dirt(fold=False, junk=((0, "驗證碼：請輸入驗證碼  登錄"),))),
    "H07": Article("simp", """卓远航调研生态环保项目建设
8月12日，市委书记卓远航带队调研生态环保项目建设。市领导欧阳澜、褚建平、宁卫东参加。
卓远航一行先后来到桐溪静脉产业园、城东污水处理厂三期扩建工程和明湖区餐厨垃圾资源化利用项目现场。桐溪静脉产业园生活垃圾焚烧发电项目设计日处理生活垃圾2250吨，配置2×35MW汽轮发电机组，年上网电量约3.6亿千瓦时，年可减少二氧化碳排放约12万吨。城东污水处理厂三期扩建工程完成后，全厂日处理能力将达35万立方米。明湖区餐厨垃圾资源化利用项目总投资2.3亿元，已完成投资8600万元，建成后年处理餐厨垃圾7.3万吨，年产生物柴油6000吨。
卓远航强调，要坚决扛起生态环保政治责任，深入打好“三大保卫战”，以“无废城市”建设为牵引，推动形成绿色生产生活方式。他说：“环保项目是民生工程，也是发展工程，必须高标准建设、高质量运营。”
市政府副秘书长、市生态环境局局长司马静陪同调研。
审核：侯一川 编辑：裴蕾""", fold_only=True),
    "H08": Article("trad-pinyin", """嵩阳市第四季度重大项目集中签约 总投资286.5亿元
10月9日，嵩阳市2024年第四季度重大项目集中签约活动在嵩阳高新区举行，共签约项目16个，总投资286.5亿元。市委副书记、市长闻人杰，市人大常委会主任解志国，市政协主席俞德胜出席。
签约项目中，投资超10亿元的项目有9个。其中，金岳新能源年产10GWh储能电池项目计划投资58亿元，用地约800亩，达产后年产储能电池10GWh；华晟化工40万吨/年乙二醇项目总投资约45亿元；嵩阳绿色算力中心项目总投资32亿元；此外还有嵩阳港多式联运物流基地、高新区生物医药产业园扩建项目等。
闻人杰在致辞中表示，嵩阳将秉持“您投资、我服务，您发展、我护航”的理念，深入实施“招商引资一号工程”和“五大产业集群倍增计划”，为项目落地提供全周期服务。
签约仪式由副市长聂文博主持。金岳新能源科技股份有限公司董事长司徒恺代表企业发言。
（嵩阳日报记者 管梓涵/文 房一鸣/图）""",
                   Dirt(double_rate=0.15, junk=((1, "1.png"), (1, "2024-10-10 08:12:33 來源: 嵩陽日報"),))),
    "H09": Article("simp", """甘宏涛到沙洲市调研氢能产业发展
（沙洲融媒记者 骆清）11月5日至6日，省委常委、副省长甘宏涛到沙洲市调研氢能产业发展。沙洲市委书记左青云，市委副书记、市长翟文渊陪同。
甘宏涛先后走进沙洲氢能产业园、东港化工园区，察看了昊阳氢能年产5000台燃料电池系统项目和东港20000吨/年绿氢示范工程建设情况。东港绿氢示范工程总投资23亿元，配套建设光伏电站300MW，电解水制氢规模4万标准立方米/小时。今年1-9月，全市氢能产业实现产值46亿元，同比增长31%。
甘宏涛指出，要深入学习贯彻习近平总书记关于能源安全的重要论述，认真落实“四个革命、一个合作”能源安全新战略，抢抓“氢进万家”示范机遇，加快构建制储输用全产业链。
座谈会上，昊阳氢能董事长蔺思远、市发展改革委主任覃嘉树汇报了有关情况。调研期间，汤若愚副局长就氢能支持政策作了说明。
省政府副秘书长贝卓然参加调研。"""),
    "H10": Article("trad-pinyin", """柏溪县召开四季度重点项目建设推进会
12月2日，柏溪县召开2024年四季度重点项目建设推进会。县委书记龚振华出席并讲话，县委副书记、县长柴明哲主持，县人大常委会主任梅家齐、县政协主席冷月华、县委常委、常务副县长简一鸣，县委常委、县纪委书记、县监委主任伍承泽出席会议。
会议通报，今年全县实施省市重点项目42个，年度计划投资98.6亿元，1-11月完成投资91.2亿元，完成率92.5%。柏溪金沙江绿色硅材料产业园首期年产10万吨工业硅项目已建成投产，¦柏溪二期20万千瓦风电项目实现全容量并网，年发电量可达6亿千瓦时。
龚振华强调，要保持“冬季不停工、节后早开工”的干劲，用好“一图一表一专班”推进机制，抓实“五个一批”项目谋划，确保明年一季度实现“开门红”。
柴明哲要求，各乡镇、各部门要严格落实红黑榜制度，对进度滞后的项目挂牌督办。
（柏溪县融媒体中心 通讯员 甘露 伍佳琪）
责任编辑：邓星辰""",
                   Dirt(double_rate=0.15, junk=((0, "用戶名: 密碼: 驗證碼: 登錄"),))),
    "H11": Article("simp", """华茂矿业集团北岭焦化项目开工
12月16日，华茂矿业集团投资建设的北岭年产300万吨高端焦化及化产综合利用项目开工。省国资委党委委员、副主任乔晏平，蒙山县委书记邢悦，华茂矿业集团党委书记、董事长隋东旭，党委副书记、总经理米永康出席开工仪式。
该项目总投资约76亿元，采用7.65米顶装焦炉，建成后年产焦炭300万吨、焦油12万吨、粗苯3.6万吨，配套建设20万吨/年甲醇装置。项目达产后可实现年营业收入约110亿元、利税12亿元，新增就业岗位1800个。这是集团落实“十四五”规划的重点工程。
隋东旭表示，集团将按照高端化、智能化、绿色化方向，全力打造行业一流的焦化产业基地。
米永康说，项目建设将坚持“安全第一、质量至上”，力争2026年6月建成投产。
蒙山县县长鄂子墨，县领导包宏、房晓慧参加活动。
本报记者 钱沐 实习生 景天乐 摄影报道"""),
    "H12": Article("trad-pinyin", """临江区一季度重大项目集中开工
图为市委常委、临江区委书记封晓楠（右二）在开工现场察看项目沙盘。（谭沐清 摄）
1月8日，临江区2025年一季度重大项目集中开工活动在临江港三期集装箱码头工程现场举行。封晓楠宣布开工，区委副书记、区长诸葛明辉致辞，区领导单于飞、满庭芳、公孙悦出席。
本次集中开工项目28个，总投资156亿元，当年计划投资48亿元。其中，临江港三期集装箱码头工程建成后新增集装箱吞吐能力60万标箱/年；清源水厂扩建工程新增日供水规模15万立方米；滨江数字经济产业园首期用地120亩，计划引进企业50家。
封晓楠强调，要以“项目建设攻坚年”为主线，落实“周调度、月通报、季拉练”工作机制，¦全力实现首季开门红。全区上下要坚持“一切围绕项目转、一切围绕项目干”，以项目建设的新成效检验践行“两个维护”的实际行动。
区人大常委会副主任沙鸥参加活动。
区住建局党组书记、局长乌兰其其格介绍，2024年全区城建项目完成投资3.78亿元，超额完成年度目标。
责任编辑：欧鹏 校对：鹿鸣""",
                   Dirt(double_rate=0.15, junk=((2, "掃碼登錄 | 驗證碼 8K3Q 看不清"),))),
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

    trad = opencc.OpenCC("s2t").convert(source)
    if len(trad) != len(source):  # keep the character alignment the glosses rely on
        trad = "".join(opencc.OpenCC("s2t").convert(ch) for ch in source)
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
            text = "".join(
                ("," + c if c in ",、。" and rng.random() < dirt.double_rate else c) for c in text
            )
    text = text.replace(BREAK, "\n")
    lines = text.split("\n")
    for index, junk in sorted(dirt.junk, key=lambda j: -j[0]):
        lines.insert(index, junk)
    return "\n".join(lines)


def render(art_id: str, art: Article) -> str:
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
    for p in rec["people"]:
        yield "people.name", p["name"]
        for t in p["titles"]:
            yield "people.title", t
    for key in ("capacities", "investments", "projects", "slogans"):
        for item in rec[key]:
            yield key, item["text"]


def check(articles_dir: Path, gold_path: Path) -> int:
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
        print(f"{art_id} {art.style:<12} {len(text):>4} chars")


if __name__ == "__main__":
    main()
