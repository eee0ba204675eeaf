"""Escalating a case to the next stage of the procedure, as staff do from the console.

The next stage is a role (the class teacher's and the office's cases go to the Headteacher, the
Headteacher's to the Clerk, who convenes a panel). A case goes there only if the person holding
that role is someone it is not about and may read it once it is theirs (concerns/access.py):
escalating a complaint about the Headteacher to the Headteacher, or an allegation about staff to
the Clerk, is refused with the reason. The Clerk holds an allegation only when it is about both
the Headteacher and the Chair of Governors, the two who would otherwise manage it: then it goes
to the Clerk, by routing (concerns/triage.py) or by escalation from the Chair.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from concerns.access import StaffIdentity, can_view, is_about
from concerns.profile import SchoolProfile, StaffMember
from concerns.wording import ROLE_TITLES

# Where each role's cases go next.
NEXT_STAGE = {"class_teacher": "headteacher", "office": "headteacher", "dsl": "headteacher",
              "headteacher": "clerk_to_governors", "chair_of_governors": "clerk_to_governors"}


@dataclass(frozen=True)
class Escalation:
    """Where a case would go next: `to` (the role) and `person`, or `refused` saying why not."""

    to: str | None = None
    person: StaffMember | None = None
    refused: str = ""


def escalation(case: Mapping[str, Any], profile: SchoolProfile) -> Escalation:
    """The next stage for this case, or why it cannot go there. What staff read in `refused`."""
    stage = NEXT_STAGE.get(case.get("routed_to") or "")
    if stage is None:
        return Escalation(refused="This case is already at the last stage of the procedure.")
    person = profile.person(stage)
    title = ROLE_TITLES.get(stage, stage)
    holder = StaffIdentity(person.email, person.name, person.role)
    moved = {**case, "routed_to": stage, "assignee": person.email}
    if is_about(holder, moved, profile):
        return Escalation(refused=(
            f"This case is about {person.name}, so it cannot be escalated to {title}. "
            "It stays where it is: reassign it to someone it is not about if it needs to move."))
    if case.get("category") == "safeguarding" and stage == "clerk_to_governors" and \
            not about_the_headteacher_and_the_chair(case, profile):
        return Escalation(refused=(
            f"{title[0].upper()}{title[1:]} ({person.name}) takes an allegation about staff only when it is about "
            "both the Headteacher and the Chair of Governors, so it cannot be escalated to them."))
    if not can_view(holder, moved, profile):
        return Escalation(refused=(
            f"{title[0].upper()}{title[1:]} ({person.name}) may not see this kind of case, so it cannot be "
            "escalated to them."))
    return Escalation(to=stage, person=person)


def about_the_headteacher_and_the_chair(case: Mapping[str, Any], profile: SchoolProfile) -> bool:
    """Is this case about the Headteacher and about the Chair of Governors, as they are now? Read
    from who it is about, not from where it was routed (a case at the Chair is taken to concern
    the Headteacher, which would make any case the Chair holds look like one about both)."""
    unrouted = {**case, "routed_to": None}
    return all(any(is_about(StaffIdentity(m.email, m.name, m.role), unrouted, profile) for m in profile.people(role))
               for role in ("headteacher", "chair_of_governors"))
