"""Writing records: JSONL or Parquet, atomically, resumable.

A week-long run must never leave a half-written file where the output should be. Writers
write to ``<output>.part`` beside the output and move it into place with :func:`os.replace`
(atomic on POSIX and Windows) when closed, which the CLI does on normal exit, on Ctrl-C and on
SIGTERM. So the output path holds either the previous complete file or the new complete file,
and after an interrupt it holds every record finished so far.

JSONL is written a line at a time (line-buffered), so a run killed outright (SIGKILL, a power
cut) leaves a ``.part`` whose complete lines are all its finished records. A Parquet file is
unreadable without its footer, so a Parquet writer also keeps a JSONL journal
(``<output>.journal.jsonl``, removed when the output is in place) that a killed run leaves behind.

``resume=True`` starts from the records already in the output, in its ``.part`` and in its journal
(complete lines kept, a torn last line dropped); :attr:`RecordWriter.done_counts` tells the caller
how many times each id is done, so an id that occurs twice in the input is kept twice. A leftover
that cannot be read is said in :attr:`RecordWriter.warnings`, never skipped silently.

``-`` as the path writes JSONL to standard output (nothing to move, nothing to resume).

Parquet keeps the gold lists as typed nested columns (``people.name``, ``capacities.value`` …)
so they can be queried directly; what has no fixed type (the normalization report, keys a
component adds) is kept as JSON text, so a record survives the round trip unchanged
(:func:`read_records`).
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, TextIO, Union

from .records import RECORD_LISTS

PathLike = Union[str, Path]
OUTPUT_FORMATS = ("jsonl", "parquet")
#: Output suffixes a writer accepts without ``--format`` (no suffix at all means JSONL).
OUTPUT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet", "": "jsonl"}
STDOUT = "-"


def output_format(path: PathLike, fmt: Optional[str] = None, *, strict: bool = False) -> str:
    """``jsonl`` or ``parquet``: as given, else from the suffix (``.parquet``/``.pq``), else JSONL.

    ``strict=True`` (writing) refuses a suffix that names another format (``x.csv``, ``x.json``)
    rather than silently writing JSONL under it.
    """
    if fmt:
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of: {', '.join(OUTPUT_FORMATS)}")
        return fmt
    if str(path) == STDOUT:
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if strict and suffix not in OUTPUT_SUFFIXES:
        raise ValueError(f"cannot write {suffix} files ({path}): the output formats are JSONL (.jsonl, .ndjson) "
                         "and Parquet (.parquet, .pq); or name the format with --format jsonl|parquet")
    return "parquet" if suffix in (".parquet", ".pq") else "jsonl"


def part_path(path: PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".part")


def journal_path(path: PathLike) -> Path:
    """The JSONL journal a Parquet writer keeps beside its output until the output is in place."""
    path = Path(path)
    return path.with_name(path.name + ".journal.jsonl")


def json_line(obj: Any) -> str:
    """One JSON line, readable UTF-8 where possible; ``\\uXXXX`` escapes where a string holds a lone
    surrogate (scraped text does), which UTF-8 cannot encode: the line is still written, and reads
    back to the same string."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(obj, ensure_ascii=True)
    return line + "\n"


# -- reading back --------------------------------------------------------------------------------
def _read_jsonl_records(path: Path) -> Iterator[Dict[str, Any]]:
    """Complete records of a JSONL file; stops at the first line that is not one (a torn write)."""
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                return
            if not isinstance(rec, dict) or "id" not in rec:
                return
            yield rec


def read_records(path: PathLike, fmt: Optional[str] = None) -> Iterator[Dict[str, Any]]:
    """The records of a JSONL or Parquet output, as dicts (Parquet rows converted back)."""
    path = Path(path)
    if output_format(path, fmt) == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                yield from_arrow_row(row)
    else:
        yield from _read_jsonl_records(path)


def _salvage(path: Path, fmt: str, warnings: List[str]) -> List[Dict[str, Any]]:
    """Records recoverable from an output, a leftover ``.part`` or a journal; an unreadable one is warned about."""
    if not path.exists():
        return []
    try:
        return list(read_records(path, fmt))
    except Exception as err:  # e.g. a killed Parquet part: no footer
        warnings.append(f"cannot resume from {path} ({type(err).__name__}: {err}); its records will be redone")
        return []


