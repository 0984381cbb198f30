"""Ledger commands: ``ingest``, ``meetings``, ``show``, ``diff``, ``terms``, ``people``, ``search``, ``export``.

Each command opens the database named by ``--db`` / ``JIDU_DB`` (migrating it if needed), asks
:mod:`jidu.ledger.queries` or :mod:`jidu.export`, and renders the answer as Rich tables or, with
``--json``, as JSON for scripts.  No command reaches past the library.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich import box
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine

from jidu.analysis.attendance import ROLE_CODES
from jidu.cli.common import console, db_url, err_console, print_json
from jidu.jsonable import jsonable
from jidu.ledger import queries
from jidu.ledger.db import open_db, session_scope
from jidu.ledger.ingest import FileOutcome, IngestReport, Outcome, ingest_paths

FROM_OPT = typer.Option(None, "--from", help="First quarter, e.g. 2022Q1 (inclusive).")
TO_OPT = typer.Option(None, "--to", help="Last quarter, e.g. 2022Q4 (inclusive).")
JSON_OPT = typer.Option(False, "--json", help="Print JSON instead of tables.")

OUTCOME_STYLE = {
    Outcome.INGESTED: "green",
    Outcome.ALREADY_PRESENT: "cyan",
    Outcome.NOT_A_MEETING: "yellow",
    Outcome.ERROR: "red",
}



def _engine() -> Engine:
    return open_db(db_url())


def _fail(message: str) -> NoReturn:
    err_console.print(f"[red]{message}[/red]")
    raise typer.Exit(2)


# -- ingest --------------------------------------------------------------------------------------


def summary_table(report: IngestReport) -> Table:
    """Counts per outcome, then one line per file that was not ingested, with its reason."""
    table = Table(title="Ingest summary", show_lines=False)
    table.add_column("outcome")
    table.add_column("files", justify="right")
    for outcome in Outcome:
        table.add_row(Text(outcome.value, style=OUTCOME_STYLE[outcome]), str(report.count(outcome)))
    return table


def details_table(report: IngestReport) -> Table | None:
    """Files not ingested with their reasons (exact re-ingests are only counted, not listed)."""
    rows = [
        f for f in report.files
        if f.outcome in (Outcome.NOT_A_MEETING, Outcome.ERROR)
        or (f.outcome is Outcome.ALREADY_PRESENT and (f.reason or "").startswith("near-duplicate"))
    ]
    if not rows:
        return None
    table = Table(title="Files not ingested", show_lines=False)
    table.add_column("file", overflow="fold")
    table.add_column("outcome")
    table.add_column("reason", overflow="fold")
    for f in rows:
        table.add_row(f.path, Text(f.outcome.value, style=OUTCOME_STYLE[f.outcome]), f.reason or "")
    return table


def ingest(
    paths: list[Path] = typer.Argument(..., help="Readout files or directories (searched recursively)."),
    as_json: bool = JSON_OPT,
) -> None:
    """Ingest readouts into the ledger: each file all-or-nothing, re-runs add nothing twice."""
    engine = _engine()
    counts = {o: 0 for o in Outcome}
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=err_console, transient=as_json, disable=as_json or not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=None)

        def step(outcome: FileOutcome, done: int, total: int) -> None:
            counts[outcome.outcome] += 1
            line = "  ".join(f"[{OUTCOME_STYLE[o]}]{o.value} {n}[/]" for o, n in counts.items())
            progress.update(task, completed=done, total=total, description=line)

        report = ingest_paths(engine, paths, progress=step)
    if as_json:
        print_json(report.to_json())
    else:
        console.print(summary_table(report))
        details = details_table(report)
        if details is not None:
            console.print(details)
    if not report.ok:
        raise typer.Exit(1)


# -- meetings and show ---------------------------------------------------------------------------


def meetings(from_: str | None = FROM_OPT, to: str | None = TO_OPT, as_json: bool = JSON_OPT) -> None:
    """The meetings in the ledger, by date."""
    with session_scope(_engine()) as session:
        try:
            rows = queries.list_meetings(session, from_, to)
        except ValueError as exc:
            _fail(str(exc))
    if as_json:
        print_json(jsonable(rows))
        return
    table = Table(title=f"Meetings ({len(rows)})", caption="src readouts, rem remarks, conf conflicts",
                  box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    for name, justify in (("id", "right"), ("date", "left"), ("quarter", "left"), ("organ", "left"),
                          ("presider", "left"), ("deployer", "left"), ("src", "right"),
                          ("rem", "right"), ("items", "right"), ("conf", "right")):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(str(r.id), r.date or "?", r.quarter or "?", r.organ, r.presider or "—", r.deployer or "—",
                      str(r.sources), str(r.remarks), str(r.items), str(r.conflicts) if r.conflicts else "")
    console.print(table)


def render_meeting(detail: dict[str, Any]) -> None:
    """The whole meeting, readable in a terminal: header, people, opening, remarks, items, speeches."""
    def person(p: dict[str, Any] | None) -> str:
        return "—" if not p else f"{p['name']}（{p['title']}）" if p.get("title") else p["name"]

    head = Text()
    head.append(f"{detail['date'] or '?'}  {detail['quarter'] or '?'}  {detail['organ']}{detail['kind'] or ''}\n",
                style="bold")
    head.append(f"时段 {detail['time_of_day'] or '—'}   形式 {detail['form'] or '—'}   日期依据 {detail['date_basis'] or '—'}\n")
    head.append(f"主持 presider: {person(detail['presider'])}\n部署 deployer: {person(detail['deployer'])}\n")
    if detail["also_present"]:
        head.append("出席 also present: " + "、".join(person(p) for p in detail["also_present"]) + "\n")
    if detail["attendees"]:
        head.append("市领导 attendees: " + "、".join(p["name"] for p in detail["attendees"]) + "\n")
    console.print(Panel(head, title=f"meeting #{detail['id']}", expand=True))

    sources = Table(title="Sources 来源", show_lines=False)
    for col in ("id", "outlet", "published", "script", "title", "file"):
        sources.add_column(col, overflow="fold")
    for s in detail["sources"]:
        sources.add_row(str(s["id"]), s["outlet"] or "", s["published"] or "", s["script"] or "", s["title"] or "",
                        s["path"])
    console.print(sources)
    if detail["opening"]:
        console.print(Panel(detail["opening"]["text"], title=f"开场 opening — {detail['opening']['speaker'] or ''}"))
    for r in detail["remarks"]:
        title = f"remark {r['order'] + 1}" + (f" — {r['heading']}" if r["heading"] else "")
        where = f"source #{r['source_id']}" + (f" {r['start']}:{r['end']}" if r["start"] is not None else "")
        console.print(Panel(r["text"], title=title, subtitle=where))
    dep = detail["deployment"]
    if dep["items"]:
        items = Table(title=f"重点工作 key-work items — {dep['speaker'] or ''}", show_lines=True)
        items.add_column("#", justify="right")
        items.add_column("item", overflow="fold")
        for i in dep["items"]:
            items.add_row(str(i["order"] + 1), i["text"])
        console.print(items)
    sp = detail["speeches"]
    if sp["units"]:
        console.print("交流发言 speeches: " + "、".join(u["unit"] for u in sp["units"])
                      + (f"（围绕{sp['topic']}）" if sp["topic"] else ""))
    if detail["terms"]:
        console.print("提法 terms: " + "  ".join(f"“{t['term']}”×{t['count']}" for t in detail["terms"]))
    for c in detail["conflicts"]:
        values = "; ".join(f"{v['value']} (sources {', '.join(map(str, v['sources']))})" for v in c["values"])
        console.print(f"[yellow]conflict[/yellow] {c['field']}: {values}")


def show(
    ref: str = typer.Argument(..., help="Meeting id, date (2022-07-01) or quarter (2022Q3)."),
    as_json: bool = JSON_OPT,
) -> None:
    """Show a whole meeting (all meetings of a quarter or date)."""
    with session_scope(_engine()) as session:
        try:
            found = queries.resolve(session, ref)
        except ValueError as exc:
            _fail(str(exc))
        details = [queries.meeting_detail(session, m) for m in found]
    if not details:
        _fail(f"no meeting matches {ref!r}")
    if as_json:
        print_json(details[0] if ref.isdigit() else details)
        return
    for detail in details:
        render_meeting(detail)


def source(
    source_id: int = typer.Argument(..., help="Source id (as shown by show, terms, search)."),
    span: str | None = typer.Option(None, help="START:END span of the text to highlight, e.g. 309:525."),
    as_json: bool = JSON_OPT,
) -> None:
    """A readout as stored, its text with a span highlighted: where a value came from."""
    with session_scope(_engine()) as session:
        try:
            detail = queries.source_detail(session, source_id)
        except LookupError as exc:
            _fail(str(exc))
    bounds: tuple[int, int] | None = None
    if span:
        try:
            start, end = (int(x) for x in span.split(":"))
        except ValueError:
            _fail(f"not a span: {span!r} (write it START:END)")
        if not 0 <= start <= end <= len(detail["text"]):
            _fail(f"span {span} is outside the text (0:{len(detail['text'])})")
        bounds = (start, end)
    if as_json:
        if bounds:
            detail["span"] = {"start": bounds[0], "end": bounds[1], "text": detail["text"][bounds[0] : bounds[1]]}
        print_json(detail)
        return
    body = Text(detail["text"])
    if bounds:
        body.stylize("bold black on yellow", *bounds)
    meta = f"{detail['outlet'] or '?'}  {detail['published'] or ''}  {detail['script'] or ''}  {detail['path']}"
    console.print(Panel(body, title=f"source #{detail['id']}: {detail['title'] or ''}", subtitle=meta))


# -- diff ---------------------------------------------------------------------------------------


STATUS_STYLE = {"continued": "green", "reworded": "cyan", "new": "bold yellow", "dropped": "red"}


def diff(
    a: str = typer.Argument(..., help="First quarter, e.g. 2021Q4."),
    b: str = typer.Argument(..., help="Second quarter, e.g. 2022Q1."),
    organ: str | None = typer.Option(None, help="Only meetings of this organ (e.g. 上海市委)."),
    as_json: bool = JSON_OPT,
) -> None:
    """Compare two quarters: items continued / reworded / new / dropped, terms, people, units."""
    with session_scope(_engine()) as session:
        try:
            result = queries.compare_quarters(session, a, b, organ)
        except ValueError as exc:
            _fail(str(exc))
    for quarter, ids in ((result.a, result.meetings_a), (result.b, result.meetings_b)):
        if not ids:
            err_console.print(f"[yellow]no meeting deploys {quarter} in this ledger[/yellow]")
    if as_json:
        print_json({**jsonable(result), "counts": result.counts()})
        return
    table = Table(title=f"Key-work items {result.a} → {result.b}", show_lines=True)
    table.add_column("status")
    table.add_column("sim", justify="right")
    table.add_column(result.a, overflow="fold", ratio=1)
    table.add_column(result.b, overflow="fold", ratio=1)
    for m in result.items:
        table.add_row(Text(m.status, style=STATUS_STYLE[m.status]), f"{m.similarity:.2f}",
                      m.a.text if m.a else "", m.b.text if m.b else "")
    console.print(table)
    console.print("  ".join(f"{k} {v}" for k, v in result.counts().items()))
    facts = Table(show_header=True, title="Terms, people, units")
    facts.add_column("")
    facts.add_column(f"only {result.a}", overflow="fold")
    facts.add_column("both", overflow="fold")
    facts.add_column(f"only {result.b}", overflow="fold")
    facts.add_row("提法 terms", "、".join(result.terms_disappeared), "、".join(result.terms_kept),
                  "、".join(result.terms_appeared))
    facts.add_row("人员 people", "、".join(result.people_left), "、".join(result.people_stayed),
                  "、".join(result.people_joined))
    only_a = [u for u in result.units_a if u not in result.units_both]
    only_b = [u for u in result.units_b if u not in result.units_both]
    facts.add_row("发言单位 units", "、".join(only_a), "、".join(result.units_both), "、".join(only_b))
    console.print(facts)


# -- terms and people ------------------------------------------------------------------------------


def terms(
    term: str | None = typer.Argument(None, help="A term: list every occurrence with its sentence."),
    from_: str | None = FROM_OPT,
    to: str | None = TO_OPT,
    top: int = typer.Option(40, help="Show the N most used terms."),
    as_json: bool = JSON_OPT,
) -> None:
    """Term frequency by quarter; with TERM, every occurrence with its sentence and source."""
    with session_scope(_engine()) as session:
        try:
            if term:
                hits = queries.term_occurrences(session, term)
            else:
                table_data = queries.term_table(session, from_, to)
        except ValueError as exc:
            _fail(str(exc))
    if term:
        if as_json:
            print_json(jsonable(hits))
            return
        if not hits:
            console.print(f"no occurrence of “{term}”")
            return
        table = Table(title=f"“{term}”: {len(hits)} occurrences", show_lines=True)
        for col in ("date", "quarter", "source", "span"):
            table.add_column(col)
        table.add_column("sentence", overflow="fold")
        for h in hits:
            sentence = Text(h.sentence)
            sentence.highlight_words([term], style="bold yellow")
            table.add_row(h.date or "?", h.quarter or "?", f"#{h.source_id}", f"{h.start}-{h.end}", sentence)
        console.print(table)
        return
    if as_json:
        print_json(jsonable(table_data))
        return
    table = Table(title=f"Terms by quarter ({len(table_data.rows)} terms)")
    table.add_column("term")
    table.add_column("total", justify="right")
    for q in table_data.quarters:
        table.add_column(q, justify="right")
    for row in table_data.rows[:top]:
        table.add_row(row.term, str(row.total), *[str(row.by_quarter.get(q, "")) for q in table_data.quarters])
    console.print(table)


def people(
    name: str | None = typer.Argument(None, help="A person: every meeting attended, in which role."),
    from_: str | None = FROM_OPT,
    to: str | None = TO_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Attendance matrix (people x meetings, roles P D V A S); with NAME, that person's history."""
    with session_scope(_engine()) as session:
        try:
            if name:
                entries = queries.person_history(session, name)
                similar = [] if entries else queries.find_people(session, name)
            else:
                matrix = queries.attendance_matrix(session, from_, to)
        except ValueError as exc:
            _fail(str(exc))
    if name:
        if as_json:
            print_json({"name": name, "meetings": jsonable(entries)})
            return
        if not entries:
            hint = f" (did you mean {'、'.join(similar)}?)" if similar else ""
            console.print(f"{name} appears at no meeting{hint}")
            return
        table = Table(title=f"{name}: {len(entries)} meetings")
        for col in ("date", "quarter", "meeting", "roles", "title as stated", "sources"):
            table.add_column(col)
        for e in entries:
            table.add_row(e.date or "?", e.quarter or "?", str(e.meeting_id), ", ".join(e.roles),
                          "；".join(e.titles), ", ".join(f"#{s}" for s in e.sources))
        console.print(table)
        return
    if as_json:
        print_json(jsonable(matrix))
        return
    table = Table(title="Attendance", caption=" ".join(f"{c}={r}" for r, c in ROLE_CODES.items()),
                  box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1, 0, 0))
    table.add_column("name")
    table.add_column("n", justify="right")
    for col in matrix.meetings:
        table.add_column(f"{col.quarter or '?'}\n{col.date or ''}", justify="center")
    for p in matrix.people:
        table.add_row(p.name, str(p.meetings), *[p.code(c.meeting_id) for c in matrix.meetings])
    console.print(table)


