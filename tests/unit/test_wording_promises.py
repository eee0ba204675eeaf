"""What the assistant says about what happens to a parent's words is true (issue 11, item 8):
why each detail is asked, who else may learn of it, how long it is kept; what happens next,
from where a case already is; and no reply time the school-day calendar does not make true.

The tests' profile (tests/fixtures/school.yml) and a fixed clock: Wednesday 25 November 2026,
10:00, in term; its last term date is 21 July 2027."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from concerns import wording
from concerns.calendar import SchoolCalendar

LONDON = ZoneInfo("Europe/London")
IN_HOURS = dt.datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
FRIDAY_NIGHT = dt.datetime(2026, 11, 27, 21, 0, tzinfo=LONDON)
PAST_THE_CALENDAR = dt.datetime(2027, 7, 30, 21, 0, tzinfo=LONDON)
SHARED_FOR_SAFEGUARDING = ("children's services", "the local authority designated officer (the LADO)", "the police")
TOLD_ABOUT_A_COMPLAINT = "If the complaint is about someone, they are normally told about it and asked for their account."


@pytest.fixture
def calendar(profile):
    return SchoolCalendar(profile)


# -- "why do you need that?" ------------------------------------------------------------------
# (category, routed_to, the details its form asks), as concerns/triage.py's details_needed has them.
MATTERS = [
    ("complaint", "headteacher", ["subject_name", "account", "parent_name", "contact"]),
    ("complaint", "chair_of_governors", ["account", "parent_name", "contact"]),
    ("concern", "class_teacher", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("bullying", "class_teacher", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("cyberbullying", "headteacher", ["child_name", "child_class", "account", "parent_name", "contact"]),
    ("social_media", "headteacher", ["account", "parent_name", "contact"]),
    ("safeguarding", "dsl", ["child_name", "child_class", "parent_name", "contact"]),
    ("safeguarding", "chair_of_governors", ["subject_name", "parent_name", "contact"]),
    ("handoff", "office", ["parent_name", "contact"]),
]


@pytest.mark.parametrize("category, routed_to, details", MATTERS)
def test_why_says_who_else_may_learn_of_it_and_how_long_it_is_kept(profile, category, routed_to, details):
    for detail in details:
        words = wording.why_needed(detail, profile, category, routed_to)
        assert words.startswith("I ask so "), (detail, words)
        kept = profile.retention.cases[category]
        assert f"The school is responsible for this information and keeps the record for {kept} after it is closed" \
            in words
        assert profile.privacy_notice_url in words
        # The old answer said this for every matter; it is not true of a complaint or safeguarding.
        assert "only seen by the staff who deal with it" not in words
        assert (TOLD_ABOUT_A_COMPLAINT in words) == (category == "complaint"), (detail, words)
        assert all(body in words for body in SHARED_FOR_SAFEGUARDING) == (category == "safeguarding"), (detail, words)


def test_safeguarding_records_are_kept_far_longer_than_a_concern(profile):
    assert "keeps the record for 25 years" in wording.why_needed("contact", profile, "safeguarding", "dsl")
    assert "keeps the record for 2 years" in wording.why_needed("contact", profile, "concern", "class_teacher")


def test_the_reason_names_who_reads_it(profile):
    assert wording.why_needed("contact", profile, "complaint", "chair_of_governors").startswith(
        "I ask so the Chair of Governors can reply to you; it is used only to deal with this.")
    assert wording.why_needed("child_class", profile, "concern", "class_teacher").startswith(
        "I ask so it reaches your child's own class teacher.")
    # A bullying report about a child the Headteacher sends on has no class teacher yet.
    assert "class teacher" not in wording.why_needed("child_class", profile, "cyberbullying", "headteacher")


def test_for_safeguarding_a_contact_is_not_promised_to_stay_with_the_school(profile):
    """Safeguarding information may go to children's services and the police: never "used only
    to deal with this"; and cancelling stops the questions, not the alert already sent."""
    words = wording.why_needed("contact", profile, "safeguarding", "dsl")
    assert words.startswith("I ask so our Designated Safeguarding Lead can speak to you if they need to.")
    assert "used only" not in words and "cancel" not in words
    assert "what you have already told us stays with the people keeping children safe" in words
    child = wording.why_needed("child_name", profile, "safeguarding", "dsl")
    assert child.startswith("I ask so our Designated Safeguarding Lead knows which child may need help")


