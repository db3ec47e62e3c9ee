"""``govnews_slogans``: policy formulas, campaigns and quoted directives, told apart from speech and idioms.

The component scans ``doc.text`` with compiled regexes (:mod:`.slogans_scan`), turns the
character hits into spans (:func:`govnews_nlp.spans.make_spans`, so char, jieba and pkuseg give
the same offsets), and leaves:

* ``doc.spans[spans_key]`` – every mention (label ``SLOGAN``), nested ones included;
* ``doc.ents`` – the mentions that overlap no longer entity;
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
from typing import Any, Callable, ClassVar, Dict, Iterable, List, Optional, Sequence, Type

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, registry

from .. import docfast
from ..extensions import doc_text, set_extension_once, set_record_field
from ..lexicon import Rule
from ..spans import make_spans, set_ents_filtered
from .base import RuleComponent
from .slogans_rules import CanonSlogan, CompiledSlogans, CueList, Idiom, compile_rules
from .slogans_scan import MAX_QUOTE, SloganHit, scan

#: Entity labels of earlier components a slogan must not overlap (a name is never a slogan).
BLOCKING_LABELS = ("PERSON", "JOURNALIST")
#: Labels inside which only numbered or canon slogans survive (a quoted project name is a name).
NAME_LABELS = ("PROJECT",)
#: Scan rules whose evidence outweighs a PROJECT entity: a quoted programme carried out by a verb
#: (深入实施“招商引资一号工程”) is a directive even when a project finder also took it.
NAME_PROOF_RULES = frozenset({"programme"})

DEFAULT_CONFIG: Dict[str, Any] = {
    "spans_key": "slogans",
    "label": "SLOGAN",
    "unquoted": True,
    "max_quote_len": MAX_QUOTE,
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
    attr = f"spans_{spans_key}"
    kwargs.pop("getter", None)
    kwargs.pop("has_annotation", None)
    return Scorer.score_spans(
        examples,
        attr,
        getter=lambda doc, _attr: doc.spans.get(spans_key, []),
        has_annotation=lambda doc: spans_key in doc.spans,
        **kwargs,
    )


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
        scorer: Optional[Callable[..., Dict[str, Any]]] = slogans_score,
    ) -> None:
        super().__init__(nlp, name)
        if max_quote_len < 2:
            raise ValueError(f"{name}: max_quote_len must be at least 2, got {max_quote_len}")
        self.spans_key = spans_key
        self.label = label
        self.unquoted = unquoted
        self.max_quote_len = max_quote_len
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
        if docfast.COMPILED and not docfast.entities_present(doc) and self._annotate_fast(doc):
            return doc
        # ``doc.ents`` walks every token (cold in the cache right after tokenization): read it once
        existing = doc.ents
        hits = self._drop_blocked(existing, self.find(doc_text(doc)))
        spans = self._spans(doc, hits)
        doc.user_data[INFO_KEY] = {f"{h.start}:{h.end}": [h.kind, h.text, h.quoted, h.issuer] for h in hits}
        doc.spans[self.spans_key] = spans
        self._set_ents(doc, spans, existing)
        set_record_field(doc, "slogans", record_items(hits))
        return doc

    def _annotate_fast(self, doc: Doc) -> bool:
        """The usual case on the compiled path (:mod:`govnews_nlp.docfast`): a Doc with no entities
        yet, every hit on token boundaries. False (nothing written) when a token must be split."""
        text = doc_text(doc)
        hits = self.find(text)
        label = doc.vocab.strings.add(self.label)
        char_hits = [(h.start, h.end, label) for h in hits]
        # one token per character and no whitespace: character offsets are token indices
        token_hits = char_hits if len(doc) == len(text) else docfast.token_hits(doc, char_hits)
        if token_hits is None:
            return False
        doc.user_data[INFO_KEY] = {f"{h.start}:{h.end}": [h.kind, h.text, h.quoted, h.issuer] for h in hits}
        doc.spans[self.spans_key] = docfast.span_group(doc, self.spans_key, token_hits)
        kept = docfast.filter_hits(token_hits)
        if kept:
            docfast.set_entities(doc, kept)
        set_record_field(doc, "slogans", record_items(hits))
        return True

    def _spans(self, doc: Doc, hits: List[SloganHit]) -> List[Span]:
        """Spans for the hits; the retokenizer (:func:`make_spans`) only when a word straddles a boundary.

        ``doc.char_span`` is cheap, while ``make_spans`` walks every token: with the char segmenter
        every offset is a boundary already, and with jieba/pkuseg most are.
        """
        spans = [doc.char_span(h.start, h.end, label=self.label) for h in hits]
        if all(s is not None for s in spans):
            return spans  # type: ignore[return-value]
        return make_spans(doc, [(h.start, h.end, self.label) for h in hits])

    def _set_ents(self, doc: Doc, spans: List[Span], existing: Sequence[Span]) -> None:
        """Merge into ``doc.ents`` (longest wins), touching only the tokens that change.

        ``doc.ents = …`` resets every other token to "outside", which costs a tenth of the
        tokenizer's time; ``set_ents(default="unmodified")`` only writes the spans added and the
        slogan entities of an earlier run that are gone. The full merge
        (:func:`set_ents_filtered`) runs when a slogan displaces a shorter entity of another
        component.
        """
        if not existing:  # the usual case (slogans run first, or alone): no merge to do
            kept = filter_spans(spans)
            if kept:
                doc.set_ents(kept, default="unmodified")
            return
        mine = [e for e in existing if e.label_ == self.label]
        others = [e for e in existing if e.label_ != self.label]
        kept = filter_spans([*others, *spans])
        if len(kept) - sum(1 for k in kept if k.label_ == self.label) < len(others):
            set_ents_filtered(doc, spans, replace_labels=[self.label])
            return
        new = {(k.start, k.end): k for k in kept if k.label_ == self.label}
        old = {(e.start, e.end): e for e in mine}
        add = [k for key, k in new.items() if key not in old]
        gone = [e for key, e in old.items() if key not in new]
        if not add and not gone:
            return
        try:
            doc.set_ents(add, outside=gone, default="unmodified")
        except ValueError:  # an added span overlaps a removed one: rebuild all entities
            set_ents_filtered(doc, spans, replace_labels=[self.label])

    @staticmethod
    def _drop_blocked(existing: Sequence[Span], hits: List[SloganHit]) -> List[SloganHit]:
        """Drop hits overlapping people, and non-numbered hits inside project names.

        A quoted programme carried out by a verb (``实施“…工程”``) survives a PROJECT overlap:
        the quotation marks and the verb say it is a directive, not a construction project.
        """
        ents = [(e.start_char, e.end_char, e.label_) for e in existing]
        if not ents:
            return hits
        kept = []
        for h in hits:
            clash = False
            for s, e, label in ents:
                if s < h.end and h.start < e:
                    if label in BLOCKING_LABELS or (
                        label in NAME_LABELS
                        and h.kind not in ("numbered", "canon")
                        and h.rule not in NAME_PROOF_RULES
                    ):
                        clash = True
                        break
            if not clash:
                kept.append(h)
        return kept

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        scorer = self.scorer or slogans_score
        return scorer(examples, spans_key=self.spans_key, **kwargs)


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


@Language.factory("govnews_slogans", default_config=DEFAULT_CONFIG)
def make_slogans(
    nlp: Language,
    name: str,
    spans_key: str,
    label: str,
    unquoted: bool,
    max_quote_len: int,
    scorer: Optional[Callable[..., Dict[str, Any]]],
) -> SloganDetector:
    """Factory of the ``govnews_slogans`` component (entry point in pyproject.toml)."""
    return SloganDetector(
        nlp, name, spans_key=spans_key, label=label, unquoted=unquoted, max_quote_len=max_quote_len, scorer=scorer
    )
