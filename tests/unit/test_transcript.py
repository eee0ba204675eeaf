"""A conversation cut into its matters: each case keeps only its own lines, and a staff
member reads only the parts whose cases they may see."""
from __future__ import annotations

from concerns.transcript import current_intake, read, visible_lines

ALLEGATION, BULLYING, HANDOFF = "OC-2026-0001", "OC-2026-0002", "OC-2026-0003"


def user(text, intent="x"):
    return {"event": "user", "text": text, "timestamp": 1764064700.0, "parse_data": {"intent": {"name": intent}}}


def bot(text, **extra):
    return {"event": "bot", "text": text, "timestamp": 1764064701.0, **extra}


def action(name):
    return {"event": "action", "name": name}


def slot(name, value):
    return {"event": "slot", "name": name, "value": value}


# "Mr Bell hit my son" (an alert, filed at once), then a bullying worry in Mr Bell's class.
TWO_MATTERS = [
    action("action_session_start"), action("action_listen"),
    user("hello"), action("action_welcome"), bot("Hello, I'm the school's automated assistant."),
    action("action_listen"),
    user("mr bell hit my son", "staff_allegation"), action("action_safeguarding"),
    bot("If a child is in immediate danger, please call 999 now."), slot("case_reference", ALLEGATION),
    action("case_form"), bot("Who is it about?"), action("action_listen"),
    user("Mr Bell"), action("case_form"), bot("What is your name?"), action("action_listen"),
    user("Kim Hall"), action("case_form"), action("action_form_done"), bot(f"I've added your details to {ALLEGATION}."),
    action("action_listen"),
    user("my son is being bullied in his class", "report_bullying"), action("action_triage"),
    slot("case_reference", None), bot("That goes to the class teacher."), action("case_form"),
    bot("Which class is he in?"), action("action_listen"),
    user("year 1"), action("case_form"), action("action_form_done"), bot("Here's what I'll send."),
    action("action_listen"),
    user("/affirm", "affirm"),
]


def test_a_case_filed_now_keeps_only_its_own_intake():
    kept = [line["text"] for line in current_intake(TWO_MATTERS)]
    assert kept[0] == "my son is being bullied in his class"
    assert kept[-1] == "/affirm"
    assert not any("bell hit" in text or "Kim Hall" in text or "hello" == text for text in kept)


def test_the_first_intake_keeps_the_greeting_before_it():
    first = TWO_MATTERS[:TWO_MATTERS.index(user("my son is being bullied in his class", "report_bullying"))]
    kept = [line["text"] for line in current_intake(first)]
    assert kept[0] == "hello" and "mr bell hit my son" in kept and "Kim Hall" in kept


def test_an_alert_being_raised_now_keeps_only_its_own_message():
    """The safeguarding action runs before it is in the events: the latest message opens it."""
    events = TWO_MATTERS[:-1] + [user("actually his dad hits him too", "safeguarding_child")]
    assert [line["text"] for line in current_intake(events, opening_now=True)] == ["actually his dad hits him too"]


def test_each_line_belongs_to_the_case_filed_from_its_intake():
    events = TWO_MATTERS + [action("action_file_case"), slot("case_reference", BULLYING),
                            bot(f"I've recorded this as {BULLYING}.")]
    by_text = {line.text: line.reference for line in read(events)}
    assert by_text["hello"] == ALLEGATION  # before any intake: with the first
    assert by_text["Kim Hall"] == ALLEGATION
    assert by_text["year 1"] == BULLYING and by_text[f"I've recorded this as {BULLYING}."] == BULLYING


def test_the_subject_of_one_case_reads_only_the_other():
    events = TWO_MATTERS + [action("action_file_case"), slot("case_reference", BULLYING),
                            bot(f"I've recorded this as {BULLYING}.")]
    shown = visible_lines(read(events), lambda reference: reference == BULLYING, taken_by_me=False)
    texts = [line["text"] for line in shown]
    assert texts[0] == "my son is being bullied in his class"
    assert not any("bell hit" in t or "Kim Hall" in t or "999" in t or "hello" == t for t in texts)


def test_a_cancelled_intake_belongs_to_nobody():
    events = [user("i want to complain", "complain_school"), action("action_triage"), bot("That goes to the Head."),
              action("action_listen"), user("cancel", "cancel"), action("action_cancel"), bot("OK, cancelled.")]
    assert visible_lines(read(events), lambda reference: True, taken_by_me=False) == []


def test_a_safeguarding_signal_while_paused_is_its_own_matter_and_highlighted():
    events = [user("can i talk to someone", "ask_human"), action("action_triage"), bot("I'll pass you to the office."),
              action("action_file_case"), slot("case_reference", HANDOFF), bot(f"Passed to the office ({HANDOFF})."),
              {"event": "pause"},
              user("thanks i'll wait"),
              bot("Hello, this is Mrs Barker.", metadata={"staff": "Mrs Julie Barker"}),
              user("he is hurting her right now", "safeguarding_child"), action("action_paused_safeguarding"),
              bot("If a child is in immediate danger, please call 999 now."),
              bot(f"I have alerted the safeguarding lead now (reference {ALLEGATION})."),
              action("action_listen"),
              user("please hurry")]
    lines = read(events)
    by_text = {line.text: line for line in lines}
    assert by_text["he is hurting her right now"].reference == ALLEGATION
    assert by_text["he is hurting her right now"].alert and by_text["he is hurting her right now"].live
    assert by_text["please hurry"].reference == HANDOFF and not by_text["please hurry"].alert
    assert by_text["Hello, this is Mrs Barker."].who == "staff: Mrs Julie Barker"

    # The office has the hand-off, not the alert: they see that one was raised, not its words.
    office = visible_lines(lines, lambda reference: reference == HANDOFF, taken_by_me=False)
    [flagged] = [line for line in office if line.get("alert")]
    assert ALLEGATION in flagged["text"] and "hurting" not in flagged["text"]
    assert [line["text"] for line in office][-1] == "please hurry"
    # The safeguarding lead sees the words, highlighted, and nothing of the hand-off.
    dsl = visible_lines(lines, lambda reference: reference == ALLEGATION, taken_by_me=False)
    assert [line["text"] for line in dsl if line["who"] == "parent"] == ["he is hurting her right now"]
    assert all(line.get("alert") for line in dsl)


