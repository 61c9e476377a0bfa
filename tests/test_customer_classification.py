"""Classification: versioned rules over customer facts, overrides with reason and expiry,
the history of every change, the re-plan requested on each change, the reclassify job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.customers.classification import expire_overrides
from auditportal.customers.models import Customer
from auditportal.customers.register_models import ClassificationRuleSet, TierChange, TierOverride
from auditportal.jobs import dispatch, names
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.jobs.tasks import reclassify_customers_daily
from tests.conftest import SETTINGS, Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit
from tests.test_customer_profile import CREATE

SAVE_RULES = """
mutation($input: SaveClassificationRulesInput!) {
  saveClassificationRules(input: $input) {
    __typename
    ... on ClassificationRulesSaved { rules { number document savedBy { username } }
      reclassificationJobId }
    ... on ValidationFailed { message errors { path code message } }
  }
}
"""
OVERRIDE = """
mutation($input: OverrideCustomerTierInput!) {
  overrideCustomerTier(input: $input) {
    __typename
    ... on CustomerSaved { customer { tier ruleTier tierSource
      activeOverride { tier reason setBy { username } } } }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
CUSTOMER = """
query($code: String!) {
  customer(code: $code) {
    tier ruleTier tierSource riskScore
    tierHistory { fromTier toTier source reason matchedRule facts ruleSetNumber actor }
  }
}
"""


async def replans_for(customer_id: Any) -> int:
    runs = await JobRun.filter(name=names.REPLAN_CUSTOMER_INSPECTIONS).values_list(
        "arguments", flat=True
    )
    return sum(1 for arguments in runs if arguments == {"customerId": str(customer_id)})


async def new_customer(admin: Person, code: str, **extra: Any) -> dict[str, Any]:
    data = await admin.data(CREATE, {"input": {"code": code, "name": f"Customer {code}", **extra}})
    assert data["createCustomer"]["__typename"] == "CustomerSaved", data
    return data["createCustomer"]["customer"]  # type: ignore[no-any-return]


async def test_default_rules_make_large_customers_key_and_record_why(api: Api) -> None:
    admin = await api.user("admin")
    big = await new_customer(admin, "BIG", transactionVolume="25000000")
    small = await new_customer(admin, "SMALL", transactionVolume="1000")
    assert (big["tier"], small["tier"]) == ("KEY", "NORMAL")
    history = (await admin.data(CUSTOMER, {"code": "BIG"}))["customer"]["tierHistory"]
    assert len(history) == 1
    change = history[0]
    assert (change["fromTier"], change["toTier"], change["source"]) == ("NORMAL", "KEY", "RULES")
    assert change["matchedRule"] == "key" and change["ruleSetNumber"] == 0
    assert change["facts"]["transactionVolume"] == 25_000_000
    stored_big = await Customer.get(code="BIG")
    stored_small = await Customer.get(code="SMALL")
    assert await replans_for(stored_big.id) == 1
    assert await replans_for(stored_small.id) == 0


async def test_invalid_rules_are_refused_with_paths_and_store_nothing(api: Api) -> None:
    admin = await api.user("admin")
    document = {
        "complaintsWindowDays": 0,
        "findingsWindowDays": 365,
        "rules": {
            "high_risk": {"or": [{"bogus": [1]}, {">": [{"var": "password"}, 1]}]},
            "vip": True,
        },
    }
    for language in ("en", "zh-CN"):
        result = (
            await admin.data(SAVE_RULES, {"input": {"document": document}}, language=language)
        )["saveClassificationRules"]
        assert result["__typename"] == "ValidationFailed", result
        paths = {tuple(e["path"]): e["code"] for e in result["errors"]}
        assert paths == {
            ("input", "document", "complaintsWindowDays"): "classification.bad_window",
            ("input", "document", "rules", "vip"): "classification.unknown_tier",
            ("input", "document", "rules", "high_risk", "or", "0", "bogus"): (
                "classification.unknown_operator"
            ),
            ("input", "document", "rules", "high_risk", "or", "1", ">", "0", "var"): (
                "classification.bad_variable"
            ),
        }
    assert "分类规则" in result["message"]
    assert await ClassificationRuleSet.all().count() == 0
    auditor = await api.user("auditor")
    denied = await auditor.data(SAVE_RULES, {"input": {"document": document}})
    assert denied["saveClassificationRules"]["__typename"] == "NotAllowed"


async def test_complaints_and_findings_classify_through_saved_rules(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor", username="zhang")
    await new_customer(admin, "CMP")
    stored = await Customer.get(code="CMP")
    document = {
        "complaintsWindowDays": 30,
        "findingsWindowDays": 365,
        "rules": {
            "high_risk": {
                "or": [
                    {">=": [{"var": "complaintsInWindow"}, 2]},
                    {">=": [{"var": "openFindings"}, 3]},
                ]
            },
            "key": {"in": ["strategic", {"var": "tags"}]},
        },
    }
    saved = (await admin.data(SAVE_RULES, {"input": {"document": document, "note": "v1"}}))[
        "saveClassificationRules"
    ]
    assert saved["rules"]["number"] == 1 and saved["rules"]["savedBy"]["username"]
    assert await drain(SETTINGS) >= 1
    run = await JobRun.get(name=names.RECLASSIFY_CUSTOMERS)
    assert run.status is JobStatus.SUCCEEDED and run.progress_done == run.progress_total == 1

    _, complaint_version = await publish(admin, checklist(key="complaints", category="complaint"))
    customer_gid = to_global_id("Customer", stored.id)
    first = await submit(
        auditor, formVersionId=complaint_version, answers=good_answers(), customerId=customer_gid
    )
    assert first["__typename"] == "SubmissionAccepted", first
    assert (await Customer.get(id=stored.id)).tier == "normal"
    await submit(
        auditor, formVersionId=complaint_version, answers=good_answers(), customerId=customer_gid
    )
    data = (await admin.data(CUSTOMER, {"code": "CMP"}))["customer"]
    assert data["tier"] == "HIGH_RISK"
    change = data["tierHistory"][0]
    assert change["matchedRule"] == "high_risk" and change["ruleSetNumber"] == 1
    assert change["facts"]["complaintsInWindow"] == 2
    assert change["actor"] == "system:classification"
    assert await replans_for(stored.id) == 1

    history = await admin.data("{ classificationRuleHistory { number note } }")
    assert history["classificationRuleHistory"] == [{"number": 1, "note": "v1"}]


async def test_override_needs_reason_and_future_expiry_and_expires(api: Api) -> None:
    manager = await api.user("manager", username="boss")
    await new_customer(manager, "OVR", transactionVolume="50000000")
    stored = await Customer.get(code="OVR")
    gid = to_global_id("Customer", stored.id)
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    refused = (
        await manager.data(
            OVERRIDE,
            {"input": {"customerId": gid, "tier": "HIGH_RISK", "reason": " ", "expiresAt": past}},
            language="zh-CN",
        )
    )["overrideCustomerTier"]
    assert {tuple(e["path"]) for e in refused["errors"]} == {
        ("input", "reason"),
        ("input", "expiresAt"),
    }
    assert not await TierOverride.exists(customer_id=stored.id)

    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    done = (
        await manager.data(
            OVERRIDE,
            {
                "input": {
                    "customerId": gid,
                    "tier": "HIGH_RISK",
                    "reason": "Regulator warning letter",
                    "expiresAt": future,
                }
            },
        )
    )["overrideCustomerTier"]
    assert done["customer"]["tier"] == "HIGH_RISK"
    assert done["customer"]["ruleTier"] == "KEY" and done["customer"]["tierSource"] == "OVERRIDE"
    assert done["customer"]["activeOverride"]["setBy"]["username"] == "boss"

    # A daily reclassification keeps the override while it is in force.
    await dispatch.enqueue(names.RECLASSIFY_CUSTOMERS, {"customerIds": [str(stored.id)]})
    await drain(SETTINGS)
    assert (await Customer.get(id=stored.id)).tier == "high_risk"

    await TierOverride.filter(customer_id=stored.id).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    assert (await expire_overrides())["expired"] == 1
    assert (await expire_overrides())["expired"] == 0
    data = (await manager.data(CUSTOMER, {"code": "OVR"}))["customer"]
    assert (data["tier"], data["tierSource"]) == ("KEY", "RULES")
    sources = [(c["source"], c["toTier"], c["reason"]) for c in data["tierHistory"]]
    assert sources == [
        ("EXPIRY", "KEY", "Regulator warning letter"),
        ("OVERRIDE", "HIGH_RISK", "Regulator warning letter"),
        ("RULES", "KEY", None),
    ]
    assert await TierChange.filter(customer_id=stored.id).count() == 3
    assert await replans_for(stored.id) == 3


async def test_the_daily_pass_reclassifies_customers_changed_behind_its_back(api: Api) -> None:
    admin = await api.user("admin")
    await new_customer(admin, "IMP")
    stored = await Customer.get(code="IMP")
    # An import or CRM sync wrote the volume without classifying.
    await Customer.filter(id=stored.id).update(transaction_volume=12_000_000)
    result = await reclassify_customers_daily({"settings": SETTINGS})
    assert result["reclassified"] == 1 and result["changed"] == 1
    assert (await Customer.get(id=stored.id)).tier == "key"
    assert await replans_for(stored.id) == 1
    assert (await reclassify_customers_daily({"settings": SETTINGS}))["changed"] == 0
    run = await JobRun.filter(name="reclassify_customers_daily", periodic=True).first()
    assert run is not None


PREVIEW = """
query($document: JSON!) {
  previewClassificationRules(document: $document) {
    __typename
    ... on ClassificationPreview { total overridden changed
      tiers { tier current byRules effective } }
    ... on ValidationFailed { errors { path code } }
  }
}
"""


async def test_preview_counts_tiers_under_draft_rules_without_saving(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor", username="li")
    await new_customer(admin, "P1", transactionVolume="25000000")
    await new_customer(admin, "P2", transactionVolume="2000000", tags=["strategic"])
    await new_customer(admin, "P3", transactionVolume="1000")
    _, complaint_version = await publish(admin, checklist(key="pcomplaints", category="complaint"))
    p3 = await Customer.get(code="P3")
    await submit(
        auditor,
        formVersionId=complaint_version,
        answers=good_answers(),
        customerId=to_global_id("Customer", p3.id),
    )
    p1 = await Customer.get(code="P1")
    expiry = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    overridden = await admin.data(
        OVERRIDE,
        {
            "input": {
                "customerId": to_global_id("Customer", p1.id),
                "tier": "NORMAL",
                "reason": "trial",
                "expiresAt": expiry,
            }
        },
    )
    assert overridden["overrideCustomerTier"]["__typename"] == "CustomerSaved", overridden
    draft = {
        "complaintsWindowDays": 30,
        "findingsWindowDays": 365,
        "rules": {
            "high_risk": {">=": [{"var": "complaintsInWindow"}, 1]},
            "key": {
                "or": [
                    {"in": ["strategic", {"var": "tags"}]},
                    {">=": [{"var": "transactionVolume"}, 10000000]},
                ]
            },
        },
    }
    before = await ClassificationRuleSet.all().count()
    found = (await admin.data(PREVIEW, {"document": draft}))["previewClassificationRules"]
    assert found["__typename"] == "ClassificationPreview", found
    tiers = {row["tier"]: row for row in found["tiers"]}
    assert found["total"] == 3 and found["overridden"] == 1
    # Now: P1 normal (override), P2 and P3 normal. Draft: P1 key by rules but kept normal
    # by its override, P2 key by its tag, P3 high risk by its complaint.
    assert {t: r["current"] for t, r in tiers.items()} == {"KEY": 0, "NORMAL": 3, "HIGH_RISK": 0}
    assert {t: r["byRules"] for t, r in tiers.items()} == {"KEY": 2, "NORMAL": 0, "HIGH_RISK": 1}
    assert {t: r["effective"] for t, r in tiers.items()} == {"KEY": 1, "NORMAL": 1, "HIGH_RISK": 1}
    assert found["changed"] == 2
    assert await ClassificationRuleSet.all().count() == before

    bad = {**draft, "findingsWindowDays": 0, "rules": {"key": {"nope": []}}}
    refused = (await admin.data(PREVIEW, {"document": bad}))["previewClassificationRules"]
    assert refused["__typename"] == "ValidationFailed"
    paths = [tuple(e["path"]) for e in refused["errors"]]
    assert ("document", "findingsWindowDays") in paths
    assert any(p[:3] == ("document", "rules", "key") for p in paths), paths
