"""Custom report templates: an admin uploads Jinja2 HTML for a report kind or for one
form's inspection reports. The upload is checked by rendering it in the sandbox against
sample data of that kind; a template that does not render is refused with its line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import FieldIssue, NotFound, ValidationFailed
from auditportal.forms.models import Form
from auditportal.reports import dashboard, documents, kinds, templating
from auditportal.reports.models import ReportTemplate
from auditportal.reports.render import (
    EvidenceLine,
    FindingLine,
    HistoryLine,
    ReportData,
    SectionLine,
    case_context,
)
from auditportal.settings import Language

MAX_SOURCE_CHARS = 200_000
# A check renders sample data: a template that needs more than this is refused.
CHECK_SECONDS = 5.0
CHECK_CHARS = 5_000_000
SAMPLE_IMAGE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg"
    "YGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
)


def _invalid(code: str, **params: Any) -> ValidationFailed:
    return ValidationFailed("error.invalid_input", [FieldIssue(("source",), code, params)], count=1)


def sample_context(kind: str, language: Language) -> dict[str, Any]:
    """What a template of ``kind`` is given, filled with made-up values."""
    zone = ZoneInfo("Asia/Shanghai")
    now = datetime.now(UTC)
    if kind == kinds.CUSTOMER_DOSSIER:
        customer = SimpleNamespace(
            name="示例客户 Sample Co.",
            code="S-001",
            industry="零售",
            region="上海",
            tier="key",
            credit_grade="A",
            risk_score=12.5,
            id=UUID(int=1),
        )
        change = SimpleNamespace(changed_at=now, from_tier="normal", to_tier="key", reason="规则")
        credit = SimpleNamespace(
            assessed_at=now, grade="A", credit_limit=100000, currency="CNY", note=None
        )
        risk = SimpleNamespace(
            category="payment", title="回款延迟", likelihood=3, impact=4, status="open"
        )
        inspection = SimpleNamespace(submitted_at=now, score_percent=88.0, finding_count=1)
        form = SimpleNamespace(title={"zh-CN": "现场检查", "en": "Site check"})
        data = {
            "customer": customer,
            "tier_changes": [change],
            "credit": [credit],
            "risks": [risk],
            "heat": {(3, 4): 1},
            "inspections": [(inspection, form)],
            "open_findings": [{"severity": "high", "title": {"en": "Gate open"}, "at": now}],
            "complaints": [(inspection, None)],
            "communications": [
                SimpleNamespace(occurred_at=now, channel="visit", summary="季度拜访")
            ],
        }
        return documents.dossier_context(data, language, zone, now, content_key="0" * 64)
    if kind == kinds.DASHBOARD:
        return dashboard.dashboard_context(dashboard.sample_data(), language, zone, now)
    if kind == kinds.PERIOD_SUMMARY:
        inspection = SimpleNamespace(submitted_at=now, score_percent=88.0, finding_count=1)
        form = SimpleNamespace(title={"zh-CN": "现场检查", "en": "Site check"})
        customer = SimpleNamespace(name="示例客户", code="S-001")
        period = {
            "start": date(2026, 1, 1),
            "end": date(2026, 1, 31),
            "inspections": [(inspection, form, customer)],
            "due": 4,
            "done": 3,
            "overdue": 1,
            "average": 88.0,
            "severities": [("critical", 0), ("high", 1), ("medium", 2), ("low", 0)],
            "scores_by_day": [("01-05", 80.0), ("01-20", 92.0)],
            "complaints": 1,
            "complaint_hours": 20.5,
            "nps": 40.0,
        }
        return documents.period_context(period, language, zone, now, content_key="0" * 64)
    sample = ReportData(
        requested_template=kinds.INSPECTION_REPORT,
        case_id=str(UUID(int=2)),
        workflow_title={"zh-CN": "检查复核", "en": "Inspection review"},
        state_title={"zh-CN": "已批准", "en": "Approved"},
        customer="示例客户 (S-001)",
        form_title={"zh-CN": "现场检查", "en": "Site check"},
        form_version=1,
        form_schema={
            "type": "object",
            "properties": {"ok": {"type": "string", "x-title": {"en": "Gate closed"}}},
        },
        answers={"ok": "yes"},
        submitted_by="auditor",
        submitted_at=now,
        score_percent=88.0,
        score_raw=8.8,
        score_max=10.0,
        passed=True,
        sections=[SectionLine({"en": "Site"}, "site", 1.0, 8.8, 10.0, 88.0)],
        findings=[FindingLine("high", {"en": "Gate open"}, "Repair the gate", "open")],
        history=[HistoryLine(now, None, {"en": "Review"}, {"en": "Start"}, "auditor", None)],
        evidence=[
            EvidenceLine({"en": "Photos"}, "photos", "photo", "gate.jpg", "Gate", SAMPLE_IMAGE)
        ],
        generated_at=now,
        signatures=[("customer", now)],
        kind=kinds.INSPECTION_REPORT,
    )
    return case_context(sample, language, zone, content_key="0" * 64)


def check(kind: str, source: str) -> None:
    """Render ``source`` against sample data in both languages, or refuse it."""
    if len(source) > MAX_SOURCE_CHARS:
        raise _invalid("report.template_too_large", max=MAX_SOURCE_CHARS)
    for language in ("zh-CN", "en"):
        try:
            templating.render(
                "",
                sample_context(kind, language),
                source=source,
                max_chars=CHECK_CHARS,
                max_seconds=CHECK_SECONDS,
            )
        except templating.TemplateProblem as problem:
            raise _invalid(
                "report.template_invalid", line=problem.line or "?", reason=problem.message
            ) from None


async def upload_template(
    principal: Principal,
    kind: str,
    form_id: UUID | None,
    name: str,
    source: str,
) -> ReportTemplate:
    require(principal, Permission.FORMS_DESIGN)
    if kind not in kinds.KINDS:
        raise ValidationFailed(
            "error.invalid_input", [FieldIssue(("kind",), "report.kind_unknown")], count=1
        )
    if form_id is not None and not await Form.exists(id=form_id):
        raise NotFound("error.not_found")
    check(kind, source)
    async with in_transaction():
        template = await ReportTemplate.create(
            kind=kind,
            form_id=form_id,
            name=name[:200],
            source=source,
            source_hash=templating.source_hash(source),
            created_by_id=principal.user_id,
        )
        await audit.record(
            principal,
            "report.template.upload",
            "ReportTemplate",
            template.id,
            {"kind": kind, "formId": str(form_id) if form_id else None, "name": name[:200]},
        )
    return template
