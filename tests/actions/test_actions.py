"""The custom actions on real rasa-sdk Tracker objects with the real domain."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as A
from concerns import wording
from concerns.service import default_core
from tests.conftest import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml")).as_dict()
IN_HOURS = "2026-11-25T10:00:00"
OUT_OF_HOURS = "2026-11-27T19:00:00"


@pytest.fixture
def core(tmp_path, monkeypatch, smtp_server):
    port, inbox = smtp_server
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("CONCERNS_NOW", IN_HOURS)
    default_core.cache_clear()
    yield default_core()
    default_core.cache_clear()


def tracker(text="", intent="", slots=None, sender="parent-1", entities=None, channel="rest", events=None):
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    history = events if events is not None else [
        {"event": "user", "text": text, "timestamp": 1764064800.0, "input_channel": channel,
         "parse_data": latest, "metadata": {}},
    ]
    return Tracker(sender, all_slots, latest, history, False, None, {}, "action_listen")


def run(action, track):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def test_triage_sets_the_contract_slots_and_explains_the_channel(core):
    messages, slots = run(A.ActionTriage(), tracker("my son is getting hit every day at playtime by the same boy",
                                                    "report_bullying"))
    assert slots["category"] == "bullying" and slots["about"] == "child"
    assert slots["routed_to"] == "class_teacher" and slots["urgency"] == "high"
    assert slots["account"].startswith("my son is getting hit")   # long enough: not asked again
    assert "class teacher and the Headteacher" in texts(messages)


@pytest.mark.parametrize("text, intent, routed_to, said", [
    ("I want to complain about Mrs C, she never answers my emails", "complain_school", "chair_of_governors",
     "A complaint about the Headteacher goes to the Chair of Governors"),
    ("I want to complain about Mrs Lowther the clerk", "complain_governor", "chair_of_governors",
     "A complaint about the Clerk to the Governors goes to the Chair of Governors, not to the Clerk"),
    ("complaint about the head and the chair of governors", "complain_headteacher", "clerk_to_governors",
     "goes to the Clerk to the Governors, so neither of them looks at it"),
])
def test_triage_explains_where_the_complaint_really_goes(core, text, intent, routed_to, said):
    """The words name who it is about, whatever intent the model guessed: the parent is told
    the route it really takes, never the Headteacher's for a complaint about her."""
    messages, slots = run(A.ActionTriage(), tracker(text, intent))
    assert slots["routed_to"] == routed_to
    assert said in texts(messages)


def _after_not_understood(words: str, payload: str, asked: str = "action_not_understood") -> Tracker:
    """The parent wrote `words`, the assistant asked them to say more or choose, they pressed `payload`."""
    intent = payload.lstrip("/")
    events = [
        {"event": "user", "text": words, "timestamp": 1764064800.0, "input_channel": "rest",
         "parse_data": {"text": words, "intent": {"name": "nlu_fallback", "confidence": 0.3}}, "metadata": {}},
        {"event": "action", "name": asked, "timestamp": 1764064801.0},
        {"event": "action", "name": "action_listen", "timestamp": 1764064802.0},
        {"event": "user", "text": payload, "timestamp": 1764064810.0, "input_channel": "rest",
         "parse_data": {"text": payload, "intent": {"name": intent, "confidence": 1.0}}, "metadata": {}},
    ]
    return tracker(payload, intent, events=events)


def test_words_the_assistant_did_not_understand_are_kept_when_the_parent_chooses(core):
    # Chosen with a button after "I'm not sure I understood": the words are what happened, and
    # they say who it is about (a member of staff, so who it is, is asked).
    words = "Mr Hall has not responded to a single one of my emails since October. Not acceptable"
    messages, slots = run(A.ActionTriage(), _after_not_understood(words, "/complain_school"))
    assert slots["account"] == words and slots["matter"] == "complain_staff"
    assert "a concern about a member of staff goes to the Headteacher" in texts(messages)
    _, slots = run(A.ActionTriage(), _after_not_understood("the lunches are cold every day, we pay for cold chips",
                                                           "/complain_school", asked="action_something_else"))
    assert slots["account"] == "the lunches are cold every day, we pay for cold chips"
    assert slots["matter"] == "complain_school"
    # Words the parent wrote before an intake that ran are not taken again.
    events = _after_not_understood("hello", "/concern_child").events
    events[1]["name"] = "action_triage"
    _, slots = run(A.ActionTriage(), tracker("/concern_child", "concern_child", events=events))
    assert slots["account"] is None


def test_the_not_understood_reply_offers_a_complaint_and_bullying_online(core):
    messages, _ = run(A.ActionNotUnderstood(), tracker("Mr Hall never answers", "nlu_fallback"))
    offered = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert "/complain_school" in offered
    # a video of a child "the weirdos" on YouTube the model could not place: online bullying is
    # one of the matters a parent can pick at once
    assert "/report_cyberbullying" in offered


def test_a_button_that_changes_the_kind_of_matter_keeps_what_they_told_us(core):
    opening = "my lad is gutted, not picked again and its always the same kids"
    track = tracker("/concern_child", "concern_child", slots={
        "matter": "report_bullying", "category": "bullying", "account": opening, "account_from_opening": True})
    _, slots = run(A.ActionTriage(), track)
    assert slots["category"] == "concern" and slots["account"] == opening and slots["account_from_opening"] is True
    # Words, not a button: a new matter starts afresh.
    track = tracker("actually it's about the dinner money", "complain_school", slots={
        "matter": "report_bullying", "category": "bullying", "account": opening, "account_from_opening": True})
    assert run(A.ActionTriage(), track)[1]["account"] != opening


def test_a_short_opening_is_not_taken_as_the_account(core):
    _, slots = run(A.ActionTriage(), tracker("i want to complain", "complain_school"))
    assert slots["account"] is None


def test_an_opening_taken_as_the_account_is_followed_by_anything_to_add(core):
    """"I wanted to let his teacher know what's going on" names the matter, not what is going
    on: after the child's details the parent is asked whether there is more, and what they add
    joins the account ("no" adds nothing)."""
    opening = "my son keeps getting told off for falling asleep in class and i wanted his teacher to know"
    _, triaged = run(A.ActionTriage(), tracker(opening, "concern_child"))
    assert triaged["account_from_opening"] is True and triaged["account"] == opening
    form = A.ValidateCaseForm()
    track = tracker("Mason", "", slots={**triaged, "matter": "concern_child"})
    needed = asyncio.run(form.required_slots([], CollectingDispatcher(), track, DOMAIN))
    assert needed == ["child_name", "child_class", "account", "account_more", "parent_name", "contact"]
    messages, _ = run(A.ActionAskAccountMore(), track)
    assert "anything else" in texts(messages) and "in your own words" in texts(messages)
    added = form.validate_account_more("he's up half the night because of the noise at home",
                                       CollectingDispatcher(), track, DOMAIN)
    assert added["account"] == opening + "\nhe's up half the night because of the noise at home"
    nothing = form.validate_account_more("no that's everything", CollectingDispatcher(), track, DOMAIN)
    assert nothing == {"account_more": "no"}
    short = tracker("i want to complain", "complain_school")
    assert run(A.ActionTriage(), short)[1]["account_from_opening"] is False


def test_the_form_asks_only_what_the_matter_needs(core):
    form = A.ValidateCaseForm()
    track = tracker("complaint about the head", "complain_headteacher",
                    slots={"matter": "complain_headteacher", "category": "complaint"})
    needed = asyncio.run(form.required_slots([], CollectingDispatcher(), track, DOMAIN))
    assert needed == ["child_name", "child_class", "account", "parent_name", "contact"]
    # About no one child: the class is not asked either.
    track = tracker("complaint about the head", "complain_headteacher", slots={"matter": "complain_headteacher", "category": "complaint",
                                          "child_name": A.NOT_GIVEN})
    needed = asyncio.run(form.required_slots([], CollectingDispatcher(), track, DOMAIN))
    assert needed == ["child_name", "account", "parent_name", "contact"]


def test_a_complaint_that_does_not_say_who_it_is_about_asks_with_buttons(core):
    """"I'd like to make a formal complaint" is never filed on a guess."""
    form = A.ValidateCaseForm()
    track = tracker("I'd like to make a formal complaint", "complain_school",
                    slots={"matter": "complain_school", "category": "complaint", "routed_to": "headteacher"})
    needed = asyncio.run(form.required_slots([], CollectingDispatcher(), track, DOMAIN))
    assert needed[0] == "subject_name"
    messages, _ = run(A.ActionAskSubjectName(), track)
    assert [b["title"] for b in messages[0]["buttons"]][:3] == ["A member of staff", "The Headteacher", "A governor"]
    result = form.validate_subject_name("The Headteacher", CollectingDispatcher(), track, DOMAIN)
    assert (result["about"], result["routed_to"]) == ("headteacher", "chair_of_governors")
    result = form.validate_subject_name("The school's decisions or how it does things", CollectingDispatcher(),
                                        track, DOMAIN)
    assert (result["about"], result["routed_to"]) == ("school", "headteacher")


@pytest.mark.parametrize("requested, reply", [
    ("parent_name", "actually forget it, cancel"), ("contact", "I've changed my mind"),
    ("child_class", "leave it, I'll ring instead"), ("account", "cancel"), ("contact", "why do you need that?")])
def test_a_stop_or_a_why_at_any_question_is_left_to_the_rules(core, requested, reply):
    extract = getattr(A.ValidateCaseForm(), f"extract_{requested}")
    track = tracker(reply, "concern_child", slots={"requested_slot": requested, "matter": "concern_child"})
    assert asyncio.run(extract(CollectingDispatcher(), track, DOMAIN)) == {}


def test_a_sentence_is_never_stored_as_a_name(core):
    dispatcher = CollectingDispatcher()
    result = A.ValidateCaseForm().validate_parent_name("my son is in year 3 and he is upset", dispatcher,
                                                       tracker(slots={"category": "concern"}), DOMAIN)
    assert result == {"parent_name": None} and "who to reply to" in texts(dispatcher.messages)


def test_a_parent_may_decline_their_name_after_being_told_why(core):
    form = A.ValidateCaseForm()
    first = CollectingDispatcher()
    assert form.validate_parent_name("I'd rather not say", first, tracker(slots={"category": "concern"}),
                                     DOMAIN) == {"parent_name": None}
    asked_why = texts(first.messages)
    again = tracker("no, rather not", "deny", slots={"category": "concern"}, events=[
        {"event": "user", "text": "I'd rather not say", "timestamp": 1.0, "parse_data": {}},
        {"event": "bot", "text": asked_why, "timestamp": 2.0},
        {"event": "bot", "text": "What is your name?", "timestamp": 3.0},
        {"event": "user", "text": "no, rather not", "timestamp": 4.0, "parse_data": {}}])
    assert form.validate_parent_name("no, rather not", CollectingDispatcher(), again, DOMAIN) == {
        "parent_name": A.NOT_GIVEN}


def test_not_knowing_the_class_sends_the_concern_to_the_headteacher(core):
    result = A.ValidateCaseForm().validate_child_class("dunno which class", CollectingDispatcher(), tracker(), DOMAIN)
    assert result == {"child_class": A.NOT_GIVEN}
    slots = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher", "child_name": "Ruby",
             "child_class": A.NOT_GIVEN, "account": "she is not sleeping", "parent_name": A.NOT_GIVEN,
             "contact": "07700 900123", "awaiting_confirmation": True}
    _, events = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=slots))
    record = core.store.get(events["case_reference"])
    assert record["assignee"] == "head@oakleycross.example.org"
    assert record["child_class"] is None and record["parent_name"] is None


