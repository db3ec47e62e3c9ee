"""Word segmenters and the pkuseg model: where it comes from, where it is kept, how it is loaded.

``char`` and ``jieba`` need nothing beyond their package. pkuseg needs a model: spaCy's own
pkuseg models cannot be downloaded here, but the sdist of ``pkuseg==0.0.25`` on the package
index carries the mixed-domain model (``pkuseg/models/default/features.pkl`` + ``weights.npz``).
``govnews-nlp download pkuseg`` fetches that sdist with pip, converts ``features.pkl`` once to
``features.msgpack`` (the format ``spacy_pkuseg`` reads first, no pickle at load time) and keeps
both files in the user cache.

The pkuseg model is © Peking University, released under the MIT license with the pkuseg
toolkit (Luo et al., 2019, "PKUSEG: A Toolkit for Multi-Domain Chinese Word Segmentation");
see docs/segmenters.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from enum import Enum
from pathlib import Path
from typing import List, Optional

PKUSEG_SDIST = "pkuseg==0.0.25"
PKUSEG_MEMBER_DIR = "pkuseg/models/default/"


class Segmenter(str, Enum):
    char = "char"
    jieba = "jieba"
    pkuseg = "pkuseg"


def quiet_jieba() -> None:
    """Silence jieba's "Building prefix dict ..." banner (its own ``setLogLevel``), which it
    otherwise prints on stderr every time a process loads its dictionary."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)


def cache_dir() -> Path:
    """``$GOVNEWS_NLP_CACHE``, else ``$XDG_CACHE_HOME/govnews-nlp``, else ``~/.cache/govnews-nlp``."""
    env = os.environ.get("GOVNEWS_NLP_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "govnews-nlp"


def pkuseg_model_dir() -> Path:
    return cache_dir() / "pkuseg" / "mixed"


def pkuseg_model_available(path: Optional[Path] = None) -> bool:
    p = path or pkuseg_model_dir()
    return (p / "features.msgpack").is_file() and (p / "weights.npz").is_file()


class ModelNotFound(FileNotFoundError):
    pass


def require_pkuseg_model(path: Optional[str] = None) -> str:
    p = Path(path) if path else pkuseg_model_dir()
    if not pkuseg_model_available(p):
        raise ModelNotFound(
            f"No pkuseg model at {p}. Run `govnews-nlp download pkuseg` (needs the extra: "
            "pip install 'govnews-nlp[pkuseg]'), or pass pkuseg_model=PATH to a folder holding "
            "features.msgpack and weights.npz."
        )
    return str(p)


def download_pkuseg(target: Optional[Path] = None, *, force: bool = False, quiet: bool = False) -> Path:
    """Fetch the pkuseg mixed-domain model through pip and store it pickle-free in ``target``."""
    target = target or pkuseg_model_dir()
    if pkuseg_model_available(target) and not force:
        return target
    with tempfile.TemporaryDirectory() as tmp:
        cmd: List[str] = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
            "--no-build-isolation", PKUSEG_SDIST, "-d", tmp,
        ]
        if quiet:
            cmd.append("-q")
        proc = subprocess.run(cmd, capture_output=quiet, text=True)
        if proc.returncode != 0:
            detail = (proc.stderr or "")[-2000:] if quiet else ""
            raise RuntimeError(
                f"pip could not download {PKUSEG_SDIST} (exit {proc.returncode}). It needs the "
                f"'wheel' and 'setuptools' packages: pip install 'govnews-nlp[pkuseg]'.\n{detail}"
            )
        sdists = list(Path(tmp).glob("pkuseg-*.tar.gz"))
        if not sdists:
            raise RuntimeError(f"pip reported success but no pkuseg sdist is in {tmp}")
        _extract_model(sdists[0], target)
    return target


def _extract_model(sdist: Path, target: Path) -> None:
    import pickle

    import numpy as np
    import srsly

    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist, "r:gz") as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
        feats = members.get(PKUSEG_MEMBER_DIR + "features.pkl")
        weights = members.get(PKUSEG_MEMBER_DIR + "weights.npz")
        if feats is None or weights is None:
            raise RuntimeError(f"{sdist.name} does not hold {PKUSEG_MEMBER_DIR}features.pkl and weights.npz")
        # The one pickle we ever read: shipped by the registry package itself, converted once.
        data = pickle.load(tar.extractfile(feats))
        features = {
            "unigram": sorted(data["unigram"]),
            "bigram": sorted(data["bigram"]),
            "feature_to_idx": data["feature_to_idx"],
            "tag_to_idx": data["tag_to_idx"],
        }
        tmp_feats = target / "features.msgpack.tmp"
        srsly.write_msgpack(tmp_feats, features)
        npz = np.load(tar.extractfile(weights))
        tmp_weights = target / "weights.tmp.npz"
        np.savez(tmp_weights, sizes=npz["sizes"], w=npz["w"])
    os.replace(tmp_feats, target / "features.msgpack")
    os.replace(tmp_weights, target / "weights.npz")
