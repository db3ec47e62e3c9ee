"""The ``govnews-nlp`` command line (typer, which spaCy already depends on)."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
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


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"govnews-nlp {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Clean text and structured facts from Chinese local-government news."""


INDEX_NAME = "index.jsonl"


@app.command()
def normalize(
    inputs: List[Path] = typer.Argument(
        ..., readable=False, help="Files, folders (all *.txt below) or JSONL of {id, text}."),
    output_dir: Path = typer.Option(
        ..., "--output-dir", "-o", help="Writes DIR/<file name of the id>.txt per article and DIR/index.jsonl."),
    disable: List[str] = typer.Option([], "--disable", help="Normalizer step to skip (repeatable)."),
    keep_width: bool = typer.Option(False, "--keep-width", help="Keep half-width punctuation."),
    report: Optional[Path] = typer.Option(None, "--report", help="Also write a JSONL report per article."),
) -> None:
    """Write the normalized (clean Simplified) text of each article.

    File names come from the ids, made safe (docs/cli.md: letters and digits kept, anything else
    percent-encoded, a repeated name numbered), so no id can write outside DIR. DIR/index.jsonl has
    one line per input article, in input order: its id, file, status ("ok" or "error") and error.
    An article that fails is listed there and on stderr; every other article is still written.
    """
    from collections import Counter

    from .filenames import FileNamer
    from .inputs import DuplicateIds, iter_articles
    from .normalize import normalize as run_normalize
    from .outputs import json_line
    from .progress import failure_kind

    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        index_fh = (output_dir / INDEX_NAME).open("w", encoding="utf-8", buffering=1)
        report_fh = report.open("w", encoding="utf-8", buffering=1) if report else None
    except OSError as err:
        _err(f"error: {err}")
        raise typer.Exit(code=2) from None
    namer = FileNamer(output_dir)
    dupes = DuplicateIds()
    kinds: Counter = Counter()
    done = 0
    try:
        for art in iter_articles(inputs):
            entry = {"id": art.id, "file": None, "status": "ok", "source": art.source, "error": None}
            try:
                if dupes.seen(art.id):
                    _err(f"warning: duplicate id {art.id!r} ({art.source}): kept, under its own file name")
                if art.error:
                    raise _ArticleError(art.error)
                norm = run_normalize(art.text, disable=disable, options={"keep_width": keep_width})
                data = _encode_text(norm.text)
                out = namer.path(art.id)
                _write_atomic(out, data)
                entry["file"] = out.name
                done += 1
                if report_fh:
                    line = {"id": art.id, "source": art.source, **norm.report.to_dict(), "encoding": art.encoding}
                    report_fh.write(json_line(line))
            except Exception as err:  # one bad article is one error entry: the run goes on
                msg = str(err) if isinstance(err, _ArticleError) else f"{type(err).__name__}: {err}"
                entry.update(status="error", error=msg, file=None)
                kinds[failure_kind(msg, art.source)] += 1
                _err(f"error: {art.id}: {msg}")
            index_fh.write(json_line(entry))
    finally:
        index_fh.close()
        if report_fh:
            report_fh.close()
    failures = sum(kinds.values())
    _err(f"normalized {done} article(s) into {output_dir}" + (f", {failures} failed" if failures else "")
         + f"; index: {output_dir / INDEX_NAME}")
    if dupes.repeated:
        _err(f"duplicate ids: {dupes.repeated} article(s) repeat an earlier id (each has its own file)")
    if kinds:
        _err("failures by kind: " + "; ".join(f"{k} ×{n}" for k, n in kinds.most_common()))
        raise typer.Exit(code=1)


class _ArticleError(Exception):
    """An article that came in with an error (unreadable, undecodable, no text)."""


