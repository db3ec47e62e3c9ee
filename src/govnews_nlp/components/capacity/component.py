"""``govnews_capacity``: capacities, investments and named projects, with normalised values.

The component scans ``doc.text`` (the normalized text) with the compiled regexes of
:mod:`.quantities` and :mod:`.projects`; the rules are the JSONL tables of :mod:`.rules`. It
writes

* ``doc.spans[capacities_key]``, ``doc.spans[investments_key]``, ``doc.spans[projects_key]``
  (default ``capacities``, ``investments``, ``projects``): every hit, nested ones too (a capacity
  inside a project name is in both groups), with the parsed values on ``span._.capacity`` /
  ``span._.investment`` / ``span._.project``;
* the record fields ``capacities``, ``investments`` (deduplicated by text) and ``projects``.

Project names stop at a person: the character spans of ``doc.spans[people_key]`` (default
``people``, the officials component's, which runs first) go to the finder, with the
part-of-speech lexicon of the tables folder (``pos_lexicon.txt`` of a custom ``patterns_dir``,
else the packaged one).

``doc.ents`` is the entity step's (``govnews_entities``: a project wins over the capacity inside
it). Character offsets do not depend on the segmenter: hits are found on the text, and
:func:`govnews_nlp.spans.make_spans` splits word tokens where jieba or pkuseg straddle a boundary.
"""

# No ``from __future__ import annotations`` here: spaCy builds pydantic models of the factory's
# signature (to validate [components] settings) and cannot resolve string annotations.
import shutil
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples
from spacy.util import registry

from ...extensions import doc_text, set_extension_once
from ...lexicon import PathLike, default_patterns_dir
from ...pos_lexicon import LEXICON_FILE, PosLexicon
from ..base import RuleComponent, score_span_groups, span_group_weights
from .projects import ProjectFinder
from .quantities import QuantityScanner
from .record import SPAN_RECORDS_KEY, annotate
from .rules import TABLES

DEFAULT_CONFIG: Dict[str, Any] = {
    "capacity_label": "CAPACITY",
    "investment_label": "INVESTMENT",
    "project_label": "PROJECT",
    "capacities_key": "capacities",
    "investments_key": "investments",
    "projects_key": "projects",
    "people_key": "people",
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


def score_capacity(examples: Iterable[Example], *, spans_keys: Iterable[str] = ("capacities", "investments",
                   "projects"), **kwargs: Any) -> Dict[str, Any]:
    """P/R/F of the three span groups (``spans_capacities_f`` …)."""
    examples = list(examples)
    validate_examples(examples, "govnews_capacity.score")
    return score_span_groups(examples, spans_keys)


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
        capacity_label: str = DEFAULT_CONFIG["capacity_label"],
        investment_label: str = DEFAULT_CONFIG["investment_label"],
        project_label: str = DEFAULT_CONFIG["project_label"],
        capacities_key: str = DEFAULT_CONFIG["capacities_key"],
        investments_key: str = DEFAULT_CONFIG["investments_key"],
        projects_key: str = DEFAULT_CONFIG["projects_key"],
        people_key: str = DEFAULT_CONFIG["people_key"],
        scorer: Optional[Callable[..., Dict[str, Any]]] = score_capacity,
    ) -> None:
        super().__init__(nlp, name)
        self.labels = (capacity_label, investment_label, project_label)
        self.keys = (capacities_key, investments_key, projects_key)
        #: the span group of the person mentions (the officials component's): a person is never
        #: inside a project name, so the finder's noun phrases stop at one
        self.people_key = people_key
        #: the folder the rule tables came from (``None``: the packaged patterns)
        self._tables_dir: Optional[Path] = None
        self.scorer = scorer
        self.scanner: Optional[QuantityScanner] = None
        self.finder: Optional[ProjectFinder] = None

    def load_tables(self, patterns_dir: Optional[PathLike] = None) -> None:
        """As the base class's, remembering the folder: its ``pos_lexicon.txt``, when it has one,
        is the project finder's part-of-speech lexicon (see :meth:`compile`)."""
        self._tables_dir = Path(patterns_dir) if patterns_dir else None
        super().load_tables(patterns_dir)

    def _custom_lexicon_file(self) -> Optional[Path]:
        """The ``pos_lexicon.txt`` of the tables folder when it is not the packaged one."""
        folder = self._tables_dir
        if folder is None or folder.resolve() == default_patterns_dir().resolve():
            return None
        path = folder / LEXICON_FILE
        return path if path.is_file() else None

    def _pos_lexicon(self) -> Optional[PosLexicon]:
        """The lexicon of the tables folder, or ``None`` (the finder then loads the packaged one on
        first use): a custom ``patterns_dir`` may carry its own ``pos_lexicon.txt``."""
        path = self._custom_lexicon_file()
        return PosLexicon.load(path) if path is not None else None

    # a custom lexicon travels with a saved pipeline, like the rule tables
    def to_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        custom = self._custom_lexicon_file()
        if custom is not None and "patterns" not in set(exclude):
            shutil.copyfile(custom, Path(path) / LEXICON_FILE)

    def from_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> "CapacityRuler":
        folder = Path(path)
        self._tables_dir = folder if (folder / LEXICON_FILE).is_file() else None
        return super().from_disk(path, exclude=exclude)

    def compile(self) -> None:
        t = self.tables
        self.scanner = QuantityScanner(
            t["units"], t["capacity_markers"], t["capacity_periods"], t["capacity_qualifiers"],
            t["capacity_exclusions"], t["investment_keywords"], t["investment_units"], t["investment_exclusions"],
        )
        self.finder = ProjectFinder(
            t["project_suffixes"], t["project_boundaries"], t["project_generic"], lexicon=self._pos_lexicon()
        )

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        assert self.scanner is not None and self.finder is not None
        text = doc_text(doc)
        caps, invs = self.scanner.scan(text)
        people = [(s.start_char, s.end_char) for s in doc.spans.get(self.people_key, [])]
        projects = self.finder.find(text, caps, invs, people=people)
        annotate(doc, text, caps, invs, projects, self.labels, self.keys)
        return doc

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        """Scores for ``spacy evaluate``: see :func:`score_capacity`."""
        if self.scorer is None:
            return {}
        return self.scorer(examples, spans_keys=self.keys)


@Language.factory(
    "govnews_capacity",
    default_config=DEFAULT_CONFIG,
    assigns=["doc.spans", "span._.capacity", "span._.investment", "span._.project"],
    default_score_weights=span_group_weights(
        DEFAULT_CONFIG["capacities_key"], DEFAULT_CONFIG["investments_key"], DEFAULT_CONFIG["projects_key"]
    ),
)
def make_capacity(
    nlp: Language,
    name: str,
    capacity_label: str,
    investment_label: str,
    project_label: str,
    capacities_key: str,
    investments_key: str,
    projects_key: str,
    people_key: str,
    scorer: Optional[Callable[..., Dict[str, Any]]],
) -> CapacityRuler:
    """Factory of the ``govnews_capacity`` component (entry point in pyproject.toml)."""
    return CapacityRuler(
        nlp,
        name,
        capacity_label=capacity_label,
        investment_label=investment_label,
        project_label=project_label,
        capacities_key=capacities_key,
        investments_key=investments_key,
        projects_key=projects_key,
        people_key=people_key,
        scorer=scorer,
    )


__all__ = ["DEFAULT_CONFIG", "CapacityRuler", "make_capacity", "make_capacity_scorer", "score_capacity"]
