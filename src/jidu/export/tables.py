"""The ledger as flat tables: what CSV files and workbook sheets hold, defined once.

Each :class:`Table` has bilingual column headers (Chinese for the office that prints it, English
for scripts), a column width for spreadsheets, and rows of plain values.  Every row that comes
from a readout carries its ``source_id`` and the ``[start, end)`` span into that source's
normalized text, so any cell can be traced back to the readout that stated it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.ledger.models import Appearance, Meeting, Person, Source, TermOccurrence
from jidu.ledger.queries import quarter_range


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    width: int = 12

    @property
    def header(self) -> str:
        return f"{self.zh} {self.en}"


@dataclass
class Table:
    name: str
    zh: str
    en: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def values(self) -> list[list[Any]]:
        return [[row.get(c.key) for c in self.columns] for row in self.rows]


TRACE = [
    Column("source_id", "来源编号", "Source", 8),
    Column("start", "起", "Start", 7),
    Column("end", "止", "End", 7),
]
MEETING_KEY = [
    Column("meeting_id", "会议编号", "Meeting", 8),
    Column("date", "会议日期", "Date", 12),
    Column("quarter", "季度", "Quarter", 9),
]

MEETINGS = [
    Column("meeting_id", "会议编号", "Meeting", 8),
    Column("date", "会议日期", "Date", 12),
    Column("quarter", "季度", "Quarter", 9),
    Column("organ", "召开机关", "Organ", 12),
    Column("kind", "会议名称", "Kind", 14),
    Column("time_of_day", "时段", "Time", 6),
    Column("form", "会议形式", "Form", 14),
    Column("date_basis", "日期依据", "Date basis", 10),
    Column("presider", "主持", "Presider", 10),
    Column("deployer", "部署", "Deployer", 10),
    Column("sources", "来源数", "Sources", 8),
    Column("remarks", "讲话段数", "Remarks", 8),
    Column("items", "重点工作数", "Items", 8),
    Column("speech_topic", "交流发言主题", "Speech topic", 40),
    Column("conflicts", "来源分歧", "Conflicts", 30),
    Column("source_ids", "来源编号", "Source ids", 12),
]
REMARKS = [
    *MEETING_KEY,
    Column("order", "序号", "Order", 6),
    Column("speaker", "讲话人", "Speaker", 10),
    Column("heading", "小标题", "Heading", 30),
    Column("text", "讲话内容", "Text", 80),
    *TRACE,
]
ITEMS = [
    *MEETING_KEY,
    Column("item_id", "事项编号", "Item", 8),
    Column("order", "序号", "Order", 6),
    Column("speaker", "部署人", "Deployer", 10),
    Column("text", "重点工作", "Key-work item", 80),
    *TRACE,
]
ATTENDANCE = [
    *MEETING_KEY,
    Column("name", "姓名", "Name", 10),
    Column("role", "角色", "Role", 12),
    Column("title", "职务（原文）", "Title as stated", 22),
    *TRACE,
]
SPEECHES = [
    *MEETING_KEY,
    Column("order", "序号", "Order", 6),
    Column("unit", "发言单位", "Unit", 22),
    Column("topic", "发言主题", "Topic", 40),
    *TRACE,
]
TERMS = [
    *MEETING_KEY,
    Column("term", "提法", "Term", 16),
    Column("sentence", "所在句子", "Sentence", 80),
    *TRACE,
]
SOURCES = [
    Column("source_id", "来源编号", "Source", 8),
    Column("meeting_id", "会议编号", "Meeting", 8),
    Column("outlet", "媒体", "Outlet", 14),
    Column("title", "标题", "Title", 50),
    Column("published", "发布时间", "Published", 22),
    Column("script", "字体", "Script", 6),
    Column("format", "格式", "Format", 12),
    Column("path", "文件", "File", 40),
    Column("sha256", "内容哈希", "SHA-256", 20),
]

ROLE_ZH = {"presider": "主持", "deployer": "部署", "also_present": "出席（点名）", "attendee": "出席", "speaker": "讲话"}


def select_meetings(session: Session, start: str | None, end: str | None) -> list[Meeting]:
    start, end = quarter_range(start, end)
    stmt = select(Meeting).order_by(Meeting.date, Meeting.id)
    if start:
        stmt = stmt.where(Meeting.quarter >= start)
    if end:
        stmt = stmt.where(Meeting.quarter <= end)
    return list(session.scalars(stmt))


def _key(m: Meeting) -> dict[str, Any]:
    return {"meeting_id": m.id, "date": m.date.isoformat() if m.date else None, "quarter": m.quarter}


def _trace(row: Any) -> dict[str, Any]:
    return {"source_id": row.source_id, "start": row.start, "end": row.end}


def _role(m: Meeting, role: str) -> str | None:
    return next((a.person.name for a in m.appearances if a.role == role), None)


def _conflicts(m: Meeting) -> str:
    parts = []
    for c in m.conflicts or []:
        values = "; ".join(f"{v['value']} (#{','.join(map(str, v['sources']))})" for v in c["values"])
        parts.append(f"{c['field']}: {values}")
    return " | ".join(parts)


def ledger_tables(session: Session, start: str | None = None, end: str | None = None) -> list[Table]:
    """The ledger (or the quarters ``start``..``end``, inclusive) as the seven export tables."""
    meetings = select_meetings(session, start, end)
    ids = [m.id for m in meetings]
    tables = [
        Table("meetings", "会议", "Meetings", MEETINGS),
        Table("remarks", "讲话", "Remarks", REMARKS),
        Table("items", "重点工作", "Key-work items", ITEMS),
        Table("attendance", "出席", "Attendance", ATTENDANCE),
        Table("speeches", "交流发言", "Speeches", SPEECHES),
        Table("terms", "提法", "Terms", TERMS),
        Table("sources", "来源", "Sources", SOURCES),
    ]
    t = {tb.name: tb for tb in tables}
    for m in meetings:
        key = _key(m)
        t["meetings"].rows.append(
            {
                **key, "organ": m.organ, "kind": m.kind, "time_of_day": m.time_of_day, "form": m.form,
                "date_basis": m.date_basis, "presider": _role(m, "presider"), "deployer": _role(m, "deployer"),
                "sources": len(m.sources), "remarks": len(m.remarks), "items": len(m.items),
                "speech_topic": m.speech_topic, "conflicts": _conflicts(m),
                "source_ids": ",".join(str(s.id) for s in m.sources),
            }
        )
        for r in m.remarks:
            t["remarks"].rows.append(
                {**key, "order": r.order + 1, "speaker": r.speaker, "heading": r.heading, "text": r.text, **_trace(r)}
            )
        for i in m.items:
            t["items"].rows.append(
                {**key, "item_id": i.id, "order": i.order + 1, "speaker": i.speaker, "text": i.text, **_trace(i)}
            )
        for s in m.speeches:
            t["speeches"].rows.append(
                {**key, "order": s.order + 1, "unit": s.unit.name, "topic": s.topic, **_trace(s)}
            )
    if ids:
        rows = session.execute(
            select(Appearance, Person.name)
            .join(Person, Person.id == Appearance.person_id)
            .where(Appearance.meeting_id.in_(ids))
            .order_by(Appearance.meeting_id, Appearance.position)
        )
        by_id = {m.id: m for m in meetings}
        for a, name in rows:
            t["attendance"].rows.append(
                {**_key(by_id[a.meeting_id]), "name": name, "role": ROLE_ZH.get(a.role, a.role), "title": a.title,
                 **_trace(a)}
            )
        for occ in session.scalars(
            select(TermOccurrence).where(TermOccurrence.meeting_id.in_(ids))
            .order_by(TermOccurrence.meeting_id, TermOccurrence.source_id, TermOccurrence.start)
        ):
            t["terms"].rows.append(
                {**_key(by_id[occ.meeting_id]), "term": occ.term, "sentence": occ.sentence, **_trace(occ)}
            )
        for s in session.scalars(select(Source).where(Source.meeting_id.in_(ids)).order_by(Source.id)):
            t["sources"].rows.append(
                {"source_id": s.id, "meeting_id": s.meeting_id, "outlet": s.outlet, "title": s.title,
                 "published": s.published, "script": s.script, "format": s.format, "path": s.path,
                 "sha256": s.sha256}
            )
    # attendance rows are sorted by meeting id above; present them in meeting-date order like the rest
    order = {m.id: n for n, m in enumerate(meetings)}
    for name in ("attendance", "terms", "sources"):
        t[name].rows.sort(key=lambda r: order.get(r["meeting_id"], 0))
    return tables

