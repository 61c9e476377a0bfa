"""Customer file import: upload through GraphQL multipart, dry run, commit, idempotency."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditportal.audit.models import AuditEvent
from auditportal.customers.models import Customer, CustomerSource, CustomerTag
from auditportal.jobs import names
from auditportal.jobs.models import JobRun
from tests.conftest import Api
from tests.import_support import (
    COMMIT,
    HEADERS_ZH,
    SET_MAPPING,
    commit,
    csv_bytes,
    dry_run,
    fetch,
    upload,
    uploaded,
    xlsx_bytes,
)

TITLE = ["客户名单（2026 年）", "", ""]
GOOD = [
    [
        "C001",
        "华东精密制造有限公司",
        "制造业",
        "上海",
        "重点,出口",
        "王芳",
        "13800000001",
        "wang@example.cn",
        "1,200,000",
        "aa",
        "500000",
    ],
    [
        "C002",
        "北方物流集团",
        "物流",
        "天津",
        "",
        "李雷",
        "022-5555",
        "li@example.cn",
        "800000",
        "BBB",
        "",
    ],
]
BAD = [
    ["", "缺编码公司", "", "", "", "", "", "", "", "", ""],
    ["C001", "重复编码", "", "", "", "", "", "", "", "", ""],
    ["C003", "数字错误公司", "", "", "", "", "", "", "一百万", "", ""],
    ["C004", "等级错误公司", "", "", "", "", "", "", "", "Z", ""],
    ["C005", "邮箱错误公司", "", "", "", "", "", "not-an-email", "", "", ""],
]


def _rows() -> list[list[Any]]:
    return [TITLE, HEADERS_ZH, *GOOD, *BAD]


def _by_field(mapping: list[dict[str, str]]) -> dict[str, str]:
    return {item["field"]: item["column"] for item in mapping}


async def test_csv_in_gb18030_and_utf8_bom_gets_header_and_mapping_detected(api: Api) -> None:
    manager = await api.user("manager")
    for encoding, expected in (("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig")):
        record = await uploaded(api, manager, csv_bytes(_rows(), encoding))
        assert record["fileFormat"] == "CSV"
        assert record["encoding"] == expected
        assert record["headerRow"] == 2  # the title row above the table is skipped
        assert record["headers"][:2] == ["客户编码", "客户名称"]
        mapping = _by_field(record["mapping"])
        assert mapping["code"] == "客户编码"
        assert mapping["contact.email"] == "邮箱"
        assert mapping["creditLimit"] == "授信额度"
        assert record["status"] == "UPLOADED"
    # A UTF-8 file without BOM is detected as UTF-8 too; choosing the wrong encoding is an
    # error at the encoding argument, not garbage.
    plain = await uploaded(api, manager, csv_bytes(_rows(), "utf-8"))
    assert plain["encoding"] == "utf-8-sig"
    wrong = (await upload(api, manager, csv_bytes(_rows(), "gb18030"), encoding="UTF8")).json()
    result = wrong["data"]["uploadCustomerFile"]
    assert result["__typename"] == "ValidationFailed"
    assert result["errors"][0]["path"] == ["input", "file"]
    assert result["errors"][0]["code"] == "import.file.bad_encoding"


async def test_dry_run_counts_and_rejections_in_both_languages_and_writes_nothing(api: Api) -> None:
    manager = await api.user("manager")
    await api.customer("C002", "北方物流集团")  # exists: will change (industry, region ...)
    record = await uploaded(api, manager, csv_bytes(_rows(), "gb18030"))
    done = await dry_run(manager, record["id"])
    assert done["status"] == "DRY_RUN_DONE"
    assert done["canCommit"] is True
    assert done["totalRows"] == 7
    assert done["progress"] == {"done": 7, "total": 7}
    counts = done["counts"]
    assert (counts["created"], counts["changed"], counts["unchanged"], counts["rejected"]) == (
        1,
        1,
        0,
        5,
    )
    changed = {item["field"]: item["count"] for item in counts["changedFields"]}
    assert changed["industry"] == 1 and changed["creditGrade"] == 1 and "name" not in changed
    rejections = [(r["row"], r["code"]) for r in done["rejections"]]
    assert rejections == [
        (5, "import.row.missing_code"),
        (6, "import.row.duplicate_code"),
        (7, "import.row.bad_number"),
        (8, "import.row.bad_grade"),
        (9, "import.row.bad_email"),
    ]
    english = {r["row"]: r["message"] for r in done["rejections"]}
    assert english[6] == "Row 6: customer code C001 repeats row 3."
    assert english[7] == "Row 7: “年交易额” is not a valid number: 一百万."
    chinese = {
        r["row"]: r["message"] for r in (await fetch(manager, record["id"], "zh-CN"))["rejections"]
    }
    assert chinese[5] == "第 5 行：缺少客户编码。"
    assert chinese[9] == "第 9 行：邮箱地址无效：not-an-email。"
    # Nothing was written: C001 does not exist and C002 is as it was.
    assert not await Customer.exists(code="C001")
    assert (await Customer.get(code="C002")).industry is None


async def test_commit_upserts_by_code_and_a_second_commit_changes_nothing(api: Api) -> None:
    manager = await api.user("manager")
    await api.customer("C002", "北方物流集团")
    first = await uploaded(api, manager, csv_bytes(_rows(), "utf-8-sig"))
    await dry_run(manager, first["id"])
    committed = await commit(manager, first["id"])
    assert committed["status"] == "COMMITTED"
    counts = committed["counts"]
    assert (counts["created"], counts["changed"], counts["rejected"]) == (1, 1, 5)
    assert committed["dryRunCounts"]["created"] == 1
    c001 = await Customer.get(code="C001")
    assert c001.name == "华东精密制造有限公司"
    assert c001.transaction_volume == Decimal("1200000.00")
    assert c001.credit_grade == "AA"
    assert c001.source == CustomerSource.IMPORT
    assert c001.contacts == [
        {
            "name": "王芳",
            "title": "",
            "email": "wang@example.cn",
            "phone": "13800000001",
            "primary": True,
        }
    ]
    assert sorted(await CustomerTag.filter(customer_id=c001.id).values_list("tag", flat=True)) == [
        "出口",
        "重点",
    ]
    c002 = await Customer.get(code="C002")
    assert (c002.industry, c002.region, c002.lock_version) == ("物流", "天津", 2)
    events = await AuditEvent.filter(action__startswith="customer.import_").order_by("id")
    assert [(e.action, e.summary.get("code")) for e in events] == [
        ("customer.import_create", "C001"),
        ("customer.import_update", "C002"),
    ]
    # Reclassification of the touched customers was requested (another part registers it).
    reclassify = await JobRun.get(name=names.RECLASSIFY_CUSTOMERS)
    assert sorted(reclassify.arguments["customerIds"]) == sorted([str(c001.id), str(c002.id)])
    # Committing the same import again is refused; the same file imported again changes nothing.
    again = await manager.data(COMMIT, {"id": first["id"]})
    assert again["commitImport"]["code"] == "CONFLICT"
    second = await uploaded(api, manager, csv_bytes(_rows(), "gb18030"))
    assert (await dry_run(manager, second["id"]))["counts"]["unchanged"] == 2
    rerun = await commit(manager, second["id"])
    assert (
        rerun["counts"]["created"],
        rerun["counts"]["changed"],
        rerun["counts"]["unchanged"],
    ) == (0, 0, 2)
    assert await AuditEvent.filter(action__startswith="customer.import_").count() == 2
    assert (await Customer.get(code="C002")).lock_version == 2


async def test_commit_needs_a_dry_run_with_the_same_mapping(api: Api) -> None:
    admin = await api.user("admin")
    record = await uploaded(api, admin, csv_bytes(_rows()))
    refused = await admin.data(COMMIT, {"id": record["id"]}, language="zh-CN")
    assert refused["commitImport"]["message"] == "请先用当前的列映射完成一次试运行，再提交导入。"
    await dry_run(admin, record["id"])
    mapping = [
        {"column": m["column"], "field": m["field"]}
        for m in record["mapping"]
        if m["field"] != "region"
    ]
    changed = await admin.data(
        SET_MAPPING, {"input": {"importId": record["id"], "mapping": mapping}}
    )
    assert changed["setImportMapping"]["__typename"] == "ImportMappingSet"
    assert (await fetch(admin, record["id"]))["canCommit"] is False
    refused = await admin.data(COMMIT, {"id": record["id"]})
    assert refused["commitImport"]["__typename"] == "Conflict"
    bad = await admin.data(
        SET_MAPPING,
        {
            "input": {
                "importId": record["id"],
                "mapping": [
                    {"column": "行业", "field": "industry"},
                    {"column": "无此列", "field": "nope"},
                ],
            }
        },
        language="zh-CN",
    )
    errors = {(tuple(e["path"]), e["code"]) for e in bad["setImportMapping"]["errors"]}
    assert (("input", "mapping", "无此列"), "import.mapping.unknown_column") in errors
    assert (("input", "mapping", "无此列"), "import.mapping.unknown_target") in errors
    assert (("input", "mapping"), "import.mapping.missing_target") in errors


async def test_xlsx_upload_streams_rows_and_imports(api: Api) -> None:
    manager = await api.user("manager")
    rows = [
        [*HEADERS_ZH, "合同号"],
        ["X01", "西部能源", "能源", "四川", "重点", "", "", "", 2500000.0, "A", 1000000, "HT-9"],
        ["X02", "南方电子", "电子", "广东", "", "", "", "", "", "", "", 42],
    ]
    record = await uploaded(api, manager, xlsx_bytes(rows), "客户.xlsx")
    assert (record["fileFormat"], record["encoding"], record["headerRow"]) == ("XLSX", None, 1)
    # An unrecognised column is left unmapped until the user maps it to a custom attribute.
    assert "合同号" not in {m["column"] for m in record["mapping"]}
    mapping = [{"column": m["column"], "field": m["field"]} for m in record["mapping"]]
    mapping.append({"column": "合同号", "field": "attributes.contract_no"})
    saved = await manager.data(
        SET_MAPPING, {"input": {"importId": record["id"], "mapping": mapping}}
    )
    assert saved["setImportMapping"]["__typename"] == "ImportMappingSet"
    assert (await dry_run(manager, record["id"]))["counts"]["created"] == 2
    await commit(manager, record["id"])
    x01 = await Customer.get(code="X01")
    assert (x01.transaction_volume, x01.credit_limit, x01.credit_grade) == (
        Decimal("2500000.00"),
        Decimal("1000000.00"),
        "A",
    )
    assert await CustomerTag.filter(customer_id=x01.id, tag="重点").exists()
    assert x01.attributes == {"contract_no": "HT-9"}
    assert (await Customer.get(code="X02")).attributes == {"contract_no": "42"}


async def test_customer_users_and_auditors_cannot_import(api: Api) -> None:
    auditor = await api.user("auditor")
    response = await upload(api, auditor, csv_bytes(_rows()))
    result = response.json()["data"]["uploadCustomerFile"]
    assert result["__typename"] == "NotAllowed"
    assert result["message"] == "You are not allowed to do this."
