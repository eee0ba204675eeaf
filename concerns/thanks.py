"""Thanks and compliments, passed to the member of staff they are for: a short email with no
case, and nothing about the child beyond a first name the parent gave."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from concerns.people import named_in
from concerns.profile import SchoolProfile, StaffMember

MAX_WORDS_KEPT = 1000
# More people than this named at once ("all the teachers") is thanks for the school.
MOST_NAMED = 3
_EMAIL = re.compile(r"\b[^@\s]+@[^@\s]+\.[^@\s]+\b")
_PHONE = re.compile(r"\+?\d[\d\s()\-]{8,}\d")
_TITLES = ("mr", "mrs", "miss", "ms", "mx", "dr", "sir")
_TWO_NAMES = re.compile(r"\b([A-Z][a-z'’\-]+) ([A-Z][a-z'’\-]+)\b")


@dataclass(frozen=True)
class ThanksEmail:
    recipient: str
    subject: str
    body: str


def thanked(text: str, profile: SchoolProfile) -> list[StaffMember]:
    """Who the thanks is for: the staff named, unless so many are named it is for everyone."""
    named = named_in(text, profile)
    return named if 0 < len(named) <= MOST_NAMED else []


def without_details(text: str, profile: SchoolProfile) -> str:
    """The parent's words with emails, phone numbers, classes and surnames (other than staff's)
    taken out, so the thanks carries no more about the child than a first name."""
    words = _EMAIL.sub("[email taken out]", text.strip())[:MAX_WORDS_KEPT]
    words = _PHONE.sub("[number taken out]", words)
    for school_class in profile.classes:
        for name in sorted((school_class.name.lower(),) + school_class.aliases, key=len, reverse=True):
            if len(name) > 2:
                words = re.sub(rf"(?i)(?<!\w){re.escape(name)}(?!\w)", "their class", words)
    staff_words = {part.lower() for member in profile.staff for part in member.name.split()}

    def first_name_only(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        if first.lower() in _TITLES or second.lower() in staff_words:
            return match.group(0)
        return first

    return _TWO_NAMES.sub(first_name_only, words)


def thanks_emails(text: str, profile: SchoolProfile, today: dt.date) -> list[ThanksEmail]:
    """The emails that pass these thanks on: to each member of staff named, or to the office
    to share when nobody is. None when the profile does not allow passing thanks on."""
    if not profile.pass_on_thanks:
        return []
    named = thanked(text, profile)
    words = without_details(text, profile)
    emails = []
    for member in named or [profile.person("office")]:
        for_whom = "you" if named else "the staff"
        body = (f"Dear {member.name},\n\n"
                f"A parent or carer sent a thank-you for {for_whom} through the {profile.short_name} chat "
                f"on {today:%A} {today.day} {today:%B %Y}:\n\n"
                f"    {words}\n\n"
                f"There is no case and nothing to do. Names of children beyond a first name, classes, "
                f"emails and phone numbers are taken out. The assistant keeps this email for "
                f"{profile.retention.conversations} after sending it, then deletes it.\n")
        emails.append(ThanksEmail(member.email, f"A thank-you from a parent ({profile.short_name})", body))
    return emails
