"""The web application factory: ``create_app(db_url, settings)``.

One FastAPI app serves the server-rendered pages (Jinja2) and the JSON API under ``/api/``
(OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``).  Both read and change the ledger only
through the library (``jidu.ledger.queries``, ``jidu.work.service``...); the role rules are the
workflow service's, so a crafted request is refused exactly like a button press.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from jidu.ledger.db import open_db
from jidu.web.deps import LoginRequired, lang_of, make_templates, render
from jidu.web.jobs import JobRegistry
from jidu.web.messages import LANGS, translate
from jidu.web.security import SecurityHeadersMiddleware, verify_csrf
from jidu.work.errors import WorkError

STATIC = Path(__file__).with_name("static")
SESSION_COOKIE = "jidu_session"


@dataclass
class WebSettings:
    """How the app runs; the defaults suit ``jidu serve`` on a local machine."""

    secret_key: str = field(default_factory=lambda: os.environ.get("JIDU_SECRET") or secrets.token_urlsafe(32))
    """Signs session cookies; set ``JIDU_SECRET`` so sessions survive a restart."""
    https_only: bool = False
    """Mark the session cookie Secure (set it behind HTTPS)."""
    session_max_age: int = 8 * 3600
    max_upload_bytes: int = 5 * 1024 * 1024
    """Per uploaded file."""
    max_upload_files: int = 200
    sync_import: bool = False
    """Ingest uploads before answering (tests); otherwise in a background thread."""


def status_for(error: WorkError) -> int:
    """The HTTP status of a refusal: 403 role, 404 missing, 409 status, 422 bad input."""
    from jidu.work.errors import InvalidTransition, NotFound, PermissionDenied

    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InvalidTransition):
        return 409
    return 422


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "login required"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(WorkError)
    async def work_error(request: Request, exc: WorkError) -> Response:
        status = status_for(exc)
        if _is_api(request):
            return JSONResponse({"detail": exc.en, "detail_zh": exc.zh}, status_code=status)
        lang = lang_of(request)
        return render(request, "error.html", {"message": exc.en if lang == "en" else exc.zh}, status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        lang = lang_of(request)
        key = {403: "error.csrf" if exc.detail == "csrf" else "error.forbidden", 404: "error.not_found"}.get(
            exc.status_code, "error.bad_request")
        return render(request, "error.html", {"message": translate(key, lang)}, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": _plain_errors(exc)}, status_code=422)
        lang = lang_of(request)
        return render(request, "error.html", {"message": translate("error.bad_request", lang)}, 422)


def _plain_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    """Validation errors without the offending input echoed back (it may be huge or binary)."""
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]


class RememberLangMiddleware:
    """Remembers ``?lang=`` in a cookie and marks every page but static files ``no-store``.

    A pure ASGI middleware (it only adds response headers): Starlette's ``BaseHTTPMiddleware``
    runs each request through an extra task and stream, a tenth of a cheap request's time.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra: list[tuple[bytes, bytes]] = []
        chosen = QueryParams(scope.get("query_string", b"").decode("latin-1")).get("lang")
        if chosen in LANGS:
            cookie = Response()
            cookie.set_cookie("lang", chosen, max_age=365 * 86400, samesite="lax", httponly=True)
            extra += [(k, v) for k, v in cookie.raw_headers if k == b"set-cookie"]
        no_store = not scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if no_store and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_url: str, settings: WebSettings | None = None) -> FastAPI:
    """The app for the ledger at ``db_url`` (migrated on start, like every interface)."""
    from jidu.web.routes import api, auth, io, ledger, meetings, views

    settings = settings or WebSettings()
    app = FastAPI(
        title="jidu 季度工作会议台账 API",
        version="1",
        description="The ledger of quarterly work meetings and their key work. Log in with POST /api/login; "
        "state-changing calls need the X-CSRF-Token header (GET /api/csrf).",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.engine = open_db(db_url)
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.jobs = JobRegistry()

    csrf = [Depends(verify_csrf)]
    for module in (auth, meetings, views, ledger, io):
        app.include_router(module.router, dependencies=csrf, include_in_schema=False)
    app.include_router(api.router, prefix="/api", dependencies=csrf)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _install_handlers(app)

    app.add_middleware(RememberLangMiddleware)

    app.add_middleware(
        SessionMiddleware, secret_key=settings.secret_key, session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age, same_site="lax", https_only=settings.https_only,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    return app
