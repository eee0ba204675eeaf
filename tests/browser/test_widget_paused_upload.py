"""A file sent through the website widget while the conversation is paused for staff (issue 12):
no action runs then, yet the screenshot is kept, given to the conversation's open case (the
hand-off's), and the member of staff who may see that case opens it in the console, from the
case page and from the parent's line in the conversation view. Someone who may not see the case
gets nothing. In Debian's Chromium, driven by Playwright, over the real stack."""
from __future__ import annotations

import time

import requests

from concerns.evidence_store import EvidenceStore
from concerns.staff import StaffStore
from concerns.store import CaseStore
# The same running stack with the office and a class teacher as staff, the same browser, and the
# same sign-in as the comeback test (imported fixtures are this module's own, one per module).
from tests.browser.test_widget_comeback_and_upload import (CLASS_TEACHER, OFFICE, browser, eventually,  # noqa: F401
                                                           hand_off, png_screenshot, stack)
from tests.browser.test_widget_comeback_and_upload import staff_signed_in as signed_in
from tests.integration.stack import Stack

GROUP_CHAT_WORDS = "i need to talk to someone about a message in the class group chat"


def in_a_browser(stack: Stack, browser, session: requests.Session):
    """A console page in Chromium, signed in as `session` is."""
    staff = browser.new_context()
    staff.add_cookies([{"name": "console_session", "value": session.cookies.get("console_session"),
                        "url": stack.console_url}])
    return staff.new_page()


def test_a_file_uploaded_in_the_widget_while_staff_have_the_chat_reaches_the_hand_off_case(stack, browser):
    parent, session_id = hand_off(stack, browser, GROUP_CHAT_WORDS)
    assert stack.tracker(session_id)["paused"]  # the assistant has handed it to staff
    store = CaseStore(stack.database_url)
    reference = StaffStore(store).handoff(session_id)["case_reference"]
    assert store.get(reference)["attachments"] == []
    bot_lines = parent.locator(".scw-bot").count()

    screenshot = png_screenshot(parent)
    parent.set_input_files("#scw-file", files=[{"name": "group-chat.png", "mimeType": "image/png",
                                                "buffer": screenshot}])
    parent.wait_for_selector(".scw-user:has-text('Sent a file: group-chat.png')")
    # Kept and given to the open case though no action runs while staff have the conversation.
    assert eventually(lambda: [a for a in store.get(reference)["attachments"] if a.get("evidence")]), \
        "the hand-off case never took the file"
    [kept] = store.get(reference)["attachments"]
    case = store.get(reference)
    assert kept["media_type"] == "image/png" and kept["type"] == "image"
    assert EvidenceStore(store.engine).for_case(case["id"], kept["evidence"]).data == screenshot
    assert ("attachments_added", "1") in {(a["action"], a["detail"]) for a in case["audit"]}
    time.sleep(1)
    assert parent.locator(".scw-bot").count() == bot_lines  # paused: staff answer, not the assistant

    # The office, who holds the hand-off, sees it in the console in a real browser.
    office = signed_in(stack, OFFICE)
    page = in_a_browser(stack, browser, office)
    page.goto(f"{stack.console_url}/cases/{reference}")
    link = page.locator(f"a[href='/cases/{reference}/evidence/{kept['evidence']}']")
    assert link.count() == 1, page.locator("main").inner_text()[:2000]
    assert link.inner_text() == "image kept with the case"
    on_the_case = link.get_attribute("href")
    served = office.get(stack.console_url + on_the_case)
    assert served.status_code == 200 and served.content == screenshot
    assert served.headers["Content-Type"].startswith("image/png")
    # And on the parent's line in the conversation view, which names the file sent.
    page.goto(stack.console_url + stack.conversation_path(session_id))
    page.wait_for_selector("#messages a.file", timeout=15000)
    files = page.locator("#messages a.file")
    assert files.count() == 1 and "image sent by the parent" in files.inner_text()
    on_the_line = files.get_attribute("href")
    opened = office.get(stack.console_url + on_the_line)
    assert opened.status_code == 200 and opened.content == screenshot
    assert any(a["action"] == "viewed_evidence" and a["actor"] == OFFICE for a in store.get(reference)["audit"])

    # A class teacher, who may not see the hand-off, gets neither the case nor the file.
    teacher = signed_in(stack, CLASS_TEACHER)
    assert teacher.get(f"{stack.console_url}/cases/{reference}").status_code == 404
    assert teacher.get(stack.console_url + on_the_case).status_code == 404
    assert teacher.get(stack.console_url + on_the_line).status_code == 404
    page.context.close()
    parent.context.close()


def test_with_no_open_case_a_file_uploaded_to_staff_stays_with_the_conversation_for_the_taker(stack, browser):
    """The hand-off case is closed, and the office takes the conversation over in the console:
    a PDF the parent then uploads is kept with the conversation (a closed case takes nothing),
    and the office opens it from the parent's line."""
    import re

    parent, session_id = hand_off(stack, browser, GROUP_CHAT_WORDS)
    store = CaseStore(stack.database_url)
    people = StaffStore(store)
    reference = people.handoff(session_id)["case_reference"]
    people.change_case(store.get(reference)["id"], OFFICE, "status_changed", "new -> closed", status="closed")
    office = signed_in(stack, OFFICE)
    conversation = stack.console_url + stack.conversation_path(session_id)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', office.get(conversation).text).group(1)
    assert office.post(conversation + "/takeover", data={"csrf_token": csrf}, allow_redirects=False).status_code == 302
    assert stack.tracker(session_id)["paused"]

    letter = b"%PDF-1.7\n" + b"\x05" * 200
    parent.locator("#scw-input").fill("here is the letter they sent home")
    parent.set_input_files("#scw-file", files=[{"name": "letter.pdf", "mimeType": "application/pdf",
                                                "buffer": letter}])
    parent.wait_for_selector(".scw-user:has-text('Sent a file: letter.pdf')")
    files = EvidenceStore(store.engine)
    assert eventually(lambda: files.count_for_sender(session_id) == 1), "the file was not kept"
    assert store.get(reference)["attachments"] == []  # a closed case takes nothing

    page = in_a_browser(stack, browser, office)
    page.goto(conversation)
    page.wait_for_selector("#messages a.file", timeout=15000)
    link = page.locator("#messages a.file")
    assert "document (PDF) sent by the parent" in link.inner_text()
    href = link.get_attribute("href")
    opened = office.get(stack.console_url + href)
    assert opened.status_code == 200 and opened.content == letter
    assert opened.headers["Content-Disposition"].startswith("attachment")
    token = href.rsplit("/", 1)[-1]
    kept, case_id = files.of_conversation(session_id, token)
    assert kept.data == letter and case_id is None
    teacher = signed_in(stack, CLASS_TEACHER)
    assert teacher.get(stack.console_url + href).status_code == 404
    page.context.close()
    parent.context.close()
