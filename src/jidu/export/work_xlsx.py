"""The Excel round trip of the ledger: a workbook units fill in, and its import.

Units live in Excel; the office sends each unit its entries and collects them back.  The
exported sheet ``台账`` has the entry's facts in locked columns (the id first) and the columns a
unit fills in unlocked: 填报单位, 进度(%), 办理状态 (a drop-down list), 反馈内容, 反馈日期.

Import never trusts the locked columns (it reads only the id and the fill-in columns), validates
every row and reports errors by row and column, applies the valid rows through the workflow
service (so the role and lifecycle rules hold, and no row changes an entry its unit does not
own), all in the caller's one transaction, and never applies the same row twice: each applied
row's content hash is kept in ``work_import``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.analysis.domains import LABELS
from jidu.ledger.models import Unit
from jidu.work import queries, service
from jidu.work.clock import local_date, utcnow
from jidu.work.errors import InvalidTransition, WorkError
from jidu.work.lifecycle import Status
from jidu.work.models import WorkEntry, WorkImport

SHEET = "台账"
LOCKED = ("编号", "季度", "事项", "领域", "牵头单位", "配合单位", "截止日期", "当前状态", "当前进度")
FILL = ("填报单位", "进度(%)", "办理状态", "反馈内容", "反馈日期")
HEADERS = LOCKED + FILL
REQUIRED = ("编号", *FILL)
UNIT_STATUSES = (Status.ACKNOWLEDGED.label, Status.IN_PROGRESS.label, Status.PENDING_REVIEW.label)
"""The statuses a unit may report: signed, in progress, done (awaiting review)."""
WIDTHS = {"编号": 7, "季度": 9, "事项": 60, "领域": 14, "牵头单位": 16, "配合单位": 22, "截止日期": 12,
          "当前状态": 10, "当前进度": 9, "填报单位": 16, "进度(%)": 9, "办理状态": 10, "反馈内容": 50,
          "反馈日期": 12}


# ------------------------------------------------------------------------------------------- export
def export_workbook(
    session: Session, quarter: str, path: Path, *, unit: str | None = None, now: dt.datetime | None = None
) -> int:
    """Write the quarter's entries (only ``unit``'s, if given) to ``path``; returns the number of rows."""
    views = queries.list_entries(session, quarter=quarter, unit=unit, now=now or utcnow())
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    head_fill, fill_fill = PatternFill("solid", fgColor="DDE3EA"), PatternFill("solid", fgColor="FFF5CC")
    for col, name in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = fill_fill if name in FILL else head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[name]
    for v in views:
        e = v.entry
        current = Status(e.status).label
        ws.append([
            e.id, e.quarter, e.title, LABELS.get(e.domain, e.domain), v.entry.lead_unit.name if e.lead_unit else "",
            "、".join(v.cooperating), e.deadline, v.status_label, e.progress,
            unit or (e.lead_unit.name if e.lead_unit else ""), e.progress,
            current if current in UNIT_STATUSES else "", "", None,
        ])
    last = ws.max_row
    for row in ws.iter_rows(min_row=2, max_row=last):
        for cell in row:
            name = HEADERS[cell.column - 1]
            cell.alignment = Alignment(vertical="top", wrap_text=name in ("事项", "反馈内容", "配合单位"))
            if name in ("截止日期", "反馈日期"):
                cell.number_format = "yyyy-mm-dd"
            if name in FILL:
                cell.protection = Protection(locked=False)
    col = {name: get_column_letter(i) for i, name in enumerate(HEADERS, start=1)}
    if last >= 2:
        status_list = DataValidation(type="list", formula1='"' + ",".join(UNIT_STATUSES) + '"', allow_blank=True,
                                     showErrorMessage=True, errorTitle="办理状态",
                                     error="请从下拉列表中选择：" + "、".join(UNIT_STATUSES))
        status_list.add(f"{col['办理状态']}2:{col['办理状态']}{last}")
        percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                                 showErrorMessage=True, errorTitle="进度", error="进度为 0–100 的整数")
        percent.add(f"{col['进度(%)']}2:{col['进度(%)']}{last}")
        when = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                              showErrorMessage=True, errorTitle="反馈日期", error="请填写日期，如 2022-09-15")
        when.add(f"{col['反馈日期']}2:{col['反馈日期']}{last}")
        for dv in (status_list, percent, when):
            ws.add_data_validation(dv)
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    notes = wb.create_sheet("填报说明")
    for line in (
        f"{quarter} 重点工作台账填报表",
        "只填写黄色表头的列：填报单位、进度(%)（0–100 的整数）、办理状态（下拉选择）、反馈内容、反馈日期。",
        "灰色表头的列由督办部门维护，修改无效；请勿增删列或更改工作表名称“台账”。",
        "办理状态选“待复核”表示申请办结，此时进度应为 100。",
        "同一行重复导入不会重复登记。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(views)


# ------------------------------------------------------------------------------------------- import
@dataclass(frozen=True)
class RowError:
    """One problem: the sheet row (1 = header; None for the workbook) and column it is in."""

    row: int | None
    column: str | None
    message: str


@dataclass
class ImportReport:
    applied: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    """Rows applied by an earlier import (same content): not applied again."""
    unchanged: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "skipped": self.skipped, "unchanged": self.unchanged,
                "errors": [e.__dict__ for e in self.errors]}


@dataclass(frozen=True)
class RowRequest:
    """What a valid row asks for."""

    row: int
    entry_id: int
    unit: str
    progress: int | None
    status: str | None
    text: str
    reported_on: dt.date | None

    def digest(self) -> str:
        data = [self.entry_id, self.unit, self.progress, self.status, self.text,
                self.reported_on.isoformat() if self.reported_on else None]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _int(value: Any) -> int | None:
    """An integer from a cell (60, 60.0, "60", "60%"); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value).rstrip("%").strip()
    return int(text) if text.isdigit() else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                return None
        return None


