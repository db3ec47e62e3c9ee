"""``govnews_officials``: the people of an article, their title chains, every mention linked.

The work is done on ``doc.text`` by :class:`~.scan.Scanner` (compiled regexes, no token
patterns), so the result is the same for every segmenter; this module turns its character hits
into spaCy annotations:

* ``doc.spans[spans_key]`` (default ``people``): every mention (label ``PERSON``, or ``JOURNALIST``
  for credits);
* ``doc.spans[titles_key]`` (default ``titles``): every title attached to a person (label ``TITLE``);
* ``Span._.person_name / person_titles / person_kind / person_id`` on mention spans, the id shared
  by all mentions of one person; ``Span._.title_info`` on title spans (org, post, deputy …);
* ``Doc._.people`` and the record field ``people`` (``[{"name", "titles", "kind"}]``).

``doc.ents`` is left to the entity step (``govnews_entities``), which merges every component's
groups. All data lives in ``doc.user_data`` under string keys with plain values, so it survives
``Doc.to_bytes`` and multiprocessing; the extensions are getters over it.
"""

# No ``from __future__ import annotations`` here: spaCy builds pydantic models of the factory's
# signature (to validate [components] settings) and cannot resolve string annotations.
from typing import Any, Callable, ClassVar, Dict, Iterable, List, Optional, Type

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from ...extensions import doc_text, set_extension_once, set_record_field
from ...lexicon import Rule
from ...spans import make_spans
from ..base import RuleComponent, score_span_groups, span_group_weights
from .names import NameModel
from .record import doc_data, valid_credits
from .rules import LevelRule, ModifierRule, OrgRule, PostRule, StopRule, SurnameRule, WordRule
from .scan import Scanner, ScanResult
from .titles import TitleParser

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
    """Span P/R/F of the mentions (per label) and of the titles (``spans_people_f`` …)."""
    return score_span_groups(examples, (spans_key, titles_key))


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

    def __init__(self, nlp: Language, name: str = "govnews_officials", *,
                 person_label: str = DEFAULT_CONFIG["person_label"],
                 journalist_label: str = DEFAULT_CONFIG["journalist_label"],
                 title_label: str = DEFAULT_CONFIG["title_label"],
                 spans_key: str = DEFAULT_CONFIG["spans_key"],
                 titles_key: str = DEFAULT_CONFIG["titles_key"],
                 max_title_chars: int = DEFAULT_CONFIG["max_title_chars"],
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
        spans = make_spans(doc, hits, len(text))
        doc.spans[self.spans_key] = spans[:n_mentions]
        doc.spans[self.titles_key] = spans[n_mentions:]
        return doc

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        if self.scorer is None:
            return {}
        return self.scorer(examples, spans_key=self.spans_key, titles_key=self.titles_key, **kwargs)


def _valid_credits(doc: Doc, n: int) -> List[dict]:
    """The normalizer's credits; a malformed one is skipped with a warning, never a crash."""
    return valid_credits(doc.user_data.get(CREDITS_KEY), n)


@Language.factory(
    "govnews_officials",
    default_config=DEFAULT_CONFIG,
    assigns=["doc.spans", "doc._.people", "span._.person_name", "span._.person_titles", "span._.person_kind",
             "span._.person_id", "span._.title_info"],
    default_score_weights=span_group_weights(DEFAULT_CONFIG["spans_key"], DEFAULT_CONFIG["titles_key"]),
)
def make_officials(nlp: Language, name: str, person_label: str, journalist_label: str, title_label: str,
                   spans_key: str, titles_key: str, max_title_chars: int,
                   scorer: Optional[Callable[..., Dict[str, Any]]]) -> "OfficialsMatcher":
    """Registered factory (entry point ``govnews_officials``); config keys as in :data:`DEFAULT_CONFIG`."""
    return OfficialsMatcher(nlp, name, person_label=person_label, journalist_label=journalist_label,
                            title_label=title_label, spans_key=spans_key, titles_key=titles_key,
                            max_title_chars=max_title_chars, scorer=scorer)
