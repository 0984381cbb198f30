"""Analysis pages: compare quarters, trends (domains and terms), people, search."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from jidu.analysis import terms, trends
from jidu.ledger import queries
from jidu.web import cache
from jidu.web.deps import get_db, render, require_user
from jidu.work.models import User

router = APIRouter()

QUARTER_PATTERN = r"^\d{4}[Qq][1-4]$"


OCCURRENCES_SHOWN = 200
"""The trends page lists a term's latest occurrences up to this many (and says how many there are)."""
COMPARE_ALL_ORGANS = 20
"""The compare page opens on the latest two quarters of every organ when they hold at most this many
meetings; on a larger ledger it opens on the newest meeting's organ (every item of two quarters of a
hundred cities is a quarter of a million comparisons), and any organ, or all, can be chosen."""
TERM_COLUMNS = 12
"""Quarters (columns) of the trends page's term table: the latest ones; the total and the chart
cover every quarter."""
PEOPLE_COLUMNS = 12
"""Meetings (columns) the attendance matrix shows by default: the latest quarters holding at most
this many meetings; a ledger that small or smaller is shown whole, a larger one by ``from``/``to``."""


def domain_shares(db: Session, start: str | None = None, end: str | None = None) -> trends.DomainShares:
    """The quarters' deployed items by policy domain (counted by the database, kept while the ledger is unchanged)."""
    return cache.cached(db, "domain_shares", (start, end), cache.ledger_version(db),
                        lambda: queries.domain_shares(db, start, end))


def term_table(db: Session) -> terms.TermTable:
    """The term x quarter table, kept while the ledger is unchanged."""
    return cache.cached(db, "term_table", None, cache.ledger_version(db), lambda: queries.term_table(db))


@dataclass(frozen=True)
class PeopleWindow:
    start: str | None
    end: str | None
    organ: str | None
    partial: bool


def people_window(db: Session, start: str | None, end: str | None, organ: str | None) -> PeopleWindow:
    """What the people page shows: what was asked, else the whole ledger when it is small, else the
    latest quarters (of the newest meeting's organ when the ledger has several) holding at most
    :data:`PEOPLE_COLUMNS` meetings."""
    if start or end or queries.count_meetings(db, organ=organ) <= PEOPLE_COLUMNS:
        return PeopleWindow(start, end, organ, False)
    per_quarter = queries.meetings_per_quarter(db, organ)
    if not organ and per_quarter and per_quarter[-1][1] > PEOPLE_COLUMNS:
        newest = queries.list_meetings(db, newest_first=True, limit=1)
        organ = newest[0].organ if newest else None
        per_quarter = queries.meetings_per_quarter(db, organ)
    chosen: str | None = None
    seen = 0
    for quarter, n in reversed(per_quarter):
        if chosen is not None and seen + n > PEOPLE_COLUMNS:
            break
        chosen, seen = quarter, seen + n
    return PeopleWindow(chosen, None, organ, True)


@router.get("/compare")
def compare(
    request: Request,
    a: str | None = Query(None, pattern=QUARTER_PATTERN),
    b: str | None = Query(None, pattern=QUARTER_PATTERN),
    organ: str | None = Query(None, max_length=64),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    quarters = queries.quarters(db)
    if not a and not b and len(quarters) >= 2:
        a, b = quarters[-2], quarters[-1]
        if not organ and queries.count_meetings(db, a, b) > COMPARE_ALL_ORGANS:
            newest = queries.list_meetings(db, newest_first=True, limit=1)
            organ = newest[0].organ if newest else None
    diff = queries.compare_quarters(db, a, b, organ or None) if a and b else None
    organs = queries.organs(db)
    return render(request, "compare.html", {
        "user": user, "quarters": quarters, "a": (a or "").upper(), "b": (b or "").upper(), "diff": diff,
        "organs": organs, "organ": organ or "",
    })


@router.get("/trends")
def trends_page(
    request: Request,
    term: str | None = Query(None, max_length=40),
    q: str | None = Query(None, max_length=40),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    shares = domain_shares(db)
    table = term_table(db)
    rows = [r for r in table.rows if not q or q.strip() in r.term]
    chosen = term or (rows[0].term if rows else None)
    chosen_row = next((r for r in table.rows if r.term == chosen), None)
    occurrences = queries.term_occurrences(db, chosen, latest=OCCURRENCES_SHOWN) if chosen else []
    total = queries.count_term_occurrences(db, chosen) if chosen else 0
    chart = {
        "domains": shares.as_dict(),
        "term": {
            "term": chosen, "quarters": table.quarters,
            "counts": trends.term_series(chosen_row.by_quarter, table.quarters) if chosen_row else [],
        },
    }
    return render(request, "trends.html", {
        "user": user, "shares": shares, "table": table, "rows": rows, "term": chosen, "q": q or "",
        "occurrences": occurrences, "chart": chart, "occurrences_total": total,
        "quarters_shown": table.quarters[-TERM_COLUMNS:],
    })


@router.get("/people")
def people(
    request: Request,
    name: str | None = Query(None, max_length=32),
    start: str | None = Query(None, alias="from", pattern=QUARTER_PATTERN),
    end: str | None = Query(None, alias="to", pattern=QUARTER_PATTERN),
    organ: str | None = Query(None, max_length=64),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    window = people_window(db, start, end, organ or None)
    matrix = queries.attendance_matrix(db, window.start, window.end, window.organ)
    rows = [p for p in matrix.people if not name or name.strip() in p.name]
    return render(request, "people.html", {
        "user": user, "matrix": matrix, "rows": rows, "name": name or "", "partial": window.partial,
        "start": (window.start or "").upper(), "end": (window.end or "").upper(), "organ": window.organ or "",
    })


@router.get("/people/{name}")
def person(request: Request, name: str, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Response:
    history = queries.person_history(db, name)
    if not history:
        raise HTTPException(404)
    return render(request, "person.html", {"user": user, "name": name, "history": history})


@router.get("/search")
def search(
    request: Request,
    q: str = Query("", max_length=100),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    hits = queries.search(db, q) if q.strip() else []
    return render(request, "search.html", {"user": user, "q": q.strip(), "hits": hits})