def test_withdrawing_after_filing_gives_the_reference_and_tells_staff(core):
    slots = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher", "child_name": "Ruby",
             "child_class": "Year 2", "account": "she is not sleeping", "parent_name": "Kim",
             "contact": "07700 900123", "awaiting_confirmation": True}
    _, filed = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=slots))
    reference = filed["case_reference"]
    messages, _ = run(A.ActionCancel(), tracker("I've changed my mind", "cancel", slots={
        **slots, "awaiting_confirmation": False, "case_reference": reference}))
    assert reference in texts(messages) and "Nothing has been recorded" not in texts(messages)
    from concerns.staff import StaffStore
    notes = StaffStore(core.store).notes_for(core.store.get(reference)["id"])
    assert any("withdraw" in note["text"] for note in notes)


def test_naming_the_headteacher_reroutes_a_staff_complaint(core):
    form = A.ValidateCaseForm()
    dispatcher = CollectingDispatcher()
    result = form.validate_subject_name("mrs carter", dispatcher, tracker(slots={
        "matter": "complain_staff", "routed_to": "headteacher"}), DOMAIN)
    assert result["routed_to"] == "chair_of_governors" and result["about"] == "headteacher"
    assert "Chair of Governors" in texts(dispatcher.messages)


@pytest.mark.parametrize("opening, answer, routed_to, told", [
    # Nobody picked out, by the opening or the answer: the Chair keeps it (it could be the Head).
    ("an adult at the school grabbed my son", "I don't know who", "chair_of_governors", None),
    ("an adult at the school grabbed my son", "a member of staff", "chair_of_governors", None),
    # One of many by a job the Head could do ("one of the teachers"): still nobody known, so the
    # Chair keeps it (DESIGN).
    ("one of the teachers grabbed my son", "I don't know her name", "chair_of_governors", None),
    ("a teaching assistant grabbed my son", "I don't know her name", "chair_of_governors", None),
    # A job only one person does: the Headteacher takes it.
    ("the breakfast club lady put tape over his mouth", "I don't know her name", "headteacher",
     "Thank you. It will go to the Headteacher instead."),
    ("an adult at the school grabbed my son", "the caretaker", "headteacher",
     "Thank you. Because it is about the caretaker, it will go to the Headteacher instead."),
])
def test_an_allegation_whose_subject_nobody_knows_stays_with_the_chair(core, opening, answer, routed_to, told):
    dispatcher = CollectingDispatcher()
    result = A.ValidateCaseForm().validate_subject_name(answer, dispatcher, tracker(slots={
        "matter": "staff_allegation", "category": "safeguarding", "routed_to": "chair_of_governors",
        "account": opening}), DOMAIN)
    assert result["routed_to"] == routed_to
    said = texts(dispatcher.messages)
    assert (told in said) if told else ("it will go to" not in said)
    assert "name not given" not in said


def test_a_bad_contact_is_asked_again_with_an_example(core):
    dispatcher = CollectingDispatcher()
    result = A.ValidateCaseForm().validate_contact("ring me", dispatcher, tracker(), DOMAIN)
    assert result == {"contact": None}
    assert "07700 900123" in texts(dispatcher.messages)


def test_the_summary_asks_before_anything_is_recorded(core):
    slots = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher",
             "child_name": "Ruby", "child_class": "Year 2", "account": "she is not sleeping",
             "parent_name": "Kim", "contact": "07700 900123"}
    messages, events = run(A.ActionFormDone(), tracker(slots=slots))
    assert events == {"awaiting_confirmation": True}
    assert "Ruby" in texts(messages) and [b["title"] for b in messages[0]["buttons"]] == [
        "Yes, send it", "Change something", "Cancel"]
    assert core.store.list() == []


def test_filing_records_the_case_and_tells_the_teacher(core, smtp_server):
    _, inbox = smtp_server
    slots = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher",
             "child_name": "Ruby", "child_class": "Year 2", "account": "she is not sleeping",
             "parent_name": "Kim", "contact": "07700 900123", "awaiting_confirmation": True}
    messages, events = run(A.ActionFileCase(), tracker("yes", "affirm", slots=slots, channel="socketio"))
    reference = events["case_reference"]
    record = core.store.get(reference)
    assert record["channel"] == "web" and record["assignee"] == "p.shah@oakleycross.example.org"
    assert record["acknowledge_by"] == "2026-12-02" and record["respond_by"] == "2026-12-09"
    assert record["transcript"][0] == {"who": "parent", "text": "yes", "at": record["transcript"][0]["at"]}
    assert reference in texts(messages) and "Wednesday 2 December" in texts(messages)


def test_confirming_again_after_a_failure_files_the_case_once(core, smtp_server):
    _, inbox = smtp_server
    slots = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher",
             "child_name": "Ruby", "child_class": "Year 2", "account": "she is not sleeping",
             "parent_name": "Kim", "contact": "07700 900123", "awaiting_confirmation": True}
    form_began = {"event": "active_loop", "name": "case_form", "timestamp": 1764064700.5}

    def confirmed(at):
        return tracker("yes", "affirm", slots=slots, events=[
            {"event": "user", "text": "she is not sleeping", "timestamp": 1764064700.0, "parse_data": {}},
            form_began, {"event": "active_loop", "name": None, "timestamp": 1764064750.0},
            {"event": "user", "text": "yes", "timestamp": at, "parse_data": {}}])

    # The first "yes" was recorded but its answer never reached the parent, who says yes again.
    first_messages, first = run(A.ActionFileCase(), confirmed(1764064800.0))
    again_messages, again = run(A.ActionFileCase(), confirmed(1764064900.0))
    assert first["case_reference"] == again["case_reference"]
    assert len(core.store.list()) == 1
    assert first["case_reference"] in texts(again_messages)
    # A new intake later in the same conversation is a new case.
    later = confirmed(1764065000.0)
    later.events.append({"event": "active_loop", "name": "case_form", "timestamp": 1764064990.0})
    _, another = run(A.ActionFileCase(), later)
    assert another["case_reference"] != first["case_reference"] and len(core.store.list()) == 2


def test_a_stray_yes_files_nothing(core):
    messages, _ = run(A.ActionFileCase(), tracker("yes", "affirm", slots={"matter": "concern_child"}))
    assert core.store.list() == []


def test_safeguarding_says_999_first_and_alerts_at_once(core):
    messages, slots = run(A.ActionSafeguarding(), tracker(
        "my daughters friend has bruises and says her stepdad hurts her", "safeguarding_child"))
    assert messages[0]["text"].startswith("If a child is in immediate danger, please call 999")
    assert "03000 267 979" in messages[0]["text"] and "0808 800 5000" in messages[0]["text"]
    record = core.store.get(slots["case_reference"])
    assert (record["category"], record["routed_to"], record["urgency"]) == ("safeguarding", "dsl", "urgent")
    assert "can't keep this a secret" in texts(messages)


def test_checking_a_case_works_only_from_the_conversation_that_filed_it(core):
    _, slots = run(A.ActionSafeguarding(), tracker("he said his dad hits him", "safeguarding_child",
                                                   sender="parent-a"))
    reference = slots["case_reference"]
    entity = [{"entity": "reference", "value": reference}]
    mine, _ = run(A.ActionCheckCase(), tracker(f"any news on {reference}", "check_case", sender="parent-a",
                                               entities=entity))
    theirs, _ = run(A.ActionCheckCase(), tracker(f"any news on {reference}", "check_case", sender="parent-b",
                                                 entities=entity))
    assert f"{reference} is with our Designated Safeguarding Lead." in texts(mine)
    assert "They may not be able to tell you what they decide" in texts(mine)
    assert "can't find" in texts(theirs) and "Designated Safeguarding Lead" not in texts(theirs)


def test_what_next_after_filing_follows_the_case_as_staff_move_it_on(core):
    """"What happens next?" reads the case this conversation filed: its status and stage."""
    from concerns.staff import StaffStore

    _, slots = run(A.ActionSafeguarding(), tracker("he said his dad hits him", "safeguarding_child"))
    words, _ = run(A.ActionWhatNext(), tracker("what happens now", "ask_what_next", slots=slots))
    assert "They decide what needs to happen to keep the child safe" in texts(words)
    assert "Once you confirm" not in texts(words)
    complaint = {"matter": "complain_staff", "category": "complaint", "about": "staff", "routed_to": "headteacher",
                 "subject_name": "Mr Bell", "account": "He shouted at my son in front of the class.",
                 "parent_name": "Kim Hall", "contact": "07700 900123", "awaiting_confirmation": True}
    before, _ = run(A.ActionWhatNext(), tracker("what happens next", "ask_what_next", slots=complaint,
                                                sender="parent-2"))
    assert "Once you confirm, I record it with a reference number and send it to the Headteacher." in texts(before)
    _, filed = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=complaint, sender="parent-2"))
    reference = filed["case_reference"]
    after = {**complaint, **filed}
    words, _ = run(A.ActionWhatNext(), tracker("what happens next", "ask_what_next", slots=after, sender="parent-2"))
    assert texts(words).startswith(f"{reference} was received and is waiting to be read by the Headteacher.")
    assert "You should hear back by Wednesday 2 December" in texts(words)
    case_id = core.store.get(reference)["id"]
    StaffStore(core.store).change_case(case_id, "head@oakleycross.example.org", "status", "resolved",
                                       status="resolved")
    words, _ = run(A.ActionWhatNext(), tracker("what happens next", "ask_what_next", slots=after, sender="parent-2"))
    assert texts(words).startswith(f"{reference} has been resolved.")
    assert "take it to stage 2" in texts(words)


def test_stage_2_asked_for_in_the_chat_is_kept_and_told_as_stage_2(core):
    """A complaint about a governor at stage 2 is held by the Clerk, as at stage 1: the case keeps
    its stage, so the parent is told stage 2 when it is filed and when they ask what happens next."""
    messages, slots = run(A.ActionTriage(), tracker("I want to take my complaint about the chair to stage 2",
                                                    "complain_governor"))
    assert slots["matter"] == "complaint_stage_2" and slots["routed_to"] == "clerk_to_governors"
    assert "You can take it to stage 2 of the complaints procedure" in texts(messages)
    stage_2 = {"matter": "complaint_stage_2", "category": "complaint", "about": "governor",
               "routed_to": "clerk_to_governors", "subject_name": "the chair, Mr Hughes",
               "account": "The head's reply did not deal with what happened at the fair.", "parent_name": "Sam",
               "contact": "sam@example.org", "awaiting_confirmation": True}
    messages, filed = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=stage_2, sender="parent-3"))
    record = core.store.get(filed["case_reference"])
    assert (record["routed_to"], record["complaint_stage"]) == ("clerk_to_governors", "stage_2")
    assert "stage 2 of the complaints procedure" in texts(messages)
    assert "The Clerk will acknowledge it by Wednesday 2 December" in texts(messages)
    words, _ = run(A.ActionWhatNext(), tracker("what happens next", "ask_what_next", slots={**stage_2, **filed},
                                               sender="parent-3"))
    assert "This is stage 2 of the complaints procedure" in texts(words) and "stage 1" not in texts(words)


