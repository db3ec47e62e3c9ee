"""An HTML page of processed articles, for people who would rather look than read JSON.

Each article's text is shown **once**: one displaCy span view holding ``doc.ents`` and every
span group stacked (nested and overlapping spans, credits, titles …), each span labelled with its
label and the groups it is in, in the project's label colours
(:data:`govnews_nlp.colors.DISPLACY_COLORS`). Earlier pages rendered the text once for the
entities and once more per span group, six copies of a typical article. The page has a legend,
a table of contents linking to every article, and each record's headline, date and normalization
counts. Articles that fail are shown with their error, not dropped. The CSS names the common CJK
fonts; a machine with none of them shows boxes (install ``fonts-noto-cjk`` or ``fonts-wqy-zenhei``).
"""

from __future__ import annotations

import html
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .colors import DISPLACY_COLORS

#: Fonts that cover Simplified Chinese on Linux (Noto / Source Han, WenQuanYi), macOS and Windows.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", '
              '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif')

_STYLE = f"""
body {{ font-family: {FONT_STACK};
       margin: 2em auto; max-width: 60em; color: #222; line-height: 1.6; }}
h1 {{ font-size: 1.4em; }} h2 {{ font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ddd; }}
.legend span {{ display: inline-block; padding: 0.1em 0.6em; margin: 0.1em; border-radius: 0.3em; font-size: 0.85em; }}
.meta {{ color: #666; font-size: 0.85em; }} .error {{ color: #b00020; font-weight: bold; }}
.toc {{ font-size: 0.9em; }} .toc ol {{ columns: 2; }} .toc .error {{ font-weight: normal; }}
.spans {{ font-size: 1.05em; }}
.spans span[style*="z-index: 10"] {{ white-space: nowrap; }}  /* displaCy's span labels: label and groups on one line */
"""

#: The pseudo group name of ``doc.ents`` in the span view.
ENTS = "ents"


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
    """displaCy's manual span-view data of one span group, with *segments* as tokens (see :func:`span_data`)."""
    return span_data(doc, {key: doc.spans[key]})


def article_groups(doc: Doc) -> Dict[str, Iterable[Span]]:
    """``doc.ents`` (as :data:`ENTS`) and every non-empty span group, in name order."""
    groups: Dict[str, Iterable[Span]] = {ENTS: doc.ents} if doc.ents else {}
    groups.update((key, doc.spans[key]) for key in sorted(doc.spans) if len(doc.spans[key]))
    return groups


def span_data(doc: Doc, groups: Dict[str, Iterable[Span]], link: str = "#") -> Dict[str, Any]:
    """displaCy's manual span-view data of several groups at once, stacked, each span once.

    displaCy's span view writes a space after every token outside a span, which spreads Chinese
    text (one token per character with the ``char`` segmenter) into single letters. Cutting the
    text only at span boundaries gives the same picture with the text set as it is written. A span
    in several groups (an entity that is also in ``people``) is drawn once, its groups named after
    its label (displaCy's ``kb_id``), linking to ``link``.
    """
    text = doc.text
    found: Dict[Tuple[int, int, str], List[str]] = {}
    for key, group in groups.items():
        for s in group:
            if s.end_char > s.start_char:
                found.setdefault((s.start_char, s.end_char, s.label_), []).append(key)
    cuts = sorted({0, len(text), *(a for a, _, _ in found), *(b for _, b, _ in found)})
    index = {c: i for i, c in enumerate(cuts)}
    tokens = [text[a:b] for a, b in zip(cuts, cuts[1:])]
    spans = [{"start_token": index[a], "end_token": index[b], "label": label, "kb_id": ", ".join(keys),
              "kb_url": link} for (a, b, label), keys in found.items()]
    return {"text": text, "tokens": tokens, "spans": spans}


def anchor(n: int) -> str:
    """The id of the n-th article's section (ids are not used: they may hold any character)."""
    return f"article-{n}"


def render_doc(doc: Doc, title: str, record: Optional[Dict[str, Any]] = None,
               colors: Optional[Dict[str, str]] = None, n: int = 1) -> str:
    """The HTML section of one article: its text once, with the entities and all span groups stacked on it."""
    colors = colors or DISPLACY_COLORS
    groups = article_groups(doc)
    counts = " · ".join(f"{html.escape(key)} {len(list(group))}" for key, group in groups.items()) or "no spans"
    view = displacy.render(span_data(doc, groups, link=f"#{anchor(n)}"), style="span", manual=True,
                           options={"colors": colors}, page=False, jupyter=False)
    return "\n".join([f'<section id="{anchor(n)}" class="article"><h2>{html.escape(title)}</h2>', _meta(record),
                      f'<p class="meta">spans: {counts}</p>', f'<div class="spans">{view}</div></section>'])


def render_error(title: str, error: str, n: int = 1) -> str:
    return (f'<section id="{anchor(n)}" class="article"><h2>{html.escape(title)}</h2>'
            f'<p class="error">error: {html.escape(error)}</p></section>')


def toc(entries: Sequence[Tuple[str, Optional[str]]]) -> str:
    """A numbered list linking to each article's section; ``(title, error or None)`` per article."""
    items = "".join(f'<li><a href="#{anchor(n)}">{html.escape(title)}</a>'
                    + (' <span class="error">(error)</span>' if error else "") + "</li>"
                    for n, (title, error) in enumerate(entries, 1))
    return f'<nav class="toc"><h2>Contents ({len(entries)})</h2><ol>{items}</ol></nav>'


def page(sections: Iterable[str], title: str = "govnews-nlp", colors: Optional[Dict[str, str]] = None,
         contents: Optional[str] = None) -> str:
    """A standalone HTML page (no external resources) around rendered sections, after a table of contents."""
    body = "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"{_legend(colors or DISPLACY_COLORS)}\n{contents or ''}\n{body}\n</body></html>\n")


def render_articles(nlp: Language, articles: Iterable[Any], title: str = "govnews-nlp",
                    max_chars: Optional[int] = None) -> str:
    """Process ``(id, text)`` pairs (or :class:`~govnews_nlp.inputs.Article`) and render them on one page."""
    from .extraction import to_jobs
    from .records import to_record

    limit = nlp.max_length if max_chars is None else max_chars
    sections: List[str] = []
    entries: List[Tuple[str, Optional[str]]] = []
    for n, job in enumerate(to_jobs(articles), 1):
        name = str(job.id)
        error: Optional[str] = None
        if job.error or not isinstance(job.text, str):
            error = job.error or f"not text: {type(job.text).__name__}"
        elif len(job.text) > limit:
            error = f"article too long: {len(job.text):,} characters"
        else:
            try:
                doc = nlp(job.text)
                record = to_record(doc, name, source=job.source, encoding=job.encoding)
                sections.append(render_doc(doc, name, record, n=n))
            except Exception as err:  # one bad article must not lose the page
                error = f"{type(err).__name__}: {err}"
        if error is not None:
            sections.append(render_error(name, error, n=n))
        entries.append((name, error))
    return page(sections, title, contents=toc(entries))
