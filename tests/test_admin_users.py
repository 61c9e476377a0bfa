"""Administering users through GraphQL: typed results, field paths, audit, both languages."""

from __future__ import annotations

from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth.models import User
from auditportal.auth.passwords import MIN_PASSWORD_LENGTH, verify_password
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.users import create_user
from tests.conftest import Api

CREATE = """
mutation($input: CreateUserInput!) { createUser(input: $input) {
  __typename
  ... on UserCreated { user { id username role active email customer { code } } }
  ... on UserError { code message }
  ... on ValidationFailed { errors { path code message } }
} }
"""
UPDATE = """
mutation($input: UpdateUserInput!) { updateUser(input: $input) {
  __typename
  ... on UserUpdated { user { displayName role active customer { code } } }
  ... on UserError { code message }
  ... on ValidationFailed { errors { path code message } }
} }
"""
RESET = """
mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) {
  __typename
  ... on UserPasswordReset { temporaryPassword user { username } }
  ... on UserError { code message }
} }
"""
CHANGE = """
mutation($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) {
  __typename
  ... on UserError { code message }
  ... on ValidationFailed { errors { path code message } }
} }
"""


def _gid(type_name: str, raw: Any) -> str:
    return str(to_global_id(type_name, raw))


async def test_create_users_with_bindings_and_all_problems_at_once(api: Api) -> None:
    admin = await api.user("admin")
    acme = await api.customer("ACME")
    created = (
        await admin.data(
            CREATE,
            {
                "input": {
                    "username": "li.wei",
                    "role": "CUSTOMER",
                    "customerId": _gid("Customer", acme.id),
                    "email": "li.wei@example.cn",
                    "password": "x" * MIN_PASSWORD_LENGTH,
                }
            },
        )
    )["createUser"]
    assert created["__typename"] == "UserCreated"
    assert created["user"]["customer"] == {"code": "ACME"}
    assert created["user"]["email"] == "li.wei@example.cn"
    stored = await User.get(username="li.wei")
    assert verify_password(stored.password_hash, "x" * MIN_PASSWORD_LENGTH)
    event = await AuditEvent.filter(action="user.create", object_id=str(stored.id)).first()
    assert event is not None and "password" not in str(event.summary).replace("password_set", "")

    bad = (
        await admin.data(
            CREATE,
            {
                "input": {
                    "username": "no customer",
                    "role": "CUSTOMER",
                    "email": "x",
                    "password": "short",
                }
            },
            language="zh-CN",
        )
    )["createUser"]
    assert bad["__typename"] == "ValidationFailed"
    assert sorted(tuple(e["path"]) for e in bad["errors"]) == [
        ("input", "customerId"),
        ("input", "email"),
        ("input", "password"),
        ("input", "username"),
    ]
    assert "客户" in {e["path"][1]: e["message"] for e in bad["errors"]}["customerId"]

    staff_bound = (
        await admin.data(
            CREATE,
            {
                "input": {
                    "username": "a1",
                    "role": "AUDITOR",
                    "customerId": _gid("Customer", acme.id),
                }
            },
        )
    )["createUser"]
    assert [e["code"] for e in staff_bound["errors"]] == ["user.customer_only_for_customers"]
    service = (await admin.data(CREATE, {"input": {"username": "svc", "role": "SERVICE"}}))[
        "createUser"
    ]
    assert [e["code"] for e in service["errors"]] == ["user.service_role_reserved"]
    taken = (await admin.data(CREATE, {"input": {"username": "li.wei", "role": "AUDITOR"}}))[
        "createUser"
    ]
    assert taken["__typename"] == "Conflict"