def test_out_of_hours_the_parent_is_told_when_it_will_be_read(core, monkeypatch):
    monkeypatch.setenv("CONCERNS_NOW", OUT_OF_HOURS)
    default_core.cache_clear()
    messages, slots = run(A.ActionWelcome(), tracker("hello", "greet"))
    assert slots == {"out_of_hours": True}
    assert "Monday 30 November" in texts(messages)
    monkeypatch.setenv("CONCERNS_NOW", IN_HOURS)
    default_core.cache_clear()
    messages, slots = run(A.ActionWelcome(), tracker("hello", "greet"))
    assert len(messages) == 1 and slots == {"out_of_hours": False}
    assert "automated assistant" in texts(messages) and "https://oakleycross.example.org/privacy" in texts(messages)
    assert all(len(b["title"]) <= 20 for b in messages[0]["buttons"])


def test_cancel_records_nothing_and_clears_the_triage(core):
    messages, slots = run(A.ActionCancel(), tracker("cancel", "cancel", slots={
        "matter": "report_bullying", "category": "bullying", "child_name": "Kai"}))
    assert "Nothing has been recorded" in texts(messages)
    assert slots["category"] is None and slots["child_name"] is None
    assert core.store.list() == []


@pytest.mark.parametrize("slots", [
    {"matter": "report_bullying", "category": "bullying"},
    {"matter": "safeguarding_child", "category": "safeguarding", "case_reference": "OC-2026-0001"},
])
def test_stopping_a_case_still_gives_999_and_the_office_phone(core, slots):
    """Issue 11, item 3: a parent who stops part-way gets the way to urgent help, not a dead end."""
    messages, _ = run(A.ActionCancel(), tracker("forget it", "cancel", slots=slots))
    said = messages[0]["text"]
    assert "call 999" in said and core.profile.office_phone in said


def test_correcting_a_named_detail_clears_just_that_one(core):
    _, slots = run(A.ActionCorrectDetail(), tracker("i need to change my phone number", "correct_detail",
                                                    slots={"matter": "concern_child", "contact": "07700 900123"}))
    assert slots["contact"] is None and slots["correcting"] is False


def test_why_do_you_need_that_explains_the_detail_asked(core):
    messages, _ = run(A.ActionExplainWhy(), tracker("why do you need that", "ask_why_needed",
                                                    slots={"requested_slot": "contact"}))
    assert "I ask so the member of staff dealing with it can reply to you" in texts(messages)
    messages, _ = run(A.ActionExplainWhy(), tracker("why do you need that", "ask_why_needed", slots={
        "requested_slot": "contact", "category": "complaint", "routed_to": "headteacher"}))
    assert "they are normally told about it and asked for their account" in texts(messages)
    messages, _ = run(A.ActionExplainWhy(), tracker("why do i have to put it all in writing?", "ask_why_needed",
                                                    slots={"requested_slot": "account_more"}))
    assert "has everything you want them to know" in texts(messages)


def test_a_why_with_no_question_waiting_says_what_the_assistant_is_for_and_how_to_get_urgent_help(core):
    # After the welcome, or once a case is filed: the form is asking nothing (requested_slot unset).
    messages, events = run(A.ActionExplainWhy(), tracker("why?", "ask_why_needed",
                                                         slots={"case_reference": "OC-2026-0001"}))
    said = texts(messages)
    assert said.startswith("I haven't asked you for anything just now. I'm the Oakley Cross automated assistant")
    assert "If a child is in danger, call 999. The school office is on 01388 000 000." in said
    assert "I ask so" not in said and events == {}


def test_a_why_at_the_summary_says_nothing_is_sent_until_they_confirm_and_the_summary_comes_again(core):
    summary = {"matter": "ask_human", "category": "handoff", "routed_to": "office", "parent_name": "Chris",
               "contact": "07700 900333", "account": "pick up arrangements", "awaiting_confirmation": True}
    messages, _ = run(A.ActionExplainWhy(), tracker("why do you need all that", "ask_why_needed", slots=summary))
    said = texts(messages)
    assert "nothing is recorded or sent until you press 'Yes, send it'" in said
    assert "call 999" in said and "01388 000 000" in said
    again, events = run(A.ActionFormDone(), tracker("why do you need all that", "ask_why_needed", slots=summary))
    assert texts(again).startswith("Here's what I'll send. Is it right?") and events == {"awaiting_confirmation": True}
    assert core.store.list() == []


def test_a_why_after_an_alerts_details_were_added_adds_nothing_again(core):
    _, slots = run(A.ActionSafeguarding(), tracker("he said his dad hits him", "safeguarding_child"))
    after = {**slots, "child_name": "Kai", "child_class": "Year 3", "parent_name": "Lou", "contact": "07700 900111"}
    run(A.ActionFormDone(), tracker("07700 900111", slots=after))
    added = [a for a in core.store.get(slots["case_reference"])["audit"] if a["action"] == "details_added"]
    messages, events = run(A.ActionFormDone(), tracker("why?", "ask_why_needed", slots=after))
    assert messages == [] and events == {}
    assert [a for a in core.store.get(slots["case_reference"])["audit"] if a["action"] == "details_added"] == added


def test_an_allegation_found_to_be_about_the_headteacher_is_never_sent_to_her(core, smtp_server):
    """Who it is about is not known from the first message, so the alert goes at once to the
    Chair of Governors, who is not a member of staff; it stays there once the parent names
    the Headteacher, and she is never emailed."""
    _, inbox = smtp_server
    _, slots = run(A.ActionSafeguarding(), tracker("someone at school grabbed my son and left bruises",
                                                   "staff_allegation"))
    assert slots["routed_to"] == "chair_of_governors"
    after = {**slots, "subject_name": "Mrs Carter", "parent_name": "Kim", "contact": "07700 900123"}
    run(A.ActionFormDone(), tracker("07700 900123", slots=after))
    record = core.store.get(slots["case_reference"])
    assert record["routed_to"] == "chair_of_governors"
    recipients = [n["recipient"] for n in record["notifications"]]
    assert "chair@oakleycross.example.org" in recipients and "head@oakleycross.example.org" not in recipients


@pytest.mark.parametrize("words, routed_to", [
    ("Helen Carter keeps messaging my 10 year old on snapchat late at night", "chair_of_governors"),
    ("I saw Mr Bell drag a boy across the yard by his arm", "headteacher"),
])
def test_a_worry_whose_first_words_name_staff_doing_it_is_an_allegation_never_sent_to_the_dsl_alone(
        core, smtp_server, words, routed_to):
    """The model read a child at risk; the words open with a member of staff by name doing it."""
    _, slots = run(A.ActionSafeguarding(), tracker(words, "safeguarding_child"))
    assert (slots["category"], slots["about"], slots["routed_to"]) == ("safeguarding", "staff", routed_to)


def test_a_worry_told_by_staff_or_written_to_them_stays_with_the_dsl(core, smtp_server):
    for words in ("Mr Bell told me a boy in his class says his dad hits him", "Mrs Carter, my son is scared of his dad"):
        _, slots = run(A.ActionSafeguarding(), tracker(words, "safeguarding_child"))
        assert slots["routed_to"] == "dsl", words


def test_an_allegation_found_to_be_about_a_teacher_moves_to_the_headteacher(core, smtp_server):
    _, slots = run(A.ActionSafeguarding(), tracker("someone at school grabbed my son and left bruises",
                                                   "staff_allegation"))
    after = {**slots, "subject_name": "Mr Bell", "parent_name": "Kim", "contact": "07700 900123"}
    messages, events = run(A.ActionFormDone(), tracker("07700 900123", slots=after))
    record = core.store.get(slots["case_reference"])
    assert record["routed_to"] == "headteacher" and events["routed_to"] == "headteacher"
    assert "Headteacher" in texts(messages)
    assert "head@oakleycross.example.org" in [n["recipient"] for n in record["notifications"]]
    assert [a["action"] for a in record["audit"]] == ["filed", "details_added", "rerouted"]


@pytest.mark.parametrize("requested, text, intent, expected", [
    ("child_class", "year 2", "correct_detail", {"child_class": "year 2"}),
    ("contact", "mel@example.org", "cancel", {"contact": "mel@example.org"}),
    ("child_name", "Ruby", "goodbye", {"child_name": "Ruby"}),
    ("child_name", "cancel", "cancel", {}),
    ("child_name", "why?", "ask_why_needed", {}),
    ("child_name", "her mums boyfriend hits her and she is scared to go home", "safeguarding_child", {}),
    ("parent_name", "actually i want to complain about the head instead", "complain_headteacher", {}),
    ("account", "he keeps pushing him over and calling him names", "report_bullying",
     {"account": "he keeps pushing him over and calling him names"}),
    ("account", "and now she says her dad hits her at home", "safeguarding_child", {}),
    ("child_class", "/affirm", "affirm", {}),
    # More about what happened where a name was asked: the answer is not a new topic; it joins
    # the account (the question is asked again).
    ("child_name", "she's being picked on by a girl in her class every day", "report_bullying",
     {"account": "she's being picked on by a girl in her class every day"}),
    # A plain change of topic, in any answer: the rules triage it afresh.
    ("account", "actually it's not about the homework, a boy in his class keeps punching him", "report_bullying",
     {"account": "actually it's not about the homework, a boy in his class keeps punching him"}),
])
def test_an_answer_is_taken_as_the_answer_and_an_interruption_is_left_to_the_rules(
        core, requested, text, intent, expected):
    form = A.ValidateCaseForm()
    track = tracker(text, intent, slots={"requested_slot": requested, "matter": "report_bullying"})
    extract = getattr(form, f"extract_{requested}")
    assert asyncio.run(extract(CollectingDispatcher(), track, DOMAIN)) == expected


@pytest.mark.parametrize("confidence, expected", [
    (0.99, {"account": "her best friend left and she wanders round the yard on her own", "risk_signal": True}),
    (0.7, {"account": "her best friend left and she wanders round the yard on her own", "risk_signal": True}),
    (0.3, {"account": "her best friend left and she wanders round the yard on her own"}),
])
def test_a_model_only_worry_in_an_account_alerts_only_when_sure_and_else_copies_the_dsl(
        core, smtp_server, confidence, expected):
    """An account the model reads as a safeguarding worry, with no plain statement of risk in
    it and no word of harm, fear or secrecy: the account stands, and the case will copy the
    safeguarding lead (no 999 reply, no urgent alert), however sure the model is."""
    text = "her best friend left and she wanders round the yard on her own"
    form = A.ValidateCaseForm()
    track = tracker(text, "safeguarding_child", slots={"requested_slot": "account", "matter": "concern_child"})
    track.latest_message["intent"]["confidence"] = confidence
    assert asyncio.run(form.extract_account(CollectingDispatcher(), track, DOMAIN)) == expected
    if expected.get("risk_signal"):
        slots = {"matter": "concern_child", "category": "concern", "routed_to": "class_teacher",
                 "child_name": "Evie", "child_class": "Year 2", "account": text, "risk_signal": True,
                 "parent_name": "Claire", "contact": "07700 900112", "awaiting_confirmation": True}
        _, events = run(A.ActionFileCase(), tracker("yes", "affirm", slots=slots))
        record = core.store.get(events["case_reference"])
        dsl = core.profile.person("dsl").email
        assert record["urgency"] != "urgent" and "dsl" in record["copied_to"]
        assert dsl in [n["recipient"] for n in record["notifications"]]