def _read(path: Path, errors: list[RowError]) -> list[tuple[int, dict[str, Any]]] | None:
    """The sheet's data rows as ``(row number, {header: value})``; None (with errors) if unusable."""
    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        errors.append(RowError(None, None, f"无法读取工作簿（{type(exc).__name__}）：请上传导出的 .xlsx 文件"))
        return None
    if SHEET not in wb.sheetnames:
        errors.append(RowError(None, None, f"工作簿中没有“{SHEET}”工作表（现有：{'、'.join(wb.sheetnames)}）"))
        return None
    rows = list(wb[SHEET].iter_rows(values_only=True))
    header = [_text(h) for h in (rows[0] if rows else ())]
    missing = [name for name in REQUIRED if name not in header]
    for name in missing:
        errors.append(RowError(1, name, f"缺少列“{name}”"))
    if missing:
        return None
    out = []
    for n, values in enumerate(rows[1:], start=2):
        cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header) if name}
        if all(_text(cells.get(name)) == "" for name in REQUIRED):
            continue
        out.append((n, cells))
    return out


def _untouched(session: Session, cells: dict[str, Any]) -> bool:
    """A row of an unassigned entry left as exported: no unit, no report, progress as it was."""
    if any(_text(cells.get(name)) for name in ("填报单位", "办理状态", "反馈内容", "反馈日期")):
        return False
    entry_id = _int(cells.get("编号"))
    entry = session.get(WorkEntry, entry_id) if entry_id is not None else None
    progress = _text(cells.get("进度(%)"))
    return entry is not None and (not progress or _int(cells.get("进度(%)")) == entry.progress)


def _validate(
    session: Session, n: int, cells: dict[str, Any], today: dt.date, errors: list[RowError]
) -> RowRequest | None:
    """Check one row against the ledger; record every problem; the request if the row is valid."""
    before = len(errors)
    entry = None
    entry_id = _int(cells.get("编号"))
    if entry_id is None:
        errors.append(RowError(n, "编号", f"编号应为整数，收到 {_text(cells.get('编号')) or '空'}"))
    else:
        try:
            entry = service.get_entry(session, entry_id)
        except WorkError:
            errors.append(RowError(n, "编号", f"没有编号为 {entry_id} 的事项"))
    unit_name = _text(cells.get("填报单位"))
    if not unit_name:
        errors.append(RowError(n, "填报单位", "填报单位为空"))
    elif session.scalar(select(Unit.id).where(Unit.name == unit_name)) is None:
        errors.append(RowError(n, "填报单位", f"没有单位“{unit_name}”"))
    elif entry is not None:
        owners = service.units_of(entry)
        unit_id = session.scalar(select(Unit.id).where(Unit.name == unit_name))
        if unit_id != owners.lead and unit_id not in owners.cooperating:
            errors.append(RowError(n, "填报单位", f"“{unit_name}”不是事项 {entry.id} 的牵头或配合单位，不能填报"))
    raw_progress = cells.get("进度(%)")
    progress = None
    if _text(raw_progress):
        progress = _int(raw_progress)
        if progress is None or not 0 <= progress <= 100:
            errors.append(RowError(n, "进度(%)", f"进度应为 0–100 的整数，收到 {_text(raw_progress)}"))
            progress = None
    status = _text(cells.get("办理状态")) or None
    if status is not None and status not in UNIT_STATUSES:
        errors.append(RowError(n, "办理状态", f"办理状态应为 {'、'.join(UNIT_STATUSES)} 之一，收到 {status}"))
    if status == Status.PENDING_REVIEW.label and progress is not None and progress != 100:
        errors.append(RowError(n, "进度(%)", "申请办结（待复核）时进度应为 100"))
    reported_on = None
    if _text(cells.get("反馈日期")):
        reported_on = _date(cells.get("反馈日期"))
        if reported_on is None:
            errors.append(RowError(n, "反馈日期", f"日期无效：{_text(cells.get('反馈日期'))}（应为 2022-09-15 这样的日期）"))
        elif reported_on > today:
            errors.append(RowError(n, "反馈日期", f"反馈日期 {reported_on.isoformat()} 晚于今天"))
    if len(errors) > before or entry is None:
        return None
    return RowRequest(n, entry.id, unit_name, progress, status, _text(cells.get("反馈内容")), reported_on)


