"""What every connector offers, and the errors a sync reports."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from auditportal.errors import DomainError
from auditportal.jobs.runs import TransientError


class CrmError(DomainError):
    """The CRM refused or failed in a way retrying will not fix (bad credentials, an error
    code it documents as permanent). The sync fails visibly with this translated message."""

    code = "crm_error"


class RateLimited(TransientError):
    """The CRM asked us to slow down: the sync retries after ``retry_after`` seconds."""


@dataclass(frozen=True)
class RecordPage:
    records: list[dict[str, Any]]


class Connector(Protocol):
    label: str
    # The record field holding the record's id and its modification time.
    id_field: str
    modified_field: str

    def pages(self, since: datetime | None) -> AsyncIterator[RecordPage]:
        """Pages of records modified at or after ``since`` (all records when None), oldest
        first where the API can sort."""
        ...

    def modified_at(self, record: Mapping[str, Any]) -> datetime | None: ...

    async def aclose(self) -> None: ...


def retry_after(headers: Mapping[str, str], default: float = 60.0) -> float:
    value = headers.get("retry-after")
    try:
        return max(1.0, float(value)) if value else default
    except ValueError:
        return default
