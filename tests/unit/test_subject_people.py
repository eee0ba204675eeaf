"""Subjects are people: a case keeps who it is about as the profile's people, found when it is
filed and when its subject is given later, so it stays hidden from them even after the profile
gives them another role; escalation never sends a case to the person it is about, nor to
someone who could not read it then (concerns/escalation.py).

Real database files and a real SMTP server on loopback."""
from __future__ import annotations

import dataclasses

import pytest

from concerns.access import StaffIdentity, can_view
from concerns.escalation import escalation
from concerns.service import Core, Intake
from concerns.settings import Settings
from tests.conftest import PROFILE_PATH

HEAD, DSL, DEPUTY = "head@oakleycross.example.org", "dsl@oakleycross.example.org", "deputy.dsl@oakleycross.example.org"
CHAIR, CLERK, OFFICE = "chair@oakleycross.example.org", "clerk@oakleycross.example.org", "office@oakleycross.example.org"
BELL, KERR = "t.bell@oakleycross.example.org", "l.kerr@oakleycross.example.org"


@pytest.fixture
def core(tmp_path, smtp_server):
    port, inbox = smtp_server
    core = Core(Settings(database_url=f"sqlite:///{tmp_path / 'cases.db'}", school_profile=PROFILE_PATH,
                         clock_override="2026-11-25T10:00:00", smtp_host="127.0.0.1", smtp_port=port,
                         smtp_security="none"))
    core.inbox = inbox
    return core


def identity(profile, email: str) -> StaffIdentity:
    member = next(m for m in profile.staff if m.email == email)
    return StaffIdentity(member.email, member.name, member.role)


def with_roles(profile, **roles: str):
    """The profile after a change of roles: `roles` maps an email to its holder's new role."""
    return dataclasses.replace(profile, staff=tuple(
        dataclasses.replace(m, role=roles.get(m.email, m.role)) for m in profile.staff))


@pytest.mark.parametrize("intake, about", [
    (Intake("complain_staff", "web", "p1", subject_name="Mrs C", account="she never replies"), [HEAD]),
    (Intake("staff_allegation", "web", "p2", subject_name="the safeguarding lead", account="grabbed him"), [DSL]),
    # An alert filed from the parent's first words, before anyone asked who it is about.
    (Intake("staff_allegation", "web", "p3", opening_text="Mrs Whitfield grabbed my son by the arm"), [DSL]),
    (Intake("complain_headteacher", "web", "p4", account="she ignores my emails"), [HEAD]),
    # Mr Bell teaches the class: the case is not about him, and he must read it.
    (Intake("report_bullying", "web", "p5", child_name="Kai", child_class="year 1",
            account="pushed over in Mr Bell's class every day"), []),
], ids=["initial", "role", "opening words", "headteacher by intent", "class named"])
def test_a_case_keeps_who_it_is_about_as_people(core, intake, about):
    assert core.file(intake)["subject_people"] == about


def test_a_stored_subject_stays_hidden_from_them_when_their_role_changes(core):
    record = core.store.get(core.file(Intake("staff_allegation", "web", "p6", subject_name="the safeguarding lead",
                                             account="she hurt him"))["reference"])
    # Mrs Whitfield becomes the deputy and Mr Patel the lead: "the safeguarding lead" now
    # names Mr Patel, but the allegation was about Mrs Whitfield, and a deputy sees safeguarding.
    swapped = with_roles(core.profile, **{DSL: "deputy_dsl", DEPUTY: "dsl"})
    assert not can_view(identity(swapped, DSL), record, swapped)
    assert can_view(identity(swapped, HEAD), record, swapped)  # whose case it is


