"""Build hook: compile the hot pure-Python modules with Cython into the wheel, beside their source.

Why and what: :mod:`govnews_nlp.compiled` (its :data:`COMPILED_MODULES` is read here with
``ast``, without importing the package). The ``.py`` files stay in the wheel and are the fallback:

* editable installs are never compiled (an edited ``.py`` must not be shadowed by a stale binary);
* ``GOVNEWS_NLP_NO_COMPILE=1`` builds a pure wheel on purpose;
* a machine without a C compiler gets a pure wheel and a warning, unless
  ``GOVNEWS_NLP_REQUIRE_COMPILED=1`` (CI) turns that into an error.
"""

from __future__ import annotations

import ast
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Tuple

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"


#: Compiled code must behave exactly as the source does under CPython: types come only from
#: augmenting ``.pxd`` files, never from annotations (Cython would read ``x: float`` as a C double
#: and ``x: int`` as an exact-int check), and a power of C integers stays a Python int.
DIRECTIVES = {"language_level": 3, "binding": True, "embedsignature": False, "annotation_typing": False}


def _listed(name: str) -> List[str]:
    tree = ast.parse((SRC / "govnews_nlp" / "compiled.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise RuntimeError(f"src/govnews_nlp/compiled.py defines no {name}")


def compiled_modules() -> List[str]:
    return _listed("COMPILED_MODULES")


def compiled_extensions() -> List[str]:
    return _listed("COMPILED_EXTENSIONS")


def build_extensions(modules: List[str], work: Path, spacy_level: bool = False) -> List[Tuple[Path, str]]:
    """Cythonize and compile ``modules`` (paths under ``src/``); returns (binary, path in wheel).

    ``spacy_level``: the modules cimport spaCy's ``.pxd`` declarations (C++, numpy headers), so
    spaCy and numpy must be importable in the build environment (they are build requirements).
    """
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    # -s: no debug symbols (they make the binaries five times larger)
    link = ["-s"] if sys.platform.startswith("linux") else []
    extra: Dict[str, Any] = {}
    if spacy_level:
        import numpy

        extra = {"language": "c++", "include_dirs": [numpy.get_include()]}
    exts = [Extension(m.rsplit(".", 1)[0].replace("/", "."), [str(SRC / m)], extra_link_args=link, **extra)
            for m in modules]
    exts = cythonize(exts, build_dir=str(work / "c"), quiet=True, nthreads=os.cpu_count() or 1,
                     compiler_directives=DIRECTIVES)
    dist = Distribution({"name": "govnews-nlp-compiled", "ext_modules": exts})
    cmd = build_ext(dist)
    cmd.build_lib = str(work / "lib")
    cmd.build_temp = str(work / "tmp")
    cmd.parallel = os.cpu_count() or 1
    cmd.ensure_finalized()
    cmd.run()
    out = []
    for ext in exts:
        binary = Path(cmd.get_ext_fullpath(ext.name))
        out.append((binary, binary.relative_to(work / "lib").as_posix()))
    return out


class CompileHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: Dict[str, Any]) -> None:
        self._work = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("GOVNEWS_NLP_NO_COMPILE", "").strip() not in ("", "0"):
            self.app.display_info("govnews-nlp: GOVNEWS_NLP_NO_COMPILE set, building a pure-Python wheel")
            return
        self._work = Path(tempfile.mkdtemp(prefix="govnews-nlp-build-"))
        try:
            built = build_extensions(compiled_modules(), self._work)
        except Exception as exc:  # no compiler, no Python headers …
            if os.environ.get("GOVNEWS_NLP_REQUIRE_COMPILED", "").strip() not in ("", "0"):
                raise
            self.app.display_warning(f"govnews-nlp: compiling the hot modules failed ({exc!r}); "
                                     "building a pure-Python wheel (same results, slower components)")
            return
        try:
            built += build_extensions(compiled_extensions(), self._work / "spacy", spacy_level=True)
        except Exception as exc:  # spaCy's headers missing from the build environment …
            if os.environ.get("GOVNEWS_NLP_REQUIRE_COMPILED", "").strip() not in ("", "0"):
                raise
            self.app.display_warning(f"govnews-nlp: compiling the spaCy-level helpers failed ({exc!r}); "
                                     "the components use spaCy's Python API for their bookkeeping")
        for binary, dest in built:
            build_data["force_include"][str(binary)] = dest
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self.app.display_info(f"govnews-nlp: compiled {len(built)} modules with Cython")

    def finalize(self, version: str, build_data: Dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_work", None) is not None:
            shutil.rmtree(self._work, ignore_errors=True)
