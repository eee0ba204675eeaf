"""A parent who hints that contact is not safe, wherever in the conversation they say it
(issue 11, item 10): the National Domestic Abuse Helpline, and whether contact is safe is asked
before any number is kept; the safeguarding lead is copied on the case."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as A
from concerns import wording
from tests.actions.test_actions import DOMAIN, core, run, texts, tracker  # noqa: F401 (core: a fixture)

HELPLINE = "the National Domestic Abuse Helpline on 0808 2000 247"
SLOTS = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher", "child_name": "Mia",
         "child_class": "Year 2", "account": "she is struggling with her reading and seems tired",
         "parent_name": "Leanne"}


def _said(text: str, intent: str = "inform") -> dict:
    return {"event": "user", "text": text, "timestamp": 1764064800.0, "input_channel": "rest",
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.9}}, "metadata": {}}


def _conversation(*turns: tuple[str, str]) -> list[dict]:
    """An intake: the opening, then (question asked, parent's reply) pairs."""
    events = [_said("my daughter is struggling with her reading", "concern_child"),
              {"event": "action", "name": "action_triage"}]
    for question, reply in turns:
        events += [{"event": "bot", "text": question}, _said(reply)]
    return events


def _at_contact(*turns: tuple[str, str], slots: dict | None = None):
    events = _conversation(*turns)
    return tracker(events[-1]["text"], "inform", slots=dict(SLOTS, requested_slot="contact", **(slots or {})),
                   events=events)


def _validated(track) -> tuple[str, dict]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(A.ValidateCaseForm().run(dispatcher, track, DOMAIN))
    return texts(dispatcher.messages), {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize("reply", [
    "text only please, he checks my phone",
    "don't ring, he'll be home",
    "07700 900418 but only text before 3, he goes through my phone",
    "email not phone please. my partner can't know I've been in touch",
])
def test_a_hint_at_the_number_question_gets_the_helpline_and_the_question_whether_contact_is_safe(core, reply):
    track = _at_contact((wording.QUESTIONS["contact"], reply))
    said, values = _validated(track)
    assert values.get("contact") is None and "doesn't look like a phone number" not in said
    # The form asks again: the helpline, then whether it is safe.
    track = _at_contact((wording.QUESTIONS["contact"], reply))
    messages, _ = run(A.ActionAskContact(), track)
    assert HELPLINE in messages[0]["text"] and "999" in messages[0]["text"]
    assert messages[-1]["text"] == wording.contact_question(True)


def test_not_safe_after_the_hint_is_kept_and_nobody_will_phone(core):
    track = _at_contact((wording.QUESTIONS["contact"], "don't ring, he'll be home"),
                        (wording.contact_question(True), "not safe"))
    said, values = _validated(track)
    assert values["contact"] == wording.NOT_SAFE_TO_CONTACT and "Nobody will phone or email you" in said
    # A number given when asked whether it is safe is kept, with its note.
    track = _at_contact((wording.QUESTIONS["contact"], "don't ring, he'll be home"),
                        (wording.contact_question(True), "yes 07700 900418 between 9 and 2"))
    _, values = _validated(track)
    assert values["contact"] == "yes 07700 900418 between 9 and 2"


def test_a_hint_said_earlier_makes_the_number_question_ask_whether_it_is_safe(core):
    # In the account, before any number was asked: "please only email, he reads my texts".
    events = _conversation((wording.QUESTIONS["account"], "she's behind with reading. please only email, he reads "
                                                          "my texts"),
                           (wording.QUESTIONS["parent_name"], "Leanne"))
    messages, _ = run(A.ActionAskContact(), tracker("Leanne", "inform", slots=SLOTS, events=events))
    assert HELPLINE in messages[0]["text"] and messages[-1]["text"] == wording.contact_question(True)


def test_the_helpline_is_not_said_twice_after_a_domestic_abuse_alert(core):
    events = [_said("my partner hits me and the kids hear it", "safeguarding_child"),
              {"event": "bot", "text": wording.safeguarding_first_words(core.profile, "my partner hits me")}]
    messages, _ = run(A.ActionAskContact(), tracker("Leanne", "inform", slots=SLOTS, events=events))
    assert [m["text"] for m in messages] == [wording.contact_question(True)]


def test_a_case_with_the_hint_copies_the_safeguarding_lead(core):
    track = _at_contact((wording.QUESTIONS["contact"], "don't ring, he'll be home"),
                        (wording.contact_question(True), "not safe"),
                        slots={"contact": wording.NOT_SAFE_TO_CONTACT, "awaiting_confirmation": True})
    _, events = run(A.ActionFileCase(), track)
    record = core.store.get(events["case_reference"])
    assert "dsl" in record["copied_to"] and record["parent_contact"] == wording.NOT_SAFE_TO_CONTACT


@pytest.mark.parametrize("reply", ["07700 900418", "07700 900418, text only please, I'm at work all day",
                                   "07700 900418 please don't ring between 3 and 4, he'll be home from school",
                                   "my husband is home after 5, ring him then on 07700 900418"])
def test_everyday_answers_to_the_number_question_are_kept_with_no_helpline(core, reply):
    said, values = _validated(_at_contact((wording.QUESTIONS["contact"], reply)))
    assert values.get("contact") and "Domestic Abuse" not in said
    messages, _ = run(A.ActionAskContact(), tracker("", "inform", slots=SLOTS, events=_conversation()))
    assert texts(messages) == wording.QUESTIONS["contact"]


def test_when_contact_is_not_safe_nothing_promises_a_call_or_an_email(core):
    # Issue 11, item 8: words that are true. A filed case says nobody will phone or email.
    track = _at_contact((wording.QUESTIONS["contact"], "don't ring, he'll be home"),
                        (wording.contact_question(True), "not safe"),
                        slots={"contact": wording.NOT_SAFE_TO_CONTACT, "awaiting_confirmation": True})
    messages, _ = run(A.ActionFileCase(), track)
    assert wording.NOT_SAFE_REPLY in texts(messages)
    # Details added to an alert already sent: a safe way, not "will contact you".
    _, slots = run(A.ActionSafeguarding(), tracker("my partner hits me in front of the kids", "safeguarding_child"))
    after = {**slots, "parent_name": "Leanne", "contact": wording.NOT_SAFE_TO_CONTACT}
    messages, _ = run(A.ActionFormDone(), tracker("not safe", slots=after))
    assert "find a safe way to speak to you" in texts(messages) and "will contact you" not in texts(messages)


def test_a_hint_with_the_yes_at_the_summary_asks_whether_contact_is_safe_before_filing(core):
    track = _at_contact((wording.QUESTIONS["contact"], "07700 900418"),
                        ("Here's what I'll send. Is it right?", "yes send it but don't ring, he'll be home"),
                        slots={"contact": "07700 900418", "awaiting_confirmation": True})
    _, slots = run(A.ActionFileCase(), track)
    assert slots == {"contact": None, "awaiting_confirmation": False} and core.store.list() == []
    messages, _ = run(A.ActionAskContact(), track)
    assert HELPLINE in messages[0]["text"] and messages[-1]["text"] == wording.contact_question(True)
    # A plain yes files as before.
    plain = _at_contact((wording.QUESTIONS["contact"], "07700 900418"), ("Here's what I'll send. Is it right?", "yes"),
                        slots={"contact": "07700 900418", "awaiting_confirmation": True})
    _, slots = run(A.ActionFileCase(), plain)
    assert slots["case_reference"]


def test_a_hint_after_a_case_is_filed_gets_the_helpline_and_a_note_on_the_case(core):
    from actions.enquiries import ActionAnswerEnquiry
    from concerns.staff import StaffStore
    track = _at_contact((wording.QUESTIONS["contact"], "07700 900418"), ("Here's what I'll send. Is it right?", "yes"),
                        slots={"contact": "07700 900418", "awaiting_confirmation": True})
    _, slots = run(A.ActionFileCase(), track)
    reference = slots["case_reference"]
    later = "oh and please don't ring me after 4, he'll be home"
    events = track.events + [{"event": "bot", "text": "Thank you."}, _said(later, "ask_school_day")]
    after = tracker(later, "ask_school_day", slots=dict(SLOTS, case_reference=reference, contact="07700 900418"),
                    events=events)
    messages, _ = run(ActionAnswerEnquiry(), after)
    assert HELPLINE in texts(messages) and reference in texts(messages)
    record = core.store.get(reference)
    assert any(later in note["text"] for note in StaffStore(core.store).notes_for(record["id"]))
    # Not understood, with no case: the helpline all the same.
    messages, _ = run(A.ActionNotUnderstood(), tracker("dont text me, he reads my messages", "nlu_fallback"))
    assert HELPLINE in texts(messages)
