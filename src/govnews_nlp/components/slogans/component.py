"""``govnews_slogans``: policy formulas, campaigns and quoted directives, told apart from speech and idioms.

The component scans ``doc.text`` with compiled regexes (:mod:`.scan`), drops the hits that
overlap what earlier components found (a person's name is never a slogan; inside a project name
only a numbered or canon formula, or a programme carried out by a verb, survives: the groups are
named by ``block_keys`` and ``name_keys``), turns the character hits into spans
(:func:`govnews_nlp.spans.make_spans`, so char, jieba and pkuseg give the same offsets), and leaves:

* ``doc.spans[spans_key]`` – every mention (label ``SLOGAN``), nested ones included;
* Span extensions ``slogan_kind`` (numbered | campaign | directive | canon), ``slogan_text``
  (the text without quotation marks), ``slogan_quoted``, ``slogan_issuer`` (``省委`` …, or None);
* the record field ``slogans``: one ``{"text", "kind", "quoted", "issuer"}`` per distinct text,
  in order of first mention (the schema of ``corpus/dev/gold.jsonl``).

Rules are data: ``patterns/slogans.jsonl`` (canon), ``patterns/slogan_cues.jsonl`` (context
words) and ``patterns/idioms.jsonl`` (generated from jieba's dictionary by
``scripts/build_idioms.py``). See docs/slogans.md.
"""

# No ``from __future__ import annotations`` here: spaCy builds pydantic models of the factory's
# signature (to validate [components] settings) and cannot resolve string annotations.
from typing import Any, Callable, ClassVar, Dict, Iterable, List, Optional, Sequence, Tuple, Type

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from ...extensions import doc_text, set_extension_once, set_record_field
from ...lexicon import Rule
from ...spans import make_spans
from ..base import RuleComponent, score_span_groups, span_group_weights
from .rules import CanonSlogan, CompiledSlogans, CueList, Idiom, compile_rules
from .scan import MAX_QUOTE, SloganHit, scan

#: Slogan kinds that survive inside a project name (a numbered formula or a canon slogan is one
#: whatever surrounds it: “三北”工程攻坚战), and scan rules whose evidence outweighs a project name:
#: a quoted programme carried out by a verb (深入实施“招商引资一号工程”) is a directive even when the
#: project finder also took it, and a formula of several clauses of one measure (“建一流工程、创一流
#: 质量、树一流品牌”: a project finder that takes its first clause has found a fragment, not a name).
KINDS_INSIDE_NAMES = frozenset({"numbered", "canon"})
RULES_INSIDE_NAMES = frozenset({"programme", "parallel"})

DEFAULT_CONFIG: Dict[str, Any] = {
    "spans_key": "slogans",
    "label": "SLOGAN",
    "unquoted": True,
    "max_quote_len": MAX_QUOTE,
    "block_keys": ["people"],
    "name_keys": ["projects"],
    "scorer": {"@scorers": "govnews_nlp.slogans_scorer.v1"},
}


#: ``doc.user_data`` key of the slogan attributes: ``{"start:end": [kind, text, quoted, issuer]}``.
INFO_KEY = "govnews_nlp.slogans"


def _info(span: Span) -> Optional[List[Any]]:
    table = span.doc.user_data.get(INFO_KEY)
    return table.get(f"{span.start_char}:{span.end_char}") if table else None


def _getter(index: int, default: Any) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        info = _info(span)
        return default if info is None else info[index]

    return get


def register_slogan_extensions() -> None:
    """Span attributes of a slogan mention, read from one plain dict in ``doc.user_data``.

    One dict per Doc (string keys, list values) survives ``Doc.to_bytes``, ``DocBin`` and
    multiprocessing, and costs one write per Doc instead of four per span.
    """
    for index, (name, default) in enumerate(
        (("slogan_kind", None), ("slogan_text", None), ("slogan_quoted", False), ("slogan_issuer", None))
    ):
        set_extension_once(Span, name, getter=_getter(index, default))


register_slogan_extensions()


def slogans_score(examples: Iterable[Example], *, spans_key: str = "slogans", **kwargs: Any) -> Dict[str, Any]:
    """P/R/F of the ``spans_key`` group (``spans_slogans_p`` …), as ``spacy evaluate`` expects."""
    return score_span_groups(examples, (spans_key,))


@registry.scorers("govnews_nlp.slogans_scorer.v1")
def make_slogans_scorer() -> Callable[..., Dict[str, Any]]:
    return slogans_score