# -- search and export ------------------------------------------------------------------------------


def search(
    query: str = typer.Argument(..., help="Text to find in remarks and key-work items (any length)."),
    limit: int = typer.Option(50, help="At most this many hits."),
    as_json: bool = JSON_OPT,
) -> None:
    """Full-text search over remarks and key-work items, with highlighted snippets."""
    with session_scope(_engine()) as session:
        hits = queries.search(session, query, limit)
    if as_json:
        print_json(jsonable(hits))
        return
    table = Table(title=f"“{query}”: {len(hits)} hits")
    for col in ("date", "quarter", "kind", "#", "source"):
        table.add_column(col)
    table.add_column("snippet", overflow="fold")
    for h in hits:
        snippet = Text(h.snippet.replace("[", "").replace("]", ""))
        snippet.highlight_words([query], style="bold yellow")
        table.add_row(h.date or "?", h.quarter or "?", h.kind, str(h.order + 1), f"#{h.source_id}", snippet)
    console.print(table)


FORMATS = ("json", "jsonl", "csv", "xlsx")
DEFAULT_OUT = {"json": "jidu-ledger.json", "jsonl": "jidu-ledger.jsonl", "csv": "jidu-ledger-csv",
               "xlsx": "jidu-ledger.xlsx"}


def export(
    fmt: str = typer.Option("xlsx", "--format", "-f", help="json, jsonl, csv (a directory, or a .zip) or xlsx."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output path ('-' for stdout with json/jsonl)."),
    from_: str | None = FROM_OPT,
    to: str | None = TO_OPT,
) -> None:
    """Export the ledger (or a quarter range) as JSON, JSON Lines, CSV files or an Excel workbook."""
    from jidu.export import ledger_csv, ledger_json, ledger_xlsx

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    target = out or Path(DEFAULT_OUT[fmt])
    with session_scope(_engine()) as session:
        try:
            queries.quarter_range(from_, to)
        except ValueError as exc:
            _fail(str(exc))
        if fmt in ("json", "jsonl") and str(target) == "-":
            writer = ledger_json.write_jsonl if fmt == "jsonl" else ledger_json.write_json
            writer(session, sys.stdout, from_, to)
            return
        if fmt in ("json", "jsonl"):
            n = ledger_json.write_json_file(session, target, fmt, from_, to)
            summary = f"{n} meetings"
        elif fmt == "csv":
            files = ledger_csv.write_csv(session, target, from_, to)
            summary = f"{len(files)} tables"
        else:
            rows = ledger_xlsx.write_xlsx(session, target, from_, to)
            summary = ", ".join(f"{k} {v}" for k, v in rows.items())
    err_console.print(f"wrote {target} ({summary})")


def register(app: typer.Typer) -> None:
    """Add the ledger commands to the ``jidu`` app."""
    app.command("ingest")(ingest)
    app.command("meetings")(meetings)
    app.command("show")(show)
    app.command("source")(source)
    app.command("diff")(diff)
    app.command("terms")(terms)
    app.command("people")(people)
    app.command("search")(search)
    app.command("export")(export)
