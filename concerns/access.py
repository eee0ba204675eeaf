"""Who may see which case (DESIGN.md), as one function the console and the API share.

- A case about a person is never shown to that person.
- Safeguarding cases: only the DSL, the deputies and the Headteacher (the Chair of
  Governors instead of the Headteacher when the Headteacher is the subject; the Clerk to the
  Governors instead when both the Headteacher and the Chair are).
- Class teachers see their own classes' concerns and bullying reports.
- The office sees hand-offs.
- Otherwise: the person a case is assigned to, and the roles it is routed or copied to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from concerns.people import keys_of_people_named
from concerns.profile import SchoolProfile


@dataclass(frozen=True)
class StaffIdentity:
    email: str
    name: str
    role: str


def is_about(member: StaffIdentity, case: Mapping[str, Any], profile: SchoolProfile | None = None) -> bool:
    """Is this case about this member of staff (by person, role or name)?

    A case keeps who it is about as the profile's people (`subject_people`, their email
    addresses) from when the subject became known: "the safeguarding lead" stays the person who
    was the lead then, even after the profile gives them another role. Older cases, and subjects
    that named nobody in the profile, are matched on their words against the profile as it is
    (concerns/people.py): "the safeguarding lead", "Helen", "Mrs C", "the deputy head"."""
    subject = case.get("subject_name") or ""
    stored = {key.lower() for key in case.get("subject_people") or ()}
    if member.email.lower() in stored:
        return True
    if not stored and profile is not None and member.email.lower() in keys_of_people_named(subject, profile):
        return True
    if member.role == "headteacher" and (case.get("about") == "headteacher"
                                         or case.get("routed_to") == "chair_of_governors"):
        return True  # routed past the Headteacher because it concerns them
    if member.role in ("headteacher", "chair_of_governors") and case.get("category") == "safeguarding" and \
            case.get("routed_to") == "clerk_to_governors":
        return True  # an allegation routed past both of them because it concerns both
    if member.role == "chair_of_governors" and case.get("about") == "governor" and \
            re.search(r"\bchair\b", subject, re.IGNORECASE):
        return True
    return _mentions(subject, member)


def _mentions(subject: str, member: StaffIdentity) -> bool:
    if not subject:
        return False
    parts = [p for p in re.split(r"\s+", member.name.lower()) if p not in ("mr", "mrs", "miss", "ms", "dr")]
    surname = parts[-1] if parts else ""
    return bool(surname) and re.search(rf"\b{re.escape(surname)}\b", subject.lower()) is not None


def can_view(member: StaffIdentity, case: Mapping[str, Any], profile: SchoolProfile | None = None) -> bool:
    if is_about(member, case, profile):
        return False
    category, routed_to = case.get("category"), case.get("routed_to")
    copied = case.get("copied_to") or []
    if category == "safeguarding":
        if routed_to == "clerk_to_governors":
            return member.role in ("dsl", "deputy_dsl", "clerk_to_governors")
        if routed_to == "chair_of_governors":
            return member.role in ("dsl", "deputy_dsl", "chair_of_governors")
        return member.role in ("dsl", "deputy_dsl", "headteacher")
    if member.role == "headteacher":
        return routed_to not in ("chair_of_governors", "clerk_to_governors")
    if member.role == "class_teacher":
        return category in ("concern", "bullying") and case.get("assignee", "").lower() == member.email.lower()
    if member.role == "office" and category == "handoff":
        return True
    return (case.get("assignee", "").lower() == member.email.lower() or member.role == routed_to
            or member.role in copied)

