"""The report kinds people request, what each shows and the fingerprint of its inputs.

``inspection_report`` shows one submission (``service.gather_submission``);
``customer_dossier`` one customer's register; ``period_summary`` every customer over a
date range; ``dashboard`` the manager's dashboard over a date range
(``reports.dashboard``). ``fingerprint`` is a cheap read of what would change the document
(counts, latest times, the subject's own update time): with the kind, the parameters, the template
version and the language it makes the content key, so the same inputs render once.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from statistics import mean
from typing import Any
from uuid import UUID

from auditportal.customers.models import Customer
from auditportal.customers.register_models import (
    Communication,
    CreditRecord,
    Risk,
    RiskStatus,
    TierChange,
)
from auditportal.evidence.models import Attachment
from auditportal.forms.models import Form, FormCategory, Submission
from auditportal.inspections.models import InspectionStatus, ScheduledInspection
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance

INSPECTION_REPORT = "inspection_report"
CUSTOMER_DOSSIER = "customer_dossier"
PERIOD_SUMMARY = "period_summary"
DASHBOARD = "dashboard"
KINDS = (INSPECTION_REPORT, CUSTOMER_DOSSIER, PERIOD_SUMMARY, DASHBOARD)
SEVERITIES = ("critical", "high", "medium", "low")
MAX_PERIOD_DAYS = 366


def content_key(
    kind: str,
    subject: str | None,
    parameters: dict[str, Any],
    fingerprint: str,
    template_version: str,
    language: str,
) -> str:
    body = json.dumps(
        [kind, subject, parameters, fingerprint, template_version, language],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _stamp(*values: Any) -> str:
    return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()[:32]


async def fingerprint(kind: str, subject: UUID | None, parameters: dict[str, Any]) -> str:
    if kind == INSPECTION_REPORT and subject is not None:
        cases = WorkflowInstance.filter(submission_id=subject)
        case_ids = [c.id for c in await cases]
        children = await WorkflowInstance.filter(parent_id__in=case_ids).values_list("id", "state")
        history = await WorkflowHistory.filter(instance_id__in=case_ids).count()
        files = await Attachment.filter(submission_id=subject).values_list("id", "caption")
        return _stamp(
            subject, sorted(map(str, case_ids)), sorted(children, key=str), history, files
        )
    if kind == CUSTOMER_DOSSIER and subject is not None:
        customer = await Customer.get_or_none(id=subject)
        return _stamp(
            subject,
            customer.updated_at if customer else None,
            await TierChange.filter(customer_id=subject).count(),
            await CreditRecord.filter(customer_id=subject).count(),
            await Risk.filter(customer_id=subject).values_list("id", "updated_at"),
            await Submission.filter(customer_id=subject).count(),
            await Communication.filter(customer_id=subject).count(),
        )
    start, end = period_bounds(parameters)
    return _stamp(
        parameters,
        await Risk.filter(status=RiskStatus.OPEN).values_list("id", "updated_at")
        if kind == DASHBOARD
        else None,
        await Submission.filter(submitted_at__gte=start, submitted_at__lt=end).count(),
        await ScheduledInspection.filter(due_on__gte=start.date(), due_on__lt=end.date()).count(),
        await ScheduledInspection.filter(
            due_on__gte=start.date(), due_on__lt=end.date(), status=InspectionStatus.DONE
        ).count(),
    )


def period_bounds(parameters: dict[str, Any]) -> tuple[datetime, datetime]:
    """[from 00:00, to+1 00:00) in UTC of a period's {"from", "to"} dates."""
    start = date.fromisoformat(str(parameters["from"]))
    end = date.fromisoformat(str(parameters["to"]))
    return (
        datetime.combine(start, time(), UTC),
        datetime.combine(end + timedelta(days=1), time(), UTC),
    )


def valid_period(start: date | None, end: date | None) -> bool:
    return (
        start is not None
        and end is not None
        and start <= end
        and (end - start).days <= MAX_PERIOD_DAYS
    )


# --- what the documents show ----------------------------------------------------------------


