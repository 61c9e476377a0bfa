"""A streaming XLSX (Office Open XML spreadsheet) writer for exports: one sheet, a bold frozen
header row, text as inline strings, numbers and booleans typed.

Why not openpyxl: its write-only mode builds a cell object per value and an XML element per
cell, which made a 100,000-row, 60-column export about six times slower than the CSV of the
same rows. A sheet is a plain XML stream, so it is written here as text straight into the zip
entry, one row at a time: memory stays one row, whatever the size. Inline strings (rather than
a shared-strings table, which would have to be held until the end) are standard SpreadsheetML
and open in Excel, WPS Office, LibreOffice and openpyxl alike.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape

Cell = str | int | float | bool | None

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OOXML = "http://schemas.openxmlformats.org"
_RELATIONSHIPS = f"{_OOXML}/package/2006/relationships"
_RELATION = f"{_OOXML}/officeDocument/2006/relationships"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"

_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SPREADSHEET}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SPREADSHEET}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SPREADSHEET}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_RELATION}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_RELATION}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATION}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0: the default; style 1: bold (the header row).
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_OOXML}/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    f'{_XML}<worksheet xmlns="{_OOXML}/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews><sheetData>"
)
_SHEET_TAIL = "</sheetData></worksheet>"
# Rows are buffered into entry writes of about this many characters.
_FLUSH = 256 * 1024


def _workbook(title: str) -> str:
    return (
        f'{_XML}<workbook xmlns="{_OOXML}/spreadsheetml/2006/main" xmlns:r="{_RELATION}">'
        f'<sheets><sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )


class SheetWriter:
    """Rows into one sheet of an XLSX written to ``target`` (a file opened for binary
    writing); ``close`` finishes the package."""

    def __init__(self, target: IO[bytes], title: str) -> None:
        # Level 1: a third faster than the default 6 on sheet XML, for a file about 15 % larger.
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", _workbook(title)),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
        ):
            self._zip.writestr(name, text)
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._pending: list[str] = [_SHEET_HEAD]
        self._size = len(_SHEET_HEAD)
        self._rows = 0

    def append(self, row: Sequence[Cell], *, bold: bool = False) -> None:
        # Cells carry no reference: each is the next column (an empty cell holds a place),
        # which is standard and saves a third of the XML on a wide sheet.
        self._rows += 1
        style = ' s="1"' if bold else ""
        parts = [f'<row r="{self._rows}">']
        for value in row:
            if value is None:
                parts.append("<c/>")
            elif isinstance(value, bool):
                parts.append(f'<c{style} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float) and math.isfinite(value):
                parts.append(f"<c{style}><v>{value!r}</v></c>")
            else:
                parts.append(
                    f'<c{style} t="inlineStr"><is><t xml:space="preserve">'
                    f"{escape(str(value))}</t></is></c>"
                )
        parts.append("</row>")
        text = "".join(parts)
        self._pending.append(text)
        self._size += len(text)
        if self._size >= _FLUSH:
            self._flush()

    def _flush(self) -> None:
        self._sheet.write("".join(self._pending).encode("utf-8"))
        self._pending = []
        self._size = 0

    def close(self) -> None:
        self._pending.append(_SHEET_TAIL)
        self._flush()
        self._sheet.close()
        self._zip.close()
