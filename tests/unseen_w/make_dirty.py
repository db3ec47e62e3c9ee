"""Write the unseen set's articles (W01–W12) from the Simplified sources, and check gold.jsonl against them.

    python tests/unseen_w/make_dirty.py            # (re)write articles/W01.txt … W12.txt
    python tests/unseen_w/make_dirty.py --check    # gold strings, values and per against the reference normalization
    python tests/unseen_w/make_dirty.py --unique   # no checked string occurs in the corpora, seeds, tests or docs

Half the articles are written as scraped SEO mirrors write them (OpenCC s2t, inline pinyin glosses read by pypinyin in
phrase context, full-width punctuation folded to ASCII, doubled punctuation, broken lines); the other half stay clean.
The reference normalization is the one in ``/work/shared/corpus/dev/README.md``; the value check follows
``/work/shared/corpus/dev2/check.py``, extended to ranges (``value_max``) and Chinese numerals.
Needs ``opencc`` and ``pypinyin``. Deterministic: each article has its own ``random.Random(f"unseen-w-{id}")``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import runpy
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES: dict[str, str] = runpy.run_path(str(HERE / "sources.py"))["ARTICLES"]
BREAK = "¦"
FOLD = str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "！": "!", "？": "?"})
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\(([a-z" + TONED + r"]+)\) ?")
HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Dirt:
    """How one source is dirtied. ``tones``: "tone" (``產(chǎn)``) or "plain" (``產(chan) `` with a space)."""

    tones: str = "tone"
    gloss_rate: float = 0.3
    fold: bool = True  # the search index folds full-width punctuation to ASCII
    double_rate: float = 0.0  # chance that a , 、 。 becomes ,, ,、 ,。 (after folding)
    head: tuple[str, ...] = ()  # junk lines put before the article
    tail: tuple[str, ...] = ()  # junk lines put after it


# Clean articles: None (as written, full-width) or "fold" (the index's ASCII punctuation).
STYLE: dict[str, Dirt | str | None] = {
    "W01": None,
    "W02": Dirt(gloss_rate=0.2, double_rate=0.15, head=("首页 > 新闻中心 > 旗县动态",),
                tail=("分享到:", "责任编辑:阿拉坦")),
    "W03": "fold",
    "W04": Dirt(tones="plain", gloss_rate=0.12, double_rate=0.12,
                tail=("责任编辑:郗若", "审核:栾秋实", "Copyright © 2024 蒿川县融媒体中心 版权所有 未经授权禁止复制")),
    "W05": None,
    "W06": Dirt(gloss_rate=0.2, fold=False),
    "W07": None,
    "W08": Dirt(gloss_rate=0.22, double_rate=0.15),
    "W09": "fold",
    "W10": Dirt(tones="plain", gloss_rate=0.15, double_rate=0.1),
    "W11": None,
    "W12": Dirt(gloss_rate=0.2, double_rate=0.15, tail=("【责任编辑:蒲思远】", "【打印本页】 【关闭窗口】")),
}


def _readings(text: str, toned: bool) -> list[str | None]:
    """Pinyin of every character of the Simplified source (None for non-Han), read in phrase context."""
    from pypinyin import Style, pinyin

    out: list[str | None] = [None] * len(text)
    for m in HAN.finditer(text):
        syllables = pinyin(m.group(), style=Style.TONE if toned else Style.NORMAL)
        if len(syllables) != len(m.group()):
            raise ValueError(f"pypinyin gave {len(syllables)} syllables for {len(m.group())} characters")
        for i, s in enumerate(syllables):
            out[m.start() + i] = s[0]
    return out


def dirty(source: str, dirt: Dirt, rng: random.Random) -> str:
    """Simplified source -> mirror copy: Traditional, glosses, folded and doubled punctuation, junk lines."""
    import opencc

    cc = opencc.OpenCC("s2t")
    trad = cc.convert(source)
    if len(trad) != len(source):  # keep the one-to-one alignment the glosses rely on
        trad = "".join(cc.convert(ch) for ch in source)
    out = []
    for ch, py in zip(trad, _readings(source, dirt.tones == "tone")):
        out.append(ch)
        if py and rng.random() < dirt.gloss_rate:
            out.append(f"({py})" + (" " if dirt.tones == "plain" else ""))
    text = "".join(out)
    if dirt.fold:
        text = text.translate(FOLD)
        if dirt.double_rate:
            text = "".join("," + c if c in ",、。" and rng.random() < dirt.double_rate else c for c in text)
    junk = [cc.convert(line) for line in dirt.head], [cc.convert(line) for line in dirt.tail]
    return "\n".join([*junk[0], text.replace(BREAK, "\n"), *junk[1]])


def render(art_id: str) -> str:
    """The committed text of one article."""
    style = STYLE[art_id]
    source = ARTICLES[art_id]
    if isinstance(style, Dirt):
        return dirty(source, style, random.Random(f"unseen-w-{art_id}"))
    text = source.replace(BREAK, "")
    return text.translate(FOLD) if style == "fold" else text


def reference_normalization(raw: str) -> str:
    """The dev README's reference: drop glosses (+1 space), OpenCC t2s, collapse ,, ,、 ,。; newlines dropped."""
    import opencc

    text = opencc.OpenCC("t2s").convert(GLOSS.sub("", raw))
    text = re.sub(r",,+", ",", text).replace(",、", "、").replace(",。", "。")
    return text.replace("\r", "").replace("\n", "")


CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 1e4, "亿": 1e8}
NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:\s*[×xX]\s*(\d+(?:\.\d+)?))?((?:[多余]?[万亿]|千(?![瓦伏米克]))*)")
CN_NUMBER = re.compile(r"[零一二两三四五六七八九十百千万亿]+")


def cn_value(s: str) -> float:
    """A Chinese numeral such as 一千二百万 or 三十 as a number (万/亿 multiply what comes before them)."""
    total, section, digit = 0.0, 0.0, 0.0
    for ch in s:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_SMALL:
            section += (digit or 1) * CN_SMALL[ch]
            digit = 0
        else:
            total += (section + digit) * CN_BIG[ch]
            section = digit = 0
    return total + section + digit


def numbers_of(text: str) -> list[float]:
    """Every amount in a capacity/investment text, in order: digits (a×b multiplied, 万/亿/千 folded) or Chinese."""
    found = []
    for m in NUMBER.finditer(text):
        val = float(m.group(1)) * (float(m.group(2)) if m.group(2) else 1)
        for ch in m.group(3):
            val *= {"万": 1e4, "亿": 1e8, "千": 1e3}.get(ch, 1)
        found.append((m.start(), val))
    if not found:
        found = [(m.start(), cn_value(m.group())) for m in CN_NUMBER.finditer(text)]
    return [v for _, v in sorted(found)]


def expected_per(text: str) -> str | None:
    """The time base written inside a capacity text."""
    if text.startswith("年") or text.endswith("/年"):
        return "年"
    if text.startswith("日") or text.endswith("/日"):
        return "日"
    if text.endswith("/小时"):
        return "小时"
    return None


