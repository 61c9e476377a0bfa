"""Report templates: Jinja2 HTML and CSS in the package, rendered in a sandbox.

Every template, built in or uploaded by an admin, runs in an
``ImmutableSandboxedEnvironment`` with autoescape on: no attribute access to internals
(``__class__``, ``mro``, ``func_globals`` ...), no mutation of the values it is given, no
loader but the package's own templates read into memory (``{% include %}`` and
``{% extends %}`` name only those), and bounds on what a template may spend: the output
stops at ``max_chars`` and the render at ``max_seconds`` (checked on every call, attribute
and item lookup and output chunk, so no loop runs long unnoticed), and ``*`` / ``**`` may
not build huge strings, lists or numbers.
"""

from __future__ import annotations

import hashlib
import operator
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import DictLoader, StrictUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Bumped when a built-in template changes what it shows: part of every content key.
TEMPLATE_VERSION = "2"

MAX_OUTPUT_CHARS = 40_000_000
MAX_SECONDS = 60.0
MAX_SEQUENCE = 1_000_000
MAX_EXPONENT = 64


class RenderLimit(Exception):
    """A template passed its bounds (time, size) or tried something the sandbox refuses."""


@dataclass(frozen=True)
class TemplateProblem(Exception):
    """Why a template cannot render: a message and, when known, the template line."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


def package_templates() -> dict[str, str]:
    """Every built-in template and stylesheet, by file name."""
    folder = resources.files("auditportal.reports") / "templates"
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith((".html", ".css"))
    }


class _Environment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self) -> None:
        super().__init__(
            loader=DictLoader(package_templates()),
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=False,
            cache_size=50,
        )
        self._local = threading.local()

    @property
    def deadline(self) -> float | None:
        return getattr(self._local, "deadline", None)

    @deadline.setter
    def deadline(self, value: float | None) -> None:
        self._local.deadline = value

    def tick(self) -> None:
        deadline = self.deadline
        if deadline is not None and time.monotonic() > deadline:
            raise RenderLimit("the template ran out of time")

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        self.tick()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise RenderLimit("exponent too large")
            return operator.pow(left, right)
        for sized, count in ((left, right), (right, left)):
            sequence = isinstance(sized, str | list | tuple) and isinstance(count, int)
            if sequence and len(sized) * count > MAX_SEQUENCE:
                raise RenderLimit("sequence too large")
        return operator.mul(left, right)


@cache
def environment() -> _Environment:
    return _Environment()


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def render(
    template: str,
    context: Mapping[str, Any],
    *,
    source: str | None = None,
    max_chars: int = MAX_OUTPUT_CHARS,
    max_seconds: float = MAX_SECONDS,
) -> str:
    """The named package template (or ``source``, an uploaded one) rendered with ``context``.

    Raises TemplateProblem (with the template line when Jinja knows it) on any failure."""
    env = environment()
    try:
        compiled = env.from_string(source) if source is not None else env.get_template(template)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(exc.message or "syntax error", exc.lineno) from exc
    except TemplateError as exc:
        raise TemplateProblem(str(exc)) from exc
    env.deadline = time.monotonic() + max_seconds
    parts: list[str] = []
    size = 0
    try:
        for chunk in compiled.generate(dict(context)):
            size += len(chunk)
            if size > max_chars:
                raise RenderLimit("the output is too large")
            parts.append(chunk)
            env.tick()
    except (RenderLimit, SecurityError, UndefinedError, TemplateError) as exc:
        raise TemplateProblem(str(exc), _line_of(exc)) from exc
    except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as exc:
        raise TemplateProblem(f"{type(exc).__name__}: {exc}", _line_of(exc)) from exc
    finally:
        env.deadline = None
    return "".join(parts)


def _line_of(exc: BaseException) -> int | None:
    """The template line of an error raised while rendering: Jinja rewrites the traceback
    so that template frames carry the template's name (``<template>`` for an uploaded one)
    and its line numbers."""
    loader = environment().loader
    names = loader.list_templates() if loader is not None else []
    tb = exc.__traceback__
    line = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name == "<template>" or name in names:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
