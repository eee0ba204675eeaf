"""A complaint keeps its stage of the procedure (issue 11, item 12): a stage 2 complaint is told
to the parent, and emailed to staff, as stage 2 (a panel through the Clerk, or the Chair when it
is about the Clerk, with the profile's time limit, and after it the DfE and, for the Nursery
Unit's early years, Ofsted), whoever holds it; never as stage 1 because the Clerk also holds
stage 1 complaints about governors. The stage is set when the parent asks for stage 2 in the
chat, and when staff move a complaint to stage 2 in the console.

Real database files; the tests' profile and a fixed clock: Wednesday 25 November 2026, 10:00."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import inspect

from concerns import wording
from concerns.escalation import Escalation
from concerns.service import Core, Intake
from concerns.settings import Settings
from concerns.stages import LAST_STAGE, StageStep, move_to_stage_2, next_step
from concerns.triage import STAGE_1, STAGE_2, matter_from_words, stage_at_filing, triage
from tests.conftest import PROFILE_PATH

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
CHAIR, CLERK = "chair@oakleycross.example.org", "clerk@oakleycross.example.org"


@pytest.fixture
def core(tmp_path):
    return Core(Settings(database_url=f"sqlite:///{tmp_path / 'cases.db'}", school_profile=PROFILE_PATH,
                         clock_override="2026-11-25T10:00:00"))


def emails_to(core, recipient: str) -> list[str]:
    return [m.body for m in core.store.claim_due(limit=100) if m.recipient == recipient]


def test_the_schema_keeps_a_complaints_stage(core):
    columns = {column["name"] for column in inspect(core.store.engine).get_columns("cases")}
    assert "complaint_stage" in columns


# -- set when the parent asks for stage 2 in the chat ---------------------------------------------
@pytest.mark.parametrize("text", ["I want to take my complaint about Mrs Carter to stage 2",
                                  "please move my complaint about the chair to stage two"])
def test_a_complaint_that_asks_for_stage_2_by_name_is_stage_2_whatever_the_model_read(text):
    for matter in ("complain_headteacher", "complain_governor", "complain_staff", "complain_school"):
        assert matter_from_words(matter, text) == "complaint_stage_2", (matter, text)


@pytest.mark.parametrize("text", ["I want to complain about the head, I'm not at stage 2 yet",
                                  "I want to complain about the chair of governors"])
def test_a_complaint_that_does_not_ask_for_stage_2_stays_where_the_model_put_it(text):
    assert matter_from_words("complain_governor", text) == "complain_governor"


def test_the_stage_a_case_starts_at(profile):
    assert stage_at_filing(triage("complaint_stage_2", profile, subject="Mr Hughes")) == STAGE_2
    assert stage_at_filing(triage("complain_governor", profile, subject="Mr Hughes")) == STAGE_1
    assert stage_at_filing(triage("complain_school", profile)) == STAGE_1
    assert stage_at_filing(triage("concern_child", profile)) is None
    assert stage_at_filing(triage("report_bullying", profile)) is None


@pytest.mark.parametrize("subject, routed_to, arranger", [
    ("the chair, Mr Hughes", "clerk_to_governors", "the Clerk to the Governors"),
    ("one of the governors", "clerk_to_governors", "the Clerk to the Governors"),
    ("Mrs Lowther the clerk", "chair_of_governors", "the Chair of Governors, because it is about the Clerk"),
])
def test_stage_2_about_a_governor_or_the_clerk_is_told_as_stage_2(core, subject, routed_to, arranger):
    """The Clerk holds stage 1 complaints about governors too, and the Chair those about the
    Clerk: the stage kept on the case, not who holds it, says which stage it is."""
    record = core.file(Intake("complaint_stage_2", "web", "p1", subject_name=subject, parent_name="Sam",
                              contact="sam@example.org", account="The head's reply did not deal with it."))
    assert (record["routed_to"], record["complaint_stage"]) == (routed_to, STAGE_2)
    record = core.store.get(record["reference"])
    assert wording.complaint_stage(record) == STAGE_2
    words = wording.case_progress(record, core.calendar, NOW)
    assert f"This is stage 2 of the complaints procedure: a panel of governors who have not been involved before, " \
           f"arranged by {arranger}." in words
    who = "The Clerk" if routed_to == "clerk_to_governors" else "The Chair of Governors"
    assert f"{who} will acknowledge it by Wednesday 2 December and write to you with the date of the panel." in words
    assert "stage 1" not in words and "full reply" not in words
    finished = wording.case_progress(dict(record, status="closed"), core.calendar, NOW)
    assert "ask the Department for Education to check the procedure" in finished and "Ofsted" in finished
    assert "take it to stage 2" not in finished
    [email] = emails_to(core, CLERK if routed_to == "clerk_to_governors" else CHAIR)
    assert "Stage:           stage 2 (panel of governors)" in email
    assert f"arranged by {arranger}" in email and "within 5 school days" in email
    assert "Sam" not in email and "sam@example.org" not in email   # still nothing personal


def test_a_stage_1_complaint_is_emailed_as_stage_1(core):
    core.file(Intake("complain_governor", "web", "p1", subject_name="the chair, Mr Hughes", parent_name="Sam",
                     contact="sam@example.org", account="Rude at the fair."))
    [email] = emails_to(core, CLERK)
    assert "Stage:           stage 1 (formal complaint)" in email and "stage 2" not in email


def test_filing_stage_2_tells_the_parent_the_panel_and_its_time_limit(profile):
    words = wording.filed("OC-2026-0042", "clerk_to_governors", dt.date(2026, 12, 2), dt.date(2026, 12, 9),
                          dt.date(2026, 11, 25), stage=STAGE_2)
    assert "stage 2 of the complaints procedure" in words and "panel of governors" in words
    assert "The Clerk will acknowledge it by Wednesday 2 December and write to you with the date of the panel." \
        in words
    assert "full reply" not in words
    about_the_clerk = wording.filed("OC-2026-0042", "chair_of_governors", dt.date(2026, 12, 2),
                                    dt.date(2026, 12, 9), dt.date(2026, 11, 25), stage=STAGE_2)
    assert "passed it to the Chair of Governors" in about_the_clerk
    assert "The Chair of Governors will acknowledge it by Wednesday 2 December" in about_the_clerk


def test_what_next_before_filing_stage_2_gives_the_panels_time_limit(profile, core):
    words = wording.what_next(profile, core.calendar, NOW, "complaint_stage_2", "complaint", "chair_of_governors",
                              "governor")
    assert "The Chair of Governors will acknowledge it by Wednesday 2 December and write to you with the date of " \
           "the panel." in words
    assert "arranged by the Chair of Governors, because it is about the Clerk" in words
    assert "full reply" not in words and "Department for Education" in words


def test_asking_for_stage_2_about_the_clerk_is_told_the_chair_arranges_it(profile):
    words = wording.explain_channel("complaint_stage_2", "", profile, "chair_of_governors")
    assert "arranged by the Chair of Governors, because it is about the Clerk" in words
    assert f"will acknowledge it within {profile.acknowledge_days} school days" in words
    assert "Department for Education" in words and "Ofsted" in words


# -- set when staff move a complaint to stage 2 in the console -----------------------------------
@pytest.mark.parametrize("intake, holder, to", [
    (Intake("complain_school", "web", "p1", account="Letters always come late."), "headteacher",
     "clerk_to_governors"),
    (Intake("complain_headteacher", "web", "p2", account="She ignores my emails."), "chair_of_governors",
     "clerk_to_governors"),
    # Held by the Clerk at stage 1 (about a governor): stays with the Clerk, now at stage 2.
    (Intake("complain_governor", "web", "p3", subject_name="the chair, Mr Hughes", account="Rude at the fair."),
     "clerk_to_governors", "clerk_to_governors"),
    # About the Clerk: the Chair arranges the panel.
    (Intake("complain_governor", "web", "p4", subject_name="Mrs Lowther the clerk", account="Lost my letter."),
     "chair_of_governors", "chair_of_governors"),
], ids=["school", "headteacher", "governor", "clerk"])
def test_staff_move_a_stage_1_complaint_to_stage_2(core, intake, holder, to):
    record = core.file(intake)
    assert (record["routed_to"], record["complaint_stage"]) == (holder, STAGE_1)
    core.store.claim_due(limit=100)   # the filing's emails, out of the way
    step = next_step(core.store.get(record["reference"]), core.profile)
    assert isinstance(step, StageStep) and (step.to, step.stage) == (to, STAGE_2)
    later = dt.datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)
    moved = move_to_stage_2(core.store, core.store.get(record["reference"]), step, core.profile, core.calendar,
                            later, "someone@oakleycross.example.org")
    assert (moved["complaint_stage"], moved["routed_to"], moved["status"]) == (STAGE_2, to, "new")
    # The time limit runs from the move: 5 school days after Monday 7 December.
    assert moved["acknowledge_by"] == "2026-12-14"
    shown = core.store.get(record["reference"])
    assert "stage_changed" in [entry["action"] for entry in shown["audit"]]
    words = wording.case_progress(shown, core.calendar, later)
    assert "This is stage 2 of the complaints procedure" in words and "by Monday 14 December" in words
    new_emails = [m for m in core.store.claim_due(limit=100)]
    if to != holder:
        [email] = new_emails
        assert email.recipient == CLERK and "Stage:           stage 2 (panel of governors)" in email.body
    else:
        assert new_emails == []   # they hold it already
    assert next_step(shown, core.profile) == StageStep(refused=LAST_STAGE)


def test_a_stage_1_complaint_held_elsewhere_goes_to_the_headteacher_first(core):
    record = core.file(Intake("complain_school", "web", "p1", account="Letters always come late."))
    core.store.reroute(record["reference"], "office", "school", "office@oakleycross.example.org",
                       compose=lambda updated: [], actor="head@oakleycross.example.org")
    step = next_step(core.store.get(record["reference"]), core.profile)
    assert isinstance(step, Escalation) and step.to == "headteacher"


def test_other_cases_move_on_as_before(core):
    concern = core.file(Intake("concern_child", "web", "p1", child_name="Ruby", child_class="year 3",
                               account="She is not sleeping."))
    step = next_step(core.store.get(concern["reference"]), core.profile)
    assert isinstance(step, Escalation) and step.to == "headteacher"
