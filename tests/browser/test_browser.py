"""The application in a real browser: Playwright driving Debian's chromium (never a downloaded one).

The app runs under uvicorn on a free localhost port in a thread, on a private copy of the demo
ledger.  Screenshots of each step go to ``$JIDU_SCREENSHOTS`` (default: ``jidu-screenshots`` in the
temporary folder) so a person can look at them; docs/screenshots/ holds a copy for the README.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from web_support import HOSTILE, PASSWORD, copy_db  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path(os.environ.get("JIDU_SCREENSHOTS") or Path(tempfile.gettempdir()) / "jidu-screenshots")

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from jidu.web.app import WebSettings, create_app

    app = create_app(copy_db(tmp_path_factory.mktemp("browser")), WebSettings(secret_key="browser-tests"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=base_url, viewport={"width": 1360, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors
    yield pg
    context.close()
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def log_in(pg, username: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto("/login")
    pg.fill("input[name=username]", username)
    pg.fill("input[name=password]", PASSWORD)
    pg.click("button.primary")
    pg.wait_for_url("**/")


def test_log_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/board")
    assert "/login" in page.url
    shot(page, "01-login")
    page.fill("input[name=username]", "duban")
    page.fill("input[name=password]", "not the password")
    page.click("button.primary")
    assert page.locator(".flash.error").inner_text() == "用户名或密码错误"
    page.fill("input[name=username]", "duban")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url("**/board")  # back where the login was asked for
    assert "督办人员" in page.locator(".who").inner_text()
    page.click("nav.main >> text=会议时间线")
    assert page.locator(".meeting-card").count() == 3
    shot(page, "02-timeline")


def test_meeting_field_highlights_its_span(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "guest")
    page.click(".meeting-card >> nth=1")  # 2023Q3: two readouts
    page.wait_for_selector("pre.readout:visible")
    assert page.locator("mark.prov-hit").count() == 0
    page.hover("#f-presider")
    mark = page.locator("mark.prov-hit")
    assert mark.count() == 1 and mark.inner_text() == "陈立群"
    assert mark.is_visible()
    item = page.locator("ol.items li").nth(1)
    item.click()
    expected = item.inner_text().strip()
    assert page.locator("mark.prov-hit").inner_text().strip() in expected or expected in page.locator(
        "mark.prov-hit").inner_text()
    shot(page, "03-meeting-provenance")


def test_compare_two_quarters(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "guest")
    page.click("nav.main >> text=季度对比")
    page.select_option("select[name=a]", "2023Q2")
    page.select_option("select[name=b]", "2023Q3")
    page.click("form.filters button")
    page.wait_for_url("**/compare?**")
    rows = page.locator("table.diff tbody tr")
    assert rows.count() >= 7
    assert page.locator("table.diff .dstatus.new").count() >= 1
    assert "2023Q2" in page.locator("table.diff thead").inner_text()
    shot(page, "04-compare")


def test_trends_draw_charts(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "guest")
    page.goto("/trends?term=湖港联动")
    page.wait_for_selector("#chart-domains svg")
    page.wait_for_selector("#chart-term svg")
    assert page.locator("#chart-term svg path").count() > 0
    shot(page, "05-trends")


def test_supervisor_assigns_an_entry(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "duban")
    page.goto("/board?quarter=2023Q4")
    assert page.locator("table.entries tr.overdue").count() >= 1  # overdue work is highlighted
    shot(page, "06-board")
    page.goto("/board?quarter=2023Q4&status=registered")
    page.click("table.entries tbody tr >> nth=0 >> td.title a")
    form = page.locator("form[data-action=assign]")
    form.locator("input[name=lead]").fill("西岭区委")
    form.locator("input[name=cooperating]").fill("市应急局党委")
    form.locator("button").click()
    page.wait_for_selector(".flash.ok")
    assert page.locator("#entry-status").inner_text() == "已交办"
    assert page.locator("#entry-lead").inner_text() == "西岭区委"
    shot(page, "07-assigned")


def test_unit_editor_gives_feedback(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "donghu")
    page.goto("/entries/14")
    form = page.locator("form[data-action=feedback]")
    form.locator("textarea[name=text]").fill("已召开专题推进会，形成任务清单")
    form.locator("button").click()
    page.wait_for_selector(".flash.ok")
    assert "已召开专题推进会，形成任务清单" in page.locator("ul.feedback").inner_text()
    shot(page, "08-feedback")


def test_unit_editor_is_refused_on_another_units_entry(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "xiling")
    page.goto("/entries/14")  # led by 东湖区委
    assert page.locator("#no-actions").is_visible()
    assert page.locator("form.action-form").count() == 0
    # craft the request the page does not offer: the service refuses it
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post("/entries/14/feedback", form={"csrf_token": token, "text": "越权"})
    assert response.status == 403
    page.set_content(response.text())
    assert "本单位不是该事项的牵头或配合单位" in page.content()
    page.goto("/entries/14")
    assert "越权" not in page.locator("ul.feedback").inner_text()
    shot(page, "09-refused")


def test_upload_a_readout_and_see_it_ingested(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "duban")
    page.click("nav.main >> text=导入")
    page.set_input_files("input[type=file]", str(HOSTILE))
    page.click("form.upload button")
    page.wait_for_url("**/import/*")
    page.wait_for_selector("#job[data-finished=true]", timeout=30000)
    assert "已导入" in page.locator("table.outcomes").inner_text()
    shot(page, "10-import")
    page.click("table.outcomes a")
    page.wait_for_selector("pre.readout:visible")
    assert page.evaluate("window.__pwned") is None  # nothing the readout carried ran
    assert "<script>" in page.locator("pre.readout").first.inner_text() or "<script>" in page.locator(
        ".readout-title").first.inner_text()
    page.hover("#f-presider")
    assert page.evaluate("window.__pwned") is None
    shot(page, "11-hostile-meeting")
