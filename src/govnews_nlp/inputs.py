"""Reading articles: files, folders, JSONL, CSV, Parquet and stdin; bytes decoded, encoding reported.

Scraped corpora arrive as UTF-8 (with or without BOM), GB18030/GBK and Big5. UTF-8 is tried
first (it is strict: a GBK file almost never decodes as UTF-8 by accident); otherwise
charset-normalizer picks among the Chinese encodings. Anything that cannot be read, decoded or
parsed becomes an :class:`Article` with ``error`` set instead of raising, so a batch never stops
on one bad file or line, and every input item still gets its record downstream.

Ids: the file stem for ``.txt`` files; the id column for tables (``--id-column``), or
``<stem>:<line or row>`` when a row has none.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Dict, Iterable, Iterator, Optional, Tuple, Union

CHINESE_ENCODINGS = ("gb18030", "big5", "utf_16")
#: Input formats by file suffix; anything else is read as one plain-text article.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet",
           ".txt": "txt"}
STDIN = "-"


@dataclass
class Article:
    """One input item: its text, or why there is none (``error``)."""

    id: str
    text: Optional[str]
    source: str
    encoding: Optional[str] = None
    error: Optional[str] = None


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace are rare in any real text, common in binary."""
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return bad > max(2, len(sample) // 100)


#: Characters Chinese text is made of (CJK ideographs and punctuation, full-width forms, printable
#: ASCII, whitespace): text decoded from binary bytes as UTF-16 is mostly something else.
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u3400-\u4dbf\x20-\x7e\s]")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _plausible_share(text: str) -> float:
    sample = text[:4096]
    return len(_PLAUSIBLE.findall(sample)) / len(sample) if sample else 0.0


def _utf16_without_bom(data: bytes) -> Optional[Tuple[str, str]]:
    """BOM-less UTF-16 (little or big endian), if a byte order gives plausible Chinese text.

    Without a BOM the NUL bytes of ASCII characters make it look binary (or, for text of
    ideographs only, like a legacy encoding). Each byte order is tried; the text must be at least
    95 % characters Chinese news is made of (so binary data that happens to decode is still
    refused). The more plausible order wins; on a tie, the side the NUL bytes of ASCII characters
    fall on (odd bytes: little endian), then more ideographs, then little endian (Windows').
    charset-normalizer is not asked: on a few dozen bytes it picks the wrong order.
    """
    if len(data) % 2:
        return None
    texts: Dict[str, str] = {}
    for encoding in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # an unpaired surrogate: not this order
            continue
        if _plausible_share(text) >= 0.95 and not _looks_binary(text):
            texts[encoding] = text
    if not texts:
        return None
    sample = data[:8192]
    nul_even, nul_odd = sample[0::2].count(0), sample[1::2].count(0)

    def rank(encoding: str) -> Tuple[float, int, int, int]:
        text = texts[encoding]
        nul_side = nul_odd - nul_even if encoding == "utf_16_le" else nul_even - nul_odd
        return (_plausible_share(text), nul_side, len(_IDEOGRAPH.findall(text[:4096])), encoding == "utf_16_le")

    best = max(texts, key=rank)
    return texts[best], best


def decode_bytes(data: bytes) -> Tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``. Raises ``UnicodeDecodeError`` if hopeless."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as first_error:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        if b"\x00" in data[:4096]:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "binary data (NUL bytes)") from None
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
        if best is None:
            best = from_bytes(data).best()
        if best is None:
            raise first_error from None
        encoding = best.encoding
        text = data.decode(encoding)
        if _looks_binary(text):
            raise UnicodeDecodeError(encoding, data, 0, 1, "binary data (no text encoding fits)") from None
        return text, encoding
    if _CONTROL.search(text, 0, 4096):  # UTF-16 of ASCII and some ideographs is valid UTF-8, full of controls
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if _looks_binary(text):
        raise UnicodeDecodeError("utf-8", data, 0, 1, "binary data (control characters)")
    return text, "utf-8"


def read_text_bytes(data: bytes, article_id: str, source: str) -> Article:
    try:
        text, enc = decode_bytes(data)
    except UnicodeDecodeError as err:
        return Article(article_id, None, source, error=f"cannot decode {source}: {err.reason}")
    return Article(article_id, text, source, encoding=enc)


def read_text_file(path: Path, article_id: Optional[str] = None) -> Article:
    aid = article_id or path.stem
    try:
        data = path.read_bytes()
    except OSError as err:
        return Article(aid, None, str(path), error=f"cannot read {path}: {err.strerror or err}")
    return read_text_bytes(data, aid, str(path))


