"""``govnews-nlp report``: one offline HTML page of a corpus, for researchers of local politics.

Sections, each a figure with the table of its numbers beneath it: officials by appearances, who
appears with whom, events over time by action, slogans by first appearance over time and place
(diffusion) with their issuers, and capacity and investment totals by unit, place and year. Every
number links to the articles behind it (an index at the end of the page with each record's ``id``,
headline, date and ``source``). The page has no script, no remote font, stylesheet or image: the
figures are inline SVG (:mod:`.figures`).
"""

from __future__ import annotations

import html
import os
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import figures
from .aggregate import NO_YEAR, Corpus, Linked
from .sources import RecordSource, iter_records

FIGURE_IDS = ("fig-officials", "fig-network", "fig-events", "fig-slogans", "fig-totals")
#: How to read each section (shown above its figure).
_NOTES = {
    "fig-officials": "Articles naming each official or executive. One id per person across articles: the name "
                     "plus the place of the titles (or of the article), so two officials of one name in two cities "
                     "stay apart and a 市长 who became 市委书记 of the same city is one; <code>@?</code> marks a "
                     "name whose place is unknown.",
    "fig-network": "Officials named in the same article. Lines are thicker and warmer with more shared articles.",
    "fig-events": "Inspections, visits, signings, ground-breakings, commissionings and meetings by the month of "
                  "the article's event date. Dates whose year the article does not print are counted apart.",
    "fig-slogans": "When and where each formula appears: a dot per dated article, coloured by place; the star is "
                   "the first appearance, labelled with its place. The table gives the first date in each place "
                   "(the diffusion) and the issuer the articles name.",
    "fig-totals": "Announced investment and capacity summed by the article's place and year, as printed (the "
                  "same project announced twice is counted twice).",
}
TOP = 25

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",
sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.45;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2.2em;border-bottom:2px solid #ddd;padding-bottom:.2em}
figure{margin:1em 0;padding:0}figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.88em;margin:.6em 0 1.4em;width:100%}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#555;font-size:.9em}a{color:#1a5fb4}
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


class Page:
    """Builds the HTML; links refer to the article index by record ordinal."""

    def __init__(self, corpus: Corpus) -> None:
        self.c = corpus

    def links(self, refs: Sequence[int], n: int) -> str:
        shown = [f'<a href="#a{r}">{_e(self.c.articles[r]["id"])}</a>' for r in refs if r in self.c.articles]
        more = n - len(shown)
        return ", ".join(shown) + (f" … +{more}" if more > 0 else "")

    def table(self, head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
        out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
        for row in rows:
            out.append("<tr>" + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                        for i, c in enumerate(row)) + "</tr>")
        out.append("</tbody></table>")
        return "".join(out)


def _num_link(page: Page, lk: Linked, text: Optional[str] = None) -> str:
    first = lk.links[0] if lk.links else None
    label = _e(text if text is not None else lk.n)
    return f'<a href="#a{first}">{label}</a>' if first is not None and first in page.c.articles else label


def _officials(page: Page, top: int) -> Tuple[str, List[Dict[str, Any]]]:
    offs = [o for o in page.c.officials() if o["kind"] in ("official", "executive")][:top]
    labels = [f"{o['name']} ({o['place']})" if o["place"] else o["name"] for o in offs]
    svg = figures.bar_officials(labels, [o["articles"] for o in offs])
    rows = [(_e(o["id"]), _e(o["name"]), _e(o["place"] or ""), _e("、".join(t for t, _ in o["titles"].most_common(4))),
             f'<a href="#a{o["links"][0]}">{o["articles"]}</a>' if o["links"] else str(o["articles"]),
             page.links(o["links"], o["articles"])) for o in offs]
    table = page.table(["official id", "name 姓名", "place 地点", "titles 职务 (most printed)", "articles", "in"],
                       rows, numeric=(4,))
    return svg + table, offs


def _network(page: Page, offs: List[Dict[str, Any]], top: int) -> str:
    pairs = page.c.co_appearances()
    index = {o["id"]: i for i, o in enumerate(offs[:top])}
    edges = [(index[p["a"]], index[p["b"]], p["n"]) for p in pairs if p["a"] in index and p["b"] in index]
    connected = sorted({i for a, b, _ in edges for i in (a, b)})
    remap = {old: new for new, old in enumerate(connected)}
    nodes = [(offs[i]["name"], offs[i]["articles"]) for i in connected]
    svg = figures.network(nodes, [(remap[a], remap[b], w) for a, b, w in edges])
    name = {o["id"]: o["name"] for o in page.c.officials()}
    rows = [(_e(name.get(p["a"], p["a"])), _e(name.get(p["b"], p["b"])), _e(p["a"]), _e(p["b"]),
             f'<a href="#a{p["links"][0]}">{p["n"]}</a>' if p["links"] else str(p["n"]), page.links(p["links"], p["n"]))
            for p in pairs[:top]]
    note = (f'<p class="note">{len(pairs)} pairs of officials named in the same article; the figure shows those among '
            f"the {min(top, len(offs))} officials with most articles.</p>")
    return svg + note + page.table(["official A", "official B", "id A", "id B", "articles together", "in"], rows,
                                   numeric=(4,))


