"""The JSON API under ``/api/``: what the pages show, and the ledger actions.

Authentication is the same signed session cookie as the pages (``POST /api/login``); every
state-changing call needs the ``X-CSRF-Token`` header with the token from ``GET /api/csrf`` (or
from the login answer).  Refusals by the workflow come back as 403 (role), 409 (status), 404
or 422, with the message in English (``detail``) and Chinese (``detail_zh``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from jidu.jsonable import jsonable
from jidu.ledger import queries
from jidu.web import actions
from jidu.web.deps import current_user, get_db, require_user
from jidu.web.routes.views import QUARTER_PATTERN, domain_shares, term_table
from jidu.web.security import csrf_token, end_session, start_session
from jidu.work import queries as work_queries
from jidu.work import service
from jidu.work.clock import utcnow
from jidu.work.errors import AuthenticationFailed
from jidu.work.lifecycle import Status
from jidu.work.models import User

router = APIRouter(tags=["jidu"])

Json = dict[str, Any]


class Login(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    password: str = Field(..., min_length=1, max_length=256)


class ActionBody(BaseModel):
    """Fields of a ledger action; each action reads the ones it needs (see the entry page's forms)."""

    lead: str | None = Field(None, max_length=64, description="assign: the lead unit")
    cooperating: list[str] = Field(default_factory=list, max_length=20, description="assign: cooperating units")
    deadline: str | None = Field(None, max_length=10, description="assign: YYYY-MM-DD")
    progress: int | None = Field(None, description="progress: 0-100")
    note: str | None = Field(None, max_length=2000)
    text: str | None = Field(None, max_length=4000, description="feedback text")
    decision: str | None = Field(None, pattern="^(approve|reject)$", description="review")
    reason: str | None = Field(None, max_length=2000)
    quality: float | None = Field(None, description="evaluate: 0-100")
    timeliness: float | None = Field(None, description="evaluate: 0-100")
    comment: str | None = Field(None, max_length=2000)
    to_quarter: str | None = Field(None, pattern=r"^\d{4}[Qq][1-4]$", description="carry")


def _user_json(user: User) -> Json:
    return {"username": user.username, "role": user.role, "unit": user.unit.name if user.unit else None}



# -- session ----------------------------------------------------------------------------------------
@router.get("/csrf")
def get_csrf(request: Request) -> Json:
    """The session's CSRF token (send it back as X-CSRF-Token on POST calls)."""
    return {"csrf_token": csrf_token(request)}


@router.post("/login")
def login(request: Request, body: Login, db: Session = Depends(get_db)) -> Json:
    try:
        user = service.authenticate(db, body.username.strip(), body.password)
    except AuthenticationFailed:
        raise HTTPException(401, "wrong user name or password") from None
    start_session(request, user.username)
    return {"user": _user_json(user), "csrf_token": csrf_token(request)}


@router.post("/logout")
def logout(request: Request) -> Json:
    end_session(request)
    return {"ok": True}


@router.get("/me")
def me(user: User | None = Depends(current_user)) -> Json:
    return {"user": _user_json(user) if user else None}


# -- meetings -------------------------------------------------------------------------------------
@router.get("/overview")
def overview(db: Session = Depends(get_db), _u: User = Depends(require_user)) -> Json:
    return dataclasses.asdict(queries.overview(db))


@router.get("/meetings")
def meetings(
    start: str | None = Query(None, alias="from", pattern=QUARTER_PATTERN),
    end: str | None = Query(None, alias="to", pattern=QUARTER_PATTERN),
    limit: int | None = Query(None, ge=1, le=10_000, description="one page of this many meetings (default: all)"),
    offset: int = Query(0, ge=0, le=10_000_000),
    db: Session = Depends(get_db), _u: User = Depends(require_user),
) -> list[Json]:
    return jsonable(queries.list_meetings(db, start, end, limit=limit, offset=offset))


@router.get("/meetings/{meeting_id}")
def meeting(meeting_id: int, db: Session = Depends(get_db), _u: User = Depends(require_user)) -> Json:
    found = queries.resolve(db, str(meeting_id)) if meeting_id >= 0 else []
    if not found:
        raise HTTPException(404, "no such meeting")
    return queries.meeting_detail(db, found[0])


@router.get("/sources/{source_id}")
def source(source_id: int, db: Session = Depends(get_db), _u: User = Depends(require_user)) -> Json:
    from jidu.ledger import provenance

    try:
        detail = queries.source_detail(db, source_id)
    except LookupError:
        raise HTTPException(404, "no such source") from None
    return {**detail, "provenance": provenance.field_spans(db, source_id)}


@router.get("/quarters")
def quarters(db: Session = Depends(get_db), _u: User = Depends(require_user)) -> list[str]:
    return queries.quarters(db)


@router.get("/compare")
def compare(
    a: str = Query(..., pattern=QUARTER_PATTERN), b: str = Query(..., pattern=QUARTER_PATTERN),
    organ: str | None = Query(None, max_length=64),
    db: Session = Depends(get_db), _u: User = Depends(require_user),
) -> Json:
    diff = queries.compare_quarters(db, a, b, organ or None)
    return {**dataclasses.asdict(diff), "counts": diff.counts()}


@router.get("/trends/domains")
def trends_domains(db: Session = Depends(get_db), _u: User = Depends(require_user)) -> Json:
    return domain_shares(db).as_dict()


@router.get("/terms")
def terms(db: Session = Depends(get_db), _u: User = Depends(require_user)) -> Json:
    return dataclasses.asdict(term_table(db))


@router.get("/terms/{term}")
def term(term: str, db: Session = Depends(get_db), _u: User = Depends(require_user)) -> list[Json]:
    return jsonable(queries.term_occurrences(db, term))


@router.get("/people")
def people(
    start: str | None = Query(None, alias="from", pattern=QUARTER_PATTERN),
    end: str | None = Query(None, alias="to", pattern=QUARTER_PATTERN),
    organ: str | None = Query(None, max_length=64),
    db: Session = Depends(get_db), _u: User = Depends(require_user),
) -> Json:
    return dataclasses.asdict(queries.attendance_matrix(db, start, end, organ or None))


@router.get("/people/{name}")
def person(name: str, db: Session = Depends(get_db), _u: User = Depends(require_user)) -> list[Json]:
    history = queries.person_history(db, name)
    if not history:
        raise HTTPException(404, "no such person")
    return jsonable(history)


@router.get("/search")
def search(
    q: str = Query(..., min_length=1, max_length=100), db: Session = Depends(get_db),
    _u: User = Depends(require_user),
) -> list[Json]:
    return jsonable(queries.search(db, q))


# -- the ledger ----------------------------------------------------------------------------------
@router.get("/entries")
def entries(
    quarter: str | None = Query(None, pattern=QUARTER_PATTERN), unit: str | None = Query(None, max_length=64),
    status: str | None = Query(None, pattern="^(" + "|".join(s.value for s in Status) + ")$"),
    domain: str | None = Query(None, max_length=32), light: str | None = Query(None, pattern="^(green|yellow|red)$"),
    overdue: bool | None = None,
    limit: int | None = Query(None, ge=1, le=100_000, description="one page of this many entries (default: all)"),
    offset: int = Query(0, ge=0, le=100_000_000),
    db: Session = Depends(get_db), _u: User = Depends(require_user),
) -> list[Json]:
    views = work_queries.list_entries(db, quarter=quarter, unit=unit, status=[status] if status else [],
                                      domain=domain, light=light, overdue=overdue, limit=limit, offset=offset)
    return [v.as_dict() for v in views]


def _entry_json(db: Session, user: User, entry_id: int) -> Json:
    entry = service.get_entry(db, entry_id)
    v = work_queries.view(entry, utcnow(), service.light_settings(db))
    return {
        **v.as_dict(),
        "actions": actions.available(user, entry),
        "history": [
            {"at": h.at.isoformat(), "actor": h.actor, "action": h.action, "from": h.from_status,
             "to": h.to_status, "reason": h.reason, "details": h.details, "entry_id": h.entry_id}
            for h in work_queries.history(db, entry)
        ],
        "feedback": [
            {"at": f.at.isoformat(), "author": f.author, "unit": f.unit.name if f.unit else None,
             "progress": f.progress, "text": f.text, "channel": f.channel}
            for f in entry.feedback
        ],
    }


@router.get("/entries/{entry_id}")
def entry(entry_id: int, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Json:
    return _entry_json(db, user, entry_id)


@router.post("/entries/{entry_id}/{action}")
def entry_action(
    entry_id: int, action: str, body: ActionBody, db: Session = Depends(get_db), user: User = Depends(require_user)
) -> Json:
    """Take a ledger action (assign, acknowledge, progress, feedback, report_done, review, close, reopen,
    evaluate, carry); the workflow service checks the role and the status."""
    if action not in actions.WEB_ACTIONS:
        raise HTTPException(404, "no such action")
    data = body.model_dump(exclude_none=True)
    actions.apply(db, user, entry_id, action, data, channel="api")
    return _entry_json(db, user, entry_id)


class LinkDecision(BaseModel):
    decision: str = Field(..., pattern="^(confirm|break)$")
    reason: str | None = Field(None, max_length=2000)


class CarryBody(BaseModel):
    to_quarter: str | None = Field(None, pattern=r"^\d{4}[Qq][1-4]$")


@router.post("/links/{link_id}")
def decide_link(link_id: int, body: LinkDecision, db: Session = Depends(get_db),
                user: User = Depends(require_user)) -> Json:
    """Confirm or break a suggested continuity link (supervisors)."""
    actions.decide_link(db, user, link_id, body.decision, body.reason)
    return {"ok": True}


@router.post("/quarters/{quarter}/carry")
def carry_quarter(quarter: str, body: CarryBody, db: Session = Depends(get_db),
                  user: User = Depends(require_user)) -> Json:
    """Carry every unfinished entry of a quarter into the next (or a named) quarter (supervisors)."""
    if not queries.is_quarter(quarter):
        raise HTTPException(404, "not a quarter")
    return {"carried": actions.carry_quarter(db, user, quarter.upper(), body.to_quarter)}


@router.post("/meetings/{meeting_id}/from-remarks")
def from_remarks(meeting_id: int, db: Session = Depends(get_db), user: User = Depends(require_user)) -> Json:
    """Open requirement entries from a meeting's remarks (supervisors)."""
    return {"opened": actions.entries_from_remarks(db, user, meeting_id)}


@router.get("/quarters/{quarter}/scorecard")
def scorecard(quarter: str, db: Session = Depends(get_db), _u: User = Depends(require_user)) -> list[Json]:
    """Per-unit ranking of a quarter (赛马)."""
    from jidu.web.routes.ledger import quarter_scorecard

    if not queries.is_quarter(quarter):
        raise HTTPException(404, "not a quarter")
    return [s.as_dict() for s in quarter_scorecard(db, quarter.upper(), utcnow(), service.light_settings(db))]


@router.get("/import/{job_id}")
def import_job(job_id: str, request: Request, user: User = Depends(require_user)) -> Json:
    job = request.app.state.jobs.get(job_id)
    if job is None or job.owner != user.username:
        raise HTTPException(404, "no such job")
    return job.as_dict()
