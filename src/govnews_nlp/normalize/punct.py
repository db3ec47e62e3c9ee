"""Punctuation repairs: spurious doubled punctuation, punctuation width, paired quotes.

* ``punct``: spinners put a comma before punctuation that was already there: ``,、`` → ``、``,
  ``,。`` → ``。``, ``,,`` → ``,``, ``),、`` → ``)、``. In a run of sentence punctuation every
  comma goes unless the run is only commas, which become one; a repeated ``、`` or ``。`` becomes
  one (also in Simplified text with no other dirt).
* ``width``: half-width ``, ? : ; ( ) !`` in Chinese text become full-width; numbers
  (``1,000``), times (``11:51``), URLs (``?id=``), Latin words and formulas (``4+6+N``) keep
  theirs. Option ``keep_width`` switches this off.
* ``quotes``: ASCII double quotes paired on one line around Chinese text become ``“ ”`` (never in
  English or JSON-looking text).
"""

from __future__ import annotations

import re
from typing import List, Optional

from .chain import StepContext
from .offsets import Edit

_RUN = re.compile(r"[,，、。;；!！?？:：]{2,}")
_COMMAS = ",，"
#: An enumeration comma or a full stop repeated: never meant, collapsed to one (``、、`` ``。。``).
_REPEATS = re.compile(r"([、。])\1+")
# Cheap pre-check: any two in a row. Spelled as two classes, not ``{2}``: a pattern that starts
# with a class lets the regex engine skip non-candidate characters in C.
_TWO = re.compile(r"[,，、。;；!！?？:：][,，、。;；!！?？:：]")


#: The marks a run is made of (what :func:`collapse_run` accepts).
MARKS = frozenset(",，、。;；!！?？:：")


def collapse_run(run: str) -> str:
    """What a run of adjacent marks becomes: every comma goes unless the run is only commas
    (then one stays), and a repeated ``、`` or ``。`` becomes one. Shared with the ``lines``
    step, which collapses a run its own join made (``,\n,``)."""
    kept = "".join(c for c in run if c not in _COMMAS) or run[:1]
    return _REPEATS.sub(r"\1", kept)  # 、、 → 、  。。 → 。