def _encode_text(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise _ArticleError(f"cannot encode the text as UTF-8: {err.reason} at character {err.start:,} "
                            f"({text[err.start]!r})") from None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and move into place: never a half-written file, and an existing
    symbolic link at ``path`` is replaced, not followed."""
    import os

    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@app.command()
def extract(
    inputs: List[Path] = typer.Argument(
        ..., readable=False, help="Files (.txt, .jsonl, .csv, .parquet), folders (all *.txt below), or - for stdin."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Output file: .jsonl (default) or .parquet; - for standard output (JSONL)."),
    segmenter: str = typer.Option("char", "--segmenter", "-s", help="char | jieba | pkuseg"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="jsonl | parquet (default: from the suffix)."),
    n_process: int = typer.Option(1, "--n-process", "-n", help="Local worker processes (-1: one per CPU)."),
    batch_size: Optional[int] = typer.Option(
        None, "--batch-size", help="Articles per chunk sent to a worker (default 32)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Run on a Dask cluster: scheduler address, e.g. tls://host:8786 (docs/cluster.md)."),
    tls_ca_file: Optional[Path] = typer.Option(None, "--tls-ca-file", help="Dask TLS: the cluster's CA certificate."),
    tls_cert: Optional[Path] = typer.Option(None, "--tls-cert", help="Dask TLS: this client's certificate."),
    tls_key: Optional[Path] = typer.Option(None, "--tls-key", help="Dask TLS: the key of --tls-cert."),
    security: Optional[Path] = typer.Option(
        None, "--security", help="Dask TLS: YAML/JSON naming tls_ca_file, tls_client_cert, tls_client_key."),
    resume: bool = typer.Option(False, "--resume", help="Keep the records already in OUTPUT; skip their ids."),
    id_column: str = typer.Option("id", "--id-column", help="Id field of JSONL/CSV/Parquet input."),
    text_column: str = typer.Option("text", "--text-column", help="Text field of JSONL/CSV/Parquet input."),
    input_format: str = typer.Option("auto", "--input-format", help="auto | txt | jsonl | csv | parquet"),
    max_chars: Optional[int] = typer.Option(
        None, "--max-chars",
        help="Longer articles become error records (default: the pipeline's max_length, 20,000,000)."),
    progress: Optional[bool] = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No per-article line on stdout."),
    summary_json: Optional[Path] = typer.Option(None, "--summary-json", help="Also write the run summary as JSON."),
    top: int = typer.Option(10, "--top", help="Slogans listed in the summary."),
    fail_on_error: bool = typer.Option(
        True, "--fail-on-error/--no-fail-on-error", help="Exit with status 1 if any article failed."),
) -> None:
    """Extract people, capacities, investments, projects and slogans: one record per article.

    Every input article gives exactly one record, in input order; an article that cannot be read or
    processed gives a record with "error". The output appears atomically when the run ends, also on
    Ctrl-C or SIGTERM (then holding every record finished so far); --resume continues from it.
    """
    from .extraction import extract as run_extract
    from .inputs import count_articles, iter_articles
    from .outputs import STDOUT, RecordWriter
    from .progress import CorpusSummary, Progress

    try:
        writer = RecordWriter(output, fmt, resume=resume)
    except (ValueError, OSError, ImportError) as err:
        _err(f"error: {err}")
        raise typer.Exit(code=2) from None
    for warning in writer.warnings:
        _err(f"warning: {warning}")
    to_stdout = str(output) == STDOUT
    line_out = sys.stderr if to_stdout else sys.stdout  # with -o -, stdout holds the records only
    summary = CorpusSummary()
    summary.resumed = writer.resumed
    articles = _skip_done(_warn_duplicates(
        iter_articles(inputs, id_key=id_column, text_key=text_column, fmt=input_format), summary), writer.done_counts)
    total = None if progress is False else count_articles(inputs, input_format)
    if total is not None and writer.resumed:
        total = max(0, total - writer.resumed)
    bar = Progress(total, enabled=sys.stderr.isatty() if progress is None else progress)
    client = None
    stop = _StopFlag()
    interrupted = False
    try:
        with stop.installed():
            nlp = None
            if scheduler:
                from .distributed import connect, insecure_warning, make_security

                sec = make_security(tls_ca_file, tls_cert, tls_key, security)
                warning = None if sec else insecure_warning(scheduler)
                if warning:
                    _err(warning)
                client = connect(scheduler, sec)
            elif tls_ca_file or tls_cert or tls_key or security:
                raise ValueError("--tls-ca-file/--tls-cert/--tls-key/--security are for --scheduler tls://...")
            else:  # load here (forked workers inherit it), so that articles/s measures the extraction
                from .pipeline import load

                nlp = load(segmenter)
            summary.restart_clock()
            records = run_extract(articles, nlp, segmenter=segmenter, n_process=n_process, batch_size=batch_size,
                                  client=client, max_chars=max_chars)
            try:
                for rec in records:
                    writer.write(rec)
                    summary.add(rec)
                    bar.update(rec)
                    if not quiet:
                        bar.write(_summary_line(rec), file=line_out)
                    if stop.signum:
                        interrupted = True
                        break
            finally:
                records.close()  # stops worker processes / cancels Dask tasks
    except KeyboardInterrupt:
        interrupted = True
    except Exception as err:  # e.g. a pipeline that cannot load: keep what was written
        bar.close()
        writer.close()
        _err(f"error: {type(err).__name__}: {err}")
        raise typer.Exit(code=2) from None
    finally:
        bar.close()
        writer.close()
        if client is not None:
            client.close()
    _err(summary.format(top))
    _err(f"wrote {writer.count} record(s) to {'standard output' if to_stdout else output}")
    if summary_json:
        summary_json.write_text(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if interrupted:
        _err("interrupted: the output holds every finished record; continue with --resume")
        raise typer.Exit(code=130)
    if summary.failures and fail_on_error:
        raise typer.Exit(code=1)


def _warn_duplicates(articles, summary):
    """Say when an id comes again (both articles are kept: each gets its record)."""
    from .inputs import DuplicateIds

    dupes = DuplicateIds()
    for art in articles:
        if dupes.seen(art.id):
            summary.duplicate_ids += 1
            _err(f"warning: duplicate id {art.id!r} ({art.source}): both articles get a record")
        yield art


def _skip_done(articles, done_counts):
    """--resume: skip the first k occurrences of an id that has k records already (not every
    occurrence: a repeated id's later article is still to do)."""
    left = dict(done_counts)
    for art in articles:
        if left.get(art.id, 0) > 0:
            left[art.id] -= 1
            continue
        yield art


class _StopFlag:
    """SIGINT/SIGTERM ask the run to stop after the record in hand (a second Ctrl-C stops at once)."""

    def __init__(self) -> None:
        self.signum = 0

    def _handle(self, signum, frame) -> None:
        if self.signum:
            raise KeyboardInterrupt
        self.signum = signum

    @contextmanager
    def installed(self):
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        old = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for s, h in old.items():
                signal.signal(s, h)


def _summary_line(rec: dict) -> str:
    people = ", ".join(p.get("name", "?") for p in rec["people"][:6]) + (" …" if len(rec["people"]) > 6 else "")
    counts = " ".join(f"{k}={len(rec[k])}" for k in ("capacities", "investments", "projects", "slogans"))
    return f"{rec['id']}: people=[{people}] {counts}" + (f" ERROR {rec['error']}" if rec["error"] else "")


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL (the corpus/dev/gold.jsonl schema)."),
    pred: Path = typer.Argument(..., help="Predicted records: JSONL or Parquet (govnews-nlp extract output)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    errors: bool = typer.Option(True, "--errors/--no-errors", help="List the misses and extras per article."),
) -> None:
    """Score predicted records against gold: per-type P/R/F1 and per-article misses and extras."""
    from .evaluate import EvaluationInputError, evaluate_files

    try:
        result = evaluate_files(gold, pred)
    except (EvaluationInputError, OSError, ValueError) as err:
        _err(f"error: {err}")
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        typer.echo(result.format(errors=errors))


@app.command()
def render(
    inputs: List[Path] = typer.Argument(
        ..., readable=False, help="Articles: .txt, folders, JSONL/CSV/Parquet, or - for stdin."),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML page to write."),
    segmenter: str = typer.Option("char", "--segmenter", "-s", help="char | jieba | pkuseg"),
    ids: List[str] = typer.Option([], "--id", help="Only these article ids (repeatable)."),
    limit: int = typer.Option(50, "--limit", help="At most this many articles on the page."),
    id_column: str = typer.Option("id", "--id-column", help="Id field of JSONL/CSV/Parquet input."),
    text_column: str = typer.Option("text", "--text-column", help="Text field of JSONL/CSV/Parquet input."),
    title: str = typer.Option("govnews-nlp", "--title", help="Page title."),
) -> None:
    """Write a displaCy page of articles: entities and span groups in the project's colours."""
    from itertools import islice

    from .inputs import iter_articles
    from .pipeline import load
    from .render import render_articles

    arts = iter_articles(inputs, id_key=id_column, text_key=text_column)
    if ids:
        wanted = set(ids)
        arts = (a for a in arts if a.id in wanted)
    chosen = list(islice(arts, max(0, limit)))
    if not chosen:
        _err("error: no articles to render")
        raise typer.Exit(code=1)
    html_page = render_articles(load(segmenter), chosen, title=title)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(html_page, encoding="utf-8")
    tmp.replace(output)
    _err(f"rendered {len(chosen)} article(s) to {output}")


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


@app.command()
def report(
    records: List[Path] = typer.Argument(..., help="Record files written by `extract`: JSONL or Parquet."),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML page to write (one offline file)."),
    title: str = typer.Option("govnews-nlp corpus report", "--title", help="Page title."),
    top: int = typer.Option(25, "--top", help="Rows per table and officials in the figures."),
) -> None:
    """Write a corpus report: officials, co-appearances, events, slogan diffusion, capacity and investment."""
    from .analysis.fonts import FontNotFound
    from .analysis.report import write_report
    from .analysis.sources import RecordsError

    try:
        corpus = write_report(records, output, title=title, top=max(1, top))
    except (FontNotFound, RecordsError, ImportError) as err:
        _err(f"error: {err}")
        raise typer.Exit(code=1) from None
    _err(f"report of {corpus.records} record(s) ({corpus.errors} failed) written to {output}")


def _register_subcommands() -> None:
    from .training.cli import register as register_training

    register_training(app)


_register_subcommands()


def main(argv: Optional[List[str]] = None) -> None:
    try:
        app(args=argv, prog_name="govnews-nlp")
    except KeyboardInterrupt:  # pragma: no cover
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