async def test_update_user_and_lockout_protection(api: Api) -> None:
    admin = await api.user("admin")
    acme = await api.customer("ACME")
    auditor = await api.user("auditor")
    changed = (
        await admin.data(
            UPDATE,
            {
                "input": {
                    "userId": _gid("User", auditor.id),
                    "role": "CUSTOMER",
                    "customerId": _gid("Customer", acme.id),
                    "displayName": "王芳",
                }
            },
        )
    )["updateUser"]
    assert changed == {
        "__typename": "UserUpdated",
        "user": {
            "displayName": "王芳",
            "role": "CUSTOMER",
            "active": True,
            "customer": {"code": "ACME"},
        },
    }
    event = await AuditEvent.filter(action="user.update").order_by("-id").first()
    assert event is not None and event.summary["changes"]["role"] == ["auditor", "customer"]

    # Back to staff clears the binding; deactivation stops the account's tokens at once.
    back = (
        await admin.data(UPDATE, {"input": {"userId": _gid("User", auditor.id), "role": "AUDITOR"}})
    )["updateUser"]
    assert back["user"]["customer"] is None
    off = (
        await admin.data(UPDATE, {"input": {"userId": _gid("User", auditor.id), "active": False}})
    )["updateUser"]
    assert off["user"]["active"] is False
    locked_out = await api.client.post(
        "/graphql",
        json={"query": "{ me { role } }"},
        headers={"Authorization": f"Bearer {auditor.token}"},
    )
    assert locked_out.status_code == 401

    myself = (
        await admin.data(UPDATE, {"input": {"userId": _gid("User", admin.id), "active": False}})
    )["updateUser"]
    assert [e["code"] for e in myself["errors"]] == ["user.cannot_demote_self"]
    missing = (
        await admin.data(
            UPDATE, {"input": {"userId": _gid("User", "00000000-0000-4000-8000-000000000000")}}
        )
    )["updateUser"]
    assert missing["__typename"] == "NotFound"
    bad_id = (await admin.data(UPDATE, {"input": {"userId": "nope"}}))["updateUser"]
    assert bad_id["errors"][0]["path"] == ["input", "userId"]


async def test_reset_and_change_passwords(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    reset = (await admin.data(RESET, {"input": {"userId": _gid("User", auditor.id)}}))[
        "resetUserPassword"
    ]
    temporary = reset["temporaryPassword"]
    assert len(temporary) >= MIN_PASSWORD_LENGTH
    stored = await User.get(id=auditor.id)
    assert verify_password(stored.password_hash, temporary)
    event = await AuditEvent.filter(action="user.reset_password").first()
    assert event is not None and temporary not in str(event.summary)

    wrong = (
        await auditor.data(
            CHANGE, {"input": {"currentPassword": "wrong-one-x", "newPassword": "short"}}
        )
    )["changeMyPassword"]
    assert [(e["path"], e["code"]) for e in wrong["errors"]] == [
        (["input", "currentPassword"], "user.wrong_password"),
        (["input", "newPassword"], "user.password_too_short"),
    ]
    done = (
        await auditor.data(
            CHANGE,
            {"input": {"currentPassword": temporary, "newPassword": "a brand new passphrase"}},
        )
    )["changeMyPassword"]
    assert done["__typename"] == "PasswordChanged"
    assert verify_password((await User.get(id=auditor.id)).password_hash, "a brand new passphrase")


async def test_list_and_filter_users(api: Api) -> None:
    admin = await api.user("admin")
    manager = await api.user("manager")
    acme = await api.customer("ACME")
    await create_user(
        system_principal("tests"),
        username="zhang.san",
        role=Role.CUSTOMER,
        display_name="张三",
        customer_id=acme.id,
    )
    query = """query($filter: UserFilter) { users(filter: $filter) { totalCount nodes { username } } }"""
    by_role = await manager.data(query, {"filter": {"role": "CUSTOMER"}})
    assert [n["username"] for n in by_role["users"]["nodes"]] == ["zhang.san"]
    by_search = await admin.data(query, {"filter": {"search": "张"}})
    assert [n["username"] for n in by_search["users"]["nodes"]] == ["zhang.san"]
    by_customer = await admin.data(query, {"filter": {"customerId": _gid("Customer", acme.id)}})
    assert by_customer["users"]["totalCount"] == 1
    inactive = await admin.data(query, {"filter": {"active": False}})
    assert inactive["users"]["totalCount"] == 0
    one = await admin.data(
        "query($id: ID!) { user(id: $id) { username email } }", {"id": _gid("User", manager.id)}
    )
    assert one["user"]["username"].startswith("manager-")
