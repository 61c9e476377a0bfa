"""The branded header: the organisation name and logo from the settings appear in every
report kind; a logo of a type a PDF cannot show is left out rather than breaking the render."""

from __future__ import annotations

import base64
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditportal.reports import documents, kinds
from auditportal.reports.render import render_pdf
from tests.conftest import Api

# A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_the_organisation_comes_from_the_settings(api: Api, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL)
    branded = api.settings.model_copy(
        update={"report_org_name": "华东合规部", "report_logo_path": str(logo)}
    )
    org = documents.organisation(branded)
    assert org["name"] == "华东合规部"
    assert org["logo"] == "data:image/png;base64," + base64.b64encode(PIXEL).decode()

    script = tmp_path / "logo.js"
    script.write_text("alert(1)")
    odd = branded.model_copy(update={"report_logo_path": str(script)})
    assert documents.organisation(odd)["logo"] is None
    missing = branded.model_copy(update={"report_logo_path": str(tmp_path / "none.png")})
    assert documents.organisation(missing)["logo"] is None
    assert documents.organisation(api.settings) == {"name": None, "logo": None}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
async def test_a_period_summary_carries_the_brand(api: Api, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL)
    branded = api.settings.model_copy(
        update={
            "report_org_name": "华东合规部 East China Compliance",
            "report_logo_path": str(logo),
        }
    )
    today = str(datetime.now(UTC).date())
    html = await documents.register_html(
        kinds.PERIOD_SUMMARY, None, {"from": today, "to": today}, "zh-CN", branded
    )
    assert 'class="brand"' in html and "data:image/png;base64," in html
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(render_pdf(html))
    assert "华东合规部 East China Compliance" in _text(pdf)

    plain = await documents.register_html(
        kinds.PERIOD_SUMMARY, None, {"from": today, "to": today}, "en", api.settings
    )
    assert 'class="brand"' not in plain


def _text(path: Path) -> str:
    done = subprocess.run(  # noqa: S603 - fixed tool, our own file
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")
