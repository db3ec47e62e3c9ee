"""Which modules a regular install also ships compiled, and whether they are in use.

The rule components do a few Python steps per hit (a title read backwards, a name bounded, a
number parsed); the speed budget of the components (a quarter of the bare ``char`` tokenizer's
time) is out of reach for those steps in interpreted Python. So the wheel carries the modules
below twice: as ``.py`` source, the single source of truth, and compiled by Cython from that same
source (``hatch_build.py``; types for the compiler come from augmenting ``.pxd`` files next to a
module, never from the ``.py`` itself). Python imports the compiled module when both are present.

* Editable installs (``pip install -e``) stay pure Python, so an edit is never shadowed by a stale
  binary; ``GOVNEWS_NLP_NO_COMPILE=1`` at build time makes a pure wheel too.
* ``GOVNEWS_NLP_PURE=1`` in the environment (read when ``govnews_nlp`` is first imported) makes an
  installed package import the ``.py`` sources instead: tracebacks with source lines, a debugger,
  and the tests that check both builds give the same results.

The build hook reads :data:`COMPILED_MODULES` from this file without importing the package.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from typing import Dict, Optional, Sequence

#: Modules compiled in a regular install, as paths relative to ``src/``: pure functions of their
#: inputs with no spaCy registry decorators (factories stay plain Python, so spaCy reads their
#: signatures as usual).
COMPILED_MODULES = (
    "govnews_nlp/titles.py",
    "govnews_nlp/numbers.py",
    "govnews_nlp/components/officials_regex.py",
    "govnews_nlp/components/officials_names.py",
    "govnews_nlp/components/officials_scan.py",
    "govnews_nlp/components/officials_doc.py",
    "govnews_nlp/components/capacity_scan.py",
    "govnews_nlp/components/capacity_doc.py",
    "govnews_nlp/components/projects.py",
    "govnews_nlp/components/slogans_scan.py",
)

#: Cython-only extensions (no ``.py`` twin; their Python fallback lives in another module):
#: ``_docfast.pyx`` does the per-Doc spaCy bookkeeping on the Doc's C arrays (``docfast.py``).
COMPILED_EXTENSIONS = ("govnews_nlp/_docfast.pyx",)

PURE_ENV = "GOVNEWS_NLP_PURE"


def module_name(path: str) -> str:
    """``govnews_nlp/components/x.py`` → ``govnews_nlp.components.x``."""
    return path[: -len(".py")].replace("/", ".")


def compiled_status(modules: Sequence[str] = COMPILED_MODULES) -> Dict[str, bool]:
    """For each listed module, whether the imported module is the compiled one (and for the
    Cython-only extensions, whether they are in use)."""
    out = {}
    for path in modules:
        name = module_name(path)
        mod = importlib.import_module(name)
        out[name] = isinstance(getattr(mod, "__loader__", None), importlib.machinery.ExtensionFileLoader)
    if modules is COMPILED_MODULES:
        from . import docfast

        out["govnews_nlp._docfast"] = docfast.COMPILED
    return out


def describe() -> str:
    """One line for benchmarks and bug reports: ``compiled 8/8`` or ``pure Python (...)``."""
    status = compiled_status()
    n = sum(status.values())
    if n == len(status):
        return f"compiled {n}/{n} hot modules (Cython)"
    why = f"{PURE_ENV}=1" if os.environ.get(PURE_ENV) else "not built (editable install or pure wheel)"
    return f"pure Python ({n}/{len(status)} hot modules compiled: {why})"


class _SourceFirstFinder(importlib.abc.MetaPathFinder):
    """Finds ``govnews_nlp.*`` modules among ``.py`` files only, skipping compiled twins."""

    def find_spec(self, fullname: str, path: Optional[Sequence[str]], target: object = None):
        if not fullname.startswith("govnews_nlp.") or path is None:
            return None
        loaders = [(importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES)]
        for entry in path:
            spec = importlib.machinery.FileFinder(entry, *loaders).find_spec(fullname)
            if spec is not None:
                return spec
        return None


def prefer_source_if_asked() -> None:
    """Install the source-first finder when ``GOVNEWS_NLP_PURE`` is set (called by the package)."""
    if os.environ.get(PURE_ENV, "").strip() not in ("", "0") and \
            not any(isinstance(f, _SourceFirstFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirstFinder())
