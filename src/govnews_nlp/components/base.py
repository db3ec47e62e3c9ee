"""What every rule component shares: its tables of rules, loaded in ``initialize`` and saved.

A component declares the patterns files it needs (``TABLES``: file stem → pydantic model). The
tables are read from the packaged ``patterns/`` folder, or from a folder given at initialization
(``[initialize.components.NAME] patterns_dir = ...``), validated, compiled into regexes by the
subclass, and written by ``to_disk`` so a saved pipeline is self-contained: ``spacy.load`` in a
fresh process reads them back from the pipeline folder, not from the package.
"""

# No ``from __future__ import annotations`` here: spaCy reads ``initialize``'s signature to
# validate [initialize] settings and cannot resolve string annotations.
from pathlib import Path
from typing import Any, Callable, ClassVar, Dict, Iterable, List, Optional, Type, Union

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from ..lexicon import LexiconError, PathLike, Rule, default_patterns_dir, dump_rules, load_rules, parse_lines


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
        """Components added with ``nlp.add_pipe`` and used without ``nlp.initialize()`` still work."""
        if not self._compiled:
            self.load_tables()

    def compile(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    # -- serialization -----------------------------------------------------------------------------
    def _tables_text(self) -> Dict[str, str]:
        self.ensure_ready()
        return {stem: dump_rules(rules) for stem, rules in self.tables.items()}

    def _read_tables(self, texts: Dict[str, str], source: str) -> None:
        tables = {}
        for stem, model in self.TABLES.items():
            if stem not in texts:
                raise LexiconError(f"{source}: no {stem}.jsonl in the saved component")
            tables[stem] = parse_lines(texts[stem].splitlines(), model, f"{source}/{stem}.jsonl")
        self.set_tables(tables)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"tables": self._tables_text()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        self._read_tables(srsly.msgpack_loads(data)["tables"], f"<bytes of {self.name}>")
        return self

    def to_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for stem, text in self._tables_text().items():
            (path / f"{stem}.jsonl").write_text(text, encoding="utf-8")

    def from_disk(self, path: PathLike, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        path = Path(ensure_path(path))
        texts = {}
        for stem in self.TABLES:
            f = path / f"{stem}.jsonl"
            if f.exists():
                texts[stem] = f.read_text(encoding="utf-8")
        self._read_tables(texts, str(path))
        return self
