"""Values no column or computation can take are typed validation errors, never masked
internal errors: refused at the scalar or input layer once, for every field."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api

CREATE = """mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) {
  __typename ... on ValidationFailed { errors { path code message } } } }"""
EVENTS = "query ($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount } }"
PREVIEW = """query ($i: InspectionPlanPreviewInput!) { previewInspectionPlan(input: $i) {
  __typename ... on ValidationFailed { errors { path message } } } }"""
RECURRENCE = [{"tier": "NORMAL", "rule": "FREQ=MONTHLY"}]


def _only_error(result: dict[str, Any]) -> dict[str, Any]:
    assert result["data"] is None, result
    (error,) = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    return error  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("volume", "english", "chinese"),
    [
        ("NaN", "must be finite", "有限值"),
        ("Infinity", "must be finite", "有限值"),
        ("-Infinity", "must be finite", "有限值"),
        ("1e999999", "too large", "过大"),
        ("123456789012345678901234", "too large", "过大"),
        ("12345678901234567", "too large", "过大"),
        ("twelve", "not a valid decimal", "不是有效的十进制数"),
    ],
)
async def test_decimals_must_fit_the_widest_amount(
    api: Api, volume: str, english: str, chinese: str
) -> None:
    admin = await api.user("admin")
    variables = {"input": {"code": "C1", "name": "Acme", "transactionVolume": volume}}
    error = _only_error(await admin.gql(CREATE, variables))
    assert error["message"].startswith("Variable '$input' has invalid value at .transactionVolume")
    assert english in error["message"]
    assert chinese in _only_error(await admin.gql(CREATE, variables, language="zh-CN"))["message"]


async def test_an_amount_that_fits_is_stored(api: Api) -> None:
    admin = await api.user("admin")
    variables = {
        "input": {"code": "C1", "name": "Acme", "transactionVolume": "9999999999999999.99"}
    }
    result = await admin.data(CREATE, variables)
    assert result["createCustomer"]["__typename"] == "CustomerSaved"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("9999-12-31T23:00:00-23:59", "beyond ±18 hours"),
        ("0001-01-01T00:00:00+23:00", "beyond ±18 hours"),
        ("9999-12-31T23:00:00-10:00", "year must be between 1000 and 9000"),
        ("0001-01-01T00:00:00+00:00", "year must be between 1000 and 9000"),
        ("yesterday", "not a valid date and time"),
    ],
)
async def test_datetimes_with_extreme_offsets_or_years(
    api: Api, moment: str, expected: str
) -> None:
    admin = await api.user("admin")
    error = _only_error(await admin.gql(EVENTS, {"f": {"occurredAfter": moment}}))
    assert expected in error["message"]


async def test_a_plain_datetime_filter_still_works(api: Api) -> None:
    admin = await api.user("admin")
    data = await admin.data(EVENTS, {"f": {"occurredAfter": "2026-01-01T00:00:00+08:00"}})
    assert data["auditEvents"]["totalCount"] >= 0


async def test_preview_lead_days_and_dates_at_the_ends_of_the_calendar(api: Api) -> None:
    admin = await api.user("admin")
    preview = {"recurrences": RECURRENCE, "startsOn": "2026-01-01", "leadDays": 2**31 - 1}
    data = await admin.data(PREVIEW, {"i": preview})
    errors = data["previewInspectionPlan"]["errors"]
    assert [e["path"] for e in errors] == [["input", "leadDays"]]
    assert "365" in errors[0]["message"]
    late = {"recurrences": RECURRENCE, "startsOn": "9999-12-01"}
    error = _only_error(await admin.gql(PREVIEW, {"i": late}, language="zh-CN"))
    assert "年份必须在 1000 到 9000 之间" in error["message"]


async def test_nul_bytes_in_any_string_are_refused_before_execution(api: Api) -> None:
    admin = await api.user("admin")
    for variables in (
        {"input": {"code": "C1", "name": "Ac\x00me"}},
        {"input": {"code": "C1", "name": "Acme", "tags": ["ok", "b\x00d"]}},
        {"input": {"code": "C1", "name": "Acme", "attributes": {"note": {"deep": "x\x00"}}}},
        {"input": {"code": "C1", "name": "Acme", "attributes": {"k\x00": 1}}},
    ):
        error = _only_error(await admin.gql(CREATE, variables))
        assert error["message"] == (
            "The variable $input contains a NUL character, which cannot be stored."
        )
    literal = 'query { customers(filter: {search: "a\\u0000"}) { totalCount } }'
    error = _only_error(await admin.gql(literal, language="zh-CN"))
    assert error["message"] == "第 1 行的字符串含有空字符（NUL），不能保存。"
    # Nothing was written.
    data = await admin.data("{ customers { totalCount } }")
    assert data["customers"]["totalCount"] == 0


async def test_a_float_literal_beyond_range(api: Api) -> None:
    admin = await api.user("admin")
    query = "query {\n customers(filter: {minRiskScore: 1e400}) { totalCount } }"
    error = _only_error(await admin.gql(query))
    assert error["message"] == "The number on line 2 is out of range."


async def test_strings_longer_than_their_column(api: Api) -> None:
    admin = await api.user("admin")
    for language, expected in (
        ("en", "The value is too long: at most 100 characters."),
        ("zh-CN", "值过长：最多 100 个字符。"),
    ):
        result = await admin.gql(EVENTS, {"f": {"action": "a" * 5000}}, language=language)
        assert result["data"] is None
        assert result["errors"][0]["message"] == expected
        assert result["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
