"""Who reads what of a conversation, and safeguarding while it is paused, on the real stack:
the Rasa server, the action server, the console and a real SMTP server on loopback.

- A case keeps only the lines of its own intake, and a staff member reads only the parts of a
  conversation whose cases they may see: the subject of one case never reads it through the
  case page, messages.json, the API transcript or /handoffs.json.
- Staff address a conversation by its opaque id (take over, reply, hand back); the parent's
  sender id is in no page, link or JSON, and a link made from it finds nothing.
- A conversation paused for staff still answers danger: 999 first, an alert to the
  safeguarding lead, the message highlighted in the console, and the conversation stays with
  staff.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest
import requests

from concerns.store import CaseStore
from tests.conftest import ROOT
from tests.console.conftest import usable_code
from tests.integration.stack import stack_with_mail
from tests.integration.test_end_to_end import DSL, DEPUTY, HEAD, OFFICE, drive

BELL = "t.bell@oakleycross.example.org"
PASSWORD = "a long staff password 42"
# A plain statement of risk the safety net (concerns/safety.py) always catches: no model guess.
DANGER = "her dad is hurting her right now please help"


def _cli(stack, *args: str, password: bool = False) -> str:
    made = subprocess.run([sys.executable, "-m", "concerns.cli", *args], cwd=ROOT, env=stack.env,
                          input=PASSWORD + "\n" if password else None, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return made.stdout


def signed_in(stack, email: str) -> requests.Session:
    session = requests.Session()
    reply = session.post(stack.console_url + "/sign-in", data={
        "email": email, "password": PASSWORD, "code": usable_code(stack.database_url, email)},
        allow_redirects=False)
    assert reply.status_code == 302, reply.text
    return session


def conversation_linked_from(session: requests.Session, stack, reference: str) -> str:
    """The console's address of a case's conversation, as its case page links it."""
    [path] = re.findall(r'href="(/conversations/[^"]+)"', session.get(stack.console_url + f"/cases/{reference}").text)
    return path


def wait_for(check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    return check()


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("access")) as (stack, inbox):
        for email in (BELL, HEAD, OFFICE, DSL):
            _cli(stack, "staff", "add", email, "--password-stdin", password=True)
        yield stack, inbox


@pytest.fixture(scope="module")
def two_matters(running):
    """One parent: an allegation about Mr Bell, then a bullying worry in Mr Bell's class."""
    stack, _ = running
    sender = "access-two-matters"
    drive(stack, sender, "/staff_allegation", "Mr Bell", "year 1")
    drive(stack, sender, "/report_bullying", None, "year 1")
    cases = {c["category"]: c for c in CaseStore(stack.database_url).list(sender_id=sender)}
    assert set(cases) == {"safeguarding", "bullying"}
    assert cases["bullying"]["assignee"] == BELL
    return sender, cases["safeguarding"], cases["bullying"]


# What only the allegation's intake holds: its opening and the question about its subject.
ALLEGATION_LINES = ("/staff_allegation", "Who is it about?", "I've added your details")


def test_each_case_keeps_only_its_own_intake(two_matters):
    _, allegation, bullying = two_matters
    kept = " ".join(line["text"] for line in bullying["transcript"])
    assert bullying["transcript"][0]["text"] == "/report_bullying"
    assert not any(words in kept for words in ALLEGATION_LINES)
    assert allegation["transcript"][0]["text"] == "/staff_allegation"
    assert "/report_bullying" not in " ".join(line["text"] for line in allegation["transcript"])