def test_a_subject_given_later_joins_and_the_case_never_moves_to_them(core):
    # An alert whose words name the Headteacher goes to the Chair.
    alert = core.file(Intake("staff_allegation", "web", "p7", opening_text="the head hurt my son"))
    assert (alert["routed_to"], alert["subject_people"]) == ("chair_of_governors", [HEAD])
    # Asked who it is about, the parent says Mr Bell. An allegation about Mr Bell alone would go
    # to the Headteacher, but this one's first words were about her: it stays with the Chair.
    record = core.add_follow_up_details(alert["reference"], Intake(
        "staff_allegation", "web", "p7", opening_text="the head hurt my son", subject_name="Mr Bell"))
    assert record["routed_to"] == "chair_of_governors" and record["assignee"] == CHAIR
    assert sorted(core.store.get(alert["reference"])["subject_people"]) == sorted([HEAD, BELL])
    assert HEAD not in [n["recipient"] for n in core.store.get(alert["reference"])["notifications"]]
    assert not can_view(identity(core.profile, HEAD), core.store.get(alert["reference"]), core.profile)


def test_a_subject_given_later_moves_the_case_to_someone_it_is_not_about(core):
    alert = core.file(Intake("staff_allegation", "web", "p8", opening_text="a teacher grabbed my son"))
    assert (alert["routed_to"], alert["subject_people"]) == ("chair_of_governors", [])
    record = core.add_follow_up_details(alert["reference"], Intake(
        "staff_allegation", "web", "p8", opening_text="a teacher grabbed my son", subject_name="Mrs W"))
    assert (record["routed_to"], record["assignee"]) == ("headteacher", HEAD)
    stored = core.store.get(alert["reference"])
    assert stored["subject_people"] == [DSL]
    assert not can_view(identity(core.profile, DSL), stored, core.profile)
    assert can_view(identity(core.profile, HEAD), stored, core.profile)


def complaint_about_the_head_held_by(holder_role: str) -> dict:
    return {"category": "complaint", "about": "headteacher", "routed_to": holder_role, "assignee": OFFICE,
            "copied_to": [], "subject_name": None, "subject_people": []}


def test_escalating_a_complaint_about_the_headteacher_to_her_is_refused(profile):
    step = escalation(complaint_about_the_head_held_by("office"), profile)
    assert step.to is None and step.person is None
    assert step.refused == ("This case is about Mrs Helen Carter, so it cannot be escalated to the Headteacher. "
                            "It stays where it is: reassign it to someone it is not about if it needs to move.")


def test_escalating_to_someone_stored_as_the_subject_is_refused_after_a_role_change(core):
    # A concern about Mrs Carter with the class teacher; then she stops being the Headteacher
    # and Mrs Whitfield takes her place: escalating goes to Mrs Whitfield, not to Mrs Carter.
    record = core.file(Intake("concern_child", "web", "p9", subject_name="Mrs C", child_name="Ivy",
                              child_class="year 3", account="the head shouted at her"))
    assert record["assignee"] == KERR
    assert "Mrs Helen Carter" in escalation(record, core.profile).refused
    changed = with_roles(core.profile, **{HEAD: "class_teacher", DSL: "headteacher"})
    step = escalation(record, changed)
    assert (step.to, step.person.email) == ("headteacher", DSL)


def test_a_safeguarding_allegation_is_not_escalated_to_someone_who_cannot_read_it(profile):
    allegation = {"category": "safeguarding", "about": "staff", "routed_to": "headteacher", "assignee": HEAD,
                  "copied_to": [], "subject_name": "Mr Bell", "subject_people": [BELL]}
    step = escalation(allegation, profile)
    assert step.to is None
    assert step.refused == ("The Clerk to the Governors (Mrs Anne Lowther) takes an allegation about staff only "
                            "when it is about both the Headteacher and the Chair of Governors, so it cannot be "
                            "escalated to them.")


def test_a_complaint_about_the_school_escalates_to_the_clerk(profile):
    complaint = {"category": "complaint", "about": "school", "routed_to": "headteacher", "assignee": HEAD,
                 "copied_to": [], "subject_name": None, "subject_people": []}
    step = escalation(complaint, profile)
    assert (step.to, step.person.email, step.refused) == ("clerk_to_governors", CLERK, "")


