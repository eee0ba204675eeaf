"""End to end: the real Rasa server, action server and an SMTP server on loopback.

A parent talks over the REST channel through every row of DESIGN.md's routing table;
we check the triage slots, the cases filed and the emails received, address by address.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import jwt
import pytest

from concerns.store import CaseStore
from console.rasa_api import rasa_api_headers
from tests.integration.stack import Stack, stack_with_mail

HEAD, DSL, DEPUTY = "head@oakleycross.example.org", "dsl@oakleycross.example.org", "deputy.dsl@oakleycross.example.org"
CHAIR, CLERK, OFFICE = "chair@oakleycross.example.org", "clerk@oakleycross.example.org", "office@oakleycross.example.org"

# Answers a parent gives to each question the assistant may ask.
ANSWERS = {
    "Who is it about?": "subject",
    "Who or what is the complaint about?": "subject",
    "What is your child's first name?": "Ruby",
    "Which class is": "class",
    "Please tell me what has happened": "It has been going on since half term and nobody has told me anything.",
    "Is there anything else you'd like the school to know": "no, that's everything",
    "What is your name?": "Kim Hall",
    "What is the best phone number or email address": "07700 900123",
    "Here's what I'll send": "/affirm",
}

# The routing table's rows, each opened with the Rasa payload of its intent ("/report_bullying"),
# so a test about the stack, its emails and its faults never depends on what a model makes
# of a sentence. What the model understands is measured in `make bench`; one test below
# keeps a conversation in natural language, with messages well inside the training data.
# row, opening payload, who it is about, class, expected triage, expected recipients
ROWS = [
    ("concern", "/concern_child", None, "year 2", ("concern", "child", "class_teacher", "normal"),
     ["p.shah@oakleycross.example.org"]),
    ("complaint about staff", "/complain_staff", "the lunchtime supervisor", "year 1",
     ("complaint", "staff", "headteacher", "normal"), [HEAD]),
    ("complaint about the school", "/complain_school", "The school's decisions or how it does things", "year 2",
     ("complaint", "school", "headteacher", "normal"), [HEAD]),
    ("complaint about the headteacher", "/complain_headteacher", "The Headteacher", "year 4",
     ("complaint", "headteacher", "chair_of_governors", "normal"), [CHAIR]),
    ("complaint about a governor", "/complain_governor", "mr hughes", "year 5",
     ("complaint", "governor", "clerk_to_governors", "normal"), [CLERK]),
    ("bullying", "/report_bullying", None, "yr 3", ("bullying", "child", "class_teacher", "high"),
     ["l.kerr@oakleycross.example.org", HEAD]),
    ("cyberbullying", "/report_cyberbullying", None, "year 5", ("cyberbullying", "child", "headteacher", "high"),
     [HEAD, DSL]),
    ("social media", "/social_media_post", None, None, ("social_media", "school", "headteacher", "normal"), [HEAD]),
    ("safeguarding", "/safeguarding_child", None, "year 4", ("safeguarding", "child", "dsl", "urgent"),
     [DSL, DEPUTY]),
    # Who it is about is not known from the first message: the alert goes to the Chair at once,
    # then to the Headteacher once the parent says it is about Mr Bell.
    ("staff allegation", "/staff_allegation", "Mr Bell", "year 3", ("safeguarding", "staff", "headteacher", "urgent"),
     [CHAIR, HEAD]),
    ("handoff", "/ask_human", None, None, ("handoff", None, "office", "normal"), [OFFICE]),
    # Unhappy with the outcome of stage 1: a panel of governors, convened by the Clerk.
    ("stage 2", "/complaint_stage_2", "The school's decisions or how it does things", "year 6",
     ("complaint", "school", "clerk_to_governors", "normal"), [CLERK]),
]


def drive(stack: Stack, sender: str, opening: str, subject: str | None, school_class: str | None) -> list[str]:
    """Talk until the case is recorded; return everything the assistant said."""
    said: list[str] = []
    replies = stack.say(sender, opening)
    for _ in range(12):
        texts = [r.get("text") or "" for r in replies]
        said += texts
        if any("I've recorded this as" in t or "I've added your details" in t or "I've passed this to the school office" in t
               for t in texts):
            return said
        last = texts[-1] if texts else ""
        answer = next((value for question, value in ANSWERS.items() if question in last), None)
        assert answer is not None, f"unexpected question: {said}"
        # (a row that names no class still answers one, should the matter ask)
        answer = {"subject": subject, "class": school_class or "year 2"}.get(answer, answer)
        replies = stack.say(sender, answer)
    raise AssertionError(f"the case was never recorded: {said}")


def wait_for_mail(inbox, count: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.2)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("stack")) as (stack, inbox):
        yield stack, inbox


def test_every_row_of_the_routing_table(running):
    stack, inbox = running
    store = CaseStore(stack.database_url)
    expected_mail = 0
    for index, (row, opening, subject, school_class, triage, recipients) in enumerate(ROWS):
        sender = f"e2e-{index}"
        said = drive(stack, sender, opening, subject, school_class)
        slots = stack.tracker(sender)["slots"]
        assert (slots["category"], slots["about"], slots["routed_to"], slots["urgency"]) == triage, row
        [case] = [c for c in store.list() if c["sender_id"] == sender]
        assert (case["category"], case["about"], case["routed_to"], case["urgency"]) == triage, row
        assert case["channel"] == "rest"
        assert case["reference"] in "\n".join(said), row
        if triage[0] == "safeguarding":
            assert said[0].startswith("If a child is in immediate danger, please call 999"), row
        expected_mail += len(recipients)
        wait_for_mail(inbox, expected_mail)
        received = [m for m in inbox.messages if case["reference"] in m["subject"]]
        assert sorted(m["to"][0] for m in received) == sorted(recipients), row
        for message in received:
            assert "Kim Hall" not in message["body"] and "Ruby" not in message["body"]
            assert "07700" not in message["body"]
    assert len(inbox.messages) == expected_mail


# One conversation in a parent's own words, every message an example the model was trained
# on, so it stays well inside what the model reliably knows.
NATURAL_OPENING = "my son is being bullied by a year 6 boy on the school bus"


def test_a_bullying_report_in_a_parents_own_words(running):
    stack, inbox = running
    sender = "e2e-natural"
    said = drive(stack, sender, NATURAL_OPENING, None, "year 3")
    [case] = [c for c in CaseStore(stack.database_url).list() if c["sender_id"] == sender]
    assert (case["category"], case["routed_to"], case["child_class"]) == ("bullying", "class_teacher", "Year 3")
    assert case["account"] == NATURAL_OPENING  # the opening already said what happened: not asked again
    assert not any("Please tell me what has happened" in line for line in said)
    # only whether there is anything to add, and "no, that's everything" adds nothing
    assert any("anything else you'd like the school to know" in line for line in said)
    assert case["reference"] in "\n".join(said)


def test_signposted_matters_file_nothing(running):
    stack, inbox = running
    before = len(CaseStore(stack.database_url).list())
    said = " ".join(r.get("text", "") for r in stack.say("e2e-signpost", "how do i appeal against the decision "
                                                         "on my sons school place, we didnt get our first choice"))
    assert "Admissions" in said
    assert len(CaseStore(stack.database_url).list()) == before


def _api_status(stack: Stack, path: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{stack.rasa_port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_the_http_api_takes_a_signed_header_and_nothing_else(running):
    stack, _ = running
    tracker = "/conversations/e2e-0/tracker"
    assert _api_status(stack, tracker) == 401
    assert _api_status(stack, tracker, rasa_api_headers(stack.jwt_secret)) == 200
    # The secret itself, as the old `?token=` or as a bearer, is not a credential.
    assert _api_status(stack, f"{tracker}?token={stack.jwt_secret}") == 401
    assert _api_status(stack, tracker, {"Authorization": f"Bearer {stack.jwt_secret}"}) == 401
    assert _api_status(stack, tracker, rasa_api_headers("another-secret-" + "x" * 32)) == 401
    assert _api_status(stack, tracker, rasa_api_headers(stack.jwt_secret, now=time.time() - 3600)) == 401
    # A JWT for one parent's own conversation (Rasa's "user" role) reads no other.
    mine = jwt.encode({"user": {"username": "e2e-stranger", "role": "user"}}, stack.jwt_secret, algorithm="HS256")
    assert _api_status(stack, tracker, {"Authorization": f"Bearer {mine}"}) == 403


def test_the_api_secret_is_on_no_command_line_and_in_no_log(running):
    stack, _ = running
    command_lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command_lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:  # a process that ended while we looked
            continue
    ours = [line for line in command_lines if "channels.rasa_server" in line and f"--port {stack.rasa_port}" in line]
    assert len(ours) == 1  # the stack's Rasa server is among the processes read
    assert not [line for line in command_lines if stack.jwt_secret in line]
    # After requests with the old token and the header (above, or here if run alone).
    _api_status(stack, f"/conversations/e2e-0/tracker?token={stack.jwt_secret}")
    _api_status(stack, "/conversations/e2e-0/tracker", rasa_api_headers(stack.jwt_secret))
    assert "Rasa server is up and running" in stack.read_log()
    assert stack.jwt_secret not in stack.read_log()


def test_checking_a_case_from_another_conversation_reveals_nothing(running):
    stack, _ = running
    reference = next(c["reference"] for c in CaseStore(stack.database_url).list())
    mine = " ".join(r.get("text", "") for r in stack.say("e2e-0", f"any update on {reference}"))
    theirs = " ".join(r.get("text", "") for r in stack.say("e2e-stranger", f"any update on {reference}"))
    assert "waiting to be read" in mine
    assert "can't find" in theirs and "waiting" not in theirs


def test_nothing_personal_reaches_the_logs(running):
    """Every process's output at INFO, after conversations through every routing row."""
    stack, _ = running
    logged = stack.read_log()
    assert "Rasa server is up and running" in logged  # the log really is the servers' output
    for personal in ("Kim Hall", "Ruby", "07700 900123", "nobody has told me anything", NATURAL_OPENING):
        assert personal not in logged, personal


