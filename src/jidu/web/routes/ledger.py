"""The ledger board (督办台账), an entry's page, and the action forms."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jidu.analysis.domains import LABELS
from jidu.web import actions, cache
from jidu.web.app import status_for
from jidu.web.deps import error_text, flash, get_db, lang_of, render, require_user
from jidu.web.messages import translate
from jidu.work import queries as work_queries
from jidu.work import service
from jidu.work.clock import is_past_deadline
from jidu.work.errors import WorkError
from jidu.work.lifecycle import RUNNING, STATUS_LABELS, Action, Status
from jidu.work.lights import LightSettings
from jidu.work.models import User, WorkEntry
from jidu.work.permissions import Role
from jidu.work.scorecard import UnitScore

router = APIRouter()

QUARTER_PATTERN = r"^\d{4}[Qq][1-4]$"


def board_quarters(views: list[work_queries.EntryView]) -> list[str]:
    return sorted({v.entry.quarter for v in views}, reverse=True)


BOARD_PAGE = 200
"""Entries per page of the board; a quarter of a city's ledger fits on one page."""
SCORECARD_TTL = 60.0
"""Seconds a quarter's scorecard is reused while no entry changed: lights move with the clock."""
SCORECARD_SHOWN = 100
"""Units the board's scorecard lists (the best ranked); the API gives the whole ranking."""


def quarter_scorecard(db: Session, quarter: str | None, now: dt.datetime, settings: LightSettings) -> list[UnitScore]:
    """The scorecard of a quarter (of every quarter when None), counted by the database and kept while
    no entry changed (see :mod:`jidu.web.cache`).

    Lights move with the clock, so the answer is kept at most :data:`SCORECARD_TTL` seconds, unless
    every running entry of the quarter is past its deadline: such entries stay red and overdue
    whatever the time, so the scorecard of a finished quarter is kept until an entry changes.
    """
    q = quarter.upper() if quarter else None
    running = select(func.max(WorkEntry.deadline)).where(WorkEntry.status.in_([s.value for s in RUNNING]))
    last_deadline = db.scalar(running.where(WorkEntry.quarter == q) if q else running)
    settled = last_deadline is None or is_past_deadline(last_deadline, now)
    return cache.cached(
        db, "scorecard", (q, settings, settled), cache.work_version(db),
        lambda: work_queries.quarter_scorecard(db, q, now=now, settings=settings),
        ttl=None if settled else SCORECARD_TTL,
    )


