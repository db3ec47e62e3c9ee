"""``govnews_officials``: the people of an article, their title chains, every mention linked.

The work is done on ``doc.text`` by :class:`~.officials_scan.Scanner` (compiled regexes, no token
patterns), so the result is the same for every segmenter; this module turns its character hits
into spaCy annotations:

* ``doc.spans["people"]``: every mention (label ``PERSON``, or ``JOURNALIST`` for credits);
* ``doc.spans["titles"]``: every title attached to a person (label ``TITLE``);
* ``doc.ents``: the mentions, merged with other components' entities (longest wins);
* ``Span._.person_name / person_titles / person_kind / person_id`` on mention spans, the id shared
  by all mentions of one person; ``Span._.title_info`` on title spans (org, post, deputy …);
* ``Doc._.people`` and the record field ``people`` (``[{"name", "titles", "kind"}]``).

All data lives in ``doc.user_data`` under string keys with plain values, so it survives
``Doc.to_bytes`` and multiprocessing; the extensions are getters over it.
"""

# No ``from __future__ import annotations`` here: spaCy builds pydantic models of the factory's
# signature (to validate [components] settings) and cannot resolve string annotations.
from typing import Any, Callable, ClassVar, Dict, Iterable, List, Optional, Tuple, Type

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .. import docfast
from ..extensions import doc_text, set_extension_once, set_record_field
from ..lexicon import Rule
from ..spans import set_ents_filtered
from ..titles import TitleParser
from .base import RuleComponent
from .officials_doc import doc_data, hit_spans, valid_credits
from .officials_names import NameModel
from .officials_rules import LevelRule, ModifierRule, OrgRule, PostRule, StopRule, SurnameRule, WordRule
from .officials_scan import Scanner, ScanResult

PEOPLE_KEY = "govnews_nlp.people"
CREDITS_KEY = "govnews_nlp.credits"

DEFAULT_CONFIG: Dict[str, Any] = {
    "person_label": "PERSON",
    "journalist_label": "JOURNALIST",
    "title_label": "TITLE",
    "spans_key": "people",
    "titles_key": "titles",
    "max_title_chars": 24,
    "scorer": {"@scorers": "govnews_nlp.officials_scorer.v1"},
}


# -- extensions: getters over doc.user_data ---------------------------------------------------------
def _people_data(doc: Doc) -> Dict[str, Any]:
    return doc.user_data.get(PEOPLE_KEY) or {"persons": [], "mentions": {}, "titles": {}}


def _person_of(span: Span) -> Optional[Dict[str, Any]]:
    data = _people_data(span.doc)
    pid = data["mentions"].get(f"{span.start_char}:{span.end_char}")
    if pid is None:
        return None
    for p in data["persons"]:
        if p["id"] == pid:
            return p
    return None


