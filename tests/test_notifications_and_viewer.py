"""Notifications readable and marked read (own only, audited); the viewer the web shell needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditportal.audit.models import AuditEvent
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from auditportal.workflows.models import Notification
from tests import inspection_factories as inspections
from tests.conftest import Api
from tests.work_factories import case, version_of

LIST = """
query($unreadOnly: Boolean) {
  notifications(unreadOnly: $unreadOnly) {
    totalCount
    nodes { id kind title body link createdAt readAt }
  }
  unreadNotificationCount
}
"""
MARK = """
mutation($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) {
    __typename
    ... on NotificationsMarkedRead { marked unreadCount }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
ME = """
{ me { role roles displayName permissions locale mustChangePassword language
       customer { code name }
       consultantGrant { grants customersCount forms { key } expiresAt lastExpiresAt } } }
"""
CHANGE = """
mutation($input: ChangeMyPasswordInput!) {
  changePassword(input: $input) {
    __typename
    ... on ValidationFailed { errors { path code } }
  }
}
"""


def _message(en: str, zh: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


async def test_notifications_list_count_and_mark_read_own_only(api: Api) -> None:
    await inspections.load_builtins()
    me = await api.user("auditor")
    other = await api.user("auditor")
    customer = await api.customer("NC")
    instance = await case(await version_of("inspection"), "in_progress", customer_id=customer.id)
    first = await Notification.create(
        user_id=me.id, instance=instance, message=_message("Please start", "请开始检查")
    )
    second = await Notification.create(user_id=me.id, message=_message("Hello", "您好"))
    theirs = await Notification.create(user_id=other.id, message=_message("Theirs", "他人的"))

    data = await me.data(LIST)
    assert data["unreadNotificationCount"] == 2
    nodes = data["notifications"]["nodes"]
    assert [n["body"] for n in nodes] == ["Hello", "Please start"]  # newest first
    assert nodes[1]["kind"] == "workflow" and nodes[1]["link"].startswith("/work/")
    assert nodes[1]["title"] == "Customer compliance inspection"
    assert nodes[0]["kind"] == "message" and nodes[0]["link"] is None
    chinese = await me.data(LIST, language="zh-CN")
    assert [n["body"] for n in chinese["notifications"]["nodes"]] == ["您好", "请开始检查"]
    assert chinese["notifications"]["nodes"][1]["title"] == "客户合规检查"

    # Someone else's notification is refused at its place, and nothing changes.
    their_id = (await other.data(LIST))["notifications"]["nodes"][0]["id"]
    refused = await me.data(MARK, {"input": {"ids": [nodes[1]["id"], their_id]}})
    result = refused["markNotificationsRead"]
    assert result["__typename"] == "ValidationFailed"
    assert [e["path"] for e in result["errors"]] == [["input", "ids", "1"]]
    assert await Notification.filter(read_at__isnull=False).count() == 0

    before = await AuditEvent.filter(action="notification.read").count()
    marked = await me.data(MARK, {"input": {"ids": [nodes[1]["id"]]}})
    assert marked["markNotificationsRead"] == {
        "__typename": "NotificationsMarkedRead", "marked": 1, "unreadCount": 1,
    }  # fmt: skip
    assert (await Notification.get(id=first.id)).read_at is not None
    unread = await me.data(LIST, {"unreadOnly": True})
    assert [n["body"] for n in unread["notifications"]["nodes"]] == ["Hello"]

    everything = await me.data(MARK, {"input": {"all": True}})
    assert everything["markNotificationsRead"]["marked"] == 1
    again = await me.data(MARK, {"input": {"all": True}})
    assert again["markNotificationsRead"]["marked"] == 0
    assert (await Notification.get(id=second.id)).read_at is not None
    assert (await Notification.get(id=theirs.id)).read_at is None
    assert await AuditEvent.filter(action="notification.read").count() == before + 2

    nothing = await me.data(MARK, {"input": {}})
    errors = nothing["markNotificationsRead"]["errors"]
    assert errors[0]["path"] == ["input", "ids"]
    zh = await me.data(MARK, {"input": {}}, language="zh-CN")
    assert "通知" in zh["markNotificationsRead"]["errors"][0]["message"]


async def test_the_viewer_tells_the_shell_what_it_needs(api: Api) -> None:
    admin = await api.user("admin")
    data = (await admin.data(ME))["me"]
    assert data["roles"] == ["ADMIN"] and "users.manage" in data["permissions"]
    assert data["mustChangePassword"] is False and data["locale"] == "zh-CN"
    assert data["customer"] is None and data["consultantGrant"] is None

    customer = await api.customer("VC", "维森公司")
    user = await api.user("customer", customer=customer)
    seen = (await user.data(ME))["me"]
    assert seen["customer"] == {"code": "VC", "name": "维森公司"}
    assert "users.manage" not in seen["permissions"]
    assert "submissions.create" in seen["permissions"]

    consultant = await api.user("consultant")
    assert (await consultant.data(ME))["me"]["consultantGrant"] is None
    ends = datetime.now(UTC) + timedelta(days=3)
    await grants.grant_access(
        system_principal("tests"),
        consultant_id=consultant.id,
        customer_ids=[customer.id],
        form_ids=[],
        expires_at=ends,
    )
    summary = (await consultant.data(ME))["me"]["consultantGrant"]
    assert summary["grants"] == 1 and summary["customersCount"] == 1 and summary["forms"] == []
    assert abs(datetime.fromisoformat(summary["expiresAt"]) - ends) < timedelta(seconds=1)


async def test_a_reset_password_must_be_changed_and_the_change_clears_it(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    reset = await admin.data(
        "mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) {"
        " ... on UserPasswordReset { temporaryPassword } } }",
        {"input": {"userId": _gid("User", auditor.id)}},
    )
    password = reset["resetUserPassword"]["temporaryPassword"]
    assert (await auditor.data(ME))["me"]["mustChangePassword"] is True
    wrong = await auditor.data(
        CHANGE, {"input": {"currentPassword": "nope-nope-nope", "newPassword": "a-new-pass-123"}}
    )
    assert wrong["changePassword"]["errors"][0]["path"] == ["input", "currentPassword"]
    assert (await auditor.data(ME))["me"]["mustChangePassword"] is True
    changed = await auditor.data(
        CHANGE, {"input": {"currentPassword": password, "newPassword": "a-new-pass-123"}}
    )
    assert changed["changePassword"]["__typename"] == "PasswordChanged"
    assert (await auditor.data(ME))["me"]["mustChangePassword"] is False


def _gid(type_name: str, raw: object) -> str:
    from auditportal.api.relay import to_global_id

    return str(to_global_id(type_name, raw))  # type: ignore[arg-type]