def merge_records(*sources: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The records of several leftovers of one output, each record once: a later source adds only
    the occurrences of an id beyond those already taken. (A killed run's part starts with the
    records it carried over from the output, so part after output gives the part; an id that
    occurs twice in the input keeps both records.)"""
    merged: List[Dict[str, Any]] = []
    taken: Counter = Counter()
    for records in sources:
        here: Counter = Counter()
        for rec in records:
            rid = str(rec.get("id"))
            here[rid] += 1
            if here[rid] > taken[rid]:
                merged.append(rec)
        taken = taken | here
    return merged


# -- Parquet row conversion ------------------------------------------------------------------------
_ITEM_FIELDS = {
    "people": {"name": "string", "titles": "list", "kind": "string"},
    "capacities": {"text": "string", "value": "float", "unit": "string", "per": "string"},
    "investments": {"text": "string", "value": "float", "unit": "string"},
    "projects": {"text": "string"},
    "slogans": {"text": "string"},
    "events": {"id": "string", "action": "string", "kind": "string", "who": "list", "date": "string",
               "place": "string", "projects": "list"},
}
_DATE_FIELDS = ("text", "year", "month", "day", "iso")
_PLAIN = ("id", "headline", "segmenter", "version", "source", "error")


def arrow_schema():
    """The Parquet schema of a record."""
    import pyarrow as pa

    types = {"string": pa.string(), "float": pa.float64(), "list": pa.list_(pa.string())}

    def item(fields: Dict[str, str]):
        return pa.list_(pa.struct([*(pa.field(k, types[t]) for k, t in fields.items()),
                                   pa.field("extra", pa.string())]))

    date = pa.struct([pa.field("text", pa.string()), pa.field("year", pa.int32()), pa.field("month", pa.int32()),
                      pa.field("day", pa.int32()), pa.field("iso", pa.string())])
    return pa.schema([
        pa.field("id", pa.string()),
        *(pa.field(k, item(f)) for k, f in _ITEM_FIELDS.items()),
        pa.field("headline", pa.string()),
        pa.field("date", date),
        pa.field("normalization", pa.string()),
        pa.field("segmenter", pa.string()),
        pa.field("version", pa.string()),
        pa.field("source", pa.string()),
        pa.field("error", pa.string()),
        pa.field("extra", pa.string()),
    ])


def _json_or_none(obj: Dict[str, Any]) -> Optional[str]:
    return json.dumps(obj, ensure_ascii=False) if obj else None


def _to_float(x: Any) -> Optional[float]:
    try:
        return None if x is None else float(x)
    except (TypeError, ValueError):
        return None


def to_arrow_row(rec: Dict[str, Any]) -> Dict[str, Any]:
    """A record as a row of :func:`arrow_schema`: typed where the type is fixed, JSON elsewhere."""
    row: Dict[str, Any] = {}
    extra: Dict[str, Any] = {}
    for key, value in rec.items():
        if key in _ITEM_FIELDS:
            fields = _ITEM_FIELDS[key]
            items = []
            for it in value or []:
                it = dict(it) if isinstance(it, dict) else {"value_raw": it}
                conv = {}
                for f, t in fields.items():
                    v = it.pop(f, None)
                    if t == "float":
                        fv = _to_float(v)
                        if fv is None and v is not None:
                            it[f] = v  # keep what does not fit the type
                        v = fv
                    elif t == "list":
                        v = [str(x) for x in v] if isinstance(v, list) else ([] if v is None else [str(v)])
                    elif v is not None:
                        v = str(v)
                    conv[f] = v
                conv["extra"] = _json_or_none(it)
                items.append(conv)
            row[key] = items
        elif key == "date":
            if value is None or (isinstance(value, dict) and set(value) <= set(_DATE_FIELDS)):
                row["date"] = None if value is None else {f: value.get(f) for f in _DATE_FIELDS}
            else:
                row["date"] = None
                extra["date"] = value
        elif key == "normalization":
            row["normalization"] = json.dumps(value, ensure_ascii=False) if value is not None else None
        elif key in _PLAIN:
            row[key] = None if value is None else str(value)
        else:
            extra[key] = value
    for key in _ITEM_FIELDS:
        row.setdefault(key, [])
    row["extra"] = _json_or_none(extra)
    return row


def _num(x: Optional[float]) -> Any:
    return int(x) if isinstance(x, float) and x.is_integer() else x


def from_arrow_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Inverse of :func:`to_arrow_row`: the record, with the keys in record order."""
    rec: Dict[str, Any] = {"id": row.get("id")}
    extra = json.loads(row["extra"]) if row.get("extra") else {}
    for key in (*RECORD_LISTS, "events"):
        items = []
        for it in row.get(key) or []:
            d = {k: (_num(v) if _ITEM_FIELDS[key][k] == "float" else v) for k, v in it.items() if k != "extra"}
            if it.get("extra"):
                d.update(json.loads(it["extra"]))
            items.append(d)
        rec[key] = items
    events = rec.pop("events")
    rec["headline"] = row.get("headline")
    rec["date"] = extra.pop("date", None) if row.get("date") is None else dict(row["date"])
    rec["events"] = events
    schema_version = extra.pop("schema_version", None)
    rec.update(extra)
    rec["normalization"] = json.loads(row["normalization"]) if row.get("normalization") else None
    for key in ("segmenter", "version", "source", "error"):
        if key == "source" and schema_version is not None:
            rec["schema_version"] = schema_version
        rec[key] = row.get(key)
    return rec


# -- writers -------------------------------------------------------------------------------------
class RecordWriter:
    """Write records to ``<path>.part``; :meth:`close` moves the part into place.

    Use as a context manager; on any exit (including ``KeyboardInterrupt``) the finished records
    are kept. ``resume=True`` carries over the records already there: :attr:`done_counts` says how
    many records each id has, :attr:`done_ids` which ids, :attr:`warnings` what could not be read.
    """

    def __init__(self, path: PathLike, fmt: Optional[str] = None, *, resume: bool = False,
                 row_group_size: int = 256, stdout: Optional[TextIO] = None) -> None:
        self.to_stdout = str(path) == STDOUT
        self.path = Path(path)
        self.fmt = output_format(self.path, fmt, strict=True)
        self.part = part_path(self.path)
        self.journal = journal_path(self.path)
        self.row_group_size = row_group_size
        self.count = 0
        self.warnings: List[str] = []
        self._closed = False
        self._journal_fh: Optional[TextIO] = None
        self._pq = None
        if self.to_stdout:
            if self.fmt != "jsonl":
                raise ValueError("standard output (-o -) takes JSONL only; write Parquet to a file")
            if resume:
                raise ValueError("--resume needs an output file, not standard output")
            self._fh: Optional[TextIO] = stdout or sys.stdout
            self.done_counts: Counter = Counter()
            self.done_ids: Set[str] = set()
            self.resumed = 0
            return
        carried: List[Dict[str, Any]] = []
        if resume:
            sources = [_salvage(self.path, self.fmt, self.warnings), _salvage(self.part, self.fmt, self.warnings)]
            if self.fmt == "parquet":
                sources.append(_salvage(self.journal, "jsonl", self.warnings))
            carried = merge_records(*sources)
        self.done_counts = Counter(str(rec.get("id")) for rec in carried)
        self.done_ids = set(self.done_counts)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._buffer: List[Dict[str, Any]] = []
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            self._schema = arrow_schema()
            self._fh = None
            self._journal_fh = self.journal.open("w", encoding="utf-8", buffering=1)
            self._pq = pq.ParquetWriter(str(self.part), self._schema)
        else:
            self._fh = self.part.open("w", encoding="utf-8", buffering=1)  # a line at a time: SIGKILL-safe
        for rec in carried:
            self.write(rec)
        self.resumed = len(carried)

    def write(self, rec: Dict[str, Any]) -> None:
        if self._fh is not None:
            self._fh.write(json_line(rec))
        else:
            assert self._journal_fh is not None
            self._journal_fh.write(json_line(rec))
            self._buffer.append(to_arrow_row(rec))
            if len(self._buffer) >= self.row_group_size:
                self._flush_parquet()
        self.count += 1

    def _flush_parquet(self) -> None:
        if self._buffer:
            import pyarrow as pa

            self._pq.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def flush(self) -> None:
        """Push finished records to the OS (JSONL) or a row group (Parquet)."""
        if self._fh is not None:
            self._fh.flush()
        else:
            self._flush_parquet()

    def close(self) -> None:
        """Finish the file and move it into place (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self.to_stdout:
            assert self._fh is not None
            self._fh.flush()
            return
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        else:
            self._flush_parquet()
            self._pq.close()
        os.replace(self.part, self.path)
        if self._journal_fh is not None:
            self._journal_fh.close()
            self.journal.unlink()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def write_records(path: PathLike, records: Any, fmt: Optional[str] = None) -> int:
    """Write an iterable of records atomically; return how many."""
    with RecordWriter(path, fmt) as writer:
        for rec in records:
            writer.write(rec)
    return writer.count
