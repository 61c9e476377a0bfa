"""Statement counts pinned for the other lists (issue 11): each costs the same for any page
size (no N+1), authentication included (cached after a warm-up request), with totalCount.

Counts are every SQL statement the ORM sends for one request (tests.test_statement_counts).
"""

from __future__ import annotations

from typing import Any

from auditportal.customers.models import AccountAuditor, CustomerTag
from auditportal.jobs.models import JobRun
from auditportal.workflows.models import Notification
from tests.conftest import Api, Person
from tests.factories import checklist
from tests.helpers import publish
from tests.test_statement_counts import statements


async def _flat(person: Person, query: str, field: str, rows: int) -> list[str]:
    """The statements of ``query`` at page sizes 2 and ``rows``: the same number, returned."""

    async def measure(first: int) -> tuple[list[str], dict[str, Any]]:
        await person.data("{ me { role } }")  # authentication warm: its cache lasts seconds
        with statements() as sql:
            data = await person.data(query, {"first": first})
        page = data[field]
        assert len(page["nodes"]) == first, page
        assert page["totalCount"] >= rows
        return sql, page

    (small, _), (large, _) = await measure(2), await measure(rows)
    assert len(small) == len(large), "\n".join(large)
    return large


CUSTOMERS = """
query($first: Int) {
  customers(first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id code name tags tier accountAuditor { id displayName } }
  }
}
"""
# The page (account auditors and their users joined), the tags, the count.
CUSTOMERS_STATEMENTS = 3


async def test_customers_with_auditors_and_tags(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor", username="lc-auditor")
    for i in range(12):
        customer = await api.customer(f"LC-{i:02d}")
        await CustomerTag.create(customer_id=customer.id, tag=f"t{i % 3}")
        if i % 2 == 0:
            await AccountAuditor.create(customer_id=customer.id, auditor_id=auditor.id)
    sql = await _flat(admin, CUSTOMERS, "customers", 12)
    assert len(sql) == CUSTOMERS_STATEMENTS, "\n".join(sql)
    nodes = (await admin.data(CUSTOMERS, {"first": 12}))["customers"]["nodes"]
    by_code = {node["code"]: node for node in nodes}
    assert by_code["LC-00"]["accountAuditor"]["displayName"]
    assert by_code["LC-01"]["accountAuditor"] is None
    assert by_code["LC-04"]["tags"] == ["t1"]


FORMS = """
query($first: Int) {
  forms(first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id key title category hasUnpublishedChanges latestVersion { number } }
  }
}
"""
# The page (without drafts), the count, the latest versions (two statements: their numbers,
# then the versions; joining them into the page is left to do).
FORMS_STATEMENTS = 4


async def test_forms(api: Api) -> None:
    admin = await api.user("admin")
    for i in range(6):
        await publish(admin, checklist(key=f"lc-form-{i}"))
    sql = await _flat(admin, FORMS, "forms", 6)
    assert len(sql) == FORMS_STATEMENTS, "\n".join(sql)
    assert not [s for s in sql if '"draft"' in s], sql


AUDIT = """
query($first: Int) {
  auditEvents(first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { sequence occurredAt actor action objectType objectId summary hash prevHash }
  }
}
"""
AUDIT_STATEMENTS = 2  # the page, the count


async def test_audit_events(api: Api) -> None:
    admin = await api.user("admin")
    for i in range(12):
        await api.customer(f"LA-{i}")
    sql = await _flat(admin, AUDIT, "auditEvents", 12)
    assert len(sql) == AUDIT_STATEMENTS, "\n".join(sql)


JOBS = """
query($first: Int) {
  jobRuns(first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name status statusLabel attempts progress { done total } queuedAt }
  }
}
"""
JOBS_STATEMENTS = 2  # the page, the count


async def test_job_runs(api: Api) -> None:
    admin = await api.user("admin")
    for i in range(12):
        await JobRun.create(name=f"lc-job-{i}")
    sql = await _flat(admin, JOBS, "jobRuns", 12)
    assert len(sql) == JOBS_STATEMENTS, "\n".join(sql)


USERS = """
query($first: Int) {
  users(first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id username displayName role active customer { code name } }
  }
}
"""
USERS_STATEMENTS = 3  # the page, the customer users' customers, the count


async def test_users(api: Api) -> None:
    admin = await api.user("admin")
    for i in range(12):
        await api.user("customer", customer=await api.customer(f"LU-{i}"))
    sql = await _flat(admin, USERS, "users", 12)
    assert len(sql) == USERS_STATEMENTS, "\n".join(sql)


NOTIFICATIONS = """
query($first: Int) {
  notifications(first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind title body link createdAt readAt }
  }
}
"""
NOTIFICATIONS_STATEMENTS = 2  # the page, the count


async def test_notifications(api: Api) -> None:
    me = await api.user("auditor")
    for i in range(12):
        await Notification.create(user_id=me.id, message={"zh-CN": f"消息 {i}", "en": f"N {i}"})
    sql = await _flat(me, NOTIFICATIONS, "notifications", 12)
    assert len(sql) == NOTIFICATIONS_STATEMENTS, "\n".join(sql)
