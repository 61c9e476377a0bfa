"""Evidence: uploads checked by their bytes, nothing half-stored, checked and linked on submit,
downloads under the submission's row scope, thumbnails in a job."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from auditportal.errors import ValidationFailed
from auditportal.evidence.models import Attachment
from auditportal.i18n import translate
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun
from tests.conftest import Api, Person
from tests.evidence_support import PDF, evidence_form, image_bytes, upload, uploaded
from tests.helpers import publish

SYSTEM = system_principal("tests")

SUBMIT = """
mutation($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename
    ... on SubmissionAccepted {
      submission { id attachments { id kind fileName caption contentType url thumbnailUrl } }
    }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""

SUBMISSION = "query($id: ID!) { submission(id: $id) { attachments { id fileName } } }"


def _files(api: Api) -> list[Path]:
    root = api.settings.resolved_storage_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def _setup(api: Api, **overrides: Any) -> tuple[Person, str]:
    admin = await api.user("admin")
    _, version = await publish(admin, evidence_form(**overrides))
    return admin, version


async def _submit(person: Person, language: str = "en", **input_: Any) -> dict[str, Any]:
    return (await person.data(SUBMIT, {"input": input_}, language=language))["submitForm"]  # type: ignore[no-any-return]


def _answers(photos: list[str] | None = None, **more: Any) -> dict[str, Any]:
    site: dict[str, Any] = {"ok": "yes"}
    if photos is not None:
        site["photos"] = photos
    return {"site": site, **more}


def test_the_meta_schema_and_save_checks_refuse_bad_attachment_fields() -> None:
    from tests.conftest import SETTINGS

    def codes(definition: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
        from auditportal.forms.definition import check_definition

        with pytest.raises(ValidationFailed) as caught:
            check_definition(definition, SETTINGS.schema_dir / "form-definition.schema.json")
        return [(tuple(i.path), i.code) for i in caught.value.issues]

    bad_kind = evidence_form()
    bad_kind["schema"]["properties"]["contract"]["x-attachment"]["kind"] = "video"
    assert codes(bad_kind)[0][1] == "schema.enum"
    pdf_photo = evidence_form()
    pdf_photo["schema"]["properties"]["site"]["properties"]["photos"]["x-attachment"]["accept"] = [
        "application/pdf"
    ]
    assert codes(pdf_photo) == [
        (
            (
                "schema",
                "properties",
                "site",
                "properties",
                "photos",
                "x-attachment",
                "accept",
                0,
            ),
            "definition.attachment_not_image",
        )
    ]
    many_on_string = evidence_form()
    many_on_string["schema"]["properties"]["contract"]["x-attachment"]["maxFiles"] = 3
    assert codes(many_on_string) == [
        (("schema", "properties", "contract", "type"), "definition.attachment_many")
    ]
    unknown = evidence_form()
    unknown["schema"]["properties"]["contract"]["x-attachment"]["accept"] = ["video/mp4"]
    assert [c for _, c in codes(unknown)] == ["definition.attachment_unknown_type"]
    hidden = evidence_form()
    hidden["schema"]["anyOf"] = [{"type": "object", "x-attachment": {"kind": "file"}}]
    assert ("definition.attachment_not_field") in [c for _, c in codes(hidden)]
    for key in (
        "definition.attachment_not_image",
        "definition.attachment_many",
        "definition.attachment_unknown_type",
        "definition.attachment_not_field",
    ):
        assert translate(key, "zh-CN", type="x", known="y", limit=1) != translate(
            key, "en", type="x", known="y", limit=1
        )


async def test_an_upload_is_typed_by_its_bytes_hashed_and_stored_owner_only(api: Api) -> None:
    _, version = await _setup(api)
    auditor = await api.user("auditor")
    content = image_bytes("JPEG")
    attachment = await uploaded(
        api,
        auditor,
        content,
        version_id=version,
        field_path="/site/photos/0",
        file_name="../../现场 photo.jpg",
        claimed_type="text/html",  # the client's claim counts for nothing
        caption="仓库门口 Warehouse gate",
    )
    assert attachment["kind"] == "PHOTO"
    assert attachment["contentType"] == "image/jpeg"
    assert attachment["fileName"] == "现场 photo.jpg"
    assert attachment["sha256"] == hashlib.sha256(content).hexdigest()
    assert attachment["byteSize"] == len(content)
    assert attachment["fieldPath"] == "/site/photos"
    assert attachment["caption"] == "仓库门口 Warehouse gate"
    [stored] = _files(api)
    assert stored.read_bytes() == content
    assert stored.stat().st_mode & 0o777 == 0o600
    assert await AuditEvent.filter(action="attachment.upload").count() == 1


@pytest.mark.parametrize(
    ("field", "content", "file_name", "path", "code", "zh"),
    [
        (
            "/site/photos/0",
            PDF,
            "scan.pdf",
            ["input", "file"],
            "attachment.not_image",
            "必须是图片",
        ),
        (
            "/contract",
            b"just some notes\n",
            "n.txt",
            ["input", "file"],
            "attachment.type_not_accepted",
            "不接受",
        ),
        (
            "/contract",
            b"\x00\x01\x02binary",
            "x.bin",
            ["input", "file"],
            "attachment.unknown_type",
            "无法识别",
        ),
        (
            "/contract",
            PDF + b"0" * 100_000,
            "big.pdf",
            ["input", "file"],
            "attachment.too_large",
            "文件过大",
        ),
        (
            "/signature",
            b"\x89PNG\r\n\x1a\n" + b"junk" * 50,
            "s.png",
            ["input", "file"],
            "attachment.broken_image",
            "已损坏",
        ),
        ("/contract", b"", "empty.pdf", ["input", "file"], "attachment.empty", "为空"),
        (
            "/site/ok",
            PDF,
            "x.pdf",
            ["input", "fieldPath"],
            "attachment.not_attachment_field",
            "不是附件字段",
        ),
    ],
)
async def test_refused_uploads_leave_nothing_behind(
    api: Api, field: str, content: bytes, file_name: str, path: list[str], code: str, zh: str
) -> None:
    _, version = await _setup(api)
    auditor = await api.user("auditor")
    for language, expected in (("zh-CN", zh), ("en", None)):
        refused = await upload(
            api,
            auditor,
            content,
            version_id=version,
            field_path=field,
            file_name=file_name,
            language=language,
        )
        assert refused["__typename"] == "ValidationFailed", refused
        [error] = refused["errors"]
        assert (error["path"], error["code"]) == (path, code)
        if expected:
            assert expected in error["message"]
        else:
            assert error["message"].isascii()
    assert await Attachment.all().count() == 0
    assert _files(api) == []
    assert await JobRun.filter(name="make_attachment_thumbnail").count() == 0


async def test_submit_checks_references_and_links_them(api: Api) -> None:
    _, version = await _setup(api)
    auditor = await api.user("auditor")
    other = await api.user("auditor")
    photo = await uploaded(
        api, auditor, image_bytes(), version_id=version, field_path="/site/photos/0"
    )
    png = await uploaded(
        api,
        auditor,
        image_bytes("PNG", (200, 80)),
        version_id=version,
        field_path="/signature",
        file_name="sig.png",
    )
    theirs = await uploaded(
        api, other, image_bytes(), version_id=version, field_path="/site/photos/0"
    )
    refused = await _submit(
        auditor,
        formVersionId=version,
        answers=_answers([photo["id"], theirs["id"]], signature=photo["id"], contract="nope"),
    )
    assert refused["__typename"] == "ValidationFailed", refused
    got = {(tuple(e["path"]), e["code"]) for e in refused["errors"]}
    assert got == {
        (("input", "answers", "site", "photos", "1"), "attachment.not_found"),
        (("input", "answers", "signature"), "attachment.repeated"),
        (("input", "answers", "contract"), "attachment.bad_reference"),
    }
    wrong_field = await _submit(auditor, formVersionId=version, answers=_answers([png["id"]]))
    assert [(e["path"], e["code"]) for e in wrong_field["errors"]] == [
        (["input", "answers", "site", "photos", "0"], "attachment.wrong_field")
    ]
    assert await Attachment.filter(submission_id__isnull=False).count() == 0
    accepted = await _submit(
        auditor,
        formVersionId=version,
        answers=_answers([photo["id"]], signature=png["id"]),
    )
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    linked = accepted["submission"]["attachments"]
    assert [a["id"] for a in linked] == [photo["id"], png["id"]]
    assert linked[0]["url"].startswith("/files/")
    # An attachment belongs to one submission.
    again = await _submit(auditor, formVersionId=version, answers=_answers([photo["id"]]))
    assert [(e["path"], e["code"]) for e in again["errors"]] == [
        (["input", "answers", "site", "photos", "0"], "attachment.already_used")
    ]


async def test_draft_uploads_are_used_with_their_draft_only(api: Api) -> None:
    _, version = await _setup(api)
    auditor = await api.user("auditor")
    saved = await auditor.data(
        """mutation($v: ID!) { saveDraft(input: {formVersionId: $v, answers: {}}) {
             ... on DraftSaved { draft { id } } } }""",
        {"v": version},
    )
    draft_id = saved["saveDraft"]["draft"]["id"]
    photo = await uploaded(
        api,
        auditor,
        image_bytes(),
        version_id=version,
        field_path="/site/photos/0",
        draftId=draft_id,
    )
    answers = _answers([photo["id"]])
    # Another draft's upload (here: submitting without the draft) is not this one's.
    without = await _submit(auditor, formVersionId=version, customerId=None, answers=answers)
    assert without["errors"][0]["code"] == "attachment.not_found"
    accepted = await _submit(auditor, formVersionId=version, answers=answers, draftId=draft_id)
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    row = await Attachment.get()
    assert row.draft_id is None
    assert row.submission_id is not None
    assert [a["id"] for a in accepted["submission"]["attachments"]] == [photo["id"]]


async def _download(api: Api, url: str, person: Person | None) -> Any:
    headers = {"Authorization": f"Bearer {person.token}"} if person else {}
    return await api.client.get(url, headers=headers)


async def test_downloads_follow_the_submissions_row_scope(api: Api) -> None:
    _, version = await _setup(api, audience=["staff", "customer"])
    customer_a = await api.customer("A")
    customer_b = await api.customer("B")
    user_a = await api.user("customer", customer=customer_a)
    user_b = await api.user("customer", customer=customer_b)
    auditor = await api.user("auditor")
    granted = await api.user("consultant")
    outsider = await api.user("consultant")
    await grants.grant_access(
        SYSTEM,
        consultant_id=granted.id,
        customer_ids=[customer_a.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    await grants.grant_access(
        SYSTEM,
        consultant_id=outsider.id,
        customer_ids=[customer_b.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    content = PDF
    contract = await uploaded(
        api, user_a, content, version_id=version, field_path="/contract", file_name="合同.pdf"
    )
    url = contract["url"]
    # Before it is submitted only its uploader sees it.
    assert (await _download(api, url, user_a)).status_code == 200
    assert (await _download(api, url, auditor)).status_code == 404
    accepted = await _submit(
        user_a, formVersionId=version, answers=_answers(contract=contract["id"])
    )
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    response = await _download(api, url, user_a)
    assert response.status_code == 200
    assert response.content == content
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"] == (
        "inline; filename=\"__.pdf\"; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf"
    )
    assert (await _download(api, url, auditor)).status_code == 200
    assert (await _download(api, url, user_b)).status_code == 404
    assert (await _download(api, url, outsider)).status_code == 404
    assert (await _download(api, url, None)).status_code == 401
    before = await AuditEvent.filter(action="consultant.read", object_type="Attachment").count()
    assert (await _download(api, url, granted)).status_code == 200
    after = await AuditEvent.filter(action="consultant.read", object_type="Attachment").count()
    assert after == before + 1
    # Through GraphQL too: B's user sees neither the submission nor its attachments.
    sid = accepted["submission"]["id"]
    assert (await user_b.data(SUBMISSION, {"id": sid}))["submission"] is None
    seen = (await granted.data(SUBMISSION, {"id": sid}))["submission"]["attachments"]
    assert [a["id"] for a in seen] == [contract["id"]]


async def test_thumbnails_are_made_in_a_job(api: Api) -> None:
    _, version = await _setup(api)
    auditor = await api.user("auditor")
    photo = await uploaded(
        api,
        auditor,
        image_bytes("JPEG", (1600, 900)),
        version_id=version,
        field_path="/site/photos/0",
    )
    thumbnail = photo["thumbnailUrl"]
    assert thumbnail == photo["url"] + "/thumbnail"
    assert (await _download(api, thumbnail, auditor)).status_code == 409  # not made yet
    await drain(api.settings)
    response = await _download(api, thumbnail, auditor)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(response.content)) as small:
        assert max(small.size) <= 320
        assert small.size == (320, 180)
    # Running it again changes nothing (idempotent).
    run = await JobRun.get(name="make_attachment_thumbnail")
    assert run.status.value == "succeeded"
    pdf = await uploaded(
        api, auditor, PDF, version_id=version, field_path="/contract", file_name="c.pdf"
    )
    assert pdf["thumbnailUrl"] is None
    assert await JobRun.filter(name="make_attachment_thumbnail").count() == 1


async def test_a_correction_keeps_the_evidence_it_corrects(api: Api) -> None:
    _, version = await _setup(api)
    auditor = await api.user("auditor")
    photo = await uploaded(
        api, auditor, image_bytes(), version_id=version, field_path="/site/photos/0"
    )
    accepted = await _submit(auditor, formVersionId=version, answers=_answers([photo["id"]]))
    revised = await auditor.data(
        """mutation($input: ReviseSubmissionInput!) { reviseSubmission(input: $input) {
             __typename ... on SubmissionAccepted { submission { id attachments { id } } }
             ... on ValidationFailed { errors { path code } } } }""",
        {
            "input": {
                "submissionId": accepted["submission"]["id"],
                "answers": {"site": {"ok": "no", "photos": [photo["id"]]}},
            }
        },
    )
    result = revised["reviseSubmission"]
    assert result["__typename"] == "SubmissionAccepted", result
    assert [a["id"] for a in result["submission"]["attachments"]] == [photo["id"]]


LIST_WITH_ATTACHMENTS = """
query($first: Int) {
  submissions(first: $first) { nodes { id attachments { id fileName url thumbnailUrl } } }
}
"""


async def test_listing_attachments_costs_the_same_number_of_queries_for_any_n(
    api: Api,
) -> None:
    from tests.test_submissions import count_queries

    admin, version = await _setup(api)
    auditor = await api.user("auditor")

    async def one_submission() -> None:
        photo = await uploaded(
            api, auditor, image_bytes(size=(40, 30)), version_id=version, field_path="/site/photos"
        )
        accepted = await _submit(auditor, formVersionId=version, answers=_answers([photo["id"]]))
        assert accepted["__typename"] == "SubmissionAccepted", accepted

    async def measure(n: int) -> int:
        with count_queries() as statements:
            data = await admin.data(LIST_WITH_ATTACHMENTS, {"first": n})
        assert [len(s["attachments"]) for s in data["submissions"]["nodes"]] == [1] * n
        return len(statements)

    for _ in range(2):
        await one_submission()
    small = await measure(2)
    for _ in range(6):
        await one_submission()
    assert await measure(8) == small


async def test_unused_uploads_are_removed_after_their_keeping_time(api: Api) -> None:
    from auditportal.evidence.service import remove_unused

    _, version = await _setup(api)
    auditor = await api.user("auditor")
    customer = await api.customer("K-1")
    # A draft for a customer: the submission below (for no customer) leaves it alone.
    saved = await auditor.data(
        """mutation($v: ID!, $c: ID) {
             saveDraft(input: {formVersionId: $v, customerId: $c, answers: {}}) {
               ... on DraftSaved { draft { id } } } }""",
        {"v": version, "c": str(to_global_id("Customer", customer.id))},
    )
    draft_id = saved["saveDraft"]["draft"]["id"]
    kept_with_draft = await uploaded(
        api, auditor, PDF, version_id=version, field_path="/contract", draftId=draft_id
    )
    abandoned = await uploaded(api, auditor, PDF, version_id=version, field_path="/contract")
    submitted = await uploaded(
        api, auditor, image_bytes(), version_id=version, field_path="/site/photos"
    )
    await drain(api.settings)  # its thumbnail too
    accepted = await _submit(auditor, formVersionId=version, answers=_answers([submitted["id"]]))
    assert accepted["__typename"] == "SubmissionAccepted"
    assert await remove_unused(api.settings) == 0  # nothing is old enough yet
    await Attachment.all().update(created_at=datetime.now(UTC) - timedelta(days=30))
    assert await remove_unused(api.settings) == 1
    left = {str(a.id) for a in await Attachment.all()}
    ids = {kept_with_draft["id"], abandoned["id"], submitted["id"]}
    assert len(left) == 2 and len(ids) == 3
    assert (await _download(api, abandoned["url"], auditor)).status_code == 404
    assert (await _download(api, kept_with_draft["url"], auditor)).status_code == 200
    # Three stored files remain: the kept upload, the submitted photo and its thumbnail.
    assert len(_files(api)) == 3
    assert await AuditEvent.filter(action="attachment.remove_unused").count() == 1
    # Discarding the draft frees its uploads for the next sweep.
    await auditor.data(
        "mutation($id: ID!) { discardDraft(input: {id: $id}) { __typename } }", {"id": draft_id}
    )
    assert await remove_unused(api.settings) == 1
    assert len(_files(api)) == 2
