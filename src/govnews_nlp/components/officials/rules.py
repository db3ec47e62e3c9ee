"""The schemas of the officials' patterns files, validated on load by :mod:`govnews_nlp.lexicon`.

One model per file shape. Every entry has an ``id`` (from :class:`~govnews_nlp.lexicon.Rule`);
unknown keys are rejected, so a typo in a patterns file fails loudly with its file and line.
"""

from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import field_validator, model_validator

from ...lexicon import Rule, safe_regex

Level = Literal["国家", "省", "市", "县", "区", "乡镇"]


class WordRule(Rule):
    """A plain word (surnames, follow words, collective labels, non-names, exclusions)."""

    text: str

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("text must not be empty")
        return v


class SurnameRule(Rule):
    """Surnames: ``chars`` is one single-character surname per character, or, with an id starting
    ``compound``, one compound surname (欧阳). The same file and schema serve the normalizer's
    credit detection (``govnews_nlp.normalize.rules.surnames``)."""

    chars: str

    def surnames(self) -> list:
        if self.id.startswith("compound") and len(self.chars) == 2:
            return [self.chars]
        return list(self.chars)


class PostRule(Rule):
    """A post (书记, 市长, 董事长): the word a title ends in. ``kind`` role = kind taken from the org."""

    text: str
    kind: Literal["official", "executive", "role"]
    level: Optional[Level] = None


class OrgRule(Rule):
    """An organisation word inside a title; ``company`` makes the holder an executive."""

    text: str
    kind: Literal["party", "government", "congress", "cppcc", "discipline", "democratic_party", "mass_org",
                  "education", "company"]
    level: Optional[Level] = None


class ModifierRule(Rule):
    """A word between org and post: 副 (deputy), 常务副 (executive deputy), 代 (acting), 原 (former)…"""

    text: str
    flag: Literal["deputy", "executive_deputy", "acting", "former", "rank", "honorary"]


class LevelRule(Rule):
    """An administrative-division word and the level it stands for."""

    text: str
    level: Level


class StopRule(Rule):
    """Where a title read backwards stops (``stop``), or a word that protects its characters (``keep``).

    Either a literal ``text`` or a regular expression ``pattern``.
    """

    text: str = ""
    pattern: Optional[str] = None
    kind: Literal["stop", "keep"]

    @model_validator(mode="after")
    def _text_or_pattern(self) -> StopRule:
        if bool(self.text) == bool(self.pattern):
            raise ValueError("give exactly one of text or pattern")
        if self.pattern:
            safe_regex(self.pattern)
        return self

    def regex(self) -> str:
        return self.pattern if self.pattern else re.escape(self.text)
