"""Customer profiles: create, compare-and-set edits, contacts, tags, account auditor, custom
attributes validated by the admin's published form, and a list whose SQL count is constant."""

from __future__ import annotations

from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.customers.models import Customer, CustomerTag
from tests.conftest import Api, Person
from tests.factories import t
from tests.helpers import publish
from tests.test_submissions import count_queries

CREATE = """
mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) {
    __typename
    ... on CustomerSaved { customer { id code name lockVersion tags tier
      contacts { name email primary } accountAuditor { username } attributes } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
UPDATE = """
mutation($input: UpdateCustomerInput!) {
  updateCustomer(input: $input) {
    __typename
    ... on CustomerSaved { customer { id name region lockVersion } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
TAGS = """
mutation($input: SetCustomerTagsInput!) {
  setCustomerTags(input: $input) {
    __typename
    ... on CustomerSaved { customer { tags lockVersion } }
    ... on UserError { code message }
  }
}
"""
AUDITOR = """
mutation($input: SetAccountAuditorInput!) {
  setAccountAuditor(input: $input) {
    __typename
    ... on CustomerSaved { customer { accountAuditor { username } } }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""


def attributes_form() -> dict[str, Any]:
    return {
        "key": "customer-profile",
        "category": "custom",
        "title": t("Customer profile", "客户档案"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "additionalProperties": False,
            "required": ["employees"],
            "properties": {
                "employees": {"type": "integer", "minimum": 1, "x-title": t("Employees")},
                "listed": {"type": "boolean", "x-title": t("Listed")},
            },
        },
    }


async def create(admin: Person, language: str = "en", **input_: Any) -> dict[str, Any]:
    data = await admin.data(CREATE, {"input": input_}, language=language)
    return data["createCustomer"]  # type: ignore[no-any-return]


async def test_create_with_contacts_tags_and_auditor(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor", username="li.auditor")
    result = await create(
        admin,
        code="C-100",
        name="上海某某贸易有限公司",
        region="华东",
        contacts=[
            {
                "name": "王经理",
                "email": "wang@example.cn",
                "phone": "+86 21 5555 0101",
                "primary": True,
            },
            {"name": "Li", "title": "CFO"},
        ],
        tags=["vip", "export", "vip"],
        accountAuditorId=to_global_id("User", auditor.id),
    )
    assert result["__typename"] == "CustomerSaved", result
    customer = result["customer"]
    assert customer["tags"] == ["export", "vip"]
    assert customer["contacts"][0] == {
        "name": "王经理",
        "email": "wang@example.cn",
        "primary": True,
    }
    assert customer["accountAuditor"] == {"username": "li.auditor"}
    assert customer["tier"] == "NORMAL" and customer["lockVersion"] == 1
    stored = await Customer.get(code="C-100")
    assert stored.created_by_id == admin.id and stored.updated_by_id == admin.id
    event = await AuditEvent.filter(action="customer.create").order_by("-id").first()
    assert event is not None and "contacts" in event.summary["changed"]

    duplicate = await create(admin, code="C-100", name="Again")
    assert duplicate["__typename"] == "ValidationFailed"
    assert duplicate["errors"][0]["path"] == ["input", "code"]


async def test_contacts_and_auditor_are_validated_with_paths(api: Api) -> None:
    admin = await api.user("admin")
    customer_user = await api.user("customer", customer=await api.customer("X"))
    result = await create(
        admin,
        "zh-CN",
        code="C-200",
        name="Bad contacts",
        contacts=[
            {"name": "A", "email": "not-an-email", "primary": True},
            {"name": " ", "phone": "abc", "primary": True},
        ],
    )
    assert result["__typename"] == "ValidationFailed"
    paths = {tuple(e["path"]): e for e in result["errors"]}
    assert ("input", "contacts", "0", "email") in paths
    assert ("input", "contacts", "1", "name") in paths
    assert ("input", "contacts", "1", "phone") in paths
    assert paths[("input", "contacts")]["message"] == "只能有一位主要联系人。"
    assert not await Customer.exists(code="C-200")

    with_bad_auditor = await create(
        admin, code="C-202", name="N", accountAuditorId=to_global_id("User", customer_user.id)
    )
    assert with_bad_auditor["errors"][0]["path"] == ["input", "accountAuditorId"]
    assert not await Customer.exists(code="C-202")

    created = await create(admin, code="C-201", name="Fine")
    refused = await admin.data(
        AUDITOR,
        {
            "input": {
                "customerId": created["customer"]["id"],
                "auditorId": to_global_id("User", customer_user.id),
            }
        },
    )
    assert refused["setAccountAuditor"]["errors"][0]["path"] == ["input", "auditorId"]


async def test_stale_edit_is_a_conflict_and_writes_nothing(api: Api) -> None:
    manager = await api.user("manager")
    created = (await create(manager, code="C-300", name="Original"))["customer"]
    first = await manager.data(
        UPDATE, {"input": {"customerId": created["id"], "lockVersion": 1, "name": "First edit"}}
    )
    assert first["updateCustomer"]["customer"]["lockVersion"] == 2
    stale = await manager.data(
        UPDATE,
        {
            "input": {
                "customerId": created["id"],
                "lockVersion": 1,
                "name": "Second",
                "region": "华北",
            }
        },
        language="zh-CN",
    )
    assert stale["updateCustomer"]["__typename"] == "Conflict"
    assert "已被他人修改" in stale["updateCustomer"]["message"]
    stored = await Customer.get(code="C-300")
    assert (stored.name, stored.region, stored.lock_version) == ("First edit", None, 2)

    tags_stale = await manager.data(
        TAGS, {"input": {"customerId": created["id"], "lockVersion": 1, "tags": ["x"]}}
    )
    assert tags_stale["setCustomerTags"]["__typename"] == "Conflict"
    assert not await CustomerTag.exists(customer_id=stored.id)
    tagged = await manager.data(
        TAGS, {"input": {"customerId": created["id"], "lockVersion": 2, "tags": ["b", "a"]}}
    )
    assert tagged["setCustomerTags"]["customer"] == {"tags": ["a", "b"], "lockVersion": 3}
    event = await AuditEvent.filter(action="customer.update").order_by("-id").first()
    assert event is not None and event.summary["changed"] == ["tags"]
    assert event.summary["to"]["tags"] == ["a", "b"]


async def test_attributes_follow_the_published_form_in_both_languages(api: Api) -> None:
    admin = await api.user("admin")
    without_form = await create(admin, code="C-400", name="N", attributes={"employees": 5})
    assert without_form["__typename"] == "ValidationFailed"
    assert without_form["errors"][0]["path"] == ["input", "attributes"]

    await publish(admin, attributes_form())
    # The message names the field by its title in the caller's language.
    for language, required in (
        ("en", "Employees: This field is required."),
        ("zh-CN", "Employees（中文）：此项为必填项。"),
    ):
        bad = await create(
            admin, language, code="C-401", name="N", attributes={"employees": 0, "colour": "red"}
        )
        assert bad["__typename"] == "ValidationFailed", bad
        paths = {tuple(e["path"]) for e in bad["errors"]}
        assert ("input", "attributes", "employees") in paths
        missing = await create(admin, language, code="C-401", name="N", attributes={})
        assert missing["errors"][0]["path"][:2] == ["input", "attributes"]
        assert missing["errors"][0]["message"] == required
    good = await create(admin, code="C-401", name="N", attributes={"employees": 12, "listed": True})
    assert good["customer"]["attributes"] == {"employees": 12, "listed": True}


LIST = """
query($first: Int) {
  customers(first: $first) {
    totalCount
    nodes { code tags tier riskScore accountAuditor { username displayName } }
  }
}
"""


async def test_listing_costs_the_same_number_of_queries_for_any_n(api: Api) -> None:
    admin = await api.user("admin")
    auditors = [await api.user("auditor") for _ in range(3)]

    async def add(count: int, start: int) -> None:
        for i in range(start, start + count):
            await create(
                admin,
                code=f"N-{i:03d}",
                name=f"Customer {i}",
                tags=[f"t{i % 4}", "all"],
                accountAuditorId=to_global_id("User", auditors[i % 3].id),
            )

    async def measure(n: int) -> int:
        with count_queries() as statements:
            data = await admin.data(LIST, {"first": n})
        nodes = data["customers"]["nodes"]
        assert len(nodes) == n
        assert all(node["accountAuditor"] and "all" in node["tags"] for node in nodes)
        return len(statements)

    await add(2, 0)
    small = await measure(2)
    await add(18, 2)
    large = await measure(20)
    assert 0 < small <= 10, small
    assert small == large, (small, large)
