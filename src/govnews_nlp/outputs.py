"""Writing records: JSONL or Parquet, atomically, resumable.

A week-long run must never leave a half-written file where the output should be. Writers
write to ``<output>.part`` beside the output and move it into place with :func:`os.replace`
(atomic on POSIX and Windows) when closed, which the CLI does on normal exit, on Ctrl-C and on
SIGTERM. So the output path holds either the previous complete file or the new complete file,
and after an interrupt it holds every record finished so far.

``resume=True`` starts from the records already in the output (and in a ``.part`` left over by
a run that was killed outright, e.g. SIGKILL or a power cut: its complete lines are kept, a torn
last line is dropped); :attr:`RecordWriter.done_ids` tells the caller which articles to skip.

Parquet keeps the gold lists as typed nested columns (``people.name``, ``capacities.value`` …)
so they can be queried directly; what has no fixed type (the normalization report, keys a
component adds) is kept as JSON text, so a record survives the round trip unchanged
(:func:`read_records`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, Union

from .records import RECORD_LISTS

PathLike = Union[str, Path]
OUTPUT_FORMATS = ("jsonl", "parquet")


def output_format(path: PathLike, fmt: Optional[str] = None) -> str:
    """``jsonl`` or ``parquet``: as given, else from the suffix (``.parquet``/``.pq``), else JSONL."""
    if fmt:
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of: {', '.join(OUTPUT_FORMATS)}")
        return fmt
    return "parquet" if Path(path).suffix.lower() in (".parquet", ".pq") else "jsonl"


def part_path(path: PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".part")


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


def _salvage(path: Path, fmt: str) -> List[Dict[str, Any]]:
    """Records recoverable from an output or a leftover ``.part`` (a killed Parquet part has no footer)."""
    if not path.exists():
        return []
    try:
        return list(read_records(path, fmt))
    except Exception:  # an unreadable leftover: nothing to salvage from it
        return []


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
    are kept. ``resume=True`` carries over the records already there and lists their ids in
    :attr:`done_ids`.
    """

    def __init__(self, path: PathLike, fmt: Optional[str] = None, *, resume: bool = False,
                 row_group_size: int = 256) -> None:
        self.path = Path(path)
        self.fmt = output_format(self.path, fmt)
        self.part = part_path(self.path)
        self.row_group_size = row_group_size
        self.count = 0
        self.done_ids: Set[str] = set()
        self._closed = False
        carried: List[Dict[str, Any]] = []
        if resume:
            for source in (self.path, self.part):
                for rec in _salvage(source, self.fmt):
                    rid = str(rec.get("id"))
                    if rid not in self.done_ids:
                        self.done_ids.add(rid)
                        carried.append(rec)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._buffer: List[Dict[str, Any]] = []
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            self._schema = arrow_schema()
            self._pq = pq.ParquetWriter(str(self.part), self._schema)
            self._fh = None
        else:
            self._fh = self.part.open("w", encoding="utf-8")
        for rec in carried:
            self.write(rec)
        self.resumed = len(carried)

    def write(self, rec: Dict[str, Any]) -> None:
        if self._fh is not None:
            self._fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
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
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        else:
            self._flush_parquet()
            self._pq.close()
        os.replace(self.part, self.path)

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
