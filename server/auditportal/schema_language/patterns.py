"""ECMA-262 regular expressions, as JSON Schema's ``pattern`` requires.

Python's ``re`` differs from ECMA-262 where it matters to forms: ``\\d`` matches full-width
and other Unicode digits, ``$`` matches before a trailing newline, and ``\\p{...}`` and
``(?<name>...)`` are syntax errors. The ``regress`` package binds the Rust regress crate (an
ECMA-262 engine; jsonschema-rs uses it too). Patterns compile in Unicode mode (the ``u``
flag), as Ajv compiles them for JSON Schema 2020-12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regress

_UNICODE_MODE = "u"

# Script names an author may write bare (\p{Han}); ECMA-262 wants \p{Script=Han}.
_BARE_PROPERTY = re.compile(r"\\[pP]\{([A-Za-z_]+)\}")


@dataclass(frozen=True)
class PatternProblem:
    """Why a pattern does not compile, and a way to write it that does, if we know one."""

    reason: str
    suggestion: str | None = None


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> regress.Regex:
    """The compiled pattern; raises ``regress.RegressError`` if it is not ECMA-262."""
    return regress.Regex(pattern, _UNICODE_MODE)


def search(pattern: str, text: str) -> bool:
    """Whether the pattern matches anywhere in the text (JSON Schema patterns are not
    anchored)."""
    return compiled(pattern).find(text) is not None


def problem(pattern: str) -> PatternProblem | None:
    """None if the pattern compiles, else why not."""
    try:
        compiled(pattern)
    except regress.RegressError as error:
        return PatternProblem(str(error), _suggestion(pattern))
    return None


def _suggestion(pattern: str) -> str | None:
    """A rewrite for the common mistake of naming a script bare (\\p{Han}), if it helps."""

    def as_script(match: re.Match[str]) -> str:
        escape = match.group(0)
        if _compiles(escape):
            return escape  # a general category or binary property: fine as written
        return escape[:3] + "Script=" + match.group(1) + "}"

    rewritten = _BARE_PROPERTY.sub(as_script, pattern)
    return rewritten if rewritten != pattern and _compiles(rewritten) else None


def _compiles(pattern: str) -> bool:
    try:
        compiled(pattern)
    except regress.RegressError:
        return False
    return True
