"""On the real stack: a weak sign that a child may be at risk gets one kind question, "Are you
worried a child may be at risk of harm?". A "yes" alerts, and so does no answer at all: the
safeguarding lead is never left out because a parent closed the chat. An answer before the
time is up is the parent's answer, and nothing is filed for them.

The weak sign is put in the conversation as the model would have scored it (a fallback with
safeguarding on top, through Rasa's own messages API), so nothing here depends on what the
model makes of a sentence; the question, the reminder and the alert are the real ones."""
from __future__ import annotations

import json
import time
import urllib.request

import pytest

from concerns.store import CaseStore
from console.rasa_api import rasa_api_headers
from tests.integration.stack import stack_with_mail

ALERT_AFTER_S = 3
WORDS = "the girl next door is always out on her own really late and looks so thin"


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with stack_with_mail(tmp_path_factory.mktemp("stack"),
                         extra_env={"RISK_QUESTION_ALERT_AFTER_SECONDS": str(ALERT_AFTER_S)}) as (stack, inbox):
        yield stack, inbox


def _rasa(stack, path: str, body: object) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{stack.rasa_port}{path}", data=json.dumps(body).encode(),
                                     headers={**rasa_api_headers(stack.jwt_secret), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _a_weak_sign(stack, sender: str) -> list[dict]:
    """The parent's words, read as unsure with safeguarding on top; the fallback answers."""
    scored = {"intent": {"name": "nlu_fallback", "confidence": 0.3},
              "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3},
                                 {"name": "safeguarding_child", "confidence": 0.28},
                                 {"name": "concern_child", "confidence": 0.2}],
              "entities": [], "text": WORDS}
    _rasa(stack, f"/conversations/{sender}/messages", {"text": WORDS, "sender": "user", "parse_data": scored})
    asked = _rasa(stack, f"/conversations/{sender}/execute", {"name": "action_not_understood"})["messages"]
    # ...and listens, as Rasa's own loop does after a question.
    _rasa(stack, f"/conversations/{sender}/execute", {"name": "action_listen"})
    return asked


def _cases(stack, sender: str) -> list[dict]:
    return [case for case in CaseStore(stack.database_url).list() if case["sender_id"] == sender]


def test_no_answer_at_all_still_alerts_the_safeguarding_lead(running):
    stack, inbox = running
    asked = _a_weak_sign(stack, "e2e-no-answer")
    assert "Are you worried a child may be at risk of harm?" in asked[0]["text"]
    assert not _cases(stack, "e2e-no-answer")  # nobody is alerted while the parent may answer

    deadline = time.monotonic() + ALERT_AFTER_S + 90
    while time.monotonic() < deadline and not _cases(stack, "e2e-no-answer"):
        time.sleep(0.5)
    [case] = _cases(stack, "e2e-no-answer")
    assert (case["category"], case["urgency"], case["routed_to"]) == ("safeguarding", "urgent", "dsl")
    assert case["account"] == WORDS  # their words, not Rasa's reminder
    said = [e.get("text") or "" for e in stack.tracker("e2e-no-answer")["events"] if e.get("event") == "bot"]
    assert any(text.startswith("If a child is in immediate danger, please call 999") for text in said)


def test_an_answer_before_the_time_is_up_is_the_parents_answer(running):
    stack, _ = running
    _a_weak_sign(stack, "e2e-answered")
    answered = stack.say("e2e-answered", "/deny")  # "No, it's something else": asked what it is, once
    assert "Could you tell me a little more about what you'd like to raise?" in answered[0]["text"]
    assert "Are you worried a child may be at risk" not in " ".join(r.get("text") or "" for r in answered)
    # Past the moment the reminder would have fired, and then some: Rasa dropped it.
    time.sleep(ALERT_AFTER_S + 5)
    assert not _cases(stack, "e2e-answered")
    assert not any(e.get("event") == "user" and (e.get("text") or "").startswith("EXTERNAL")
                   for e in stack.tracker("e2e-answered")["events"])


def test_no_answer_to_the_question_asked_in_the_middle_of_a_case_still_alerts(running):
    """Issue 11: asked while the case's form waits for an answer ("Which class is Ruby in?"), no
    answer at all alerted nobody: Rasa's reminder was taken as the class ("Sorry, I didn't
    recognise that class")."""
    stack, _ = running
    sender = "e2e-no-answer-in-a-form"
    stack.say(sender, "/concern_child")
    assert "Which class is Ruby in?" in [r.get("text") for r in stack.say(sender, "Ruby")]
    asked = _a_weak_sign(stack, sender)
    assert "Are you worried a child may be at risk of harm?" in asked[0]["text"]
    deadline = time.monotonic() + ALERT_AFTER_S + 90
    while time.monotonic() < deadline and not _cases(stack, sender):
        time.sleep(0.5)
    [case] = _cases(stack, sender)
    assert (case["category"], case["urgency"], case["routed_to"]) == ("safeguarding", "urgent", "dsl")
    assert case["account"] == WORDS
    said = [e.get("text") or "" for e in stack.tracker(sender)["events"] if e.get("event") == "bot"]
    assert not any("didn't recognise that class" in text for text in said), said


def test_an_account_read_as_a_weaker_worry_copies_the_safeguarding_lead(running):
    """Issue 11: the account stands and the case copies the safeguarding lead. The copy was once
    dropped on the way through rasa-sdk's form validation, so no case ever had it."""
    stack, _ = running
    sender = "e2e-account-copy"
    for said in ("/concern_child", "Ruby", "year 2"):
        stack.say(sender, said)
    account = "he comes home in his spare trousers most days and says he was too shy to ask"
    scored = {"intent": {"name": "nlu_fallback", "confidence": 0.3},
              "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3},
                                 {"name": "safeguarding_child", "confidence": 0.7},
                                 {"name": "concern_child", "confidence": 0.2}],
              "entities": [], "text": account}
    _rasa(stack, f"/conversations/{sender}/messages", {"text": account, "sender": "user", "parse_data": scored})
    asked = _rasa(stack, f"/conversations/{sender}/execute", {"name": "case_form"})["messages"]
    assert "What is your name?" in [m.get("text") for m in asked], asked
    _rasa(stack, f"/conversations/{sender}/execute", {"name": "action_listen"})
    for said in ("Kim Hall", "07700 900123", "/affirm"):
        stack.say(sender, said)
    [case] = _cases(stack, sender)
    assert case["category"] == "concern" and case["account"] == account and "dsl" in case["copied_to"]
