"""What every rule component shares: its tables of rules, loaded in ``initialize`` and saved.

A component declares the patterns files it needs (``TABLES``: file stem → pydantic model). The
tables are read from the packaged ``patterns/`` folder, or from a folder given at initialization
(``[initialize.components.NAME] patterns_dir = ...``), validated, compiled into regexes by the
subclass, and written by ``to_disk`` so a saved pipeline is self-contained: ``spacy.load`` in a
fresh process reads them back from the pipeline folder, not from the package.
"""

# No ``from __future__ import annotations`` here: spaCy reads ``initialize``'s signature to
# validate [initialize] settings and cannot resolve string annotations.
import warnings
from pathlib import Path
from typing import Any, Callable, ClassVar, Dict, Iterable, List, Optional, Type, Union

import srsly
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.util import ensure_path

from ..lexicon import LexiconError, PathLike, Rule, default_patterns_dir, dump_rules, load_rules, parse_lines

#: The ``exclude`` name of all rule tables of a component (``nlp.to_disk(p, exclude=["govnews_slogans"])``
#: skips a whole component; ``nlp.get_pipe(n).to_disk(p, exclude=["patterns"])`` its tables).
SERIALIZATION_FIELD = "patterns"


class RuleComponent:
    """Base class; subclasses set ``TABLES`` and implement ``compile`` and ``__call__``."""

    TABLES: ClassVar[Dict[str, Type[Rule]]] = {}

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.tables: Dict[str, List[Rule]] = {}
        self._compiled = False

    # -- rules -----------------------------------------------------------------------------------
    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Any]]] = None,
        *,
        nlp: Optional[Language] = None,
        patterns_dir: Optional[Union[str, Path]] = None,
    ) -> None:
        """Load the rule tables from ``patterns_dir`` (default: the packaged patterns)."""
        self.load_tables(patterns_dir)

    def load_tables(self, patterns_dir: Optional[PathLike] = None) -> None:
        folder = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        self.set_tables({stem: load_rules(folder / f"{stem}.jsonl", model) for stem, model in self.TABLES.items()})

    def set_tables(self, tables: Dict[str, List[Rule]]) -> None:
        missing = set(self.TABLES) - set(tables)
        if missing:
            raise LexiconError(f"{self.name}: missing rule tables {sorted(missing)}")
        self.tables = dict(tables)
        self.compile()
        self._compiled = True

    def ensure_ready(self) -> None:
        """A component used before ``nlp.initialize()`` has no rules yet. It loads them then, and
        says so once: from the ``[initialize.components.NAME]`` settings of the pipeline's config
        when there are any (``spacy train`` skips ``initialize`` for frozen components, and their
        settings must not be ignored without a word), else the packaged rules."""
        if self._compiled:
            return
        settings = self._initialize_settings()
        where = f"the patterns_dir {settings['patterns_dir']!r} of [initialize.components.{self.name}]" \
            if settings.get("patterns_dir") else "the packaged rules"
        warnings.warn(
            f"{self.name} was used before its initialize() ran (a frozen component in spacy train, or "
            f"nlp.initialize() not called): using {where}.",
            UserWarning,
            stacklevel=3,
        )
        self.load_tables(settings.get("patterns_dir"))

    def _initialize_settings(self) -> Dict[str, Any]:
        try:
            section = self.nlp.config["initialize"]["components"].get(self.name) or {}
        except (AttributeError, KeyError, TypeError):
            return {}
        return dict(section)

    def compile(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # -- serialization -----------------------------------------------------------------------------
    def _tables_text(self) -> Dict[str, str]:
        if not self._compiled:  # saving an uninitialized component saves the packaged rules
            self.load_tables()
        return {stem: dump_rules(rules) for stem, rules in self.tables.items()}

    def _read_tables(self, texts: Dict[str, str], source: str) -> None:
        tables = {}
        for stem, model in self.TABLES.items():
            if stem not in texts:
                raise LexiconError(f"{source}: no {stem}.jsonl in the saved component")
            tables[stem] = parse_lines(texts[stem].splitlines(), model, f"{source}/{stem}.jsonl")
        self.set_tables(tables)

    # ``exclude`` names what not to (de)serialize, as in spaCy's own components: ``"patterns"`` (all
    # rule tables) or a single table by its file stem (``"surnames"``); an excluded table keeps the
    # rules the component holds (or, on load, the packaged ones).
    def _excluded(self, exclude: Iterable[str]) -> set:
        exclude = set(exclude)
        return set(self.TABLES) if SERIALIZATION_FIELD in exclude else exclude & set(self.TABLES)

    def _merge_excluded(self, texts: Dict[str, str], excluded: set) -> Dict[str, str]:
        if excluded:
            current = self._tables_text()
            texts = {**texts, **{stem: current[stem] for stem in excluded}}
        return texts

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        skip = self._excluded(exclude)
        return srsly.msgpack_dumps({"tables": {k: v for k, v in self._tables_text().items() if k not in skip}})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        skip = self._excluded(exclude)
        texts = {k: v for k, v in srsly.msgpack_loads(data)["tables"].items() if k not in skip}
        self._read_tables(self._merge_excluded(texts, skip), f"<bytes of {self.name}>")
        return self

    def to_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        skip = self._excluded(exclude)
        for stem, text in self._tables_text().items():
            if stem not in skip:
                (path / f"{stem}.jsonl").write_text(text, encoding="utf-8")

    def from_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        path = Path(ensure_path(path))
        skip = self._excluded(exclude)
        texts = {}
        for stem in self.TABLES:
            f = path / f"{stem}.jsonl"
            if stem not in skip and f.exists():
                texts[stem] = f.read_text(encoding="utf-8")
        self._read_tables(self._merge_excluded(texts, skip), str(path))
        return self


def score_span_groups(examples: Iterable[Any], spans_keys: Iterable[str], **kwargs: Any) -> Dict[str, Any]:
    """P/R/F (overall and per label) of each span group in ``spans_keys``, under ``spans_{key}_*``.

    The one scorer style of every govnews component: the keys come from the component's config,
    so they follow a renamed group, and ``ents_*`` (the scores of spaCy's ``ner``) is never
    written: the entity step's own scorer writes ``govnews_ents_*``. Extra keyword arguments
    that ``nlp.evaluate`` passes are accepted and ignored.
    """
    examples = list(examples)
    scores: Dict[str, Any] = {}
    for key in spans_keys:
        scores.update(
            Scorer.score_spans(
                examples,
                f"spans_{key}",
                getter=lambda doc, attr, key=key: list(doc.spans.get(key, [])),
                has_annotation=lambda doc, key=key: key in doc.spans,
                labeled=True,
                allow_overlap=True,
            )
        )
    return scores


def span_group_weights(*spans_keys: str, weight: float = 1.0) -> Dict[str, float]:
    """``default_score_weights`` for span groups: F counts (split over the groups), P and R shown."""
    share = weight / len(spans_keys) if spans_keys else 0.0
    out: Dict[str, float] = {}
    for key in spans_keys:
        out.update({f"spans_{key}_f": share, f"spans_{key}_p": 0.0, f"spans_{key}_r": 0.0})
    return out
