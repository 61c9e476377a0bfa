"""OAuth clients and consultant grants administered through GraphQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth.models import OAuthClient, User
from auditportal.auth.passwords import verify_password
from tests.conftest import Api
from tests.factories import checklist
from tests.helpers import publish

REGISTER = """
mutation($input: RegisterOAuthClientInput!) { registerOAuthClient(input: $input) {
  __typename
  ... on OAuthClientRegistered { clientSecret client { id clientId confidential active
    allowedScopes serviceUser { username role } } }
  ... on UserError { code message }
  ... on ValidationFailed { errors { path code message } }
} }
"""
DEACTIVATE = """
mutation($input: DeactivateOAuthClientInput!) { deactivateOAuthClient(input: $input) {
  __typename
  ... on OAuthClientDeactivated { client { active } }
  ... on UserError { code message }
} }
"""
GRANT = """
mutation($input: GrantConsultantAccessInput!) { grantConsultantAccess(input: $input) {
  __typename
  ... on ConsultantAccessGranted { grant { id active reason consultant { username }
    customers { code } forms { key } grantedBy { username } expiresAt } }
  ... on UserError { code message }
  ... on ValidationFailed { errors { path code message } }
} }
"""


def _gid(type_name: str, raw: Any) -> str:
    return str(to_global_id(type_name, raw))


def _future(days: int = 7) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


async def test_register_list_and_deactivate_a_client(api: Api) -> None:
    admin = await api.user("admin")
    registered = (
        await admin.data(
            REGISTER,
            {
                "input": {
                    "clientId": "crm-sync",
                    "name": "CRM 同步",
                    "grantTypes": ["client_credentials"],
                    "allowedScopes": ["customers:read", "forms:read"],
                }
            },
        )
    )["registerOAuthClient"]
    assert registered["__typename"] == "OAuthClientRegistered"
    secret = registered["clientSecret"]
    client = registered["client"]
    assert client["confidential"] and client["serviceUser"]["role"] == "SERVICE"
    stored = await OAuthClient.get(client_id="crm-sync")
    assert stored.secret_hash != secret and verify_password(stored.secret_hash, secret)
    assert await AuditEvent.filter(action="client.register", object_id=str(stored.id)).exists()

    listed = await admin.data("{ oauthClients { nodes { clientId } } }")
    assert "crm-sync" in [n["clientId"] for n in listed["oauthClients"]["nodes"]]
    # The secret is never readable again.
    again = await admin.gql("{ oauthClients { nodes { clientSecret } } }")
    assert again["errors"]

    off = (await admin.data(DEACTIVATE, {"input": {"clientId": client["id"]}}))[
        "deactivateOAuthClient"
    ]
    assert off == {"__typename": "OAuthClientDeactivated", "client": {"active": False}}
    assert (await User.get(username="client:crm-sync")).is_active is False
    twice = (await admin.data(DEACTIVATE, {"input": {"clientId": client["id"]}}))[
        "deactivateOAuthClient"
    ]
    assert twice["__typename"] == "Conflict"


async def test_a_bad_client_gets_every_problem_with_its_path(api: Api) -> None:
    admin = await api.user("admin")
    bad = (
        await admin.data(
            REGISTER,
            {
                "input": {
                    "clientId": "X",
                    "name": "",
                    "grantTypes": ["password", "authorization_code"],
                    "redirectUris": ["http://evil.example/cb"],
                    "allowedScopes": ["everything"],
                    "confidential": False,
                }
            },
            language="zh-CN",
        )
    )["registerOAuthClient"]
    assert bad["__typename"] == "ValidationFailed"
    assert [e["path"] for e in bad["errors"]] == [
        ["input", "clientId"],
        ["input", "name"],
        ["input", "grantTypes", "0"],
        ["input", "redirectUris", "0"],
        ["input", "allowedScopes", "0"],
    ]
    assert all(e["message"] for e in bad["errors"])
    assert not await OAuthClient.filter(client_id="X").exists()


async def test_grant_and_list_consultant_access(api: Api) -> None:
    admin = await api.user("admin")
    consultant = await api.user("consultant")
    acme = await api.customer("ACME")
    form_id, _ = await publish(admin, checklist())
    granted = (
        await admin.data(
            GRANT,
            {
                "input": {
                    "consultantId": _gid("User", consultant.id),
                    "customerIds": [_gid("Customer", acme.id)],
                    "formIds": [form_id],
                    "expiresAt": _future(),
                    "reason": "2026 年度审计",
                }
            },
        )
    )["grantConsultantAccess"]
    assert granted["__typename"] == "ConsultantAccessGranted"
    grant = granted["grant"]
    assert grant["active"] and grant["customers"] == [{"code": "ACME"}]
    assert grant["forms"] == [{"key": "site-check"}]
    assert await AuditEvent.filter(action="grant.create").exists()
    listed = await admin.data(
        "query($c: ID) { consultantGrants(filter: {consultantId: $c, activeOnly: true}) "
        "{ totalCount nodes { id } } }",
        {"c": _gid("User", consultant.id)},
    )
    assert [n["id"] for n in listed["consultantGrants"]["nodes"]] == [grant["id"]]
    assert (await admin.data("query($id: ID!) { node(id: $id) { id } }", {"id": grant["id"]}))[
        "node"
    ] == {"id": grant["id"]}


async def test_grant_rules(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    consultant = await api.user("consultant")
    not_consultant = (
        await admin.data(
            GRANT,
            {
                "input": {
                    "consultantId": _gid("User", auditor.id),
                    "expiresAt": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
                    "customerIds": [],
                    "formIds": [_gid("Form", "00000000-0000-4000-8000-000000000000")],
                }
            },
        )
    )["grantConsultantAccess"]
    assert [(e["path"], e["code"]) for e in not_consultant["errors"]] == [
        (["input", "consultantId"], "grant.not_a_consultant"),
        (["input", "expiresAt"], "grant.expiry_in_past"),
        (["input", "formIds", "0"], "grant.form_not_found"),
    ]
    empty = (
        await admin.data(
            GRANT,
            {"input": {"consultantId": _gid("User", consultant.id), "expiresAt": _future()}},
            language="zh-CN",
        )
    )["grantConsultantAccess"]
    assert [(e["path"], e["message"]) for e in empty["errors"]] == [
        (["input", "customerIds"], "至少需要指定一个客户或表单。")
    ]
    nobody = (
        await admin.data(
            GRANT,
            {
                "input": {
                    "consultantId": _gid("User", "00000000-0000-4000-8000-000000000000"),
                    "expiresAt": _future(),
                }
            },
        )
    )["grantConsultantAccess"]
    assert nobody["__typename"] == "NotFound"
