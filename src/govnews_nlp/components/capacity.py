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
from typing import Any, Callable, Dict, Iterable, Optional

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples
from spacy.util import registry

from ..extensions import doc_text, set_extension_once
from .base import RuleComponent
from .capacity_doc import GROUPS, SPAN_RECORDS_KEY, annotate
from .capacity_rules import TABLES
from .capacity_scan import QuantityScanner
from .projects import ProjectFinder

DEFAULT_CONFIG: Dict[str, Any] = {
    "capacity_label": "CAPACITY",
    "investment_label": "INVESTMENT",
    "project_label": "PROJECT",
    "set_ents": True,
    "scorer": {"@scorers": "govnews_nlp.capacity_scorer.v1"},
}


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
        caps, invs = self.scanner.scan(text)
        projects = self.finder.find(text, caps, invs)
        labels = self.labels
        annotate(
            doc, text, caps, invs, projects,
            (labels["CAPACITY"], labels["INVESTMENT"], labels["PROJECT"]), self.set_ents,
        )
        return doc

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        """Scores for ``spacy evaluate``: see :func:`score_capacity`."""
        scorer = self.scorer or score_capacity
        return scorer(examples, **kwargs)


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

