"""The ledger as an Excel workbook a supervision office can open, filter and print.

One sheet per table (会议 meetings, 讲话 remarks, 重点工作 key-work items, 出席 attendance, 交流发言
speeches, 提法 terms, 来源 sources).  Each sheet has two header rows (Chinese, then English),
frozen so they stay on screen, repeated on every printed page (print titles), an auto-filter,
column widths set per kind of column, wrapped long text, landscape A4 fitted to the page width.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from jidu.export.tables import Table, ledger_tables

HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
WRAP_WIDTH = 30
"""Columns at least this wide wrap their text (remarks and items are paragraphs)."""


def fill_sheet(ws: Worksheet, table: Table) -> None:
    """Write a table with two frozen header rows, widths, wrapping and print settings."""
    ws.title = f"{table.zh} {table.en}"[:31]
    ws.append([c.zh for c in table.columns])
    ws.append([c.en for c in table.columns])
    for row in table.values():
        ws.append(row)
    for idx, column in enumerate(table.columns, start=1):
        letter = get_column_letter(idx)
        ws.column_dimensions[letter].width = column.width
        for cell in (ws.cell(row=1, column=idx), ws.cell(row=2, column=idx)):
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        alignment = WRAP if column.width >= WRAP_WIDTH else TOP
        for (cell,) in ws.iter_rows(min_row=3, min_col=idx, max_col=idx):
            cell.alignment = alignment
    ws.freeze_panes = "A3"
    last = get_column_letter(max(1, len(table.columns)))
    ws.auto_filter.ref = f"A2:{last}{max(2, ws.max_row)}"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = f"{table.zh} {table.en}"
    ws.oddFooter.center.text = "&P / &N"


def build_workbook(tables: list[Table]) -> Workbook:
    wb = Workbook()
    first = True
    for table in tables:
        ws = wb.active if first else wb.create_sheet()
        first = False
        fill_sheet(ws, table)
    return wb


def write_xlsx(session: Session, out: Path, start: str | None = None, end: str | None = None) -> dict[str, int]:
    """Write the workbook; returns the number of data rows per sheet (table name)."""
    tables = ledger_tables(session, start, end)
    out.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(tables).save(out)
    return {t.name: len(t.rows) for t in tables}
