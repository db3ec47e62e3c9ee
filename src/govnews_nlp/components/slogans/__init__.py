"""``govnews_slogans``: policy formulas, campaigns and quoted directives (scan, rules)."""

from .component import DEFAULT_CONFIG, SloganDetector, make_slogans, make_slogans_scorer, slogans_score

__all__ = ["DEFAULT_CONFIG", "SloganDetector", "make_slogans", "make_slogans_scorer", "slogans_score"]
