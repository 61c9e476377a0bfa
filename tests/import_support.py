"""Helpers for import tests: files built in the test, multipart GraphQL uploads, jobs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from auditportal.jobs.embedded import drain
from tests.conftest import SETTINGS, Api, Person

IMPORT_FIELDS = """
  id fileName fileFormat encoding headerRow headers status statusLabel canCommit totalRows error
  mapping { column field }
  progress { done total }
  counts { created changed unchanged rejected changedFields { field count } }
  dryRunCounts { created changed unchanged rejected }
  rejections { row column code message }
"""
UPLOAD = (
    "mutation($input: UploadCustomerFileInput!) { uploadCustomerFile(input: $input) "
    "{ __typename ... on CustomerFileUploaded { customerImport { "
    + IMPORT_FIELDS
    + " } } ... on UserError { code message } ... on ValidationFailed { errors { path code message } } } }"
)
GET = "query($id: ID!) { customerImport(id: $id) { " + IMPORT_FIELDS + " } }"


def _result(name: str) -> str:
    return (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename "
        "... on UserError { code message } ... on ValidationFailed { errors { path code message } } } }"
    )


SET_MAPPING = _result("setImportMapping")
DRY_RUN = (
    "mutation($id: ID!) { startImportDryRun(input: {importId: $id}) { __typename "
    "... on UserError { code message } ... on ValidationFailed { errors { path code message } } } }"
)
COMMIT = (
    "mutation($id: ID!) { commitImport(input: {importId: $id}) { __typename "
    "... on UserError { code message } } }"
)

HEADERS_ZH = [
    "客户编码",
    "客户名称",
    "行业",
    "地区",
    "标签",
    "联系人",
    "电话",
    "邮箱",
    "年交易额",
    "信用等级",
    "授信额度",
]


def csv_bytes(rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def upload(
    api: Api,
    person: Person,
    content: bytes,
    file_name: str = "customers.csv",
    *,
    encoding: str | None = None,
    language: str = "en",
) -> Any:
    operations = {"query": UPLOAD, "variables": {"input": {"file": None, "encoding": encoding}}}
    response = await api.client.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": (file_name, content, "application/octet-stream")},
        headers={"Authorization": f"Bearer {person.token}", "Accept-Language": language},
    )
    return response


async def uploaded(
    api: Api, person: Person, content: bytes, file_name: str = "customers.csv", **kw: Any
) -> dict[str, Any]:
    response = await upload(api, person, content, file_name, **kw)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    result = body["data"]["uploadCustomerFile"]
    assert result["__typename"] == "CustomerFileUploaded", result
    return result["customerImport"]  # type: ignore[no-any-return]


async def fetch(person: Person, import_id: str, language: str = "en") -> dict[str, Any]:
    return (await person.data(GET, {"id": import_id}, language=language))["customerImport"]  # type: ignore[no-any-return]


async def dry_run(person: Person, import_id: str) -> dict[str, Any]:
    started = await person.data(DRY_RUN, {"id": import_id})
    assert started["startImportDryRun"]["__typename"] == "ImportDryRunStarted", started
    await drain(SETTINGS)
    return await fetch(person, import_id)


async def commit(person: Person, import_id: str) -> dict[str, Any]:
    started = await person.data(COMMIT, {"id": import_id})
    assert started["commitImport"]["__typename"] == "ImportCommitStarted", started
    await drain(SETTINGS)
    return await fetch(person, import_id)
