"""The audit trail through GraphQL: admins and managers read it, filtered; nobody edits it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from auditportal.api.schema import build_schema
from tests.conftest import SETTINGS, Api
from tests.factories import checklist
from tests.helpers import publish

EVENTS = """
query($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { sequence occurredAt actor actorRole action objectType objectId summary requestId
            hash prevHash }
  }
}
"""


async def test_filter_and_page_the_trail(api: Api) -> None:
    admin = await api.user("admin")
    manager = await api.user("manager")
    await publish(admin, checklist(key="one"))
    await publish(admin, checklist(key="two"))
    username = (await admin.data("{ me { user { username } } }"))["me"]["user"]["username"]

    published = await manager.data(EVENTS, {"filter": {"action": "form.publish"}})
    events = published["auditEvents"]["nodes"]
    assert published["auditEvents"]["totalCount"] == 2
    assert [e["summary"]["form"] for e in events] == ["two", "one"]  # newest first
    assert all(e["actor"] == f"user:{username}" and e["actorRole"] == "admin" for e in events)
    assert events[0]["prevHash"] and events[0]["hash"] != events[1]["hash"]
    assert events[0]["requestId"]

    by_actor = await admin.data(
        EVENTS, {"filter": {"actor": f"user:{username}", "objectType": "Form"}}
    )
    assert {e["action"] for e in by_actor["auditEvents"]["nodes"]} == {"form.create"}
    one = by_actor["auditEvents"]["nodes"][0]
    by_object = await admin.data(
        EVENTS, {"filter": {"objectId": one["objectId"], "requestId": one["requestId"]}}
    )
    assert [e["sequence"] for e in by_object["auditEvents"]["nodes"]] == [one["sequence"]]

    now = datetime.now(UTC)
    window = await admin.data(
        EVENTS,
        {
            "filter": {
                "occurredAfter": (now - timedelta(minutes=5)).isoformat(),
                "occurredBefore": (now + timedelta(minutes=5)).isoformat(),
            }
        },
    )
    future = await admin.data(
        EVENTS, {"filter": {"occurredAfter": (now + timedelta(minutes=5)).isoformat()}}
    )
    assert window["auditEvents"]["totalCount"] >= 4
    assert future["auditEvents"]["totalCount"] == 0

    first = await admin.data(EVENTS, {"first": 1})
    assert first["auditEvents"]["pageInfo"]["hasNextPage"] is True
    second = await admin.data(
        EVENTS, {"first": 1, "after": first["auditEvents"]["pageInfo"]["endCursor"]}
    )
    assert second["auditEvents"]["nodes"][0]["hash"] == first["auditEvents"]["nodes"][0]["prevHash"]


async def test_auditors_may_not_read_the_trail(api: Api) -> None:
    auditor = await api.user("auditor")
    denied = await auditor.gql(EVENTS)
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_no_mutation_touches_audit_events() -> None:
    schema = build_schema(SETTINGS)
    mutation = schema.get_type_by_name("Mutation")
    names = [field.python_name.lower() for field in mutation.fields]  # type: ignore[union-attr]
    # "auditor" (setAccountAuditor) names a person, not the trail.
    assert not [name for name in names if re.search(r"audit(?!or)", name)]