@pytest.mark.parametrize("text, net, interrupts", [
    # the model alone, sure, and a word that tells of harm, fear or secrecy: an alert
    ("she said her uncle gives her money and tells her not to tell me", False, True),
    ("he told me his dad shouts at him a lot when hes at his house at the weekend", False, True),
    # the model alone, sure, and no such word: the account of the concern stands, the DSL copied
    ("he comes home in spare trousers most days and says he was too shy to ask to go", False, False),
    ("ive found things in her bag that arent hers, a pencil case and hair bobbles", False, False),
    # the safety net's own reading (here: a member of staff as the actor) always interrupts
    ("the caretaker keeps hanging around the girls toilets at break", True, True),
])
def test_a_sure_model_alone_interrupts_an_account_only_beside_a_word_of_harm(core, text, net, interrupts):
    """Issue 11: inside an account of a matter that is not safeguarding, the model's own sure
    reading alerts at once only where the words tell of harm, fear, secrecy or danger."""
    track = tracker(text, "safeguarding_child", slots={"requested_slot": "account", "matter": "concern_child"})
    track.latest_message["intent"]["confidence"] = 0.97
    if net:
        track.latest_message["safeguarding_net"] = {"model_intent": {"name": "concern_child", "confidence": 0.6}}
    found = asyncio.run(A.ValidateCaseForm().extract_account(CollectingDispatcher(), track, DOMAIN))
    assert found == ({} if interrupts else {"account": text, "risk_signal": True})


def test_the_safeguarding_leads_copy_survives_the_form_s_validation(core):
    """rasa-sdk keeps only the form's own slots from what extract_account finds: risk_signal (the
    DSL copied on filing) was dropped on the way, so the copy README promised never happened."""
    text = "her best friend left and she wanders round the yard on her own"
    events = _replies("account", text, intent="safeguarding_child")
    track = tracker(text, "safeguarding_child", slots={"requested_slot": "account", "matter": "concern_child",
                                                       "category": "concern"}, events=events)
    track.latest_message["intent"]["confidence"] = 0.7
    found = asyncio.run(A.ValidateCaseForm().run(CollectingDispatcher(), track, DOMAIN))
    slots = {e["name"]: e["value"] for e in found if e.get("event") == "slot"}
    assert slots["account"] == text and slots["risk_signal"] is True


@pytest.mark.parametrize("text, asked", [
    ("he comes home in spare trousers most days and says he was too shy to ask to go", True),
    ("she said her uncle gives her money and tells her not to tell me", False),   # alerted by the rules instead
])
def test_an_account_the_model_alone_is_sure_of_without_a_word_of_harm_is_asked_about(core, text, asked):
    """Issue 11: the account stands (the DSL copied), and the parent is asked, with buttons and the
    no-answer reminder, whether a child may be at risk; "yes", or no answer, alerts."""
    events = _replies("account", text, intent="safeguarding_child")
    events[-1]["parse_data"]["intent"]["confidence"] = 0.97
    track = tracker(text, "safeguarding_child", slots={"requested_slot": "account", "matter": "concern_child",
                                                       "category": "concern"}, events=events)
    track.latest_message["intent"]["confidence"] = 0.97
    dispatcher = CollectingDispatcher()
    found = asyncio.run(A.ValidateCaseForm().run(dispatcher, track, DOMAIN))
    questions = [m for m in dispatcher.messages if "Are you worried a child may be at risk of harm?" in (m.get("text") or "")]
    reminders = [e for e in found if e.get("event") == "reminder"]
    if asked:
        slots = {e["name"]: e["value"] for e in found if e.get("event") == "slot"}
        assert slots["account"] == text and slots["risk_signal"] is True
        assert questions and questions[0]["text"].startswith("If a child is in immediate danger, please call 999")
        assert [b["payload"] for b in questions[0]["buttons"]] == ["/safeguarding_child", "/deny"]
        assert reminders and reminders[0]["intent"] == "EXTERNAL_no_answer_to_risk_question"
    else:
        assert not questions and not reminders


@pytest.mark.parametrize("requested", ["child_class", "account", "parent_name", "contact"])
def test_no_answer_to_the_risk_question_is_never_taken_as_the_answer_to_a_form_question(core, requested):
    # Rasa's own message when "Are you worried a child may be at risk?" went unanswered: the
    # rules raise the alert (it was once stored as the class, the account or the name).
    track = tracker("EXTERNAL: EXTERNAL_no_answer_to_risk_question", "EXTERNAL_no_answer_to_risk_question",
                    slots={"requested_slot": requested, "matter": "concern_child", "category": "concern"})
    extract = getattr(A.ValidateCaseForm(), f"extract_{requested}")
    assert asyncio.run(extract(CollectingDispatcher(), track, DOMAIN)) == {}


def _put_as_a_question(text: str, requested: str, reading: float) -> Tracker:
    """A message the NLU turned from a weak safeguarding reading into the fallback's question."""
    track = tracker(text, "nlu_fallback", slots={"requested_slot": requested, "matter": "concern_child"})
    track.latest_message["intent"]["confidence"] = 0.3
    track.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.3},
                                              {"name": "safeguarding_child", "confidence": reading},
                                              {"name": "concern_child", "confidence": 0.2}]
    return track


def test_inside_a_form_a_weak_reading_put_as_a_question_is_read_as_the_model_read_it(core):
    form = A.ValidateCaseForm()
    # An account: it stands, and the case will copy the DSL, as before.
    text = "her best friend left and she wanders round the yard on her own"
    assert asyncio.run(form.extract_account(CollectingDispatcher(), _put_as_a_question(text, "account", 0.7),
                                            DOMAIN)) == {"account": text, "risk_signal": True}
    # At another question, words that are not the answer: the form steps aside, and the parent
    # is asked whether a child may be at risk.
    said = "she gets really quiet when her uncle picks her up"
    assert asyncio.run(form.extract_parent_name(CollectingDispatcher(), _put_as_a_question(said, "parent_name", 0.6),
                                                DOMAIN)) == {}
    messages, _ = run(A.ActionNotUnderstood(), _put_as_a_question(said, "parent_name", 0.6))
    assert messages[0]["text"].startswith("If a child is in immediate danger, please call 999")
    assert "Are you worried a child may be at risk of harm?" in messages[0]["text"]


@pytest.mark.parametrize("action", [A.ActionOutOfScope(), A.ActionNotUnderstood(), A.ActionGoodbye(),
                                    A.ActionYouAreWelcome(), A.ActionAnythingElse(), A.ActionCapabilities(),
                                    A.ActionIsBot(), A.ActionCanPostOnline(), A.ActionAbuse()])
def test_every_fallback_answer_carries_999_and_the_office_phone(core, action):
    """ "I didn't understand", out of scope, goodbye, "you're welcome", "anything else?", "are
    you a bot?" and the reply to abuse included: never a bare "contact the office"."""
    messages, _ = run(action, tracker("can you find my car", "out_of_scope"))
    said = texts(messages)
    assert "call 999" in said and core.profile.office_phone in said


def test_a_child_writing_about_themselves_gets_childline_first_and_no_parent_questions(core):
    messages, slots = run(A.ActionSafeguarding(), tracker("im in year 5 and my mums boyfriend hits me",
                                                           "safeguarding_child"))
    said = texts(messages)
    assert messages[0]["text"].startswith("Thank you for telling me. You can talk to Childline")
    assert "0800 1111" in messages[0]["text"] and "999" in messages[0]["text"]
    assert "your child" not in said and "phone number" not in said and "trust" in said
    assert slots["writer"] == "child" and core.store.get(slots["case_reference"])["routed_to"] == "dsl"
    needed = asyncio.run(A.ValidateCaseForm().required_slots([], CollectingDispatcher(), tracker(slots={
        "matter": "safeguarding_child", "category": "safeguarding", "writer": "child"}), DOMAIN))
    assert needed == []


def test_a_nude_image_of_a_child_is_never_kept_and_never_asked_for(core):
    messages, slots = run(A.ActionSafeguarding(), tracker("someone is sharing nudes of my daughter on snapchat",
                                                           "safeguarding_child"))
    said = texts(messages)
    assert messages[0]["text"].startswith("If a child is in immediate danger, please call 999")
    assert "don't screenshot" in said and "Report Remove" in said and "CEOP" in said
    assert "keep screenshots" not in said
    events = [{"event": "user", "text": "someone is sharing nudes of my daughter on snapchat", "timestamp": 1.0,
               "parse_data": {}}, {"event": "action", "name": "action_safeguarding"},
              {"event": "user", "text": "", "timestamp": 2.0, "parse_data": {},
               "metadata": {"attachments": [{"type": "image", "url": "https://cdn.example.org/x.png"}]}}]
    track = tracker("", "share_attachment", slots={"case_reference": slots["case_reference"]}, events=events)
    track.latest_message["metadata"] = {"attachments": [{"type": "image", "url": "https://cdn.example.org/x.png"}]}
    messages, _ = run(A.ActionNoteAttachment(), track)
    assert "haven't kept" in texts(messages)
    assert core.store.get(slots["case_reference"])["attachments"] == []


@pytest.mark.parametrize("channel", ["socketio", "facebook"])
def test_an_image_added_to_a_case_just_before_words_about_a_nude_image_is_deleted_and_named_removed(core, channel):
    """Not paused: the parent's case was filed, a screenshot was added to it at once, then they
    say it is a nude image of their child. The image they sent just before is the one they speak
    of: it is deleted though a case took it, and the case lists in its place that a file was
    removed and why, never a link that would find nothing (widget and Messenger alike)."""
    from concerns.evidence import check_file
    from concerns.evidence_store import REMOVED_NUDE_IMAGE
    from concerns.service import Intake

    png = b"\x89PNG\r\n\x1a\n" + b"\x02" * 100
    sender = f"parent-{channel}"
    record = core.file(Intake("report_cyberbullying", "web" if channel == "socketio" else "facebook", sender,
                              parent_name="Mel", contact="mel@example.org", account="a group chat laughing at her"))
    shot = {"type": "image", "title": "ruby.png", **core.evidence.keep(sender, "web", check_file(png, 10_000)).described()}
    core.add_attachments(record["reference"], sender, [shot], "assistant")
    assert core.evidence.for_case(record["id"], shot["evidence"]) is not None  # the case took it
    words = "that picture is a nude photo of my daughter someone shared"
    events = [{"event": "user", "text": "a group chat is laughing at her", "timestamp": 0.5, "parse_data": {},
               "input_channel": channel, "metadata": {}},
              {"event": "action", "name": "action_triage"},
              {"event": "bot", "text": f"I've recorded this as {record['reference']}."},
              {"event": "user", "text": "/share_attachment", "timestamp": 1.0, "parse_data": {}, "input_channel": channel,
               "metadata": {"attachments": [shot]}},
              {"event": "action", "name": "action_note_attachment"},
              {"event": "bot", "text": f"Thank you, I've added that to {record['reference']}."},
              {"event": "user", "text": words, "timestamp": 2.0, "parse_data": {}, "input_channel": channel,
               "metadata": {}}]
    messages, slots = run(A.ActionSafeguarding(), tracker(words, "safeguarding_child", sender=sender, channel=channel,
                                                           slots={"case_reference": record["reference"],
                                                                  "category": "cyberbullying"}, events=events))
    assert messages[0]["text"].startswith("If a child is in immediate danger, please call 999")
    assert "Report Remove" in texts(messages)
    assert core.evidence.count_for_sender(sender) == 0
    case = core.store.get(record["reference"])
    assert case["attachments"] == [{"removed": REMOVED_NUDE_IMAGE}]
    assert "attachment_removed" in [a["action"] for a in case["audit"]]
    assert core.store.get(slots["case_reference"])["attachments"] == []  # the alert keeps none either


def test_a_disclosure_inside_an_answer_interrupts_the_form(core):
    extract = A.ValidateCaseForm().extract_child_class
    track = tracker("year 3, and he told me his dad hits him with a belt", "concern_child",
                    slots={"requested_slot": "child_class", "matter": "concern_child", "category": "concern"})
    assert asyncio.run(extract(CollectingDispatcher(), track, DOMAIN)) == {}


