"""The credit file (from a real credit-assessment submission and by hand) and the risk
register: the risk score recomputed with every write, and the heat map."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.auth.principal import system_principal
from auditportal.customers.credit import grade_for_score
from auditportal.customers.models import Customer
from auditportal.customers.register_models import CreditRecord, Risk
from auditportal.forms.loader import load_form_directory
from tests import gql
from tests.conftest import REPO_ROOT, SETTINGS, Api, Person
from tests.helpers import submit
from tests.test_customer_classification import new_customer, replans_for

CREDIT_FILE = """
query($code: String!) {
  customer(code: $code) {
    tier riskScore
    creditFile { grade creditLimit records { grade creditLimit currency gradeBasis
      sourceSubmissionId assessedAt assessedBy { username } } }
    risks { id title severity status lockVersion owner { username } }
  }
}
"""
RECORD_CREDIT = """
mutation($input: RecordCreditInput!) {
  recordCredit(input: $input) {
    __typename
    ... on CreditRecorded { record { grade } customer { tier } }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
RISK_FIELDS = """
    __typename
    ... on RiskSaved { risk { id lockVersion status severity } customer { riskScore tier } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
"""
CREATE_RISK = (
    f"mutation($input: CreateRiskInput!) {{ createRisk(input: $input) {{ {RISK_FIELDS} }} }}"
)
UPDATE_RISK = (
    f"mutation($input: UpdateRiskInput!) {{ updateRisk(input: $input) {{ {RISK_FIELDS} }} }}"
)
CLOSE_RISK = f"mutation($input: CloseRiskInput!) {{ closeRisk(input: $input) {{ {RISK_FIELDS} }} }}"
HEAT_MAP = """
query($filter: HeatMapFilter) { riskHeatMap(filter: $filter) { likelihood impact count } }
"""


def test_score_bands_give_a_grade_for_every_percentage() -> None:
    assert [grade_for_score(p) for p in (95, 80, 61, 45, 20, 3, None)] == [
        "AAA",
        "AA",
        "BBB",
        "B",
        "CC",
        "C",
        "C",
    ]


async def test_a_credit_assessment_submission_writes_the_credit_file(api: Api) -> None:
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms", SETTINGS)
    admin = await api.user("admin")
    auditor = await api.user("auditor", username="credit.officer")
    await new_customer(admin, "C-2025-00318")
    stored = await Customer.get(code="C-2025-00318")
    form = await auditor.data('query { form(key: "customer-credit-assessment") { id } }')
    example = json.loads(
        (REPO_ROOT / "forms" / "examples" / "customer-credit-assessment.json").read_text()
    )
    example = {**example, "proposedGrade": "CCC", "proposedCreditLimit": 800000}
    result = await submit(
        auditor,
        formId=form["form"]["id"],
        answers=example,
        customerId=to_global_id("Customer", stored.id),
        idempotencyKey="credit-1",
    )
    assert result["__typename"] == "SubmissionAccepted", result
    # Replaying the same submission writes no second record.
    await submit(
        auditor,
        formId=form["form"]["id"],
        answers=example,
        customerId=to_global_id("Customer", stored.id),
        idempotencyKey="credit-1",
    )
    data = (await admin.data(CREDIT_FILE, {"code": "C-2025-00318"}))["customer"]
    credit = data["creditFile"]
    assert (credit["grade"], Decimal(credit["creditLimit"])) == ("CCC", Decimal(800000))
    [record] = credit["records"]
    assert record["gradeBasis"] == "form" and record["currency"] == "CNY"
    assert record["sourceSubmissionId"] == result["submission"]["id"]
    assert record["assessedAt"].startswith("2025-07-01")
    assert record["assessedBy"]["username"] == "credit.officer"
    # CCC is rank 7: the default rules make the customer high-risk, and a re-plan is asked.
    assert data["tier"] == "HIGH_RISK"
    assert await replans_for(stored.id) == 1

    # A manual entry dated later becomes the current grade; a bad grade is refused.
    bad = await admin.data(
        RECORD_CREDIT,
        {"input": {"customerId": to_global_id("Customer", stored.id), "grade": "A+"}},
        language="zh-CN",
    )
    assert bad["recordCredit"]["errors"][0]["path"] == ["input", "grade"]
    assert "信用等级" in bad["recordCredit"]["errors"][0]["message"]
    good = await admin.data(
        RECORD_CREDIT,
        {
            "input": {
                "customerId": to_global_id("Customer", stored.id),
                "grade": "aa",
                "creditLimit": "2000000",
            }
        },
    )
    assert good["recordCredit"]["customer"]["tier"] == "NORMAL"
    assert await CreditRecord.filter(customer_id=stored.id).count() == 2
    assert (await Customer.get(id=stored.id)).credit_grade == "AA"
    assert await replans_for(stored.id) == 2


async def risk(person: Person, customer_gid: str, **input_: Any) -> dict[str, Any]:
    data = await person.data(
        CREATE_RISK, {"input": {"customerId": customer_gid, "category": "PAYMENT", **input_}}
    )
    return data["createRisk"]  # type: ignore[no-any-return]


async def test_risks_drive_the_score_and_the_heat_map(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor", username="owner.one")
    await new_customer(admin, "R1")
    await new_customer(admin, "R2")
    r1 = to_global_id("Customer", (await Customer.get(code="R1")).id)
    r2 = to_global_id("Customer", (await Customer.get(code="R2")).id)

    invalid = await risk(auditor, r1, title="", likelihood=6, impact=0)
    assert {tuple(e["path"]) for e in invalid["errors"]} == {
        ("input", "title"),
        ("input", "likelihood"),
        ("input", "impact"),
    }
    first = await risk(
        auditor, r1, title="Late payments", likelihood=5, impact=5,
        ownerId=to_global_id("User", auditor.id),
    )  # fmt: skip
    assert first["customer"]["riskScore"] == 35.0  # 70 * 25 / 50
    second = await risk(auditor, r1, title="Contract gap", likelihood=4, impact=5)
    assert second["customer"]["riskScore"] == 63.0  # 70 * 45 / 50
    assert second["customer"]["tier"] == "HIGH_RISK"  # default rule: riskScore >= 60
    await auditor.data(
        CREATE_RISK,
        {
            "input": {
                "customerId": r2,
                "category": "COMPLIANCE",
                "title": "Licence",
                "likelihood": 5,
                "impact": 5,
            }
        },
    )

    stale = (
        await auditor.data(
            UPDATE_RISK,
            {"input": {"riskId": second["risk"]["id"], "lockVersion": 7, "impact": 1}},
        )
    )["updateRisk"]
    assert stale["__typename"] == "Conflict"
    lowered = (
        await auditor.data(
            UPDATE_RISK,
            {"input": {"riskId": second["risk"]["id"], "lockVersion": 1, "impact": 1}},
        )
    )["updateRisk"]
    assert lowered["risk"]["severity"] == 4 and lowered["customer"]["riskScore"] == 40.6
    assert lowered["customer"]["tier"] == "NORMAL"
    closed = (
        await auditor.data(
            CLOSE_RISK,
            {"input": {"riskId": first["risk"]["id"], "lockVersion": 1, "note": "Paid"}},
        )
    )["closeRisk"]
    assert closed["risk"]["status"] == "CLOSED"
    assert closed["customer"]["riskScore"] == 5.6  # 70 * 4 / 50

    cells = {
        (c["likelihood"], c["impact"]): c["count"]
        for c in (await auditor.data(HEAT_MAP))["riskHeatMap"]
    }
    assert len(cells) == 25
    assert cells[(5, 5)] == 1 and cells[(4, 1)] == 1 and sum(cells.values()) == 2
    only_r1 = await auditor.data(HEAT_MAP, {"filter": {"customerId": r1, "status": None}})
    assert sum(c["count"] for c in only_r1["riskHeatMap"]) == 2
    compliance = await auditor.data(HEAT_MAP, {"filter": {"category": "COMPLIANCE"}})
    assert sum(c["count"] for c in compliance["riskHeatMap"]) == 1
    assert await Risk.all().count() == 3


async def test_a_corrected_credit_assessment_becomes_the_current_grade(api: Api) -> None:
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms", SETTINGS)
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    await new_customer(admin, "C-REV-1")
    stored = await Customer.get(code="C-REV-1")
    form = await auditor.data('query { form(key: "customer-credit-assessment") { id } }')
    example = json.loads(
        (REPO_ROOT / "forms" / "examples" / "customer-credit-assessment.json").read_text()
    )
    first = await submit(
        auditor,
        formId=form["form"]["id"],
        answers={**example, "proposedGrade": "CCC", "proposedCreditLimit": 100000},
        customerId=to_global_id("Customer", stored.id),
    )
    assert (await Customer.get(id=stored.id)).tier == "high_risk"
    # The grade was typed wrongly: the correction is the customer's credit now.
    corrected = await auditor.data(
        gql.REVISE,
        {
            "input": {
                "submissionId": first["submission"]["id"],
                "answers": {**example, "proposedGrade": "AA", "proposedCreditLimit": 900000},
                "reason": "评级录入错误 / grade typed wrongly",
            }
        },
    )
    assert corrected["reviseSubmission"]["__typename"] == "SubmissionAccepted", corrected
    data = (await admin.data(CREDIT_FILE, {"code": "C-REV-1"}))["customer"]
    assert (data["creditFile"]["grade"], Decimal(data["creditFile"]["creditLimit"])) == (
        "AA",
        Decimal(900000),
    )
    sources = {record["sourceSubmissionId"] for record in data["creditFile"]["records"]}
    assert sources == {first["submission"]["id"], corrected["reviseSubmission"]["submission"]["id"]}
    assert data["tier"] == "NORMAL"
    assert await replans_for(stored.id) == 2