def test_what_was_said_live_is_read_by_the_staff_member_who_took_it_over():
    events = [user("my son is being bullied", "report_bullying"), action("action_triage"), bot("To his teacher."),
              action("action_file_case"), slot("case_reference", BULLYING), bot(f"Recorded as {BULLYING}."),
              {"event": "pause"}, bot("Miss Kerr has joined.", metadata={"staff": "Miss Laura Kerr"}),
              user("thank you miss")]
    lines = read(events)
    assert [line["text"] for line in visible_lines(lines, lambda reference: False, taken_by_me=True)] == [
        "Miss Kerr has joined.", "thank you miss"]
    assert visible_lines(lines, lambda reference: False, taken_by_me=False) == []


def staff_reply(text, reply_id, name="Mrs Julie Barker"):
    """A staff reply as the console puts it in the conversation (console/rasa_api.py, say)."""
    return {"event": "bot", "text": None, "timestamp": 1764064702.0, "metadata": {"staff": name},
            "data": {"custom": {"text": text, "staff_reply": reply_id}}}


def test_a_staff_reply_in_a_case_copy_says_whether_it_reached_the_parent():
    from concerns.transcript import with_delivery

    # Staff took the conversation over before the parent raised anything; then a complaint.
    events = [user("hello"), bot("Hello, I'm the school's automated assistant."), {"event": "pause"},
              staff_reply("Hello, this is Mrs Barker.", 7), staff_reply("Did you get my message?", 8),
              {"event": "resume"}, user("i want to complain about the letters", "complain_school"),
              action("action_triage"), bot("That goes to the Headteacher.")]
    copy = current_intake(events)
    staff_lines = [line for line in copy if line["who"].startswith("staff")]
    assert [(line["text"], line["staff_reply"]) for line in staff_lines] == [
        ("Hello, this is Mrs Barker.", 7), ("Did you get my message?", 8)]
    replies = {7: {"status": "failed", "reason": "Messenger answered 400: (#10) This message is sent outside of "
                                                  "allowed window. (code 10, error_subcode 2018278)"},
               8: {"status": "delivered", "reason": None}}
    noted = {line["text"]: line.get("delivery") for line in with_delivery(copy, replies)}
    assert noted["Hello, this is Mrs Barker."] == "not delivered: refused by Messenger (400)"
    assert noted["Did you get my message?"] == "delivered"
    assert noted["i want to complain about the letters"] is None
    # A reply no longer in the store keeps the note the copy had.
    kept = with_delivery([{"who": "staff: Mrs Julie Barker", "text": "Hi", "at": "", "staff_reply": 9,
                           "delivery": "not delivered: Messenger could not be reached"}], {})
    assert kept[0]["delivery"] == "not delivered: Messenger could not be reached"


def test_a_hand_off_shows_the_headteacher_none_of_a_worry_about_her_in_the_same_conversation():
    """messages.json for the Headteacher answering a hand-off, with the real access rules: the
    worry before it is about her and is not shown, though her role would see it otherwise."""
    from concerns.access import StaffIdentity, can_view
    from concerns.profile import load_profile
    from tests.conftest import PROFILE_PATH

    WORRY = "OC-2026-0004"
    profile = load_profile(PROFILE_PATH)
    head = next(m for m in profile.staff if m.role == "headteacher")
    me = StaffIdentity(head.email, head.name, head.role)
    cases = {
        WORRY: {"reference": WORRY, "category": "concern", "about": "child", "routed_to": "class_teacher",
                     "copied_to": [], "assignee": "l.kerr@oakleycross.example.org", "subject_name": "Helen",
                     "subject_people": [head.email.lower()]},
        HANDOFF: {"reference": HANDOFF, "category": "handoff", "about": None, "routed_to": "office", "copied_to": [],
                  "assignee": "office@oakleycross.example.org", "subject_name": "", "subject_people": []},
    }
    events = [user("I'm worried about how Helen spoke to my daughter", "concern_child"), action("action_triage"),
              bot("That goes to the class teacher."), action("case_form"), bot("Who is it about?"),
              user("Helen"), action("case_form"), action("action_file_case"), slot("case_reference", WORRY),
              bot(f"Recorded as {WORRY}."),
              user("can I talk to someone", "ask_human"), action("action_triage"), action("action_file_case"),
              slot("case_reference", HANDOFF), bot(f"Someone will reply here ({HANDOFF})."), {"event": "pause"},
              user("are you there?")]
    lines = read(events)
    shown = [line["text"] for line in visible_lines(
        lines, lambda reference: reference in cases and can_view(me, cases[reference], profile), taken_by_me=False)]
    assert shown == ["can I talk to someone", f"Someone will reply here ({HANDOFF}).", "are you there?"]
    # Were the worry not about her, her role would read it: the subject is what hides it.
    unnamed = {**cases[WORRY], "subject_name": "", "subject_people": []}
    assert can_view(me, unnamed, profile)