def _period_key(p: str) -> Tuple[int, str]:
    return (1, p) if p == NO_YEAR else (0, p)


def _events(page: Page) -> str:
    periods = sorted({p for p, _ in page.c.events}, key=_period_key)
    actions = [a for a, _ in page.c.actions.most_common()]
    series = {a: [page.c.events[(p, a)].n if (p, a) in page.c.events else 0 for p in periods] for a in actions}
    svg = figures.stacked_periods(periods, series, "事件数 (events)")
    rows = []
    for p in periods:
        cells = [_num_link(page, page.c.events[(p, a)]) if (p, a) in page.c.events else "" for a in actions]
        rows.append((_e(p), *cells, str(sum(page.c.events[(p, a)].n for a in actions if (p, a) in page.c.events))))
    return svg + page.table(["month 月份", *actions, "all"], rows, numeric=tuple(range(1, len(actions) + 2)))


def _fmt_ymd(ymd: Optional[Tuple[int, int, int]]) -> str:
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}" if ymd else ""


def _slogans(page: Page, top: int) -> str:
    tracks = sorted(page.c.slogans.items(),
                    key=lambda kv: (-(len(kv[1].places) + len(kv[1].undated_places)), -kv[1].articles.n, kv[0]))[:top]
    tracks_by_first = sorted(tracks, key=lambda kv: (kv[1].first is None, kv[1].first[0] if kv[1].first else (0,),
                                                     kv[0]))
    dated = [(t, tr) for t, tr in tracks_by_first if tr.first]  # only these have a place on a time axis
    svg = figures.diffusion([t for t, _ in dated], [tr.points for _, tr in dated], [tr.first for _, tr in dated])
    rows = []
    for text, tr in tracks_by_first:
        spread = sorted(tr.places.items(), key=lambda kv: kv[1][0])
        spread_html = "、".join(f'<a href="#a{ref}">{_e(pl)}</a> {_fmt_ymd(ymd)}' if ref in page.c.articles
                               else f"{_e(pl)} {_fmt_ymd(ymd)}" for pl, (ymd, ref) in spread[:8])
        if len(spread) > 8:
            spread_html += f" … +{len(spread) - 8}"
        undated = "、".join(_e(p) for p, _ in tr.undated_places.most_common(5))
        issuers = "、".join(f"{_e(i)} ({n})" for i, n in tr.issuers.most_common(3))
        first = f"{_fmt_ymd(tr.first[0])} {_e(tr.first[1])}" if tr.first else ""
        rows.append((f"“{_e(text)}”", issuers, first, str(len(set(tr.places) | set(tr.undated_places))), spread_html,
                     undated, _num_link(page, tr.articles), page.links(tr.articles.links, tr.articles.n)))
    head = ["slogan 口号", "issuer 提出者", "first appearance", "places", "spread (first date per place)",
            "places without a printed year", "articles", "in"]
    return svg + page.table(head, rows, numeric=(3, 6))