def _row_article(obj: dict, where: str, default_id: str, id_key: str, text_key: str) -> Article:
    aid = obj.get(id_key)
    aid = str(aid).strip() if aid is not None and aid == aid else ""  # aid == aid: not NaN
    aid = aid or default_id
    text = obj.get(text_key)
    if not isinstance(text, str):
        if text_key not in obj:
            what = "missing"
        else:
            what = "null" if text is None else f"a {type(text).__name__}, not a string"
        return Article(aid, None, where, error=f"{where}: field {text_key!r} is {what}")
    return Article(aid, text, where, encoding="utf-8")


def read_jsonl_stream(handle: BinaryIO, name: str, stem: str, id_key: str = "id",
                      text_key: str = "text") -> Iterator[Article]:
    lines = enumerate(handle, 1)
    lineno = 0
    while True:
        try:
            lineno, raw = next(lines)
        except StopIteration:
            return
        except OSError as err:  # EIO, EISDIR …: the rest of the file cannot be read
            yield Article(f"{stem}:{lineno + 1}", None, name, error=f"cannot read {name}: {err.strerror or err}")
            return
        where = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            yield Article(f"{stem}:{lineno}", None, where, error=f"{where}: not a JSON line: {err}")
            continue
        if not isinstance(obj, dict):
            yield Article(f"{stem}:{lineno}", None, where, error=f"{where}: expected a JSON object")
            continue
        yield _row_article(obj, where, f"{stem}:{lineno}", id_key, text_key)


def read_jsonl(path: Path, id_key: str = "id", text_key: str = "text") -> Iterator[Article]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Article(path.stem, None, str(path), error=f"cannot read {path}: {err.strerror or err}")
        return
    with handle:
        yield from read_jsonl_stream(handle, str(path), path.stem, id_key, text_key)


def read_csv_stream(handle: io.TextIOBase, name: str, stem: str, id_key: str = "id",
                    text_key: str = "text") -> Iterator[Article]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are long fields
    reader = csv.DictReader(handle)
    try:
        header = reader.fieldnames
    except (csv.Error, UnicodeDecodeError) as err:
        yield Article(stem, None, name, error=f"{name}: cannot read the CSV header: {err}")
        return
    if not header or text_key not in header:
        yield Article(stem, None, name, error=f"{name}: no column {text_key!r} (columns: {header})")
        return
    row_no = 0
    while True:
        row_no += 1
        where = f"{name}:{row_no + 1}"  # +1: the header is line 1 (for rows without embedded newlines)
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as err:
            yield Article(f"{stem}:{row_no}", None, where, error=f"{where}: bad CSV row: {err}")
            if isinstance(err, UnicodeDecodeError):
                return  # the stream cannot be resynchronized
            continue
        yield _row_article(row, where, f"{stem}:{row_no}", id_key, text_key)


def read_csv(path: Path, id_key: str = "id", text_key: str = "text") -> Iterator[Article]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        yield Article(path.stem, None, str(path), error=f"cannot read {path}: {err.strerror or err}")
        return
    with handle:
        yield from read_csv_stream(handle, str(path), path.stem, id_key, text_key)


