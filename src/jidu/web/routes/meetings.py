"""The front page, the timeline of meetings, a meeting beside its readouts, a readout with a span."""

from __future__ import annotations

from collections import OrderedDict

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from jidu.analysis.domains import LABELS
from jidu.ledger import provenance, queries
from jidu.web import actions
from jidu.web import format as fmt
from jidu.web.deps import get_db, render, require_user
from jidu.work import queries as work_queries
from jidu.work.lifecycle import STATUS_LABELS, Action
from jidu.work.models import User

router = APIRouter()


def filter_meetings(
    rows: list[queries.MeetingRow], organ: str | None, year: str | None
) -> list[queries.MeetingRow]:
    """Meetings of one organ and/or year (the timeline's filters)."""
    return [
        r for r in rows
        if (not organ or r.organ == organ) and (not year or (r.quarter or r.date or "").startswith(year))
    ]


def by_quarter(rows: list[queries.MeetingRow]) -> OrderedDict[str, list[queries.MeetingRow]]:
    """Meetings grouped by quarter, newest quarter first."""
    groups: OrderedDict[str, list[queries.MeetingRow]] = OrderedDict()
    for r in sorted(rows, key=lambda r: (r.quarter or "", r.date or ""), reverse=True):
        groups.setdefault(r.quarter or "—", []).append(r)
    return groups


TIMELINE_PAGE = 200
"""Meetings per timeline page, newest first: a ledger of a few years fits on one page."""


@router.get("/")
def home(
    request: Request,
    organ: str | None = Query(None, max_length=64),
    year: str | None = Query(None, max_length=4),
    page: int = Query(1, ge=1, le=100_000),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    total = queries.count_meetings(db, organ=organ or None, year=year or None)
    pages = max(1, -(-total // TIMELINE_PAGE))
    shown = queries.list_meetings(db, organ=organ or None, year=year or None, newest_first=True,
                                  limit=TIMELINE_PAGE, offset=(min(page, pages) - 1) * TIMELINE_PAGE)
    return render(request, "timeline.html", {
        "user": user, "overview": queries.overview(db), "groups": by_quarter(shown),
        "organs": queries.organs(db), "years": queries.years(db), "organ": organ or "", "year": year or "",
        "page": min(page, pages), "pages": pages, "total": total,
    })


@router.get("/meetings")
def timeline(request: Request) -> Response:
    from fastapi.responses import RedirectResponse

    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/{query}", status_code=307)


@router.get("/meetings/{meeting_id}")
def meeting_page(
    request: Request, meeting_id: int, db: Session = Depends(get_db), user: User = Depends(require_user)
) -> Response:
    found = queries.resolve(db, str(meeting_id)) if meeting_id >= 0 else []
    if not found:
        raise HTTPException(404)
    detail = queries.meeting_detail(db, found[0])
    sources = []
    for s in detail["sources"]:
        src = queries.source_detail(db, s["id"])
        spans = provenance.field_spans(db, s["id"])
        sources.append({**src, "spans": spans, "values": fmt.source_values(spans, src["text"])})
    merged = detail["merged_from"] or {}
    primary = merged.get("primary") or (sources[0]["id"] if sources else None)
    field_source = {name: merged.get(name, primary) for name in ("kind", "quarter", "form", "time_of_day", "date",
                                                                 "organ", "opening", "speeches.topic")}
    prev, nxt = queries.neighbours(db, meeting_id)
    neighbours = {"prev": prev, "next": nxt}
    entries = []
    if detail["quarter"]:
        entries = work_queries.list_entries(db, quarter=detail["quarter"], meeting_id=meeting_id)
    return render(request, "meeting.html", {
        "user": user, "m": detail, "sources": sources, "primary": primary, "field_source": field_source,
        "neighbours": neighbours, "entries": entries, "scalar_fields": fmt.SCALAR_FIELDS,
        "list_fields": fmt.LIST_FIELDS, "span": _span_lookup(sources),
        "compare_rows": fmt.compare_rows([s["values"] for s in sources]), "statuses": STATUS_LABELS, "domains": LABELS,
        "may_open": actions.may(user, Action.CREATE),
    })


def _span_lookup(sources: list[dict]) -> object:
    """``span(source_id, field)``: the field's first span in that source, for templates."""
    by_id = {s["id"]: s["spans"] for s in sources}

    def span(source_id: int | None, name: str) -> tuple[int, int] | None:
        found = provenance.spans_of(by_id.get(source_id, {}), name) if source_id is not None else []
        return (found[0][0], found[-1][1]) if found else None

    return span


@router.get("/sources/{source_id}")
def source_page(
    request: Request,
    source_id: int,
    start: int | None = Query(None, ge=0),
    end: int | None = Query(None, ge=0),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    try:
        src = queries.source_detail(db, source_id)
    except LookupError:
        raise HTTPException(404) from None
    return render(request, "source.html", {
        "user": user, "s": src, "segments": fmt.split_span(src["text"], start, end), "start": start, "end": end,
    })
