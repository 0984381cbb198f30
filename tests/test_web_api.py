"""The JSON API: what each route returns, and schemathesis against the OpenAPI document (no 500s)."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from jidu.web.app import SESSION_COOKIE, WebSettings, create_app
from web_support import login, make_client


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def test_openapi_document_lists_the_api(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    paths = set(doc["paths"])
    for path in ("/api/meetings", "/api/meetings/{meeting_id}", "/api/compare", "/api/terms", "/api/people",
                 "/api/search", "/api/entries", "/api/entries/{entry_id}/{action}", "/api/login", "/api/csrf"):
        assert path in paths, path
    assert not any(p.startswith("/board") or p == "/" for p in paths)  # pages are not API


def test_read_routes_answer_what_the_pages_show(client: TestClient) -> None:
    login(client, "guest")
    assert client.get("/api/me").json()["user"]["role"] == "viewer"
    meetings = client.get("/api/meetings").json()
    assert [m["quarter"] for m in meetings] == ["2023Q2", "2023Q3", "2023Q4"]
    assert client.get("/api/meetings", params={"from": "2023Q3"}).json()[0]["quarter"] == "2023Q3"
    meeting = client.get("/api/meetings/2").json()
    assert meeting["presider"]["name"] == "陈立群" and len(meeting["sources"]) == 2
    source = client.get(f"/api/sources/{meeting['sources'][0]['id']}").json()
    start, end = source["provenance"]["presider"][0]
    assert source["text"][start:end] == "陈立群"
    assert client.get("/api/quarters").json() == ["2023Q2", "2023Q3", "2023Q4"]
    diff = client.get("/api/compare", params={"a": "2023Q3", "b": "2023Q4"}).json()
    assert sum(diff["counts"].values()) == len(diff["items"])
    assert client.get("/api/terms/湖港联动").json()[0]["term"] == "湖港联动"
    assert "湖港联动" in {r["term"] for r in client.get("/api/terms").json()["rows"]}
    assert client.get("/api/people/林海涛").json()[0]["roles"] == ["deployer"]
    assert client.get("/api/search", params={"q": "防汛"}).json()[0]["kind"] in ("item", "remark")
    shares = client.get("/api/trends/domains").json()
    assert shares["totals"] == [m["items"] for m in meetings]
    overview = client.get("/api/overview").json()
    assert overview["meetings"] == 3
    entries = client.get("/api/entries", params={"quarter": "2023Q4", "overdue": True}).json()
    assert entries and all(e["overdue"] for e in entries)
    assert client.get("/api/entries/14").json()["actions"] == []


def test_missing_things_are_404_and_bad_parameters_422(client: TestClient) -> None:
    login(client, "guest")
    assert client.get("/api/meetings/999").status_code == 404
    assert client.get("/api/sources/999").status_code == 404
    assert client.get("/api/people/无此人").status_code == 404
    assert client.get("/api/entries/999").status_code == 404
    assert client.get("/api/import/abc").status_code == 404
    assert client.get("/api/compare", params={"a": "2023", "b": "2023Q4"}).status_code == 422
    assert client.get("/api/entries", params={"status": "nope"}).status_code == 422


def test_api_login_refuses_wrong_passwords(client: TestClient) -> None:
    token = client.get("/api/csrf").json()["csrf_token"]
    response = client.post("/api/login", json={"username": "duban", "password": "wrong-password"},
                           headers={"X-CSRF-Token": token})
    assert response.status_code == 401
    assert client.get("/api/me").json() == {"user": None}


# -- schemathesis --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _fuzz_target() -> tuple[object, dict[str, str], dict[str, str]]:
    """One app on a private demo ledger, and the cookie and header of a logged-in supervisor."""
    from web_support import copy_db

    app = create_app(copy_db(Path(tempfile.mkdtemp(prefix="jidu-fuzz-"))), WebSettings(secret_key="fuzz", sync_import=True))
    client = TestClient(app)
    token = login(client, "duban")
    return app, {SESSION_COOKIE: client.cookies[SESSION_COOKIE]}, {"X-CSRF-Token": token}


def test_no_generated_request_gets_a_server_error() -> None:
    """Every operation of the OpenAPI document, a bounded number of generated requests each, as a
    logged-in supervisor with a valid CSRF token (so the requests reach the handlers)."""
    app, cookies, headers = _fuzz_target()
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    statuses: set[tuple[str, int]] = set()
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def check(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers=headers, cookies=cookies)
            statuses.add((case.operation.path, response.status_code))
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])

        check()
    # the requests were logged in and reached the handlers: only a generated login is refused as 401
    assert {code for _, code in statuses} >= {200, 404}
    assert {path for path, code in statuses if code == 401} <= {"/api/login"}