# -- about both the Headteacher and the Chair of Governors ------------------------------------
@pytest.mark.parametrize("intake", [
    Intake("staff_allegation", "web", "b1", subject_name="Mrs Carter and Mr Hughes", account="they grabbed him"),
    Intake("staff_allegation", "web", "b2", opening_text="the head and the chair of governors grabbed my son"),
], ids=["subject given", "first words"])
def test_an_allegation_about_the_head_and_the_chair_goes_to_the_clerk_who_can_read_it(core, intake):
    record = core.file(intake)
    assert (record["routed_to"], record["assignee"], record["copied_to"]) == ("clerk_to_governors", CLERK, ["dsl"])
    assert sorted(record["subject_people"]) == sorted([HEAD, CHAIR])
    stored = core.store.get(record["reference"])
    assert can_view(identity(core.profile, CLERK), stored, core.profile)
    assert can_view(identity(core.profile, DSL), stored, core.profile)
    for subject in (HEAD, CHAIR):
        assert not can_view(identity(core.profile, subject), stored, core.profile)
    told = {n["recipient"] for n in stored["notifications"]}
    assert CLERK in told and DSL in told and not told & {HEAD, CHAIR}
    # The Clerk is the last stage: nowhere further to send it.
    assert escalation(stored, core.profile).person is None


def test_the_dsl_is_not_told_of_an_allegation_about_her_with_the_head_and_the_chair(core):
    record = core.file(Intake("staff_allegation", "web", "b3", subject_name="the head, the chair and Mrs Whitfield",
                              account="they locked him in"))
    assert (record["routed_to"], record["copied_to"]) == ("clerk_to_governors", [])
    stored = core.store.get(record["reference"])
    assert DSL not in {n["recipient"] for n in stored["notifications"]}
    assert not can_view(identity(core.profile, DSL), stored, core.profile)
    assert can_view(identity(core.profile, CLERK), stored, core.profile)


def test_an_allegation_about_the_head_then_the_chair_moves_from_the_chair_to_the_clerk(core):
    alert = core.file(Intake("staff_allegation", "web", "b4", opening_text="the head hurt my son"))
    assert (alert["routed_to"], alert["assignee"]) == ("chair_of_governors", CHAIR)
    # Asked who it is about, the parent names the Chair: alone he would send it to the
    # Headteacher; with the first words it is about both, so neither may hold it.
    record = core.add_follow_up_details(alert["reference"], Intake(
        "staff_allegation", "web", "b4", opening_text="the head hurt my son", subject_name="Mr Hughes"))
    assert (record["routed_to"], record["assignee"], record["copied_to"]) == ("clerk_to_governors", CLERK, ["dsl"])
    stored = core.store.get(alert["reference"])
    assert sorted(stored["subject_people"]) == sorted([HEAD, CHAIR])
    assert can_view(identity(core.profile, CLERK), stored, core.profile)
    assert not can_view(identity(core.profile, CHAIR), stored, core.profile)
    assert CLERK in {n["recipient"] for n in stored["notifications"]}


def test_a_complaint_about_the_head_and_the_chair_keeps_both_as_its_subjects(core):
    # Routed from its first words (nobody asks who a complaint about the Headteacher is about).
    record = core.file(Intake("complain_headteacher", "web", "b5", opening_text="the head and the chair ignore me",
                              account="three emails unanswered"))
    assert (record["routed_to"], record["assignee"]) == ("clerk_to_governors", CLERK)
    assert sorted(record["subject_people"]) == sorted([HEAD, CHAIR])
    # Hidden from the Chair by his subject, not only by the route: he may not be given it.
    stored = core.store.get(record["reference"])
    assert not can_view(identity(core.profile, CHAIR), {**stored, "assignee": CHAIR}, core.profile)


def test_an_allegation_is_escalated_to_the_clerk_only_when_about_the_head_and_the_chair(profile):
    at_the_chair = {"category": "safeguarding", "about": "staff", "routed_to": "chair_of_governors",
                    "assignee": CHAIR, "copied_to": [], "subject_name": "Mrs Carter", "subject_people": [HEAD]}
    refused = escalation(at_the_chair, profile)
    assert refused.person is None and "only when it is about both the Headteacher and the Chair" in refused.refused
    # Staff learn it is about the Chair too: the Chair cannot act on it, the Clerk can.
    step = escalation({**at_the_chair, "subject_people": [HEAD, CHAIR]}, profile)
    assert (step.to, step.person.email, step.refused) == ("clerk_to_governors", CLERK, "")
