"""Reading uploaded files row by row, never the whole file at once.

CSV: UTF-8 (with or without the BOM Excel writes) or GB18030 (what Chinese Excel exports
as "CSV"); detected from the first bytes unless the uploader names it. XLSX: openpyxl in
read-only mode, which streams the sheet's XML instead of building every cell.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditportal.imports.models import FileFormat

UTF8 = "utf-8-sig"
GB18030 = "gb18030"
ENCODINGS = (UTF8, GB18030)
_SNIFF_BYTES = 256 * 1024
# How far down the header row may be (title rows above a table are common in exports).
HEADER_SEARCH_ROWS = 10

Row = list[str]


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX we can read; ``key`` is the message key."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def detect_format(file_name: str, head: bytes) -> FileFormat:
    if head.startswith(b"PK\x03\x04"):
        return FileFormat.XLSX
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise UnreadableFile("import.file.not_xlsx")
    return FileFormat.CSV


def detect_encoding(path: Path) -> str:
    """UTF-8 if the first 256 KiB decode as UTF-8 (BOM or not), else GB18030."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return UTF8
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        # final=False: a character cut at the sniff boundary is not an error.
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return GB18030
    return UTF8


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Excel stores 123 as 123.0 and codes like 00123 as text: keep integers integral.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def iter_rows(path: Path, file_format: FileFormat, encoding: str | None = None) -> Iterator[Row]:
    """Every row of the file (header included) as text cells, streamed."""
    if file_format is FileFormat.XLSX:
        yield from _xlsx_rows(path)
        return
    try:
        with path.open("r", encoding=encoding or UTF8, newline="") as handle:
            for row in csv.reader(handle):
                yield [cell.strip() for cell in row]
    except UnicodeDecodeError as error:
        raise UnreadableFile("import.file.bad_encoding", encoding=encoding or UTF8) from error
    except csv.Error as error:
        raise UnreadableFile("import.file.bad_csv", detail=str(error)) from error


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl judges paths by their extension, and stored
    # uploads have none.
    with path.open("rb") as handle:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # zip, XML or openpyxl errors: all mean "not a workbook"
            raise UnreadableFile("import.file.not_xlsx") from error
        try:
            sheet = workbook.worksheets[0]
            for values in sheet.iter_rows(values_only=True):
                yield [_cell_text(value) for value in values]
        finally:
            workbook.close()


def count_data_rows(
    path: Path, file_format: FileFormat, encoding: str | None, header_row: int
) -> int:
    """Rows below the header: one cheap streaming pass, for progress totals."""
    count = 0
    for number, _row in enumerate(iter_rows(path, file_format, encoding), start=1):
        if number > header_row:
            count += 1
    return count


def read_head(path: Path, file_format: FileFormat, encoding: str | None) -> list[Row]:
    rows: list[Row] = []
    for row in iter_rows(path, file_format, encoding):
        rows.append(row)
        if len(rows) >= HEADER_SEARCH_ROWS:
            break
    return rows
