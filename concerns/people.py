"""Who a parent's words name: people from the school profile, not surnames in free text.

Parents write "Mrs Carter", "Helen", "Mrs C", "the head", "the deputy head", "the safeguarding
lead", "the clerk", "mr hughes the chair". Each is matched to the staff member in the profile it
means, so routing (concerns/triage.py) and "never shown to the person it is about"
(concerns/access.py) rest on the same answer. Matching reads the normalised text
(concerns/normalise.py): curly apostrophes, accents and zero-width characters from a phone
read the same as plain typing.

A surname alone counts only when it cannot be an everyday word: "Mr Bell" and "Bell" after a
title name the teacher, but "the bell went" names nobody. Surnames of the people a complaint
most often escalates to (the Headteacher, the Chair, the Clerk) count alone, as before.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from concerns.normalise import normalise
from concerns.profile import SchoolProfile, StaffMember

TITLES = ("mr", "mrs", "miss", "ms", "mx", "dr", "sir")
# What parents call each role that only one person holds.
ROLE_WORDS = {
    "headteacher": r"(?<!deputy )(?<!assistant )(?<!deputy)\b(head ?teacher|head ?mistress|head ?master|"
                   r"(?<!on )(?<!in )(?<!round )(?<!his )(?<!her )(?<!to )the head(?! (of|lice|injury|wound))|"
                   r"^(the )?head$|head of school|the principal)\b",
    # "The deputy DSL" and "the deputy safeguarding lead" are the deputy, never the DSL too.
    "dsl": r"\b((?<!deputy )designated safeguarding lead|(?<!deputy )(?<!designated )safeguarding lead|"
           r"(?<!deputy )dsl)\b(?! deputy)",
    "deputy_dsl": r"\bdeputy (dsl|designated safeguarding lead|safeguarding lead)\b",
    "chair_of_governors": r"\b(chair of( the)? governors|chair of the governing (body|board)|the chair(?!s)|"
                          r"chairman|chairwoman|chairperson)\b",
    "clerk_to_governors": r"\b(clerk to( the)? governors|clerk of( the)? governors|the clerk|governors'? clerk)\b",
    "office": r"\b(school business manager|business manager|office manager)\b",
}
# Jobs parents name that are a title in the profile, not a role: whoever's title says so ("the
# deputy head" is the DSL at a school whose DSL is titled Deputy Headteacher, and nobody where no
# one is). Read from the profile so another school's titles route as its own staff are.
TITLE_WORDS = {
    "deputy head": r"\bdeputy head ?(teacher|mistress|master)?\b",
    "assistant head": r"\bassistant head ?(teacher|mistress|master)?\b",
    "senco": r"\b(senco|sendco|special (educational )?needs co-?ordinator)\b",
}
# Surnames that count alone: the people at the top of the complaints procedure.
SURNAME_ALONE_ROLES = ("headteacher", "chair_of_governors", "clerk_to_governors", "dsl")
_COMPILED = {role: re.compile(pattern, re.IGNORECASE) for role, pattern in ROLE_WORDS.items()}
_COMPILED_TITLES = {title: re.compile(pattern, re.IGNORECASE) for title, pattern in TITLE_WORDS.items()}


def _plain(text: str) -> str:
    """Lowercase, normalised, accents taken off (Siobhán = Siobhan)."""
    text = unicodedata.normalize("NFKD", normalise(text or "").lower())
    return "".join(char for char in text if not unicodedata.combining(char))


def _names(member: StaffMember) -> tuple[str, str, str | None]:
    parts = [p for p in _plain(member.name).replace(".", "").split()]
    title = parts[0] if parts and parts[0] in TITLES else None
    rest = parts[1:] if title else parts
    first = rest[0] if len(rest) > 1 else ""
    return first, rest[-1] if rest else "", title


@dataclass(frozen=True)
class _NamePatterns:
    """How one member of staff can be named, compiled once per staff list."""

    member: StaffMember
    by_title: re.Pattern            # "Mrs Carter"
    by_initial: re.Pattern | None   # "Mrs C"
    others: tuple[re.Pattern, ...]  # "Helen Carter", "Helen" (if unique), "Carter" (top roles)
    initial_is_unique: bool


@lru_cache(maxsize=8)
def _patterns(staff: tuple[StaffMember, ...]) -> tuple[_NamePatterns, ...]:
    titles = "|".join(TITLES)
    names = {member: _names(member) for member in staff}
    found = []
    for member in staff:
        first, surname, title = names[member]
        if not surname:
            continue
        others = []
        if first:
            others.append(rf"\b{re.escape(first)} {re.escape(surname)}\b")
            if len(first) >= 4 and sum(1 for n in names.values() if n[0] == first) == 1:
                others.append(rf"\b{re.escape(first)}\b")
        if member.role in SURNAME_ALONE_ROLES:
            others.append(rf"\b{re.escape(surname)}\b")
        found.append(_NamePatterns(
            member, re.compile(rf"\b({titles})\.? {re.escape(surname)}\b"),
            re.compile(rf"\b{title}\.? {re.escape(surname[0])}\b(?!\w)") if title else None,
            tuple(re.compile(pattern) for pattern in others),
            sum(1 for n in names.values() if n[2] == title and n[1][:1] == surname[:1]) == 1))
    return tuple(found)


def named_in(text: str, profile: SchoolProfile) -> list[StaffMember]:
    """The staff members these words name, by role, by the job their profile title gives ("the
    deputy head", "the SENCO"), full name, title and surname, title and initial ("Mrs C"), first
    name, or (for the top of the procedure) surname alone."""
    plain = _plain(text)
    if not plain:
        return []
    found: list[StaffMember] = []
    for role, pattern in _COMPILED.items():
        if pattern.search(plain):
            found += [m for m in profile.people(role) if m not in found]
    for title, pattern in _COMPILED_TITLES.items():
        if pattern.search(plain):
            found += [m for m in profile.staff_titled(title) if m not in found]
    for name in _patterns(tuple(profile.staff)):
        if name.member in found:
            continue
        by_title = bool(name.by_title.search(plain))
        by_initial = bool(name.by_initial and name.by_initial.search(plain))
        if not (by_title or by_initial or any(p.search(plain) for p in name.others)):
            continue
        # "Mrs C" is only a name when one member of staff has that title and initial.
        if by_initial and not by_title and not name.initial_is_unique:
            continue
        found.append(name.member)
    return found


def roles_named(text: str, profile: SchoolProfile) -> set[str]:
    return {member.role for member in named_in(text, profile)}


def keys_of_people_named(text: str, profile: SchoolProfile) -> list[str]:
    """The stable keys (email addresses, lowercased) of the staff these words name: what a case
    keeps as its subject, so it stays hidden from them whatever their role becomes."""
    return [member.email.lower() for member in named_in(text, profile)]