def test_more_about_an_alert_already_filed_is_added_to_it_never_a_second_alert(core):
    _, slots = run(A.ActionSafeguarding(), tracker("a dinner lady grabbed my son and left bruises", "staff_allegation"))
    reference = slots["case_reference"]
    events = [{"event": "user", "text": "a dinner lady grabbed my son and left bruises", "timestamp": 1.0,
               "parse_data": {}}, {"event": "action", "name": "action_safeguarding"},
              {"event": "active_loop", "name": "case_form"}, {"event": "bot", "text": "Who is it about?"},
              {"event": "user", "text": "she grabbed him again today and hit him", "timestamp": 2.0, "parse_data": {}}]
    messages, again = run(A.ActionSafeguarding(), tracker("she grabbed him again today and hit him", "staff_allegation",
                                                          slots={**slots}, events=events))
    assert messages[0]["text"].startswith("If a child is in immediate danger, please call 999")
    assert reference in texts(messages) and len(core.store.list()) == 1 and again == {}
    from concerns.staff import StaffStore
    assert any("again today" in n["text"] for n in StaffStore(core.store).notes_for(core.store.get(reference)["id"]))


def test_a_messenger_hand_off_before_a_long_holiday_says_staff_may_not_reply_there(core, monkeypatch):
    monkeypatch.setenv("CONCERNS_NOW", "2026-12-18T17:00:00")   # last day of the autumn term, after hours
    default_core.cache_clear()
    slots = {"matter": "ask_human", "category": "handoff", "routed_to": "office", "account": "please ring me",
             "parent_name": "Kim", "contact": "07700 900123", "awaiting_confirmation": True}
    messages, _ = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=slots, channel="facebook"))
    said = texts(messages)
    assert "only lets staff reply for 7 days" in said and default_core().profile.office_phone in said
    monkeypatch.setenv("CONCERNS_NOW", IN_HOURS)
    default_core.cache_clear()
    messages, _ = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=slots, channel="facebook",
                                                  sender="parent-2"))
    assert "7 days" not in texts(messages)


def test_asking_for_a_person_on_messenger_before_a_long_holiday_is_told_at_once_and_once(core, monkeypatch):
    """Issue 11, item 15: when they ask for a person, not only once the hand-off is filed."""
    monkeypatch.setenv("CONCERNS_NOW", "2026-12-18T17:00:00")   # last day of the autumn term, after hours
    default_core.cache_clear()
    messages, _ = run(A.ActionTriage(), tracker("can i speak to a real person", "ask_human", channel="facebook"))
    warning = wording.messenger_reply_may_not_reach(default_core().profile)
    assert warning in [m["text"] for m in messages]
    # Filing the hand-off in the same intake does not say it again.
    events = [{"event": "user", "text": "can i speak to a real person", "timestamp": 1766077200.0,
               "input_channel": "facebook", "parse_data": {"intent": {"name": "ask_human"}}, "metadata": {}},
              {"event": "action", "name": "action_triage"}, {"event": "bot", "text": warning},
              {"event": "user", "text": "/affirm", "timestamp": 1766077300.0, "input_channel": "facebook",
               "parse_data": {"intent": {"name": "affirm"}}, "metadata": {}}]
    slots = {"matter": "ask_human", "category": "handoff", "routed_to": "office", "account": "please ring me",
             "parent_name": "Kim", "contact": "07700 900123", "awaiting_confirmation": True}
    messages, _ = run(A.ActionFileCase(), tracker("/affirm", "affirm", slots=slots, channel="facebook", events=events))
    assert warning not in [m["text"] for m in messages]
    # On the web widget there is no such limit.
    messages, _ = run(A.ActionTriage(), tracker("can i speak to a real person", "ask_human", channel="socketio"))
    assert warning not in [m["text"] for m in messages]


@pytest.mark.parametrize("text, intent, matter, expected", [
    # it says plainly the matter is something else, and the model reads another matter
    ("actually it's not really about the homework, a boy in his class has been punching him", "report_bullying",
     "concern_child", {}),
    ("forget the parking. it's about a post on the village facebook page about the school", "social_media_post",
     "complain_school", {}),
    ("no actually, I don't want to do it like this, can I speak to a real person instead", "ask_human",
     "concern_child", {}),
    # the same matter as before: more of the account
    ("actually it's not about the homework, a boy in his class has been punching him", "report_bullying",
     "report_bullying", {"account": "actually it's not about the homework, a boy in his class has been punching him"}),
    # no words of a change: the answer, whatever the model reads
    ("a boy in his class has been punching him and calling him names", "report_bullying", "concern_child",
     {"account": "a boy in his class has been punching him and calling him names"}),
])
def test_what_happened_is_the_answer_unless_the_parent_says_it_is_about_something_else(
        core, text, intent, matter, expected):
    form = A.ValidateCaseForm()
    track = tracker(text, intent, slots={"requested_slot": "account", "matter": matter})
    assert asyncio.run(form.extract_account(CollectingDispatcher(), track, DOMAIN)) == expected


def test_more_about_what_happened_where_a_name_was_asked_is_added_and_the_question_asked_again(core):
    form = A.ValidateCaseForm()
    more = "she's being picked on by a girl in her class every day"
    events = [{"event": "slot", "name": "requested_slot", "value": "child_name"},
              {"event": "user", "text": more, "timestamp": 1764064800.0, "input_channel": "rest",
               "parse_data": {"text": more, "intent": {"name": "report_bullying", "confidence": 0.9}}, "metadata": {}}]
    slots = {"requested_slot": "child_name", "matter": "report_bullying", "account": "my daughter is unhappy at school"}
    track = tracker(more, "report_bullying", slots=slots, events=events)
    assert asyncio.run(form.extract_child_name(CollectingDispatcher(), track, DOMAIN)) == {
        "account": "my daughter is unhappy at school\n" + more}
    asked = tracker(more, "report_bullying", events=events,
                    slots=dict(slots, account="my daughter is unhappy at school\n" + more))
    messages, _ = run(A.ActionAskChildName(), asked)
    assert texts(messages) == wording.ADDED_TO_ACCOUNT + "\n" + wording.QUESTIONS["child_name"]
    # the first time it is asked, nothing is said to have been added
    first = tracker(more, "report_bullying", slots={"account": more}, events=events[1:])
    messages, _ = run(A.ActionAskChildName(), first)
    assert texts(messages) == wording.QUESTIONS["child_name"]


def _replies(slot: str, *said: str, intent: str = "deny") -> list[dict]:
    events = [{"event": "action", "name": "action_triage"},
              {"event": "slot", "name": "requested_slot", "value": slot}]
    for text in said:
        events.append({"event": "user", "text": text, "timestamp": 1764064800.0, "input_channel": "rest",
                       "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.9}}, "metadata": {}})
    return events


def _validate(slot: str, said: list[str], slots: dict, intent: str = "deny"):
    track = tracker(said[-1], intent, slots=dict(slots, requested_slot=slot), events=_replies(slot, *said, intent=intent))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(A.ValidateCaseForm().run(dispatcher, track, DOMAIN))
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return texts(dispatcher.messages), values


def test_a_question_answered_three_times_with_nothing_usable_is_left_out_never_a_loop(core):
    slots = {"matter": "concern_child", "category": "concern", "child_name": "Toby", "child_class": "Year 3",
             "account": "he struggles with spellings", "parent_name": "Jenna"}
    said, values = _validate("contact", ["my teacher knows me", "she sees me at the gate"], slots)
    assert values.get("contact") is None and "doesn't look like a phone number" in said
    said, values = _validate("contact", ["my teacher knows me", "she sees me at the gate", "at the gate"], slots)
    assert values["contact"] == A.NOT_GIVEN and said == wording.LEFT_OUT


@pytest.mark.parametrize("reply", ["no number sorry", "no", "im not giving my number to a bot. his teacher knows me, "
                                                                 "she can catch me at the gate"])
def test_declining_to_give_a_number_is_asked_about_once_then_respected(core, reply):
    slots = {"matter": "concern_child", "category": "concern", "child_name": "Toby", "child_class": "Year 3",
             "account": "he struggles with spellings", "parent_name": "Jenna"}
    said, values = _validate("contact", [reply], slots)
    assert said == wording.WHY_IF_DECLINED["contact"] and values.get("contact") is None
    track = tracker(reply, "deny", slots=dict(slots, requested_slot="contact"), events=_replies("contact", reply, reply)
                    [:-1] + [{"event": "bot", "text": wording.WHY_IF_DECLINED["contact"]}] + _replies("contact", reply)[2:])
    values = {e["name"]: e["value"] for e in asyncio.run(A.ValidateCaseForm().run(
        CollectingDispatcher(), track, DOMAIN)) if e.get("event") == "slot"}
    assert values["contact"] == A.NOT_GIVEN


@pytest.mark.parametrize("reply, name", [("the boy is called Dylan", "Dylan"),
                                         ("i think shes called Lacey but im not sure", "Lacey"),
                                         ("his name is jay", "Jay")])
def test_a_name_given_in_a_sentence_is_the_name(core, reply, name):
    said, values = _validate("child_name", [reply], {"matter": "report_bullying", "category": "bullying"})
    assert values["child_name"] == name


def test_the_class_question_never_names_a_child_whose_name_was_not_given(core):
    messages, _ = run(A.ActionAskChildClass(), tracker("dunno", "deny", slots={"child_name": A.NOT_GIVEN}))
    assert texts(messages) == "Which class is your child in?"


def test_a_name_put_right_in_passing_is_changed_and_the_answer_still_counts(core):
    said, values = _validate("child_class", ["year 5. oh and its Maisie not Daisy, my phone changed it sorry"],
                             {"matter": "report_bullying", "category": "bullying", "child_name": "Daisy"})
    assert values["child_name"] == "Maisie" and values["child_class"] == "Year 5"
    assert wording.detail_put_right("child_name", "Maisie") in said


def test_a_correction_of_who_a_complaint_is_about_keeps_what_they_said_so_far(core):
    slots = {"matter": "complain_headteacher", "category": "complaint", "routed_to": "chair_of_governors",
             "account": "he was told in front of the class he'd never pass his SATs"}
    text = "no wait thats wrong, its not about the head at all, its about mr ashworth the year 6 teacher"
    messages, events = run(A.ActionTriage(), tracker(text, "complain_headteacher", slots=slots))
    assert events["routed_to"] == "headteacher" and events["matter"] == "complain_staff"
    assert events["account"] == slots["account"] + "\n" + text
    # a different kind of matter starts afresh
    _, events = run(A.ActionTriage(), tracker("a boy in his class has been punching him every day at playtime",
                                              "report_bullying", slots=slots))
    assert events["account"] == "a boy in his class has been punching him every day at playtime"


@pytest.mark.parametrize("reply, routed_to", [
    ("one of the governors, Mr Derek Simms", "clerk_to_governors"),
    ("both of them, mrs carter the head and mr hughes the chair of governors", "clerk_to_governors"),
    ("one of the governors, i dont know his name, the tall one who does the raffle", "clerk_to_governors"),
    ("dont know her name", "headteacher"),
])
def test_a_longer_answer_to_who_a_complaint_is_about_that_names_someone_is_the_answer(core, reply, routed_to):
    slots = {"matter": "complain_school", "category": "complaint", "routed_to": "headteacher",
             "requested_slot": "subject_name"}
    opening = "I want to make a formal complaint"
    events = [{"event": "user", "text": opening, "parse_data": {"text": opening, "intent": {"name": "complain_school"}}},
              ] + _replies("subject_name", reply, intent="complain_governor")
    track = tracker(reply, "complain_governor", slots=slots, events=events)
    values = {e["name"]: e["value"] for e in asyncio.run(A.ValidateCaseForm().run(
        CollectingDispatcher(), track, DOMAIN)) if e.get("event") == "slot"}
    assert values["routed_to"] == routed_to and values["subject_name"]


def test_a_formal_complaint_long_enough_to_be_taken_as_what_happened_still_asks_who_it_is_about(core):
    text = "want to make a formal complaint, ive had enough"
    slots = {"matter": "complain_school", "category": "complaint", "account": text, "account_from_opening": True}
    needed = asyncio.run(A.ValidateCaseForm().required_slots([], CollectingDispatcher(),
                                                            tracker(text, "complain_school", slots=slots), DOMAIN))
    assert needed[0] == "subject_name"


def test_the_not_understood_reply_offers_the_models_closest_readings_first(core):
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "report_cyberbullying", "confidence": 0.42},
               {"name": "social_media_post", "confidence": 0.28}, {"name": "concern_child", "confidence": 0.1}]
    track = tracker("a dad has been posting in the class group that my son is the problem child", "nlu_fallback")
    track.latest_message["intent_ranking"] = ranking
    messages, _ = run(A.ActionNotUnderstood(), track)
    buttons = [b for m in messages for b in m.get("buttons") or []]
    assert [b["payload"] for b in buttons][:2] == ["/report_cyberbullying", "/social_media_post"]
    assert "/ask_human" in [b["payload"] for b in buttons] and len(buttons) <= 6
    assert all(len(b["title"]) <= 20 for b in buttons)  # Messenger's quick replies