def test_the_subject_reads_their_own_case_and_nothing_of_the_allegation(running, two_matters):
    stack, _ = running
    _, allegation, bullying = two_matters
    bell = signed_in(stack, BELL)
    inbox = bell.get(stack.console_url + "/cases").text
    assert bullying["reference"] in inbox and allegation["reference"] not in inbox
    assert bell.get(stack.console_url + f"/cases/{allegation['reference']}").status_code == 404
    page = bell.get(stack.console_url + f"/cases/{bullying['reference']}")
    assert page.status_code == 200 and not any(words in page.text for words in ALLEGATION_LINES)

    conversation = conversation_linked_from(bell, stack, bullying["reference"])
    shown = bell.get(stack.console_url + conversation + "/messages.json")
    assert shown.status_code == 200
    texts = " ".join(m["text"] for m in shown.json()["messages"])
    assert "/report_bullying" in texts and not any(words in texts for words in ALLEGATION_LINES)
    assert conversation.split("/")[-1] not in bell.get(stack.console_url + "/handoffs.json").text

    token = _cli(stack, "api-token", "add", "bell-records", "--as", BELL).strip()
    api = {"Authorization": f"Bearer {token}"}
    assert requests.get(stack.console_url + f"/api/cases/{allegation['reference']}/transcript",
                        headers=api).status_code == 404
    transcript = requests.get(stack.console_url + f"/api/cases/{bullying['reference']}/transcript", headers=api)
    assert transcript.status_code == 200
    assert not any(words in " ".join(line["text"] for line in transcript.json()["transcript"])
                   for words in ALLEGATION_LINES)


def test_the_safeguarding_lead_reads_the_allegation_and_not_the_bullying(running, two_matters):
    stack, _ = running
    _, allegation, _ = two_matters
    dsl = signed_in(stack, DSL)
    texts = " ".join(m["text"] for m in dsl.get(
        stack.console_url + conversation_linked_from(dsl, stack, allegation["reference"]) + "/messages.json"
    ).json()["messages"])
    assert "Who is it about?" in texts and "/report_bullying" not in texts


@pytest.fixture(scope="module")
def head_complaint_then_handoff(running):
    """A complaint about the Headteacher, then a hand-off in the same conversation."""
    stack, _ = running
    sender = "access-head-then-handoff"
    drive(stack, sender, "/complain_headteacher", "The Headteacher", None)
    drive(stack, sender, "/ask_human", None, None)
    assert stack.tracker(sender)["paused"] is True
    return sender


def test_a_hand_off_never_shows_the_headteacher_a_complaint_about_her(running, head_complaint_then_handoff):
    stack, _ = running
    sender = head_complaint_then_handoff
    complaint = next(c for c in CaseStore(stack.database_url).list(sender_id=sender) if c["category"] == "complaint")
    for email in (HEAD, OFFICE):
        staff = signed_in(stack, email)
        conversation = handed_off_conversation(staff, stack, sender)  # the hand-off is theirs to answer
        texts = [m["text"] for m in staff.get(stack.console_url + conversation + "/messages.json").json()["messages"]]
        assert "/ask_human" in texts
        assert "/complain_headteacher" not in texts and not any(complaint["reference"] in t for t in texts), email
    head = signed_in(stack, HEAD)
    assert head.get(stack.console_url + f"/cases/{complaint['reference']}").status_code == 404


def handed_off_conversation(session: requests.Session, stack, sender: str) -> str:
    """The console's address of the sender's conversation, from the hand-off list."""
    handoff = CaseStore(stack.database_url).list(sender_id=sender, category="handoff")[0]["reference"]
    listing = session.get(stack.console_url + "/handoffs.json")
    assert sender not in listing.text
    [entry] = [h for h in listing.json()["handoffs"] if h["case_reference"] == handoff]
    return f"/conversations/{entry['conversation_id']}"


