"""What ``govnews_officials`` writes for one scan, as plain data: span hits, user data, record.

Kept apart from the component so that the scan → data step is testable without a pipeline.
"""

from __future__ import annotations

import logging
from operator import itemgetter
from typing import Any, Dict, List, Optional, Tuple, Union

from .scan import ScanResult

log = logging.getLogger("govnews_nlp.components.officials")
_FIRST = itemgetter(0)
_CREDIT_FIELDS = ("start", "end", "name", "name_start", "name_end")

Label = Union[str, int]  # a label string or its hash in the Doc's StringStore
Hit = Tuple[int, int, Label]
DocData = Tuple[List[Hit], int, Dict[str, Any], List[Dict[str, Any]]]


def doc_data(result: ScanResult, person_label: Label, journalist_label: Label, title_label: Label,
             title_dicts: Dict[str, Dict[str, Any]]) -> DocData:
    """``(hits, n_mentions, people_data, record)`` for ``result``.

    ``hits`` are the mentions in text order (label ``person_label``, or ``journalist_label`` for
    credits), then the titles in text order (``title_label``); ``people_data`` is what
    ``doc.user_data["govnews_nlp.people"]`` holds (persons, mention and title offsets), ``record``
    the record field ``people``. One pass over the people builds the persons, the record and the
    mention marks. ``title_dicts`` caches the plain dict of each title text across documents (they
    recur in every article); each span gets its own copy.
    """
    persons: List[Dict[str, Any]] = []
    record: List[Dict[str, Any]] = []
    marks: List[Tuple[int, int, Label, str]] = []
    for p in result.people:
        pid, name, kind, chain = p.id, p.name, p.kind, p.titles
        persons.append({"id": pid, "name": name, "titles": list(chain), "kind": kind})
        record.append({"name": name, "titles": list(chain), "kind": kind})
        label = journalist_label if kind == "journalist" else person_label
        for m in p.mentions:
            marks.append((m.start, m.end, label, pid))
    marks.sort(key=_FIRST)  # stable: the order of ScanResult.mentions()
    hits: List[Hit] = []
    mentions: Dict[str, str] = {}
    for s, e, label, pid in marks:
        hits.append((s, e, label))
        mentions[f"{s}:{e}"] = pid
    titles: Dict[str, Dict[str, Any]] = {}
    for t in result.titles:
        s, e = t.start, t.end
        hits.append((s, e, title_label))
        info = t.info
        d = title_dicts.get(info.text)
        if d is None:
            if len(title_dicts) > 4096:
                title_dicts.clear()
            d = title_dicts[info.text] = info.to_dict()
        titles[f"{s}:{e}"] = {**d, "org_kinds": list(d["org_kinds"]), "modifiers": list(d["modifiers"])}
    return hits, len(marks), {"persons": persons, "mentions": mentions, "titles": titles}, record


def valid_credits(credits: Optional[List[dict]], n: int) -> List[dict]:
    """The credits (``doc.user_data["govnews_nlp.credits"]``) that fit a text of ``n`` characters;
    a malformed one is skipped with a warning, never a crash."""
    good = []
    for c in credits or ():
        try:
            s, e, ns, ne = int(c["start"]), int(c["end"]), int(c["name_start"]), int(c["name_end"])
            ok = 0 <= s <= e <= n and 0 <= ns < ne <= n and str(c["name"]).strip()
        except (KeyError, TypeError, ValueError):
            ok = False
        if ok:
            good.append(c)
        else:
            log.warning("govnews_officials: ignoring a malformed credit %r (needs %s)", c, ", ".join(_CREDIT_FIELDS))
    return good
