"""The child's first name and class when a parent's first message gives them ("I'm Stacey,
mum to Logan who's in Year 4", "my daughter Keira is in yr 6"), so the assistant does not ask
again and the case keeps them even when its matter would not have asked.

Only the parent's own child is read: "bullied by a year 6 boy" names another child's year,
and a name must be written with a capital letter, as a name is, after words that say whose
child it is."""
from __future__ import annotations

import re
from dataclasses import dataclass

from concerns.normalise import normalise
from concerns.profile import SchoolProfile

_WHOSE = (r"(?:my|our) (?:little |eldest |youngest |middle |step ?|oldest )?(?:son|daughter|boy|girl|lad|"
          r"child|kid|one|grandson|granddaughter|stepson|stepdaughter)|(?:my|our) (?:eldest|youngest|oldest)|"
          r"(?:mum|mam|mom|mummy|dad|daddy|mother|father|parent|nan|nana|gran|grandma|grandad|carer) (?:to|of)")
# A capitalised name after words that say it is their child: "my son Logan", "mum to Amelia-Rose".
_CHILD_NAME = re.compile(rf"\b(?i:{_WHOSE}),? ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_NOT_A_NAME = {"Is", "Has", "Was", "In", "And", "But", "Who", "Whos", "Year", "Yr", "Reception", "Nursery", "He",
               "She", "Has", "Had", "Came", "Comes", "Keeps", "Says", "Said", "Told", "Got", "Gets", "Goes", "Went",
               "Started", "Just", "Only", "Always", "Never", "Hasn", "Isn", "Doesn", "Didn", "The", "A", "At",
               "Mr", "Mrs", "Miss", "Ms"}
# "... Logan who's in Year 4", "my daughter is in reception", "Keira, in yr 6": the class of
# the child just named, a few words on at most.
_CLASS_AFTER = r"[^.!?]{0,30}?\b(?:is|who'?s|whos|who is|,)? ?in (year ?\w+|yr ?\w+|y\d|reception|nursery)\b"


@dataclass(frozen=True)
class ChildInWords:
    name: str | None = None
    school_class: str | None = None  # the profile's name for it ("Year 4")


def child_in_opening(text: str, profile: SchoolProfile) -> ChildInWords:
    """The parent's own child's first name and class, where their first message says them."""
    plain = normalise(text or "")
    found = _CHILD_NAME.search(plain)
    name = found.group(1) if found and found.group(1) not in _NOT_A_NAME else None
    anchors = [re.escape(name)] if name else []
    anchors.append(rf"(?i:{_WHOSE})")
    school_class = None
    for anchor in anchors:
        where = re.search(rf"\b{anchor}\b{_CLASS_AFTER}", plain, re.IGNORECASE)
        if where:
            match = profile.find_class(where.group(1))
            if match is not None:
                school_class = match.name
                break
    return ChildInWords(name, school_class)
