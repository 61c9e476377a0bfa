"""Rendering the reports a workflow step asked for (outbox kind ``renderReport``).

One message gives one report per language (zh-CN and en). Safe to run again and to run
twice at once: a language that already has its report is skipped, and the unique
(message, language) row decides a race; the loser deletes its file. The PDF is written
owner-only under ``<data_dir>/reports/<id>.pdf`` before its row is committed, so a row
always has its file.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from auditportal.auth.models import User
from auditportal.customers.models import Customer
from auditportal.evidence import images
from auditportal.evidence.keyword import attachment_fields
from auditportal.evidence.models import Attachment, AttachmentKind
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.i18n import LANGUAGES
from auditportal.reports import dashboard, documents, kinds
from auditportal.reports.kinds import PERIOD_SUMMARY
from auditportal.reports.models import Report
from auditportal.reports.queries import REGISTER_KINDS
from auditportal.reports.render import (
    INSPECTION_REPORT,
    EvidenceLine,
    FindingLine,
    HistoryLine,
    ReportData,
    SectionLine,
    build_html,
    render_pdf,
)
from auditportal.settings import Language, Settings
from auditportal.storage import single, storage_for
from auditportal.workflows import queries as workflow_queries
from auditportal.workflows.instances import subject_of
from auditportal.workflows.models import OutboxMessage, WorkflowInstance

logger = logging.getLogger("auditportal.reports")


def report_key(report_id: uuid.UUID) -> str:
    """Where a report's PDF lives in the storage (shared by every replica and worker)."""
    return f"reports/{report_id}.pdf"


def legacy_report_path(report_id: uuid.UUID, settings: Settings) -> Path:
    """Where a report rendered before the storage interface lies (such files are only read)."""
    return settings.ensure_data_dir() / "reports" / f"{report_id}.pdf"


@dataclass(frozen=True)
class Rendered:
    created: list[Report]
    existing: list[Report]


async def render_for_message(message: OutboxMessage, settings: Settings) -> Rendered:
    """Render the message's report in every language that has none yet."""
    done = {r.language: r for r in await Report.filter(source_message_id=message.id)}
    missing = [language for language in LANGUAGES if language not in done]
    if not missing:
        return Rendered([], list(done.values()))
    requested = str(message.payload.get("template") or "")
    instance = (
        await workflow_queries.instance_by_id(message.instance_id) if message.instance_id else None
    )
    data = await gather(instance, requested, settings)
    zone = ZoneInfo(settings.timezone)
    org = documents.organisation(settings)
    register = requested in REGISTER_KINDS and (
        requested == PERIOD_SUMMARY or (instance is not None and instance.customer_id)
    )
    # The manager's dashboard, like a period summary, covers the step's last ``days``.
    board = requested == kinds.DASHBOARD
    parameters = _step_period(message.payload) if requested in PERIODIC else {}
    created: list[Report] = []
    for language in missing:
        if board:
            html = await dashboard.dashboard_html(parameters, language, settings)
        elif register:
            html = await documents.register_html(
                requested,
                instance.customer_id if instance else None,
                parameters,
                language,
                settings,
            )
        else:
            html = build_html(data, language, zone, org=org)
        pdf = await asyncio.to_thread(render_pdf, html)
        kind = requested if register or board else data.template
        report = await _store(message, instance, data, language, pdf, settings, kind)
        if report is not None:
            created.append(report)
    if requested != data.template and not register and not board:
        logger.info("report template %r unknown: rendered %s", requested, data.template)
    return Rendered(created, list(done.values()))


async def _store(
    message: OutboxMessage,
    instance: WorkflowInstance | None,
    data: ReportData,
    language: Language,
    pdf: bytes,
    settings: Settings,
    kind: str,
) -> Report | None:
    report_id = uuid.uuid4()
    storage = storage_for(settings)
    stored = await storage.put(report_key(report_id), single(pdf))
    submission = await subject_of(instance) if instance is not None else (None, None)
    version = (
        await FormVersion.get_or_none(id=submission[0].form_version_id)
        if submission[0] is not None
        else None
    )
    try:
        return await Report.create(
            id=report_id,
            instance=instance,
            customer_id=instance.customer_id if instance else None,
            source_message_id=message.id,
            kind=kind,
            form_id=version.form_id if version else None,
            offered_to_customers=version.offered_to_customers if version else None,
            template=data.requested_template[:64],
            rendered_template=kind,
            language=language,
            file_name=file_name(data, language, instance),
            storage_key=stored.key,
            sha256=stored.sha256,
            byte_size=stored.byte_size,
        )
    except IntegrityError:
        await storage.delete(stored.key)  # another worker stored this language first
        return None


PERIODIC = (PERIOD_SUMMARY, kinds.DASHBOARD)


