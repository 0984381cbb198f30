"""The workbook opens with openpyxl and holds the right rows, headers, frozen panes and print titles."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from jidu.export.ledger_xlsx import write_xlsx
from jidu.ledger.db import make_engine, session_scope
from ledger_data import fresh_db, gold, ingest_corpus


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    u = fresh_db(tmp_path_factory.mktemp("xlsx"))
    ingest_corpus(u)
    return u


def test_workbook_sheets_headers_and_rows(url: str, tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    with session_scope(make_engine(url)) as session:
        counts = write_xlsx(session, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["会议 Meetings", "讲话 Remarks", "重点工作 Key-work items", "出席 Attendance",
                             "交流发言 Speeches", "提法 Terms", "来源 Sources"]
    for ws, n in zip(wb.worksheets, counts.values(), strict=True):
        assert ws.max_row == n + 2
        assert ws.freeze_panes == "A3"
        assert ws.print_title_rows == "$1:$2"
        assert ws.page_setup.orientation == "landscape"
    meetings = wb["会议 Meetings"]
    assert meetings["B1"].value == "会议日期" and meetings["B2"].value == "Date"
    assert [meetings.cell(row=r, column=2).value for r in range(3, 8)] == [
        "2020-10-09", "2021-07-02", "2021-10-09", "2022-01-05", "2022-07-01"]
    items = wb["重点工作 Key-work items"]
    header = [c.value for c in items[2]]
    col = header.index("Key-work item") + 1
    q3 = [items.cell(row=r, column=col).value for r in range(3, items.max_row + 1)
          if items.cell(row=r, column=3).value == "2022Q3"]
    assert q3 == gold("000_758b895a77f27e86").deployment.items
    assert items.column_dimensions["A"].width > 0 and items.column_dimensions[chr(64 + col)].width >= 30


def test_workbook_for_a_quarter_range(url: str, tmp_path: Path) -> None:
    out = tmp_path / "range.xlsx"
    with session_scope(make_engine(url)) as session:
        counts = write_xlsx(session, out, "2021Q3", "2021Q4")
    wb = openpyxl.load_workbook(out)
    assert counts["meetings"] == 2
    quarters = {wb["会议 Meetings"].cell(row=r, column=3).value for r in range(3, 5)}
    assert quarters == {"2021Q3", "2021Q4"}
