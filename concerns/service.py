"""The core as one object the action server, the CLI and the tests share.

Built once at start (profile loaded and checked, schema migrated); no Rasa here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from concerns.access import StaffIdentity, is_about
from concerns.answers import NOT_GIVEN
from concerns.calendar import SchoolCalendar, current_time
from concerns.enquiries import EnquiryAnswer, answer_enquiry
from concerns.evidence_store import EvidenceStore
from concerns.notifier import Mailer, compose_emails, deliver_due
from concerns.people import keys_of_people_named, named_in
from concerns.profile import SchoolProfile, load_profile
from concerns.settings import Settings
from concerns.store import CaseStore, NewCase
from concerns.thanks import thanked, thanks_emails
from concerns.triage import (TOP_OF_THE_PROCEDURE, Triage, assignee_email, recipients, stage_at_filing,
                             staff_allegation, triage)

REFERENCE_PATTERN = re.compile(r"\b([A-Za-z]{2,5})-(\d{4})-(\d{4,})\b")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s()\-]{10,16}$")

MAX_NAME = 60
MAX_ACCOUNT = 5000


@dataclass
class Intake:
    """What one conversation has gathered for a case."""

    matter: str
    channel: str
    sender_id: str
    opening_text: str = ""
    subject_name: str | None = None
    child_name: str | None = None
    child_class: str | None = None
    parent_name: str | None = None
    contact: str | None = None
    account: str | None = None
    # The parent's answers may speak of a child at risk, not plainly enough to alert: the
    # safeguarding lead is copied, unless the case is about them.
    risk_signal: bool = False
    attachments: list[dict[str, str]] | None = None
    transcript: list[dict[str, str]] | None = None
    # Names this intake, the same on every try at filing it (see CaseStore.file_case).
    intake_key: str | None = None


class Core:
    def __init__(self, settings: Settings, profile: SchoolProfile | None = None, migrate: bool = True):
        self.settings = settings
        self.profile = profile or load_profile(settings.school_profile)
        self.calendar = SchoolCalendar(self.profile)
        self.store = CaseStore(settings.database_url)
        self.evidence = EvidenceStore(self.store.engine)
        if migrate:
            self.store.migrate()
        host, port = settings.effective_smtp()
        self.mailer = Mailer(host, port, settings.mail_from, settings.smtp_user, settings.smtp_password,
                             security=settings.smtp_security, ca_file=settings.smtp_ca_file)

    def now(self) -> dt.datetime:
        return current_time(self.settings.clock_override, self.calendar.zone)

    def is_open(self) -> bool:
        return self.calendar.is_open(self.now())

    def notices(self) -> list[str]:
        """The notices every conversation shows at its start (a closure in snow)."""
        return [notice["text"] for notice in self.store.active_notices(self.now())]

    def answer_enquiry(self, text: str, topic: str | None = None) -> EnquiryAnswer:
        """An everyday enquiry answered from the profile (and today's notices); never a case."""
        return answer_enquiry(text, self.profile, self.calendar, self.now(), self.notices(), topic)

    def pass_on_thanks(self, text: str) -> list[str]:
        """Queue the thanks for the staff it names (or the office); the names it went to."""
        emails = thanks_emails(text, self.profile, self.calendar.local(self.now()).date())
        for email in emails:
            self.store.queue_mail(email.recipient, email.subject, email.body)
        return [member.name for member in thanked(text, self.profile)] if emails else []

    def note_language(self, case_id: int, language: str) -> None:
        """Tell whoever reads an alert that the parent wrote in another language."""
        from concerns.staff import StaffStore
        StaffStore(self.store).add_note(case_id, "assistant", f"The parent wrote in {language}: the words need "
                                        "translating. Arrange an interpreter to reply.")

    def triage(self, intake: Intake) -> Triage:
        return triage(intake.matter, self.profile, text=intake.opening_text, subject=intake.subject_name or "")

    def subject_people(self, intake: Intake, result: Triage) -> list[str]:
        """Who the case is about, as the profile's people (email addresses), read as routing
        reads it: the people the parent said it is about; for an allegation about staff whose
        subject was not asked yet, the people its words name; for a complaint about the
        Headteacher or a governor routed from its first words, the Headteacher, the Chair and
        the Clerk those words name (all of them, when it names more than one); else for a
        complaint about the Headteacher, the Headteacher. The case is never shown to them
        (concerns/access.py)."""
        if intake.subject_name:
            return keys_of_people_named(intake.subject_name, self.profile)
        if result.matter == "staff_allegation":
            return keys_of_people_named(intake.opening_text or intake.account or "", self.profile)
        if result.category == "complaint" and result.about in ("headteacher", "governor"):
            top = [member.email.lower() for member in named_in(intake.opening_text or "", self.profile)
                   if member.role in TOP_OF_THE_PROCEDURE]
            if top:
                return top
        if result.about == "headteacher":
            return [member.email.lower() for member in self.profile.people("headteacher")]
        return []

    def file(self, intake: Intake) -> dict[str, Any]:
        """Record the case with its emails; try to send them at once (the outbox retries)."""
        intake = _without_the_not_given(intake)
        result = self.triage(intake)
        if not result.files_a_case:
            raise ValueError(f"{intake.matter} is signposted, not filed")
        school_class = self.profile.find_class(intake.child_class or "") if intake.child_class else None
        subjects = self.subject_people(intake, result)
        if intake.risk_signal:
            result = with_the_dsl_copied(result, self.profile, subjects)
        now = self.now()
        today = self.calendar.local(now).date()
        acknowledge_by = self.calendar.school_days_after(today, self.profile.acknowledge_days)
        respond_by = self.calendar.school_days_after(today, self.profile.respond_days)
        new = NewCase(
            channel=intake.channel,
            sender_id=intake.sender_id,
            category=result.category,
            about=result.about,
            routed_to=result.routed_to,
            assignee=assignee_email(result, self.profile, school_class),
            copied_to=list(result.copied_to),
            urgency=result.urgency,
            acknowledge_by=acknowledge_by,
            respond_by=respond_by,
            due_estimated=self.calendar.beyond_calendar(respond_by),
            subject_name=intake.subject_name,
            child_name=intake.child_name,
            child_class=school_class.name if school_class else intake.child_class,
            parent_name=intake.parent_name,
            parent_contact=intake.contact,
            account=intake.account or intake.opening_text,
            attachments=intake.attachments or [],
            transcript=self.store.transcript_with_delivery(intake.sender_id, intake.transcript or []),
            intake_key=intake.intake_key,
            subject_people=subjects,
            complaint_stage=stage_at_filing(result),
        )
        addresses = recipients(result, self.profile, school_class)
        record = self.store.file_case(
            new, self.profile.reference_prefix,
            compose=lambda record: compose_emails(record, addresses, self.profile),
            now=now if not self.settings.clock_override else None,
        )
        # The files the parent sent were kept when they arrived; the case takes them now (again
        # on a second try at filing the same intake, harmlessly).
        self.evidence.give_to_case(record["id"], intake.sender_id, new.attachments)
        return record

    def add_attachments(self, reference: str, sender_id: str, attachments: list[dict[str, Any]], actor: str) -> None:
        """Add files the parent sent after their case was filed; only their own case takes them."""
        record = self.store.get(reference)
        if record is None or record["sender_id"] != sender_id:
            return
        self.store.add_attachments(reference, attachments, actor)
        self.evidence.give_to_case(record["id"], sender_id, attachments)

    def add_follow_up_details(self, reference: str, intake: Intake) -> dict[str, Any] | None:
        """Add what the parent told us after an alert was filed. If who it is about changes
        the route (an allegation about the Headteacher), the case moves and the right
        person is told at once. The people it is about join those it was about already, and it
        never moves to one of them: it stays where it is instead."""
        intake = _without_the_not_given(intake)
        result = self.triage(intake)
        record = self.store.add_details(
            reference, "assistant", subject_people=self.subject_people(intake, result) if intake.subject_name else (),
            subject_name=intake.subject_name, child_name=intake.child_name,
            child_class=intake.child_class, parent_name=intake.parent_name, parent_contact=intake.contact)
        if record is None:
            return None
        about = {member.role for member in self.profile.staff if member.email.lower() in record["subject_people"]}
        if result.matter == "staff_allegation" and about:
            # Routed on everyone it is about now, those named before included: "the head" in the
            # first words and "Mr Hughes" when asked is about both the Headteacher and the Chair.
            result = staff_allegation(about, known=True)
        school_class = self.profile.find_class(intake.child_class or "") if intake.child_class else None
        assignee = assignee_email(result, self.profile, school_class) if result.routed_to else ""
        holder = next((m for m in self.profile.staff if m.email.lower() == assignee.lower()), None)
        moved = {**record, "routed_to": result.routed_to, "about": result.about, "assignee": assignee}
        if result.routed_to and result.routed_to != record["routed_to"] and holder is not None and \
                not is_about(StaffIdentity(holder.email, holder.name, holder.role), moved, self.profile):
            addresses = [a for a in recipients(result, self.profile, school_class)
                         if a.lower() not in record["subject_people"]]
            record = self.store.reroute(
                reference, result.routed_to, result.about, assignee,
                compose=lambda updated: compose_emails(updated, addresses, self.profile), actor="assistant",
                copied_to=result.copied_to)
        self.send_now(record["id"])
        return record

    def send_now(self, case_id: int) -> tuple[int, int]:
        """Try this case's emails straight away; failures stay in the outbox for retry."""
        return deliver_due(self.store, self.mailer, case_id=case_id)

    def case_for_sender(self, reference: str, sender_id: str) -> dict[str, Any] | None:
        """A case, only if this conversation filed it: a reference alone reveals nothing."""
        record = self.store.get(reference)
        if record is None or record["sender_id"] != sender_id:
            return None
        return record


def with_the_dsl_copied(result: Triage, profile: SchoolProfile, subjects: list[str]) -> Triage:
    """The triage with the safeguarding lead copied, unless the lead is one of the people the
    case is about (then the deputy, unless they are too; else nobody more)."""
    if result.category == "safeguarding" or "dsl" in result.copied_to:
        return result
    for role in ("dsl", "deputy_dsl"):
        people = profile.people(role)
        if people and not any(member.email.lower() in subjects for member in people):
            return replace(result, copied_to=result.copied_to + (role,))
    return result


def _without_the_not_given(intake: Intake) -> Intake:
    """A detail the parent chose not to give (or did not know) is recorded as nothing."""
    return replace(intake, **{name: None for name in ("subject_name", "child_name", "child_class", "parent_name",
                                                      "contact") if getattr(intake, name) == NOT_GIVEN})


# -- checking what a parent typed ---------------------------------------------------------
def clean_name(text: str) -> str | None:
    """A first name or full name as typed, tidied; None if it can't be a name."""
    text = " ".join((text or "").replace("\x00", "").split())
    text = re.sub(r"^(it'?s|its|my name is|i'?m|im|name is|this is|he'?s|she'?s|they'?re|called)\s+", "",
                  text, flags=re.IGNORECASE)
    text = text.strip(" .!,")
    if not text or len(text) > MAX_NAME or not re.search(r"[^\W\d_]", text) or re.search(r"[<>{}@/\\]|\d", text):
        return None
    return text


def clean_contact(text: str) -> str | None:
    """An email address or a UK phone number from what was typed, or None."""
    text = " ".join((text or "").split()).strip(" .")
    for token in re.split(r"[\s,;]+", text):
        if _EMAIL.match(token):
            return token
    digits = re.sub(r"(?i)^(my number is|number is|it'?s|call me on|ring me on)\s*", "", text)
    if _PHONE.match(digits) and 10 <= len(re.sub(r"\D", "", digits)) <= 13:
        return digits
    return None


def clean_account(text: str) -> str | None:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        return None
    return text[:MAX_ACCOUNT]


def find_reference(text: str) -> str | None:
    match = REFERENCE_PATTERN.search(text or "")
    return match.group(0).upper() if match else None


@lru_cache(maxsize=1)
def default_core() -> Core:
    """The process's one Core, built on first use (never at import time)."""
    return Core(Settings())