def test_the_risk_question_offers_the_next_reading_so_bullying_is_one_press(core):
    """"A boy did it on purpose and it wasn't the first time", read 0.79 as a child at risk: asked
    first, with "Report bullying" beside yes, not only behind "something else"."""
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "safeguarding_child", "confidence": 0.79},
               {"name": "report_bullying", "confidence": 0.08}, {"name": "out_of_scope", "confidence": 0.02}]
    track = tracker("Leo came home with a black eye and said a boy did it on purpose", "nlu_fallback")
    track.latest_message["intent_ranking"] = ranking
    messages, _ = run(A.ActionNotUnderstood(), track)
    assert "Are you worried a child may be at risk of harm?" in messages[0]["text"]
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == \
        ["/safeguarding_child", "/report_bullying", "/deny"]
    # the model leans to a worry, the words tell of another child hurting him: bullying is offered
    track = tracker("it turns out he didn't fall, a lad in his class has been punching him on the field at dinner",
                    "nlu_fallback")
    track.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3}, {"name": "safeguarding_child", "confidence": 0.41},
        {"name": "concern_child", "confidence": 0.29}, {"name": "report_bullying", "confidence": 0.21}]
    messages, _ = run(A.ActionNotUnderstood(), track)
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == \
        ["/safeguarding_child", "/report_bullying", "/deny"]
    # the words tell of other children doing it, though the model scored no bullying at all
    track = tracker("his things keep coming home snapped and ripped, other kids are doing it", "nlu_fallback")
    track.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3}, {"name": "safeguarding_child", "confidence": 0.5},
        {"name": "concern_child", "confidence": 0.3}]
    messages, _ = run(A.ActionNotUnderstood(), track)
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == \
        ["/safeguarding_child", "/report_bullying", "/deny"]
    # ... or call it bullying in its own words
    track = tracker("my grandson is being picked on, his mam asked me to message", "nlu_fallback")
    track.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3}, {"name": "safeguarding_child", "confidence": 0.84}]
    messages, _ = run(A.ActionNotUnderstood(), track)
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == \
        ["/safeguarding_child", "/report_bullying", "/deny"]
    track = tracker("Leo came home with a black eye and said a boy did it on purpose", "nlu_fallback")
    # nothing else read at all: yes or something else, as before
    track.latest_message["intent_ranking"] = ranking[:2] + [{"name": "out_of_scope", "confidence": 0.2}]
    messages, _ = run(A.ActionNotUnderstood(), track)
    assert [b["payload"] for m in messages for b in m.get("buttons") or []] == ["/safeguarding_child", "/deny"]


def test_a_yes_to_the_risk_question_keeps_an_allegation_about_staff_an_allegation(core):
    """"The head sent my son a friend request and has been messaging him", read weakly as an
    allegation: asked first, a "yes" (or no answer) is that allegation, for the Chair, never the
    DSL alone."""
    words = "the head sent my son a friend request on facebook and has been messaging him"
    events = [
        {"event": "user", "text": words, "timestamp": 1764064800.0, "input_channel": "rest", "metadata": {},
         "parse_data": {"text": words, "intent": {"name": "nlu_fallback", "confidence": 0.3},
                        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3},
                                           {"name": "staff_allegation", "confidence": 0.62},
                                           {"name": "safeguarding_child", "confidence": 0.3}]}},
        {"event": "action", "name": "action_not_understood", "timestamp": 1764064801.0},
        {"event": "action", "name": "action_listen", "timestamp": 1764064802.0},
    ]
    for answer, intent in (("/safeguarding_child", "safeguarding_child"),
                           ("EXTERNAL: no_answer_to_risk_question", "EXTERNAL_no_answer_to_risk_question")):
        said = events + [{"event": "user", "text": answer, "timestamp": 1764064900.0, "input_channel": "rest",
                          "metadata": {}, "parse_data": {"text": answer, "intent": {"name": intent, "confidence": 1}}}]
        assert A._alert_matter(tracker(answer, intent, events=said)) == "staff_allegation"
    # A child at risk stays one (words that name no member of staff doing it).
    stranger = "a man sent my son a friend request on facebook and has been messaging him"
    child = [dict(events[0], text=stranger, parse_data={"text": stranger, "intent_ranking": [{"name": "safeguarding_child",
                                                                            "confidence": 0.6}]})] + events[1:]
    child.append({"event": "user", "text": "/safeguarding_child", "timestamp": 1764064900.0, "metadata": {},
                  "parse_data": {"intent": {"name": "safeguarding_child", "confidence": 1}}})
    assert A._alert_matter(tracker("/safeguarding_child", "safeguarding_child", events=child)) == "safeguarding_child"


@pytest.mark.parametrize("reply", ["no", "it's not about one child, it's the car park", "n/a", "all of the kids"])
def test_a_complaint_about_no_one_child_asks_no_class(core, reply):
    said, values = _validate("child_name", [reply], {"matter": "complain_school", "category": "complaint"})
    assert values["child_name"] == A.NOT_GIVEN


def test_a_complaint_asks_which_child_and_says_it_may_be_about_none(core):
    messages, _ = run(A.ActionAskChildName(), tracker("the teacher was rude", "complain_staff",
                                                      slots={"category": "complaint", "matter": "complain_staff"}))
    assert texts(messages) == wording.CHILD_NAME_FOR_A_COMPLAINT


@pytest.mark.parametrize("matter, category", [("concern_child", "concern"), ("complain_school", "complaint")])
def test_an_account_that_plainly_tells_of_bullying_goes_the_bullying_route(core, matter, category):
    said, values = _validate("account", ["two boys on his table take his lunch and kick him under it every day"],
                             {"matter": matter, "category": category, "child_name": "Rory", "child_class": "Year 3"},
                             intent="report_bullying")
    assert (values["category"], values["routed_to"], values["urgency"]) == ("bullying", "class_teacher", "high")
    assert values["account"].startswith("two boys on his table")
    assert "sounds like bullying" in said


def test_an_account_never_moves_a_complaint_about_staff_or_a_matter_downwards(core):
    said, values = _validate("account", ["the teacher saw them kick him and did nothing about it"],
                             {"matter": "complain_staff", "category": "complaint", "subject_name": "Mr Bell"},
                             intent="report_bullying")
    assert "category" not in values and "sounds like" not in said
    said, values = _validate("account", ["he is worried about his spellings test"],
                             {"matter": "report_bullying", "category": "bullying"}, intent="concern_child")
    assert "category" not in values


@pytest.mark.parametrize("slot", ["child_name", "child_class", "parent_name", "contact", "subject_name"])
def test_a_detail_left_out_stays_left_out_when_the_form_checks_again(core, slot):
    # The form checks every detail it has when it starts again (after an alert, a "why?"):
    # "not given" was asked again ("Sorry, I didn't recognise that class").
    dispatcher = CollectingDispatcher()
    track = tracker("ok", "affirm", slots={"matter": "concern_child", "category": "concern"})
    result = getattr(A.ValidateCaseForm(), f"validate_{slot}")(A.NOT_GIVEN, dispatcher, track, DOMAIN)
    assert result == {slot: A.NOT_GIVEN} and dispatcher.messages == []


def test_a_number_with_a_note_is_the_number_and_the_note(core):
    slots = {"matter": "report_bullying", "category": "bullying", "child_name": "Tyler", "child_class": "Year 1",
             "account": "pushed over every playtime", "parent_name": A.NOT_GIVEN}
    said, values = _validate("contact", ["07700 900214 ask for tylers mam"], slots)
    assert values["contact"] == "07700 900214 ask for tylers mam" and "doesn't look like" not in said


@pytest.mark.parametrize("question, route, not_said", [
    ("who do i complain to about the head? i cant complain to her about herself", "Chair of Governors", "Clerk"),
    ("who do I send a complaint to when it's about the head and the chair of governors", "Clerk to the Governors",
     "class teacher"),
])
def test_who_to_complain_to_gives_only_the_route_asked_and_offers_to_make_it(core, question, route, not_said):
    from actions.complaint_routes import ActionWhoToComplainTo
    messages, _ = run(ActionWhoToComplainTo(), tracker(question, "ask_who_to_complain_to"))
    said = texts(messages)
    assert route in said and not_said not in said
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/complain_school", "/deny"]


def test_who_to_complain_to_with_nobody_named_asks_who_with_choices(core):
    from actions.complaint_routes import ActionWhoToComplainTo
    messages, _ = run(ActionWhoToComplainTo(), tracker("who do I complain to?", "ask_who_to_complain_to"))
    assert messages[-1]["buttons"][1]["payload"] == "/complain_headteacher"


def test_a_complaint_made_from_the_route_answer_keeps_the_question_s_words(core):
    events = [
        {"event": "user", "text": "who do I complain to if its about the head and the chair of governors",
         "parse_data": {"intent": {"name": "ask_who_to_complain_to", "confidence": 0.9}}},
        {"event": "action", "name": "action_who_to_complain_to"},
        {"event": "user", "text": "/complain_school", "parse_data": {"intent": {"name": "complain_school",
                                                                                  "confidence": 1.0}}},
    ]
    _, slots = run(A.ActionTriage(), tracker("/complain_school", "complain_school", events=events))
    assert slots["routed_to"] == "clerk_to_governors"


