"""The report's figures: matplotlib, drawn off-screen (Agg) and written as inline SVG.

SVG keeps the page one self-contained file that scales sharply; glyphs are written as paths so the
Chinese labels show on any machine (the font is needed only where the report is made, see
:mod:`.fonts`). Each function takes plain aggregates and returns SVG text.
"""

from __future__ import annotations

import io
import logging
import math
from datetime import date
from typing import Any, Dict, List, Sequence, Tuple

_READY = False
# matplotlib logs a line per lookup when a CJK family has no "normal" weight (WenQuanYi: "Medium")
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def _plt():
    global _READY
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    if not _READY:
        from .fonts import find_cjk_font

        family = find_cjk_font()
        matplotlib.rcParams.update({
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.fonttype": "path",
            "svg.hashsalt": "govnews-nlp",  # the same input gives the same SVG
            "figure.dpi": 96,
            "axes.spines.top": False,
            "axes.spines.right": False,
        })
        _READY = True
    return plt


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    _plt().close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _empty(plt, message: str, size=(9, 1.2)):
    fig, ax = plt.subplots(figsize=size)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555")
    return _svg(fig)


def bar_officials(labels: Sequence[str], counts: Sequence[int]) -> str:
    """Horizontal bars: articles per official, most first from the top."""
    plt = _plt()
    if not labels:
        return _empty(plt, "没有官员 (no officials)")
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(labels) + 1.0))
    colors = plt.get_cmap("viridis")([i / max(1, len(labels) - 1) * 0.85 for i in range(len(labels))])
    ax.barh(range(len(labels)), counts, color=colors)
    ax.set_yticks(range(len(labels)), labels, fontsize=10)
    ax.invert_yaxis()
    ax.set_xlabel("文章数 (articles)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    for i, c in enumerate(counts):
        ax.text(c, i, f" {c}", va="center", fontsize=9)
    return _svg(fig)


def network(nodes: Sequence[Tuple[str, int]], edges: Sequence[Tuple[int, int, int]]) -> str:
    """Officials on a circle, sized by appearances; a line per pair named together, thicker when more often."""
    plt = _plt()
    if not nodes:
        return _empty(plt, "没有共同出现 (no co-appearances)")
    n = len(nodes)
    xy = [(math.cos(2 * math.pi * i / n + math.pi / 2), math.sin(2 * math.pi * i / n + math.pi / 2))
          for i in range(n)]
    fig, ax = plt.subplots(figsize=(9, 8))
    top = max((w for _, _, w in edges), default=1)
    cmap = plt.get_cmap("plasma")
    for a, b, w in sorted(edges, key=lambda e: e[2]):
        ax.plot([xy[a][0], xy[b][0]], [xy[a][1], xy[b][1]], color=cmap(0.15 + 0.7 * w / top),
                linewidth=0.8 + 4 * w / top, alpha=0.75, zorder=1)
    big = max(c for _, c in nodes)
    ax.scatter([p[0] for p in xy], [p[1] for p in xy], s=[80 + 520 * c / big for _, c in nodes],
               c=[c for _, c in nodes], cmap="viridis", edgecolors="white", linewidths=1.5, zorder=2)
    for (label, _), (x, y) in zip(nodes, xy):
        ax.text(x * 1.13, y * 1.13, label, ha="center", va="center", fontsize=9)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return _svg(fig)


def stacked_periods(periods: Sequence[str], series: Dict[str, Sequence[int]], ylabel: str) -> str:
    """Stacked bars: one per period, one colour per series (events by action)."""
    plt = _plt()
    if not periods:
        return _empty(plt, "没有事件 (no events)")
    fig, ax = plt.subplots(figsize=(max(6, min(16, 0.45 * len(periods) + 3)), 4.2))
    bottom = [0] * len(periods)
    cmap = plt.get_cmap("tab20")
    for i, (name, values) in enumerate(series.items()):
        ax.bar(range(len(periods)), values, bottom=bottom, label=name, color=cmap(i % 20), width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(periods)), periods, rotation=60, ha="right", fontsize=8)
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(ncol=min(6, len(series)), fontsize=9, frameon=False, loc="upper left", bbox_to_anchor=(0, 1.15))
    return _svg(fig)


def diffusion(slogans: Sequence[str], points: Sequence[Sequence[Tuple[Tuple[int, int, int], str]]],
              firsts: Sequence[Any]) -> str:
    """Each slogan a row; a dot per dated appearance, coloured by place; a star at the first one."""
    plt = _plt()
    dated = [(i, ymd, place) for i, pts in enumerate(points) for ymd, place in pts]
    if not dated:
        return _empty(plt, "没有带年份的口号出现 (no slogan appearance with a printed year)")
    places = [p for p, _ in _top_counts([p for _, _, p in dated], 10)]
    cmap = plt.get_cmap("tab10")
    color = {p: cmap(i) for i, p in enumerate(places)}
    fig, ax = plt.subplots(figsize=(10, 0.4 * len(slogans) + 1.6))
    for p in [*places, None]:
        sel = [(i, ymd) for i, ymd, pl in dated if (pl if pl in color else None) == p]
        if sel:
            ax.scatter([_day(ymd) for _, ymd in sel], [i for i, _ in sel], s=60, alpha=0.85,
                       color=color.get(p, "#999999"), label=p or "其他 (other)", zorder=2)
    for i, first in enumerate(firsts):
        if first:
            # a hollow star, so the place colour of the first dot shows through
            ax.scatter([_day(first[0])], [i], marker="*", s=260, facecolors="none", edgecolors="black",
                       linewidths=1.2, zorder=3)
            ax.annotate(first[1], (_day(first[0]), i), xytext=(6, 4), textcoords="offset points", fontsize=8)
    ax.set_yticks(range(len(slogans)), slogans, fontsize=10)
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="地点 (place)")
    fig.autofmt_xdate()
    return _svg(fig)


def totals(groups: Sequence[Tuple[str, Sequence[str], Dict[str, Sequence[float]], str]]) -> str:
    """Panels of horizontal stacked bars: ``(title, places, {year: values}, unit label)`` each."""
    plt = _plt()
    groups = [g for g in groups if g[1]]
    if not groups:
        return _empty(plt, "没有产能或投资 (no capacities or investments)")
    height = sum(0.3 * len(g[1]) + 1.2 for g in groups)
    fig, axes = plt.subplots(len(groups), 1, figsize=(9, height), squeeze=False,
                             gridspec_kw={"height_ratios": [len(g[1]) + 3 for g in groups]})
    cmap = plt.get_cmap("tab10")
    for ax, (title, places, by_year, unit) in zip(axes[:, 0], groups):
        left = [0.0] * len(places)
        for i, (year, values) in enumerate(by_year.items()):
            ax.barh(range(len(places)), values, left=left, label=year, color=cmap(i % 10))
            left = [a + b for a, b in zip(left, values)]
        ax.set_yticks(range(len(places)), places, fontsize=9)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=11, loc="left")
        ax.set_xlabel(unit)
        ax.legend(fontsize=8, frameon=False, title="年份 (year)", loc="lower right")
    fig.tight_layout()
    return _svg(fig)


def _day(ymd: Tuple[int, int, int]):
    y, m, d = ymd
    try:
        return date(y, max(1, m), max(1, d))
    except ValueError:
        return date(y, max(1, m), 1)


def _top_counts(items: List[str], k: int) -> List[Tuple[str, int]]:
    from collections import Counter

    return Counter(items).most_common(k)
