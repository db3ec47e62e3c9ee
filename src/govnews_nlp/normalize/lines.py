"""Line repairs: scraped pages break lines inside sentences and glue paragraphs with spaces.

* A line break before closing punctuation is joined: ``施歌\\n】`` → ``施歌】``.
* A line ending in a comma (``11月12日,``) continues on the next line; the sentence stays open,
  and its following lines are joined too, until one ends with sentence-final punctuation
  (``我縣舉行\\n寧陽綠色建材產業園項目\\n開工儀式。``). Blank lines are real paragraph breaks and
  stop it. Lines without a comma before them (headline lines) are never joined.
* Spaces between a sentence end and the next Chinese sentence (``。 市委常委``) were paragraph
  separators: they become a line break.
"""

from __future__ import annotations

import re
from typing import List, Optional

from .chain import StepContext
from .offsets import Edit
from .punct import MARKS, collapse_run

_SP = "[ \\t\\u3000\\u00a0]"
# A break before punctuation is joined; where that puts two marks side by side (``?\n,``) the
# run is collapsed here (:func:`_collapse_joined`), since the punct step has already run.
_BEFORE_CLOSING = re.compile(rf"\n{_SP}*(?=[,，、。;；:：!！?？)）】」』”》])")
_PARA_SPACE = re.compile(rf"[。！？!?](?:[”\"])?({_SP}+)(?=[\u4e00-\u9fff“])")
_PARA_QUICK = re.compile(rf"[。！？!?][”\"]?{_SP}")
_COMMA_EOL = re.compile(rf"[,，、]{_SP}*\n")  # without one, no sentence is open across lines
_BLANKS = " \t\u3000\u00a0"
_COMMAS = ",，、"
_FINAL = "。！？!?；;…"
_CLOSERS = "”\"’)）"


def _ends_sentence(stripped: str) -> bool:
    last = stripped[-1:]
    if last and last in _CLOSERS:
        last = stripped[-2:-1]
    return bool(last) and last in _FINAL


def lines_step(text: str, ctx: StepContext) -> Optional[List[Edit]]:
    """Join broken lines; turn paragraph-separating spaces into line breaks."""
    has_newline = "\n" in text
    has_para_space = bool(_PARA_QUICK.search(text))
    if not has_newline and not has_para_space:
        return None
    edits: List[Edit] = []
    for m in (_BEFORE_CLOSING.finditer(text) if has_newline else ()):
        start = m.start()
        while start > 0 and text[start - 1] in _BLANKS:
            start -= 1
        if start > 0 and text[start - 1] == "\n":
            continue  # after a blank line: a paragraph that starts with punctuation, left alone
        edits.append(Edit(start, m.end(), ""))
        ctx.count("joined_before_punctuation")
    joined = {e.start for e in edits}
    # sentences broken over lines: a sentence opens only at a line ending in a comma
    lines = text.split("\n") if has_newline and _COMMA_EOL.search(text) else [text]
    pos = 0
    open_sentence = False
    starts: List[int] = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        stripped = line.rstrip(_BLANKS)
        if not stripped or not nxt.strip(_BLANKS):
            open_sentence = False
            continue
        if _ends_sentence(stripped):
            open_sentence = False
            continue
        if stripped[-1] in _COMMAS or open_sentence:
            open_sentence = True
            end_content = starts[i] + len(stripped)
            next_content = starts[i + 1] + (len(nxt) - len(nxt.lstrip(_BLANKS)))
            if not any(end_content <= j < next_content for j in joined) and not any(
                    e.start <= end_content < e.end for e in edits):
                edits.append(Edit(end_content, next_content, ""))
                ctx.count("joined_broken_line")
    for m in (_PARA_SPACE.finditer(text) if has_para_space else ()):
        edits.append(Edit(m.start(1), m.end(1), "\n"))
        ctx.count("paragraph_breaks")
    edits.sort()
    merged: List[Edit] = []
    for e in edits:
        if merged and e.start < merged[-1].end:
            continue
        merged.append(e)
    return _collapse_joined(text, merged, ctx)


def _collapse_joined(text: str, edits: List[Edit], ctx: StepContext) -> List[Edit]:
    """Collapse the runs of marks that this step's joins bring together (``日, \n,,``).

    ``punct`` ran before this step (lines are judged by their last character, so doubled marks
    must already be gone); a join can still put two marks side by side (``,`` + `` \n`` + ``,``),
    which a second pass would collapse. Here the joined run, read across every join it spans, is
    collapsed as ``punct`` would (:func:`~.punct.collapse_run`) and replaces those joins as one
    edit, so the output holds no run a second pass would change.
    """
    if not edits:
        return edits
    n = len(text)
    out: List[Edit] = []
    i = 0
    while i < len(edits):
        e = edits[i]
        if e.text or e.start == 0 or text[e.start - 1] not in MARKS:
            out.append(e)
            i += 1
            continue
        left = e.start
        while left > 0 and text[left - 1] in MARKS:
            left -= 1
        pieces = [text[left:e.start]]
        j, end = i, e.end
        while True:  # marks after the join, and on across a join that follows them directly
            right = end
            while right < n and text[right] in MARKS:
                right += 1
            pieces.append(text[end:right])
            if right > end and j + 1 < len(edits) and edits[j + 1].start == right and not edits[j + 1].text:
                j += 1
                end = edits[j].end
                continue
            break
        run = "".join(pieces)
        kept = collapse_run(run)
        if kept == run:
            out.extend(edits[i:j + 1])
        else:
            out.append(Edit(left, right, kept))
            ctx.count("collapsed_after_join")
        i = j + 1
    return out
