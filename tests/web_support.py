"""Shared setup for the web tests: the demo ledger built once, copied per test, logged-in clients."""

from __future__ import annotations

import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from fastapi.testclient import TestClient

from jidu.ledger.db import open_db
from jidu.web.app import WebSettings, create_app
from jidu.web.demo import DEMO_PASSWORD, build_demo

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).with_name("web_fixtures")
HOSTILE = FIXTURES / "hostile_readout.html"
PASSWORD = DEMO_PASSWORD


@lru_cache(maxsize=1)
def template_db() -> Path:
    """The demo ledger (examples ingested, users, a year of work), built once per test run."""
    folder = Path(tempfile.mkdtemp(prefix="jidu-web-tests-"))
    path = folder / "demo.db"
    engine = open_db(f"sqlite:///{path}")
    build_demo(engine, EXAMPLES)
    engine.dispose()
    return path


def copy_db(folder: Path) -> str:
    """A private copy of the demo ledger (tests change it), as a database URL."""
    target = folder / "demo.db"
    shutil.copy(template_db(), target)
    return f"sqlite:///{target}"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": token})
    assert response.status_code == 200, response.text[:500]
    return csrf_of(response.text)


def make_client(folder: Path) -> TestClient:
    """A test client on a private copy of the demo ledger (imports run before the answer)."""
    return TestClient(create_app(copy_db(folder), WebSettings(secret_key="test-secret", sync_import=True)))
