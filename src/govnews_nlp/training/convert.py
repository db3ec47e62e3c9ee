"""``govnews-nlp convert``: annotations → ``.spacy`` DocBins of normalized Docs.

Training and evaluation Docs must have the text our tokenizer produces (``spacy train`` builds
each predicted Doc with ``nlp.make_doc(reference.text)``), so every converter runs the raw
article through the normalizing tokenizer first and puts the annotations onto the normalized
Doc:

* :func:`docs_from_records`: gold or extraction records in our schema (``people``, ``projects`` …
  as strings, no offsets) plus the raw articles by id: each string is found in the normalized text
  (every occurrence; within one group the longest strings first, never overlapping), giving the
  span groups the rule scorers read (``people``, ``titles``, ``capacities``, ``investments``,
  ``projects``, ``slogans``) and ``doc.ents`` merged from them by the same rule as
  ``govnews_entities``;
* :func:`docs_from_raw_annotations`: spans annotated on the **raw** text (see
  :mod:`.annotations`) mapped through the normalizer's offset map; a span the normalizer removed
  (junk, a gloss) or merged with text outside it cannot be aligned and is reported;
* :func:`silver_docs`: the rules annotate unlabeled articles (weak supervision).

Nothing is dropped silently: every string or span that could not be placed is in the
:class:`ConversionReport` with its reason, and the CLI prints the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..extensions import RECORD_PREFIX, offset_map
from ..spans import make_spans
from .annotations import RawExample

#: record field → (span group, label) for the strings of a record
RECORD_GROUPS: Dict[str, Tuple[str, str]] = {
    "capacities": ("capacities", "CAPACITY"),
    "investments": ("investments", "INVESTMENT"),
    "projects": ("projects", "PROJECT"),
    "slogans": ("slogans", "SLOGAN"),
}
PERSON_LABELS = {"journalist": "JOURNALIST"}  # official and executive: PERSON
#: how far before a mention a title of the person's chain is looked for
TITLE_WINDOW = 80


@dataclass
class Unaligned:
    doc_id: str
    label: str
    text: str
    reason: str
    where: str = ""


@dataclass
class ConversionReport:
    docs: int = 0
    aligned: int = 0
    unaligned: List[Unaligned] = field(default_factory=list)
    missing_texts: List[str] = field(default_factory=list)
    not_idempotent: List[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{self.docs} doc(s), {self.aligned} span(s) aligned, {len(self.unaligned)} not aligned"]
        if self.missing_texts:
            lines.append(f"{len(self.missing_texts)} record(s) without a text: {', '.join(self.missing_texts[:10])}")
        if self.not_idempotent:
            lines.append(f"{len(self.not_idempotent)} doc(s) whose normalized text normalizes differently again "
                         f"(spacy train would misalign them): {', '.join(self.not_idempotent[:10])}")
        for u in self.unaligned:
            where = f" ({u.where})" if u.where else ""
            lines.append(f"  not aligned: {u.doc_id} {u.label} {u.text!r}: {u.reason}{where}")
        return "\n".join(lines)


def _check_idempotent(nlp: Language, doc: Doc, doc_id: str, report: ConversionReport) -> None:
    if nlp.tokenizer(doc.text).text != doc.text:  # type: ignore[operator]
        report.not_idempotent.append(doc_id)


def _set_ents(doc: Doc, keys: Sequence[str]) -> None:
    from ..components.entities import EntityMerger

    merger = EntityMerger(None, spans_keys=keys, existing="replace")  # type: ignore[arg-type]
    doc.set_ents(merger.merged(doc), default="outside")


#: full-width ASCII forms → ASCII (one character each, so offsets stay): gold strings are written
#: with ``,`` ``(`` where the normalizer widens punctuation between Chinese text to ``，`` ``（``
_FOLD = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


def fold(text: str) -> str:
    """``text`` with full-width ASCII folded to ASCII, character for character."""
    return text.translate(_FOLD)


def _occurrences(text: str, needle: str) -> List[int]:
    """Start offsets of ``needle`` in ``text``; both are expected :func:`fold`-ed."""
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _place(text: str, strings: Sequence[Tuple[str, str]], taken: Optional[bytearray]
           ) -> Tuple[List[Tuple[int, int, str]], List[str]]:
    """Every occurrence of each ``(string, label)``, longest strings first; with ``taken`` (people:
    a name inside a longer name is not a mention of its own) never overlapping one placed before,
    without it nested occurrences stay (an inner formula is a slogan of its own); returns the hits
    and the strings that found no (free) occurrence."""
    hits: List[Tuple[int, int, str]] = []
    missing: List[str] = []
    for s, label in sorted(set(strings), key=lambda x: (-len(x[0]), x[0])):
        found = False
        for start in _occurrences(text, fold(s)):
            end = start + len(s)
            if taken is None:
                hits.append((start, end, label))
                found = True
            elif 1 not in taken[start:end]:
                taken[start:end] = b"\x01" * (end - start)
                hits.append((start, end, label))
                found = True
        if not found:
            missing.append(s)
    return sorted(hits), missing


def doc_from_record(nlp: Language, record: Dict[str, Any], raw: str, report: ConversionReport) -> Doc:
    """The normalized Doc of ``raw`` with the record's strings as span groups and entities."""
    doc = nlp.make_doc(raw)
    text = fold(doc.text)
    doc_id = str(record.get("id"))
    groups: Dict[str, List[Tuple[int, int, str]]] = {}
    people = [(p["name"], PERSON_LABELS.get(p.get("kind") or "official", "PERSON"))
              for p in record.get("people") or [] if p.get("name")]
    groups["people"], missing = _place(text, people, bytearray(len(text)))
    for name in missing:
        report.unaligned.append(Unaligned(doc_id, "PERSON", name, "not found in the normalized text"))
    # titles: the chain's strings in the window around a mention of their person
    mentions: Dict[str, List[Tuple[int, int]]] = {}
    for s, e, _ in groups["people"]:
        mentions.setdefault(text[s:e], []).append((s, e))
    title_hits: List[Tuple[int, int, str]] = []
    taken = bytearray(len(text))
    for s, e, _ in groups["people"]:
        taken[s:e] = b"\x01" * (e - s)
    for p in record.get("people") or []:
        for title in sorted(set(p.get("titles") or []), key=len, reverse=True):
            placed = False
            for ms, me in mentions.get(fold(p.get("name") or ""), []):
                lo, hi = max(0, ms - TITLE_WINDOW), min(len(text), me + TITLE_WINDOW)
                for start in _occurrences(text[lo:hi], fold(title)):
                    a, b = lo + start, lo + start + len(title)
                    if 1 not in taken[a:b]:
                        taken[a:b] = b"\x01" * (b - a)
                        title_hits.append((a, b, "TITLE"))
                        placed = True
            if not placed:
                why = f"not found near a mention of {p.get('name')}"
                report.unaligned.append(Unaligned(doc_id, "TITLE", title, why))
    groups["titles"] = sorted(title_hits)
    for field_name, (key, label) in RECORD_GROUPS.items():
        strings = [(item["text"], label) for item in record.get(field_name) or [] if item.get("text")]
        groups[key], missing = _place(text, strings, None)
        for s in missing:
            report.unaligned.append(Unaligned(doc_id, label, s, "not found in the normalized text"))
    for key, hits in groups.items():
        doc.spans[key] = make_spans(doc, hits)
        report.aligned += len(hits)
    _set_ents(doc, ["people", "projects", "investments", "capacities", "slogans"])
    for field_name in ("people", *RECORD_GROUPS):
        doc.user_data[RECORD_PREFIX + field_name] = record.get(field_name) or []
    doc.user_data["govnews_nlp.id"] = doc_id
    _check_idempotent(nlp, doc, doc_id, report)
    report.docs += 1
    return doc


