"""The briefing (督办情况简报) a supervision office hands to leaders before the next meeting.

What the quarter deployed, the status of each entry, overdue and carried-over work, per-unit
tables, and what is new compared with the previous quarter.  The content is gathered once into a
:class:`Brief` and rendered twice: Markdown (for screens and mail) and DOCX via python-docx (for
print: A4, title, numbered headings, tables with a header row repeated across pages, page
numbers in the footer, CJK fonts declared for East Asian text).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.analysis.domains import LABELS, TAXONOMY
from jidu.ledger import queries as ledger_queries
from jidu.work import queries
from jidu.work.bulletin import Bulletin, build_bulletin
from jidu.work.clock import local_date, utcnow
from jidu.work.lifecycle import Status
from jidu.work.lights import Light
from jidu.work.models import WorkEntry
from jidu.work.quarters import parse_quarter
from jidu.work.scorecard import UnitScore, build_scorecard
from jidu.work.settings import load_light_settings

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


@dataclass(frozen=True)
class Continued:
    """An entry of this quarter that continues one of an earlier quarter."""

    view: queries.EntryView
    predecessor: WorkEntry
    state: str
    evidence: str


@dataclass
class Brief:
    quarter: str
    previous: str
    as_of: dt.date
    meetings: list[ledger_queries.MeetingRow]
    views: list[queries.EntryView]
    bulletin: Bulletin
    scorecard: list[UnitScore]
    domains: list[tuple[str, int, int]]
    """(domain label, entries this quarter, entries the previous quarter), largest first."""
    attention: list[queries.EntryView] = field(default_factory=list)
    carried_out: list[queries.EntryView] = field(default_factory=list)
    carried_in: list[queries.EntryView] = field(default_factory=list)
    new: list[queries.EntryView] = field(default_factory=list)
    continued: list[Continued] = field(default_factory=list)
    dropped: list[WorkEntry] = field(default_factory=list)
    """Previous quarter's entries that nothing in this quarter continues."""


def build_brief(session: Session, quarter: str, *, now: dt.datetime | None = None) -> Brief:
    """Gather everything the briefing says about ``quarter`` as of ``now``."""
    now = now or utcnow()
    q = parse_quarter(quarter)
    prev = _previous_quarter(session, str(q))
    settings = load_light_settings(session)
    views = queries.list_entries(session, quarter=str(q), now=now, settings=settings)
    prev_entries = session.scalars(select(WorkEntry).where(WorkEntry.quarter == prev)).all()
    counts = Counter(v.entry.domain for v in views)
    prev_counts = Counter(e.domain for e in prev_entries)
    order = [d.key for d in TAXONOMY] + ["other"]
    keys = sorted((k for k in order if counts[k] or prev_counts[k]),
                  key=lambda k: (-counts[k], -prev_counts[k], order.index(k)))
    domains = [(LABELS[k], counts[k], prev_counts[k]) for k in keys]
    brief = Brief(
        quarter=str(q), previous=prev, as_of=local_date(now),
        meetings=ledger_queries.list_meetings(session, str(q), str(q)), views=views,
        bulletin=build_bulletin(str(q), views, now), scorecard=build_scorecard(views), domains=domains,
    )
    continued_ids: set[int] = set()
    for v in views:
        if v.overdue or (v.light is not None and v.light.light is not Light.GREEN):
            brief.attention.append(v)
        if v.entry.status == Status.CARRIED_OVER.value:
            brief.carried_out.append(v)
        if v.entry.origin == "carry":
            brief.carried_in.append(v)
        link = queries.predecessor(session, v.entry)
        if link is None:
            if v.entry.origin != "carry":
                brief.new.append(v)
            continue
        pred = session.get(WorkEntry, link.predecessor_id)
        if pred is not None:
            continued_ids.add(pred.id)
            if v.entry.origin != "carry":
                brief.continued.append(Continued(v, pred, link.state, link.evidence or ""))
    brief.dropped = [e for e in prev_entries if e.id not in continued_ids]
    brief.attention.sort(key=lambda v: (not v.overdue, v.light.light is not Light.RED if v.light else True,
                                        v.entry.deadline, v.entry.id))
    return brief


