"""Practice 5 (数据准确): cross-checks against the register and the CRM, from definitions only.

A contract checklist compares the contract amount an auditor records with the amount the
CRM holds for the customer, within 1 %; a finding rule compares two answers. A difference
raises a finding with a severity on submit, which counts toward the risk score; an admin
who adds the check later re-runs it over past submissions as a job with progress.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from auditportal.api.relay import to_global_id
from auditportal.auth.principal import Principal, system_principal
from auditportal.customers.models import Customer, CustomerSource
from auditportal.forms import service as forms
from auditportal.forms.models import Form, Submission
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.submissions import form_rules
from auditportal.submissions.intake import submit
from tests.conftest import SETTINGS, Api
from tests.factories import t

SYSTEM = system_principal("tests")

CROSS_CHECK = {
    "key": "amount-matches-crm",
    "answer": "contract.amount",
    "against": "customer.crm.attributes.contractAmount",
    "tolerance": {"percent": 1},
    "severity": "high",
    "title": t("Contract amount differs from the CRM", "合同金额与 CRM 不一致"),
}
OVERPAID = {
    "key": "paid-over-contract",
    "when": {">": [{"var": "answers.contract.paid"}, {"var": "answers.contract.amount"}]},
    "severity": "medium",
    "title": t("Paid more than the contract amount", "付款超过合同金额"),
}


def contract_check(rules: dict[str, Any] | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "key": "contract-check",
        "category": "inspection_checklist",
        "title": t("Contract check", "合同核查"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "required": ["contract"],
            "additionalProperties": False,
            "properties": {
                "contract": {
                    "type": "object",
                    "x-title": t("Contract", "合同"),
                    "required": ["amount"],
                    "additionalProperties": False,
                    "properties": {
                        "amount": {"type": "number", "minimum": 0, "x-title": t("Amount")},
                        "paid": {"type": "number", "minimum": 0, "x-title": t("Paid")},
                    },
                }
            },
        },
    }
    if rules:
        definition["rules"] = rules
    return definition


def _principal(person: Any) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset({"submissions:write", "submissions:read"}),
    )


async def _crm_customer(api: Api, code: str, amount: float) -> Customer:
    customer = await api.customer(code)
    # What the latest Zoho sync wrote into the register (sync tests cover the sync itself).
    await Customer.filter(id=customer.id).update(
        source=CustomerSource.ZOHO,
        attributes={"contractAmount": amount},
        external_modified_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    return await Customer.get(id=customer.id)


async def _publish(definition: dict[str, Any]) -> Any:
    existing = await Form.get_or_none(key=definition["key"])
    form = (
        await forms.update_draft(SYSTEM, existing.id, definition, None, settings=SETTINGS)
        if existing
        else await forms.create_draft(SYSTEM, definition, settings=SETTINGS)
    )
    return (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version


async def _submit(person: Any, version: Any, customer: Any, contract: dict[str, Any]) -> Any:
    result, _ = await submit(
        _principal(person),
        answers={"contract": contract},
        language="en",
        version_id=version.id,
        customer_id=customer.id,
        settings=SETTINGS,
    )
    return result.submission


def _rule_findings(submission: Submission) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in submission.findings if "rule" in f]


async def test_a_difference_from_the_crm_raises_a_finding_on_submit(api: Api) -> None:
    auditor = await api.user("auditor")
    customer = await _crm_customer(api, "C-CRM", 1_000_000)
    manual = await api.customer("C-MANUAL")  # no CRM: nothing to compare with
    version = await _publish(contract_check({"findings": [OVERPAID], "crossChecks": [CROSS_CHECK]}))

    within = await _submit(auditor, version, customer, {"amount": 1_008_000, "paid": 5})
    assert _rule_findings(within) == []
    differs = await _submit(auditor, version, customer, {"amount": 1_200_000, "paid": 1_300_000})
    assert _rule_findings(differs) == [
        ("paid-over-contract", "medium"),
        ("amount-matches-crm", "high"),
    ]
    crm_finding = next(f for f in differs.findings if f.get("rule") == "amount-matches-crm")
    assert (crm_finding["path"], crm_finding["answer"], crm_finding["expected"]) == (
        ["contract", "amount"], 1_200_000, 1_000_000
    )  # fmt: skip
    assert differs.finding_count == 2
    assert (await Customer.get(id=customer.id)).risk_score > 0  # the findings count
    # An empty side is unchecked, not a difference; an unanswered "paid" is not 0.
    unchecked = await _submit(auditor, version, manual, {"amount": 5})
    assert _rule_findings(unchecked) == []

    # The findings are shown with the rule and the CRM's value.
    shown = await auditor.data(
        "query($id: ID!) { node(id: $id) { ... on Submission { findings "
        "{ pointer severity title rule expected } } } }",
        {"id": to_global_id("Submission", differs.id)},
        language="zh-CN",
    )
    assert {"pointer": "/contract/amount", "severity": "HIGH", "title": "合同金额与 CRM 不一致",
            "rule": "amount-matches-crm", "expected": 1000000} in shown["node"]["findings"]  # fmt: skip


async def test_a_cross_check_added_later_reruns_over_past_submissions(api: Api) -> None:
    auditor = await api.user("auditor")
    customer = await _crm_customer(api, "C-CRM-2", 500_000)
    first = await _publish(contract_check())
    past = [
        await _submit(auditor, first, customer, {"amount": amount})
        for amount in (500_000, 650_000, 501_000)
    ]
    assert all(s.finding_count == 0 for s in past)
    await _publish(contract_check({"crossChecks": [CROSS_CHECK]}))
    admin = await api.user("admin")
    requested = await admin.data(
        "mutation($input: RecheckFormSubmissionsInput!) { recheckFormSubmissions(input: $input)"
        " { __typename ... on FormRecheckRequested { run { id } } } }",
        {"input": {"formId": to_global_id("Form", past[0].form_id)}},
    )
    assert requested["recheckFormSubmissions"]["__typename"] == "FormRecheckRequested"
    run = await JobRun.filter(name=form_rules.RECHECK_FORM_SUBMISSIONS).get()
    assert await drain(SETTINGS) == 1
    finished = await JobRun.get(id=run.id)
    assert finished.status is JobStatus.SUCCEEDED, finished.error
    assert (finished.progress_done, finished.progress_total) == (3, 3)
    assert finished.result["changed"] == 1
    counts = {s.id: (await Submission.get(id=s.id)).finding_count for s in past}
    assert [counts[s.id] for s in past] == [0, 1, 0]
    assert (await Customer.get(id=customer.id)).risk_score > 0

    # Running again changes nothing.
    await JobRun.filter(id=run.id).update(status=JobStatus.QUEUED, checkpoint={})
    assert await drain(SETTINGS) == 1
    assert (await JobRun.get(id=run.id)).result["changed"] == 0


async def test_rules_are_checked_at_save(api: Api) -> None:
    from auditportal.errors import ValidationFailed

    bad = contract_check(
        {
            "findings": [{**OVERPAID, "when": {">": [{"var": "password"}, 1]}}],
            "crossChecks": [{**CROSS_CHECK, "answer": "contract.amonut"}],
        }
    )
    with pytest.raises(ValidationFailed) as refused:
        await forms.create_draft(SYSTEM, bad, settings=SETTINGS)
    assert {(i.pointer, i.code) for i in refused.value.issues} == {
        ("/rules/findings/0/when/>/0/var", "form.rule_bad_variable"),
        ("/rules/crossChecks/0/answer", "form.rule_unknown_answer"),
    }