def test_why_with_no_question_asked_claims_nothing_it_cannot_know(profile):
    assert wording.why_needed(None, profile) == ("I only ask for what the school needs to deal with this. "
                                                 "You can say 'cancel' at any time.")


# -- what happens next, before anything is recorded --------------------------------------------
def test_what_next_for_a_complaint_is_stage_1_with_the_dates_for_something_sent_now(profile, calendar):
    words = wording.what_next(profile, calendar, IN_HOURS, "complain_staff", "complaint", "headteacher", "staff")
    assert "send it to the Headteacher" in words
    assert "you should hear back by Wednesday 2 December at the latest (a full reply by Wednesday 9 December)" in words
    assert "This is stage 1 of the complaints procedure" in words and "take it to stage 2" in words
    # The old answer offered "a formal complaint to the Headteacher" to a parent making one.
    assert "make a formal complaint to the Headteacher" not in words
    assert words.endswith("If a child is in danger, call 999.")


def test_what_next_for_stage_2_points_to_the_dfe_for_procedure_only(profile, calendar):
    words = wording.what_next(profile, calendar, IN_HOURS, "complaint_stage_2", "complaint", "clerk_to_governors",
                              "school")
    assert "This is stage 2 of the complaints procedure" in words
    assert "ask the Department for Education to check the procedure (it does not look at the decision again)" in words
    assert "take it to stage 2" not in words


def test_what_next_for_a_concern_is_the_informal_stage_then_the_procedure(profile, calendar):
    words = wording.what_next(profile, calendar, IN_HOURS, "concern_child", "concern", "class_teacher", "child")
    assert "send it to your child's class teacher" in words and "This is the informal stage" in words
    assert "formal complaint to the Headteacher (stage 1)" in words and "Clerk (stage 2)" in words


def test_what_next_for_a_bullying_report_is_not_called_a_complaint(profile, calendar):
    words = wording.what_next(profile, calendar, IN_HOURS, "report_bullying", "bullying", "class_teacher", "child")
    assert "stage 1" not in words
    assert "If you are unhappy with how it is handled, you can make a formal complaint to the Headteacher." in words


def test_what_next_for_safeguarding_never_promises_an_outcome(profile, calendar):
    words = wording.what_next(profile, calendar, FRIDAY_NIGHT, "safeguarding_child", "safeguarding", "dsl", "child")
    assert "They decide what needs to happen to keep the child safe, which may include contacting children's " \
           "services." in words
    assert "it will be read from 8:30am Monday 30 November" in words
    assert "Once you confirm" not in words and "full reply" not in words


def test_what_next_past_the_calendar_gives_estimates(profile, calendar):
    words = wording.what_next(profile, calendar, PAST_THE_CALENDAR, "complain_school", "complaint", "headteacher",
                              "school")
    assert "so as an estimate: by Friday 6 August (a full reply by Friday 13 August), later if it falls in a " \
           "holiday" in words


# -- what happens next, for a case already recorded ---------------------------------------------
def _case(**changes):
    record = {"reference": "OC-2026-0042", "status": "new", "category": "complaint", "about": "staff",
              "routed_to": "headteacher", "acknowledge_by": "2026-12-02", "respond_by": "2026-12-09",
              "due_estimated": False, "audit": [{"action": "filed", "detail": "", "at": "2026-11-25T10:00:00+00:00"}]}
    record.update(changes)
    return record


