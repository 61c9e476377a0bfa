"""Export filters: the JSON an export keeps, parsed into the lists' own filter types."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from auditportal.customers.models import CustomerTier
from auditportal.customers.queries import CustomerFilter
from auditportal.errors import FieldIssue, ValidationFailed
from auditportal.forms.queries import SubmissionFilter


def _bad(name: str) -> ValidationFailed:
    return ValidationFailed(
        "error.invalid_input", [FieldIssue(("filters", name), "export.bad_filter")]
    )


def _uuid(raw: dict[str, Any], name: str) -> UUID | None:
    value = raw.get(name)
    if value is None:
        return None
    try:
        return UUID(str(value))
    except ValueError:
        raise _bad(name) from None


def _time(raw: dict[str, Any], name: str) -> datetime | None:
    value = raw.get(name)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise _bad(name) from None


def _number(raw: dict[str, Any], name: str) -> float | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(name)
    return float(value)


def _flag(raw: dict[str, Any], name: str) -> bool | None:
    value = raw.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise _bad(name)


def submission_filter(raw: dict[str, Any]) -> SubmissionFilter:
    return SubmissionFilter(
        form_id=_uuid(raw, "formId"),
        form_version_id=_uuid(raw, "formVersionId"),
        customer_id=_uuid(raw, "customerId"),
        submitted_by_id=_uuid(raw, "submittedById"),
        submitted_after=_time(raw, "submittedAfter"),
        submitted_before=_time(raw, "submittedBefore"),
        min_score_percent=_number(raw, "minScorePercent"),
        max_score_percent=_number(raw, "maxScorePercent"),
        has_findings=_flag(raw, "hasFindings"),
        include_superseded=bool(_flag(raw, "includeSuperseded")),
    )


def customer_filter(raw: dict[str, Any]) -> CustomerFilter:
    tier = raw.get("tier")
    if tier is not None and tier not in {t.value for t in CustomerTier}:
        raise _bad("tier")
    search, region, tag = raw.get("search"), raw.get("region"), raw.get("tag")
    for name, value in (("search", search), ("region", region), ("tag", tag)):
        if value is not None and not isinstance(value, str):
            raise _bad(name)
    return CustomerFilter(
        search=search,
        tier=CustomerTier(tier) if tier else None,
        region=region,
        tag=tag,
        min_risk_score=_number(raw, "minRiskScore"),
        max_risk_score=_number(raw, "maxRiskScore"),
    )