def gold_records() -> list[dict]:
    lines = (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def problems(articles_dir: Path = HERE / "articles") -> list[str]:
    """Everything wrong with gold.jsonl: strings missing from the reference normalization, values that do not
    match their texts, per that is not the marker's, duplicates, lists out of text order, bad kinds or units."""
    out: list[str] = []
    records = gold_records()
    if [r["id"] for r in records] != sorted(ARTICLES):
        out.append(f"gold ids {[r['id'] for r in records]} are not {sorted(ARTICLES)}")
    for rec in records:
        aid = rec["id"]
        norm = reference_normalization((articles_dir / f"{aid}.txt").read_text(encoding="utf-8"))

        def where(s: str, what: str, aid: str = aid, norm: str = norm) -> int:
            pos = norm.find(s) if s else -1
            if pos < 0:
                out.append(f"{aid} {what}: {s!r} not in the reference normalization")
            return pos

        positions = []
        for p in rec["people"]:
            positions.append(where(p["name"], "name"))
            for t in p["titles"]:
                where(t, f"title of {p['name']}")
            if p["kind"] not in ("official", "executive", "journalist"):
                out.append(f"{aid} kind of {p['name']}: {p['kind']!r}")
        lists = {"people": positions}
        for key in ("capacities", "investments", "projects", "slogans"):
            texts = [e["text"] for e in rec[key]]
            lists[key] = [where(t, key) for t in texts]
            if len(set(texts)) != len(texts):
                out.append(f"{aid} {key}: duplicate texts {texts}")
            for e in rec[key] if key in ("capacities", "investments") else ():
                nums = numbers_of(e["text"])
                want = [e["value"]] + ([e["value_max"]] if "value_max" in e else [])
                got = nums if "value_max" in e else nums[-1:]
                if len(got) != len(want) or any(abs(a - b) > 1e-6 * max(1, abs(b)) for a, b in zip(got, want)):
                    out.append(f"{aid} {key} {e['text']!r}: value {want} but the text gives {got}")
                if key == "investments" and e["unit"] != "元":
                    out.append(f"{aid} investment {e['text']!r}: unit {e['unit']!r}")
                if key == "capacities":
                    if e["per"] != expected_per(e["text"]):
                        out.append(f"{aid} capacity {e['text']!r}: per {e['per']!r}, text says "
                                   f"{expected_per(e['text'])!r}")
                    if e["unit"] not in e["text"]:
                        out.append(f"{aid} capacity {e['text']!r}: unit {e['unit']!r} not in the text")
        for key, pos in lists.items():
            if pos != sorted(pos):
                out.append(f"{aid} {key}: not in order of first mention")
    return out


def checked_strings(rec: dict) -> list[str]:
    """The strings the uniqueness check looks for: names, project texts, slogans, and multi-title chains."""
    strings = [p["name"] for p in rec["people"]]
    strings += [e["text"] for key in ("projects", "slogans") for e in rec[key]]
    return strings


def unique_hits(roots: list[Path]) -> list[str]:
    """Checked strings (and their Traditional forms) that occur in any text file under the given roots."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    t2s = opencc.OpenCC("t2s")
    wanted = {s for rec in gold_records() for s in checked_strings(rec)}
    wanted |= set(json.loads((HERE / "negatives.json").read_text(encoding="utf-8")))
    hits = []
    for root in roots:
        for path in sorted(p.resolve() for p in root.rglob("*") if p.is_file()):
            if HERE in path.parents or ".git" in path.parts or ".venv" in path.parts:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            flat = t2s.convert(GLOSS.sub("", text)).replace("\n", "")
            for s in sorted(wanted):
                if s in flat or s2t.convert(s) in text:
                    hits.append(f"{s!r} in {path}")
    return hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify gold.jsonl against the articles")
    ap.add_argument("--unique", nargs="*", type=Path, metavar="ROOT",
                    help="look for the gold strings and negatives under these folders")
    args = ap.parse_args()
    if args.check:
        found = problems()
        print("\n".join(found))
        n = sum(1 + len(p["titles"]) for r in gold_records() for p in r["people"])
        n += sum(len(r[k]) for r in gold_records() for k in ("capacities", "investments", "projects", "slogans"))
        print(f"checked {n} strings; {len(found)} problems")
        return 1 if found else 0
    if args.unique is not None:
        hits = unique_hits(args.unique)
        print("\n".join(hits))
        print(f"{len(hits)} hits")
        return 1 if hits else 0
    (HERE / "articles").mkdir(exist_ok=True)
    for art_id in ARTICLES:
        text = render(art_id)
        (HERE / "articles" / f"{art_id}.txt").write_text(text, encoding="utf-8")
        print(f"{art_id} {'dirty' if isinstance(STYLE[art_id], Dirt) else 'clean':<6} {len(text):>4} chars, "
              f"{len(reference_normalization(text)):>4} normalized")
    return 0


if __name__ == "__main__":
    sys.exit(main())
