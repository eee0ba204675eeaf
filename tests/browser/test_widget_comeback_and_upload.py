"""The widget in a real browser (issue 12, items 7 and 9): a staff reply sent while the parent
is away is kept and shown when they come back to the conversation (the widget asks for the
signed session's history), and a screenshot sent through the widget's upload is kept on the
parent's case, while a file of a kind a case never keeps is refused with words the parent sees."""
from __future__ import annotations

import hashlib
import re
import time

import pytest
import requests

from concerns.evidence_store import EvidenceStore
from concerns.profile import load_profile
from concerns.staff import StaffStore
from concerns.store import CaseStore
from tests.browser.test_widget import CHROMIUM, CHROMIUM_ARGS, last_bot_text, wait_for_bot
from tests.conftest import PROFILE_PATH
from tests.integration.stack import Stack, stack_with_mail

PASSWORD = "a long staff password 42"
OFFICE, CLASS_TEACHER = "office@oakleycross.example.org", "l.kerr@oakleycross.example.org"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("comeback")) as (running, _):
        people, profile = StaffStore(CaseStore(running.database_url)), load_profile(PROFILE_PATH)
        for email in (OFFICE, CLASS_TEACHER):
            member = people.member(profile, email)
            people.add(member.email, member.name, member.role, PASSWORD)
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def staff_signed_in(stack: Stack, email: str) -> requests.Session:
    session = requests.Session()
    reply = session.post(stack.console_url + "/sign-in", data={"email": email, "password": PASSWORD},
                         allow_redirects=False)
    assert reply.status_code == 302, reply.status_code
    return session


def say(page, text: str, then: str) -> None:
    page.locator("#scw-input").fill(text)
    page.keyboard.press("Enter")
    try:
        wait_for_bot(page, then)
    except Exception as error:
        raise AssertionError(f"after {text!r}, no {then!r}; the assistant said: "
                             f"{page.locator('.scw-bot').all_inner_texts()[-3:]}") from error


def session_id_of(page) -> str:
    return page.evaluate("""() => { const key = Object.keys(sessionStorage).find(k => k.startsWith('school-chat:'));
                                    return JSON.parse(sessionStorage.getItem(key)).sessionId; }""")


def eventually(check, seconds: float = 15.0):
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def hand_off(stack: Stack, browser, words: str):
    """A parent opens the widget, asks for a person with `words`, gives a name and an email and
    confirms: the conversation is handed to the office. The page and its session id."""
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(stack.console_url + "/")
    page.locator(".scw-launcher").click()
    wait_for_bot(page, "automated assistant")
    page.locator(".scw-human").click()
    wait_for_bot(page, "in your own words")
    say(page, words, "What is your name")
    say(page, "Viv Ray", "phone number or email")
    say(page, "viv@example.org", "Is it right")
    page.locator(".scw-choice", has_text="Yes, send it").click()
    wait_for_bot(page, "A member of staff will reply here")
    return page, session_id_of(page)


def test_a_staff_reply_sent_while_the_parent_is_away_is_shown_when_they_come_back(stack, browser):
    page, session_id = hand_off(stack, browser, "i need to talk about who is picking my son up today")

    page.goto("about:blank")  # the parent leaves the page: no connection to the chat any more
    office = staff_signed_in(stack, OFFICE)
    conversation = stack.console_url + stack.conversation_path(session_id)
    token = re.search(r'name="csrf_token" value="([^"]+)"', office.get(conversation).text).group(1)
    text = "Hello Viv, this is the office. Grandad may collect him today; we have noted it."
    sent = office.post(conversation + "/reply", data={"text": text, "csrf_token": token},
                       headers={"Accept": "application/json"})
    assert sent.status_code == 200 and sent.json()["status"] == "pending", sent.text
    assert "when they come back" in sent.json()["reason"]  # the console does not say "sent"
    store = CaseStore(stack.database_url)
    [reply] = store.staff_replies_to(session_id)
    assert reply["status"] == "pending"

    page.goto(stack.console_url + "/")  # back to the school's page in the same tab
    page.wait_for_selector(".scw-panel:not([hidden])")
    wait_for_bot(page, "Grandad may collect him today")
    # The widget said it showed the reply: it reached the parent.
    assert eventually(lambda: store.staff_replies_to(session_id)[0]["status"] == "delivered")
    lines = office.get(conversation + "/messages.json").json()["messages"]
    assert [line["delivery"]["status"] for line in lines if "delivery" in line] == ["delivered"]

    page.reload()  # shown once, however often the parent comes back
    page.wait_for_selector(".scw-panel:not([hidden])")
    wait_for_bot(page, "Grandad may collect him today")
    time.sleep(1)  # time for a history answer to arrive, if one would add it again
    assert page.locator(".scw-bot", has_text="Grandad may collect him today").count() == 1
    page.context.close()


def png_screenshot(page) -> bytes:
    data = page.screenshot()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return data


def test_a_screenshot_sent_through_the_widget_is_kept_on_the_case_and_another_kind_is_refused(stack, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(stack.console_url + "/")
    page.locator(".scw-launcher").click()
    wait_for_bot(page, "automated assistant")
    # A training example, word for word: this test is about the widget, not the model.
    say(page, "my son is being bullied by a year 6 boy on the school bus", "first name")
    say(page, "Kai", "Which class is Kai in")
    say(page, "year 3", "anything else")
    say(page, "no", "What is your name")
    say(page, "Lou Grant", "phone number or email")
    say(page, "07700 900111", "Is it right")
    page.locator(".scw-choice", has_text="Yes, send it").click()
    wait_for_bot(page, "recorded this as")
    reference = re.search(r"OC-\d{4}-\d{4,}", last_bot_text(page)).group(0)
    session_id = session_id_of(page)
    files = EvidenceStore(CaseStore(stack.database_url).engine)

    screenshot = png_screenshot(page)
    page.set_input_files("#scw-file", files=[{"name": "bus-group-chat.png", "mimeType": "image/png",
                                              "buffer": screenshot}])
    page.wait_for_selector(".scw-user:has-text('Sent a file: bus-group-chat.png')")
    wait_for_bot(page, f"added that to {reference}")
    case = CaseStore(stack.database_url).get(reference)
    [kept] = [item for item in case["attachments"] if item.get("evidence")]
    assert kept["media_type"] == "image/png" and kept["sha256"] == hashlib.sha256(screenshot).hexdigest()
    assert files.for_case(case["id"], kept["evidence"]).data == screenshot
    # The member of staff the case went to opens it from the case page, as it was sent.
    teacher = staff_signed_in(stack, case["assignee"])
    case_page = teacher.get(f"{stack.console_url}/cases/{reference}").text
    assert f"/cases/{reference}/evidence/{kept['evidence']}" in case_page
    served = teacher.get(f"{stack.console_url}/cases/{reference}/evidence/{kept['evidence']}")
    assert served.status_code == 200 and served.headers["Content-Type"].startswith("image/png")
    assert served.content == screenshot

    # A drawing that can carry a script is not a kind a case keeps: the parent is told why, and
    # nothing more is kept, whatever the file's name says.
    kept_before = files.count_for_sender(session_id)
    page.set_input_files("#scw-file", files=[{"name": "drawing.svg", "mimeType": "image/svg+xml",
                                              "buffer": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'}])
    wait_for_bot(page, "couldn't keep the file you sent")
    assert "only keep photos and screenshots" in last_bot_text(page)
    assert files.count_for_sender(session_id) == kept_before
    assert len([item for item in CaseStore(stack.database_url).get(reference)["attachments"]
                if item.get("evidence")]) == 1
    page.context.close()
