"""Rendering a requested report (``names.RENDER_REPORT``, ``{"reportId": str}``).

Idempotent: a done report is skipped; the file's key is fixed by the report's id, so a
rerun after a crash (the run's heartbeat goes stale and it is picked up again) overwrites
the same object, and only then is the row marked done. Progress: gathered, laid out,
rendered, stored. A template that cannot render fails the report with its reason; any
other error fails it as internal (the job log has the details).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.principal import system_principal
from auditportal.forms.models import Submission
from auditportal.jobs import names
from auditportal.jobs.runs import RunContext, job
from auditportal.reports import documents, kinds, templating
from auditportal.reports.models import Report, ReportStatus, ReportTemplate
from auditportal.reports.render import build_html, render_pdf
from auditportal.reports.service import gather_submission, report_key
from auditportal.settings import Language, Settings
from auditportal.storage import single, storage_for

RENDERER = system_principal("reports")
STEPS = 4


async def document_html(report: Report, settings: Settings, *, source: str | None = None) -> str:
    """The report's finished HTML (its kind's context, the package's or ``source``'s
    template)."""
    language: Language = "zh-CN" if report.language == "zh-CN" else "en"
    if report.kind == kinds.INSPECTION_REPORT:
        submission = await Submission.get(id=UUID(str(report.subject_id)))
        data = await gather_submission(submission, settings)
        return build_html(
            data,
            language,
            ZoneInfo(settings.timezone),
            content_key=report.content_key,
            org=documents.organisation(settings),
            source=source,
        )
    customer_id = UUID(str(report.subject_id)) if report.subject_id else None
    return await documents.register_html(
        report.kind,
        customer_id,
        report.parameters or {},
        language,
        settings,
        content_key=report.content_key,
        source=source,
    )


@job(names.RENDER_REPORT)
async def render_report(context: RunContext) -> dict[str, Any]:
    report = await Report.get_or_none(id=UUID(context.arguments["reportId"]))
    if report is None:
        return {"skipped": "gone"}
    if report.status == ReportStatus.DONE:
        return {"skipped": "done"}
    await _progress(report, ReportStatus.RENDERING, 0)
    try:
        source = None
        template_id = (report.parameters or {}).get("templateId")
        if template_id:
            template = await ReportTemplate.get_or_none(id=UUID(str(template_id)))
            source = template.source if template else None
        html = await document_html(report, context.settings, source=source)
        await _progress(report, ReportStatus.RENDERING, 2)
        pdf = await asyncio.to_thread(render_pdf, html)
        await _progress(report, ReportStatus.RENDERING, 3)
        stored = await storage_for(context.settings).put(report_key(report.id), single(pdf))
    except templating.TemplateProblem as problem:
        await _fail(report, str(problem))
        return {"failed": str(problem)}
    except Exception:
        await _fail(report, "internal error")
        raise
    report.status = ReportStatus.DONE
    report.progress_done = STEPS
    report.storage_key = stored.key
    report.sha256 = stored.sha256
    report.byte_size = stored.byte_size
    report.finished_at = datetime.now(UTC)
    async with in_transaction():
        await report.save(
            update_fields=[
                "status",
                "progress_done",
                "storage_key",
                "sha256",
                "byte_size",
                "finished_at",
            ]
        )
        await audit.record(
            RENDERER, "report.render", "Report", report.id, {"sha256": stored.sha256}
        )
    return {"bytes": stored.byte_size}


async def _progress(report: Report, status: ReportStatus, done: int) -> None:
    report.status = status
    report.progress_done = done
    report.progress_total = STEPS
    await report.save(update_fields=["status", "progress_done", "progress_total"])


async def _fail(report: Report, reason: str) -> None:
    report.status = ReportStatus.FAILED
    report.error = reason[:2000]
    report.finished_at = datetime.now(UTC)
    await report.save(update_fields=["status", "error", "finished_at"])
