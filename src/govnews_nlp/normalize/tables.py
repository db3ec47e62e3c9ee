"""The normalizer's tables as one object that a pipeline can carry: where they are read from,
validated, saved and restored.

The steps read their rule tables (``junk.jsonl``, ``credits.jsonl``, ``surnames.jsonl``,
``script_words.jsonl``, ``words.txt``, ``variants.jsonl``) through a :class:`Tables`. The packaged ``patterns/`` are
one; a folder named by ``patterns_dir`` in ``[initialize.tokenizer]`` is another; a saved pipeline
carries its own copy (the tokenizer's ``to_disk``/``to_bytes``), so a pipeline loaded elsewhere
normalizes with the tables it was saved with even when the packaged ones have changed since.

Reading is lazy: a :class:`Tables` made from a folder holds only the path until a step asks;
:meth:`Tables.validate` (called when a user names a folder, and when a saved copy is read back)
checks every file up front, so a bad line fails at load with file:line, not at the first text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

from ..lexicon import LexiconError, PathLike, default_patterns_dir, read_patterns_text

#: Every file the normalizer reads; these travel with a saved pipeline.
FILES: Tuple[str, ...] = ("junk.jsonl", "credits.jsonl", "surnames.jsonl", "script_words.jsonl", "words.txt",
                          "variants.jsonl")
#: Files added after pipelines were first saved with their tables: a saved copy or a folder made
#: before they existed reads the packaged file instead (what that pipeline would have done then
#: was to have none; the packaged table is the reviewed default).
ADDED_LATER: Tuple[str, ...] = ("variants.jsonl",)


class Tables:
    """The normalizer's files, from a folder (read on first use) or held in memory (restored).

    Hashable by identity: the compiled forms of its rules are cached per object.
    """

    __slots__ = ("__weakref__", "_texts", "folder")

    def __init__(self, folder: Optional[PathLike] = None, texts: Optional[Dict[str, str]] = None) -> None:
        self.folder: Optional[Path] = Path(folder) if folder is not None else None
        self._texts: Dict[str, str] = dict(texts or {})
        if self.folder is None and set(self._texts) | set(ADDED_LATER) != set(FILES):
            missing = sorted(set(FILES) - set(self._texts) - set(ADDED_LATER))
            raise LexiconError(f"normalizer tables without a folder miss {missing}")

    @classmethod
    def from_dir(cls, folder: PathLike) -> Tables:
        """The tables of ``folder``, every file checked now (file:line on the first bad entry)."""
        tables = cls(folder)
        tables.validate()
        return tables

    def source(self, name: str) -> str:
        """What error messages call the file: its path, or ``<saved pipeline>/name``."""
        return str(self.folder / name) if self.folder is not None else f"<saved pipeline>/{name}"

    def read(self, name: str) -> str:
        if name not in FILES:
            raise KeyError(f"{name!r} is not a normalizer table; known: {', '.join(FILES)}")
        text = self._texts.get(name)
        if text is None and name in ADDED_LATER and (self.folder is None or not (self.folder / name).exists()):
            text = self._texts[name] = (default_patterns_dir() / name).read_text(encoding="utf-8")
        if text is None:
            text = self._texts[name] = read_patterns_text(self.folder / name)  # type: ignore[operator]
        return text

    def texts(self) -> Dict[str, str]:
        """Every file's text (reads them all): what ``to_bytes`` and ``to_disk`` write."""
        return {name: self.read(name) for name in FILES}

    def validate(self) -> None:
        """Parse every rule table now (the parsed rules stay cached for the steps); raises
        :class:`LexiconError` naming the file and line. ``words.txt`` (123,000 lines, needed only
        by texts with lost characters or 著/瞭) is checked, line by line, when first used."""
        from .rules import credit_rules, extra_words, junk_rules, surnames, variant_rules

        junk_rules(self)
        credit_rules(self)
        surnames(self)
        extra_words(self)
        variant_rules(self)

    def to_disk(self, folder: PathLike) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.texts().items():
            (folder / name).write_text(text, encoding="utf-8")

    def __repr__(self) -> str:
        return f"Tables({str(self.folder) if self.folder else '<in memory>'})"


@lru_cache(maxsize=1)
def default_tables() -> Tables:
    """The packaged ``patterns/`` (nothing is read until a step asks)."""
    return Tables(default_patterns_dir())


def resolve(tables: Optional[Tables]) -> Tables:
    return default_tables() if tables is None else tables