def docs_from_records(nlp: Language, records: Iterable[Dict[str, Any]], texts_dir: Path,
                      report: Optional[ConversionReport] = None) -> Tuple[List[Doc], ConversionReport]:
    """Docs for ``records`` whose raw text is ``texts_dir/ID.txt``; a record without its text is
    reported, not converted."""
    report = report or ConversionReport()
    docs = []
    for record in records:
        path = Path(texts_dir) / f"{record.get('id')}.txt"
        if not path.is_file():
            report.missing_texts.append(str(record.get("id")))
            continue
        docs.append(doc_from_record(nlp, record, path.read_text(encoding="utf-8"), report))
    return docs, report


def align_raw_span(doc: Doc, start: int, end: int) -> Tuple[Optional[Tuple[int, int]], str]:
    """The normalized span of raw ``[start, end)``, or ``None`` and why not.

    A span is aligned when its normalized span is not empty and maps back onto the annotated
    raw span: whatever the back-mapped raw span holds beyond the annotation was deleted by the
    normalizer (a gloss, a space), so no surviving character outside the annotation is taken in.
    """
    mp = offset_map(doc)
    cs, ce = mp.src_span_to_out(start, end)
    if cs >= ce:
        return None, "removed by the normalizer (junk, a gloss or a line it deletes)"
    rs, re_ = mp.out_span_to_src(cs, ce)
    outside = []
    if rs < start:
        outside.append(mp.src_span_to_out(rs, start))
    if re_ > end:
        outside.append(mp.src_span_to_out(end, re_))
    if any(b > a for a, b in outside):
        return None, "the normalizer merged it with text outside the span (the span cuts a converted word)"
    return (cs, ce), ""