def test_words_about_a_nude_image_while_the_alert_s_questions_run_delete_its_files_and_give_the_advice(core):
    from concerns.evidence import check_file

    sender = "parent-asked"
    opening = "a man online keeps messaging my daughter and asking her for pictures"
    _, slots = run(A.ActionSafeguarding(), tracker(opening, "safeguarding_child", sender=sender))
    png = b"\x89PNG\r\n\x1a\n" + b"\x03" * 100
    shot = {"type": "image", "title": "chat.png", **core.evidence.keep(sender, "web", check_file(png, 10_000)).described()}
    words = "the picture I just sent is the nude one he got her to send"
    events = [{"event": "user", "text": opening, "timestamp": 1.0, "parse_data": {}},
              {"event": "action", "name": "action_safeguarding"},
              {"event": "active_loop", "name": "case_form"}, {"event": "bot", "text": "What is your name?"},
              {"event": "user", "text": "/share_attachment", "timestamp": 2.0, "parse_data": {},
               "metadata": {"attachments": [shot]}},
              {"event": "action", "name": "action_note_attachment"},
              {"event": "user", "text": words, "timestamp": 3.0, "parse_data": {}, "metadata": {}}]
    messages, _ = run(A.ActionSafeguarding(), tracker(words, "safeguarding_child", sender=sender, slots={**slots},
                                                      events=events))
    said = texts(messages)
    assert slots["case_reference"] in said and "Report Remove" in said and "keep screenshots" not in said
    assert core.evidence.count_for_sender(sender) == 0


def test_an_account_that_says_stage_1_was_answered_and_they_want_to_go_on_is_stage_2(core):
    said, values = _validate(
        "account", ["I already put a formal complaint in to the head and got her reply last week, I'm not happy with it "
                    "and want to take it further to the governors"],
        {"matter": "complain_staff", "category": "complaint", "subject_name": "Mr Hall"}, intent="complain_staff")
    assert (values["matter"], values["routed_to"]) == ("complaint_stage_2", "clerk_to_governors")
    assert "stage 2" in said


def test_saying_what_you_actually_want_to_complain_about_asks_to_complain():
    from concerns.answers import asks_to_complain
    assert asks_to_complain("What I actually want to complain about is the Headteacher")


SPELLING_WORRY_AT_THE_SUMMARY = {
    "matter": "concern_child", "category": "concern", "about": "child", "routed_to": "class_teacher",
    "child_name": "Grace", "child_class": "Year 3", "account": "She gets 2 out of 10 in her spellings every week.",
    "parent_name": "Lisa Harker", "contact": "lisa@example.org", "awaiting_confirmation": True}


def test_a_yes_at_the_summary_that_goes_on_to_a_disclosure_files_both(core):
    """"yes thats fine send it. can i tell you something else..." then a risk to the child: the
    alert comes first, and the worry they confirmed is recorded too, as its own case."""
    messages, slots = run(A.ActionSafeguarding(), tracker(
        "yes thats fine send it. can i tell you something else though, her step dad hit her with his belt "
        "at the weekend and shes got a mark on her leg", "safeguarding_child", slots=SPELLING_WORRY_AT_THE_SUMMARY))
    assert messages[0]["text"].startswith("If a child is in immediate danger, please call 999")
    cases = {record["category"]: record for record in core.store.list()}
    assert set(cases) == {"concern", "safeguarding"}
    assert cases["concern"]["routed_to"] == "class_teacher" and "spellings" in cases["concern"]["account"]
    assert "step dad" not in cases["concern"]["account"]
    assert cases["safeguarding"]["routed_to"] == "dsl" and slots["case_reference"] == cases["safeguarding"]["reference"]
    assert f"I've also recorded what you confirmed before that, as {cases['concern']['reference']}" in texts(messages)


def test_a_disclosure_at_the_summary_without_a_yes_files_only_the_alert(core):
    """The summary not confirmed: only the alert, and the worry waits for its own yes."""
    messages, _ = run(A.ActionSafeguarding(), tracker(
        "her step dad hit her with his belt at the weekend", "safeguarding_child",
        slots=SPELLING_WORRY_AT_THE_SUMMARY))
    assert [record["category"] for record in core.store.list()] == ["safeguarding"]
    assert "confirmed before that" not in texts(messages)


def test_words_not_understood_at_the_summary_show_the_summary_again_not_the_choice_of_matters(core):
    """A reply at the summary it cannot read: the summary again, with Yes / Change / Cancel; the
    choice of matters sent a confirmed complaint round again as a new one."""
    summary = {**SPELLING_WORRY_AT_THE_SUMMARY, "matter": "complain_headteacher"}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(A.ActionNotUnderstood().run(dispatcher, tracker("mmhm grand", "nlu_fallback", slots=summary),
                                                     DOMAIN))
    assert wording.SUMMARY_NOT_UNDERSTOOD in texts(dispatcher.messages)
    assert not any(m.get("buttons") for m in dispatcher.messages)
    assert {"event": "followup", "name": "action_form_done"} in [
        {"event": e.get("event"), "name": e.get("name")} for e in events]


@pytest.mark.parametrize("said, name", [
    ("Sandra Wright, I'm his foster carer (he's been with us since the summer)", "Sandra Wright"),
    ("Shelley Carter (no relation to the head lol)", "Shelley Carter"),
    # the name they ask to be used instead
    ("Mark Hill, actually no put it under my partner's name, Gemma Hill, she deals with school", "Gemma Hill"),
])
def test_a_name_with_an_aside_after_it_is_the_name(core, said, name):
    """"Sandra Wright, I'm his foster carer": the name, taken at the question (not more of the
    account, asked again), and stored without the aside (which stays in the transcript)."""
    form = A.ValidateCaseForm()
    slots = {"category": "concern", "matter": "concern_child", "requested_slot": "parent_name"}
    track = tracker(said, "concern_child", slots=slots)
    assert asyncio.run(form.extract_parent_name(CollectingDispatcher(), track, DOMAIN)) == {"parent_name": said}
    assert form.validate_parent_name(said, CollectingDispatcher(), track, DOMAIN) == {"parent_name": name}


def test_the_childs_details_where_the_parents_name_was_asked_are_not_the_parents_name(core):
    dispatcher = CollectingDispatcher()
    result = A.ValidateCaseForm().validate_parent_name("Alfie, year 3", dispatcher,
                                                       tracker(slots={"category": "concern"}), DOMAIN)
    assert result == {"parent_name": None} and "who to reply to" in texts(dispatcher.messages)


PUDDING = "two lads on his table take his pudding and flick food at him and call him fatty"
LADS_ON_HIS_TABLE = "he dreads dinner time because of the lads on his table, they make his life a misery"
POSTED = "I've put it all on the village facebook page now, everyone can see how the school treats parents"
UPSET_IN_THE_GROUP = ("she cried all night about the nativity being cancelled and the whole parents' group is "
                      "fuming about it")


@pytest.mark.parametrize("said, intent, confidence, moves", [
    (LADS_ON_HIS_TABLE, "report_bullying", 0.69, True),  # bullying, less sure than most
    (LADS_ON_HIS_TABLE, "report_bullying", 0.6, False),  # no worry or complaint account read bullying above 0.54
    # words that tell of another child picking on theirs, in person: bullying however unsure the model
    (PUDDING, "report_bullying", 0.2, True),
    (POSTED, "social_media_post", 0.9, True),       # a complaint about the school's decisions that is all about a post
    (POSTED, "social_media_post", 0.7, False),
    # a parents' group only mentioned, nothing posted or to be: the complaint it was
    (UPSET_IN_THE_GROUP, "social_media_post", 0.9, False),
])
def test_how_sure_an_account_must_be_to_move_a_complaint_about_the_school(core, said, intent, confidence, moves):
    slots = {"matter": "complain_school", "category": "complaint", "child_name": "Riley", "child_class": "Year 4",
             "requested_slot": "account"}
    track = tracker(said, intent, slots=slots, events=_replies("account", said, intent=intent))
    track.latest_message["intent"]["confidence"] = confidence
    dispatcher = CollectingDispatcher()
    events = asyncio.run(A.ValidateCaseForm().run(dispatcher, track, DOMAIN))
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert (values.get("matter") == intent) is moves
    assert ("From what you've said, this sounds like" in texts(dispatcher.messages)) is moves


MATHS_AND_HAIR_PULLING = ("Yes the maths, she cries over it every night. But while I've got you, a girl in her class "
                          "keeps telling the others not to play with her and pulled her hair on Monday. Can you log "
                          "both please")


def test_a_second_matter_asked_for_in_the_account_is_recorded_on_its_own(core):
    """"Can you log both please": the worry stays the worry, the bullying is recorded beside it,
    each with its own reference and route, after one yes to a summary that says so."""
    slots = {"matter": "concern_child", "category": "concern", "about": "child", "routed_to": "class_teacher",
             "child_name": "Isla", "child_class": "Year 3", "requested_slot": "account"}
    track = tracker(MATHS_AND_HAIR_PULLING, "report_bullying", slots=slots,
                    events=_replies("account", MATHS_AND_HAIR_PULLING, intent="report_bullying"))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(A.ValidateCaseForm().run(dispatcher, track, DOMAIN))
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert values["second_matter"] == "report_bullying" and "matter" not in values
    assert "I'll record that as a bullying report as well" in texts(dispatcher.messages)
    summary = {**slots, **values, "requested_slot": None, "parent_name": "Claire", "contact": "07700 900847"}
    messages, _ = run(A.ActionFormDone(), tracker("07700 900847", "inform", slots=summary))
    assert "Also recorded on its own: a bullying report" in texts(messages)
    messages, after = run(A.ActionFileCase(), tracker("yes", "affirm", slots={**summary, "awaiting_confirmation": True}))
    cases = {record["category"]: record for record in core.store.list()}
    assert set(cases) == {"concern", "bullying"}
    assert cases["bullying"]["account"].startswith("Yes the maths") and cases["bullying"]["child_name"] == "Isla"
    assert f"I've also recorded a bullying report as {cases['bullying']['reference']}" in texts(messages)
    assert after["second_matter"] is None


def test_without_asking_for_both_an_account_of_bullying_moves_the_worry(core):
    said = "a girl in her class keeps telling the others not to play with her and pulled her hair on Monday"
    slots = {"matter": "concern_child", "category": "concern", "child_name": "Isla", "child_class": "Year 3",
             "requested_slot": "account"}
    track = tracker(said, "report_bullying", slots=slots, events=_replies("account", said, intent="report_bullying"))
    events = asyncio.run(A.ValidateCaseForm().run(CollectingDispatcher(), track, DOMAIN))
    values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert values["matter"] == "report_bullying" and not values.get("second_matter")


def test_a_worry_whose_account_takes_an_answered_complaint_further_becomes_stage_2(core):
    said = ("I already made a formal complaint to the head in October about how his behaviour was handled and I "
            "got the letter back last week. It doesn't answer anything, so I want to take it to the next stage")
    said_back, values = _validate("account", [said], {"matter": "concern_child", "category": "concern",
                                                      "child_name": "Leo", "child_class": "Year 5"},
                                  intent="concern_child")
    assert values["matter"] == "complaint_stage_2" and values["routed_to"] == "clerk_to_governors"
    assert "stage 2 of the complaints procedure" in said_back


def test_a_fixed_reply_in_the_domain_is_only_a_question_inside_an_intake():
    """Replies a parent may read on their own are built from the profile with the 999 line and
    the office phone (above); domain.yml keeps only choices asked in the middle of an intake."""
    import yaml
    responses = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())["responses"]
    assert set(responses) <= {"utter_ask_what_to_change"} | {name for name in responses if name.startswith("utter_ask_")}


