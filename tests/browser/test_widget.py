"""The website widget in a real browser (Debian's Chromium driven by Playwright): a parent
reports bullying with the keyboard only, reloads mid-conversation and finishes; the case is
filed with channel `web`. Plus an accessibility audit (axe-core) and screenshots."""
from __future__ import annotations

import json
import re
import shutil
import time

import pytest
import socketio

from channels.webchat import SessionIds
from concerns.store import CaseStore
from tests.conftest import ROOT
from tests.integration.stack import stack_with_mail

ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "console" / "widget" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("widget")) as (running, _):
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def last_bot_text(page) -> str:
    return page.locator(".scw-bot").last.inner_text()


def wait_for_bot(page, pattern: str, timeout: float = 30000) -> None:
    page.wait_for_function(
        """(pattern) => Array.from(document.querySelectorAll('.scw-bot')).some(n => new RegExp(pattern, 'i').test(n.textContent))""",
        arg=pattern, timeout=timeout)


def type_and_send(page, text: str) -> None:
    assert page.evaluate("document.activeElement.id") == "scw-input"
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def tab_to(page, predicate_js: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate_js}); }})()"):
            return
    raise AssertionError(f"could not reach {predicate_js} with the keyboard")


def test_a_parent_reports_bullying_with_the_keyboard_and_survives_a_reload(stack, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(stack.console_url + "/")
    tab_to(page, "el.classList.contains('scw-launcher')")
    page.keyboard.press("Enter")
    wait_for_bot(page, "automated assistant")
    assert page.evaluate("document.activeElement.id") == "scw-input"
    # A training example, word for word: this test is about the widget, not the model.
    type_and_send(page, "my son is being bullied by a year 6 boy on the school bus")
    wait_for_bot(page, "first name")
    type_and_send(page, "Kai")
    wait_for_bot(page, "Which class is Kai in")
    page.screenshot(path=str(ARTIFACTS / "widget-desktop.png"))

    page.reload()  # mid-conversation
    page.wait_for_selector(".scw-panel:not([hidden])")
    assert "Which class is Kai in" in page.locator(".scw-log").inner_text()
    page.wait_for_function("() => document.querySelectorAll('.scw-choice').length > 0")
    tab_to(page, "el.id === 'scw-input'")
    type_and_send(page, "year 3")
    wait_for_bot(page, "anything else")  # what happened came in the first message (issue 10)
    type_and_send(page, "no")
    wait_for_bot(page, "What is your name")
    type_and_send(page, "Lou Grant")
    wait_for_bot(page, "phone number or email")
    type_and_send(page, "07700 900111")
    wait_for_bot(page, "Is it right")
    tab_to(page, "el.classList.contains('scw-choice') && el.textContent === 'Yes, send it'")
    page.keyboard.press("Enter")
    wait_for_bot(page, "recorded this as")
    reference = re.search(r"OC-\d{4}-\d{4,}", last_bot_text(page)).group(0)
    case = CaseStore(stack.database_url).get(reference)
    assert (case["channel"], case["category"], case["child_class"]) == ("web", "bullying", "Year 3")
    assert case["assignee"] == "l.kerr@oakleycross.example.org"

    phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    small = phone.new_page()
    small.goto(stack.console_url + "/")
    small.locator(".scw-launcher").click()
    wait_for_bot(small, "automated assistant")
    box = small.locator(".scw-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    small.screenshot(path=str(ARTIFACTS / "widget-phone.png"))
    phone.close()
    context.close()


def test_no_serious_or_critical_accessibility_violations(stack, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(stack.console_url + "/")
    page.locator(".scw-launcher").click()
    wait_for_bot(page, "automated assistant")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})""")
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(results["violations"], indent=2))
    assert serious == [], json.dumps([(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in serious])
    # Zoom to 200%: the panel still fits and the input is still reachable.
    page.set_viewport_size({"width": 640, "height": 400})
    box = page.locator(".scw-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 640
    page.close()


def test_when_the_server_cannot_be_reached_the_parent_gets_the_office_number(stack, browser):
    page = browser.new_page()
    page.add_init_script("window.SchoolChatConfig = {server: 'http://127.0.0.1:9', connectTimeoutMs: 1500}")
    page.goto(stack.console_url + "/")
    page.locator(".scw-launcher").click()
    page.wait_for_selector(".scw-notice", timeout=15000)
    notice = page.locator(".scw-notice").inner_text()
    assert "01388 000 000" in notice and "999" in notice
    page.close()


def _client(origin: str | None):
    client = socketio.Client(reconnection=False)
    confirmed = []
    client.on("session_confirm", lambda session_id: confirmed.append(session_id))
    return client, confirmed


def test_only_allowed_origins_may_connect(stack):
    url = f"http://127.0.0.1:{stack.rasa_port}"
    client, _ = _client(None)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(url, headers={"Origin": "https://evil.example"}, transports=["polling"], wait_timeout=5)
    client, _ = _client(None)
    client.connect(url, headers={"Origin": stack.console_url}, transports=["polling"], wait_timeout=5)
    client.disconnect()


def test_the_server_issues_session_ids_and_refuses_made_up_ones(stack):
    url = f"http://127.0.0.1:{stack.rasa_port}"

    def session(asked):
        client, confirmed = _client(None)
        client.connect(url, headers={"Origin": stack.console_url}, transports=["polling"], wait_timeout=5)
        client.emit("session_request", {"session_id": asked})
        for _ in range(50):
            if confirmed:
                break
            client.sleep(0.1)
        client.disconnect()
        return confirmed[0]

    issued = session(None)
    assert re.fullmatch(r"[0-9a-f]{32}\.\d+\.[0-9a-f]{32}", issued)  # random part, issue time, signature
    assert session(issued) == issued                 # a reload keeps the conversation
    made_up = "0" * 32 + ".1800000000." + "0" * 32
    assert session(made_up) != made_up               # a guessed id is not accepted
    assert session("someone-elses-id") not in ("someone-elses-id", issued)


EXPIRED_NOTICE = "for your privacy a new one has started"
DAY = 24 * 3600  # the stack's WEBCHAT_SESSION_HOURS: the default


def _open_with_session(stack, browser, session_id: str):
    """A widget mid-conversation (a greeting answered), whose stored session id is then
    replaced by `session_id`, and the page reloaded: as a parent coming back to the tab."""
    page = browser.new_context().new_page()
    page.goto(stack.console_url + "/")
    page.locator(".scw-launcher").click()
    wait_for_bot(page, "automated assistant")
    key = page.evaluate("Object.keys(sessionStorage).find(k => k.startsWith('school-chat:'))")
    page.evaluate("""([key, id]) => { const s = JSON.parse(sessionStorage.getItem(key));
                     s.sessionId = id; sessionStorage.setItem(key, JSON.stringify(s)); }""", [key, session_id])
    page.reload()
    page.wait_for_selector(".scw-panel:not([hidden])")
    return page, key


def _stored_session(page, key: str) -> str:
    return page.evaluate("(key) => JSON.parse(sessionStorage.getItem(key)).sessionId", key)


def test_an_expired_session_is_not_resumed_after_a_reload(stack, browser):
    day_old = SessionIds(stack.env["WEBCHAT_SESSION_SECRET"], clock=lambda: time.time() - DAY - 60).issue()
    page, key = _open_with_session(stack, browser, day_old)
    page.wait_for_selector(f".scw-notice:has-text('{EXPIRED_NOTICE}')")
    wait_for_bot(page, "automated assistant")  # a new conversation, greeted as any other
    fresh = _stored_session(page, key)
    assert fresh != day_old and SessionIds(stack.env["WEBCHAT_SESSION_SECRET"]).is_current(fresh)
    assert page.locator(".scw-user").count() == 0  # the old conversation is no longer shown
    page.context.close()


def test_a_session_that_expires_while_open_starts_afresh_and_the_message_is_sent_there(stack, browser):
    secret = stack.env["WEBCHAT_SESSION_SECRET"]
    # Issued long enough ago that it expires 45 seconds from now.
    expires_at = time.time() + 45
    nearly_old = SessionIds(secret, clock=lambda: expires_at - DAY).issue()
    page, key = _open_with_session(stack, browser, nearly_old)
    answers = page.locator(".scw-bot").count()
    page.locator("#scw-input").fill("hello")
    page.keyboard.press("Enter")
    page.wait_for_function("(n) => document.querySelectorAll('.scw-bot').length > n", arg=answers, timeout=30000)
    assert _stored_session(page, key) == nearly_old  # still in date: answered in the same conversation
    assert page.locator(".scw-notice").count() == 0 and time.time() < expires_at
    time.sleep(max(0.0, expires_at + 2 - time.time()))  # until the id is out of date

    page.locator("#scw-input").fill("my son is being bullied by a year 6 boy on the school bus")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".scw-notice:has-text('{EXPIRED_NOTICE}')")
    wait_for_bot(page, "first name")  # the refused message, answered in the new conversation
    assert _stored_session(page, key) not in (nearly_old, None)
    assert page.locator(".scw-user").all_inner_texts() == ["my son is being bullied by a year 6 boy on the school bus"]
    page.context.close()
