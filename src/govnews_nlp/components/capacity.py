"""``govnews_capacity``: capacities, investments and named projects, with normalised values.

The component scans ``doc.text`` (the normalized text) with the compiled regexes of
:mod:`.capacity_scan` and :mod:`.projects`; the rules are the JSONL tables of
:mod:`.capacity_rules`. It writes

* ``doc.spans["capacities"]``, ``doc.spans["investments"]``, ``doc.spans["projects"]``: every hit,
  nested ones too (a capacity inside a project name is in both groups' worlds), with the parsed
  values on ``span._.capacity`` / ``span._.investment`` / ``span._.project``;
* ``doc.ents``: the non-overlapping top-level spans (a project wins over the capacity inside it);
* the record fields ``capacities``, ``investments`` (deduplicated by text) and ``projects``.

Character offsets do not depend on the segmenter: hits are found on the text, and
:func:`govnews_nlp.spans.make_spans` splits word tokens where jieba or pkuseg straddle a boundary.
"""

# No ``from __future__ import annotations`` here: spaCy builds pydantic models of the factory's
# signature (to validate [components] settings) and cannot resolve string annotations.
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example, validate_examples
from spacy.util import filter_spans, registry

from ..extensions import doc_text, set_extension_once, set_record_field
from ..spans import make_spans, set_ents_filtered
from .base import RuleComponent
from .capacity_rules import TABLES
from .capacity_scan import QuantityScanner
from .projects import ProjectFinder

#: The ``doc.spans`` group of each label.
GROUPS = {"CAPACITY": "capacities", "INVESTMENT": "investments", "PROJECT": "projects"}

DEFAULT_CONFIG: Dict[str, Any] = {
    "capacity_label": "CAPACITY",
    "investment_label": "INVESTMENT",
    "project_label": "PROJECT",
    "set_ents": True,
    "scorer": {"@scorers": "govnews_nlp.capacity_scorer.v1"},
}


#: ``doc.user_data`` key of the record entries of one extension, by ``"start:end"`` of the span.
#: One dict per Doc and kind instead of one ``span._.x = rec`` per span (each builds an
#: ``Underscore`` object); string keys, so the dicts survive ``Doc.to_bytes`` (msgpack).
SPAN_RECORDS_KEY = "govnews_nlp.capacity.span_records."


def _span_key(span: Span) -> str:
    return f"{span.start_char}:{span.end_char}"


def _record_getter(name: str) -> Callable[[Span], Optional[Dict[str, Any]]]:
    key = SPAN_RECORDS_KEY + name

    def get(span: Span) -> Optional[Dict[str, Any]]:
        recs = span.doc.user_data.get(key)
        return None if recs is None else recs.get(_span_key(span))

    return get


def _record_setter(name: str) -> Callable[[Span, Any], None]:
    key = SPAN_RECORDS_KEY + name

    def set_(span: Span, value: Any) -> None:
        span.doc.user_data.setdefault(key, {})[_span_key(span)] = value

    return set_


def register_span_extensions() -> None:
    """``span._.capacity`` / ``._.investment`` / ``._.project``: the record entry of the span
    (``None`` for other spans); stored per Doc under :data:`SPAN_RECORDS_KEY`, writable."""
    for name in ("capacity", "investment", "project"):
        set_extension_once(Span, name, getter=_record_getter(name), setter=_record_setter(name))


register_span_extensions()