def _previous_quarter(session: Session, quarter: str) -> str:
    """The latest earlier quarter with entries (the previous meeting), else the calendar one."""
    q = parse_quarter(quarter)
    earlier = [parse_quarter(x) for x in set(session.scalars(select(WorkEntry.quarter))) if parse_quarter(x) < q]
    return str(max(earlier, default=q.previous()))


# ---------------------------------------------------------------------------------------- markdown
def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _owner(v: queries.EntryView) -> str:
    return f"（{v.lead}）" if v.entry.lead_unit else queries.UNASSIGNED


def _light(v: queries.EntryView) -> str:
    return v.light.light.label if v.light else "—"


def _date_cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def clean(s: str) -> str:
        return s.replace("|", "｜")

    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    out += ["| " + " | ".join(clean(c) for c in row) + " |" for row in rows]
    return out + [""]


def sections(b: Brief) -> list[tuple[str, list[str], list[tuple[list[str], list[list[str]]]]]]:
    """The briefing as (heading, paragraphs, tables) triples, shared by both renderings."""
    out = []
    paras = []
    for m in b.meetings:
        paras.append(f"{m.date or '日期不详'}，{m.organ}{m.kind or '季度工作会议'}部署 {m.quarter} 重点工作"
                     f"{'，' + m.deployer + '作部署' if m.deployer else ''}，共 {m.items} 项。")
    if not b.meetings:
        paras.append("台账中没有本季度的会议记录。")
    total = len(b.views)
    paras.append(f"本季度台账共 {total} 项，其中会议部署 {sum(v.entry.origin == 'item' for v in b.views)} 项、"
                 f"讲话要求 {sum(v.entry.origin == 'remark' for v in b.views)} 项、"
                 f"手工立项 {sum(v.entry.origin == 'manual' for v in b.views)} 项、"
                 f"上季度结转 {len(b.carried_in)} 项。")
    out.append(("一、本季度部署概况", paras, [(["政策领域", "本季度", f"上季度（{b.previous}）"],
                                           [[label, str(n), str(p)] for label, n, p in b.domains])]))
    counts = "，".join(f"{Status(k).label} {n} 项" for k, n in b.bulletin.by_status.items() if n)
    lights = "，".join(f"{Light(k).label} {n} 项" for k, n in b.bulletin.by_light.items())
    out.append(("二、事项办理情况", [f"截至{_date_cn(b.as_of)}：{counts or '暂无事项'}。在办事项预警：{lights}；"
                                  f"逾期未办结 {b.bulletin.overdue} 项。"],
                [(["编号", "重点工作", "牵头单位", "截止日期", "状态", "进度", "预警"],
                  [[str(v.entry.id), _short(v.entry.title), v.lead, v.entry.deadline.isoformat(), v.status_label,
                    f"{v.entry.progress}%", _light(v)] for v in b.views])]))
    attention = [f"#{v.entry.id} {_short(v.entry.title, 30)}{_owner(v)}：{v.light.explain() if v.light else ''}"
                 for v in b.attention]
    late_units = "、".join(u.unit for u in b.bulletin.late_units if u.overdue)
    out.append(("三、逾期与预警事项",
                (attention or ["无逾期或预警事项。"]) + ([f"有逾期事项的单位：{late_units}。"] if late_units else []), []))
    carried = [f"#{v.entry.id} {_short(v.entry.title, 30)}{_owner(v)}结转至 {v.entry.carried_to}，进度 {v.entry.progress}%"
               for v in b.carried_out]
    carried += [f"#{v.entry.id} {_short(v.entry.title, 30)}{_owner(v)}由上季度结转（原 #{v.entry.carried_from_id}），"
                f"进度 {v.entry.progress}%" for v in b.carried_in]
    out.append(("四、结转事项", carried or ["本季度无结转事项。"], []))
    out.append(("五、单位办理情况", ["按期办结率、考评平均分、逾期和红灯数依次排序。"],
                [(["名次", "单位", "牵头", "配合", "办结", "按期办结", "逾期", "黄灯", "红灯", "平均分"],
                  [[str(r.rank), r.unit, str(r.owned), str(r.cooperating), str(r.closed), str(r.closed_on_time),
                    str(r.overdue), str(r.yellow), str(r.red), "—" if r.average_score is None else f"{r.average_score:g}"]
                   for r in b.scorecard])]))
    compare = [f"与 {b.previous} 相比：新增 {len(b.new)} 项，延续 {len(b.continued)} 项，"
               f"上季度有 {len(b.dropped)} 项本季度未再部署。"]
    compare += [f"新增：#{v.entry.id} {_short(v.entry.title, 36)}" for v in b.new]
    compare += [f"未再部署：#{e.id} {_short(e.title, 36)}（{e.quarter}）" for e in b.dropped]
    out.append(("六、与上季度相比", compare,
                [(["本季度事项", "延续自", "季度", "依据"],
                  [[f"#{c.view.entry.id} {_short(c.view.entry.title, 24)}", f"#{c.predecessor.id} "
                    f"{_short(c.predecessor.title, 24)}", c.predecessor.quarter,
                    f"{'已确认' if c.state == 'confirmed' else '系统建议'}；{c.evidence}"] for c in b.continued])]
                if b.continued else []))
    return out