def punct_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Collapse doubled punctuation left by spinners."""
    if not _TWO.search(text):
        return None
    edits: List[Edit] = []
    for m in _RUN.finditer(text):
        run = m.group()
        kept = collapse_run(run)
        if kept != run:
            edits.append(Edit(m.start(), m.end(), kept))
            ctx.count("collapsed")
    return edits


# -- width ------------------------------------------------------------------------------------
_FULL = {",": "，", "?": "？", ":": "：", ";": "；", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(r"[,?:;!()]")


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0002ffff"


_CONVERTED = frozenset(_FULL.values())


def _is_cjk_context(c: str) -> bool:
    """A Chinese character, CJK punctuation, full-width form, Chinese quote or the lost-char mark.

    The full-width forms this step itself writes do not count, so a second run decides the same.
    """
    return (_is_han(c) or "\u3000" <= c <= "\u303f" or ("\uff00" <= c <= "\uffef" and c not in _CONVERTED)
            or c in "“”‘’…—·\ufffd")


# A comma or semicolon right after a Chinese character always widens (the character is Chinese
# context and no digit): on dirty text that is nearly every candidate, so those are replaced by
# two ``subn`` calls in C and only the others (``_REST``) are judged one by one. Each pattern
# starts with the punctuation and looks back, so the engine skips ahead to candidates.
_HAN_CLASS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_HAN_COMMA = re.compile(rf",(?<=[{_HAN_CLASS}],)")
_HAN_SEMI = re.compile(rf";(?<=[{_HAN_CLASS}];)")
_REST = re.compile(rf"[,;?:!()](?<![{_HAN_CLASS}][,;])")


def width_step(text: str, ctx: StepContext) -> Optional[str]:
    """Half-width punctuation between Chinese text to full width (unless ``keep_width``)."""
    if ctx.options.get("keep_width") or not _HALF.search(text):
        return None
    n = len(text)
    out, widened = _HAN_COMMA.subn("，", text)
    if ";" in out:
        out, k = _HAN_SEMI.subn("；", out)
        widened += k
    changes: List[int] = []
    parens = _paired_parens(text) if "(" in text or ")" in text else {}
    for m in _REST.finditer(text):  # positions are the same in text and out (1 for 1)
        i = m.start()
        c = m.group()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if c in "()":
            convert = parens.get(i, False)
        elif c in ",;:":
            if prev.isdigit() and nxt.isdigit():
                continue  # 1,000  11:51
            convert = bool(prev and _is_cjk_context(prev)) or bool(nxt and _is_cjk_context(nxt)) or (
                c != ":" and nxt == "" and bool(prev) and _is_cjk_context(prev))
            if c == ":" and nxt == "/":
                convert = False  # http://
        else:  # ? !   (a full-width ）written by this step counts as the ) it was)
            p = ")" if prev == "）" else prev
            convert = bool(p) and (_is_cjk_context(p) or p in "”\"')")
            if convert and p in "\"')" and not (nxt == "" or _is_cjk_context(nxt) or nxt.isspace()):
                convert = False
        if convert:
            changes.append(i)
    widened += len(changes)
    ctx.count("widened", widened)
    if changes:  # few: splice them in (a list of every character costs more than the search)
        pieces, pos = [], 0
        for i in changes:
            pieces += (out[pos:i], _FULL[out[i]])
            pos = i + 1
        pieces.append(out[pos:])
        out = "".join(pieces)
    return out if widened else None


_PAREN_OR_NL = re.compile(r"[()\n]")


def _paired_parens(text: str) -> dict:
    """Position → convert? for each ASCII parenthesis: a pair converts when its content or its
    outside neighbour is Chinese; a lone one when its Chinese side says so."""
    decisions = {}
    stack: List[int] = []
    for m in _PAREN_OR_NL.finditer(text):
        i, c = m.start(), m.group()
        if c == "(":
            stack.append(i)
        elif c == ")":
            if stack:
                j = stack.pop()
                inner = text[j + 1:i]
                before = text[j - 1] if j else ""
                after = text[i + 1] if i + 1 < len(text) else ""
                chinese = any(_is_cjk_context(ch) for ch in inner) or (
                    bool(before) and _is_han(before)) or (bool(after) and _is_han(after))
                decisions[j] = decisions[i] = chinese
            else:
                decisions[i] = i > 0 and _is_cjk_context(text[i - 1])
        elif c == "\n":
            for j in stack:
                decisions[j] = j + 1 < len(text) and _is_cjk_context(text[j + 1])
            stack.clear()
    for j in stack:
        decisions[j] = j + 1 < len(text) and _is_cjk_context(text[j + 1])
    return decisions


# -- quotes -----------------------------------------------------------------------------------
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_ASCII_WORDS = re.compile(r"[A-Za-z0-9]+")
_LATIN = re.compile(r"[A-Za-z]")
# JSON-looking: bracketed, or a quoted key and its value. The full-width ``，`` and ``：`` count as
# their ASCII forms, which the width step may have widened (``{"一带一路"发,`` → ``…发，``): the
# line must look the same to a second pass.
_JSON_LINE = re.compile(r'^\s*[\[{].*[\]},，]\s*$|"\s*[:：]\s*["\[{0-9tfn-]')


def _chinese_inside(inner: str) -> bool:
    """The quoted text is Chinese: it holds Han characters, at least as many as ASCII words."""
    han = sum(1 for c in inner if _is_han(c))
    return han > 0 and han >= len(_ASCII_WORDS.findall(inner))


def _outside_is_latin(text: str, pos: int, step: int) -> bool:
    """The first non-space character from ``pos`` outwards is a Latin letter or digit (English text)."""
    n = len(text)
    while 0 <= pos < n and text[pos] in " \t":
        pos += step
    return 0 <= pos < n and bool(_ASCII_WORD.match(text[pos]))


def quotes_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """ASCII double quotes paired on one line around Chinese text become ``“ ”``.

    Only when the inside is Chinese (:func:`_chinese_inside`) or a number between Han characters
    (``坚持"3820"战略``), the words outside the pair are not
    English (``He said "你好" to me`` keeps its quotes) and the line does not look like JSON
    (``{"名称": "项目"}``). A line with an odd number of quotes has no reliable pairs and is left.
    """
    if '"' not in text:
        return None
    edits: List[Edit] = []
    for line_start, line in _lines(text):
        if '"' not in line or _JSON_LINE.search(line):
            continue
        positions = [line_start + i for i, c in enumerate(line) if c == '"']
        if len(positions) % 2:
            continue
        for a, b in zip(positions[::2], positions[1::2]):
            inner = text[a + 1:b]
            chinese = _chinese_inside(inner) or (  # a number named in Chinese text: "3820"战略
                inner.strip() != "" and not _LATIN.search(inner) and a > 0 and b + 1 < len(text)
                and _is_han(text[a - 1]) and _is_han(text[b + 1]))
            if chinese and not _outside_is_latin(text, a - 1, -1) and not _outside_is_latin(text, b + 1, 1):
                edits.append(Edit(a, a + 1, "“"))
                edits.append(Edit(b, b + 1, "”"))
                ctx.count("paired")
    return edits


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