@router.get("/board")
def board(
    request: Request,
    quarter: str | None = Query(None, pattern=r"^(\d{4}[Qq][1-4])?$"),
    unit: str | None = Query(None, max_length=64),
    status: str | None = Query(None, max_length=20),
    domain: str | None = Query(None, max_length=32),
    light: str | None = Query(None, pattern=r"^(green|yellow|red)?$"),
    overdue: bool = False,
    page: int = Query(1, ge=1, le=100_000),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    from jidu.work.clock import utcnow

    now, settings = utcnow(), service.light_settings(db)
    version = cache.work_version(db)
    quarters = cache.cached(db, "entry_quarters", None, version, lambda: work_queries.entry_quarters(db))
    if quarter is None and quarters:
        quarter = quarters[0]
    if unit is None and user.role == Role.UNIT_EDITOR.value and user.unit is not None:
        unit = user.unit.name
    statuses = [status] if status in {s.value for s in Status} else []
    filters: dict[str, Any] = {"quarter": quarter or None, "unit": unit or None, "status": statuses,
                               "domain": domain or None}
    if light or overdue:  # filtered on computed lights: list them all, then take the page
        matching = work_queries.list_entries(db, **filters, light=light or None, overdue=True if overdue else None,
                                             now=now, settings=settings)
        total = len(matching)
        views = matching[(page - 1) * BOARD_PAGE:page * BOARD_PAGE]
    else:
        total = work_queries.count_entries(db, **filters)
        views = work_queries.list_entries(db, **filters, now=now, settings=settings, limit=BOARD_PAGE,
                                          offset=(page - 1) * BOARD_PAGE)
    counts = work_queries.quarter_counts(db, quarter or None, now)
    card = quarter_scorecard(db, quarter or None, now, settings)
    pages = max(1, -(-total // BOARD_PAGE))
    return render(request, "board.html", {
        "may_carry": actions.may(user, Action.CARRY) and counts.open > 0, "open_in_quarter": counts.open,
        "user": user, "views": views, "quarters": quarters, "quarter": (quarter or "").upper(), "unit": unit or "",
        "status": status or "", "domain": domain or "", "light": light or "", "overdue": overdue,
        "units": cache.cached(db, "entry_units", None, version, lambda: work_queries.entry_units(db)),
        "statuses": STATUS_LABELS, "domains": LABELS,
        "status_counts": Counter(counts.by_status), "overdue_count": counts.overdue,
        "scorecard": card[:SCORECARD_SHOWN], "scorecard_total": len(card),
        "page": min(page, pages), "pages": pages, "total": total,
    })


@router.get("/entries/{entry_id}")
def entry_page(
    request: Request, entry_id: int, db: Session = Depends(get_db), user: User = Depends(require_user)
) -> Response:
    entry = service.get_entry(db, entry_id)
    settings = service.light_settings(db)
    from jidu.work.clock import utcnow

    view = work_queries.view(entry, utcnow(), settings)
    links = work_queries.links_of(db, entry)
    allowed = actions.available(user, entry)
    units: list[str] = []
    if "assign" in allowed:  # suggestions for the lead / cooperating fields: units already given work
        units = cache.cached(db, "entry_units", None, cache.work_version(db), lambda: work_queries.entry_units(db))
    return render(request, "entry.html", {
        "user": user, "v": view, "e": entry, "d": view.as_dict(), "history": work_queries.history(db, entry),
        "links": links, "may_link": actions.may(user, Action.LINK), "actions": allowed,
        "why_not": None if allowed else actions.why_not(user, entry, lang_of(request)), "statuses": STATUS_LABELS, "domains": LABELS, "all_units": units,
    })


@router.post("/entries/{entry_id}/{action}")
async def entry_action(
    request: Request, entry_id: int, action: str, db: Session = Depends(get_db), user: User = Depends(require_user)
) -> Response:
    form = await request.form()
    data = {k: v for k, v in form.items() if isinstance(v, str)}
    lang = lang_of(request)
    try:
        with db.begin_nested():
            actions.apply(db, user, entry_id, action, data)
    except WorkError as exc:
        flash(request, "error", f"{translate('entry.refused', lang)}：{error_text(exc, lang)}")
        status = status_for(exc)
        if status == 404:
            raise
        # show the refusal on the entry page itself, with a status code a script can check
        response = entry_page(request, entry_id, db, user)
        response.status_code = status
        return response
    flash(request, "ok", translate("entry.done", lang))
    return RedirectResponse(f"/entries/{entry_id}", status_code=303)


def _refusal(request: Request, exc: WorkError, target: str) -> Response:
    """Show a refusal on the page the form came from (303, so a reload does not post again)."""
    lang = lang_of(request)
    flash(request, "error", f"{translate('entry.refused', lang)}：{error_text(exc, lang)}")
    return RedirectResponse(target, status_code=303)


@router.post("/entries/{entry_id}/links/{link_id}")
async def link_decision(
    request: Request, entry_id: int, link_id: int, db: Session = Depends(get_db), user: User = Depends(require_user)
) -> Response:
    form = await request.form()
    try:
        with db.begin_nested():
            actions.decide_link(db, user, link_id, str(form.get("decision", "")), str(form.get("reason", "")) or None)
    except WorkError as exc:
        return _refusal(request, exc, f"/entries/{entry_id}")
    flash(request, "ok", translate("entry.done", lang_of(request)))
    return RedirectResponse(f"/entries/{entry_id}", status_code=303)


@router.post("/board/carry")
async def carry_quarter(request: Request, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Response:
    form = await request.form()
    quarter = str(form.get("quarter", ""))
    target = f"/board?quarter={quarter}"
    try:
        with db.begin_nested():
            n = actions.carry_quarter(db, user, quarter, str(form.get("to_quarter", "")) or None)
    except WorkError as exc:
        return _refusal(request, exc, target)
    flash(request, "ok", f"{translate('board.carried', lang_of(request))}：{n}")
    return RedirectResponse(target, status_code=303)


@router.post("/meetings/{meeting_id}/from-remarks")
def from_remarks(
    request: Request, meeting_id: int, db: Session = Depends(get_db), user: User = Depends(require_user)
) -> Response:
    target = f"/meetings/{meeting_id}"
    try:
        with db.begin_nested():
            n = actions.entries_from_remarks(db, user, meeting_id)
    except WorkError as exc:
        return _refusal(request, exc, target)
    flash(request, "ok", f"{translate('meeting.opened', lang_of(request))}：{n}")
    return RedirectResponse(target + "#entries", status_code=303)
