"""Moving a complaint to stage 2 of the procedure, as staff do from the console.

Stage 2 is a panel of governors who have not been involved before, arranged by the Clerk to the
Governors; a complaint about the Clerk is arranged by the Chair of Governors instead. So a
complaint at stage 1 with the Headteacher, or with the Chair (about the Headteacher), goes to the
Clerk; one the Clerk already holds at stage 1 (about a governor) stays with the Clerk, now at
stage 2; one about the Clerk stays with the Chair. Never to someone it is about, nor to someone
who could not read it then (concerns/access.py). The move is kept on the case (its stage, audited)
and its due dates count from the move, so the parent and staff are told stage 2 with the profile's
time limit. Every other case moves on as concerns/escalation.py says.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from concerns.access import StaffIdentity, can_view, is_about
from concerns.calendar import SchoolCalendar
from concerns.escalation import Escalation, escalation
from concerns.notifier import compose_emails
from concerns.profile import SchoolProfile, StaffMember
from concerns.store import CaseStore
from concerns.triage import STAGE_1, STAGE_2
from concerns.wording import ROLE_TITLES, complaint_stage

# Who holds a complaint at stage 1: from them, the next step is the panel (stage 2).
STAGE_1_HOLDERS = ("headteacher", "chair_of_governors", "clerk_to_governors")
# Who arranges a stage 2 panel, in order: the Clerk, or the Chair when it is about the Clerk.
PANEL_ARRANGERS = ("clerk_to_governors", "chair_of_governors")

LAST_STAGE = ("This complaint is at stage 2, the last stage of the school's procedure. After it, the parent can ask "
              "the Department for Education to check the procedure (and Ofsted, for the Nursery Unit's early "
              "years rules).")


@dataclass(frozen=True)
class StageStep:
    """Moving a complaint to `stage` with `person` (holding role `to`), or `refused` saying why not."""

    to: str | None = None
    person: StaffMember | None = None
    refused: str = ""
    stage: str | None = None

    @property
    def label(self) -> str:
        """What the console's button says."""
        return f"Move to stage 2 (a panel, arranged by {ROLE_TITLES.get(self.to, self.to)})"


def next_step(case: Mapping[str, Any], profile: SchoolProfile) -> Escalation | StageStep:
    """Where this case goes next from the console: a complaint at stage 1 with the Headteacher, the
    Chair or the Clerk to stage 2; one at stage 2 nowhere (the last stage); any other case as
    escalation() says."""
    stage = complaint_stage(dict(case))
    if stage == STAGE_2:
        return StageStep(refused=LAST_STAGE)
    if stage != STAGE_1 or case.get("routed_to") not in STAGE_1_HOLDERS:
        return escalation(case, profile)
    for role in PANEL_ARRANGERS:
        person = profile.person(role)
        holder = StaffIdentity(person.email, person.name, person.role)
        moved = {**case, "routed_to": role, "assignee": person.email, "complaint_stage": STAGE_2}
        if not is_about(holder, moved, profile) and can_view(holder, moved, profile):
            return StageStep(to=role, person=person, stage=STAGE_2)
    return StageStep(refused=(
        "This complaint is about both the Clerk to the Governors and the Chair of Governors, so neither can arrange "
        "its stage 2 panel. Reassign it to a governor who has not been involved."))


def move_to_stage_2(store: CaseStore, case: Mapping[str, Any], step: StageStep, profile: SchoolProfile,
                    calendar: SchoolCalendar, now: dt.datetime, actor: str) -> dict[str, Any] | None:
    """Move the complaint to stage 2 as `step` says: with the panel's arranger, waiting to be read
    (status new), its due dates counted in school days from today, and an email to the arranger
    if they were not told of it before."""
    today = calendar.local(now).date()
    acknowledge_by = calendar.school_days_after(today, profile.acknowledge_days)
    respond_by = calendar.school_days_after(today, profile.respond_days)
    return store.move_to_stage(
        case["reference"], STAGE_2, step.to, step.person.email, acknowledge_by, respond_by,
        calendar.beyond_calendar(respond_by),
        compose=lambda updated: compose_emails(updated, [step.person.email], profile), actor=actor)
