"""``govnews_capacity``: capacities and investments (quantities), named projects, their rules."""

from .component import DEFAULT_CONFIG, CapacityRuler, make_capacity, make_capacity_scorer, score_capacity

__all__ = ["DEFAULT_CONFIG", "CapacityRuler", "make_capacity", "make_capacity_scorer", "score_capacity"]
