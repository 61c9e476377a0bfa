"""Expected errors, raised by services and shown to callers as typed results.

Each carries a message key and parameters rather than text, so the API renders it in the
caller's language (see ``auditportal.i18n``). Anything that is not a ``DomainError`` is
unexpected: it is logged and masked with a request id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PathPart = str | int


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one place of an input document."""

    path: tuple[PathPart, ...]
    # Namespaced and stable ("schema.required", "definition.missing_title"): clients may
    # switch on it, and it is also the i18n message key.
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def pointer(self) -> str:
        """The path as an RFC 6901 JSON Pointer."""
        escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in self.path)
        return "".join("/" + part for part in escaped)


class DomainError(Exception):
    code = "error"

    def __init__(self, message_key: str, **params: Any) -> None:
        super().__init__(message_key)
        self.message_key = message_key
        self.params = params


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    code = "not_allowed"


class Conflict(DomainError):
    code = "conflict"


class ValidationFailed(DomainError):
    code = "validation_failed"

    def __init__(self, message_key: str, issues: Sequence[FieldIssue], **params: Any) -> None:
        super().__init__(message_key, **params)
        self.issues = list(issues)

    def under(self, *prefix: PathPart) -> ValidationFailed:
        """The same failure with every path below ``prefix``: where the caller's input holds
        the document the paths were relative to."""
        if not prefix:
            return self
        issues = [FieldIssue((*prefix, *i.path), i.code, i.params) for i in self.issues]
        return ValidationFailed(self.message_key, issues, **self.params)
