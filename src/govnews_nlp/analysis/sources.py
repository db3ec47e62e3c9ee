"""Where records come from: dicts, JSONL or Parquet files (the outputs of ``govnews-nlp extract``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, Union

from ..outputs import read_records

RecordSource = Union[str, Path, Iterable[Dict[str, Any]], Iterable[Union[str, Path]]]


class RecordsError(ValueError):
    """A records source could not be read; the message names it."""


def iter_records(source: RecordSource) -> Iterator[Dict[str, Any]]:
    """Records one at a time (never all in memory) from a path, a list of paths or an iterable of dicts.

    A path is JSONL unless it ends in ``.parquet``/``.pq``; a missing path is an error that names it.
    """
    if isinstance(source, (str, Path)):
        yield from _from_path(Path(source))
        return
    for item in source:
        if isinstance(item, (str, Path)):
            yield from _from_path(Path(item))
        elif isinstance(item, dict):
            yield item
        else:
            raise RecordsError(f"not a record or a path: {type(item).__name__}")


def _from_path(path: Path) -> Iterator[Dict[str, Any]]:
    if not path.is_file():
        raise RecordsError(f"{path}: no such records file")
    yield from read_records(path)