def _getter(key: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        p = _person_of(span)
        return None if p is None else p[key]

    return get


def _title_info(span: Span) -> Optional[Dict[str, Any]]:
    return _people_data(span.doc)["titles"].get(f"{span.start_char}:{span.end_char}")


def _doc_people(doc: Doc) -> List[Dict[str, Any]]:
    return _people_data(doc)["persons"]


def register_officials_extensions() -> None:
    set_extension_once(Span, "person_name", getter=_getter("name"))
    set_extension_once(Span, "person_titles", getter=_getter("titles"))
    set_extension_once(Span, "person_kind", getter=_getter("kind"))
    set_extension_once(Span, "person_id", getter=_getter("id"))
    set_extension_once(Span, "title_info", getter=_title_info)
    set_extension_once(Doc, "people", getter=_doc_people)


register_officials_extensions()


# -- scoring --------------------------------------------------------------------------------------
def score_people(examples: Iterable[Example], *, spans_key: str = "people", titles_key: str = "titles",
                 **kwargs: Any) -> Dict[str, Any]:
    """Span P/R/F of the mentions (per label) and of the titles, for ``spacy evaluate``."""
    examples = list(examples)
    out: Dict[str, Any] = {}
    for key in (spans_key, titles_key):
        out.update(Scorer.score_spans(
            examples, key,
            getter=lambda doc, attr: doc.spans.get(attr, []),
            has_annotation=lambda doc, key=key: key in doc.spans,
            **kwargs,
        ))
    return out


@registry.scorers("govnews_nlp.officials_scorer.v1")
def make_officials_scorer() -> Callable[..., Dict[str, Any]]:
    return score_people


# -- the component --------------------------------------------------------------------------------
class OfficialsMatcher(RuleComponent):
    """Officials, executives and journalists with their titles; see the module docstring."""

    TABLES: ClassVar[Dict[str, Type[Rule]]] = {
        "titles_posts": PostRule,
        "titles_orgs": OrgRule,
        "titles_modifiers": ModifierRule,
        "titles_levels": LevelRule,
        "surnames": SurnameRule,
        "name_context_follow": WordRule,
        "name_context_stops": StopRule,
        "name_context_exclude": WordRule,
        "people_labels": WordRule,
        "people_nonnames": WordRule,
    }

    def __init__(self, nlp: Language, name: str = "govnews_officials", *, person_label: str = "PERSON",
                 journalist_label: str = "JOURNALIST", title_label: str = "TITLE", spans_key: str = "people",
                 titles_key: str = "titles", max_title_chars: int = 24,
                 scorer: Optional[Callable[..., Dict[str, Any]]] = score_people) -> None:
        super().__init__(nlp, name)
        if max_title_chars < 2:
            raise ValueError(f"{name}: max_title_chars must be at least 2, got {max_title_chars}")
        self.person_label = person_label
        self.journalist_label = journalist_label
        self.title_label = title_label
        self.spans_key = spans_key
        self.titles_key = titles_key
        self.max_title_chars = max_title_chars
        self.scorer = scorer
        self.scanner: Optional[Scanner] = None
        self._title_dicts: Dict[str, Dict[str, Any]] = {}  # plain dict per title text, see doc_data

    def compile(self) -> None:
        t = self.tables
        parser = TitleParser(t["titles_posts"], t["titles_orgs"], t["titles_modifiers"], t["titles_levels"])
        names = NameModel((s for r in t["surnames"] for s in r.surnames()), (r.text for r in t["name_context_follow"]),
                          (r.text for r in t["people_nonnames"]))
        stops = [r for r in t["name_context_stops"] if r.kind == "stop"]
        self.scanner = Scanner(
            parser=parser,
            names=names,
            labels=[r.text for r in t["people_labels"]],
            stops=[r.text for r in stops if not r.pattern],
            stop_patterns=[r.pattern for r in stops if r.pattern],
            keeps=[r.text for r in t["name_context_stops"] if r.kind == "keep"],
            excludes=[r.text for r in t["name_context_exclude"]],
            max_title_chars=self.max_title_chars,
        )

    # -- the work -------------------------------------------------------------------------------
    def scan(self, text: str, credits: Iterable[dict] = ()) -> ScanResult:
        """The people of ``text`` (clean text), without building a Doc."""
        self.ensure_ready()
        assert self.scanner is not None
        return self.scanner.scan(text, list(credits))

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        assert self.scanner is not None
        text = doc_text(doc)
        result = self.scanner.scan(text, _valid_credits(doc, len(text)))
        strings = doc.vocab.strings  # labels as hashes: a Span made with a string looks it up each time
        hits, n_mentions, data, record = doc_data(result, strings.add(self.person_label),
                                                  strings.add(self.journalist_label), strings.add(self.title_label),
                                                  self._title_dicts)
        doc.user_data[PEOPLE_KEY] = data
        set_record_field(doc, "people", record)
        if docfast.COMPILED and self._annotate_fast(doc, hits, n_mentions, len(text)):
            return doc
        spans = hit_spans(doc, hits, len(text))
        people_spans, title_spans = spans[:n_mentions], spans[n_mentions:]
        doc.spans[self.spans_key] = people_spans
        doc.spans[self.titles_key] = title_spans
        _set_ents(doc, people_spans, (self.person_label, self.journalist_label))
        return doc

    def _annotate_fast(self, doc: Doc, hits: List[Tuple[int, int, int]], n_mentions: int, text_len: int) -> bool:
        """The usual case on the compiled path (:mod:`govnews_nlp.docfast`): a Doc with no entities
        yet, every hit on token boundaries; the span groups and entities are written on the Doc's
        arrays, no ``Span`` per hit. False (nothing written) otherwise."""
        if docfast.entities_present(doc):
            return False
        # one character per token and no whitespace (the char tokenizer): offsets are token indices
        tok = hits if len(doc) == text_len else docfast.token_hits(doc, hits)
        if tok is None:  # a token must be split (make_spans)
            return False
        mentions = tok[:n_mentions]
        doc.spans[self.spans_key] = docfast.span_group(doc, self.spans_key, mentions)
        doc.spans[self.titles_key] = docfast.span_group(doc, self.titles_key, tok[n_mentions:])
        # the mentions never overlap: set_ents(default="unmodified") on a Doc without entities
        docfast.set_entities(doc, mentions)
        return True

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        if self.scorer is None:
            return {}
        return self.scorer(examples, spans_key=self.spans_key, titles_key=self.titles_key, **kwargs)


def _set_ents(doc: Doc, spans: List[Span], labels: Tuple[str, ...]) -> None:
    """Our mentions into ``doc.ents``, replacing our earlier ones.

    The mentions never overlap each other. When the Doc holds no other component's entities, only
    the tokens of old and new mentions are touched (``set_ents(default="unmodified")``): resetting
    every token, as ``doc.ents = …`` does, costs more than the whole scan. Otherwise the general
    merge of :func:`~govnews_nlp.spans.set_ents_filtered` (longest wins) applies.
    """
    old = doc.ents  # a C loop over the tokens; ``doc.has_annotation`` is a Python generator, 10× slower
    if not old:
        doc.set_ents(spans, default="unmodified")
        return
    if any(e.label_ not in labels for e in old):
        set_ents_filtered(doc, spans, replace_labels=labels)
        return
    new = {(s.start, s.end) for s in spans}
    gone = [e for e in old if (e.start, e.end) not in new]
    if any(g.start < s.end and s.start < g.end for g in gone for s in spans):
        set_ents_filtered(doc, spans, replace_labels=labels)
        return
    doc.set_ents(spans, outside=gone, default="unmodified")


def _valid_credits(doc: Doc, n: int) -> List[dict]:
    """The normalizer's credits; a malformed one is skipped with a warning, never a crash."""
    return valid_credits(doc.user_data.get(CREDITS_KEY), n)


@Language.factory("govnews_officials", default_config=DEFAULT_CONFIG)
def make_officials(nlp: Language, name: str, person_label: str, journalist_label: str, title_label: str,
                   spans_key: str, titles_key: str, max_title_chars: int,
                   scorer: Optional[Callable[..., Dict[str, Any]]]) -> "OfficialsMatcher":
    """Registered factory (entry point ``govnews_officials``); config keys as in :data:`DEFAULT_CONFIG`."""
    return OfficialsMatcher(nlp, name, person_label=person_label, journalist_label=journalist_label,
                            title_label=title_label, spans_key=spans_key, titles_key=titles_key,
                            max_title_chars=max_title_chars, scorer=scorer)
