"""Parse one printed title (``市政府党组副书记``) into org, post, flags and administrative level.

A Chinese official title is read right to left: it ends in a post (书记, 市长, 董事长), may have
modifiers just before the post (副, 常务副, 代, 原, 三级), and everything before that is the
organisation, usually with a place prefix (``东明县武胜桥镇党委``). The level is the last
administrative division printed before the post (``东明县武胜桥镇`` → 乡镇), or the one the post
implies (``市长`` → 市). The word lists are data (``patterns/titles_*.jsonl``); this module only
knows the reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from ...word_regex import trie_pattern
from .rules import LevelRule, ModifierRule, OrgRule, PostRule

#: Characters that look like a division word but are part of another word (市场, 社区 …).
_FALSE_UNITS = re.compile(r"市场|城市|都市|社区|园区管|区块|省份|县城")


@dataclass(frozen=True)
class TitleInfo:
    """A parsed title; ``asdict()`` gives plain values for ``doc.user_data`` and JSON."""

    text: str
    post: str
    org: str
    level: Optional[str]
    kind: str  # official | executive
    org_kinds: List[str] = field(default_factory=list)
    deputy: bool = False
    executive_deputy: bool = False
    acting: bool = False
    former: bool = False
    modifiers: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, object]:
        """Plain values (a fresh dict; its lists are fresh too)."""
        d = dict(self.__dict__)
        d["org_kinds"] = list(self.org_kinds)
        d["modifiers"] = list(self.modifiers)
        return d


class TitleParser:
    """Built from the posts, orgs, modifiers and levels tables; ``parse(text)`` is pure."""

    def __init__(self, posts: Sequence[PostRule], orgs: Sequence[OrgRule], modifiers: Sequence[ModifierRule],
                 levels: Sequence[LevelRule]) -> None:
        self.posts = {p.text: p for p in posts}
        self.orgs = {o.text: o for o in orgs}
        self.modifiers = {m.text: m for m in modifiers}
        self.levels = {lv.text: lv.level for lv in levels}
        self._post_suffix = re.compile("(?:" + trie_pattern(self.posts) + ")$")
        self._mods_suffix = re.compile("(?:" + trie_pattern(self.modifiers) + ")+$")
        self._mod_each = re.compile(trie_pattern(self.modifiers))
        self._org_re = re.compile(trie_pattern(self.orgs))
        self._level_re = re.compile(trie_pattern(self.levels))
        self._posts_by_len = sorted(self.posts, key=len, reverse=True)
        self._cache: Dict[str, TitleInfo] = {}
        self._mods_by_len = sorted(self.modifiers, key=len, reverse=True)
        self._mod_last_chars = frozenset(m[-1] for m in self.modifiers)

    def strip_modifiers(self, prefix: str) -> str:
        """``prefix`` without the modifiers it ends in (``曲伟副`` → ``曲伟``)."""
        if not prefix or prefix[-1] not in self._mod_last_chars:
            return prefix
        changed = True
        while changed and prefix:
            changed = False
            for m in self._mods_by_len:
                if prefix.endswith(m):
                    prefix = prefix[: -len(m)]
                    changed = True
                    break
        return prefix

    def split_post(self, text: str) -> Optional[str]:
        """The longest post ``text`` ends in, or None."""
        for p in self._posts_by_len:
            if text.endswith(p):
                return p
        return None

    def parse(self, text: str) -> TitleInfo:
        """The parsed title (cached: the same titles recur in every article)."""
        hit = self._cache.get(text)
        if hit is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            hit = self._cache[text] = self._parse(text)
        return hit

    def _parse(self, text: str) -> TitleInfo:
        post = self.split_post(text) or ""
        rest = text[: len(text) - len(post)]
        mods: List[str] = []
        m = self._mods_suffix.search(rest)
        # 副 is a modifier, but 常务副 only when the whole run reads as one (常务 + 副)
        if m:
            mods = [x.group() for x in self._mod_each.finditer(m.group())]
            rest = rest[: m.start()]
        flags = {self.modifiers[x].flag for x in mods}
        org = rest
        org_rules = [self.orgs[x.group()] for x in self._org_re.finditer(org)]
        post_rule = self.posts.get(post)
        kind = "official"
        if (post_rule and post_rule.kind == "executive") or any(o.kind == "company" for o in org_rules):
            kind = "executive"
        return TitleInfo(
            text=text,
            post=post,
            org=org,
            level=self.level_of(org, post_rule),
            kind=kind,
            org_kinds=sorted({o.kind for o in org_rules}),
            deputy=bool(flags & {"deputy", "executive_deputy"}),
            executive_deputy="executive_deputy" in flags,
            acting="acting" in flags,
            former="former" in flags,
            modifiers=mods,
        )

    def level_of(self, org: str, post_rule: Optional[PostRule]) -> Optional[str]:
        masked = _FALSE_UNITS.sub(lambda m: "#" * len(m.group()), org)
        hits = list(self._level_re.finditer(masked))
        if hits:
            return self.levels[hits[-1].group()]
        if post_rule and post_rule.level:
            return post_rule.level
        return None
