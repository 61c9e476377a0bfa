"""Evidence in the PDF inspection report: photos embedded with their captions, other files
listed by name, attachment answers shown as file names (checked with pdftotext)."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest

from auditportal.api.relay import from_global_id, to_global_id
from auditportal.auth.principal import Principal, system_principal
from auditportal.forms.models import Submission
from auditportal.reports.models import Report
from auditportal.workflows import definitions, instances
from auditportal.workflows.outbox import deliver_pending
from tests.conftest import Api, Person
from tests.evidence_support import PDF, evidence_form, image_bytes, uploaded
from tests.helpers import publish, stored_file
from tests.workflow_factories import review_flow

SYSTEM = system_principal("tests")

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

SUBMIT = """
mutation($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename ... on SubmissionAccepted { submission { id } }
    ... on ValidationFailed { errors { path code } }
  }
}
"""


def _text(path: Path) -> str:
    done = subprocess.run(  # noqa: S603 - fixed tool, our own file
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def _as(person: Person) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset({"workflows:write", "submissions:read"}),
    )


async def test_the_inspection_report_shows_photos_with_captions(api: Api) -> None:
    admin = await api.user("admin")
    manager = await api.user("manager")
    auditor = await api.user("auditor")
    customer = await api.customer("E-1", "杭州证据测试有限公司")
    _, version_id = await publish(admin, evidence_form())
    photo = await uploaded(
        api,
        auditor,
        image_bytes("JPEG", (1200, 800)),
        version_id=version_id,
        field_path="/site/photos/0",
        file_name="gate.jpg",
        caption="仓库门口 Warehouse gate",
    )
    contract = await uploaded(
        api,
        auditor,
        PDF,
        version_id=version_id,
        field_path="/contract",
        file_name="合同-2026.pdf",
        caption="Signed contract",
    )
    accepted = (
        await auditor.data(
            SUBMIT,
            {
                "input": {
                    "formVersionId": version_id,
                    "customerId": str(to_global_id("Customer", customer.id)),
                    "answers": {
                        "site": {"ok": "yes", "photos": [photo["id"]]},
                        "contract": contract["id"],
                    },
                }
            },
        )
    )["submitForm"]
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    submission = await Submission.get(id=from_global_id(accepted["submission"]["id"], "Submission"))
    flow = copy.deepcopy(review_flow(key="evidence-report-flow"))
    flow["transitions"][0]["guard"] = {">=": [{"var": "score.percent"}, 0]}
    flow["states"]["approved"]["onEnter"] = [
        {"type": "renderReport", "template": "inspection_report"}
    ]
    saved = await definitions.save_draft(SYSTEM, flow, settings=api.settings)
    version = (await definitions.publish(SYSTEM, saved.id)).version
    instance = await instances.start(
        SYSTEM,
        version,
        subject_type="submission",
        subject_id=str(submission.id),
        start_key=f"evidence:{submission.id}",
        submission=submission,
        settings=api.settings,
    )
    await instances.fire_transition(_as(manager), instance.id, "approve", settings=api.settings)
    assert (await deliver_pending(api.settings))["delivered"] == 1
    reports = {r.language: r for r in await Report.all()}
    chinese = _text(stored_file(reports["zh-CN"].storage_key, api.settings))
    english = _text(stored_file(reports["en"].storage_key, api.settings))
    assert "证据附件" in chinese and "Evidence" in english
    for text in (chinese, english):
        assert "杭州证据测试有限公司" in text
        assert "仓库门口 Warehouse gate" in text  # the photo's caption
        assert "合同-2026.pdf" in text  # the file, listed (and named in the answers)
        assert "Signed contract" in text
        assert photo["id"] not in text  # answers name files, not ids
    assert "现场照片" in chinese and "Site photos" in english
    # The photo is in the PDF as an image (pdfimages lists it), not only its caption.
    if shutil.which("pdfimages"):
        assert "jpeg" in _images(stored_file(reports["en"].storage_key, api.settings))


def _images(path: Path) -> str:
    done = subprocess.run(  # noqa: S603 - fixed tool, our own file
        ["pdfimages", "-list", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()