def _changes(session: Session, req: RowRequest) -> bool:
    """Whether the row asks for anything the entry does not already have."""
    entry = service.get_entry(session, req.entry_id)
    current = Status(entry.status).label
    return bool(req.text) or (req.progress is not None and req.progress != entry.progress) or (
        req.status is not None and req.status != current)


def _apply(session: Session, actor: service.ActorLike, req: RowRequest, channel: str, now: dt.datetime) -> None:
    """Apply one row through the service, as the row's unit; raises WorkError if a rule refuses it."""
    entry = service.get_entry(session, req.entry_id)
    kw: dict[str, Any] = {"on_behalf_of": req.unit, "now": now}
    if entry.status == Status.ASSIGNED.value:
        lead = entry.lead_unit.name if entry.lead_unit else None
        if req.unit != lead:
            raise InvalidTransition(f"事项 {entry.id} 的牵头单位尚未签收，配合单位暂不能填报",
                                    f"entry {entry.id} is not yet signed for by its lead unit")
        service.acknowledge(session, actor, entry.id, note="通过 Excel 填报签收", **kw)
    if req.status == Status.PENDING_REVIEW.label:
        service.report_done(session, actor, entry.id, note=req.text or None, channel=channel, **kw)
        return
    wants_progress = req.progress is not None and (
        req.progress != entry.progress or req.status == Status.IN_PROGRESS.label)
    if wants_progress or (req.status == Status.IN_PROGRESS.label and entry.status == Status.ACKNOWLEDGED.value):
        value = req.progress if req.progress is not None else entry.progress
        service.report_progress(session, actor, entry.id, value, note=req.text or None, channel=channel,
                                reported_on=req.reported_on, **kw)
    elif req.text:
        service.add_feedback(session, actor, entry.id, req.text, channel=channel, reported_on=req.reported_on, **kw)


def import_workbook(
    session: Session, actor: service.ActorLike, path: Path, *, now: dt.datetime | None = None
) -> ImportReport:
    """Validate every row, apply the valid ones in the caller's transaction, report the rest.

    A row that passes validation but is refused by a workflow rule when applied (e.g. progress on
    a closed entry, a unit editor reporting for another unit) becomes an error of that row and
    leaves nothing behind; the other rows still apply.
    """
    now = now or utcnow()
    report = ImportReport()
    rows = _read(path, report.errors)
    if rows is None:
        return report
    today = local_date(now)
    requests = []
    for n, cells in rows:
        if _untouched(session, cells):
            report.unchanged.append(n)
        elif (req := _validate(session, n, cells, today, report.errors)) is not None:
            requests.append(req)
    seen: set[str] = set()
    act = service.actor_of(actor)
    for req in requests:
        digest = req.digest()
        if digest in seen or session.scalar(select(WorkImport.id).where(WorkImport.row_hash == digest)):
            report.skipped.append(req.row)
            continue
        seen.add(digest)
        if not _changes(session, req):
            report.unchanged.append(req.row)
            continue
        savepoint = session.begin_nested()
        try:
            _apply(session, actor, req, "excel", now)
            unit_id = session.scalar(select(Unit.id).where(Unit.name == req.unit))
            session.add(WorkImport(row_hash=digest, entry_id=req.entry_id, unit_id=unit_id, filename=path.name,
                                   row=req.row, actor=act.username, at=now))
            session.flush()
            savepoint.commit()
            report.applied.append(req.row)
        except WorkError as exc:
            savepoint.rollback()
            report.errors.append(RowError(req.row, None, exc.zh))
    report.unchanged.sort()
    report.errors.sort(key=lambda e: (e.row or 0, HEADERS.index(e.column) if e.column in HEADERS else 99))
    return report
