"""Statement counts pinned for the list path and submitForm (issue 11), so they cannot creep.

Counts are every SQL statement the ORM sends for one request, authentication included,
read from Tortoise's own query log. A list must cost the same for any page size, and its
COUNT(*) runs only when ``totalCount`` is selected.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from tests.conftest import BACKEND, Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit
from tests.test_submissions import _customer_gid


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement the ORM sends while the block runs."""
    seen: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("tortoise.db_client")
    handler = Collect(level=logging.DEBUG)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield seen
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def _counts(sql: list[str]) -> int:
    return sum(1 for s in sql if "COUNT(" in s.upper())


# The list: newest submissions with form key and title, version number, customer
# code and name, score and time.
NEWEST = """
query($first: Int) {
  submissions(first: $first) {
    %s
    pageInfo { hasNextPage endCursor }
    nodes {
      submittedAt
      score { percent }
      form { key title }
      formVersion { number }
      customer { code name }
    }
  }
}
"""


async def test_the_newest_submissions_cost_the_same_for_any_page_size(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    customers = [await api.customer(f"S-{i}") for i in range(4)]
    _, version_id = await publish(admin, checklist(key="count-a"))
    for i in range(12):
        accepted = await submit(
            auditor,
            formVersionId=version_id,
            answers=good_answers(),
            customerId=_customer_gid(customers[i % 4].id),
        )
        assert accepted["__typename"] == "SubmissionAccepted", accepted

    async def measure(first: int, total: bool) -> list[str]:
        await admin.data("{ me { role } }")  # authentication warm: its cache lasts seconds
        with statements() as sql:
            data = await admin.data(NEWEST % ("totalCount" if total else ""), {"first": first})
        page = data["submissions"]
        assert len(page["nodes"]) == first
        assert page["pageInfo"]["hasNextPage"] is (first < 12)
        if total:
            assert page["totalCount"] == 12
        return sql

    small, large = await measure(2, False), await measure(12, False)
    counted = await measure(12, True)
    assert len(small) == len(large), (small, large)
    assert _counts(large) == 0, large
    assert _counts(counted) == 1, counted
    assert len(counted) == len(large) + 1
    # The page + forms, versions, customers; authentication costs nothing once the token's
    # principal is cached (auth.principal.PRINCIPALS; the warm-up request in measure).
    assert len(large) == LIST_STATEMENTS, large
    # Only the columns the rows select: no answers, findings or section scores decoded.
    page_sql = [s for s in large if 'FROM "submissions"' in s]
    assert page_sql and not [s for s in page_sql if '"answers"' in s or '"findings"' in s]
    assert not [s for s in page_sql if '"section_scores"' in s], page_sql
    # Nor a form's draft or a version's definition: the titles and numbers need neither.
    assert not [s for s in large if '"definition"' in s or '"draft"' in s], large


async def test_a_list_selecting_the_json_fields_reads_them(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    customer = await api.customer("S-json")
    _, version_id = await publish(admin, checklist(key="count-json"))
    accepted = await submit(
        auditor,
        formVersionId=version_id,
        answers=good_answers(),
        customerId=_customer_gid(customer.id),
    )
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    full = await admin.data(
        "{ submissions(first: 5) { edges { node { ... on Submission { answers findings { path }"
        " score { percent sections { key } } } } } } }"
    )
    node = full["submissions"]["edges"][0]["node"]
    assert node["answers"]["visitDate"] == good_answers()["visitDate"]
    assert node["findings"] == [] and node["score"]["sections"]
    light = await admin.data(
        "{ submissions(first: 5) { nodes { score { percent sections { key } } } } }"
    )
    assert light["submissions"]["nodes"][0]["score"] == node["score"]


LIST_STATEMENTS = 1
# Authentication (0 once cached), the version and the newest version (read once for the
# sealing and the search fields), the customer, the insert, the audit chain's head and event
# (PostgreSQL takes an advisory lock first), the form once for the workflow triggers and the
# register, the triggers, the caller's draft for this target, and the answer's submitter and
# customer. The form rules and evidence use the definition the store compiled (no reread).
SUBMIT_STATEMENTS = 11 + (BACKEND == "postgres")


async def test_submit_form_statements(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    customer = await api.customer("S-submit")
    _, version_id = await publish(admin, checklist(key="count-submit"))
    variables = {"formVersionId": version_id, "customerId": _customer_gid(customer.id)}
    await submit(auditor, answers=good_answers(), **variables)  # warm caches
    await auditor.data("{ me { role } }")  # and authentication's, which lasts seconds
    with statements() as sql:
        accepted = await submit(auditor, answers=good_answers(), **variables)
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    assert len(sql) == SUBMIT_STATEMENTS, "\n".join(sql)


async def test_current_revisions_have_their_partial_indexes(api: Api) -> None:
    from tortoise import connections

    client = connections.get("default")
    if BACKEND == "postgres":
        sql = "SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename = 'submissions'"
    else:
        sql = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions'"
        )
    _, rows = await client.execute_query(sql)
    found = {row["name"]: row["sql"] for row in rows}
    for name in ("submissions_current_newest", "submissions_current_customer"):
        assert name in found, sorted(found)
        assert "superseded_at IS NULL" in found[name].replace("(", "").replace(")", ""), found


# The review overview's list (web/src/review/ReviewPage.tsx): each case's version (its
# definition titles the states), assignee and customer.
CASES = """
query($first: Int) {
  workflowInstances(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id state stateTitle dueAt isOverdue escalatedAt
      version { id definition }
      assignee { id displayName }
      customer { id code name }
    }
  }
}
"""
# The page with its customers and assignees joined, the versions (one per workflow, not
# joined: a definition decoded once, not once per row), the count.
CASE_LIST_STATEMENTS = 3


async def test_the_cases_list_costs_three_statements_for_any_page_size(api: Api) -> None:
    from tests import inspection_factories
    from tests.work_factories import case, version_of

    await inspection_factories.load_builtins()
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    complaint = await version_of("complaint-handling")
    for i in range(12):
        customer = await api.customer(f"W-{i % 4}")
        await case(complaint, "investigating", customer_id=customer.id, assignee_id=auditor.id)

    async def measure(first: int) -> list[str]:
        await admin.data("{ me { role } }")  # authentication warm: its cache lasts seconds
        with statements() as sql:
            data = await admin.data(CASES, {"first": first})
        page = data["workflowInstances"]
        assert len(page["nodes"]) == first and page["totalCount"] == 12
        node = page["nodes"][0]
        assert node["customer"]["code"].startswith("W-") and node["assignee"]["id"]
        return sql

    small, large = await measure(2), await measure(12)
    assert len(small) == len(large) == CASE_LIST_STATEMENTS, "\n".join(large)
    assert _counts(large) == 1, large


# The customers page (web/src/customers/CustomersPage.tsx).
CUSTOMERS = """
query($first: Int) {
  customers(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id code name industry region tags tier riskScore accountAuditor { id displayName } }
  }
}
"""
# The page (its account auditors and their users joined), the tags, the count.
CUSTOMER_LIST_STATEMENTS = 3


async def test_the_customers_list_costs_the_same_for_any_page_size(api: Api) -> None:
    from auditportal.customers.models import AccountAuditor

    admin = await api.user("admin")
    auditor = await api.user("auditor")
    for i in range(12):
        customer = await api.customer(f"L-{i:02d}")
        await AccountAuditor.create(customer_id=customer.id, auditor_id=auditor.id)

    async def measure(first: int) -> list[str]:
        await admin.data("{ me { role } }")  # authentication warm: its cache lasts seconds
        with statements() as sql:
            data = await admin.data(CUSTOMERS, {"first": first})
        assert len(data["customers"]["nodes"]) == first
        return sql

    small, large = await measure(2), await measure(12)
    assert len(small) == len(large), (small, large)
    assert len(large) == CUSTOMER_LIST_STATEMENTS, "\n".join(large)
    assert _counts(large) == 1, large
    # Neither contacts nor attributes (JSON documents) when the rows do not show them.
    page_sql = [s for s in large if 'FROM "customers"' in s and "COUNT(" not in s]
    assert page_sql and not [s for s in page_sql if '"contacts"' in s or '"attributes"' in s]
