"""What every route needs: a database session, the logged-in user, the language, rendering.

Routes get a session per request (one transaction: committed when the route returns, rolled
back on an exception) through :mod:`jidu.ledger.db`, and call only library functions with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from jidu.ledger.db import session_scope
from jidu.web import format as fmt
from jidu.web.messages import label_of, pick_lang, translate
from jidu.web.security import csrf_token
from jidu.work import service
from jidu.work.errors import WorkError
from jidu.work.models import User

TEMPLATES = Path(__file__).with_name("templates")


class LoginRequired(Exception):
    """Raised by :func:`require_user`; pages redirect to the login form, the API answers 401."""


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on for every template (readout text is untrusted)."""
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.autoescape = True
    env.globals.update(split_span=fmt.split_span, snippet=fmt.snippet, mark_all=fmt.mark_all)
    env.filters["local"] = fmt.local_time
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


def get_db(request: Request) -> Iterator[Session]:
    with session_scope(request.app.state.engine) as session:
        yield session


def lang_of(request: Request) -> str:
    """``?lang=`` wins (and is remembered by a cookie set in the middleware), then the cookie."""
    return pick_lang(request.query_params.get("lang") or request.cookies.get("lang"))


def current_user(request: Request, db: Session = Depends(get_db)) -> User | None:
    username = request.session.get("user")
    if not username:
        return None
    try:
        user = service.get_user(db, str(username))
    except WorkError:
        return None
    return user if user.active else None


def require_user(user: User | None = Depends(current_user)) -> User:
    if user is None:
        raise LoginRequired()
    return user


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A template with the common context: user, language, ``t``, CSRF token, flash messages."""
    lang = lang_of(request)
    flashes = request.session.pop("flash", []) if "flash" in request.session else []
    base = {
        "request": request,
        "lang": lang,
        "t": lambda key: translate(key, lang),
        "status_name": lambda code: label_of("status", code, lang),
        "action_name": lambda code: label_of("action", code, lang),
        "domain_name": lambda key: label_of("domain", key, lang),
        "csrf": csrf_token(request),
        "flashes": flashes,
        "path": request.url.path,
    }
    base.update(context)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, base, status_code=status_code)


def flash(request: Request, kind: str, text: str) -> None:
    """A message shown once on the next page (after a redirect)."""
    messages = list(request.session.get("flash", []))
    messages.append({"kind": kind, "text": text})
    request.session["flash"] = messages[-5:]


def error_text(error: WorkError, lang: str) -> str:
    return error.en if lang == "en" else error.zh
