"""Schemas of the patterns files read by ``govnews_capacity`` (one pydantic model per file).

Each model validates one line of ``patterns/<stem>.jsonl``; :data:`TABLES` maps the file stems
to the models. The files' contents and sources are described in docs/capacity.md.
"""

from __future__ import annotations

import re
from typing import Dict, List, Literal, Optional, Type

from pydantic import Field, field_validator, model_validator

from ...lexicon import Rule, safe_regex


class UnitRule(Rule):
    """A unit as printed after the number: ``吨``, ``千瓦``, ``GW``, ``立方米``, ``标米`` …

    ``bare`` says when a number with this unit is a capacity without a rate marker:
    ``always`` (``78万吨``), ``magnitude`` (only with 万/亿 folded in: ``6600万度`` but not
    ``30度``), ``never`` (``辆``, ``平方米``: only after 年产… or before …/年).
    """

    surface: str
    canonical: str
    factor: float = 1.0
    kind: Literal["mass", "power", "energy", "volume", "length", "container", "count", "area"]
    bare: Literal["always", "magnitude", "never"] = "always"


class MarkerRule(Rule):
    """An activity word. ``rate`` words follow a time base (``年产``, ``日处理``, ``年发电量``) and
    start the capacity text; ``context`` words (``产能``, ``装机容量``) only tell the activity of
    a following number and stay outside the text (the README's ``per`` rule)."""

    surface: str
    activity: str
    use: Literal["rate", "context"] = "rate"


class PeriodRule(Rule):
    """A time base: a ``prefix`` before the activity (``年``产, ``日``可处理) or a ``suffix``
    after the unit (吨``/年``, t``/d``)."""

    surface: str
    per: Literal["年", "日", "小时"]
    position: Literal["prefix", "suffix"]


class QualifierRule(Rule):
    """An approximator kept as a flag: ``超``, ``近``, ``约`` (before), ``以上``, ``左右`` (after)."""

    surface: str
    position: Literal["before", "after"]
    kind: Literal["over", "under", "approx", "reach"]


class ContextRule(Rule):
    """A regex on the text just ``before`` or ``after`` a hit; a match drops the hit
    (``6815万吨白云岩开采权`` is a reserve, not a capacity)."""

    pattern: str
    side: Literal["before", "after"]

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return safe_regex(value)


class InvestmentKeywordRule(Rule):
    """``总投资``, ``计划投资``, ``已投入`` … ``before`` the amount, or a head ``after`` it
    (``超百亿元项目``, ``5亿元投资``). ``gap`` is how many filler characters (达, 为, 约为) may
    stand between keyword and amount."""

    surface: str
    position: Literal["before", "after"] = "before"
    gap: int = 3


class MoneyUnitRule(Rule):
    """A currency after the amount; ``unit`` is what the record says (``元``)."""

    surface: str
    unit: str


class ProjectSuffixRule(Rule):
    """A project head: ``项目``, ``工程``, ``基地``, ``园区``, ``产业园``. ``min_stem`` is the fewest
    name characters before it (``配合项目`` is a verb phrase); ``not_before`` lists what may not
    follow it (``工程师``, ``项目部``)."""

    surface: str
    min_stem: int = 2
    not_before: List[str] = Field(default_factory=list)


class ProjectBoundaryRule(Rule):
    """Where a project name starts, reading leftwards from its head.

    ``delimiter``: list separators (``、`` ``和`` ``暨``): the name starts after them;
    ``verb``: locative and governing verbs (``在``, ``来到``, ``察看``, ``推动``): same;
    ``reject``: ``等`` — what follows it is a category (``A、B等在建项目``), not a name;
    ``attribute``: ``的`` — a boundary unless a capacity stands right before it.
    """

    surface: str
    kind: Literal["delimiter", "verb", "reject", "attribute"]


class ProjectGenericRule(Rule):
    """Words that do not name a project. A candidate whose stem is made only of such words is
    generic (``重点项目``, ``全市重大产业项目``). ``word``: modifiers; ``descriptor``: industry
    types (``新材料``, ``绿色建材``), generic unless the mention is an item of a ``、`` list;
    ``org``: a stem ending in one is an organisation's projects (``亚鑫集团项目``), not a name;
    ``whole``: a full generic mention (``民生工程``); ``rank``: ranking adjectives (``重点``,
    ``重大``): generic words too, and a stem ending in one plus only modifiers or industry types,
    after nothing but a place, a level or other generic words (``省重点能源项目``,
    ``高新区重点交通工程``), is a category; ``activity``: activity nouns (``保护``, ``修复``,
    ``改造``): a ``和``/``与``/``及`` between two of them right before the head joins one name
    (``…一体化保护和修复工程``) instead of separating two items."""

    surface: Optional[str] = None
    pattern: Optional[str] = None
    kind: Literal["word", "descriptor", "org", "whole", "rank", "activity"]

    @model_validator(mode="after")
    def _one_of(self) -> ProjectGenericRule:
        if (self.surface is None) == (self.pattern is None):
            raise ValueError("give exactly one of surface or pattern")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as err:
                raise ValueError(f"bad regex: {err}") from None
        return self


TABLES: Dict[str, Type[Rule]] = {
    "units": UnitRule,
    "capacity_markers": MarkerRule,
    "capacity_periods": PeriodRule,
    "capacity_qualifiers": QualifierRule,
    "capacity_exclusions": ContextRule,
    "investment_keywords": InvestmentKeywordRule,
    "investment_units": MoneyUnitRule,
    "investment_exclusions": ContextRule,
    "project_suffixes": ProjectSuffixRule,
    "project_boundaries": ProjectBoundaryRule,
    "project_generic": ProjectGenericRule,
}
