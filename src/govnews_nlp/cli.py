"""The ``govnews-nlp`` command line (typer, which spaCy already depends on)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Clean text and structured facts from Chinese local-government news.",
)


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def normalize(
    inputs: List[Path] = typer.Argument(..., help="Files, folders (all *.txt below) or JSONL of {id, text}."),
    output_dir: Path = typer.Option(..., "--output-dir", "-o", help="Writes DIR/<id>.txt per article."),
    disable: List[str] = typer.Option([], "--disable", help="Normalizer step to skip (repeatable)."),
    keep_width: bool = typer.Option(False, "--keep-width", help="Keep half-width punctuation."),
    report: Optional[Path] = typer.Option(None, "--report", help="Also write a JSONL report per article."),
) -> None:
    """Write the normalized (clean Simplified) text of each article."""
    from .inputs import iter_articles
    from .normalize import normalize as run_normalize

    output_dir.mkdir(parents=True, exist_ok=True)
    failures = done = 0
    report_fh = report.open("w", encoding="utf-8") if report else None
    try:
        for art in iter_articles(inputs):
            if art.error:
                failures += 1
                _err(f"error: {art.error}")
                continue
            try:
                norm = run_normalize(art.text, disable=disable, options={"keep_width": keep_width})
            except Exception as err:
                failures += 1
                _err(f"error: {art.source}: {type(err).__name__}: {err}")
                continue
            out = output_dir / f"{art.id}.txt"
            out.write_text(norm.text, encoding="utf-8")
            done += 1
            if report_fh:
                entry = {"id": art.id, "source": art.source, **norm.report.to_dict(), "encoding": art.encoding}
                report_fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    finally:
        if report_fh:
            report_fh.close()
    _err(f"normalized {done} article(s) into {output_dir}" + (f", {failures} failed" if failures else ""))
    if failures:
        raise typer.Exit(code=1)


@app.command()
def extract(
    inputs: List[Path] = typer.Argument(..., help="Files, folders (all *.txt below) or JSONL of {id, text}."),
    output: Path = typer.Option(..., "--output", "-o", help="JSONL file, one record per article."),
    segmenter: str = typer.Option("char", "--segmenter", "-s", help="char | jieba | pkuseg"),
) -> None:
    """Extract people, capacities, investments, projects and slogans: one record per article."""
    from .extraction import extract as run_extract
    from .inputs import iter_articles
    from .pipeline import load
    from .records import error_record

    nlp = load(segmenter)
    articles = list(iter_articles(inputs))
    failures = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    good = [(a.id, a.text) for a in articles if not a.error]
    by_index = iter(run_extract(good, nlp))
    with tmp.open("w", encoding="utf-8") as fh:
        for art in articles:
            if art.error:
                rec = error_record(art.id, art.error, source=art.source)
            else:
                rec = next(by_index)
                rec["source"] = art.source
                rec["normalization"]["encoding"] = art.encoding
            if rec["error"]:
                failures += 1
                _err(f"error: {art.id}: {rec['error']}")
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            typer.echo(_summary_line(rec))
    tmp.replace(output)
    _err(f"wrote {len(articles)} record(s) to {output}" + (f", {failures} failed" if failures else ""))
    if failures:
        raise typer.Exit(code=1)


def _summary_line(rec: dict) -> str:
    people = ", ".join(p["name"] for p in rec["people"][:6])
    counts = " ".join(f"{k}={len(rec[k])}" for k in ("capacities", "investments", "projects", "slogans"))
    return f"{rec['id']}: people=[{people}] {counts}" + (f" ERROR {rec['error']}" if rec["error"] else "")


download_app = typer.Typer(help="Fetch optional models.", no_args_is_help=True)
app.add_typer(download_app, name="download")


@download_app.command("pkuseg")
def download_pkuseg_cmd(
    target: Optional[Path] = typer.Option(None, "--target", help="Folder for the model (default: user cache)."),
    force: bool = typer.Option(False, "--force", help="Download again even if present."),
) -> None:
    """Fetch pkuseg's mixed-domain model (from the pkuseg==0.0.25 sdist) into the user cache."""
    from .segmenters import download_pkuseg

    try:
        path = download_pkuseg(target, force=force)
    except RuntimeError as err:
        _err(f"error: {err}")
        raise typer.Exit(code=1) from None
    typer.echo(f"pkuseg model ready in {path}")


def main(argv: Optional[List[str]] = None) -> None:
    try:
        app(args=argv, prog_name="govnews-nlp")
    except KeyboardInterrupt:  # pragma: no cover
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