@pytest.mark.parametrize("status, said, due", [
    ("new", "OC-2026-0042 was received and is waiting to be read by the Headteacher.",
     "You should hear back by Wednesday 2 December at the latest (a full reply by Wednesday 9 December)."),
    ("acknowledged", "OC-2026-0042 has been read by the Headteacher.",
     "You should have a full reply by Wednesday 9 December."),
    ("in_progress", "OC-2026-0042 is being looked into by the Headteacher.",
     "You should have a full reply by Wednesday 9 December."),
])
def test_an_open_stage_1_complaint_says_where_it_is_and_when_to_expect_a_reply(calendar, status, said, due):
    words = wording.case_progress(_case(status=status), calendar, IN_HOURS)
    assert words.startswith(said)
    assert "This is stage 1 of the complaints procedure, a formal complaint." in words
    assert due in words
    assert "stage 2" not in words  # not offered before stage 1 has an outcome


@pytest.mark.parametrize("status, said", [("resolved", "OC-2026-0042 has been resolved."),
                                          ("closed", "OC-2026-0042 is closed.")])
def test_a_finished_stage_1_complaint_offers_stage_2_and_no_dates(calendar, status, said):
    words = wording.case_progress(_case(status=status), calendar, IN_HOURS)
    assert words.startswith(said)
    assert "you can take it to stage 2: a panel of governors who have not been involved, arranged by the Clerk" \
        in words
    assert "December" not in words


def test_a_complaint_about_the_headteacher_with_the_chair_is_stage_1(calendar):
    words = wording.case_progress(_case(about="headteacher", routed_to="chair_of_governors"), calendar, IN_HOURS)
    assert "waiting to be read by the Chair of Governors" in words and "stage 1" in words


def test_a_concern_is_the_informal_stage(calendar):
    record = _case(category="concern", about="child", routed_to="class_teacher")
    assert "This is the informal stage" in wording.case_progress(record, calendar, IN_HOURS)
    finished = wording.case_progress(dict(record, status="resolved"), calendar, IN_HOURS)
    assert "you can make a formal complaint to the Headteacher (stage 1)" in finished


def test_a_bullying_report_when_finished_says_what_to_do_if_it_happens_again(calendar):
    record = _case(category="bullying", about="child", routed_to="class_teacher", status="closed")
    words = wording.case_progress(record, calendar, IN_HOURS)
    assert "If it happens again, tell me straight away." in words and "stage" not in words


def test_stage_2_filed_in_the_chat_gives_the_clerks_acknowledgement_and_the_panel(calendar):
    record = _case(about="school", routed_to="clerk_to_governors")
    assert wording.complaint_stage(record) == wording.STAGE_2
    words = wording.case_progress(record, calendar, IN_HOURS)
    assert "This is stage 2 of the complaints procedure" in words
    assert "The Clerk will acknowledge it by Wednesday 2 December and write to you with the date of the panel." in words
    assert "full reply" not in words  # a panel's date is the Clerk's to set, not the stage 1 limit
    finished = wording.case_progress(dict(record, status="closed"), calendar, IN_HOURS)
    assert "ask the Department for Education to check the procedure" in finished and "Ofsted" in finished


def test_stage_2_sent_on_by_staff_counts_the_clerks_time_from_when_it_was_sent_on(calendar):
    """Filed on 2 November and sent to the Clerk on 24 November: the stage 1 dates on the case
    have passed; the Clerk's acknowledgement is 5 school days from 24 November."""
    record = _case(acknowledge_by="2026-11-09", respond_by="2026-11-16", routed_to="clerk_to_governors", audit=[
        {"action": "filed", "detail": "", "at": "2026-11-02T10:00:00+00:00"},
        {"action": "rerouted", "detail": "from=headteacher to=clerk_to_governors", "at": "2026-11-24T15:00:00+00:00"}])
    words = wording.case_progress(record, calendar, IN_HOURS)
    assert "The Clerk will acknowledge it by Tuesday 1 December" in words
    assert "November" not in words


def test_a_complaint_about_a_governor_with_the_clerk_is_stage_1(calendar):
    record = _case(about="governor", routed_to="clerk_to_governors")
    assert wording.complaint_stage(record) == wording.STAGE_1
    assert wording.complaint_stage(_case(category="safeguarding")) is None


