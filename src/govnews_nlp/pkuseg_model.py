"""The pkuseg model from the ``pkuseg==0.0.25`` sdist: fetched, checked and converted without running any of it.

Why this module exists: the model ships inside a source distribution whose ``setup.py`` would run
if pip built its metadata, and its features file is a pickle. So the archive is fetched as plain
bytes, pinned by the sha256 the package index publishes for it (:data:`SDIST_SHA256`), opened
with :mod:`tarfile` (nothing in it is executed), and ``features.pkl`` is read by
:class:`FeaturesUnpickler`, which refuses every global: the file holds only dicts, lists, str and
int, which pickle builds from opcodes without importing anything, so any ``__reduce__`` payload
(it needs a global to call) is rejected. ``weights.npz`` is copied as it is, after numpy has read
it with ``allow_pickle=False``. The converted folder gets a ``checksums.json`` with the sha256 of
both files; :func:`verify_model` checks it before a pipeline loads the model.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import tarfile
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Any, Dict, Optional

SDIST_NAME = "pkuseg-0.0.25.tar.gz"
#: sha256 of pkuseg-0.0.25.tar.gz, computed from the downloaded file (and equal to the index's digest).
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
#: Where PyPI serves it (from https://pypi.org/pypi/pkuseg/0.0.25/json); the path is content-addressed.
SDIST_URL = ("https://files.pythonhosted.org/packages/64/3a/090a533c7f0682d653633cfd2d33e9aab3e671379fb199aeb7fa9bd3c34a/"
             + SDIST_NAME)
#: A local copy or mirror URL of the same file (checked against the same sha256), for machines without PyPI.
SDIST_ENV = "GOVNEWS_NLP_PKUSEG_SDIST"
MEMBER_DIR = "pkuseg/models/default/"
MANIFEST = "checksums.json"
MODEL_FILES = ("features.msgpack", "weights.npz")
_CHUNK = 1 << 20


class ModelIntegrityError(RuntimeError):
    """A pkuseg archive or converted model whose bytes are not the ones we pinned or recorded."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def fetch_sdist(dest: Path, source: Optional[str] = None, *, timeout: float = 120.0) -> Path:
    """Copy the sdist to ``dest`` (a file path) from ``source`` (URL or path; default: PyPI) and check its sha256."""
    source = source or os.environ.get(SDIST_ENV) or SDIST_URL
    h = hashlib.sha256()
    try:
        if "://" in source:
            fh: IO[bytes] = urllib.request.urlopen(source, timeout=timeout)
        else:
            fh = open(source, "rb")
        with fh, open(dest, "wb") as out:
            for block in iter(lambda: fh.read(_CHUNK), b""):
                h.update(block)
                out.write(block)
    except (urllib.error.URLError, OSError) as err:
        raise RuntimeError(f"could not fetch {SDIST_NAME} from {source}: {err}. Set {SDIST_ENV} to a local "
                           f"copy or mirror URL of that file if this machine cannot reach PyPI.") from None
    if h.hexdigest() != SDIST_SHA256:
        dest.unlink()
        raise ModelIntegrityError(
            f"{source} is not the pinned {SDIST_NAME}: sha256 {h.hexdigest()}, expected {SDIST_SHA256}. "
            "Nothing was installed; fetch the file from PyPI again (or fix the mirror).")
    return dest


class FeaturesUnpickler(pickle.Unpickler):
    """Unpickles plain data only: dict, list, tuple, str, bytes, int, float, bool, None (all built by opcodes).

    ``find_class`` is the one door through which a pickle reaches code (``__reduce__`` payloads,
    ``os.system``, numpy reconstructors …); it is closed. ``features.pkl`` needs no global.
    """

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load global {module}.{name}: features.pkl holds plain data only")

    def persistent_load(self, pid: Any) -> Any:
        raise pickle.UnpicklingError("refusing a persistent id: features.pkl holds plain data only")


def restricted_load(fh: IO[bytes]) -> Any:
    return FeaturesUnpickler(fh).load()


