"""The streaming XLSX writer: what it writes reads back in openpyxl as the same values, with a
bold frozen header, typed numbers and booleans, escaped text, and columns past Z."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator

from openpyxl import load_workbook

from auditportal.exports.writer import Row, xlsx_chunks


async def _rows(rows: list[Row]) -> AsyncIterator[Row]:
    for row in rows:
        yield row


async def _workbook(header: Row, rows: list[Row], title: str = "检查表导出") -> bytes:
    return b"".join([chunk async for chunk in xlsx_chunks(header, _rows(rows), sheet_title=title)])


async def test_values_read_back_as_written() -> None:
    header = ["客户名称", "得分", "合格", "备注"]
    rows: list[Row] = [
        ["上海示例 <贸易> & Co.", 92.5, True, None],
        ["杭州\x07测试", 0, False, "line one\nline two"],
        ["=SUM(A1)", -3, None, "  leading spaces"],
    ]
    body = await _workbook(header, rows)
    book = load_workbook(io.BytesIO(body))
    sheet = book.active
    assert sheet is not None and sheet.title == "检查表导出"
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        header,
        ["上海示例 <贸易> & Co.", 92.5, True, None],
        ["杭州测试", 0, False, "line one\nline two"],  # control characters are dropped
        ["=SUM(A1)", -3, None, "  leading spaces"],  # text, never a formula
    ]
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet["A4"].data_type == "s" and sheet["B2"].data_type == "n"


async def test_wide_and_long_sheets_stream() -> None:
    header = [f"q{i}" for i in range(60)]
    rows: list[Row] = [[n * 100 + i for i in range(60)] for n in range(3000)]
    body = await _workbook(header, rows)
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        assert package.testzip() is None
        assert "xl/worksheets/sheet1.xml" in package.namelist()
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    read = [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert len(read) == 3001
    assert read[0][59] == "q59"
    assert read[-1] == [2999 * 100 + i for i in range(60)]