def test_a_reply_date_that_has_passed_is_never_given_as_still_to_come(calendar):
    words = wording.case_progress(_case(status="in_progress"), calendar,
                                  dt.datetime(2026, 12, 10, 10, 0, tzinfo=LONDON))
    assert "The school aimed to reply by Wednesday 9 December. If you haven't heard, please phone the school " \
           "office on" in words
    assert "You should" not in words


def test_an_acknowledgement_date_that_has_passed_is_left_out(calendar):
    words = wording.case_progress(_case(status="new"), calendar, dt.datetime(2026, 12, 4, 10, 0, tzinfo=LONDON))
    assert "You should have a full reply by Wednesday 9 December." in words and "2 December" not in words


def test_due_dates_past_the_calendar_are_said_as_estimates(calendar):
    record = _case(acknowledge_by="2027-07-15", respond_by="2027-07-23", due_estimated=True)
    words = wording.case_progress(record, calendar, dt.datetime(2027, 7, 8, 10, 0, tzinfo=LONDON))
    assert "The school's term dates for then aren't published here yet, so as an estimate: by Thursday 15 July " \
           "(a full reply by Friday 23 July), later if it falls in a holiday." in words


@pytest.mark.parametrize("status", ["new", "acknowledged", "in_progress", "resolved", "closed"])
@pytest.mark.parametrize("about, routed_to", [("child", "dsl"), ("staff", "headteacher"),
                                              ("staff", "chair_of_governors")])
def test_safeguarding_progress_leaves_the_decision_to_the_lead_and_promises_no_outcome(
        calendar, status, about, routed_to):
    record = _case(category="safeguarding", about=about, routed_to=routed_to, status=status)
    words = wording.case_progress(record, calendar, IN_HOURS)
    assert "They decide what needs to happen" in words and "children's services" in words
    assert "They may not be able to tell you what they decide" in words
    assert "LADO" in words if about == "staff" else "LADO" not in words
    for promise in ("full reply", "hear back", "you will be told", "let you know", "stage"):
        assert promise not in words, (promise, words)
    assert words.endswith("If a child is in danger, call 999.")


def test_a_new_safeguarding_case_out_of_hours_says_when_it_will_be_read(calendar):
    record = _case(category="safeguarding", about="child", routed_to="dsl")
    assert "The school is closed now, so it will be read from 8:30am Monday 30 November." in \
        wording.case_progress(record, calendar, FRIDAY_NIGHT)
    assert "when the school reopens after the holiday" in wording.case_progress(record, calendar, PAST_THE_CALENDAR)
    assert "closed now" not in wording.case_progress(record, calendar, IN_HOURS)


def test_a_hand_off_says_staff_will_reply_here(calendar):
    words = wording.case_progress(_case(category="handoff", about=None, routed_to="office"), calendar, IN_HOURS)
    assert "is with the school office: a member of staff will reply here" in words and "999" in words


# -- "acted on the same day" only when the calendar makes it true --------------------------------
@pytest.mark.parametrize("now", [IN_HOURS, FRIDAY_NIGHT, PAST_THE_CALENDAR,
                                 dt.datetime(2026, 11, 25, 7, 0, tzinfo=LONDON)])
def test_the_time_limits_never_promise_the_same_day(profile, calendar, now):
    words = wording.time_limits(profile, calendar, now)
    assert "same day" not in words and "same school day" not in words and "first thing" not in words
    if calendar.is_open(now):
        assert "the school is open now (until 4:00pm today)" in words
    else:
        assert "but the school is closed now, so it will be read" in words
        assert "call First Contact" in words and "03000 267 979" in words


def test_the_time_limits_say_when_it_is_read_from_the_calendar(profile, calendar):
    assert "it will be read from 8:30am Monday 30 November" in wording.time_limits(profile, calendar, FRIDAY_NIGHT)
    assert "it will be read from 8:30am today" in wording.time_limits(
        profile, calendar, dt.datetime(2026, 11, 25, 7, 0, tzinfo=LONDON))
    past = wording.time_limits(profile, calendar, PAST_THE_CALENDAR)
    assert "it will be read when the school reopens after the holiday" in past
    assert "as an estimate" in past