def docs_from_raw_annotations(nlp: Language, examples: Iterable[RawExample], spans_key: str = "sc",
                              report: Optional[ConversionReport] = None) -> Tuple[List[Doc], ConversionReport]:
    """Docs for spans annotated on raw text; aligned spans go to ``doc.spans[spans_key]`` and, where
    they do not overlap a longer one, to ``doc.ents`` (an overlap is reported: spancat learns it,
    ner cannot)."""
    from spacy.util import filter_spans

    report = report or ConversionReport()
    docs = []
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        hits = []
        for s, e, label in ex.spans:
            span, why = align_raw_span(doc, s, e)
            if span is None:
                report.unaligned.append(Unaligned(ex.id, label, ex.text[s:e], why, ex.where))
                continue
            hits.append((span[0], span[1], label))
        spans = make_spans(doc, sorted(hits))
        doc.spans[spans_key] = spans
        ents = filter_spans(spans)
        for sp in spans:
            if sp not in ents:
                report.unaligned.append(Unaligned(ex.id, sp.label_, sp.text,
                                                  f"overlaps a longer entity: in doc.spans[{spans_key!r}] only",
                                                  ex.where))
        doc.set_ents(ents, default="outside")
        report.aligned += len(spans)
        doc.user_data["govnews_nlp.id"] = ex.id
        _check_idempotent(nlp, doc, ex.id, report)
        report.docs += 1
        docs.append(doc)
    return docs, report


def silver_docs(nlp: Language, articles: Iterable[Tuple[str, str]],
                report: Optional[ConversionReport] = None) -> Tuple[List[Doc], ConversionReport]:
    """The rules' own analyses of unlabeled ``(id, raw_text)`` articles (the pipeline must end with
    ``govnews_entities`` for ``doc.ents``)."""
    report = report or ConversionReport()
    docs = []
    for doc_id, raw in articles:
        doc = nlp(raw)
        doc.user_data["govnews_nlp.id"] = doc_id
        report.aligned += len(doc.ents)
        _check_idempotent(nlp, doc, doc_id, report)
        report.docs += 1
        docs.append(doc)
    return docs, report


def split_docs(docs: List[Doc], dev_share: float) -> Tuple[List[Doc], List[Doc]]:
    """A deterministic train/dev split: every ``round(1/dev_share)``-th Doc goes to dev."""
    if not 0 < dev_share < 1:
        return docs, []
    step = max(2, round(1 / dev_share))
    dev = [d for i, d in enumerate(docs) if i % step == step - 1]
    train = [d for i, d in enumerate(docs) if i % step != step - 1]
    return train, dev


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    """Write ``docs`` (with their user data: span extensions, records) to ``path``; returns the count."""
    db = DocBin(store_user_data=True)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n
