"""Bylines and credits found in the clean text: one :class:`Credit` per credited person.

Credits stay in the text; they are marked so the official-title matcher can tell journalists from
officials. Three shapes, with their labels as data in ``patterns/credits.jsonl``:

* a label, then names: ``记者 刘玉林 郑静``, ``责任编辑: 吉政``, ``(作者:黄克奇 郑陈浩)``,
  ``审核:林衍 阮珊妮``, ``摄影 常成钢``, ``文/张明 图/李强``; several labels on one line
  (``责任编辑：欧鹏 校对：鹿鸣``). A label is a listed word with its listed modifiers (``实习记者``,
  ``一审``). An organisation printed before ``记者``/``通讯员`` belongs to the role (``慈利站记者``,
  ``福州日报记者``, ``本报记者``). Names may carry the ``/文`` ``/图`` markers of a shared byline
  (``记者 管梓涵/文 房一鸣/图``), then the space after the label may be missing (a spinner's gloss
  took it: ``记者管梓涵/文房一鸣/图``);
* a name, then ``摄``: ``梁琛摄``, ``王翕瞳 摄``, ``新华社发(王正摄)``;
* a bare name in parentheses closing a paragraph or right after a dateline: ``(郭赟)``,
  ``中新网北京3月2日电 (王翕瞳)`` — role ``署名``.

A name is 2–4 Chinese characters starting with a listed surname (``patterns/surnames.jsonl``)
and delimited on both sides, so ``作者:福安新闻网`` or ``记者采访时`` give nothing. A later name of
a list may lack a listed surname (``记者 乌日娜 塔娜``) if it is no dictionary word; a name glued to
its label (``记者甄璐``, the gloss and its space removed) is delimited by the next label too.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache
from typing import List, Optional, Pattern, Tuple

from .rules import credit_rules, surnames
from .tables import Tables, resolve

_Rx = Optional[Pattern[str]]

BARE_ROLE = "署名"
_HAN = "\u4e00-\u9fff"
_SP = " \t\u3000\u00a0"
# what may precede a label or a name (besides the start of a line)
_OPEN = f"\n{_SP}（(【\\[|｜丨：:，,。；;！!？?、▲△■□●○◆◇★☆▶►•\ufffd"
# what may follow a name
_NAME_END = re.compile(rf"[{_SP}\n、，,）)\]】；;。/／|｜丨]|$|摄(?![影像])")
#: ``丨`` (U+4E28) is a Han character that CMS footers print as a separator (编辑丨禚楠): never in a name
_NAME_HAN = "\u4e00-\u4e27\u4e29-\u9fff"
_NAME = re.compile(rf"[{_NAME_HAN}]{{2,4}}")
#: A transliterated name with a middle dot (古丽米热·吾买尔), read whole in a credit list.
_DOTTED_NAME = re.compile(rf"[{_NAME_HAN}]{{2,6}}[·•・][{_NAME_HAN}]{{2,6}}")
# ``/文`` ``/图`` ``/摄``: the part a name of a shared byline did (记者 管梓涵/文 房一鸣/图)
_MARKER = "[/／][文图摄]"
_NAME_SEP = re.compile(rf"{_MARKER}[{_SP}]*|[{_SP}]+|[、，,][{_SP}]*")
_SEP = re.compile(rf"[{_SP}]*[:：/／|｜丨][{_SP}]*|[{_SP}]+")
_MARKED = re.compile(_MARKER)


#: The tables of the ``find_credits`` call in progress (its helpers read surnames and words there).
_TABLES: ContextVar[Optional[Tables]] = ContextVar("govnews_nlp_credit_tables", default=None)


@lru_cache(maxsize=4)
def _label_regex(tables: Optional[Tables] = None) -> Tuple[_Rx, _Rx, frozenset]:
    """Regexes of the before- and after-labels, and the labels an organisation may prefix."""
    rules = credit_rules(tables)
    before = sorted({f for r in rules if r.position == "before" for f in r.forms()}, key=len, reverse=True)
    after = sorted({f for r in rules if r.position == "after" for f in r.forms()}, key=len, reverse=True)
    before_rx = re.compile("|".join(map(re.escape, before))) if before else None
    after_rx = re.compile("|".join(map(re.escape, after))) if after else None
    return before_rx, after_rx, frozenset(f for r in rules if r.prefixed for f in r.forms())


def _is_name(name: str) -> bool:
    """2–3 characters after a single surname, 3–4 after a compound one (欧阳娜娜)."""
    single, compound = surnames(_TABLES.get())
    if name[:2] in compound:
        return 3 <= len(name) <= 4
    return name[0] in single and 2 <= len(name) <= 3


#: Characters that are no part of a name read without a listed surname (function and title words).
_UNLISTED_BAD = frozenset("的了在是和与及等要就对将把被从到并也还又都而这那有不市县区省镇乡委局厅府记讲话说届报道")


def _is_unlisted_name(name: str) -> bool:
    """A later name of a credit list whose surname is not listed (记者 乌日娜 塔娜): no function
    character, and not a dictionary word (报道, 供稿, 整理 are no names)."""
    if any(c in _UNLISTED_BAD for c in name):
        return False
    from .words import word_set  # loaded only when such a name is asked about

    return name not in word_set(_TABLES.get())


def _names_at(text: str, pos: int, separated: bool = False, next_label: _Rx = None) -> List[Tuple[int, int]]:
    """Names starting at ``pos``, separated by spaces, ``、`` or commas.

    The first name needs a listed surname, unless ``separated`` (the label is followed by a space,
    a colon or a ``丨``: ``记者 依香叶``, ``审核：母冬梅``); a later one may do without (Mongolian 塔娜
    after 乌日娜), delimited on both sides like the first, as the list itself is the context. A
    name read without a listed surname is no dictionary word and holds no function character. A
    transliterated name with a middle dot (``古丽米热·吾买尔``) is read whole. With ``next_label``, a
    credit label right after a name delimits it too: the space before the label went with a pinyin
    gloss (``记者 明月芳实习生 柴斯琪``, from ``明月(yuè)芳(fāng) 實習生``).
    """
    found: List[Tuple[int, int]] = []
    n = len(text)
    while pos < n:
        got = None
        dotted = _DOTTED_NAME.match(text, pos)
        if dotted is not None and _NAME_END.match(text, dotted.end()):
            got = _split_glued_after_dot(text, pos, dotted.end())
        for length in (2, 3, 4) if got is None else ():
            end = pos + length
            if end > n:
                break
            cand = text[pos:end]
            if not _NAME.fullmatch(cand):
                break
            if (_NAME_END.match(text, end) or (next_label is not None and next_label.match(text, end))) \
                    and _is_name(cand):
                got = (pos, end)
                break
        # the first name without a listed surname only after a separated label, and only when it
        # does not start with a listed surname (then the listed reading above decided: 王刚强调)
        if got is None and (found or (separated and not _starts_with_surname(text, pos))):
            for length in (2, 3, 4):
                end = pos + length
                if end > n or not _NAME.fullmatch(text, pos, end):
                    break
                if _NAME_END.match(text, end) and not text.startswith("摄", end) \
                        and _is_unlisted_name(text[pos:end]):
                    got = (pos, end)
                    break
        if got is None:
            break
        found.append(got)
        pos = got[1]
        m = _NAME_SEP.match(text, pos)
        if not m:
            if dotted is not None and pos < dotted.end():
                continue  # a name glued to the dotted one: read it next
            break
        pos = m.end()
    return found


def _split_glued_after_dot(text: str, start: int, end: int) -> Tuple[int, int]:
    """A dotted name, or its first part when a listed-surname name is glued to it (a gloss took the
    space): ``古丽米热·吾买尔李沐阳`` → ``古丽米热·吾买尔``, then ``李沐阳`` is read as the next name.
    Only a run of five characters or more after the dot is split (the part after a dot has two to
    four: 艾山江, 买合木提), and the glued name must leave two of them (three-character names first)."""
    dot = max(text.rfind(d, start, end) for d in "·•・")
    if end - dot - 1 < 5:
        return start, end
    for length in (3, 2):
        cut = end - length
        if cut - dot - 1 >= 2 and _is_name(text[cut:end]):
            return start, cut
    return start, end


def _starts_with_surname(text: str, pos: int) -> bool:
    single, compound = surnames(_TABLES.get())
    return text[pos:pos + 1] in single or text[pos:pos + 2] in compound


def _boundary(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in _OPEN


def find_credits(text: str, credit_cls, tables: Optional[Tables] = None) -> list:
    """All credits in ``text`` as ``credit_cls(start, end, role, name, name_start, name_end)``."""
    token = _TABLES.set(resolve(tables))
    try:
        return _find_credits(text, credit_cls)
    finally:
        _TABLES.reset(token)


def _find_credits(text: str, credit_cls) -> list:
    before_rx, after_rx, prefixed = _label_regex(_TABLES.get())
    credits = []
    taken = set()
    if before_rx is not None:
        name_end = -1  # the end of the last credited name: a label glued to it starts a credit too
        for m in before_rx.finditer(text):
            label, start = m.group(), m.start()
            role_start = start
            if label in prefixed and start != name_end:  # 慈利站记者: the organisation is part of the role
                k = start
                while k > 0 and "\u4e00" <= text[k - 1] <= "\u9fff" and start - k < 8 and k != name_end:
                    k -= 1
                if k < start and (_boundary(text, k) or k == name_end):
                    role_start = k
            sep = _SEP.match(text, m.end())
            slash = bool(sep) and any(c in sep.group() for c in "/／")
            colon = bool(sep) and any(c in sep.group() for c in ":：|｜丨") and not slash
            if not (_boundary(text, role_start) or role_start == name_end) and not colon:
                continue
            if len(label) == 1 and not (colon or slash):
                continue
            if sep is not None:
                names = _names_at(text, sep.end(), separated=True, next_label=before_rx)
            elif len(label) > 1:
                # the space after the label went with a gloss: 记者管梓涵/文 (the marker delimits),
                # 记者甄璐 实习生 伏小满 (the name ends at a space, punctuation, the line end or
                # another label)
                names = _names_at(text, m.end(), next_label=before_rx)
                if not names:
                    glued = _glued_name(text, m.end(), before_rx)
                    names = [glued] if glued else []
                if not names:
                    continue
            else:
                continue
            role = text[role_start:m.end()]
            for ns, ne in names:
                if (ns, ne) in taken:
                    continue
                taken.add((ns, ne))
                credits.append(credit_cls(role_start, ne, role, text[ns:ne], ns, ne))
                name_end = ne
    if after_rx is not None:
        for m in after_rx.finditer(text):
            found = _name_before(text, m.start())
            if found is None or text[m.end():m.end() + 1] in ("影", "像"):
                continue
            ns, ne = found
            if (ns, ne) in taken:
                continue
            taken.add((ns, ne))
            credits.append(credit_cls(ns, m.end(), m.group(), text[ns:ne], ns, ne))
    for start, end, names in _bare_bylines(text):
        for ns, ne in names:
            if (ns, ne) in taken:
                continue
            taken.add((ns, ne))
            credits.append(credit_cls(start, end, BARE_ROLE, text[ns:ne], ns, ne))
    credits.sort(key=lambda c: (c.name_start, c.start))
    return credits


def _glued_name(text: str, pos: int, before_rx: Pattern[str]) -> Optional[Tuple[int, int]]:
    """A listed-surname name glued to its label and ended by another credit label (记者甄璐实习生)."""
    for length in (2, 3, 4):
        end = pos + length
        if end > len(text) or not _NAME.fullmatch(text, pos, end):
            break
        if _is_name(text[pos:end]) and before_rx.match(text, end):
            return pos, end
    return None


def _name_before(text: str, label_start: int) -> Optional[Tuple[int, int]]:
    """The name ending right before a trailing label (``梁琛摄``, ``王翕瞳 摄``), delimited before."""
    ne = label_start
    if ne > 0 and text[ne - 1] in _SP:
        ne -= 1
    for length in (2, 3, 4):
        ns = ne - length
        if ns < 0:
            break
        cand = text[ns:ne]
        if not _NAME.fullmatch(cand):
            break
        if _boundary(text, ns) and _is_name(cand):
            return ns, ne
    return None


_BARE = re.compile(rf"[（(][{_SP}]*(?P<names>[{_HAN}]{{2,4}}(?:[{_SP}、][{_HAN}]{{2,4}})*)[{_SP}]*[)）]")
_DATELINE = re.compile(rf"(?:电|讯)[{_SP}]*$")


def _bare_bylines(text: str):
    """``(郭赟)`` closing a paragraph, or ``电 (王翕瞳)`` after a dateline."""
    for m in _BARE.finditer(text):
        after = text[m.end():m.end() + 2]
        closing = not after.strip(_SP) or after.lstrip(_SP)[:1] == "\n"
        dateline = bool(_DATELINE.search(text[max(0, m.start() - 3):m.start()]))
        if not (closing or dateline):
            continue
        names = _names_at(text, m.start("names"))
        if names and names[-1][1] == m.end("names"):
            yield m.start(), m.end(), names
