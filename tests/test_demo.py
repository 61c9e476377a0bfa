"""The demo organisation: labelled, with work for every role, idempotent, removable."""

from __future__ import annotations

import hashlib

from auditportal.auth.models import User
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role
from auditportal.auth.tokens import issue_access_token
from auditportal.customers.models import Customer
from auditportal.demo.load import load_demo, remove_demo
from auditportal.evidence.models import Attachment, AttachmentKind
from auditportal.forms.models import Submission
from auditportal.inspections.models import InspectionStatus, ScheduledInspection
from auditportal.storage.factory import storage_for
from auditportal.workflows.models import WorkflowInstance
from tests import inspection_factories as inspections
from tests.conftest import Api

WORK = """
{ myWork(first: 100) { totalCount nodes { kind overdue customer { code name } } }
  myWorkCounts { total overdue inspections reviews }
  unreadNotificationCount
  me { displayName customer { code } consultantGrant { customersCount expiresAt } } }
"""


async def _as(api: Api, username: str) -> dict[str, object]:
    user = await User.get(username=username)
    token = issue_access_token(api.settings, user.id, default_scopes(user.role), "tests")
    result = await api.gql(WORK, token=token, language="zh-CN")
    assert "errors" not in result, result
    return result["data"]  # type: ignore[no-any-return]


async def test_the_demo_loads_work_for_every_role_and_goes_away(api: Api) -> None:
    await inspections.load_builtins()
    mine = await api.customer("REAL-1", "真实客户")
    report = await load_demo(api.settings, customer_count=40)
    assert report.loaded
    assert {a.role for a in report.accounts} == set(Role) - {Role.SERVICE}
    assert all(len(a.password) >= 16 for a in report.accounts)
    assert report.counts["customers"] == 40 and report.counts["findings"] > 0
    demo = await Customer.filter(code__startswith="DEMO-").count()
    assert demo == 40
    assert {c.tier.value for c in await Customer.filter(code__startswith="DEMO-")} == {
        "key", "normal", "high_risk",
    }  # fmt: skip
    assert await ScheduledInspection.filter(status=InspectionStatus.OPENED).exists()

    # Photos: uploaded like real ones (stored with their hash), linked to their checklists.
    photos = await Attachment.filter(kind=AttachmentKind.PHOTO)
    assert report.counts["photos"] == len(photos) > 0
    storage = storage_for(api.settings)
    for photo in photos:
        assert photo.submission_id is not None and photo.customer_id is not None
        assert photo.caption and photo.content_type == "image/png"
        submission = await Submission.get(id=photo.submission_id)
        assert str(photo.id) in submission.answers["sitePhotos"]
        assert hashlib.sha256(await storage.get(photo.storage_key)).hexdigest() == photo.sha256
    # Complaints: most cases moved past "received" by the real transitions, one to closed.
    complaints = await WorkflowInstance.filter(definition__key="complaint-handling")
    states = [c.state for c in complaints]
    assert report.counts["complaintsMoved"] == sum(s != "received" for s in states) > 0
    assert {"received", "acknowledged", "investigating", "resolved", "closed"} <= set(states)

    auditor = await _as(api, "demo-auditor")
    assert auditor["myWorkCounts"]["overdue"] > 0  # type: ignore[index]
    kinds = {n["kind"] for n in auditor["myWork"]["nodes"]}  # type: ignore[index]
    assert {"INSPECTION", "TASK", "FOLLOW_UP"} <= kinds
    assert auditor["unreadNotificationCount"] > 0
    manager = await _as(api, "demo-manager")
    assert manager["myWorkCounts"]["reviews"] > 0  # type: ignore[index]
    customer = await _as(api, "demo-customer")
    assert customer["me"]["customer"] == {"code": "DEMO-0001"}  # type: ignore[index]
    consultant = await _as(api, "demo-consultant")
    assert consultant["me"]["consultantGrant"]["customersCount"] == 20  # type: ignore[index]

    again = await load_demo(api.settings, customer_count=40)
    assert again.loaded is False and again.accounts == []
    assert await Customer.filter(code__startswith="DEMO-").count() == 40

    removed = await remove_demo(api.settings)
    assert removed["customers"] == 40 and removed["users"] == len(report.accounts)
    assert not await Customer.filter(code__startswith="DEMO-").exists()
    assert not await User.filter(username__startswith="demo-").exists()
    assert not await WorkflowInstance.exists()
    assert not await Submission.exists()
    assert removed["attachments"] == len(photos) and not await Attachment.exists()
    for photo in photos:
        assert await storage.stat(photo.storage_key) is None
    assert await Customer.filter(id=mine.id).exists()
    # And it can be loaded afresh.
    assert (await load_demo(api.settings, customer_count=12)).loaded
