"""Shared machinery of the held-out generators (tests/regression_sets/set_h*/make_dirty.py): how a Simplified source
becomes a scraped-mirror copy, the dev README's reference normalization, and the gold check.

Each generator keeps its own articles and seed; this module is loaded by path (tests are not a package).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict

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
            text = "".join(
                ("," + c if c in ",、。" and rng.random() < dirt.double_rate else c) for c in text
            )
    text = text.replace(BREAK, "\n")
    lines = text.split("\n")
    for index, junk in sorted(dirt.junk, key=lambda j: -j[0]):
        lines.insert(index, junk)
    return "\n".join(lines)


def render(art_id: str, art: Article, seed: int) -> str:
    """The article file's text: the source as is, ASCII-folded, or dirtied with its own seeded RNG."""
    if art.dirt is None:
        text = art.text.replace(BREAK, "")
        return text.translate(FOLD) if art.fold_only else text
    return dirty(art.text, art.dirt, random.Random(f"{seed}-{art_id}"))


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


def main(doc: str, articles: Dict[str, Article], seed: int, here: Path) -> None:
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--out", type=Path, default=here / "articles")
    ap.add_argument("--check", action="store_true", help="verify gold.jsonl against the articles")
    args = ap.parse_args()
    if args.check:
        raise SystemExit(1 if check(args.out, here / "gold.jsonl") else 0)
    args.out.mkdir(parents=True, exist_ok=True)
    for art_id, art in articles.items():
        text = render(art_id, art, seed)
        (args.out / f"{art_id}.txt").write_text(text, encoding="utf-8")
        print(f"{art_id} {art.style:<12} {len(text):>4} chars")
