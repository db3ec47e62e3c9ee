"""govnews-nlp: clean text and structured facts from Chinese local-government news.

    import govnews_nlp
    norm = govnews_nlp.normalize(raw)            # pure Python: clean text + offset map + report
    nlp = govnews_nlp.load()                      # spaCy pipeline (segmenter="char"|"jieba"|"pkuseg")
    doc = nlp(raw); doc.ents; doc.spans; doc._.raw_text
    record = govnews_nlp.to_record(doc, "my-id")
    for rec in govnews_nlp.extract([("id1", raw1), ("id2", raw2)]): ...

spaCy-dependent names are imported lazily, so ``normalize`` works without loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .about import __version__
from .normalize import Normalized, normalize

if TYPE_CHECKING:  # pragma: no cover
    from .extraction import extract
    from .pipeline import load
    from .records import to_record

__all__ = ["Normalized", "__version__", "extract", "load", "normalize", "to_record"]

_LAZY = {"load": ".pipeline", "to_record": ".records", "extract": ".extraction"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'govnews_nlp' has no attribute {name!r}")


def __dir__() -> list:
    """``dir(govnews_nlp)`` lists the lazy names too (tab completion in notebooks)."""
    return sorted({*globals(), *_LAZY})
