"""For every role and every subject: no case reaches the person it is about (concerns/access.py
with concerns/people.py). Every console and API route reads a case through `can_view`, and a
conversation through `visible_lines` with `can_view` for each part, so this holds for all of them.

Rows include subjects whose own role would otherwise see the case: an allegation about the
DSL by surname, one about "the safeguarding lead" with no name, a complaint about the
Headteacher by first name, a complaint about the Clerk by role.

A case keeps its subject as the profile's people when it is filed (`subject_people`): it stays
hidden from them whatever role the profile gives them later, on every route modelled here (the
case page and API, the conversation view, the hand-off list) and escalation never sends it to
them."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from concerns.access import StaffIdentity, can_view
from concerns.escalation import escalation
from concerns.people import keys_of_people_named, named_in
from concerns.profile import load_profile
from concerns.transcript import Line, visible_lines
from concerns.triage import MATTERS, assignee_email, triage
from tests.conftest import PROFILE_PATH

PROFILE = load_profile(PROFILE_PATH)
STAFF = list(PROFILE.staff)
ROLE_NAMES = {"headteacher": ["the head", "the headteacher", "Helen", "Mrs C", "helen carter"],
              "dsl": ["the safeguarding lead", "the deputy head", "Mrs Whitfield", "the DSL"],
              "deputy_dsl": ["the SENCO", "Mr Patel"],
              "chair_of_governors": ["the chair of governors", "Mr Hughes"],
              "clerk_to_governors": ["the clerk", "Mrs Lowther"],
              "office": ["Mrs Barker", "the business manager"]}


def ways_to_name(member) -> list[str]:
    title, *rest = member.name.split()
    names = [member.name, f"{title} {rest[-1]}", f"{title.lower()} {rest[-1].lower()}", f"{title} {rest[-1]}’s"]
    return names + ROLE_NAMES.get(member.role, [])


SUBJECTS = [(member, words) for member in STAFF for words in ways_to_name(member)]
FILED = [m for m in MATTERS if m not in ("signpost",)]


def case_for(matter: str, subject: str, stored: bool = False) -> dict:
    """The case filed for this matter and subject; `stored`: with its subject kept as the
    profile's people, as filing does now (older cases have only the words)."""
    result = triage(matter, PROFILE, text="", subject=subject)
    return {"reference": "OC-2026-0001", "category": result.category, "about": result.about,
            "routed_to": result.routed_to, "copied_to": list(result.copied_to), "subject_name": subject,
            "subject_people": keys_of_people_named(subject, PROFILE) if stored else [],
            "assignee": assignee_email(result, PROFILE, PROFILE.classes[2])}


def with_role(profile, member, role: str):
    """The profile after `member` takes `role`, swapping with its first holder (so every role
    a case can be routed to is still held)."""
    holder = next((m for m in profile.staff if m.role == role), None)
    swapped = {member.email: role, **({holder.email: member.role} if holder and holder != member else {})}
    return dataclasses.replace(profile, staff=tuple(
        dataclasses.replace(m, role=swapped.get(m.email, m.role)) for m in profile.staff))


def routes_that_show(me: StaffIdentity, case: dict, profile) -> list[str]:
    """The routes on which this staff member would read the case: the case page, the inbox and
    the API (can_view); the conversation view and messages.json (visible_lines); the hand-off
    list (any case of the conversation they may see)."""
    shown = []
    if can_view(me, case, profile):
        shown.append("case page and API")
    lines = [Line("parent", "the account", "", 1, reference=case["reference"])]
    if visible_lines(lines, lambda reference: reference == case["reference"] and can_view(me, case, profile), False):
        shown.append("conversation view and messages.json")
    if any(can_view(me, c, profile) for c in [case]):
        shown.append("/handoffs.json")
    return shown


def test_every_way_of_naming_a_member_of_staff_names_them():
    for member, words in SUBJECTS:
        assert member in named_in(words, PROFILE), (member.name, words)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SUBJECTS), st.sampled_from(FILED))
def test_no_case_reaches_the_person_it_is_about(subject, matter):
    member, words = subject
    case = case_for(matter, words)
    me = StaffIdentity(member.email, member.name, member.role)
    assert not can_view(me, case, PROFILE), (member.name, words, case)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SUBJECTS), st.sampled_from(["complain_staff", "staff_allegation"]))
def test_the_person_a_case_is_assigned_to_can_always_read_it(subject, matter):
    """Routing and access agree: never a case nobody it is sent to may read."""
    _, words = subject
    case = case_for(matter, words)
    holder = next(m for m in STAFF if m.email == case["assignee"])
    if holder.email not in [m.email for m in named_in(words, PROFILE)]:
        assert can_view(StaffIdentity(holder.email, holder.name, holder.role), case, PROFILE), (words, case)


ROLES = sorted({member.role for member in STAFF})


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SUBJECTS), st.sampled_from(FILED), st.sampled_from(ROLES))
def test_a_stored_subject_never_sees_the_case_whatever_their_role_becomes(subject, matter, role):
    member, words = subject
    case = case_for(matter, words, stored=True)
    later = with_role(PROFILE, member, role)
    me = StaffIdentity(member.email, member.name, role)
    assert routes_that_show(me, case, later) == [], (member.name, words, role, case)
    step = escalation(case, later)
    assert step.person is None or step.person.email.lower() not in case["subject_people"], (words, case, step)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SUBJECTS), st.sampled_from(FILED))
def test_escalation_goes_only_to_someone_who_may_then_read_the_case(subject, matter):
    """Never to the person it is about, never to someone it would then be hidden from."""
    _, words = subject
    case = case_for(matter, words, stored=True)
    step = escalation(case, PROFILE)
    if step.person is None:
        assert step.refused
        return
    moved = {**case, "routed_to": step.to, "assignee": step.person.email}
    assert step.person.email.lower() not in case["subject_people"]
    assert can_view(StaffIdentity(step.person.email, step.person.name, step.person.role), moved, PROFILE), \
        (words, case)


TOP = [(member, words) for member, words in SUBJECTS
       if member.role in ("headteacher", "chair_of_governors", "clerk_to_governors", "dsl")]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TOP), st.sampled_from(TOP),
       st.sampled_from(["complain_staff", "complain_governor", "staff_allegation"]))
def test_a_case_about_two_people_reaches_someone_who_is_neither_and_may_read_it(first, second, matter):
    """Two people named at once (the Headteacher and the Chair, say): never a case sent to one
    of them, nor one its holder may not read."""
    (one, one_words), (other, other_words) = first, second
    case = case_for(matter, f"{one_words} and {other_words}", stored=True)
    holder = next(m for m in STAFF if m.email == case["assignee"])
    assert holder.email.lower() not in case["subject_people"], case
    assert can_view(StaffIdentity(holder.email, holder.name, holder.role), case, PROFILE), case
    for member in (one, other):
        assert not can_view(StaffIdentity(member.email, member.name, member.role), case, PROFILE), (member, case)