def _step_period(payload: dict[str, Any]) -> dict[str, str]:
    """A step's period summary: the ``days`` (default 30) up to today."""
    days = payload.get("days")
    span = int(days) if isinstance(days, int) and 0 < days <= kinds.MAX_PERIOD_DAYS else 30
    today = datetime.now(UTC).date()
    return {"from": str(today - timedelta(days=span - 1)), "to": str(today)}


def file_name(data: ReportData, language: Language, instance: WorkflowInstance | None) -> str:
    """A download name: template, case and language, ASCII only (e.g. for old mail clients)."""
    case = str(instance.id)[:8] if instance else "case"
    stamp = data.generated_at.strftime("%Y%m%d")
    name = f"{data.template}-{case}-{stamp}-{language}.pdf"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


async def gather(
    instance: WorkflowInstance | None, requested: str, settings: Settings | None = None
) -> ReportData:
    """Everything a report shows, read from the database (answers stay sealed); with
    ``settings``, the submission's evidence too (photos from the storage)."""
    now = datetime.now(UTC)
    if instance is None:
        return ReportData(
            requested_template=requested,
            case_id="—",
            workflow_title=None,
            state_title=None,
            customer=None,
            form_title=None,
            form_version=None,
            form_schema=None,
            answers=None,
            submitted_by=None,
            submitted_at=None,
            score_percent=None,
            score_raw=None,
            score_max=None,
            passed=None,
            generated_at=now,
        )
    version = await workflow_queries.version_by_id(instance.version_id)
    assert version is not None
    content: dict[str, Any] = version.content
    states: dict[str, Any] = content["states"]
    events = {t["event"]: t.get("title") for t in content.get("transitions", [])}
    submission, _ = await subject_of(instance)
    customer = await Customer.get_or_none(id=instance.customer_id) if instance.customer_id else None
    history = await workflow_queries.history_of(instance.id)
    people = {
        user.id: user
        for user in await User.filter(id__in=[h.actor_user_id for h in history if h.actor_user_id])
    }

    def state_title(name: str) -> dict[str, str]:
        state = states.get(name)
        return dict(state["title"]) if state and state.get("title") else {"en": name}

    def event_title(name: str) -> dict[str, str]:
        title = events.get(name)
        if title:
            return dict(title)
        return {"zh-CN": "发起", "en": "Start"} if name == "start" else {"en": name}

    part = await submission_part(submission, settings)
    if not part["findings"] and isinstance(instance.data.get("finding"), dict):
        finding = instance.data["finding"]  # a per-finding child case
        part["findings"] = [_finding_line(finding)]
    return ReportData(
        requested_template=requested,
        case_id=str(instance.id),
        workflow_title=content.get("title"),
        state_title=state_title(instance.state),
        customer=f"{customer.name} ({customer.code})" if customer else None,
        history=[
            HistoryLine(
                occurred_at=h.occurred_at,
                from_state=state_title(h.from_state) if h.from_state else None,
                to_state=state_title(h.to_state),
                event=event_title(h.event),
                actor=_person(people.get(h.actor_user_id)) or h.actor,
                comment=h.comment,
            )
            for h in history
        ],
        generated_at=now,
        **part,
    )


def _finding_line(finding: dict[str, Any]) -> FindingLine:
    return FindingLine(
        severity=str(finding.get("severity")),
        title=finding.get("title"),
        action=finding.get("correctiveAction") or finding.get("action"),
        status=finding.get("status"),
    )


async def submission_part(
    submission: Submission | None, settings: Settings | None
) -> dict[str, Any]:
    """The fields of ``ReportData`` one submission fills (all empty without one)."""
    form_version = form = submitter = None
    if submission is not None:
        form_version = await FormVersion.get_or_none(id=submission.form_version_id)
        form = await Form.get_or_none(id=submission.form_id)
        submitter = await User.get_or_none(id=submission.submitted_by_id)
    definition = form_version.definition if form_version else None
    return {
        "form_title": (definition or {}).get("title") or (form.title if form else None),
        "form_version": form_version.number if form_version else None,
        "form_schema": definition.get("schema") if definition else None,
        "answers": submission.answers if submission else None,
        "submitted_by": _person(submitter),
        "submitted_at": submission.submitted_at if submission else None,
        "score_percent": submission.score_percent if submission else None,
        "score_raw": submission.score_raw if submission else None,
        "score_max": submission.score_max if submission else None,
        "passed": submission.passed if submission else None,
        "sections": [
            SectionLine(
                title=s.get("title"),
                key=str(s.get("key")),
                weight=s.get("weight"),
                raw=s.get("raw"),
                max=s.get("max"),
                percent=s.get("percent"),
            )
            for s in (submission.section_scores if submission else [])
        ],
        "findings": [_finding_line(f) for f in (submission.findings if submission else [])],
        "evidence": (
            await _evidence(submission.id, definition, settings)
            if submission is not None and definition is not None and settings is not None
            else []
        ),
        "signatures": await _signatures(submission) if submission is not None else [],
    }


