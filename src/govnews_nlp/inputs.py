"""Reading articles: files, folders, JSONL; bytes decoded with the right encoding, reported.

Scraped corpora arrive as UTF-8 (with or without BOM), GB18030/GBK and Big5. UTF-8 is tried
first (it is strict: a GBK file almost never decodes as UTF-8 by accident); otherwise
charset-normalizer picks among the Chinese encodings. A file that cannot be read or decoded
becomes an :class:`Article` with ``error`` set, so a batch never stops on one bad file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Tuple, Union

CHINESE_ENCODINGS = ("gb18030", "big5", "utf_16")


@dataclass
class Article:
    id: str
    text: Optional[str]
    source: str
    encoding: Optional[str] = None
    error: Optional[str] = None


def decode_bytes(data: bytes) -> Tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``. Raises ``UnicodeDecodeError`` if hopeless."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as first_error:
        if b"\x00" in data[:4096]:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "binary data (NUL bytes)") from None
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(CHINESE_ENCODINGS)).best()
        if best is None:
            best = from_bytes(data).best()
        if best is None:
            raise first_error from None
        encoding = best.encoding
        return data.decode(encoding), encoding


def read_text_file(path: Path, article_id: Optional[str] = None) -> Article:
    aid = article_id or path.stem
    try:
        data = path.read_bytes()
    except OSError as err:
        return Article(aid, None, str(path), error=f"cannot read {path}: {err.strerror or err}")
    try:
        text, enc = decode_bytes(data)
    except UnicodeDecodeError as err:
        return Article(aid, None, str(path), error=f"cannot decode {path}: {err.reason}")
    return Article(aid, text, str(path), encoding=enc)


def read_jsonl(path: Path, id_key: str = "id", text_key: str = "text") -> Iterator[Article]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Article(path.stem, None, str(path), error=f"cannot read {path}: {err.strerror or err}")
        return
    with handle:
        for lineno, raw in enumerate(handle, 1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as err:
                yield Article(f"{path.stem}:{lineno}", None, where, error=f"{where}: not a JSON line: {err}")
                continue
            if not isinstance(obj, dict):
                yield Article(f"{path.stem}:{lineno}", None, where, error=f"{where}: expected a JSON object")
                continue
            aid = obj.get(id_key)
            aid = str(aid) if aid is not None else f"{path.stem}:{lineno}"
            text = obj.get(text_key)
            if not isinstance(text, str):
                yield Article(aid, None, where, error=f"{where}: field {text_key!r} missing or not a string")
                continue
            yield Article(aid, text, where, encoding="utf-8")


def iter_articles(
    inputs: Iterable[Union[str, Path]], id_key: str = "id", text_key: str = "text"
) -> Iterator[Article]:
    """Articles from files, folders (every ``*.txt`` below, sorted) and ``.jsonl`` files."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*.txt") if p.is_file()):
                yield read_text_file(f)
        elif path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from read_jsonl(path, id_key, text_key)
        elif path.exists():
            yield read_text_file(path)
        else:
            yield Article(path.stem, None, str(path), error=f"no such file or folder: {path}")
