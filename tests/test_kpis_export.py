"""The KPI table export (kind ``kpis``): the figures of ``test_kpis_figures`` as CSV / XLSX."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from openpyxl import load_workbook

from auditportal.auth import grants
from auditportal.auth.principal import Role
from auditportal.jobs.embedded import drain
from tests.conftest import Api, Person
from tests.test_kpis_figures import SYSTEM, _seed

JANUARY = {"start": "2026-01-01", "end": "2026-01-31"}


async def _get(person: Person, path: str, filters: dict[str, Any], **params: str) -> Any:
    return await person.api.client.get(
        path,
        params={"filters": json.dumps(filters), **params},
        headers={"Authorization": f"Bearer {person.token}"},
    )


def _by_figure(rows: list[list[Any]]) -> dict[str, list[Any]]:
    return {str(row[1]): row for row in rows[1:]}


async def test_the_kpi_table_as_csv_and_xlsx_under_the_callers_scope(api: Api) -> None:
    seed = await _seed(api)
    manager = await api.user(Role.MANAGER)
    response = await _get(manager, "/exports/kpis.csv", JANUARY)
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Group", "Figure", "Numerator", "Denominator", "Value"]
    figures = _by_figure(rows)
    # As counted in test_kpis_figures: i1 of i1 i2 i3; 4 findings in 4 checklists; NPS 0.
    assert figures["Inspections on time"][2:4] == ["1", "3"]
    assert figures["Findings per inspection"][2:] == ["4", "4", "1.0"]
    assert figures["Findings (critical)"][4] == "1.0"
    assert figures["NPS"][4] == "0.0"
    assert figures["B → A"][4] == "1.0"

    zh = await _get(manager, "/exports/kpis.xlsx", JANUARY, language="zh-CN")
    assert zh.status_code == 200, zh.text
    sheet = load_workbook(io.BytesIO(zh.content), read_only=True).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert table[0] == ["类别", "指标", "分子", "分母", "数值"]
    assert _by_figure(table)["按期完成率"][2:4] == [1, 3]

    consultant = await api.user(Role.CONSULTANT)
    await grants.grant_access(
        SYSTEM,
        consultant_id=consultant.id,
        customer_ids=[seed.b.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="kpi review",
    )
    granted = await _get(consultant, "/exports/kpis.csv", JANUARY)
    assert granted.status_code == 200, granted.text
    mine = _by_figure(list(csv.reader(io.StringIO(granted.content.decode("utf-8-sig")))))
    assert mine["Findings per inspection"][2:4] == ["1", "2"]  # B's s3 s4

    customer_user = await api.user(Role.CUSTOMER, customer=seed.a)
    refused = await _get(customer_user, "/exports/kpis.csv", JANUARY)
    assert refused.status_code in (403, 404)
    bad = await _get(manager, "/exports/kpis.csv", {"start": "January"})
    assert bad.status_code == 400


REQUEST = """
mutation($input: RequestExportInput!) {
  requestExport(input: $input) {
    __typename
    ... on ExportRequested { export { id status } }
    ... on ValidationFailed { errors { path code } }
  }
}
"""
GET = "query($id: ID!) { export(id: $id) { status downloadPath } }"


async def test_the_kpi_table_as_an_export_job(api: Api) -> None:
    await _seed(api)
    manager = await api.user(Role.MANAGER)
    requested = (
        await manager.data(
            REQUEST,
            {"input": {"kind": "KPIS", "format": "XLSX", "kpis": JANUARY}},
        )
    )["requestExport"]
    assert requested["__typename"] == "ExportRequested", requested
    await drain(api.settings)
    done = (await manager.data(GET, {"id": requested["export"]["id"]}))["export"]
    assert done["status"] == "DONE", done
    body = await manager.api.client.get(
        done["downloadPath"], headers={"Authorization": f"Bearer {manager.token}"}
    )
    sheet = load_workbook(io.BytesIO(body.content), read_only=True).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert _by_figure(table)["Repeat findings"][2:4] == [1, 4]  # s2 q1 of 4 findings
