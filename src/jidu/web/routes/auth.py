"""Logging in and out, and the language switch."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from jidu.web.deps import current_user, get_db, lang_of, render
from jidu.web.messages import translate
from jidu.web.security import end_session, start_session
from jidu.work import service
from jidu.work.errors import AuthenticationFailed
from jidu.work.models import User

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a local path may follow a login (no open redirect to another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str | None = None, user: User | None = Depends(current_user)) -> Response:
    return render(request, "login.html", {"user": user, "next": safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=256),
    next: str = Form("/"),
    db: Session = Depends(get_db),
) -> Response:
    try:
        user = service.authenticate(db, username.strip(), password)
    except AuthenticationFailed:
        message = translate("login.failed", lang_of(request))
        return render(request, "login.html", {"user": None, "next": safe_next(next), "error": message}, 401)
    start_session(request, user.username)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    end_session(request)
    return RedirectResponse("/login", status_code=303)