def _totals(page: Page, top: int) -> str:
    groups = []
    inv_places: Dict[str, float] = defaultdict(float)
    for (place, _), lk in page.c.investments.items():
        inv_places[place] += lk.total
    places = [p for p, _ in sorted(inv_places.items(), key=lambda kv: -kv[1])[:top]]
    years = sorted({y for (_, y) in page.c.investments}, key=_period_key)
    if places:
        by_year = {y: [page.c.investments[(p, y)].total / 1e8 if (p, y) in page.c.investments else 0.0 for p in places]
                   for y in years}
        groups.append(("投资总额 investment (亿元 = 100 million yuan)", places, by_year, "亿元"))
    units: Dict[str, float] = defaultdict(float)
    for (unit, _, _), lk in page.c.capacities.items():
        units[unit] += lk.n
    for unit, _ in sorted(units.items(), key=lambda kv: -kv[1])[:2]:
        cap_places: Dict[str, float] = defaultdict(float)
        for (u, place, _), lk in page.c.capacities.items():
            if u == unit:
                cap_places[place] += lk.total
        cp = [p for p, _ in sorted(cap_places.items(), key=lambda kv: -kv[1])[:12]]
        cy = sorted({y for (u, _, y) in page.c.capacities if u == unit}, key=_period_key)
        scale, label = (1e4, f"万{unit}") if max(cap_places.values()) >= 1e5 else (1, unit)
        by_year = {y: [page.c.capacities[(unit, p, y)].total / scale if (unit, p, y) in page.c.capacities else 0.0
                       for p in cp] for y in cy}
        groups.append((f"产能 capacity ({label})", cp, by_year, label))
    svg = figures.totals(groups)
    inv_rows = [(_e(p), _e(y), f"{lk.total / 1e8:,.2f}", _num_link(page, lk), page.links(lk.links, lk.n))
                for (p, y), lk in sorted(page.c.investments.items(), key=lambda kv: -kv[1].total)[:top * 2]]
    cap_rows = [(_e(u), _e(p), _e(y), f"{lk.total:,.0f}", _num_link(page, lk), page.links(lk.links, lk.n))
                for (u, p, y), lk in sorted(page.c.capacities.items(),
                                            key=lambda kv: (kv[0][0], -kv[1].total))[:top * 2]]
    return (svg + "<h3>Investment 投资 by place and year</h3>"
            + page.table(["place 地点", "year 年份", "total (亿元)", "amounts", "in"], inv_rows, numeric=(2, 3))
            + "<h3>Capacity 产能 by unit, place and year</h3>"
            + page.table(["unit 单位", "place 地点", "year 年份", "total", "figures", "in"], cap_rows, numeric=(3, 4)))


def _source_link(source: Optional[str]) -> str:
    if not source:
        return ""
    if source.startswith(("http://", "https://")):
        return f'<a href="{_e(source)}">{_e(source)}</a>'
    path = source.rsplit(":", 1)[0] if ":" in source and not os.path.exists(source) else source
    p = Path(path)
    href = p.resolve().as_uri() if p.is_absolute() or p.exists() else path
    return f'<a href="{_e(href)}">{_e(source)}</a>'


def _index(page: Page) -> str:
    rows = [(f'<span id="a{ref}">{_e(m["id"])}</span>', _e(m["headline"] or ""), _e(m["date"] or ""), _e(m["place"]),
             _source_link(m["source"])) for ref, m in sorted(page.c.articles.items())]
    return page.table(["id", "headline 标题", "date 日期", "place 地点", "source"], rows)


def render(corpus: Corpus, *, title: str = "govnews-nlp corpus report", top: int = TOP) -> str:
    """The page's HTML for aggregated records."""
    page = Page(corpus)
    officials_html, offs = _officials(page, top)
    sections = [
        ("fig-officials", "Officials by appearances 官员出现次数", officials_html),
        ("fig-network", "Who appears with whom 共同出现", _network(page, offs, top)),
        ("fig-events", "Events over time by action 事件", _events(page)),
        ("fig-slogans", "Slogans: first appearance over time and place 口号扩散", _slogans(page, top)),
        ("fig-totals", "Capacity and investment totals 产能与投资", _totals(page, top)),
    ]
    body = [f"<h1>{_e(title)}</h1>",
            f'<p class="note">{corpus.records:,} records ({corpus.errors:,} failed, left out); '
            f"{len(corpus.resolution.officials) if corpus.resolution else 0:,} officials after resolution across "
            "articles; "
            "every number links to the articles behind it (index at the end).</p>"]
    for fid, heading, content in sections:
        body.append(f'<section><h2>{_e(heading)}</h2><p class="note">{_NOTES[fid]}</p>'
                    f'<figure id="{fid}">{content}</figure></section>')
    body.append(f'<section id="articles"><h2>Articles 文章 ({len(corpus.articles):,} linked)</h2>'
                f"{_index(page)}</section>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>" + "".join(body) + "</body></html>\n")


def write_report(records: RecordSource, output: Any, *, title: str = "govnews-nlp corpus report",
                 top: int = TOP) -> Corpus:
    """Aggregate ``records`` (dicts, JSONL or Parquet paths) and write the page to ``output``, atomically.

    Raises :class:`~.fonts.FontNotFound` (what to install) before anything is written when no CJK
    font is available, and :class:`~.sources.RecordsError` for a records file that does not exist.
    """
    from .fonts import find_cjk_font

    find_cjk_font()
    corpus = Corpus().feed(iter_records(records))
    text = render(corpus, title=title, top=top)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, out)
    return corpus