def _features(data: Any) -> Dict[str, Any]:
    """The four tables spacy_pkuseg reads from ``features.msgpack``, after checking their shape."""
    if not isinstance(data, dict):
        raise ModelIntegrityError(f"features.pkl holds a {type(data).__name__}, not a dict")
    for key in ("unigram", "bigram"):
        if not all(isinstance(w, str) for w in data.get(key) or ()):
            raise ModelIntegrityError(f"features.pkl: {key} is not a collection of strings")
    for key in ("feature_to_idx", "tag_to_idx"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(isinstance(k, str) and type(v) is int for k, v in table.items()):
            raise ModelIntegrityError(f"features.pkl: {key} is not a str -> int table")
    return {"unigram": sorted(data["unigram"]), "bigram": sorted(data["bigram"]),
            "feature_to_idx": data["feature_to_idx"], "tag_to_idx": data["tag_to_idx"]}


def _member(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    members = [m for m in tar.getmembers() if m.name.split("/", 1)[-1] == MEMBER_DIR + name]
    if len(members) != 1 or not members[0].isfile():
        raise ModelIntegrityError(f"{SDIST_NAME} does not hold one regular file {MEMBER_DIR}{name}")
    fh = tar.extractfile(members[0])
    assert fh is not None  # a regular file always has a stream
    return fh


def _check_weights(raw: bytes) -> None:
    import numpy as np

    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            if sorted(npz.files) != ["sizes", "w"] or any(npz[k].dtype.kind not in "iuf" for k in npz.files):
                raise ModelIntegrityError(f"weights.npz holds {npz.files}, expected numeric sizes and w")
    except ValueError as err:  # numpy refuses object arrays without allow_pickle
        raise ModelIntegrityError(f"weights.npz is not plain numeric arrays: {err}") from None


def convert_sdist(sdist: Path, target: Path) -> Path:
    """Write ``features.msgpack``, ``weights.npz`` and ``checksums.json`` into ``target`` (replacing atomically)."""
    import srsly

    if sha256_file(sdist) != SDIST_SHA256:
        raise ModelIntegrityError(f"{sdist} is not the pinned {SDIST_NAME} (sha256 mismatch)")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".convert-") as tmp_name:
        tmp = Path(tmp_name)
        with tarfile.open(sdist, "r:gz") as tar:
            try:
                data = restricted_load(_member(tar, "features.pkl"))
            except (pickle.UnpicklingError, EOFError, ValueError) as err:
                raise ModelIntegrityError(f"features.pkl refused: {err}") from None
            srsly.write_msgpack(tmp / "features.msgpack", _features(data))
            del data
            raw = _member(tar, "weights.npz").read()
        _check_weights(raw)
        (tmp / "weights.npz").write_bytes(raw)
        write_manifest(tmp)
        for name in (*MODEL_FILES, MANIFEST):  # the manifest last: a half-replaced folder fails verification
            os.replace(tmp / name, target / name)
    return target


def write_manifest(folder: Path) -> Path:
    """Record the sha256 of the model files in ``folder/checksums.json`` (what :func:`verify_model` checks)."""
    manifest = {"source": {"file": SDIST_NAME, "sha256": SDIST_SHA256},
                "sha256": {name: sha256_file(folder / name) for name in MODEL_FILES}}
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return path


def verify_model(path: Path, *, required: bool = True) -> None:
    """Check the model files against ``checksums.json``; a folder without one passes only when not ``required``."""
    redo = "Run `govnews-nlp download pkuseg --force` to fetch and convert it again."
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        if required:
            raise ModelIntegrityError(f"The pkuseg model in {path} has no {MANIFEST} (made by an older version or "
                                      f"not by `govnews-nlp download pkuseg`). {redo}")
        return
    try:
        recorded = json.loads(manifest_path.read_text(encoding="utf-8"))["sha256"]
    except (ValueError, KeyError, TypeError) as err:
        raise ModelIntegrityError(f"{manifest_path} is unreadable ({err}). {redo}") from None
    for name in MODEL_FILES:
        actual = sha256_file(path / name)
        if actual != recorded.get(name):
            raise ModelIntegrityError(f"{path / name} has changed since it was downloaded (sha256 {actual}, "
                                      f"recorded {recorded.get(name)}). {redo}")


def download(target: Path, source: Optional[str] = None) -> Path:
    """Fetch, check and convert the sdist into ``target``; the archive is deleted afterwards."""
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target, prefix=".download-") as tmp:
        sdist = fetch_sdist(Path(tmp) / SDIST_NAME, source)
        convert_sdist(sdist, target)
    return target