def test_a_paused_conversation_still_answers_danger(running, head_complaint_then_handoff):
    stack, inbox = running
    sender = head_complaint_then_handoff
    before = len(CaseStore(stack.database_url).list(sender_id=sender))
    said = [r.get("text") or "" for r in stack.say(sender, DANGER)]
    assert said and said[0].startswith("If a child is in immediate danger, please call 999"), said
    assert any("I have alerted" in line for line in said), said

    tracker = stack.tracker(sender)
    assert tracker["paused"] is True            # still with staff
    assert tracker["active_loop"] in ({}, None) or not tracker["active_loop"].get("name")
    cases = CaseStore(stack.database_url).list(sender_id=sender)
    assert len(cases) == before + 1
    [alert] = [c for c in cases if c["category"] == "safeguarding"]
    assert (alert["routed_to"], alert["urgency"]) == ("dsl", "urgent")
    assert [line["text"] for line in alert["transcript"] if line["who"] == "parent"] == [DANGER]
    assert wait_for(lambda: sorted(m["to"][0] for m in inbox.messages if alert["reference"] in m["subject"])
                    == sorted([DSL, DEPUTY]))

    # The office, who have the hand-off, see that an alert was raised, highlighted, not its words.
    office_session = signed_in(stack, OFFICE)
    office = office_session.get(stack.console_url + handed_off_conversation(office_session, stack, sender)
                                + "/messages.json").json()["messages"]
    [flagged] = [m for m in office if m.get("alert")]
    assert alert["reference"] in flagged["text"] and DANGER not in flagged["text"]
    # The safeguarding lead reads the words themselves, highlighted.
    dsl_session = signed_in(stack, DSL)
    dsl = dsl_session.get(stack.console_url + conversation_linked_from(dsl_session, stack, alert["reference"])
                          + "/messages.json").json()["messages"]
    assert any(m["text"] == DANGER and m.get("alert") for m in dsl)

    # Anything else still waits for staff, unanswered.
    assert stack.say(sender, "ok thank you") == []


def test_staff_act_by_the_opaque_id_and_never_see_the_sender_id(running, head_complaint_then_handoff):
    stack, _ = running
    sender = head_complaint_then_handoff
    office = signed_in(stack, OFFICE)
    conversation = handed_off_conversation(office, stack, sender)
    page = office.get(stack.console_url + conversation)
    assert page.status_code == 200 and sender not in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    # A link made from the sender id finds nothing, on every route, for someone who may see it.
    for route in ("", "/messages.json"):
        assert office.get(stack.console_url + f"/conversations/{sender}{route}").status_code == 404, route
    for route in ("/takeover", "/reply", "/handback"):
        assert office.post(stack.console_url + f"/conversations/{sender}{route}", allow_redirects=False,
                           data={"csrf_token": token, "text": "from a copied link"}).status_code == 404, route

    taken = office.post(stack.console_url + conversation + "/takeover", data={"csrf_token": token},
                        allow_redirects=False)
    assert taken.status_code == 302 and taken.headers["Location"] == conversation
    [entry] = [h for h in office.get(stack.console_url + "/handoffs.json").json()["handoffs"]
               if f"/conversations/{h['conversation_id']}" == conversation]
    assert (entry["status"], entry["taken_by"]) == ("taken", OFFICE)
    replied = office.post(stack.console_url + conversation + "/reply", headers={"Accept": "application/json"},
                          data={"csrf_token": token, "text": "Hello, this is the office."})
    assert replied.status_code == 200 and sender not in replied.text
    messages = office.get(stack.console_url + conversation + "/messages.json")
    assert "Hello, this is the office." in [m["text"] for m in messages.json()["messages"]]
    assert sender not in messages.text
    assert "from a copied link" not in messages.text

    token_for_api = _cli(stack, "api-token", "add", "office-records", "--as", OFFICE).strip()
    api = {"Authorization": f"Bearer {token_for_api}"}
    cases = requests.get(stack.console_url + "/api/cases", headers=api)
    assert sender not in cases.text
    [handoff] = [c for c in cases.json()["cases"] if c["category"] == "handoff" and
                 f"/conversations/{c['conversation_id']}" == conversation]
    for path in (f"/api/cases/{handoff['reference']}", f"/api/cases/{handoff['reference']}/transcript"):
        assert sender not in requests.get(stack.console_url + path, headers=api).text, path

    back = office.post(stack.console_url + conversation + "/handback", data={"csrf_token": token},
                       allow_redirects=False)
    assert back.status_code == 302 and back.headers["Location"] == "/handoffs"
    assert stack.tracker(sender)["paused"] is False
