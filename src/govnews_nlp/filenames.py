"""Article ids as file names: safe on every file system, never outside the output folder.

An id comes from the corpus (a JSONL field, a CSV cell), so it can be anything: ``../../x``,
``/etc/x``, ``a/b``, a NUL, a Windows device name, 1,000 characters. ``normalize`` writes one file
per article, and the id must never decide *where* that file goes. The mapping:

* letters and digits (any script, so Chinese ids stay readable), ``-``, ``_`` and ``.`` are kept;
  every other character becomes ``%XX`` per byte of its UTF-8 (percent-encoding, as in URLs):
  ``a/b`` → ``a%2Fb``, ``../../x`` → ``%2E.%2F..%2Fx``;
* a leading ``.`` is encoded (no hidden files, no ``.``/``..``), and so is the first character of
  a Windows device name (``CON``, ``nul.txt``, ``COM1`` … → ``%43ON``);
* the empty id is ``~empty``;
* a name longer than :data:`MAX_NAME_BYTES` bytes is cut and ends in ``~`` and 16 hex digits of the
  id's SHA-1;
* a name already given in this run, compared without case (macOS and Windows fold case), gets
  ``~2``, ``~3`` … in order of appearance (``~`` never occurs in an encoded name, so these
  cannot clash with another id's name).

``urllib.parse.unquote(stem)`` gives the id back for names that were not cut or numbered; the
index file ``normalize`` writes beside the outputs holds every id with its file name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Dict, Optional

#: Longest file stem written, in UTF-8 bytes (file systems allow 255 with the suffix).
MAX_NAME_BYTES = 200
_WINDOWS_DEVICES = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)")


def _encode_char(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def _keep(ch: str) -> bool:
    return ch.isalnum() or ch in "-_."


def id_to_stem(article_id: str) -> str:
    """The file stem of an id, before collisions are resolved (see the module docstring)."""
    if article_id == "":
        return "~empty"
    chars = [ch if _keep(ch) else _encode_char(ch) for ch in article_id]
    if chars[0] == ".":
        chars[0] = _encode_char(".")
    if _WINDOWS_DEVICES.match(article_id):
        chars[0] = _encode_char(article_id[0])
    stem = "".join(chars)
    if len(stem.encode("utf-8")) > MAX_NAME_BYTES:
        digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        cut = []
        size = 0
        budget = MAX_NAME_BYTES - 17
        for part in chars:  # whole characters / whole %XX groups only
            n = len(part.encode("utf-8"))
            if size + n > budget:
                break
            cut.append(part)
            size += n
        stem = "".join(cut) + "~" + digest
    return stem


class FileNamer:
    """Gives each id of a run its own file name in ``folder``, deterministically (first come keeps
    the plain name), and checks that the path stays inside ``folder``."""

    def __init__(self, folder: Path, suffix: str = ".txt") -> None:
        self.folder = Path(folder)
        self.suffix = suffix
        self._root = self.folder.resolve()
        self._taken: Dict[str, int] = {}

    def name(self, article_id: Optional[str]) -> str:
        stem = id_to_stem("" if article_id is None else str(article_id))
        key = stem.casefold()
        n = self._taken.get(key, 0) + 1
        self._taken[key] = n
        while n > 1 and f"{stem}~{n}".casefold() in self._taken:  # pragma: no cover - "~" is never kept
            n += 1
        if n > 1:
            stem = f"{stem}~{n}"
            self._taken[stem.casefold()] = 1
        return stem + self.suffix

    def path(self, article_id: Optional[str]) -> Path:
        """The file for the next article with this id; raises ``ValueError`` if it would leave the folder."""
        path = self.folder / self.name(article_id)
        if path.resolve().parent != self._root:  # cannot happen with the mapping above; a last guard
            raise ValueError(f"id {article_id!r} maps outside {self.folder}")
        return path
