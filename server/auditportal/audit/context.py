"""The request id of the work in progress, so audit events can name it without plumbing."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("auditportal_request_id", default=None)