# Everyday enquiries, each opened with its payload and topic: answered from the tests' profile
# (the stack's clock is Wednesday 25 November 2026), never a case, never an email.
ENQUIRIES = [
    ("school_day", "School starts at 8:50am (doors open at 8:40am) and finishes at 3:15pm."),
    ("term_dates", "This term (Autumn 2) ends on Friday 18 December."),
    ("closure", "The school hasn't posted any closure, so today is a normal school day."),
    ("absence", "before 9:15am on each day your child is off"),
    ("contacts", "phone 01388 000 000, email office@oakleycross.example.org"),
    ("dinners", "ParentPay"),
    ("uniform", "a red jumper or cardigan"),
    ("clubs", "Breakfast club runs from 7:45"),
    ("parents_evening", "Parents' evenings are in the autumn and spring terms"),
    ("lost_property", "Lost property is on the rack by the main entrance"),
    ("admissions", "admissions team 03000 265 896"),
    ("volunteering", "Volunteers are very welcome"),
    ("jobs", "Vacancies are advertised on the school website"),
]


def _said(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_everyday_enquiries_are_answered_from_the_profile_and_file_nothing(running):
    stack, inbox = running
    store = CaseStore(stack.database_url)
    cases_before, mail_before = len(store.list()), len(inbox.messages)
    for topic, words in ENQUIRIES:
        sender = f"e2e-enquiry-{topic}"
        said = _said(stack.say(sender, '/everyday_enquiry{"topic": "%s"}' % topic))
        assert words in said, (topic, said)
        assert stack.tracker(sender)["slots"]["enquiry_topic"] == topic
    # In a parent's own words (training examples, well inside what the model knows): the
    # day is read from the message.
    said = _said(stack.say("e2e-enquiry-words", "is the 4th of jan an inset day?"))
    assert "Monday 4 January 2027 is an INSET day: school is closed." in said
    assert len(store.list()) == cases_before
    time.sleep(1)
    assert len(inbox.messages) == mail_before


def test_thanks_are_passed_to_the_teacher_named_with_no_case(running):
    stack, inbox = running
    store = CaseStore(stack.database_url)
    cases_before, mail_before = len(store.list()), len(inbox.messages)
    said = _said(stack.say("e2e-thanks", "Dear Mr Hall, Thank you for a wonderful year. Oscar has loved every "
                                         "minute of Year 4."))
    assert "I'll pass your message on to Mr Chris Hall." in said
    wait_for_mail(inbox, mail_before + 1)
    [thanks] = inbox.messages[mail_before:]
    assert thanks["to"] == ["c.hall@oakleycross.example.org"]
    assert "Oscar has loved every minute of their class" in thanks["body"]
    assert "Year 4" not in thanks["body"]
    assert len(store.list()) == cases_before


def test_a_notice_opens_every_new_conversation_until_it_ends(running):
    import subprocess
    import sys

    from tests.conftest import ROOT

    stack, _ = running

    def cli(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "concerns.cli", "notice", *args], cwd=ROOT, env=stack.env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    posted = cli("post", "School is closed today because of snow.", "--as", OFFICE)
    notice_id = posted.split()[1]
    try:
        replies = stack.say("e2e-notice", "/greet")
        assert replies[0]["text"] == "Notice from the school: School is closed today because of snow."
        assert "automated assistant" in _said(replies[1:])
        # A question about closures is answered with it too; it is not repeated mid-conversation.
        again = stack.say("e2e-notice", '/everyday_enquiry{"topic": "closure"}')
        assert _said(again) == "Notice from the school: School is closed today because of snow."
    finally:
        cli("end", notice_id, "--as", OFFICE)
    assert "Notice from the school" not in _said(stack.say("e2e-after-notice", "/greet"))


def test_domestic_abuse_gets_the_helpline_and_is_asked_if_contact_is_safe(running):
    """The safety net's words (not the model's): an alert, the National Domestic Abuse Helpline,
    and "is it safe to contact you?" in place of "what is your number?"."""
    stack, _ = running
    sender = "e2e-domestic"
    replies = stack.say(sender, "my husband hits me and the kids see it")
    said = [r.get("text") or "" for r in replies]
    assert said[0].startswith("If a child is in immediate danger, please call 999")
    assert "the National Domestic Abuse Helpline on 0808 2000 247 (free, any time)" in said[0]
    answers = dict(ANSWERS, **{"Is it safe for the school to contact you?": "not safe, he checks my phone"})
    for _ in range(8):
        last = said[-1]
        if "Is it safe for the school to contact you?" in last:
            said = [r.get("text") or "" for r in stack.say(sender, answers["Is it safe for the school to contact you?"])]
            break
        assert "phone number or email" not in last, said
        answer = next((value for question, value in answers.items() if question in last), None)
        assert answer is not None, f"unexpected question: {said}"
        said = [r.get("text") or "" for r in stack.say(sender, {"class": "year 2"}.get(answer, answer))]
    else:
        raise AssertionError("never asked whether contact is safe")
    assert any("Nobody will phone or email you." in line for line in said), said
    [case] = [c for c in CaseStore(stack.database_url).list() if c["sender_id"] == sender]
    assert case["category"] == "safeguarding" and case["urgency"] == "urgent"
    for _ in range(4):  # the summary, if asked, is confirmed; the contact stays "not safe"
        if not any("Here's what I'll send" in line or "Is that right" in line for line in said):
            break
        said = [r.get("text") or "" for r in stack.say(sender, "/affirm")]
    case = CaseStore(stack.database_url).get(case["reference"])
    assert case["parent_contact"] == "NOT SAFE to phone or email: speak to them in person at school"


def test_a_message_in_polish_gets_999_a_note_in_polish_and_an_alert_if_it_may_be_a_disclosure(running):
    """Read by the language step (py3langid, offline), not the English model."""
    stack, inbox = running
    store = CaseStore(stack.database_url)
    before = len(store.list())
    said = [r.get("text") or "" for r in stack.say("e2e-polish", "Dzień dobry, o której godzinie kończy się szkoła?")]
    assert said[0].startswith("If a child is in immediate danger, please call 999")
    assert any("możemy zapewnić tłumacza" in line and "01388 000 000" in line for line in said), said
    assert len(store.list()) == before
    said = [r.get("text") or "" for r in stack.say("e2e-polish-risk", "Mój partner bije moje dzieci i boję się")]
    assert said[0].startswith("If a child is in immediate danger, please call 999")
    assert any("Przekazaliśmy tę wiadomość" in line for line in said), said
    [case] = [c for c in store.list() if c["sender_id"] == "e2e-polish-risk"]
    assert (case["category"], case["routed_to"], case["urgency"]) == ("safeguarding", "dsl", "urgent")
    from concerns.staff import StaffStore
    assert any("wrote in Polish" in note["text"] for note in StaffStore(store).notes_for(case["id"]))
