"""Workflow commands: ``jidu work ...`` (the key-work ledger), ``jidu users ...`` and ``jidu brief``.

Every command that changes the ledger acts as a named user (``--as`` or ``JIDU_USER``) and goes
through :mod:`jidu.work.service`, so the role rules are the same as in the web app.  The CLI
trusts the operating-system account that can open the database to say who it is; when
``JIDU_PASSWORD`` is set, the password is checked as well.  ``--at`` evaluates lights, overdue
and reports as of a Shanghai date (e.g. a bulletin for a past quarter).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from jidu.analysis.domains import LABELS
from jidu.cli.common import console, db_url, err_console, print_json
from jidu.ledger.db import open_db, session_scope
from jidu.work import bulletin as bulletin_mod
from jidu.work import queries, service
from jidu.work.clock import SHANGHAI, UTC, utcnow
from jidu.work.errors import WorkError
from jidu.work.lifecycle import Status, parse_status
from jidu.work.lights import Light
from jidu.work.models import User
from jidu.work.quarters import parse_quarter
from jidu.work.scorecard import scorecard as scorecard_of

work_app = typer.Typer(help="The key-work ledger (台账): entries, assignment, feedback, reminders, reports.",
                       no_args_is_help=True)
users_app = typer.Typer(help="Users and roles (admin, supervisor, unit_editor, viewer).", no_args_is_help=True)

AS_OPT = typer.Option(None, "--as", envvar="JIDU_USER", help="Act as this user (or set JIDU_USER).")
JSON_OPT = typer.Option(False, "--json", help="Print JSON instead of tables.")
AT_OPT = typer.Option(None, "--at", help="Evaluate as of this date (YYYY-MM-DD, end of day in Shanghai).")
FOR_OPT = typer.Option(None, "--for", help="Office users: enter the report on behalf of this unit.")

LIGHT_STYLE = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "bold red"}


def _fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[red]{message}[/red]")
    raise typer.Exit(code)


@contextmanager
def _session() -> Iterator[Session]:
    """One transaction per command; a refusal by the service rolls everything back and exits 1."""
    engine = open_db(db_url())
    try:
        with session_scope(engine) as session:
            yield session
    except WorkError as exc:
        _fail(str(exc))
    finally:
        engine.dispose()


def _user(session: Session, username: str | None) -> User:
    if not username:
        _fail("请用 --as 或 JIDU_USER 指明操作用户 (name the acting user with --as or JIDU_USER)", 2)
    password = os.environ.get("JIDU_PASSWORD")
    if password is not None:
        return service.authenticate(session, username, password)
    return service.get_user(session, username)


def _now(at: str | None) -> dt.datetime:
    """``--at DATE``: the last moment of that day in Shanghai; otherwise the current instant."""
    if not at:
        return utcnow()
    day = _date(at, "--at")
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=SHANGHAI).astimezone(UTC)


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"{name}: 日期格式应为 YYYY-MM-DD，收到 {value!r}", 2)


# -- reading -------------------------------------------------------------------------------------
def _light_text(v: queries.EntryView) -> Text:
    if v.light is None:
        return Text("—")
    return Text(v.light.light.label, style=LIGHT_STYLE[v.light.light])


def _entries_table(views: list[queries.EntryView], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col, kw in (("编号", {"justify": "right", "no_wrap": True}), ("季度", {}),
                    ("事项", {"ratio": 1, "min_width": 20, "overflow": "fold"}), ("领域", {}), ("牵头单位", {}), ("截止", {}),
                    ("状态", {}), ("进度", {"justify": "right", "no_wrap": True}), ("预警", {"min_width": 4})):
        table.add_column(col, **kw)
    for v in views:
        e = v.entry
        table.add_row(str(e.id), e.quarter, e.title, LABELS.get(e.domain, e.domain), v.lead,
                      e.deadline.isoformat(), Text(v.status_label, style="red" if v.overdue else ""),
                      f"{e.progress}%", _light_text(v))
    return table


def list_cmd(
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="Only this quarter, e.g. 2022Q3."),
    unit: str | None = typer.Option(None, "--unit", help="Only entries this unit leads or co-owns."),
    status: list[str] = typer.Option([], "--status", help="Only these statuses (code or Chinese)."),
    domain: str | None = typer.Option(None, "--domain", help="Only this policy domain."),
    light: str | None = typer.Option(None, "--light", help="Only green, yellow or red."),
    overdue: bool = typer.Option(False, "--overdue", help="Only overdue entries."),
    at: str | None = AT_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """List ledger entries with status, progress and light."""
    now = _now(at)
    with _session() as session:
        from jidu.analysis.domains import resolve

        views = queries.list_entries(
            session, quarter=quarter, unit=unit, status=[parse_status(s).value for s in status],
            domain=resolve(domain) if domain else None, light=light, overdue=True if overdue else None, now=now,
        )
        if as_json:
            print_json([v.as_dict() for v in views])
        else:
            console.print(_entries_table(views, f"台账 {quarter or ''}（{len(views)} 项）"))


def show(entry_id: int, at: str | None = AT_OPT, as_json: bool = JSON_OPT) -> None:
    """One entry in full: source, units, light (explained), feedback, evaluation, links and history."""
    now = _now(at)
    with _session() as session:
        entry = service.get_entry(session, entry_id)
        v = queries.view(entry, now, service.light_settings(session))
        hist = queries.history(session, entry)
        links = queries.links_of(session, entry)
        data = v.as_dict() | {
            "feedback": [{"at": f.at.isoformat(), "author": f.author, "unit": f.unit.name if f.unit else None,
                          "progress": f.progress, "text": f.text, "channel": f.channel} for f in entry.feedback],
            "links": [{"id": lk.id, "entry": lk.entry_id, "predecessor": lk.predecessor_id, "kind": lk.kind,
                       "state": lk.state, "similarity": lk.similarity, "evidence": lk.evidence} for lk in links],
            "history": [{"entry": h.entry_id, "at": h.at.isoformat(), "actor": h.actor, "action": h.action,
                         "from": h.from_status, "to": h.to_status, "reason": h.reason, "details": h.details}
                        for h in hist],
        }
        if as_json:
            print_json(data)
            return
        console.print(f"[bold]#{entry.id} {entry.title}[/bold]")
        console.print(f"季度 {entry.quarter} · 领域 {data['domain_label']}"
                      f"{'（人工更正）' if entry.domain_manual else ''} · 来源 {entry.origin}")
        console.print(f"牵头 {v.lead} · 配合 {'、'.join(v.cooperating) or '—'} · "
                      f"{entry.start_date} 至 {entry.deadline} · {v.status_label} · 进度 {entry.progress}%")
        if v.light:
            console.print(Text(v.light.explain(), style=LIGHT_STYLE[v.light.light]))
        if entry.domain_evidence.get("explanation"):
            console.print(f"领域依据：{entry.domain_evidence['explanation']}")
        for lk in data["links"]:
            console.print(f"关联 #{lk['id']}：{lk['entry']} ← {lk['predecessor']}（{lk['kind']}，{lk['state']}）"
                          f"{lk['evidence'] or ''}")
        if entry.evaluation:
            ev = entry.evaluation
            console.print(f"考评：质量 {ev.quality:g} · 时效 {ev.timeliness:g} · 得分 {ev.score:g}")
        table = Table(title="历史 (history)")
        for col in ("事项", "时间", "操作人", "操作", "从", "到", "说明"):
            table.add_column(col)
        for h in hist:
            table.add_row(str(h.entry_id), h.at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"), h.actor, h.action,
                          _status(h.from_status), _status(h.to_status), h.reason or "")
        console.print(table)


def _status(code: str | None) -> str:
    return Status(code).label if code else ""


def due(
    days: int = typer.Option(7, "--days", help="Due within this many days."),
    quarter: str | None = typer.Option(None, "--quarter", "-q"),
    at: str | None = AT_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """The reminder list (催办): due within N days, yellow, red or overdue, grouped by unit."""
    now = _now(at)
    with _session() as session:
        groups = queries.due_list(session, within_days=days, quarter=quarter, now=now)
        if as_json:
            print_json({unit: [v.as_dict() for v in vs] for unit, vs in groups.items()})
            return
        if not groups:
            console.print("没有需要催办的事项。")
        for unit, views in groups.items():
            console.print(_entries_table(views, f"{unit}（{len(views)} 项）"))


def bulletin(
    quarter: str,
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the Markdown bulletin to this file."),
    at: str | None = AT_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """The status bulletin (督查通报) of a quarter: counts by status and light, late units named."""
    now = _now(at)
    with _session() as session:
        b = bulletin_mod.bulletin(session, str(parse_quarter(quarter)), now=now)
    if as_json:
        print_json(b.as_dict())
        return
    text = bulletin_mod.render_markdown(b)
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(f"已写入 {out}")
    else:
        sys.stdout.write(text)


def scorecard(quarter: str, at: str | None = AT_OPT, as_json: bool = JSON_OPT) -> None:
    """The per-unit scorecard of a quarter (赛马场), ranked."""
    now = _now(at)
    with _session() as session:
        rows = scorecard_of(session, str(parse_quarter(quarter)), now=now)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    table = Table(title=f"{quarter} 单位考评排名")
    for col in ("名次", "单位", "牵头", "配合", "办结", "按期办结", "按期率", "待复核", "逾期", "黄灯", "红灯",
                "结转", "平均分"):
        table.add_column(col, justify="left" if col == "单位" else "right")
    for r in rows:
        table.add_row(str(r.rank), r.unit, str(r.owned), str(r.cooperating), str(r.closed), str(r.closed_on_time),
                      f"{r.on_time_rate:.0%}", str(r.pending_review), str(r.overdue), str(r.yellow), str(r.red),
                      str(r.carried_over), "—" if r.average_score is None else f"{r.average_score:g}")
    console.print(table)


# -- changing ------------------------------------------------------------------------------------
def _done(message: str, entry: Any = None, as_json: bool = False, session: Session | None = None) -> None:
    if as_json and entry is not None and session is not None:
        print_json(queries.view(entry, utcnow(), service.light_settings(session)).as_dict())
    else:
        console.print(f"[green]{message}[/green]")


def add(
    title: str,
    quarter: str = typer.Option(..., "--quarter", "-q"),
    lead: str | None = typer.Option(None, "--lead", help="Lead unit (assigns at once)."),
    co: list[str] = typer.Option([], "--co", help="Cooperating unit (repeat)."),
    deadline: str | None = typer.Option(None, "--deadline", help="YYYY-MM-DD (default: quarter's last day)."),
    domain: str | None = typer.Option(None, "--domain"),
    detail: str | None = typer.Option(None, "--detail"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Register an entry by hand (立项)."""
    with _session() as s:
        e = service.create_entry(s, _user(s, user), title, quarter, detail=detail, lead_unit=lead, cooperating=co,
                                 deadline=_date(deadline, "--deadline") if deadline else None, domain=domain)
        _done(f"已立项 #{e.id}", e, as_json, s)


