"""Analysis pages: compare quarters, trends (domains and terms), people, search."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from jidu.analysis import trends
from jidu.ledger import queries
from jidu.web.deps import get_db, render, require_user
from jidu.work.models import User

router = APIRouter()

QUARTER_PATTERN = r"^\d{4}[Qq][1-4]$"


def domain_shares(db: Session, start: str | None = None, end: str | None = None) -> trends.DomainShares:
    """The quarters' deployed items by policy domain (items come from the ledger's quarter snapshots)."""
    quarters = [q for q in queries.quarters(db) if (not start or q >= start) and (not end or q <= end)]
    items = [(q, item.text) for q in quarters for item in queries.quarter_snapshot(db, q).items]
    return trends.domain_shares(items)


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
    diff = queries.compare_quarters(db, a, b, organ or None) if a and b else None
    organs = sorted({r.organ for r in queries.list_meetings(db)})
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
    table = queries.term_table(db)
    rows = [r for r in table.rows if not q or q.strip() in r.term]
    chosen = term or (rows[0].term if rows else None)
    occurrences = queries.term_occurrences(db, chosen) if chosen else []
    chosen_row = next((r for r in table.rows if r.term == chosen), None)
    chart = {
        "domains": shares.as_dict(),
        "term": {
            "term": chosen, "quarters": table.quarters,
            "counts": trends.term_series(chosen_row.by_quarter, table.quarters) if chosen_row else [],
        },
    }
    return render(request, "trends.html", {
        "user": user, "shares": shares, "table": table, "rows": rows, "term": chosen, "q": q or "",
        "occurrences": occurrences, "chart": chart,
    })


@router.get("/people")
def people(
    request: Request,
    name: str | None = Query(None, max_length=32),
    db: Session = Depends(get_db),
    user: User = Depends(require_user),
) -> Response:
    matrix = queries.attendance_matrix(db)
    rows = [p for p in matrix.people if not name or name.strip() in p.name]
    return render(request, "people.html", {"user": user, "matrix": matrix, "rows": rows, "name": name or ""})


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