def test_a_short_opening_that_names_who_still_routes_the_case_when_it_is_filed(core):
    """"Complaint against Helen Carter and Robert Hughes" is too short to be the account; the
    account that follows names nobody. Filed, it still goes to the Clerk (about the Head and the
    Chair), not to the Chair, who it is partly about."""
    opening = "Complaint against Helen Carter and Robert Hughes"
    events = [{"event": "user", "text": "hello", "timestamp": 1764064700.0, "input_channel": "rest",
               "parse_data": {"intent": {"name": "greet", "confidence": 0.99}}, "metadata": {}},
              {"event": "user", "text": opening, "timestamp": 1764064800.0, "input_channel": "rest",
               "parse_data": {"intent": {"name": "complain_headteacher", "confidence": 0.99}}, "metadata": {}},
              {"event": "action", "name": "action_triage"},
              {"event": "user", "text": "yes", "timestamp": 1764064900.0, "input_channel": "rest",
               "parse_data": {"intent": {"name": "affirm", "confidence": 0.99}}, "metadata": {}}]
    slots = {"matter": "complain_headteacher", "category": "complaint", "about": "headteacher",
             "routed_to": "clerk_to_governors", "child_name": "not given", "account": "It has happened a few times now.",
             "parent_name": "Alex Morgan", "contact": "07700 900456", "awaiting_confirmation": True}
    run(A.ActionFileCase(), tracker("yes", "affirm", slots=slots, events=events))
    assert [c["routed_to"] for c in core.store.list()] == ["clerk_to_governors"]


def test_a_no_to_the_risk_question_in_the_middle_of_a_case_carries_on_with_it(core):
    """Not "Is there anything else I can help with?", which reads as if the case were over."""
    track = tracker("/deny", "deny", slots={"matter": "concern_child", "requested_slot": "parent_name"})
    track.active_loop = {"name": "case_form"}
    messages, _ = run(A.ActionAnythingElse(), track)
    assert texts(messages).startswith("Thank you. Let's carry on") and "999" in texts(messages)
    messages, _ = run(A.ActionAnythingElse(), tracker("/deny", "deny"))
    assert texts(messages).startswith("Is there anything else I can help with?")


def test_the_parents_own_name_put_right_in_the_answer_to_the_number(core):
    """"07700 900113 and sorry Donna is just what everyone calls me, put Danielle Foster properly":
    the number is the answer, and the name they gave before is put right."""
    said = "07700 900321 and sorry Jo is just what everyone calls me, put Joanne Price properly"
    text, values = _validate("contact", [said], {"category": "bullying", "matter": "report_bullying",
                                                  "child_name": "Reggie", "child_class": "Year 3",
                                                  "parent_name": "Jo"})
    assert values.get("parent_name") == "Joanne Price" and "07700 900321" in str(values.get("contact"))


SUMMARY_SLOTS = {"matter": "concern_child", "category": "concern", "about": "child", "routed_to": "class_teacher",
                 "urgency": "normal", "child_name": "Isla", "child_class": "Year 3", "account": "she cries over her maths",
                 "parent_name": "Claire Gibson", "contact": "07700 900309", "awaiting_confirmation": True}


@pytest.mark.parametrize("action, intent, text, detail, value", [
    # whatever the model read it as (a question about staff, an enquiry, thanks, out of scope)
    ("answer", "ask_staff", "oh wait, I put year 3 \u2013 she\u2019s year 2! Mrs Shah\u2019s class. sorry, long day",
     "child_class", "Year 2"),
    ("answer", "enquiry_admissions", "oh god sorry she's not in year 3 yet, she's still in year 2", "child_class",
     "Year 2"),
    ("out_of_scope", "out_of_scope", "Sorry there is a typo in the email, it should be claire.g@example.com", "contact",
     "claire.g@example.com"),
])
def test_a_detail_put_right_at_the_summary_is_changed_whatever_the_model_read(core, action, intent, text, detail,
                                                                               value):
    from actions.enquiries import ActionAnswerEnquiry
    acting = {"answer": ActionAnswerEnquiry(), "out_of_scope": A.ActionOutOfScope()}[action]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(acting.run(dispatcher, tracker(text, intent, SUMMARY_SLOTS), DOMAIN))
    changed = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert changed.get(detail) == value
    assert any(e.get("event") == "followup" and e.get("name") == "action_form_done" for e in events)
    assert wording.detail_put_right(detail, value) in texts(dispatcher.messages)


def test_a_complaint_about_the_head_put_right_at_the_summary_moves_to_the_person_meant(core):
    # "Thank you so much, that's lovely to hear" (read as a compliment) was said, and nothing filed.
    from actions.enquiries import ActionPassOnThanks
    slots = {**SUMMARY_SLOTS, "matter": "complain_headteacher", "category": "complaint", "about": "headteacher",
             "routed_to": "chair_of_governors"}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionPassOnThanks().run(dispatcher, tracker(
        "sorry I\u2019ve got that wrong \u2013 it wasn\u2019t Mrs Carter, it was the deputy, Mrs Whitfield",
        "compliment_staff", slots), DOMAIN))
    changed = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert changed.get("subject_name") == "Mrs Whitfield" and changed.get("routed_to") == "headteacher"
    assert "lovely to hear" not in texts(dispatcher.messages)


def test_words_that_only_say_something_is_wrong_at_the_summary_show_it_again(core):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(A.ActionOutOfScope().run(dispatcher, tracker(
        "naw wait, it's P3 up the road in Scotland, that's where I got mixed up", "out_of_scope", SUMMARY_SLOTS), DOMAIN))
    assert wording.SUMMARY_NOT_UNDERSTOOD in texts(dispatcher.messages)
    assert any(e.get("event") == "followup" and e.get("name") == "action_form_done" for e in events)


def test_a_childs_name_put_right_in_the_same_breath_is_the_one_kept(core):
    messages, slots = run_validate("child_name", "Ruby \u2013 no sorry, not Ruby, it\u2019s Ava! Ruby\u2019s my big one")
    assert slots == {"child_name": "Ava"}


def run_validate(slot, value):
    form = A.ValidateCaseForm()
    dispatcher = CollectingDispatcher()
    result = getattr(form, f"validate_{slot}")(value, dispatcher, tracker(value, "inform", {"category": "bullying"}),
                                              DOMAIN)
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return dispatcher.messages, result


def test_an_account_that_tells_of_another_child_picking_on_theirs_makes_a_complaint_bullying(core):
    # "I want to complain about the school dinners", then: it is two older lads taking his food.
    account = "two year 6 lads, every dinnertime on the yard, they take his sandwiches off him and dig him in the arm"
    slots = {"matter": "complain_school", "category": "complaint", "about": "school", "routed_to": "headteacher",
             "requested_slot": "account"}
    dispatcher = CollectingDispatcher()
    result = A.ValidateCaseForm().validate_account(account, dispatcher, tracker(account, "safeguarding_child", slots),
                                                   DOMAIN)
    assert result["category"] == "bullying" and result["routed_to"] == "class_teacher"
    # online, the model's reading stands (bullying online is the Headteacher's, not the class teacher's)
    online = "two girls in her class keep posting pictures of her on snapchat and laughing at her"
    kept = A.ValidateCaseForm().validate_account(online, CollectingDispatcher(), tracker(online, "complain_school", slots),
                                                 DOMAIN)
    assert "category" not in kept


def test_a_stage_2_request_told_where_the_childs_name_was_asked_moves_the_complaint_to_stage_2(core):
    said = ("Sorry, I should explain. I made a formal complaint to Mrs Carter in October and had her response letter "
            "last week. I'm not satisfied with it and I want it to go to the governors' panel.")
    slots = {"matter": "concern_child", "category": "concern", "about": "child", "routed_to": "class_teacher",
             "requested_slot": "child_name", "account": "I have a concern about my son's support in class\n" + said}
    result = A.ValidateCaseForm().validate_account(slots["account"], CollectingDispatcher(),
                                                   tracker(said, "complaint_stage_2", slots), DOMAIN)
    assert result["matter"] == "complaint_stage_2" and result["routed_to"] == "clerk_to_governors"


def _form_asking(text: str, intent: str, requested: str, slots: dict, confidence: float = 0.99) -> Tracker:
    """The form asked for `requested`, and the parent replied `text`, read as `intent`."""
    parse = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    events = [
        {"event": "active_loop", "name": "case_form", "timestamp": 1764064790.0},
        {"event": "slot", "name": "requested_slot", "value": requested, "timestamp": 1764064791.0},
        {"event": "action", "name": "action_listen", "timestamp": 1764064792.0},
        {"event": "user", "text": text, "timestamp": 1764064800.0, "input_channel": "rest", "parse_data": parse,
         "metadata": {}},
    ]
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update({"requested_slot": requested, **slots})
    return Tracker("parent-1", all_slots, parse, events, False, None, {"name": "case_form"}, "action_listen")


@pytest.mark.parametrize("requested, text, intent", [
    # asks to complain about someone while a worry is taken: the rules triage it afresh
    ("account", "i want to complain about the deputy head, she shouted at me in the car park", "complain_staff"),
    # turns to an everyday question or a route decided elsewhere, in words that drop the first matter
    ("child_name", "oh forget the dinner queue thing, can i sign up to help on the school trip instead?",
     "everyday_enquiry"),
    ("child_class", "sorry, different thing really, how do I ask for a review of her exclusion", "signpost"),
])
def test_turning_from_a_worry_to_another_matter_is_left_to_the_rules(core, requested, text, intent):
    track = _form_asking(text, intent, requested, {"matter": "concern_child", "category": "concern"})
    assert asyncio.run(getattr(A.ValidateCaseForm(), f"extract_{requested}")(CollectingDispatcher(), track,
                                                                              DOMAIN)) == {}


def test_a_question_in_passing_leaves_the_form_going_and_one_instead_leaves_the_case_unsent(core):
    slots = {"matter": "concern_child", "category": "concern", "child_name": "Rosie"}
    # "how do I get an EHC plan?" asked in passing: answered, and the form goes on
    messages, events = run(A.ActionSignpost(), _form_asking("how do I apply for an EHC plan for her", "signpost",
                                                            "child_class", slots))
    assert events == {} and wording.LEFT_UNSENT not in texts(messages)
    # "different thing really": answered, and the half-given worry is left unsent, and said so
    track = _form_asking("sorry, different thing really, how do I ask for a review of her exclusion", "signpost",
                         "child_class", slots)
    dispatcher = CollectingDispatcher()
    result = asyncio.run(A.ActionSignpost().run(dispatcher, track, DOMAIN))
    assert wording.LEFT_UNSENT in texts(dispatcher.messages)
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in result
                                                       if e.get("event") == "active_loop"]
    assert any(e.get("event") == "followup" and e.get("name") == "action_listen" for e in result)
    slots_set = {e["name"]: e["value"] for e in result if e.get("event") == "slot"}
    assert slots_set["matter"] is None and slots_set["child_name"] is None


def test_bullying_told_in_the_middle_of_another_matter_is_bullying_whatever_the_model_leaned_to(core):
    text = "forget the homework, that's not it. two girls in her class keep shoving her into the wall at break"
    track = _form_asking(text, "complain_staff", "account", {"matter": "concern_child", "category": "concern"},
                         confidence=0.55)
    _, slots = run(A.ActionTriage(), track)
    assert slots["category"] == "bullying"
    # An opening (no form was asking) is read as the model read it.
    _, slots = run(A.ActionTriage(), tracker(text, "complain_staff"))
    assert slots["category"] == "complaint"


@pytest.mark.parametrize("requested, text, intent", [
    ("parent_name", "mind your own, just sort it out", "cancel"),
    ("contact", "the office has all my details from before, I'm not typing them again", "complain_governor"),
])
def test_a_blunt_refusal_is_the_answer_whatever_the_model_read(core, requested, text, intent):
    track = _form_asking(text, intent, requested, {"matter": "complain_school", "category": "complaint",
                                                   "subject_name": "the school"}, confidence=0.75)
    found = asyncio.run(getattr(A.ValidateCaseForm(), f"extract_{requested}")(CollectingDispatcher(), track, DOMAIN))
    assert found == {requested: text}
