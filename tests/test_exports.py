"""Exports: columns and labels in both languages, masking, row scope, CSV and XLSX."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from openpyxl import load_workbook

from auditportal.api.relay import from_global_id, to_global_id
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from tests.conftest import Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

BOTH = ["staff", "customer"]
ACCOUNT = "6222021234567890"


def _gid(type_name: str, raw: Any) -> str:
    return str(to_global_id(type_name, raw))


async def _get(person: Person, path: str, filters: dict[str, Any], **params: str) -> Any:
    response = await person.api.client.get(
        path,
        params={"filters": json.dumps(filters), **params},
        headers={"Authorization": f"Bearer {person.token}"},
    )
    return response


def _csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(body: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]


async def _world(api: Api) -> dict[str, Any]:
    admin = await api.user("admin")
    acme, globex = await api.customer("ACME", "艾克米"), await api.customer("GLOBEX")
    form_id, version = await publish(admin, checklist(audience=BOTH))
    auditor = await api.user("auditor")
    for customer, signed in ((acme, "no"), (globex, "yes")):
        await submit(
            auditor,
            formVersionId=version,
            customerId=_gid("Customer", customer.id),
            answers=good_answers(contracts={"signed": signed, "archived": "na"}),
        )
    return {"admin": admin, "auditor": auditor, "acme": acme, "globex": globex, "form": form_id}


def _filters(world: dict[str, Any]) -> dict[str, Any]:
    return {"formId": str(from_global_id(world["form"], "Form"))}


async def test_submissions_csv_has_a_column_per_question_with_labels(api: Api) -> None:
    world = await _world(api)
    response = await _get(
        world["auditor"], "/exports/submissions.csv", _filters(world), language="en"
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = _csv(response.content)
    header = rows[0]
    for column in (
        "Visit date",
        "Bank account",
        "Contracts / Signed",
        "Contracts / Archived",
        "Payments / On time",
        "Score (%)",
        "Passed",
        "Findings",
        "Finding details",
    ):
        assert column in header, header
    by_code = {
        row[header.index("Customer code")]: dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    assert set(by_code) == {"ACME", "GLOBEX"}
    acme = by_code["ACME"]
    assert acme["Customer name"] == "艾克米"
    assert acme["Contracts / Signed"] == "No"  # the option's label, not its code
    assert acme["Contracts / Archived"] == "N/A"
    assert acme["Bank account"] == ACCOUNT  # auditors may see sensitive values
    assert acme["Finding details"].startswith("[High] Signed: no")
    assert by_code["GLOBEX"]["Passed"] == "Yes"


async def test_submissions_xlsx_in_chinese(api: Api) -> None:
    world = await _world(api)
    response = await _get(
        world["auditor"], "/exports/submissions.xlsx", _filters(world), language="zh-CN"
    )
    assert response.status_code == 200, response.text
    rows = _xlsx(response.content)
    header = rows[0]
    assert "合同 / Signed（中文）" in header
    assert "客户编码" in header and "得分率（%）" in header
    by_code = {row[header.index("客户编码")]: row for row in rows[1:]}
    assert by_code["ACME"][header.index("合同 / Signed（中文）")] == "否"
    assert by_code["ACME"][header.index("合同 / Archived（中文）")] == "不适用"
    assert by_code["ACME"][header.index("问题明细")].startswith("[高]")


async def test_consultants_see_granted_customers_only_and_masked(api: Api) -> None:
    world = await _world(api)
    consultant = await api.user("consultant")
    await grants.grant_access(
        system_principal("tests"),
        consultant_id=consultant.id,
        customer_ids=[world["acme"].id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="review",
    )
    response = await _get(consultant, "/exports/submissions.csv", _filters(world))
    assert response.status_code == 200, response.text
    rows = _csv(response.content)
    header = rows[0]
    assert [row[header.index("Customer code")] for row in rows[1:]] == ["ACME"]
    assert rows[1][header.index("Bank account")] == "******"
    assert ACCOUNT not in response.text


async def test_customers_export_only_their_own(api: Api) -> None:
    world = await _world(api)
    customer = await api.user("customer", customer=world["globex"])
    response = await _get(customer, "/exports/submissions.csv", _filters(world))
    assert response.status_code == 200, response.text
    rows = _csv(response.content)
    header = rows[0]
    assert [row[header.index("Customer code")] for row in rows[1:]] == ["GLOBEX"]
    assert rows[1][header.index("Bank account")] == ACCOUNT  # their own sensitive values

    customers = _csv((await _get(customer, "/exports/customers.csv", {})).content)
    assert [row[0] for row in customers[1:]] == ["GLOBEX"]
    assert "Tier" not in customers[0]  # the internal register is not theirs to see


async def test_customers_export_for_staff_has_the_register(api: Api) -> None:
    world = await _world(api)
    response = await _get(world["auditor"], "/exports/customers.xlsx", {}, language="zh-CN")
    rows = _xlsx(response.content)
    # The file is named after what it holds (percent-encoded: 客户名单-<time>.xlsx).
    assert "%E5%AE%A2%E6%88%B7%E5%90%8D%E5%8D%95-" in response.headers["content-disposition"]
    assert rows[0][:2] == ["客户编码", "客户名称"] and "分级" in rows[0]
    assert [row[0] for row in rows[1:]] == ["ACME", "GLOBEX"]
    assert rows[1][rows[0].index("分级")] == "一般客户"


async def test_findings_export_one_row_per_finding(api: Api) -> None:
    world = await _world(api)
    response = await _get(world["auditor"], "/exports/findings.csv", _filters(world))
    rows = _csv(response.content)
    header = rows[0]
    assert len(rows) == 2  # ACME said no to "Signed"; GLOBEX raised nothing
    found = dict(zip(header, rows[1], strict=True))
    assert found["Customer code"] == "ACME"
    assert found["Question"] == "Contracts / Signed"
    assert found["Severity"] == "High"
    assert found["Answer"] == "No"


async def test_anonymous_unknown_and_bad_requests(api: Api) -> None:
    world = await _world(api)
    anonymous = await api.client.get("/exports/customers.csv")
    assert anonymous.status_code == 401
    unknown = await _get(world["auditor"], "/exports/nothing.csv", {})
    assert unknown.status_code == 404
    no_form = await _get(world["auditor"], "/exports/submissions.csv", {})
    assert no_form.status_code == 400
    bad = await _get(world["auditor"], "/exports/submissions.csv", {"formId": "x"})
    assert bad.status_code == 400
