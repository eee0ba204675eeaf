"""Hand-off end to end: a parent asks for a person in the widget; a member of staff signs in,
sees the hand-off appear, replies; the reply reaches the parent's widget; the staff member
hands back and the assistant answers again. And Messenger's 24-hour and 7-day rules for
staff replies, checked at a fake Graph API."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
import urllib.request

import pytest
import requests

from concerns.service import Core, Intake
from concerns.settings import Settings
from concerns.staff import StaffStore
from concerns.store import CaseStore
from console.rasa_api import rasa_api_headers
from tests.browser.test_widget import CHROMIUM, CHROMIUM_ARGS, wait_for_bot
from tests.conftest import ROOT
from tests.integration.fake_graph import FakeGraphAPI
from tests.integration.stack import Stack, stack_with_mail

OFFICE = "office@oakleycross.example.org"
PASSWORD = "a long office password 42"


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    graph = FakeGraphAPI().start()
    env = {"FB_APP_SECRET": "s3cret", "FB_VERIFY_TOKEN": "v", "FB_PAGE_ACCESS_TOKEN": "page-token",
           "GRAPH_API_BASE": graph.base_url}
    try:
        with stack_with_mail(tmp_path_factory.mktemp("handoff"), extra_env=env) as (stack, _):
            # The account is made the way a new user makes one: with the admin tool.
            made = subprocess.run([sys.executable, "-m", "concerns.cli", "staff", "add", OFFICE, "--password-stdin"],
                                  cwd=ROOT, env=stack.env, input=PASSWORD + "\n", capture_output=True, text=True)
            assert made.returncode == 0, made.stderr
            yield stack, graph
    finally:
        graph.stop()


def staff_session(stack: Stack) -> requests.Session:
    session = requests.Session()
    reply = session.post(stack.console_url + "/sign-in", data={"email": OFFICE, "password": PASSWORD},
                         allow_redirects=False)
    assert reply.status_code == 302
    return session


def test_a_parent_is_handed_to_a_person_and_back(running):
    stack, _ = running
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        parent = browser.new_context().new_page()
        parent.goto(stack.console_url + "/")
        parent.locator(".scw-launcher").click()
        wait_for_bot(parent, "automated assistant")
        parent.locator(".scw-human").click()
        wait_for_bot(parent, "in your own words")
        for answer, next_question in (("i need to talk about who is picking my son up today", "What is your name"),
                                      ("Viv Ray", "phone number or email"), ("viv@example.org", "Is it right")):
            parent.locator("#scw-input").fill(answer)
            parent.keyboard.press("Enter")
            wait_for_bot(parent, next_question)
        parent.locator(".scw-choice", has_text="Yes, send it").click()
        wait_for_bot(parent, "A member of staff will reply here")

        staff = browser.new_context()
        session = staff_session(stack)
        staff.add_cookies([{"name": "console_session", "value": session.cookies.get("console_session"),
                            "url": stack.console_url}])
        page = staff.new_page()
        page.goto(stack.console_url + "/handoffs")
        page.wait_for_selector("a.handoff-link", timeout=15000)   # appears without a reload
        page.locator("a.handoff-link").first.click()
        page.wait_for_function("() => document.querySelector('#messages').textContent.includes('picking my son up')")

        # While staff have it, the assistant stays quiet; the parent's words still arrive.
        parent.locator("#scw-input").fill("thank you, I'll wait")
        parent.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#messages').textContent.includes(\"I'll wait\")",
                               timeout=15000)
        time.sleep(1)
        assert parent.locator(".scw-bot").last.inner_text().startswith("Thank you. I've passed this")

        page.locator("#reply").fill("Hello Viv, this is Mrs Barker in the office. Grandad can collect him today.")
        page.locator("#reply-form button[type=submit]").click()
        wait_for_bot(parent, "this is Mrs Barker")

        page.locator("#handback").click()
        wait_for_bot(parent, "back with the school's automated assistant")
        parent.locator("#scw-input").fill("/greet")   # the greeting's payload: this test is not about the model
        parent.keyboard.press("Enter")
        parent.wait_for_function(
            "() => Array.from(document.querySelectorAll('.scw-bot')).filter(n => /automated assistant \\(not a person\\)/.test(n.textContent)).length >= 2",
            timeout=20000)
        browser.close()
    handoff = [c for c in CaseStore(stack.database_url).list() if c["category"] == "handoff"]
    assert handoff and handoff[0]["channel"] == "web"


def _facebook_conversation(stack: Stack, sender: str, hours_ago: float) -> None:
    """A Messenger conversation whose parent last wrote `hours_ago` hours ago, handed to the office
    (a hand-off case, as the assistant files one)."""
    when = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours_ago)).timestamp()
    handoff = Core(Settings(database_url=stack.database_url, clock_override=stack.env["CONCERNS_NOW"])).file(
        Intake("ask_human", "facebook", sender, account="please message me back"))
    events = [{"event": "user", "text": "can someone from school message me back", "timestamp": when,
               "input_channel": "facebook", "parse_data": {"intent": {"name": "ask_human", "confidence": 1.0},
                                                           "entities": [], "text": "x"}},
              {"event": "action", "name": "action_triage", "timestamp": when},
              {"event": "slot", "name": "case_reference", "value": handoff["reference"], "timestamp": when},
              {"event": "pause", "timestamp": when + 1}]
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.rasa_port}/conversations/{sender}/tracker/events",
        data=json.dumps(events).encode(),
        headers={"Content-Type": "application/json", **rasa_api_headers(stack.jwt_secret)})
    urllib.request.urlopen(request, timeout=30).read()
    StaffStore(CaseStore(stack.database_url)).open_handoff(sender, "facebook", handoff["reference"])


def _reply(stack: Stack, session: requests.Session, sender: str, text: str) -> requests.Response:
    html = session.get(stack.console_url + stack.conversation_path(sender)).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return session.post(stack.console_url + stack.conversation_path(sender) + "/reply",
                        data={"text": text, "csrf_token": token}, headers={"Accept": "application/json"})


@pytest.mark.parametrize("hours_ago, expected", [(2, "RESPONSE"), (30, "HUMAN_AGENT"), (8 * 24, "refused")])
def test_messenger_staff_replies_follow_metas_24_hour_and_7_day_rules(running, hours_ago, expected):
    stack, graph = running
    sender = f"fb-parent-{hours_ago}"
    _facebook_conversation(stack, sender, hours_ago)
    session = staff_session(stack)
    reply = _reply(stack, session, sender, "Hello, this is the school office replying to your message.")
    sent = graph.sent_to(sender)
    if expected == "refused":
        assert reply.status_code == 409 and "7 days" in reply.json()["error"]
        assert sent == []
        return
    assert reply.status_code == 200
    assert sent[-1]["message"]["text"].startswith("Hello, this is the school office")
    if expected == "HUMAN_AGENT":
        assert sent[-1]["messaging_type"] == "MESSAGE_TAG" and sent[-1]["tag"] == "HUMAN_AGENT"
    else:
        assert sent[-1]["messaging_type"] == "RESPONSE" and "tag" not in sent[-1]


def test_staff_can_take_over_a_conversation_they_may_see(running):
    stack, _ = running
    made = subprocess.run([sys.executable, "-m", "concerns.cli", "staff", "add", "l.kerr@oakleycross.example.org",
                           "--password-stdin"], cwd=ROOT, env=stack.env, input=PASSWORD + "\n", capture_output=True,
                          text=True)
    assert made.returncode == 0, made.stderr
    sender = "rest-parent-takeover"
    for text in ("/report_bullying", "Kai", "year 3", "It happens every playtime.", "Lou Grant", "07700 900111", "/affirm"):
        stack.say(sender, text)
    teacher = requests.Session()
    assert teacher.post(stack.console_url + "/sign-in", data={"email": "l.kerr@oakleycross.example.org",
                                                              "password": PASSWORD}, allow_redirects=False).status_code == 302
    conversation = stack.conversation_path(sender)
    html = teacher.get(stack.console_url + conversation).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert teacher.post(stack.console_url + conversation + "/takeover", data={"csrf_token": token},
                        allow_redirects=False).status_code == 302
    assert stack.tracker(sender)["paused"] is True
    assert stack.say(sender, "hello, is anyone there?") == []   # the assistant stays quiet
    messages = teacher.get(stack.console_url + conversation + "/messages.json").json()["messages"]
    assert messages[-1] == {"who": "parent", "text": "hello, is anyone there?", "at": messages[-1]["at"]}
    assert any(m["who"] == "staff: Miss Laura Kerr" for m in messages)
    # Someone who may not see the case may not take it over.
    assert requests.post(stack.console_url + conversation + "/takeover").status_code == 401


def test_a_notice_posted_in_the_console_opens_a_new_widget_conversation(running):
    """Last in this module: while it shows, every new conversation starts with it."""
    stack, _ = running
    from playwright.sync_api import sync_playwright

    notice = "School is closed today because of snow. Stay safe."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        staff = browser.new_context()
        session = staff_session(stack)
        staff.add_cookies([{"name": "console_session", "value": session.cookies.get("console_session"),
                            "url": stack.console_url}])
        page = staff.new_page()
        page.goto(stack.console_url + "/cases")
        page.locator("nav a", has_text="Notices").click()
        page.locator("#notice-text").fill(notice)
        page.locator("#post-notice button[type=submit]").click()
        page.wait_for_selector(f"text={notice}")

        parent = browser.new_context().new_page()
        parent.goto(stack.console_url + "/")
        parent.locator(".scw-launcher").click()
        wait_for_bot(parent, "automated assistant")
        assert parent.locator(".scw-bot").first.inner_text() == f"Notice from the school: {notice}"

        page.locator("#notices button", has_text="End now").click()
        page.wait_for_selector("text=No notice is showing.")
        later = browser.new_context().new_page()
        later.goto(stack.console_url + "/")
        later.locator(".scw-launcher").click()
        wait_for_bot(later, "automated assistant")
        assert "Notice from the school" not in later.locator("body").inner_text()
        browser.close()
    from sqlalchemy import select

    from concerns.tables import audit
    with CaseStore(stack.database_url).engine.connect() as connection:
        actions = [row.action for row in connection.execute(select(audit).where(audit.c.actor == OFFICE))]
    assert "notice_posted" in actions and "notice_ended" in actions
