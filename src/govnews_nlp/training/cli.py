"""The training commands of ``govnews-nlp``: ``init-config`` and ``convert``.

Kept beside the training code and added to the main app by :func:`register`, so the command
line module stays a list of entry points.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

CONVERT_FORMATS = ("auto", "records", "spacy", "doccano", "labelstudio")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def init_config_cmd(
    output: Path = typer.Argument(..., help="The config file to write (e.g. config.cfg)."),
    segmenter: str = typer.Option("char", "--segmenter", "-s", help="char | jieba | pkuseg"),
    pipeline: str = typer.Option("ner", "--pipeline", "-p", help="Trainable components: ner, spancat or ner,spancat."),
    merge_entities: bool = typer.Option(False, "--merge-entities",
                                        help="End with govnews_entities (existing=keep): rules fill what ner leaves."),
    max_steps: int = typer.Option(2000, "--max-steps", help="[training] max_steps."),
) -> None:
    """Write a complete `spacy train` config: our tokenizer and rule components, a trainable ner/spancat."""
    from .config import write_training_config

    try:
        write_training_config(str(output), segmenter=segmenter, pipeline=[p.strip() for p in pipeline.split(",")],
                              merge_entities=merge_entities, max_steps=max_steps)
    except ValueError as err:
        _err(f"error: {err}")
        raise typer.Exit(code=2) from None
    _err(f"wrote {output}; train with: python -m spacy train {output} --paths.train TRAIN.spacy "
         "--paths.dev DEV.spacy --output OUT")


def _looks_like_records(path: Path) -> bool:
    """Our record schema (``people``/``projects``… lists, no ``text``) rather than raw annotations."""
    if path.suffix != ".jsonl":
        return False
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip():
                first = json.loads(line)
                return isinstance(first, dict) and "text" not in first and any(
                    k in first for k in ("people", "projects", "slogans", "capacities", "investments"))
    return False


def convert_cmd(
    inputs: List[Path] = typer.Argument(
        ..., help="Records JSONL (with --texts), annotation files, or articles (--silver)."),
    output: Path = typer.Option(..., "--output", "-o", help="The .spacy file to write (train set)."),
    texts: Optional[Path] = typer.Option(None, "--texts", help="Folder of raw articles ID.txt (for records)."),
    fmt: str = typer.Option("auto", "--format", "-f", help=" | ".join(CONVERT_FORMATS)),
    silver: bool = typer.Option(False, "--silver", help="Annotate unlabeled articles with the rules."),
    dev_output: Optional[Path] = typer.Option(None, "--dev-output", help="Also write a dev split here."),
    dev_share: float = typer.Option(0.2, "--dev-share", help="Share of the docs for --dev-output."),
    spans_key: str = typer.Option("sc", "--spans-key", help="Span group of raw annotations (spancat's key)."),
    segmenter: str = typer.Option("char", "--segmenter", "-s", help="char | jieba | pkuseg (as in the config)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any span or record could not be aligned."),
) -> None:
    """Convert annotations to DocBins of normalized Docs (offsets mapped through the normalizer)."""
    from ..inputs import iter_articles
    from ..pipeline import load
    from .annotations import AnnotationError, read_annotations
    from .convert import (
        ConversionReport,
        docs_from_raw_annotations,
        docs_from_records,
        silver_docs,
        split_docs,
        write_docbin,
    )

    if fmt not in CONVERT_FORMATS:
        _err(f"error: --format must be one of {', '.join(CONVERT_FORMATS)}")
        raise typer.Exit(code=2)
    report = ConversionReport()
    docs = []
    try:
        if silver:
            nlp = load(segmenter)
            arts = [(a.id, a.text) for a in iter_articles(inputs) if a.text is not None]
            docs, report = silver_docs(nlp, arts, report)
        else:
            nlp = load(segmenter, components=[], entities=False)  # the tokenizer is all a converter needs
            for path in inputs:
                if fmt == "records" or (fmt == "auto" and _looks_like_records(path)):
                    if texts is None:
                        _err(f"error: {path} holds records: give the raw articles with --texts DIR")
                        raise typer.Exit(code=2)
                    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
                    more, report = docs_from_records(nlp, records, texts, report)
                else:
                    examples = read_annotations(path, "auto" if fmt in ("auto", "records") else fmt)
                    more, report = docs_from_raw_annotations(nlp, examples, spans_key, report)
                docs += more
    except (AnnotationError, OSError, ValueError) as err:
        _err(f"error: {err}")
        raise typer.Exit(code=2) from None
    train, dev = split_docs(docs, dev_share) if dev_output else (docs, [])
    n = write_docbin(train, output)
    _err(report.summary())
    _err(f"wrote {n} doc(s) to {output}")
    if dev_output:
        _err(f"wrote {write_docbin(dev, dev_output)} doc(s) to {dev_output}")
    if strict and (report.unaligned or report.missing_texts):
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add the training commands to the ``govnews-nlp`` app."""
    app.command("init-config")(init_config_cmd)
    app.command("convert")(convert_cmd)
