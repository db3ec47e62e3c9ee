"""Removal of inline pinyin glosses that SEO spinners put after characters: ``產(chǎn)`` → ``產``.

A parenthesis after a character is removed only when its content is a reading of that
character, as pypinyin knows it (toned, toneless or tone-numbered). Genuine parentheses such as
``工業(產業)園區`` or ``(GDP)`` do not match a reading and survive.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import FrozenSet, List, Optional

from .chain import StepContext
from .offsets import Edit

# A CJK character, an opening parenthesis (ASCII or full width), 1-6 pinyin letters with an
# optional tone digit, a closing parenthesis, and an optional single space used by some spinners.
_PINYIN_LETTERS = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňǹḿ"
GLOSS = re.compile(
    rf"(?P<char>[\u3400-\u9fff\uf900-\ufaff])"
    rf"(?P<gloss>[(（](?P<syl>[{_PINYIN_LETTERS}]{{1,7}}[1-5]?)[)）](?P<space> (?=[\u3400-\u9fff]))?)"
)
_QUICK = re.compile(rf"[(（][{_PINYIN_LETTERS}]")


def fold_syllable(syllable: str) -> str:
    """Toneless lowercase ASCII form: ``chǎn`` → ``chan``, ``lü`` → ``lv``, ``zhong1`` → ``zhong``."""
    s = syllable.lower().rstrip("12345")
    s = s.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v").replace("ǚ", "v").replace("ǜ", "v")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s


@lru_cache(maxsize=65536)
def readings(char: str) -> FrozenSet[str]:
    """All toneless readings pypinyin knows for ``char`` (Traditional or Simplified)."""
    from pypinyin import Style, pinyin

    forms = set()
    for style in (Style.NORMAL,):
        for group in pinyin(char, style=style, heteronym=True, errors="ignore", v_to_u=False):
            for r in group:
                forms.add(fold_syllable(r))
    # pypinyin writes ü as v in NORMAL style; spinners write u after j/q/x/y as well
    extra = {r.replace("v", "u") for r in forms}
    return frozenset(forms | extra)


def is_reading(char: str, syllable: str) -> bool:
    return fold_syllable(syllable) in readings(char)


def pinyin_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Delete ``(pinyin)`` glosses that are readings of the character before them."""
    if not _QUICK.search(text):
        return None
    edits: List[Edit] = []
    for m in GLOSS.finditer(text):
        if is_reading(m.group("char"), m.group("syl")):
            start, end = m.span("gloss")
            edits.append(Edit(start, end, ""))
        else:
            ctx.count("kept_parentheses")
    ctx.count("glosses_removed", len(edits))
    return edits
