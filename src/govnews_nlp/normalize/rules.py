"""The normalizer's rule tables (``patterns/junk.jsonl``, ``credits.jsonl``, ``surnames.jsonl``,
``script_words.jsonl``, ``variants.jsonl``): their pydantic schemas and cached loaders, one cache entry per
:class:`~.tables.Tables` (``None``: the packaged ones).

Lists that grow with experience (junk phrases, credit labels, surnames, extra words) are data, so
they can be reviewed and extended without touching code. Every entry has an ``id`` (a report can
name the rule that fired) and is validated when first used; a bad entry fails with file:line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, List, Literal, Optional, Tuple

from pydantic import field_validator, model_validator

from ..lexicon import Rule, parse_lines

if TYPE_CHECKING:  # pragma: no cover
    from .tables import Tables


class JunkRule(Rule):
    """A piece of web page furniture. ``scope="line"``: the pattern must cover a whole line, and
    the line (with its line break) goes; ``scope="inline"``: only the match goes."""

    pattern: str
    trigger: str  # occurs inside every match: the step's cheap pre-check
    reason: str
    scope: Literal["line", "inline"] = "inline"

    @field_validator("pattern", "trigger")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            compiled = re.compile(value)
        except re.error as err:
            raise ValueError(f"not a valid regular expression: {err}") from None
        if compiled.groupindex:
            raise ValueError("named groups are reserved; use (?:...)")
        return value


class CreditRule(Rule):
    """A credit label as printed (``记者``, ``责任编辑``, ``摄影``). ``position="before"``: the
    names follow the label; ``"after"``: the label follows one name (``梁琛摄``); ``"source"``: a
    source line (``来源：某县融媒体中心 王某``), the names follow the outlet after the label."""

    label: str
    position: Literal["before", "after", "source"] = "before"
    prefixed: bool = False  # an organisation may precede it and belongs to the role: 慈利站记者
    # words that may stand right before the label and belong to it (实习记者, 一审, 责任编辑);
    # ``bare=False``: the label only counts with one of them (审 alone is no credit)
    modifiers: Tuple[str, ...] = ()
    bare: bool = True

    def forms(self) -> List[str]:
        """Every printed form of the label: the modifiers crossed with the label."""
        return [m + self.label for m in self.modifiers] + ([self.label] if self.bare else [])


class SurnameRule(Rule):
    """Surnames, as a string of characters (single-character surnames) or one compound surname."""

    chars: str


class WordRule(Rule):
    """A Simplified word the script fixes may rely on beyond pypinyin's phrase list."""

    word: str


class VariantRule(Rule):
    """A variant character t2s leaves alone and mainland text writes as ``to`` (陜 → 陕, 堿 → 碱).

    One character for one (offsets stay positional). ``words``: the replacement applies only
    inside one of them (each holds ``char``); empty: everywhere. ``source`` says why the mapping
    is right, since a variant table taken blindly from Unihan is not (陜's variant there is 狹)."""

    char: str
    to: str
    words: Tuple[str, ...] = ()
    source: str

    @field_validator("char", "to")
    @classmethod
    def _one_han(cls, value: str) -> str:
        if len(value) != 1 or not ("\u3400" <= value <= "\u9fff" or "\uf900" <= value <= "\ufaff"):
            raise ValueError(f"must be one Chinese character, not {value!r}")
        return value

    @field_validator("source")
    @classmethod
    def _has_source(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a variant needs its source: why the mapping is right")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> VariantRule:
        if self.char == self.to:
            raise ValueError(f"char and to are the same character {self.char!r}")
        bad = [w for w in self.words if self.char not in w]
        if bad:
            raise ValueError(f"words must contain {self.char!r}: {bad}")
        return self


def _load(tables: Optional[Tables], name: str, model):
    from .tables import resolve

    tables = resolve(tables)
    return parse_lines(tables.read(f"{name}.jsonl").splitlines(), model, tables.source(f"{name}.jsonl"))


@lru_cache(maxsize=8)
def junk_rules(tables: Optional[Tables] = None) -> Tuple[JunkRule, ...]:
    return tuple(_load(tables, "junk", JunkRule))


@lru_cache(maxsize=8)
def credit_rules(tables: Optional[Tables] = None) -> Tuple[CreditRule, ...]:
    return tuple(_load(tables, "credits", CreditRule))


@lru_cache(maxsize=8)
def surnames(tables: Optional[Tables] = None) -> Tuple[frozenset, Tuple[str, ...]]:
    """(single-character surnames, compound surnames)."""
    single: set = set()
    compound: List[str] = []
    for rule in _load(tables, "surnames", SurnameRule):
        if len(rule.chars) == 2 and rule.id.startswith("compound"):
            compound.append(rule.chars)
        else:
            single.update(rule.chars)
    return frozenset(single), tuple(compound)


@lru_cache(maxsize=8)
def extra_words(tables: Optional[Tables] = None) -> frozenset:
    return frozenset(r.word for r in _load(tables, "script_words", WordRule))


@lru_cache(maxsize=8)
def variant_rules(tables: Optional[Tables] = None) -> Tuple[VariantRule, ...]:
    """The variants table; a character listed twice fails (which entry would win is not data)."""
    rules = tuple(_load(tables, "variants", VariantRule))
    seen: dict = {}
    for rule in rules:
        if rule.char in seen:
            from ..lexicon import LexiconError
            from .tables import resolve

            raise LexiconError(f"{resolve(tables).source('variants.jsonl')}: {rule.char!r} is listed twice "
                               f"({seen[rule.char]!r} and {rule.id!r})")
        seen[rule.char] = rule.id
    return rules