async def _signatures(submission: Submission) -> list[tuple[str, datetime]]:
    signed = await Attachment.filter(
        submission_id=submission.id, kind=AttachmentKind.SIGNATURE
    ).order_by("created_at", "id")
    people = {u.id: u for u in await User.filter(id__in=[a.uploaded_by_id for a in signed])}
    return [(_person(people.get(a.uploaded_by_id)) or "—", a.created_at) for a in signed]


async def _with_actions(
    instance: WorkflowInstance, findings: list[FindingLine]
) -> list[FindingLine]:
    """Each finding with the corrective action its child case is, and that case's step."""
    steps: dict[str, str] = {}
    for child in await WorkflowInstance.filter(parent_id=instance.id).order_by("created_at"):
        finding = child.data.get("finding") if isinstance(child.data, dict) else None
        if not isinstance(finding, dict):
            continue
        version = await workflow_queries.version_by_id(child.version_id)
        state = (version.content.get("states") or {}).get(child.state) if version else None
        title = (state or {}).get("title") or {"en": child.state}
        key = json.dumps(finding.get("title"), sort_keys=True, ensure_ascii=False)
        steps[key] = localized_pair(title, version.content.get("title") if version else None)
    lines = []
    for line in findings:
        key = json.dumps(line.title, sort_keys=True, ensure_ascii=False)
        lines.append(replace(line, status=steps.get(key)) if key in steps else line)
    return lines


def localized_pair(state: dict[str, str], flow: dict[str, str] | None) -> str:
    """A step named in both languages ("整改中 / In progress"): a finding's status is
    shown in a report of either language."""
    zh, en = state.get("zh-CN"), state.get("en")
    return " / ".join(dict.fromkeys(v for v in (zh, en) if v)) or "—"


async def gather_submission(submission: Submission, settings: Settings) -> ReportData:
    """An inspection report of one submission: its case's history when it has one."""
    instance = (
        await WorkflowInstance.filter(submission_id=submission.id).order_by("created_at").first()
    )
    customer = (
        await Customer.get_or_none(id=submission.customer_id) if submission.customer_id else None
    )
    history: list[HistoryLine] = []
    part = await submission_part(submission, settings)
    if instance is not None:
        history = (await gather(instance, INSPECTION_REPORT, None)).history
        part["findings"] = await _with_actions(instance, part["findings"])
    return ReportData(
        requested_template=INSPECTION_REPORT,
        case_id=str(submission.id),
        workflow_title=None,
        state_title=None,
        customer=f"{customer.name} ({customer.code})" if customer else None,
        history=history,
        generated_at=datetime.now(UTC),
        kind=INSPECTION_REPORT,
        **part,
    )


# Photos in a report: big enough to read on A4, small enough to keep the PDF light.
REPORT_IMAGE_SIZE = (900, 900)


async def _evidence(
    submission_id: uuid.UUID, definition: dict[str, Any], settings: Settings
) -> list[EvidenceLine]:
    schema = definition.get("schema") or {}
    titles = {
        spec.key: _schema_at(schema, spec.path).get("x-title") for spec in attachment_fields(schema)
    }
    storage = storage_for(settings)
    lines: list[EvidenceLine] = []
    for attachment in await Attachment.filter(submission_id=submission_id).order_by(
        "created_at", "id"
    ):
        image = None
        if attachment.content_type.startswith("image/"):
            try:
                original = await storage.get(attachment.storage_key)
                small = await asyncio.to_thread(images.thumbnail, original, REPORT_IMAGE_SIZE)
                image = "data:image/jpeg;base64," + base64.b64encode(small).decode()
            except Exception:  # a missing or unreadable file is listed, not embedded
                logger.warning("evidence %s not embedded in the report", attachment.id)
        raw = f"Attachment:{attachment.id}".encode()
        lines.append(
            EvidenceLine(
                field_title=titles.get(attachment.field_key),
                field_key=attachment.field_key,
                kind=attachment.kind.value,
                file_name=attachment.file_name,
                caption=attachment.caption,
                image=image,
                references=(
                    str(attachment.id),
                    base64.urlsafe_b64encode(raw).decode().rstrip("="),
                ),
            )
        )
    return lines


def _schema_at(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node = schema
    for part in path:
        node = node["items"] if part == "*" else node["properties"][part]
    return node


def _person(user: User | None) -> str | None:
    if user is None:
        return None
    if user.display_name and user.display_name != user.username:
        return f"{user.display_name} ({user.username})"
    return user.username
