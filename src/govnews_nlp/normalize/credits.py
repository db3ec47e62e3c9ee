"""Bylines and credits found in the clean text: one :class:`Credit` per credited person.

Credits stay in the text; they are marked so the official-title matcher can tell journalists from
officials. Four shapes, with their labels as data in ``patterns/credits.jsonl``:

* a label, then names: ``记者 刘玉林 郑静``, ``责任编辑: 吉政``, ``(作者:黄克奇 郑陈浩)``,
  ``审核:林衍 阮珊妮``, ``摄影 常成钢``, ``文/张明 图/李强``, two labels joined by a slash as one role
  (``文/图丨王某(某港务公司)``: the bracket after the name is no part of it); several labels on one line
  (``责任编辑：欧鹏 校对：鹿鸣``). A label is a listed word with its listed modifiers (``实习记者``,
  ``一审``). An organisation printed before ``记者``/``通讯员`` belongs to the role (``慈利站记者``,
  ``福州日报记者``, ``本报记者``). Names may carry the ``/文`` ``/图`` markers of a shared byline
  (``记者 管梓涵/文 房一鸣/图``), then the space after the label may be missing (a spinner's gloss
  took it: ``记者管梓涵/文房一鸣/图``);
* a name, then ``摄``: ``梁琛摄``, ``王翕瞳 摄``, ``新华社发(王正摄)``; closing a sentence, a line or a
  parenthesis (``…现场。奉立新 摄``), the surname need not be listed when the POS lexicon sees a person;
* a source line, the names after its outlet or place (``来自: 某市 ;王某``, role ``署名``): source labels
  are the rules whose id starts with ``source``;
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
# what may follow a name (an opening bracket starts a note on the person: 文/图丨王某(某港务公司))
_NAME_END = re.compile(rf"[{_SP}\n、，,）)\]】；;。/／|｜丨（(【\[]|$|摄(?![影像])")
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
def _label_regex(tables: Optional[Tables] = None) -> Tuple[_Rx, _Rx, frozenset, _Rx]:
    """Regexes of the before- and after-labels, the labels an organisation may prefix, and the
    regex of the source labels."""
    rules = credit_rules(tables)
    sources = sorted({f for r in rules if r.position == "source" for f in r.forms()}, key=len, reverse=True)
    rules = tuple(r for r in rules if r.position != "source")
    before = sorted({f for r in rules if r.position == "before" for f in r.forms()}, key=len, reverse=True)
    after = sorted({f for r in rules if r.position == "after" for f in r.forms()}, key=len, reverse=True)
    before_rx = re.compile("|".join(map(re.escape, before))) if before else None
    after_rx = re.compile("|".join(map(re.escape, after))) if after else None
    source_rx = re.compile("|".join(map(re.escape, sources))) if sources else None
    return before_rx, after_rx, frozenset(f for r in rules if r.prefixed for f in r.forms()), source_rx


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
    before_rx, after_rx, prefixed, source_rx = _label_regex(_TABLES.get())
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
            role_end = m.end()
            sep = _SEP.match(text, role_end)
            joined = _joined_label(text, sep, before_rx)
            if joined is not None:  # 文/图丨王某: two labels joined by a slash are one role
                role_end, sep = joined
            slash = bool(sep) and any(c in sep.group() for c in "/／")
            colon = bool(sep) and any(c in sep.group() for c in ":：|｜丨") and not slash
            if not (_boundary(text, role_start) or role_start == name_end) and not colon:
                continue
            if len(label) == 1 and joined is None and not (colon or slash):
                continue
            if sep is not None:
                names = _names_at(text, sep.end(), separated=True, next_label=before_rx)
            elif len(label) > 1:
                # the space after the label went with a gloss: 记者管梓涵/文 (the marker delimits),
                # 记者甄璐 实习生 伏小满 (the name ends at a space, punctuation, the line end or
                # another label)
                names = _names_at(text, role_end, next_label=before_rx)
                if not names:
                    glued = _glued_name(text, role_end, before_rx)
                    names = [glued] if glued else []
                if not names:
                    continue
            else:
                continue
            role = text[role_start:role_end]
            for ns, ne in names:
                if (ns, ne) in taken:
                    continue
                taken.add((ns, ne))
                credits.append(credit_cls(role_start, ne, role, text[ns:ne], ns, ne))
                name_end = ne
    if source_rx is not None:
        for start, names in _source_credits(text, source_rx, before_rx):
            for ns, ne in names:
                if (ns, ne) in taken:
                    continue
                taken.add((ns, ne))
                credits.append(credit_cls(start, ne, BARE_ROLE, text[ns:ne], ns, ne))
    if after_rx is not None:
        for m in after_rx.finditer(text):
            if text[m.end():m.end() + 1] in ("影", "像"):
                continue
            found = _name_before(text, m.start(), m.end())
            if found is None:
                continue
            ns, ne = found
            if (ns, ne) in taken:
                continue
            taken.add((ns, ne))
            credits.append(credit_cls(ns, m.end(), m.group(), text[ns:ne], ns, ne))
    noted = {ne for _, ne in taken}  # a bracket right after a credited name is a note on it
    for start, end, names in _bare_bylines(text, after_rx):
        if start in noted:
            continue
        for ns, ne in names:
            if (ns, ne) in taken:
                continue
            taken.add((ns, ne))
            credits.append(credit_cls(start, end, BARE_ROLE, text[ns:ne], ns, ne))
    credits.sort(key=lambda c: (c.name_start, c.start))
    return credits


def _joined_label(text: str, sep, before_rx: Pattern[str]):
    """``(end of the role, separator after it)`` when a slash joins a second label to the first
    and a separator follows it (``文/图丨王某``, ``图/文：李某``, ``文/图 王某``); else None. ``文/王某``
    is a label and a name, and ``文/图片…`` no second label (图片 is not followed by a separator)."""
    if sep is None or not any(c in sep.group() for c in "/／"):
        return None
    second = before_rx.match(text, sep.end())
    if second is None:
        return None
    after = _SEP.match(text, second.end())
    if after is None or any(c in after.group() for c in "/／"):
        return None
    return second.end(), after


#: A source line: the label, a colon, the outlet or place (no separator inside), then what parts it
#: from the names (``来自: 某市 ;王某``, ``来源：某县融媒体中心 王某``, ``来源：某日报 | 王某``).
_SOURCE_REST = re.compile(
    rf"[{_SP}]*[:：][{_SP}]*[^{_SP}\n:：;；,，、|｜丨/／()（）\[\]【】]{{2,30}}"
    rf"(?:[{_SP}]*[;；,，|｜丨/／][{_SP}]*|[{_SP}]+)")


def _source_credits(text: str, source_rx: Pattern[str], before_rx: _Rx):
    """``(label start, names)`` of the people a source line names after its outlet or place.

    Why: a reprint's source line is where a syndicated article credits its journalist when the
    byline is gone (``来自: 某市 ;王某``). The label needs a colon and a line start or an opening
    mark before it (so ``来自全国…`` and ``视频来源:`` give nothing), and the first name a listed
    surname; a credit label there (``来源：某日报 记者 王某``) is read by the label itself, and a
    name the POS lexicon knows as another word (``原标题``) is none.
    """
    for m in source_rx.finditer(text):
        if not _boundary(text, m.start()):
            continue
        rest = _SOURCE_REST.match(text, m.end())
        if rest is None or (before_rx is not None and before_rx.match(text, rest.end())):
            continue
        names = [(ns, ne) for ns, ne in _names_at(text, rest.end(), next_label=before_rx)
                 if not _is_other_word(text[ns:ne])]
        if names:
            yield m.start(), names


def _glued_name(text: str, pos: int, before_rx: Pattern[str]) -> Optional[Tuple[int, int]]:
    """A listed-surname name glued to its label and ended by another credit label (记者甄璐实习生)."""
    for length in (2, 3, 4):
        end = pos + length
        if end > len(text) or not _NAME.fullmatch(text, pos, end):
            break
        if _is_name(text[pos:end]) and before_rx.match(text, end):
            return pos, end
    return None


def _name_before(text: str, label_start: int, label_end: int) -> Optional[Tuple[int, int]]:
    """The name ending right before a trailing label (``梁琛摄``, ``王翕瞳 摄``), delimited before.

    A glued label that makes a word with the character before it (``拍摄``, ``统摄`` in the POS
    lexicon) is that word, and so is a reading of three or four characters the lexicon knows as a
    word that is no person's (``林业局 摄``: 林 is a listed surname).

    When the credit closes a sentence, a line or a parenthesis (``…现场。奉立新 摄``, ``(王某摄)``,
    with the end, a line break or a closing bracket after it), the name may do without a listed
    surname, read as a credit list reads a later name (no function character, no dictionary word),
    and the POS lexicon must see a person in it, not a phrase: it tags the whole ``nr``, or its
    segmentation leaves the first character alone (the surname: 奉|立新) and that character is no
    function word (正在, 这是 start phrases); a two-character word such as 现场 or 人员 is no name.
    """
    ne = label_start
    glued = not (ne > 0 and text[ne - 1] in _SP)
    if not glued:
        ne -= 1
    closing = _closes(text, label_end)
    for length in (2, 3, 4):
        ns = ne - length
        if ns < 0:
            break
        cand = text[ns:ne]
        if not _NAME.fullmatch(cand):
            break
        if not _boundary(text, ns):
            continue
        # the lexicon is asked only once a reading stands (it loads in about a second)
        listed = _is_name(cand) and not (length >= 3 and _is_other_word(cand))
        if listed or (closing and length <= 3 and _after_sentence(text, ns) and _unlisted_photo_name(cand)):
            if glued and _is_other_word(text[ne - 1:label_end]):
                return None
            return ns, ne
    return None


#: What may stand right after a photo credit that closes: the end, a line break, a closing bracket.
_CLOSE = re.compile(rf"[{_SP}]*(?:$|[\n)）\]】])")
#: What a photo credit without a listed surname follows (spaces between allowed): a sentence end, a
#: line start or an opening bracket; ``，奉立新 摄`` is not read so.
_SENTENCE_START = "。！？!?\n（(【["


def _closes(text: str, pos: int) -> bool:
    return bool(_CLOSE.match(text, pos))


def _after_sentence(text: str, pos: int) -> bool:
    k = pos
    while k > 0 and text[k - 1] in _SP:
        k -= 1
    return k == 0 or text[k - 1] in _SENTENCE_START


#: jieba's tags of a personal name (nr, nrt transliterated, nrfg).
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def _pos():
    """The POS lexicon (jieba's words and tags, :mod:`govnews_nlp.pos_lexicon`), loaded on first use:
    only a credit shape that needs it asks."""
    from ..pos_lexicon import PosLexicon

    return PosLexicon.default()


def _is_other_word(word: str) -> bool:
    """``word`` is in the POS lexicon with a tag that is not a person's (拍摄 v, 原标题 n)."""
    tag = _pos().tags(word)
    return tag is not None and tag not in _PERSON_TAGS


#: jieba's tags (by first letter) of a character that does not start a name when it stands alone:
#: prepositions, conjunctions, particles, pronouns, adverbs, numerals, classifiers (在, 和, 这, 正, 三).
_NOT_SURNAME_HEADS = frozenset("pcurdmq")


def _unlisted_photo_name(name: str) -> bool:
    """A photographer's name without a listed surname (奉立新): see :func:`_name_before`."""
    lexicon = _pos()
    tag = lexicon.tags(name)
    if tag is not None:
        return tag in _PERSON_TAGS
    if not _is_unlisted_name(name):
        return False
    first_word, first_tag = lexicon.segment(name)[0]
    return len(first_word) == 1 and first_tag[:1] not in _NOT_SURNAME_HEADS


def _ends_in_label(text: str, end: int, label_rx: Pattern[str]) -> bool:
    """A label of ``label_rx`` ends at ``end`` (labels have one or two characters)."""
    return any(label_rx.fullmatch(text, end - k, end) for k in (1, 2) if end - k >= 0)


_BARE = re.compile(rf"[（(][{_SP}]*(?P<names>[{_HAN}]{{2,4}}(?:[{_SP}、][{_HAN}]{{2,4}})*)[{_SP}]*[)）]")
_DATELINE = re.compile(rf"(?:电|讯)[{_SP}]*$")


def _bare_bylines(text: str, after_rx: _Rx = None):
    """``(郭赟)`` closing a paragraph, or ``电 (王翕瞳)`` after a dateline. A bracket whose last name ends in
    a trailing label (``(上官摄)``) holds a photo credit: the trailing label's reading decides it."""
    for m in _BARE.finditer(text):
        after = text[m.end():m.end() + 2]
        closing = not after.strip(_SP) or after.lstrip(_SP)[:1] == "\n"
        dateline = bool(_DATELINE.search(text[max(0, m.start() - 3):m.start()]))
        if not (closing or dateline):
            continue
        names = _names_at(text, m.start("names"))
        if names and after_rx is not None and _ends_in_label(text, names[-1][1], after_rx):
            continue
        if names and names[-1][1] == m.end("names"):
            yield m.start(), m.end(), names
