"""``govnews_officials``: people with their title chains (scan, names, titles, rules)."""

from .component import DEFAULT_CONFIG, OfficialsMatcher, make_officials, make_officials_scorer, score_people

__all__ = ["DEFAULT_CONFIG", "OfficialsMatcher", "make_officials", "make_officials_scorer", "score_people"]
