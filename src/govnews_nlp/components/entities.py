"""``govnews_entities``: the one step that sets ``doc.ents``, from the span groups of the others.

Every rule component writes only its own span groups (``people``, ``capacities``,
``investments``, ``projects``, ``slogans``); this component, last in the pipeline, merges them
into ``doc.ents``, so there is one place to decide what wins where spans overlap, and a trained
``ner`` earlier in the pipeline is not overwritten:

* ``spans_keys``: the groups to read, in order;
* ``priority``: labels in order of precedence; a label not listed comes after all listed ones;
* ``overlap``: ``"longest"`` (default: of overlapping spans the longest wins, as spaCy's
  ``filter_spans``; ``priority`` breaks ties) or ``"priority"`` (the higher label wins, then the
  longer span);
* ``existing``: what to do with entities already on the Doc (a trained ``ner``, an
  ``entity_ruler``): ``"keep"`` (default: they stay; ours fill only the tokens they leave free),
  ``"fill"`` (the other way round: ours first, theirs where ours leave the tokens free),
  ``"merge"`` (they compete with ours under the same rule) or ``"replace"`` (ours only).

The result is deterministic: ties of the same label and length go to the earlier span.
"""

# No ``from __future__ import annotations`` here: spaCy builds pydantic models of the factory's
# signature (to validate [components] settings) and cannot resolve string annotations.
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

EXISTING_POLICIES = ("keep", "fill", "merge", "replace")
OVERLAP_POLICIES = ("longest", "priority")

DEFAULT_CONFIG: Dict[str, Any] = {
    "spans_keys": ["people", "projects", "investments", "capacities", "slogans"],
    "priority": ["PERSON", "JOURNALIST", "PROJECT", "INVESTMENT", "CAPACITY", "SLOGAN"],
    "overlap": "longest",
    "existing": "keep",
    "scorer": {"@scorers": "govnews_nlp.entities_scorer.v1"},
}

#: ``(start_token, end_token, label, rank)``; ``rank`` orders candidates (lower wins).
_Candidate = Tuple[int, int, str, Tuple[int, ...]]


def score_entities(examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
    """P/R/F of ``doc.ents`` under ``govnews_ents_*``: ``ents_*`` is the key of spaCy's ``ner``,
    and a pipeline with both must report both apart."""
    return Scorer.score_spans(list(examples), "govnews_ents", getter=lambda doc, attr: list(doc.ents),
                              has_annotation=lambda doc: doc.has_annotation("ENT_IOB"), labeled=True)


@registry.scorers("govnews_nlp.entities_scorer.v1")
def make_entities_scorer() -> Callable[..., Dict[str, Any]]:
    return score_entities


class EntityMerger:
    """Merges span groups into ``doc.ents``; see the module docstring."""

    def __init__(
        self,
        nlp: Language,
        name: str = "govnews_entities",
        *,
        spans_keys: Sequence[str] = tuple(DEFAULT_CONFIG["spans_keys"]),
        priority: Sequence[str] = tuple(DEFAULT_CONFIG["priority"]),
        overlap: str = DEFAULT_CONFIG["overlap"],
        existing: str = DEFAULT_CONFIG["existing"],
        scorer: Optional[Callable[..., Dict[str, Any]]] = score_entities,
    ) -> None:
        if existing not in EXISTING_POLICIES:
            raise ValueError(f"{name}: existing must be one of {', '.join(EXISTING_POLICIES)}, got {existing!r}")
        if overlap not in OVERLAP_POLICIES:
            raise ValueError(f"{name}: overlap must be one of {', '.join(OVERLAP_POLICIES)}, got {overlap!r}")
        self.name = name
        self.spans_keys = tuple(spans_keys)
        self.priority = {label: i for i, label in enumerate(priority)}
        self.overlap = overlap
        self.existing = existing
        self.scorer = scorer

    def _rank(self, start: int, end: int, label: str, source: int) -> Tuple[int, ...]:
        prio = self.priority.get(label, len(self.priority))
        if self.overlap == "priority":
            return (prio, start - end, source, start)
        return (start - end, prio, source, start)

    def merged(self, doc: Doc, old: Optional[Sequence[Span]] = None) -> List[Span]:
        """The entities this step sets on ``doc`` (``old``: its entities now, if already read)."""
        candidates: List[_Candidate] = []
        old = list(doc.ents if old is None else old) if self.existing != "replace" else []
        if self.existing == "merge":
            candidates += [(e.start, e.end, e.label_, self._rank(e.start, e.end, e.label_, -1)) for e in old]
        groups = doc.spans
        for source, key in enumerate(self.spans_keys):
            if key in groups:
                candidates += [(sp.start, sp.end, sp.label_, self._rank(sp.start, sp.end, sp.label_, source))
                               for sp in groups[key]]
        taken = bytearray(len(doc))
        chosen: List[Tuple[int, int, str]] = []
        if self.existing == "keep":
            for e in old:
                taken[e.start:e.end] = b"\x01" * (e.end - e.start)
                chosen.append((e.start, e.end, e.label_))
        for start, end, label, _ in sorted(candidates, key=lambda c: c[3]):
            if end > start and 1 not in taken[start:end]:
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end, label))
        if self.existing == "fill":
            for e in old:
                if 1 not in taken[e.start:e.end]:
                    taken[e.start:e.end] = b"\x01" * (e.end - e.start)
                    chosen.append((e.start, e.end, e.label_))
        chosen.sort()
        return [Span(doc, s, e, label=label) for s, e, label in chosen]

    def __call__(self, doc: Doc) -> Doc:
        old = doc.ents  # one C loop over the tokens
        ents = self.merged(doc, old)
        if not old or self.existing == "keep":
            # nothing to clear (kept entities are among ``ents``): touch only the tokens set
            doc.set_ents(ents, default="unmodified")
        else:  # entities that lost (merge) or all earlier ones (replace) become "outside"
            doc.set_ents(ents, default="outside")
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        return {} if self.scorer is None else self.scorer(examples, **kwargs)

    # nothing to save: the settings are the config
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "EntityMerger":
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> "EntityMerger":
        return self


@Language.factory(
    "govnews_entities",
    default_config=DEFAULT_CONFIG,
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_score_weights={"govnews_ents_f": 0.0, "govnews_ents_p": 0.0, "govnews_ents_r": 0.0,
                           "govnews_ents_per_type": None},
)
def make_entities(
    nlp: Language,
    name: str,
    spans_keys: List[str],
    priority: List[str],
    overlap: str,
    existing: str,
    scorer: Optional[Callable[..., Dict[str, Any]]],
) -> EntityMerger:
    """Factory of the ``govnews_entities`` component (entry point in pyproject.toml)."""
    return EntityMerger(nlp, name, spans_keys=spans_keys, priority=priority, overlap=overlap, existing=existing,
                        scorer=scorer)
