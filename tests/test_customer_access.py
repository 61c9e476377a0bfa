"""Who sees what of the register: customer users their own basics only, consultants the
granted customers' internal register (every record read audited), staff everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from auditportal.customers.models import Customer
from auditportal.customers.profile import set_account_auditor
from tests.conftest import Api
from tests.test_customer_classification import new_customer
from tests.test_customer_credit_risk import CREATE_RISK

FULL = """
query($code: String!) {
  customer(code: $code) {
    code name region tier ruleTier riskScore tags attributes transactionVolume
    accountAuditor { username }
    creditFile { grade }
    risks { title }
    communications { summary }
    tierHistory { toTier }
  }
}
"""


async def _setup(api: Api) -> tuple[Customer, Customer]:
    admin = await api.user("admin")
    await new_customer(admin, "A1", region="华南", tags=["vip"], transactionVolume="20000000")
    await new_customer(admin, "B1")
    a1, b1 = await Customer.get(code="A1"), await Customer.get(code="B1")
    for customer in (a1, b1):
        await admin.data(
            CREATE_RISK,
            {
                "input": {
                    "customerId": to_global_id("Customer", customer.id),
                    "category": "CONTRACT",
                    "title": f"Risk of {customer.code}",
                    "likelihood": 2,
                    "impact": 3,
                }
            },
        )
    return a1, b1


async def test_customer_users_see_their_basics_but_never_tier_risk_or_credit(api: Api) -> None:
    a1, _b1 = await _setup(api)
    user = await api.user("customer", customer=a1)
    own = (await user.data(FULL, {"code": "A1"}))["customer"]
    assert (own["code"], own["region"]) == ("A1", "华南")
    for hidden in ("tier", "ruleTier", "riskScore", "attributes", "transactionVolume"):
        assert own[hidden] is None, hidden
    assert own["accountAuditor"] is None and own["creditFile"] is None
    assert own["tags"] == own["risks"] == own["communications"] == own["tierHistory"] == []
    assert (await user.data(FULL, {"code": "B1"}))["customer"] is None
    listed = await user.data("{ customers { nodes { code } } }")
    assert listed["customers"]["nodes"] == [{"code": "A1"}]
    probing = await user.gql("{ customers(filter: {tier: KEY}) { totalCount } }")
    assert probing["errors"][0]["extensions"]["code"] == "NOT_ALLOWED"
    heat = await user.gql("{ riskHeatMap { count } }")
    assert heat["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_consultants_read_granted_customers_only_and_every_read_is_audited(
    api: Api,
) -> None:
    a1, b1 = await _setup(api)
    consultant = await api.user("consultant")
    await grants.grant_access(
        system_principal("tests"),
        consultant_id=consultant.id,
        customer_ids=[a1.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="external review",
    )
    before = await AuditEvent.filter(action="consultant.read").count()
    seen = (await consultant.data(FULL, {"code": "A1"}))["customer"]
    assert seen["tier"] == "KEY" and seen["risks"] == [{"title": "Risk of A1"}]
    assert (await consultant.data(FULL, {"code": "B1"}))["customer"] is None
    reads = await AuditEvent.filter(action="consultant.read", id__gt=0).order_by("id")
    read_types = {(e.object_type, e.object_id) for e in reads[before:]}
    assert ("Customer", str(a1.id)) in read_types
    assert any(object_type == "Risk" for object_type, _ in read_types)
    assert any(object_type == "TierChange" for object_type, _ in read_types)
    assert not any(object_id == str(b1.id) for _, object_id in read_types)

    cells = (await consultant.data("{ riskHeatMap { count } }"))["riskHeatMap"]
    assert sum(c["count"] for c in cells) == 1  # A1's risk only
    denied = await consultant.data(
        CREATE_RISK,
        {
            "input": {
                "customerId": to_global_id("Customer", a1.id),
                "category": "CUSTOM",
                "title": "x",
                "likelihood": 1,
                "impact": 1,
            }
        },
    )
    assert denied["createRisk"]["__typename"] == "NotAllowed"


async def test_staff_filter_and_order_the_register(api: Api) -> None:
    await _setup(api)
    auditor = await api.user("auditor")
    by_tier = await auditor.data("{ customers(filter: {tier: KEY}) { nodes { code } } }")
    assert by_tier["customers"]["nodes"] == [{"code": "A1"}]
    by_tag = await auditor.data(
        '{ customers(filter: {tag: "vip", search: "a"}) { nodes { code } } }'
    )
    assert by_tag["customers"]["nodes"] == [{"code": "A1"}]
    ranged = await auditor.data(
        "{ customers(filter: {minRiskScore: 8, maxRiskScore: 9}, "
        "orderBy: {field: RISK_SCORE, direction: DESC}) { totalCount } }"
    )
    assert ranged["customers"]["totalCount"] == 2  # 70 * 6 / 50 = 8.4 each
    by_region = await auditor.data('{ customers(filter: {region: "华南"}) { nodes { code } } }')
    assert by_region["customers"]["nodes"] == [{"code": "A1"}]
    b1 = await Customer.get(code="B1")
    await set_account_auditor(system_principal("tests"), b1.id, auditor.id)
    mine = await auditor.data(
        "query($id: ID!) { customers(filter: {auditorId: $id}) { nodes { code } } }",
        {"id": to_global_id("User", auditor.id)},
    )
    assert mine["customers"]["nodes"] == [{"code": "B1"}]
