"""An HTML page of processed articles, for people who would rather look than read JSON.

Each article gets displaCy's entity view of ``doc.ents`` and its span view of every non-empty
span group (nested and overlapping spans, credits, titles …), in the project's label colours
(:data:`govnews_nlp.colors.DISPLACY_COLORS`), with a legend and the record's headline, date and
normalization counts. Articles that fail are shown with their error, not dropped.
"""

from __future__ import annotations

import html
from typing import Any, Dict, Iterable, List, Optional

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc

from .colors import DISPLACY_COLORS

_STYLE = """
body { font-family: -apple-system, "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 60em; color: #222; line-height: 1.6; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 0.95em; color: #555; margin: 1.2em 0 0.3em; }
.legend span { display: inline-block; padding: 0.1em 0.6em; margin: 0.1em; border-radius: 0.3em; font-size: 0.85em; }
.meta { color: #666; font-size: 0.85em; } .error { color: #b00020; font-weight: bold; }
.entities, .spans { font-size: 1.05em; }
"""


def _legend(colors: Dict[str, str]) -> str:
    items = "".join(f'<span style="background:{html.escape(c)}">{html.escape(label)}</span>'
                    for label, c in colors.items())
    return f'<p class="legend">{items}</p>'


def _meta(record: Optional[Dict[str, Any]]) -> str:
    if not record:
        return ""
    parts = []
    if record.get("headline"):
        parts.append(f"headline: {html.escape(record['headline'])}")
    if record.get("date"):
        d = record["date"]
        parts.append(f"date: {html.escape(str(d.get('text')))} ({html.escape(str(d.get('iso')))})")
    norm = record.get("normalization") or {}
    steps = ", ".join(f"{k} {sum(v.values())}" for k, v in (norm.get("steps") or {}).items() if v)
    if steps:
        parts.append(f"normalized: {html.escape(steps)}")
    if norm.get("encoding"):
        parts.append(f"encoding: {html.escape(str(norm['encoding']))}")
    counts = " ".join(f"{k}={len(record.get(k) or [])}" for k in ("people", "capacities", "investments", "projects",
                                                                    "slogans"))
    parts.append(counts)
    return f'<p class="meta">{" · ".join(parts)}</p>'


def span_group_data(doc: Doc, key: str) -> Dict[str, Any]:
    """displaCy's manual span-view data with *segments* as tokens.

    displaCy's span view writes a space after every token outside a span, which spreads Chinese
    text (one token per character with the ``char`` segmenter) into single letters. Cutting the
    text only at span boundaries gives the same picture with the text set as it is written.
    """
    text = doc.text
    group = doc.spans[key]
    cuts = sorted({0, len(text), *(s.start_char for s in group), *(s.end_char for s in group)})
    index = {c: i for i, c in enumerate(cuts)}
    tokens = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    spans = [{"start_token": index[s.start_char], "end_token": index[s.end_char], "label": s.label_}
             for s in group if s.end_char > s.start_char]
    return {"text": text, "tokens": tokens, "spans": spans}


def render_doc(doc: Doc, title: str, record: Optional[Dict[str, Any]] = None,
               colors: Optional[Dict[str, str]] = None) -> str:
    """The HTML section of one article: entities, then each non-empty span group."""
    colors = colors or DISPLACY_COLORS
    out = [f"<h2>{html.escape(title)}</h2>", _meta(record)]
    ents = displacy.render(doc, style="ent", options={"colors": colors}, page=False, jupyter=False)
    out.append(f'<h3>entities ({len(doc.ents)})</h3><div class="entities">{ents}</div>')
    for key in sorted(doc.spans):
        group = doc.spans[key]
        if not len(group):
            continue
        spans = displacy.render(span_group_data(doc, key), style="span", manual=True,
                                options={"colors": colors}, page=False, jupyter=False)
        out.append(f'<h3>span group “{html.escape(key)}” ({len(group)})</h3><div class="spans">{spans}</div>')
    return "\n".join(out)


def render_error(title: str, error: str) -> str:
    return f'<h2>{html.escape(title)}</h2><p class="error">error: {html.escape(error)}</p>'


def page(sections: Iterable[str], title: str = "govnews-nlp", colors: Optional[Dict[str, str]] = None) -> str:
    """A standalone HTML page (no external resources) around rendered sections."""
    body = "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"{_legend(colors or DISPLACY_COLORS)}\n{body}\n</body></html>\n")


def render_articles(nlp: Language, articles: Iterable[Any], title: str = "govnews-nlp",
                    max_chars: Optional[int] = None) -> str:
    """Process ``(id, text)`` pairs (or :class:`~govnews_nlp.inputs.Article`) and render them on one page."""
    from .extraction import to_jobs
    from .records import to_record

    limit = nlp.max_length if max_chars is None else max_chars
    sections: List[str] = []
    for job in to_jobs(articles):
        name = str(job.id)
        if job.error or not isinstance(job.text, str):
            sections.append(render_error(name, job.error or f"not text: {type(job.text).__name__}"))
            continue
        if len(job.text) > limit:
            sections.append(render_error(name, f"article too long: {len(job.text):,} characters"))
            continue
        try:
            doc = nlp(job.text)
            sections.append(render_doc(doc, name, to_record(doc, name, source=job.source, encoding=job.encoding)))
        except Exception as err:  # one bad article must not lose the page
            sections.append(render_error(name, f"{type(err).__name__}: {err}"))
    return page(sections, title)
