"""The case page's evidence and history for its browser test (web/e2e/case-page.spec.ts).

Called from ``tests.web_seed`` for the ``case-page`` scope: the auditor's opened inspection
of customer A gets a submitted checklist with two captioned site photos and a drawn
signature, uploaded and submitted through the services as the browser would, plus one
non-image file (a PDF rectification plan: the built-in checklist has no file field, so
that row is written with its stored bytes, as an upload for a file field would leave it).
The case's history then holds the system's opening step and the auditor's steps.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from auditportal.api.relay import to_global_id
from auditportal.auth.models import User
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal
from auditportal.customers.models import Customer
from auditportal.demo.evidence import site_photo
from auditportal.evidence import service as evidence
from auditportal.evidence.models import Attachment, AttachmentKind
from auditportal.forms import queries as form_queries
from auditportal.forms.models import Form
from auditportal.settings import Settings
from auditportal.storage.factory import storage_for
from auditportal.submissions import intake
from auditportal.workflows.models import WorkflowInstance

FORM = "customer-compliance-inspection"
PHOTOS = (("仓库东侧消防通道", 640, 480), ("危化品储存柜（已上锁）", 480, 640))
FILE_CAPTION = "整改计划书"
FILE_NAME = "rectification-plan.pdf"
# A minimal, valid one-page PDF (what an uploaded plan would be; its bytes are served as is).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _as(user: User) -> Principal:
    return Principal(
        subject=f"user:{user.username}",
        role=user.role,
        user_id=user.id,
        username=user.username,
        customer_id=user.customer_id,
        scopes=default_scopes(user.role),
    )


def _reader(data: bytes) -> Any:
    sent = False

    async def read(size: int) -> bytes:
        nonlocal sent
        if sent:
            return b""
        sent = True
        return data

    return read


async def seed_case_page(auditor: User, customer: Customer, settings: Settings) -> dict[str, Any]:
    instance = await WorkflowInstance.filter(customer_id=customer.id, closed_at=None).first()
    assert instance is not None, "the plan opened no inspection for the case-page scope"
    form = await Form.get(key=FORM)
    version = await form_queries.latest_version(form.id, open_only=True)
    assert version is not None
    person = _as(auditor)
    photo_ids = []
    for index, (caption, width, height) in enumerate(PHOTOS):
        uploaded = await evidence.upload(
            person,
            version_id=version.id,
            field_path="/sitePhotos",
            file_name=f"site-{index + 1}.png",
            read=_reader(site_photo(900 + index, width, height)),
            caption=caption,
            settings=settings,
        )
        photo_ids.append(str(uploaded.id))
    signature = await evidence.upload(
        person,
        version_id=version.id,
        field_path="/customerSignature",
        file_name="signature.png",
        read=_reader(site_photo(950, 300, 120)),
        settings=settings,
    )
    path = settings.forms_dir / "examples" / f"{FORM}.json"
    answers: dict[str, Any] = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    today = datetime.now(UTC).date()
    answers.update(
        customerRef=customer.code,
        customerName=customer.name,
        inspectionDate=(today - timedelta(days=1)).isoformat(),
        inspectors=auditor.display_name,
        sitePhotos=photo_ids,
        customerSignature=str(signature.id),
    )
    result, _ = await intake.submit(
        person,
        answers=answers,
        language="zh-CN",
        form_id=form.id,
        customer_id=customer.id,
        workflow_instance_id=instance.id,
        settings=settings,
    )
    submission = result.submission
    # The file a file field would hold, stored through the same port, linked like the photos.
    file_id = uuid4()
    key = evidence.storage_key(file_id)

    async def chunks() -> AsyncIterator[bytes]:
        yield PDF

    stored = await storage_for(settings).put(key, chunks())
    await Attachment.create(
        id=file_id,
        kind=AttachmentKind.FILE,
        file_name=FILE_NAME,
        content_type="application/pdf",
        byte_size=stored.byte_size,
        sha256=hashlib.sha256(PDF).hexdigest(),
        storage_key=key,
        caption=FILE_CAPTION,
        field_key="sitePhotos",
        form_id=form.id,
        form_version_id=version.id,
        submission_id=submission.id,
        customer_id=customer.id,
        uploaded_by_id=auditor.id,
    )
    return {
        "case": to_global_id("WorkflowInstance", instance.id),
        "photos": [caption for caption, _, _ in PHOTOS],
        "file": {"caption": FILE_CAPTION, "name": FILE_NAME},
    }
