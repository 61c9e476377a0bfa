"""Streaming tabular writers: rows in (an async iterator), bytes out in chunks.

CSV is UTF-8 with a byte order mark, so that Excel opens Chinese text as such. XLSX is
written as a stream of sheet XML into a temporary zip (``exports.xlsx``: rows go to the file
as they come, never a sheet in memory); the finished workbook is read back in chunks.
Neither holds more than one batch of rows.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import tempfile
from collections.abc import AsyncIterator, Sequence
from typing import Any

from auditportal.exports.models import ExportFormat
from auditportal.exports.xlsx import SheetWriter

Cell = str | int | float | bool | None
Row = Sequence[Cell]

BOM = "\ufeff"
CHUNK = 256 * 1024
# Excel's limit on a cell's text.
_XLSX_CELL_LIMIT = 32767


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _csv_cell(value: Cell) -> Cell:
    # Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _number(value):
        return "'" + value
    return value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


async def csv_chunks(header: Row, rows: AsyncIterator[Row]) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([_csv_cell(c) for c in header])
    async for row in rows:
        writer.writerow([_csv_cell(c) for c in row])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _xlsx_cell(value: Cell) -> Any:
    if isinstance(value, str):
        # Control characters other than tab and newlines are not allowed in XLSX text.
        value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
        return value[:_XLSX_CELL_LIMIT]
    return value


async def xlsx_chunks(
    header: Row, rows: AsyncIterator[Row], *, sheet_title: str = "export"
) -> AsyncIterator[bytes]:
    handle, path = tempfile.mkstemp(prefix="export-", suffix=".xlsx")
    try:
        with os.fdopen(handle, "wb") as target:
            sheet = SheetWriter(target, _sheet_title(sheet_title))
            sheet.append([_xlsx_cell(text) for text in header], bold=True)
            async for row in rows:
                sheet.append([_xlsx_cell(c) for c in row])
            await asyncio.to_thread(sheet.close)
        finished = await asyncio.to_thread(open, path, "rb")
        try:
            while chunk := await asyncio.to_thread(finished.read, CHUNK):
                yield chunk
        finally:
            finished.close()
    finally:
        os.unlink(path)


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "export")[:31]


def encode(
    file_format: ExportFormat, header: Row, rows: AsyncIterator[Row], *, sheet_title: str = "export"
) -> AsyncIterator[bytes]:
    if file_format is ExportFormat.CSV:
        return csv_chunks(header, rows)
    return xlsx_chunks(header, rows, sheet_title=sheet_title)
