"""Sessions, CSRF, security headers and escaping of untrusted readout text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jidu.web.security import CSP, tokens_match
from web_support import HOSTILE, csrf_of, login, make_client


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def test_pages_need_a_login(client: TestClient) -> None:
    for path in ("/", "/meetings/1", "/board", "/entries/1", "/trends", "/exports/ledger.json"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    assert client.get("/api/meetings").status_code == 401


def test_security_headers_on_pages_api_and_static(client: TestClient) -> None:
    for path in ("/login", "/api/openapi.json", "/static/app.css"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "duban", "password": "jidu-demo-2023", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "jidu_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_wrong_password_is_refused_with_one_message(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    bad_user = client.post("/login", data={"username": "nobody", "password": "x" * 10, "csrf_token": token})
    bad_pass = client.post("/login", data={"username": "duban", "password": "x" * 10, "csrf_token": token})
    assert bad_user.status_code == bad_pass.status_code == 401
    assert "用户名或密码错误" in bad_user.text and "用户名或密码错误" in bad_pass.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_without_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "duban", "password": "jidu-demo-2023"})
    assert response.status_code == 403
    response = client.post("/login", data={"username": "duban", "password": "jidu-demo-2023", "csrf_token": "forged"})
    assert response.status_code == 403


def test_login_rotates_the_csrf_token_and_logout_ends_the_session(client: TestClient) -> None:
    before = csrf_of(client.get("/login").text)
    after = login(client, "duban")
    assert before != after
    assert client.post("/logout", data={"csrf_token": "wrong"}).status_code == 403
    assert client.post("/logout", data={"csrf_token": after}, follow_redirects=False).status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_redirects_only_to_local_paths(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for target, expected in (("/board", "/board"), ("//evil.example/x", "/"), ("https://evil.example", "/")):
        response = client.post("/login", data={"username": "duban", "password": "jidu-demo-2023",
                                               "csrf_token": token, "next": target}, follow_redirects=False)
        assert response.headers["location"] == expected
        token = csrf_of(client.get("/board").text)


def test_forms_without_token_change_nothing(client: TestClient) -> None:
    login(client, "duban")
    response = client.post("/entries/20/assign", data={"lead": "东湖区委"})
    assert response.status_code == 403
    assert "已交办" not in client.get("/entries/20").text.split("entry-status")[1][:40]


def test_api_calls_need_the_csrf_header(client: TestClient) -> None:
    token = login(client, "duban")
    refused = client.post("/api/entries/20/assign", json={"lead": "东湖区委"})
    assert refused.status_code == 403
    done = client.post("/api/entries/20/assign", json={"lead": "东湖区委"}, headers={"X-CSRF-Token": token})
    assert done.status_code == 200 and done.json()["status"] == "assigned"


def test_tokens_match_is_strict() -> None:
    assert tokens_match("abc", "abc")
    assert not tokens_match("abc", "abd")
    assert not tokens_match(None, None)
    assert not tokens_match("", "")


def test_templates_have_no_inline_scripts_or_handlers() -> None:
    from jidu.web.deps import TEMPLATES

    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path.name
        assert not re.search(r"\son[a-z]+\s*=", text), path.name
        assert "javascript:" not in text, path.name


def _assert_escaped(html: str) -> None:
    """No markup from the readout survives as markup: every tag it carried shows as text."""
    body = html.split("<main>", 1)[1].split("</main>", 1)[0]
    assert "__pwned" in body  # the hostile text is shown ...
    for raw in ("<script>window", "<img src=x", "<svg onload", "<iframe", "<b onmouseover", '<a href="javascript'):
        assert raw not in body  # ... but never as markup
    assert "&lt;" in body  # the tags it carried are shown as text
    scripts = re.findall(r"<script[^>]*>", html)
    assert all('src="/static/' in s for s in scripts), scripts


def test_a_hostile_readout_is_escaped_everywhere(client: TestClient) -> None:
    token = login(client, "duban")
    response = client.post("/import", data={"csrf_token": token},
                           files={"files": (HOSTILE.name, HOSTILE.read_bytes(), "text/html")})
    assert response.status_code == 200 and "已导入" in response.text
    meeting_id = int(re.search(r'href="/meetings/(\d+)"', response.text).group(1))
    pages = [f"/meetings/{meeting_id}", "/search?q=__pwned", "/compare?a=2023Q4&b=2024Q1", "/board?quarter=2024Q1"]
    detail = client.get(f"/api/meetings/{meeting_id}").json()
    pages.append(f"/sources/{detail['sources'][0]['id']}?start=0&end=40")
    entry = client.get("/api/entries", params={"quarter": "2024Q1"}).json()[0]
    pages.append(f"/entries/{entry['id']}")
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        _assert_escaped(page.text)
    # the JSON API returns the text as data, served as JSON (never sniffed as HTML)
    api = client.get(f"/api/meetings/{meeting_id}")
    assert api.headers["content-type"].startswith("application/json")
    assert "<script>" in api.json()["sources"][0]["title"]
