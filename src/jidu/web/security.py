"""Sessions, CSRF tokens and security headers.

Readouts are untrusted input (a news page can carry anything), so the browser is told to run
only scripts served by the app itself: the CSP allows ``script-src 'self'`` and nothing inline,
templates carry no inline scripts or ``on*`` attributes, and Jinja2 escapes every value.  Styles
allow ``'unsafe-inline'`` only because ECharts builds its tooltips with style attributes; styles
cannot run code.

Sessions are Starlette's signed cookies (itsdangerous), HttpOnly and SameSite=Lax.  Every
state-changing request must carry the session's CSRF token, in the form field ``csrf_token`` or
the ``X-CSRF-Token`` header (JSON API); SameSite alone does not stop same-site attackers.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException, Request

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class SecurityHeadersMiddleware:
    """Pure ASGI middleware adding the security headers to every HTTP response (pages, JSON, files)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (so a login form already has one)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def tokens_match(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; a missing token on either side never matches."""
    return bool(expected) and bool(given) and secrets.compare_digest(str(expected), str(given))


async def verify_csrf(request: Request) -> None:
    """FastAPI dependency: refuse a state-changing request without the session's token (403).

    The token comes from the ``X-CSRF-Token`` header or, for HTML forms, the ``csrf_token``
    field; the form is parsed once and cached by Starlette, so the endpoint can read it again.
    """
    if request.method in SAFE_METHODS:
        return
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not tokens_match(request.session.get("csrf"), given):
        raise HTTPException(status_code=403, detail="csrf")


def start_session(request: Request, username: str) -> None:
    """Log a user in: a fresh session (no fixation) with their name and a new CSRF token."""
    lang = request.session.get("lang")
    request.session.clear()
    request.session["user"] = username
    request.session["csrf"] = secrets.token_urlsafe(32)
    if lang:
        request.session["lang"] = lang


def end_session(request: Request) -> None:
    request.session.clear()
