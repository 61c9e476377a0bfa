"""Report rendering: the portal's pipeline against WeasyPrint on the same finished HTML.

Two documents, made from in-memory data (no database):

- a typical inspection report: 5 sections of 12 questions, 6 photos (1600x1200 JPEG,
  reduced as the service does) with captions, 8 findings, a 12-step history - about 5 pages;
- a period summary of 900 inspections (about 50 pages) with its SVG charts.

Rows: ``portal`` = the sandboxed Jinja2 render (context built, template rendered with the
time and size bounds) + WeasyPrint; ``weasyprint`` = ``HTML(string=the finished HTML)
.write_pdf()`` alone (baseline, same process, same run). Median of --runs (default 3).
"""

from __future__ import annotations

import argparse
import base64
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from PIL import Image

from auditportal.evidence import images
from auditportal.reports import documents, templating
from auditportal.reports.render import (
    EvidenceLine,
    FindingLine,
    HistoryLine,
    ReportData,
    SectionLine,
    build_html,
    render_pdf,
)

ZONE = ZoneInfo("Asia/Shanghai")


def _photo(seed: int) -> str:
    image = Image.new("RGB", (1600, 1200), ((seed * 40) % 255, 120, 200 - seed * 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    small = images.thumbnail(buffer.getvalue(), (900, 900))
    return "data:image/jpeg;base64," + base64.b64encode(small).decode()


def inspection() -> ReportData:
    now = datetime.now(UTC)
    properties = {}
    answers = {}
    for s in range(5):
        fields = {
            f"q{q}": {
                "type": "string",
                "enum": ["yes", "no", "na"],
                "x-title": {
                    "zh-CN": f"第{s + 1}部分 问题 {q + 1}：设施是否符合要求",
                    "en": f"S{s} Q{q}",
                },
                "x-enum-titles": {"zh-CN": ["是", "否", "不适用"], "en": ["Yes", "No", "N/A"]},
            }
            for q in range(12)
        }
        properties[f"s{s}"] = {
            "type": "object",
            "x-title": {"zh-CN": f"第 {s + 1} 部分", "en": f"Section {s + 1}"},
            "properties": fields,
        }
        answers[f"s{s}"] = {f"q{q}": ("yes", "no", "na")[q % 3] for q in range(12)}
    return ReportData(
        requested_template="inspection_report",
        case_id="00000000-0000-0000-0000-000000000001",
        workflow_title={"zh-CN": "检查复核", "en": "Inspection review"},
        state_title={"zh-CN": "已批准", "en": "Approved"},
        customer="上海示例贸易有限公司 (R-001)",
        form_title={"zh-CN": "现场检查表", "en": "Site checklist"},
        form_version=3,
        form_schema={"type": "object", "properties": properties},
        answers=answers,
        submitted_by="张三 (auditor)",
        submitted_at=now,
        score_percent=82.5,
        score_raw=49.5,
        score_max=60,
        passed=True,
        sections=[
            SectionLine({"en": f"Section {s + 1}"}, f"s{s}", 1.0, 9.9, 12, 82.5) for s in range(5)
        ],
        findings=[
            FindingLine(("low", "medium", "high", "critical")[i % 4], {"zh-CN": f"问题 {i}"})
            for i in range(8)
        ],
        history=[
            HistoryLine(now, {"en": "a"}, {"en": "b"}, {"en": "approve"}, "李四", "同意")
            for _ in range(12)
        ],
        evidence=[
            EvidenceLine(
                {"zh-CN": "现场照片"}, "photos", "photo", f"p{i}.jpg", f"照片 {i}", _photo(i)
            )
            for i in range(6)
        ],
        generated_at=now,
        kind="inspection_report",
    )


def period() -> dict:
    now = datetime.now(UTC)
    form = SimpleNamespace(title={"zh-CN": "现场检查表", "en": "Site checklist"})
    rows = [
        (
            SimpleNamespace(
                submitted_at=now - timedelta(hours=i),
                score_percent=60 + i % 40,
                finding_count=i % 5,
            ),
            form,
            SimpleNamespace(name=f"示例客户 {i}", code=f"C-{i:04d}"),
        )
        for i in range(900)
    ]
    return {
        "start": date(2026, 1, 1),
        "end": date(2026, 3, 31),
        "inspections": rows,
        "due": 950,
        "done": 900,
        "overdue": 12,
        "average": 79.5,
        "severities": [("critical", 3), ("high", 40), ("medium", 120), ("low", 300)],
        "scores_by_day": [(f"{1 + d // 30:02d}-{1 + d % 30:02d}", 70 + d % 20) for d in range(90)],
        "complaints": 14,
        "complaint_hours": 30.2,
        "nps": 42.0,
    }


def portal_inspection(data: ReportData) -> tuple[str, bytes]:
    html = build_html(data, "zh-CN", ZONE, content_key="f" * 64)
    return html, render_pdf(html)


def portal_period(data: dict) -> tuple[str, bytes]:
    context = documents.period_context(data, "zh-CN", ZONE, datetime.now(UTC), content_key="f" * 64)
    html = templating.render("period_summary.html", context)
    return html, render_pdf(html)


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False)  # noqa: S603, S607
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return -1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cases = [
        ("inspection report, 6 photos", inspection(), portal_inspection),
        ("period summary, 900 rows", period(), portal_period),
    ]
    print(f"{'document':32} {'pages':>5} {'portal s':>9} {'weasyprint s':>13} {'ratio':>6}")
    for name, data, portal in cases:
        ours: list[float] = []
        base: list[float] = []
        html, pdf = portal(data)  # warm-up (fonts, template cache)
        for run in range(args.runs):
            order = (0, 1) if run % 2 == 0 else (1, 0)
            for which in order:
                start = time.perf_counter()
                if which == 0:
                    html, pdf = portal(data)
                    ours.append(time.perf_counter() - start)
                else:
                    render_pdf(html)
                    base.append(time.perf_counter() - start)
        mine, theirs = statistics.median(ours), statistics.median(base)
        print(f"{name:32} {pages(pdf):>5} {mine:>9.2f} {theirs:>13.2f} {mine / theirs:>5.2f}x")


if __name__ == "__main__":
    main()
