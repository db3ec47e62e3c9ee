"""Rule data: reading and validating the JSONL files of ``patterns/``.

Rules are data, not code. Each line of a patterns file is one JSON object with an ``id`` (so a
match can be traced to the rule that made it) and fields described by a pydantic model. A bad
line fails loudly with the file and line number; nothing is unpickled, so a patterns file a
user hands in can do no harm.
"""

from __future__ import annotations

import json
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


def load_rules(path: PathLike, model: Type[RuleT]) -> List[RuleT]:
    """Read and validate one patterns file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: patterns file not found") from None
    except UnicodeDecodeError as err:
        raise LexiconError(f"{path}: not UTF-8 ({err.reason} at byte {err.start})") from None
    return parse_lines(text.splitlines(), model, str(path))


def dump_rules(rules: Iterable[BaseModel]) -> str:
    """JSONL text for ``rules`` (used by ``to_disk``); round-trips through :func:`parse_lines`."""
    return "".join(
        json.dumps(r.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for r in rules
    )


def rules_to_dicts(rules: Iterable[BaseModel]) -> List[Dict[str, Any]]:
    return [r.model_dump(exclude_none=True) for r in rules]
