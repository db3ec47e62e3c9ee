"""Word segmenters and the pkuseg model: where it comes from, where it is kept, how it is loaded.

``char`` and ``jieba`` need nothing beyond their package. pkuseg needs a model: spaCy's own
pkuseg models cannot be downloaded here, but the sdist of ``pkuseg==0.0.25`` on the package
index carries the mixed-domain model (``pkuseg/models/default/features.pkl`` + ``weights.npz``).
``govnews-nlp download pkuseg`` fetches that sdist as bytes pinned by sha256 (never through pip,
which would run its ``setup.py``), converts ``features.pkl`` once with a restricted unpickler to
``features.msgpack`` (the format ``spacy_pkuseg`` reads first, no pickle at load time) and keeps
both files in the user cache with their checksums, verified whenever a pipeline loads them
(:mod:`govnews_nlp.pkuseg_model`).

The pkuseg model is © Peking University, released under the MIT license with the pkuseg
toolkit (Luo et al., 2019, "PKUSEG: A Toolkit for Multi-Domain Chinese Word Segmentation");
see docs/segmenters.md.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Optional


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
    from .pkuseg_model import verify_model

    verify_model(p, required=path is None)  # a folder of your own is checked when it has checksums.json
    return str(p)


def download_pkuseg(target: Optional[Path] = None, *, force: bool = False, quiet: bool = False,
                   source: Optional[str] = None) -> Path:
    """Fetch the pinned pkuseg sdist, check its sha256 and store the model pickle-free in ``target``.

    Nothing from the archive runs (no pip, no ``setup.py``); see :mod:`govnews_nlp.pkuseg_model`.
    A present model is kept unless ``force`` or it fails its checksums. ``source``: a local copy or
    mirror URL of the same file (default ``$GOVNEWS_NLP_PKUSEG_SDIST``, else PyPI). ``quiet`` is
    accepted for compatibility; nothing is printed.
    """
    from .pkuseg_model import ModelIntegrityError, download, verify_model

    target = target or pkuseg_model_dir()
    if pkuseg_model_available(target) and not force:
        try:
            verify_model(target)
            return target
        except ModelIntegrityError:
            pass  # a stale or altered cache: fetch it again
    return download(target, source)
