import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.export.work_xlsx import HEADERS, SHEET, RowError, export_workbook, import_workbook
from jidu.work import service
from jidu.work.models import WorkEntry, WorkFeedback
from work_data import CO, LEAD, OTHER, add_users, at, ledger

NOW = at(2022, 8, 20)


@pytest.fixture
def setup(tmp_path):
    engine = ledger(tmp_path, stems=("000_758b895a77f27e86",))
    session = Session(engine, expire_on_commit=False)
    users = add_users(session)
    e = session.scalars(select(WorkEntry).order_by(WorkEntry.id)).all()
    service.assign(session, users["sup"], e[0].id, LEAD, [CO], now=at(2022, 7, 2))
    service.assign(session, users["sup"], e[1].id, LEAD, now=at(2022, 7, 2))
    service.assign(session, users["sup"], e[2].id, OTHER, now=at(2022, 7, 2))
    service.acknowledge(session, users["lead"], e[1].id, now=at(2022, 7, 3))
    session.commit()
    yield session, users, e, tmp_path
    session.close()


def fill(path, edits):
    """Edit the exported workbook as a unit would: {(entry id, header): value}."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    for row in ws.iter_rows(min_row=2):
        for (entry_id, header), value in edits.items():
            if row[0].value == entry_id:
                row[HEADERS.index(header)].value = value
    wb.save(path)


def test_export_has_locked_id_and_status_list(setup):
    session, users, e, tmp = setup
    path = tmp / "q3.xlsx"
    assert export_workbook(session, "2022Q3", path, now=NOW) == 5
    ws = load_workbook(path)[SHEET]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.protection.sheet is True
    assert ws["A2"].protection.locked is True and ws["C2"].protection.locked is True
    assert ws["K2"].protection.locked is False and ws["M2"].protection.locked is False
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"已签收,办理中,待复核"' and "L2:L6" in str(lists[0].sqref)
    row = {HEADERS[i]: c.value for i, c in enumerate(ws[2])}
    assert row["编号"] == e[0].id and row["牵头单位"] == LEAD and row["配合单位"] == CO
    assert row["填报单位"] == LEAD and row["截止日期"].date() == dt.date(2022, 9, 30)


def test_export_for_one_unit(setup):
    session, users, e, tmp = setup
    assert export_workbook(session, "2022Q3", tmp / "co.xlsx", unit=CO, now=NOW) == 1
    ws = load_workbook(tmp / "co.xlsx")[SHEET]
    assert ws["J2"].value == CO and ws.max_row == 2


def test_round_trip_applies_once(setup):
    session, users, e, tmp = setup
    path = tmp / "q3.xlsx"
    export_workbook(session, "2022Q3", path, now=NOW)
    fill(path, {(e[0].id, "进度(%)"): 30, (e[0].id, "反馈内容"): "已完成方案编制",
                (e[0].id, "反馈日期"): dt.datetime(2022, 8, 18),
                (e[1].id, "进度(%)"): 100, (e[1].id, "办理状态"): "待复核", (e[1].id, "反馈内容"): "全部完成"})
    report = import_workbook(session, users["sup"], path, now=NOW)
    session.commit()
    assert report.errors == [] and report.applied == [2, 3] and report.unchanged == [4, 5, 6]
    assert (e[0].status, e[0].progress) == ("in_progress", 30)  # signed on the way, via Excel
    assert [h.action for h in e[0].history][-2:] == ["acknowledge", "progress"]
    assert e[0].history[-1].actor == f"sup（代{LEAD}）"
    fb = session.scalars(select(WorkFeedback).where(WorkFeedback.entry_id == e[0].id)).one()
    assert (fb.channel, fb.text, fb.reported_on) == ("excel", "已完成方案编制", dt.date(2022, 8, 18))
    assert (e[1].status, e[1].progress) == ("pending_review", 100)
    again = import_workbook(session, users["sup"], path, now=NOW)
    session.commit()
    assert again.applied == [] and again.skipped == [2, 3] and again.errors == []
    assert len(e[0].history) == 4


def test_malformed_rows_report_row_and_column(setup):
    session, users, e, tmp = setup
    path = tmp / "bad.xlsx"
    export_workbook(session, "2022Q3", path, now=NOW)
    fill(path, {
        (e[0].id, "进度(%)"): "六十", (e[0].id, "反馈日期"): "2022-13-45",
        (e[1].id, "填报单位"): OTHER, (e[1].id, "进度(%)"): 50,
        (e[2].id, "办理状态"): "已办结",
        (e[3].id, "反馈日期"): "2022-09-01", (e[3].id, "反馈内容"): "提前填报",
    })
    wb = load_workbook(path)
    wb[SHEET].append([99999, None, None, None, None, None, None, None, None, LEAD, 10, None, None, None])
    wb[SHEET].append(["abc", None, None, None, None, None, None, None, None, "不存在的单位", 120, "待复核", None, None])
    wb.save(path)
    report = import_workbook(session, users["sup"], path, now=NOW)
    assert report.applied == []
    assert report.errors == [
        RowError(2, "进度(%)", "进度应为 0–100 的整数，收到 六十"),
        RowError(2, "反馈日期", "日期无效：2022-13-45（应为 2022-09-15 这样的日期）"),
        RowError(3, "填报单位", f"“{OTHER}”不是事项 {e[1].id} 的牵头或配合单位，不能填报"),
        RowError(4, "办理状态", "办理状态应为 已签收、办理中、待复核 之一，收到 已办结"),
        RowError(5, "填报单位", "填报单位为空"),  # entry 3 is not assigned: nobody may report on it
        RowError(5, "反馈日期", "反馈日期 2022-09-01 晚于今天"),
        RowError(7, "编号", "没有编号为 99999 的事项"),
        RowError(8, "编号", "编号应为整数，收到 abc"),
        RowError(8, "填报单位", "没有单位“不存在的单位”"),
        RowError(8, "进度(%)", "进度应为 0–100 的整数，收到 120"),
    ]


def test_valid_rows_apply_while_refused_rows_leave_nothing(setup):
    session, users, e, tmp = setup
    path = tmp / "mixed.xlsx"
    export_workbook(session, "2022Q3", path, now=NOW)
    # the cooperating unit cannot sign for entry 0 (still assigned); entry 1 is fine
    fill(path, {(e[0].id, "填报单位"): CO, (e[0].id, "进度(%)"): 20, (e[1].id, "进度(%)"): 45})
    report = import_workbook(session, users["sup"], path, now=NOW)
    session.commit()
    assert report.applied == [3]
    assert len(report.errors) == 1 and report.errors[0].row == 2 and "签收" in report.errors[0].message
    assert (e[0].status, e[0].progress) == ("assigned", 0) and e[1].progress == 45


def test_unit_editor_imports_only_for_own_unit(setup):
    session, users, e, tmp = setup
    path = tmp / "lead.xlsx"
    export_workbook(session, "2022Q3", path, now=NOW)
    fill(path, {(e[1].id, "进度(%)"): 70, (e[2].id, "进度(%)"): 10})  # e[2] belongs to OTHER
    report = import_workbook(session, users["lead"], path, now=NOW)
    assert report.applied == [3]
    assert report.errors[0].row == 4 and "不能代" in report.errors[0].message
    refused = import_workbook(session, users["viewer"], path, now=NOW)
    assert refused.applied == [] and refused.skipped == [3] and [err.row for err in refused.errors] == [4]


def test_wrong_sheet_missing_columns_and_not_a_workbook(setup):
    session, users, e, tmp = setup
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp / "wrong.xlsx")
    assert import_workbook(session, users["sup"], tmp / "wrong.xlsx", now=NOW).errors == [
        RowError(None, None, "工作簿中没有“台账”工作表（现有：Sheet1）")]
    wb = Workbook()
    wb.active.title = SHEET
    wb.active.append(["编号", "填报单位", "反馈内容"])
    wb.save(tmp / "cols.xlsx")
    assert import_workbook(session, users["sup"], tmp / "cols.xlsx", now=NOW).errors == [
        RowError(1, "进度(%)", "缺少列“进度(%)”"), RowError(1, "办理状态", "缺少列“办理状态”"),
        RowError(1, "反馈日期", "缺少列“反馈日期”")]
    (tmp / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    errors = import_workbook(session, users["sup"], tmp / "fake.xlsx", now=NOW).errors
    assert len(errors) == 1 and errors[0].row is None and errors[0].message.startswith("无法读取工作簿")