def read_parquet(path: Path, id_key: str = "id", text_key: str = "text",
                 batch_size: int = 1024) -> Iterator[Article]:
    """Rows of a Parquet file, read in batches (a corpus file need not fit in memory)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - the [parquet] extra
        yield Article(path.stem, None, str(path),
                      error="reading Parquet needs pyarrow: pip install 'govnews-nlp[parquet]'")
        return
    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
    except Exception as err:  # pyarrow raises several types for a broken file
        yield Article(path.stem, None, str(path), error=f"cannot read Parquet {path}: {err}")
        return
    if text_key not in names:
        yield Article(path.stem, None, str(path), error=f"{path}: no column {text_key!r} (columns: {names})")
        return
    columns = [c for c in (id_key, text_key) if c in names]
    row_no = 0
    try:
        for batch in pf.iter_batches(batch_size=batch_size, columns=columns):
            for row in batch.to_pylist():
                row_no += 1
                yield _row_article(row, f"{path}:{row_no}", f"{path.stem}:{row_no}", id_key, text_key)
    except Exception as err:
        yield Article(f"{path.stem}:{row_no + 1}", None, str(path), error=f"cannot read Parquet {path}: {err}")


def read_stdin(stream: Optional[BinaryIO] = None, fmt: str = "auto", id_key: str = "id",
               text_key: str = "text") -> Iterator[Article]:
    """Standard input: JSONL (if it starts with ``{``, or ``fmt="jsonl"``), CSV, or one text article."""
    data = (stream or sys.stdin.buffer).read()
    if fmt == "auto":
        fmt = "jsonl" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "txt"
    if fmt == "jsonl":
        yield from read_jsonl_stream(io.BytesIO(data), "<stdin>", "stdin", id_key, text_key)
    elif fmt == "csv":
        yield from read_csv_stream(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""),
                                   "<stdin>", "stdin", id_key, text_key)
    elif fmt == "txt":
        yield read_text_bytes(data, "stdin", "<stdin>")
    else:
        yield Article("stdin", None, "<stdin>", error=f"stdin cannot be read as {fmt!r}")


def _folder_entries(folder: Path) -> Iterator[Tuple[Path, Optional[str]]]:
    """Every ``*.txt`` below ``folder``, sorted, with why it cannot be read (``None`` if it can).

    A ``*.txt`` that is a symbolic link looping on itself or pointing nowhere is reported, not
    skipped without a word (it is an article the corpus meant to hold). Folders are not followed
    through symbolic links (pathlib's default), so a link back up the tree cannot loop the walk.
    """
    try:
        found = sorted(folder.rglob("*.txt"))
    except OSError as err:
        yield folder, f"cannot list {folder}: {err.strerror or err}"
        return
    for path in found:
        try:
            if path.is_dir():
                continue
            if path.is_file():
                yield path, None
                continue
        except OSError as err:  # ELOOP is ignored by is_file() on some versions, raised on others
            yield path, f"cannot read {path}: {err.strerror or err}"
            continue
        if path.is_symlink():
            try:
                os.stat(path)
            except OSError as err:
                what = "a symbolic link loop" if err.errno == errno.ELOOP else "a broken symbolic link"
                yield path, f"cannot read {path}: {what} ({err.strerror})"
                continue
        yield path, f"cannot read {path}: not a regular file"


def _kind_of(path: Path, fmt: str) -> str:
    return FORMATS.get(path.suffix.lower(), "txt") if fmt == "auto" else fmt


def iter_articles(
    inputs: Iterable[Union[str, Path]],
    id_key: str = "id",
    text_key: str = "text",
    fmt: str = "auto",
) -> Iterator[Article]:
    """Articles from ``.txt`` files, folders (every ``*.txt`` below, sorted), JSONL, CSV and Parquet
    files, and ``-`` (stdin). ``fmt`` forces a format for files (``txt|jsonl|csv|parquet``).

    Never raises for a bad input: a path that cannot be looked at (no permission on its folder,
    a name too long) is one error article, like a missing file."""
    for item in inputs:
        if str(item) == STDIN:
            yield from read_stdin(None, fmt, id_key, text_key)
            continue
        path = Path(item)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError) as err:  # EACCES, ENAMETOOLONG; ValueError: an embedded NUL
            reason = getattr(err, "strerror", None) or err
            yield Article(path.stem, None, str(path), error=f"cannot read {path}: {reason}")
            continue
        if is_dir:
            for f, error in _folder_entries(path):
                yield read_text_file(f) if error is None else Article(f.stem, None, str(f), error=error)
            continue
        if not exists:
            yield Article(path.stem, None, str(path), error=f"no such file or folder: {path}")
            continue
        kind = _kind_of(path, fmt)
        if kind == "jsonl":
            yield from read_jsonl(path, id_key, text_key)
        elif kind == "csv":
            yield from read_csv(path, id_key, text_key)
        elif kind == "parquet":
            yield from read_parquet(path, id_key, text_key)
        else:
            yield read_text_file(path)


class DuplicateIds:
    """Counts ids as articles go by, so that a repeated id is said, not silently overwritten or dropped.

    ``seen(article_id)`` returns how many times the id came before (0 the first time).
    """

    def __init__(self) -> None:
        self.counts: Dict[str, int] = {}
        self.repeated = 0

    def seen(self, article_id: str) -> int:
        n = self.counts.get(article_id, 0)
        self.counts[article_id] = n + 1
        if n:
            self.repeated += 1
        return n


def count_articles(inputs: Iterable[Union[str, Path]], fmt: str = "auto") -> Optional[int]:
    """How many articles :func:`iter_articles` will yield, when that is cheap to know (for the
    progress bar's ETA): files and folders, JSONL lines, Parquet row counts. ``None`` for stdin
    and CSV (a quoted field may span lines)."""
    total = 0
    for item in inputs:
        if str(item) == STDIN:
            return None
        path = Path(item)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError):
            total += 1
            continue
        if is_dir:
            total += sum(1 for _ in _folder_entries(path))
            continue
        kind = _kind_of(path, fmt)
        if not exists or kind == "txt":
            total += 1
        elif kind == "jsonl":
            try:
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        elif kind == "parquet":
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            except Exception:
                total += 1
        else:
            return None
    return total