class SloganDetector(RuleComponent):
    """Finds slogans by scanning ``doc.text``; see the module docstring."""

    TABLES: ClassVar[Dict[str, Type[Rule]]] = {"slogans": CanonSlogan, "slogan_cues": CueList, "idioms": Idiom}

    def __init__(
        self,
        nlp: Language,
        name: str = "govnews_slogans",
        *,
        spans_key: str = DEFAULT_CONFIG["spans_key"],
        label: str = DEFAULT_CONFIG["label"],
        unquoted: bool = DEFAULT_CONFIG["unquoted"],
        max_quote_len: int = DEFAULT_CONFIG["max_quote_len"],
        block_keys: Sequence[str] = tuple(DEFAULT_CONFIG["block_keys"]),
        name_keys: Sequence[str] = tuple(DEFAULT_CONFIG["name_keys"]),
        scorer: Optional[Callable[..., Dict[str, Any]]] = slogans_score,
    ) -> None:
        super().__init__(nlp, name)
        if max_quote_len < 2:
            raise ValueError(f"{name}: max_quote_len must be at least 2, got {max_quote_len}")
        self.spans_key = spans_key
        self.label = label
        self.unquoted = unquoted
        self.max_quote_len = max_quote_len
        self.block_keys = tuple(block_keys)
        self.name_keys = tuple(name_keys)
        self.scorer = scorer
        self.rules: Optional[CompiledSlogans] = None

    def compile(self) -> None:
        self.rules = compile_rules(self.tables["slogans"], self.tables["slogan_cues"], self.tables["idioms"])

    def find(self, text: str) -> List[SloganHit]:
        """The slogan mentions of a plain string (no Doc needed)."""
        self.ensure_ready()
        assert self.rules is not None
        return scan(text, self.rules, unquoted=self.unquoted, max_len=self.max_quote_len)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        hits = self.find(text)
        if hits:
            hits = drop_blocked(hits, len(text), _offsets(doc, self.block_keys), _offsets(doc, self.name_keys))
        spans = make_spans(doc, [(h.start, h.end, self.label) for h in hits], len(text))
        doc.user_data[INFO_KEY] = {f"{h.start}:{h.end}": [h.kind, h.text, h.quoted, h.issuer] for h in hits}
        doc.spans[self.spans_key] = spans
        set_record_field(doc, "slogans", record_items(hits))
        return doc

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        scorer = self.scorer or slogans_score
        return scorer(examples, spans_key=self.spans_key, **kwargs)


def _offsets(doc: Doc, keys: Sequence[str]) -> List[Tuple[int, int]]:
    """Character offsets of the spans in the ``doc.spans`` groups ``keys`` (absent groups: none)."""
    groups = doc.spans
    return [(sp.start_char, sp.end_char) for key in keys if key in groups for sp in groups[key]]


def drop_blocked(
    hits: List[SloganHit], text_len: int, blocking: Sequence[Tuple[int, int]], names: Sequence[Tuple[int, int]]
) -> List[SloganHit]:
    """Drop hits overlapping a ``blocking`` span (people), and hits inside ``names`` (projects)
    unless their kind or rule proves a formula (:data:`KINDS_INSIDE_NAMES`, :data:`RULES_INSIDE_NAMES`).

    Linear in the text and the hits: each family of spans is painted once onto a character mask,
    and a hit overlaps one exactly when its stretch of the mask is not blank (the old pairwise
    comparison of every hit with every entity grew with their product on long articles).
    """
    block = _mask(text_len, blocking)
    name = _mask(text_len, names)
    kept = []
    for h in hits:
        if block is not None and 1 in block[h.start:h.end]:
            continue
        if name is not None and 1 in name[h.start:h.end] and \
                h.kind not in KINDS_INSIDE_NAMES and h.rule not in RULES_INSIDE_NAMES:
            continue
        kept.append(h)
    return kept


def _mask(n: int, spans: Sequence[Tuple[int, int]]) -> Optional[bytearray]:
    if not spans:
        return None
    mask = bytearray(n)
    for s, e in spans:
        mask[s:e] = b"\x01" * (e - s)
    return mask


def record_items(hits: Iterable[SloganHit]) -> List[Dict[str, Any]]:
    """One entry per distinct text, in order of first mention; the issuer of the first mention naming one."""
    items: Dict[str, Dict[str, Any]] = {}
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        item = items.get(h.text)
        if item is None:
            items[h.text] = {"text": h.text, "kind": h.kind, "quoted": h.quoted, "issuer": h.issuer}
        else:
            item["quoted"] = item["quoted"] or h.quoted
            if item["issuer"] is None and h.issuer:
                item["issuer"] = h.issuer
    return list(items.values())


@Language.factory(
    "govnews_slogans",
    default_config=DEFAULT_CONFIG,
    assigns=["doc.spans", "span._.slogan_kind", "span._.slogan_text", "span._.slogan_quoted", "span._.slogan_issuer"],
    default_score_weights=span_group_weights(DEFAULT_CONFIG["spans_key"]),
)
def make_slogans(
    nlp: Language,
    name: str,
    spans_key: str,
    label: str,
    unquoted: bool,
    max_quote_len: int,
    block_keys: List[str],
    name_keys: List[str],
    scorer: Optional[Callable[..., Dict[str, Any]]],
) -> SloganDetector:
    """Factory of the ``govnews_slogans`` component (entry point in pyproject.toml)."""
    return SloganDetector(
        nlp, name, spans_key=spans_key, label=label, unquoted=unquoted, max_quote_len=max_quote_len,
        block_keys=block_keys, name_keys=name_keys, scorer=scorer,
    )