def title(b: Brief) -> str:
    return f"{b.quarter} 重点工作督办情况简报"


def render_markdown(b: Brief) -> str:
    lines = [f"# {title(b)}", "", f"截至{_date_cn(b.as_of)}", ""]
    for heading, paras, tables in sections(b):
        lines += [f"## {heading}", ""]
        for p in paras:
            lines += [p, ""]
        for headers, rows in tables:
            if rows:
                lines += _md_table(headers, rows)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------- docx
def _fonts(run_or_style_element: object, east_asian: str, size: float | None = None) -> None:
    """Declare Latin and East Asian fonts on a style or run (python-docx sets only the Latin one)."""
    font = run_or_style_element.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    rpr = run_or_style_element.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _page_number(paragraph: object) -> None:
    """Append 第 PAGE 页 / 共 NUMPAGES 页 as Word fields, filled in by Word or LibreOffice."""
    def field_run(instr: str) -> None:
        run = paragraph.add_run()  # type: ignore[attr-defined]
        for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = text
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            run._r.append(el)

    paragraph.add_run("第 ")  # type: ignore[attr-defined]
    field_run("PAGE")
    paragraph.add_run(" 页 / 共 ")  # type: ignore[attr-defined]
    field_run("NUMPAGES")
    paragraph.add_run(" 页")  # type: ignore[attr-defined]


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _shade(cell: object, color: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    tcpr.append(shd)


TEXT_WIDTH_CM = 16.6


def column_widths(headers: list[str], rows: list[list[str]]) -> list[Cm]:
    """Widths in proportion to each column's longest text (capped), so titles get the room."""
    weights = [max(len(h), *(min(len(r[i]), 28) for r in rows), 4) for i, h in enumerate(headers)]
    total = sum(weights)
    return [Cm(max(1.5, TEXT_WIDTH_CM * w / total)) for w in weights]


def write_docx(b: Brief, path: Path) -> Path:
    """Write the briefing as an A4 Word document."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    _fonts(doc.styles["Normal"], BODY_FONT, 11)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13)):
        style = doc.styles[name]
        _fonts(style, HEADING_FONT, size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = True
    doc.core_properties.title = title(b)
    doc.core_properties.subject = f"{b.quarter} 重点工作台账"

    heading = doc.add_paragraph(title(b), style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"截至{_date_cn(b.as_of)}　督查部门编")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for head, paras, tables in sections(b):
        doc.add_heading(head, level=1)
        for text in paras:
            p = doc.add_paragraph(text)
            p.paragraph_format.first_line_indent = Pt(22)
            p.paragraph_format.space_after = Pt(4)
        for headers, rows in tables:
            if not rows:
                continue
            table = doc.add_table(rows=1, cols=len(headers))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, headers, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                _shade(cell, "D9E2F3")
            _repeat_header(table.rows[0])
            for values in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, values, strict=True):
                    cell.text = text
            table.autofit = False
            widths = column_widths(headers, rows)
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width  # the grid, which LibreOffice reads
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = width  # the cells, which Word reads
            for row in table.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        for run in p.runs:
                            run.font.size = Pt(9.5)
            doc.add_paragraph()

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