def assign(
    entry_id: int,
    lead: str = typer.Option(..., "--lead", help="Lead unit (牵头单位)."),
    co: list[str] = typer.Option([], "--co", help="Cooperating unit (配合单位), repeat for several."),
    deadline: str | None = typer.Option(None, "--deadline", help="New deadline YYYY-MM-DD."),
    reason: str | None = typer.Option(None, "--reason"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Assign (交办) an entry to a lead unit and cooperating units."""
    with _session() as s:
        e = service.assign(s, _user(s, user), entry_id, lead, co, reason=reason,
                           deadline=_date(deadline, "--deadline") if deadline else None)
        _done(f"#{e.id} 已交办 {lead}", e, as_json, s)


def acknowledge(entry_id: int, note: str | None = typer.Option(None, "--note"), unit: str | None = FOR_OPT,
                user: str | None = AS_OPT, as_json: bool = JSON_OPT) -> None:
    """The lead unit signs for (签收) an assigned entry."""
    with _session() as s:
        e = service.acknowledge(s, _user(s, user), entry_id, note=note, on_behalf_of=unit)
        _done(f"#{e.id} 已签收", e, as_json, s)


def progress(
    entry_id: int,
    percent: int,
    note: str | None = typer.Option(None, "--note", help="What was done (kept as feedback)."),
    done: bool = typer.Option(False, "--done", help="Report the work done (办结报告) for review."),
    unit: str | None = FOR_OPT,
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Report progress in percent; with --done, report the entry done for the office's review."""
    with _session() as s:
        actor = _user(s, user)
        if done:
            if percent != 100:
                _fail("--done 时进度应为 100 (report done with 100)", 2)
            e = service.report_done(s, actor, entry_id, note=note, on_behalf_of=unit)
            _done(f"#{e.id} 已报办结，待复核", e, as_json, s)
        else:
            e = service.report_progress(s, actor, entry_id, percent, note=note, on_behalf_of=unit)
            _done(f"#{e.id} 进度 {percent}%", e, as_json, s)


def feedback(entry_id: int, text: str, unit: str | None = FOR_OPT, user: str | None = AS_OPT,
             as_json: bool = JSON_OPT) -> None:
    """Add feedback (反馈) to an entry."""
    with _session() as s:
        f = service.add_feedback(s, _user(s, user), entry_id, text, on_behalf_of=unit)
        _done(f"#{f.entry_id} 已记录反馈", f.entry, as_json, s)


def review(
    entry_id: int,
    approve: bool = typer.Option(..., "--approve/--reject", help="Approve (close) or send back."),
    reason: str | None = typer.Option(None, "--reason"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Review a done report: --approve closes the entry, --reject sends it back (reason required)."""
    with _session() as s:
        e = service.review(s, _user(s, user), entry_id, approve=approve, reason=reason)
        _done(f"#{e.id} {'复核通过，已办结' if approve else '已退回'}", e, as_json, s)


def close(entry_id: int, reason: str | None = typer.Option(None, "--reason"), user: str | None = AS_OPT,
          as_json: bool = JSON_OPT) -> None:
    """Close an entry off (销号)."""
    with _session() as s:
        e = service.close(s, _user(s, user), entry_id, reason=reason)
        _done(f"#{e.id} 已办结", e, as_json, s)


def reopen(entry_id: int, reason: str = typer.Option(..., "--reason"), user: str | None = AS_OPT) -> None:
    """Reopen a closed entry."""
    with _session() as s:
        e = service.reopen(s, _user(s, user), entry_id, reason=reason)
        _done(f"#{e.id} 已重新打开")


def evaluate(
    entry_id: int,
    quality: float = typer.Option(..., "--quality", help="Quality score 0-100."),
    timeliness: float | None = typer.Option(None, "--timeliness", help="0-100 (default: from the dates)."),
    comment: str | None = typer.Option(None, "--comment"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Score a closed entry (结果考评)."""
    with _session() as s:
        ev = service.evaluate(s, _user(s, user), entry_id, quality, timeliness=timeliness, comment=comment)
        if as_json:
            print_json({"entry": ev.entry_id, "quality": ev.quality, "timeliness": ev.timeliness, "score": ev.score})
        else:
            _done(f"#{ev.entry_id} 考评得分 {ev.score:g}（质量 {ev.quality:g}，时效 {ev.timeliness:g}）")


def carry(
    entry_id: int | None = typer.Argument(None, help="The entry to carry (or use --quarter for all)."),
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="Carry every unfinished entry of it."),
    to: str | None = typer.Option(None, "--to", help="Target quarter (default: the next one)."),
    reason: str | None = typer.Option(None, "--reason"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Carry unfinished work into a later quarter (结转), keeping units, progress and history."""
    if (entry_id is None) == (quarter is None):
        _fail("给出一个事项编号，或 --quarter (give an entry id or --quarter)", 2)
    with _session() as s:
        actor = _user(s, user)
        if entry_id is not None:
            moved = [service.carry_over(s, actor, entry_id, to_quarter=to, reason=reason)]
        else:
            moved = service.carry_quarter(s, actor, quarter or "", to_quarter=to, reason=reason)
        if as_json:
            print_json([{"id": e.id, "from": e.carried_from_id, "quarter": e.quarter} for e in moved])
        else:
            for e in moved:
                console.print(f"#{e.carried_from_id} → #{e.id}（{e.quarter}）")
            console.print(f"[green]已结转 {len(moved)} 项[/green]")


def link(
    entry_id: int | None = typer.Argument(None, help="Entry whose links to show or set."),
    to: int | None = typer.Option(None, "--to", help="Link the entry to this predecessor (confirmed)."),
    confirm: int | None = typer.Option(None, "--confirm", help="Confirm the link with this id."),
    break_: int | None = typer.Option(None, "--break", help="Break the link with this id."),
    suggest: str | None = typer.Option(None, "--suggest", help="Suggest predecessors for a quarter's entries."),
    reason: str | None = typer.Option(None, "--reason"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Continuity links across quarters: show, suggest, confirm, break, or set by hand."""
    with _session() as s:
        if confirm is not None or break_ is not None:
            lk = service.decide_link(s, _user(s, user), confirm if confirm is not None else break_ or 0,
                                     confirm=confirm is not None, reason=reason)
            console.print(f"[green]关联 #{lk.id} {lk.state}[/green]")
            return
        if suggest:
            made = service.relink_quarter(s, _user(s, user), suggest)
            console.print(f"[green]新建议 {len(made)} 条关联[/green]")
            return
        if entry_id is None:
            _fail("给出事项编号 (give an entry id)", 2)
        if to is not None:
            lk = service.link_entries(s, _user(s, user), entry_id, to, reason=reason)
            console.print(f"[green]#{entry_id} ← #{to} 已关联（{lk.id}）[/green]")
            return
        links = queries.links_of(s, service.get_entry(s, entry_id))
        rows = [{"id": lk.id, "entry": lk.entry_id, "entry_quarter": lk.entry.quarter, "predecessor": lk.predecessor_id,
                 "predecessor_quarter": lk.predecessor.quarter, "predecessor_title": lk.predecessor.title,
                 "kind": lk.kind, "state": lk.state, "similarity": lk.similarity, "evidence": lk.evidence}
                for lk in links]
        if as_json:
            print_json(rows)
            return
        table = Table(title=f"#{entry_id} 的关联")
        for col in ("关联", "事项", "前序事项", "季度", "类型", "状态", "相似度", "依据"):
            table.add_column(col)
        for r in rows:
            table.add_row(str(r["id"]), str(r["entry"]), f"#{r['predecessor']} {r['predecessor_title'][:24]}",
                          r["predecessor_quarter"], r["kind"], r["state"],
                          "" if r["similarity"] is None else f"{r['similarity']:.2f}", r["evidence"] or "")
        console.print(table)


def domain(entry_id: int, value: str, reason: str | None = typer.Option(None, "--reason"),
           user: str | None = AS_OPT) -> None:
    """Correct an entry's policy domain (key or Chinese name)."""
    with _session() as s:
        e = service.set_domain(s, _user(s, user), entry_id, value, reason=reason)
        _done(f"#{e.id} 领域改为 {LABELS[e.domain]}")


def from_remarks(meeting_id: int, user: str | None = AS_OPT) -> None:
    """Open requirement entries from a meeting's remark headings (讲话要求)."""
    with _session() as s:
        made = service.entries_from_remarks(s, _user(s, user), meeting_id)
        _done(f"新建 {len(made)} 项：{'、'.join('#' + str(e.id) for e in made)}")


def classify(text: str, as_json: bool = JSON_OPT) -> None:
    """Show the policy domain a text would get, and why (the matched words and every score)."""
    from jidu.analysis.domains import classify as classify_text

    a = classify_text(text)
    if as_json:
        print_json({"domain": a.domain, "label": a.label, "matched": list(a.matched), "scores": a.scores})
    else:
        console.print(a.explain())


def settings(
    yellow_lag: float | None = typer.Option(None, "--yellow-lag"),
    red_lag: float | None = typer.Option(None, "--red-lag"),
    near_days: int | None = typer.Option(None, "--near-days"),
    user: str | None = AS_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Show or change the warning thresholds (admins change them)."""
    with _session() as s:
        values = {"yellow_lag": yellow_lag, "red_lag": red_lag, "near_days": near_days}
        if any(v is not None for v in values.values()):
            current = service.update_light_settings(s, _user(s, user), **{k: v for k, v in values.items()
                                                                          if v is not None})
        else:
            current = service.light_settings(s)
        if as_json:
            print_json(current.as_dict())
        else:
            console.print(f"黄灯：滞后 ≥ {current.yellow_lag:g} 个百分点；红灯：滞后 > {current.red_lag:g} 个百分点"
                          f"或逾期；临近：≤ {current.near_days} 天")


def export_xlsx(
    quarter: str,
    out: Path = typer.Argument(..., help="The .xlsx file to write."),
    unit: str | None = typer.Option(None, "--unit", help="Only this unit's entries (its own workbook)."),
    at: str | None = AT_OPT,
) -> None:
    """Export a quarter's ledger as a workbook for units to fill in (progress, feedback)."""
    from jidu.export.work_xlsx import export_workbook

    with _session() as s:
        n = export_workbook(s, str(parse_quarter(quarter)), out, unit=unit, now=_now(at))
    console.print(f"[green]已导出 {n} 项到 {out}[/green]")


def import_xlsx(path: Path, user: str | None = AS_OPT, as_json: bool = JSON_OPT) -> None:
    """Import a filled-in workbook: every row validated, valid rows applied together, none twice."""
    from jidu.export.work_xlsx import import_workbook

    with _session() as s:
        report = import_workbook(s, _user(s, user), path)
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(f"应用 {len(report.applied)} 行，跳过（已导入）{len(report.skipped)} 行，错误 {len(report.errors)} 条")
        for err in report.errors:
            where = f"第 {err.row} 行" if err.row else "工作簿"
            console.print(f"[red]{where}{' ' + err.column if err.column else ''}：{err.message}[/red]")
    if report.errors:
        raise typer.Exit(1)


# -- users ---------------------------------------------------------------------------------------
def _password(prompt: bool) -> str:
    env = os.environ.get("JIDU_NEW_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty() and not prompt:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def users_add(
    username: str,
    role: str = typer.Option(..., "--role", help="admin, supervisor, unit_editor or viewer."),
    unit: str | None = typer.Option(None, "--unit", help="The unit of a unit editor."),
    name: str | None = typer.Option(None, "--name", help="Display name."),
    user: str | None = AS_OPT,
) -> None:
    """Add a user (the first one must be an admin; after that an admin adds users).

    The password is read from JIDU_NEW_PASSWORD, else from standard input, else prompted.
    """
    with _session() as s:
        actor = _user(s, user) if user else None
        u = service.create_user(s, actor, username, _password(False), role, unit=unit, display_name=name)
        console.print(f"[green]已添加用户 {u.username}（{u.role}）[/green]")


def users_list(as_json: bool = JSON_OPT) -> None:
    """List users with role and unit."""
    with _session() as s:
        rows = [{"username": u.username, "name": u.display_name, "role": u.role,
                 "unit": u.unit.name if u.unit else None, "active": u.active} for u in service.list_users(s)]
    if as_json:
        print_json(rows)
        return
    table = Table(title="用户")
    for col in ("用户名", "姓名", "角色", "单位", "启用"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["username"], r["name"] or "", r["role"], r["unit"] or "", "是" if r["active"] else "否")
    console.print(table)


def users_role(
    username: str,
    role: str,
    unit: str | None = typer.Option(None, "--unit"),
    active: bool | None = typer.Option(None, "--active/--inactive"),
    user: str | None = AS_OPT,
) -> None:
    """Change a user's role (and unit), or deactivate them (admins only)."""
    with _session() as s:
        u = service.set_role(s, _user(s, user), username, role, unit=unit, active=active)
        console.print(f"[green]{u.username}：{u.role}{'（停用）' if not u.active else ''}[/green]")


def users_passwd(username: str, user: str | None = AS_OPT) -> None:
    """Set a password (your own, or anyone's as an admin); read like ``users add``."""
    with _session() as s:
        service.set_password(s, _user(s, user), username, _password(False))
        console.print("[green]密码已更新[/green]")


# -- brief ---------------------------------------------------------------------------------------
def brief(
    quarter: str,
    fmt: str = typer.Option("docx", "--format", "-f", help="docx or md."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (default brief-QUARTER.FORMAT)."),
    at: str | None = AT_OPT,
) -> None:
    """Write the briefing for leaders before the next meeting (DOCX or Markdown)."""
    from jidu.export.brief import build_brief, render_markdown, write_docx

    if fmt not in ("docx", "md"):
        _fail("--format 只能是 docx 或 md", 2)
    q = str(parse_quarter(quarter))
    target = out or Path(f"brief-{q}.{fmt}")
    with _session() as s:
        data = build_brief(s, q, now=_now(at))
    if fmt == "md":
        target.write_text(render_markdown(data), encoding="utf-8")
    else:
        write_docx(data, target)
    console.print(f"[green]已生成 {target}[/green]")


def register(app: typer.Typer) -> None:
    """Add ``work``, ``users`` and ``brief`` to the ``jidu`` app."""
    for name, fn in (("list", list_cmd), ("show", show), ("add", add), ("assign", assign),
                     ("acknowledge", acknowledge), ("progress", progress), ("feedback", feedback),
                     ("review", review), ("close", close), ("reopen", reopen), ("evaluate", evaluate),
                     ("carry", carry), ("link", link), ("domain", domain), ("from-remarks", from_remarks), ("classify", classify),
                     ("due", due), ("bulletin", bulletin), ("scorecard", scorecard), ("settings", settings),
                     ("export", export_xlsx), ("import", import_xlsx)):
        work_app.command(name)(fn)
    for name, fn in (("add", users_add), ("list", users_list), ("role", users_role), ("passwd", users_passwd)):
        users_app.command(name)(fn)
    app.add_typer(work_app, name="work")
    app.add_typer(users_app, name="users")
    app.command("brief")(brief)
