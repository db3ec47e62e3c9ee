"""Rule data: reading and validating the JSONL files of ``patterns/``.

Rules are data, not code. Each line of a patterns file is one JSON object with an ``id`` (so a
match can be traced to the rule that made it) and fields described by a pydantic model. A bad
line fails loudly with the file and line number; nothing is unpickled, so a patterns file a
user hands in can do no harm.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Type, TypeVar, Union

from pydantic import BaseModel, ConfigDict, ValidationError

PathLike = Union[str, Path]


class LexiconError(ValueError):
    """A patterns file could not be read; the message names the file and the line."""


class Rule(BaseModel):
    """Base of every patterns entry: an id, unknown keys rejected, an optional note."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    note: Optional[str] = None


RuleT = TypeVar("RuleT", bound=Rule)

#: the regex syntax tree of the running Python (``re._parser`` since 3.11, ``sre_parse`` before)
try:  # pragma: no cover - depends on the Python version
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_UNBOUNDED = 65535  # MAXREPEAT as the parser reports it for *, + and {n,}


def safe_regex(pattern: str) -> str:
    r"""``pattern`` if it compiles and is of the safe subset, else ``ValueError`` saying why.

    A patterns folder can come from a saved pipeline or a colleague: Python's ``re`` has no time
    limit, and a pattern with a repeat inside an unbounded repeat (``(a+)+``, ``(\w*x?)*``) can take
    exponential time on a crafted line. Such nesting and backreferences (which make matching
    NP-hard) are refused; what is left (alternations, classes, single repeats, lookarounds) runs in
    time polynomial in the text and, as the packaged rules use it, linear.
    """
    try:
        tree = _sre_parse.parse(pattern)
    except re.error as err:
        raise ValueError(f"not a valid regular expression: {err}") from None
    problem = _unsafe(tree, inside_unbounded=False)
    if problem:
        raise ValueError(f"unsafe regular expression ({problem}): {pattern!r}")
    re.compile(pattern)
    return pattern


def _unsafe(tree: Any, inside_unbounded: bool) -> Optional[str]:
    for op, arg in tree:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "a backreference"
        if name in _REPEATS:
            _low, high, body = arg
            if inside_unbounded and high > 1:
                return "a repeat inside an unbounded repeat"
            problem = _unsafe(body, inside_unbounded or high >= _UNBOUNDED)
            if problem:
                return problem
        elif name == "SUBPATTERN":
            problem = _unsafe(arg[-1], inside_unbounded)
            if problem:
                return problem
        elif name == "BRANCH":
            for alt in arg[1]:
                problem = _unsafe(alt, inside_unbounded)
                if problem:
                    return problem
        elif name in ("ASSERT", "ASSERT_NOT"):
            problem = _unsafe(arg[1], inside_unbounded)
            if problem:
                return problem
        elif name == "ATOMIC_GROUP":
            problem = _unsafe(arg, inside_unbounded)
            if problem:
                return problem
    return None


def default_patterns_dir() -> Path:
    """The ``patterns/`` folder shipped inside the installed package."""
    return Path(str(resources.files("govnews_nlp") / "patterns"))


def parse_lines(lines: Iterable[str], model: Type[RuleT], source: str) -> List[RuleT]:
    """Validate JSONL lines against ``model``; ids must be unique. ``source`` names the file."""
    rules: List[RuleT] = []
    seen: Dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise LexiconError(f"{source}:{lineno}: not valid JSON: {err.msg}") from None
        if not isinstance(obj, dict):
            raise LexiconError(f"{source}:{lineno}: expected a JSON object, got {type(obj).__name__}")
        try:
            rule = model.model_validate(obj)
        except ValidationError as err:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(line)'}: {e['msg']}" for e in err.errors()
            )
            raise LexiconError(f"{source}:{lineno}: {problems}") from None
        if rule.id in seen:
            raise LexiconError(f"{source}:{lineno}: duplicate id {rule.id!r} (first on line {seen[rule.id]})")
        seen[rule.id] = lineno
        rules.append(rule)
    return rules


def read_patterns_text(path: PathLike) -> str:
    """The text of a patterns file; a missing or non-UTF-8 file is a :class:`LexiconError` naming it."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: patterns file not found") from None
    except UnicodeDecodeError as err:
        raise LexiconError(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from None


def load_rules(path: PathLike, model: Type[RuleT]) -> List[RuleT]:
    """Read and validate one patterns file."""
    return parse_lines(read_patterns_text(path).splitlines(), model, str(path))


def dump_rules(rules: Iterable[BaseModel]) -> str:
    """JSONL text for ``rules`` (used by ``to_disk``); round-trips through :func:`parse_lines`."""
    return "".join(
        json.dumps(r.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for r in rules
    )


def rules_to_dicts(rules: Iterable[BaseModel]) -> List[Dict[str, Any]]:
    return [r.model_dump(exclude_none=True) for r in rules]