def score_capacity(examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
    """P/R/F of the three span groups (``spans_capacities_f`` …) and of the entities with our labels."""
    examples = list(examples)
    validate_examples(examples, "govnews_capacity.score")
    scores: Dict[str, Any] = {}
    for group in GROUPS.values():
        scores.update(
            Scorer.score_spans(
                examples,
                f"spans_{group}",
                getter=lambda doc, attr, g=group: list(doc.spans.get(g, [])),
                has_annotation=lambda doc, g=group: g in doc.spans,
                labeled=True,
                allow_overlap=True,
            )
        )
    labels = set(GROUPS)
    scores.update(
        Scorer.score_spans(
            examples,
            "ents",
            getter=lambda doc, attr: [e for e in doc.ents if e.label_ in labels],
            labeled=True,
        )
    )
    return scores


@registry.scorers("govnews_nlp.capacity_scorer.v1")
def make_capacity_scorer() -> Callable[..., Dict[str, Any]]:
    return score_capacity


class CapacityRuler(RuleComponent):
    """Finds CAPACITY, INVESTMENT and PROJECT spans (see the module docstring)."""

    TABLES = TABLES

    def __init__(
        self,
        nlp: Language,
        name: str = "govnews_capacity",
        *,
        capacity_label: str = "CAPACITY",
        investment_label: str = "INVESTMENT",
        project_label: str = "PROJECT",
        set_ents: bool = True,
        scorer: Optional[Callable[..., Dict[str, Any]]] = score_capacity,
    ) -> None:
        super().__init__(nlp, name)
        self.labels = {"CAPACITY": capacity_label, "INVESTMENT": investment_label, "PROJECT": project_label}
        self.set_ents = set_ents
        self.scorer = scorer
        self.scanner: Optional[QuantityScanner] = None
        self.finder: Optional[ProjectFinder] = None

    def compile(self) -> None:
        t = self.tables
        self.scanner = QuantityScanner(
            t["units"], t["capacity_markers"], t["capacity_periods"], t["capacity_qualifiers"],
            t["capacity_exclusions"], t["investment_keywords"], t["investment_units"], t["investment_exclusions"],
        )
        self.finder = ProjectFinder(t["project_suffixes"], t["project_boundaries"], t["project_generic"])

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        assert self.scanner is not None and self.finder is not None
        text = doc_text(doc)
        quantities = self.scanner.scan(text)
        caps = [q for q in quantities if q.label == "CAPACITY"]
        invs = [q for q in quantities if q.label == "INVESTMENT"]
        cap_records = [q.record() for q in caps]
        projects = self.finder.find(
            text, [(q.start, q.end, r) for q, r in zip(caps, cap_records)], [(q.start, q.end) for q in invs]
        )

        hits = [(q.start, q.end, self.labels["CAPACITY"]) for q in caps]
        hits += [(q.start, q.end, self.labels["INVESTMENT"]) for q in invs]
        hits += [(p.start, p.end, self.labels["PROJECT"]) for p in projects]
        spans = self._spans(doc, hits)
        cap_spans = spans[: len(caps)]
        inv_spans = spans[len(caps): len(caps) + len(invs)]
        proj_spans = spans[len(caps) + len(invs):]
        inv_records = [q.record() for q in invs]
        proj_records = [p.record() for p in projects]
        user_data = doc.user_data
        # keyed by the hits' offsets, which are the spans' (make_spans never moves a boundary)
        for name, found, recs in (
            ("capacity", caps, cap_records), ("investment", invs, inv_records), ("project", projects, proj_records)
        ):
            user_data[SPAN_RECORDS_KEY + name] = {f"{h.start}:{h.end}": rec for h, rec in zip(found, recs)}
        groups = doc.spans  # SpanGroups built here: the mapping's __setitem__ would wrap each list
        for group, group_spans in (("CAPACITY", cap_spans), ("INVESTMENT", inv_spans), ("PROJECT", proj_spans)):
            name = GROUPS[group]
            groups[name] = SpanGroup(doc, name=name, spans=group_spans)
        if self.set_ents:
            self._set_ents(doc, spans)

        # README: the lists are deduplicated, one entry per distinct text (the spans keep all)
        set_record_field(doc, "capacities", _unique_by_text(cap_records))
        set_record_field(doc, "investments", _unique_by_text(inv_records))
        set_record_field(doc, "projects", proj_records)
        return doc

    @staticmethod
    def _spans(doc: Doc, hits: List[Tuple[int, int, str]]) -> List[Span]:
        """Spans for the hits. When the Doc has one token per character (the ``char`` segmenter
        on text without whitespace: ``len(doc) == len(text)`` allows nothing else, every token
        being at least one character) character offsets are token indices and spans are built
        directly. Else ``doc.char_span`` is tried; only when a word token straddles a hit
        (jieba, pkuseg) does :func:`make_spans` split tokens (it walks all tokens, so it is kept
        off the common path)."""
        last = doc[-1] if hits else None
        if last is not None and last.idx + len(last.text_with_ws) == len(doc):
            strings = doc.vocab.strings
            labels = {label: strings.add(label) for label in {h[2] for h in hits}}
            return [Span(doc, s, e, label=labels[label]) for s, e, label in hits]
        spans: List[Span] = []
        for s, e, label in hits:
            span = doc.char_span(s, e, label=label, alignment_mode="strict")
            if span is None:
                return make_spans(doc, hits)
            spans.append(span)
        return spans

    def _set_ents(self, doc: Doc, spans: List[Span]) -> None:
        """Our top-level spans into ``doc.ents``. When no entity of ours is there yet and none of
        the others' overlaps ours, only our tokens are touched (``default="unmodified"``):
        ``doc.ents = …`` resets every token, which costs more than our whole scan. Otherwise the
        general merge (longest wins) of :func:`set_ents_filtered`."""
        top = _top_spans(spans)
        labels = set(self.labels.values())
        # ``doc.ents`` is read in C; ``doc.has_annotation("ENT_IOB")`` walks every token in Python
        old = doc.ents
        if old:
            clash = any(e.label_ in labels for e in old) or any(
                e.start < t.end and t.start < e.end for e in old for t in top
            )
            if clash:
                set_ents_filtered(doc, spans, replace_labels=list(labels))
                return
        doc.set_ents(top, default="unmodified")

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        """Scores for ``spacy evaluate``: see :func:`score_capacity`."""
        scorer = self.scorer or score_capacity
        return scorer(examples, **kwargs)


def _top_spans(spans: List[Span]) -> List[Span]:
    """``filter_spans(spans)`` (the longest of overlapping spans wins, result in order), without
    its sort by length when no two spans overlap partially. Ours overlap only by containment (a
    capacity inside a project name), and then the container wins whatever the length measure, so
    the spans not inside another, in order, are the answer; a partial overlap (never seen) goes
    to ``filter_spans`` itself."""
    bounds = sorted([(s.start, -s.end, i) for i, s in enumerate(spans)])
    top: List[Span] = []
    reach = -1
    for start, neg_end, i in bounds:
        end = -neg_end
        if start >= reach:
            top.append(spans[i])
            reach = end
        elif end > reach or (start, end) == (top[-1].start, top[-1].end):
            return filter_spans(spans)  # a partial overlap or a duplicate: the general rule
    return top


def _unique_by_text(records: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    seen = set()
    out = []
    for rec in records:
        if rec["text"] not in seen:
            seen.add(rec["text"])
            out.append(rec)
    return out


@Language.factory("govnews_capacity", default_config=DEFAULT_CONFIG)
def make_capacity(
    nlp: Language,
    name: str,
    capacity_label: str,
    investment_label: str,
    project_label: str,
    set_ents: bool,
    scorer: Optional[Callable[..., Dict[str, Any]]],
) -> CapacityRuler:
    return CapacityRuler(
        nlp,
        name,
        capacity_label=capacity_label,
        investment_label=investment_label,
        project_label=project_label,
        set_ents=set_ents,
        scorer=scorer,
    )


__all__ = ["DEFAULT_CONFIG", "GROUPS", "CapacityRuler", "make_capacity", "score_capacity"]