async def dossier_data(customer: Customer) -> dict[str, Any]:
    """A customer's register as plain values (the template localizes the codes)."""
    submissions = await Submission.filter(customer_id=customer.id, superseded_at=None).order_by(
        "submitted_at"
    )
    forms = {f.id: f for f in await Form.filter(id__in={s.form_id for s in submissions})}
    risks = await Risk.filter(customer_id=customer.id).order_by("-likelihood", "-impact")
    open_findings = [
        {"severity": str(f.get("severity")), "title": f.get("title"), "at": s.submitted_at}
        for s in submissions
        if forms.get(s.form_id) and forms[s.form_id].category != FormCategory.COMPLAINT
        for f in (s.findings or [])
    ][-50:]
    complaints = [
        s for s in submissions if forms.get(s.form_id) and forms[s.form_id].category == "complaint"
    ]
    return {
        "customer": customer,
        "tier_changes": await TierChange.filter(customer_id=customer.id).order_by("changed_at"),
        "credit": await CreditRecord.filter(customer_id=customer.id).order_by("assessed_at"),
        "risks": risks,
        "heat": Counter(
            (max(1, min(5, r.likelihood)), max(1, min(5, r.impact)))
            for r in risks
            if r.status == RiskStatus.OPEN
        ),
        "inspections": [
            (s, forms[s.form_id])
            for s in submissions
            if forms.get(s.form_id) and forms[s.form_id].category == "inspection_checklist"
        ],
        "open_findings": open_findings,
        "complaints": [(s, await _handling(s.id)) for s in complaints],
        "communications": await Communication.filter(customer_id=customer.id)
        .order_by("-occurred_at")
        .limit(100),
    }


async def _handling(submission_id: UUID) -> timedelta | None:
    """How long a complaint's case took from start to its latest step (None: no case)."""
    case = await WorkflowInstance.filter(submission_id=submission_id).first()
    if case is None:
        return None
    last = await WorkflowHistory.filter(instance_id=case.id).order_by("-occurred_at").first()
    return (last.occurred_at - case.created_at) if last else None


async def period_data(parameters: dict[str, Any]) -> dict[str, Any]:
    start, end = period_bounds(parameters)
    submissions = await Submission.filter(
        submitted_at__gte=start, submitted_at__lt=end, superseded_at=None
    ).order_by("submitted_at")
    forms = {f.id: f for f in await Form.filter(id__in={s.form_id for s in submissions})}
    customers = {
        c.id: c
        for c in await Customer.filter(id__in={s.customer_id for s in submissions if s.customer_id})
    }
    inspections = [
        s
        for s in submissions
        if forms.get(s.form_id) and forms[s.form_id].category == "inspection_checklist"
    ]
    complaints = [
        s for s in submissions if forms.get(s.form_id) and forms[s.form_id].category == "complaint"
    ]
    surveys = [
        s for s in submissions if forms.get(s.form_id) and forms[s.form_id].category == "survey"
    ]
    due = await ScheduledInspection.filter(due_on__gte=start.date(), due_on__lt=end.date())
    severities: Counter[str] = Counter(
        str(f.get("severity")) for s in inspections for f in (s.findings or [])
    )
    by_day: dict[date, list[float]] = {}
    for s in inspections:
        if s.score_percent is not None:
            by_day.setdefault(s.submitted_at.date(), []).append(s.score_percent)
    handling = [await _handling(s.id) for s in complaints]
    hours = [h.total_seconds() / 3600 for h in handling if h is not None]
    return {
        "start": start.date(),
        "end": (end - timedelta(days=1)).date(),
        "inspections": [(s, forms[s.form_id], customers.get(s.customer_id)) for s in inspections],
        "due": len(due),
        "done": sum(1 for d in due if d.status == InspectionStatus.DONE),
        "overdue": sum(
            1
            for d in due
            if d.status != InspectionStatus.DONE
            and d.status != InspectionStatus.CANCELLED
            and d.due_on < datetime.now(UTC).date()
        ),
        "average": mean([s.score_percent for s in inspections if s.score_percent is not None])
        if any(s.score_percent is not None for s in inspections)
        else None,
        "severities": [(code, severities.get(code, 0)) for code in SEVERITIES],
        "scores_by_day": [(day.isoformat()[5:], mean(v)) for day, v in sorted(by_day.items())],
        "complaints": len(complaints),
        "complaint_hours": mean(hours) if hours else None,
        "nps": _nps(surveys),
    }


def _nps(surveys: list[Submission]) -> float | None:
    """Net promoter score of the surveys whose answers hold an "nps" 0..10 value."""
    scores = [
        s.answers["nps"]
        for s in surveys
        if isinstance(s.answers, dict) and isinstance(s.answers.get("nps"), int | float)
    ]
    if not scores:
        return None
    promoters = sum(1 for v in scores if v >= 9)
    detractors = sum(1 for v in scores if v <= 6)
    return round(100 * (promoters - detractors) / len(scores), 1)
