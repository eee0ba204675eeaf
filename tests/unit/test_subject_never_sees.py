"""For every role and every subject: no case reaches the person it is about (concerns/access.py
with concerns/people.py). Every console and API route reads a case through `can_view`, and a
conversation through `visible_lines` with `can_view` for each part, so this holds for all of them.

Rows include subjects whose own role would otherwise see the case: an allegation about the
DSL by surname, one about "the safeguarding lead" with no name, a complaint about the
Headteacher by first name, a complaint about the Clerk by role."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from concerns.access import StaffIdentity, can_view
from concerns.people import named_in
from concerns.profile import load_profile
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


def case_for(matter: str, subject: str) -> dict:
    result = triage(matter, PROFILE, text="", subject=subject)
    return {"category": result.category, "about": result.about, "routed_to": result.routed_to,
            "copied_to": list(result.copied_to), "subject_name": subject,
            "assignee": assignee_email(result, PROFILE, PROFILE.classes[2])}


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
