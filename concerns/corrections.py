"""Details a parent puts right in passing, in the answer to another question or at the summary.

Parents correct themselves the way they talk: "Holly Tate. Sorry I meant Mrs Wood not Mrs
Ward", "07700 900619. Oh and put Jo not Joanne", "oh I said nursery before but he's in
reception now", "its Kaiden with an i, not Kayden", "typo in my email, its sam@example.com",
"the end is 418 not 481". Each is read here as a change to a detail already given, and the
rest of the reply (the answer to the question asked, if any) is kept apart from it, so neither
is lost and the correction is never stored as a name or an account.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from concerns.answers import NOT_GIVEN, NOT_NAME_WORDS
from concerns.normalise import normalise

# The details that can be put right, as the case form names them.
NAMED_DETAILS = ("child_name", "parent_name", "subject_name")
_TITLE = r"(?:mrs?|miss|ms|mx|dr)\.?"
_WORD = r"[^\W_][\w'-]*"
# "X not Y", "X, not Y", "X instead of Y", "X with an i, not Y", "I meant Mrs X not Mrs Y".
_X_NOT_Y = re.compile(
    rf"(?:^|[\s,])((?:{_TITLE}\s+)?{_WORD})(?:,?\s+(?:with|wi|wiv|spelt with|spelled with) an? \w+"
    rf"(?:(?:,| and|, and) an? \w+)*)?,?\s+"
    rf"(?:not|instead of|rather than)\s+((?:{_TITLE}\s+)?{_WORD})", re.IGNORECASE)
# "not Y, it's X", "not Y but X", "not Y I meant X", "it wasn't Y it was X", "I put Y, I meant X".
_NOT_Y_X = re.compile(
    rf"\b(?:not|wasn'?t|isn'?t|(?:i )?(?:put|said|wrote|typed))\s+((?:{_TITLE}\s+)?{_WORD}),?\s+"
    rf"(?:it'?s|its|it is|it was|but|i meant|i mean|meant|should be|it should be|should have been)\s+"
    # "it wasn't Mrs Carter, it was the deputy, Mrs Whitfield": the role before the name is passed over
    rf"(?:the (?:deputy|deputy head|head|headteacher|teacher|ta|senco|chair|clerk|office lady|receptionist)\w*,?\s+)?"
    rf"((?:{_TITLE}\s+)?{_WORD})", re.IGNORECASE)
# Words that show a clause is putting something right rather than answering or telling ("he hit
# Jack not Sam" in an account is what happened; "sorry, it's Jack not Sam" puts a name right).
_CUE = re.compile(
    r"\b(sorry|soz|meant|i mean|typo|typed|spelt|spelled|spelling|misspel\w*|wrong|mistake|actually|oops|"
    r"should (be|say|have said|read)|i said|i put|put|it'?s|its|it is|with an? \w|nearly|correction|instead|"
    r"moved up|not (in )?(year|yr|reception|nursery)|mixed up|got (that|it|them) wrong|by mistake|my bad|"
    r"^(oh |no |naw |nah |ah |och )?(wait|hang on))\b", re.IGNORECASE)
# A clause that says which class the child is in ("Maisie is year 2!", "so year 5", "she's in the
# nursery unit"): read as a class put right when the clause before or after it says so.
_CLASS_STATED = re.compile(
    r"\b(he'?s|she'?s|hes|shes|he is|she is|they'?re|is|are|it'?s|its)\s+(still\s+)?(in\s+)?(the\s+)?"
    r"(year|yr|y|reception|nursery|class)\b|^(so |oh |no |it'?s |its |sorry )?(year|yr|y)\s*\d+\W*$|"
    r"\b(with|has got|has|got)\s+(mr|mrs|miss|ms)\s+\w+\s+(now|this year)\b", re.IGNORECASE)
# "I put my own name in before, he's called Lewis Reay", "wrong name, she's called Ava Hill".
_CHILD_RENAMED = re.compile(
    r"\b((put|typed|gave|wrote|said) (in )?(my own|my|the wrong|her|his|mine) name|wrong name|"
    r"that'?s my name)\b", re.IGNORECASE)
_CALLED = re.compile(
    r"\b(?:(?:he|she|they)'?s|(?:he|she) is|(?:his|her|their) name(?: is|'?s)|is called|it'?s|its)\s+(?:called\s+)?"
    r"([^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)", re.IGNORECASE)
_NOT_A_NAME = NOT_NAME_WORDS | {"it's", "its", "that's", "thats", "he's", "she's", "hes", "shes", "one", "them",
                                  "there", "here", "him", "now", "then", "really", "just", "only", "even"}
# What is left of a reply that only put something right: "Sorry!", "nearly", "no".
_ONLY_FILLER = re.compile(r"^((oh|ah) (god|gosh|no|dear)|(sorry|soz|oops|nearly|almost|no|nope|yes|ok|okay|wait|hang on|"
                          r"ah+|oh+|um+|erm+)( sorry)?)?$", re.IGNORECASE)
_FILLER_WORDS = {"sorry", "soz", "oops", "oh", "ah", "no", "nope", "yes", "wait", "god", "lol", "typo", "mistake"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d])(?:\+44\s?|0)\d[\d ]{8,13}\d(?![\d])")
# Where one clause of a reply ends and another begins.
_CLAUSES = re.compile(r"(?<=[.!?;])\s+|\s+[-\u2013\u2014]+\s+|,?\s+(?=(?:oh|sorry|btw|ps|also)\b)|,\s+(?=(?:and|but|plus)\b)",
                      re.IGNORECASE)


@dataclass
class PutRight:
    """What a reply changes, and what is left of it to answer the question asked."""
    changes: dict[str, str] = field(default_factory=dict)
    rest: str = ""


def _words(value: str) -> list[str]:
    return re.findall(r"[\w'@.-]+", value or "")


def _given(value: str | None) -> bool:
    return bool(value) and value != NOT_GIVEN


def _swap_name(pairs: list[tuple[str, str]], details: Mapping[str, str | None]) -> dict[str, str]:
    """Each "new not old" pair applied to the detail whose words hold the old one."""
    changes: dict[str, str] = {}
    for new, old in pairs:
        new, old = new.strip(".,'-"), old.strip(".,'-")
        new_words, old_words = new.split(), old.split()
        if new.lower() == old.lower() or {new_words[-1].lower(), old_words[-1].lower()} & _NOT_A_NAME:
            continue
        for detail in NAMED_DETAILS:
            current = changes.get(detail) or details.get(detail)
            if not _given(current):
                continue
            words = _words(current)
            lowered = [w.lower() for w in words]
            last = old_words[-1].lower()
            if last not in lowered:
                continue
            if detail == "subject_name" and len(new_words) > 1:
                # "I meant Mrs Wood not Mrs Ward": the person meant, not a spelling.
                changes[detail] = new
            else:
                at = lowered.index(last)
                changes[detail] = " ".join(words[:at] + [new_words[-1]] + words[at + 1:])
            break
    return changes


# "please change my name to Mr D Okafor", "my name's wrong, it should be Siobhan Gallagher", "his
# name should be Kayden": a whole name given afresh for a detail named by whose it is.
_NAME_WORD = r"(?:[A-Z][\w'-]*|[A-Z]\.?)"
_RENAMED = re.compile(
    r"(?i:\b(?:(?:change|update|correct|make|put) (?P<whose1>my|his|her|my (?:son|daughter|child)'?s?|the child'?s|"
    r"(?:his|her) first) name (?:to|as)|"
    r"(?P<whose2>my|his|her|my (?:son|daughter|child)'?s?) name(?:'?s| is)? (?:wrong|spelt wrong|spelled wrong|not right),? "
    r"(?:it )?should (?:be|say|read)|"
    r"(?P<whose3>my|his|her) name (?:should|ought to) (?:be|say|read))\s+)"
    rf"(?P<name>(?:(?i:mrs?|miss|ms|mx|dr)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")


def _renamed(said: str) -> dict[str, str]:
    """The named detail a reply gives afresh ("change my name to Mr D Okafor"), or {}."""
    found = _RENAMED.search(said)
    if not found:
        return {}
    whose = (found.group("whose1") or found.group("whose2") or found.group("whose3") or "").lower()
    name = found.group("name").strip()
    if name.split()[0].lower() in _NOT_A_NAME:
        return {}
    return {"parent_name" if whose == "my" else "child_name": name}


def _contact_in(clause: str) -> str | None:
    email = _EMAIL.search(clause)
    if email:
        return email.group(0)
    phone = _PHONE.search(clause)
    return phone.group(0).strip() if phone else None


def put_right(text: str, details: Mapping[str, str | None], find_class: Callable[[str], str | None],
              asked: str | None = None) -> PutRight:
    """The details `text` puts right, given the details so far, and the rest of the reply.

    `asked` is the detail the question was about (None at the summary): its own answer is
    never read as a correction of itself. `find_class` gives a class's name from words."""
    said = normalise(text or "").strip()
    clauses = [c for c in _CLAUSES.split(said) if c and c.strip()]
    changes: dict[str, str] = {}
    changed: set[int] = set()
    first_correction = None
    for index, clause in enumerate(clauses):
        found: dict[str, str] = {}
        # A clause puts something right when it, or the one just before it ("Sorry! Kaiden not
        # Kayden"), says so.
        cued_here = bool(_CUE.search(clause))
        if not (cued_here or (index and _CUE.search(clauses[index - 1])) or
                (index + 1 < len(clauses) and _CUE.search(clauses[index + 1]) and _CLASS_STATED.search(clause))):
            continue
        pairs = [(m.group(1), m.group(2)) for m in _X_NOT_Y.finditer(clause)] + \
                [(m.group(2), m.group(1)) for m in _NOT_Y_X.finditer(clause)]
        # Digits put right inside a phone number: "the end is 418 not 481".
        contact = details.get("contact")
        for new, old in pairs:
            if asked != "contact" and _given(contact) and old.isdigit() and new.isdigit() and old in contact \
                    and len(new) == len(old):
                found["contact"] = contact.replace(old, new, 1)
        found.update({k: v for k, v in _swap_name([(n, o) for n, o in pairs if not o.isdigit()], details).items()
                      if k != asked})
        if asked != "contact" and _given(contact) and "contact" not in found:
            new_contact = _contact_in(clause)
            if new_contact and \
                    re.sub(r"\W", "", new_contact.lower()) != re.sub(r"\W", "", contact.lower()):
                found["contact"] = new_contact
        cued_nearby = bool(index and _CUE.search(clauses[index - 1])) or \
            bool(index + 1 < len(clauses) and _CUE.search(clauses[index + 1]))
        if asked != "child_class" and _given(details.get("child_class")) and \
                (cued_here or (cued_nearby and _CLASS_STATED.search(clause))):
            # (a class said in the next breath is what happened: "I meant Mrs Shah. Mrs Dunn had
            # him in reception")
            school_class = find_class(clause)
            if school_class and school_class.lower() != str(details.get("child_class")).lower():
                found["child_class"] = school_class
        if asked != "child_name" and _given(details.get("child_name")) and "child_name" not in found \
                and _CHILD_RENAMED.search(clause):
            called = _CALLED.search(clause)
            name = [w for w in (called.group(1).split() if called else [])]
            if len(name) == 2 and name[1].lower() in NOT_NAME_WORDS | {"now", "sorry", "not"}:
                name = name[:1]
            if name and name[0].lower() not in NOT_NAME_WORDS:
                found["child_name"] = " ".join(w if not w.islower() else w[:1].upper() + w[1:] for w in name)
        if found:
            changes.update(found)
            changed.add(index)
            if first_correction is None:
                first_correction = index
    if not changes:
        renamed = {detail: name for detail, name in _renamed(said).items()
                   if detail != asked and _given(details.get(detail)) and name.lower() != str(details[detail]).lower()}
        if renamed:
            # "please change my name to Mr D Okafor, i only put my first name": nothing else to answer
            return PutRight(renamed, "")
    if first_correction is None:
        return PutRight({}, text)
    # What came before the first correction answers a short question, and what follows it
    # explains it ("Holly Tate. Sorry I meant Mrs Wood not Mrs Ward - Mrs Ward is the other
    # class"); an account keeps every clause that put nothing right.
    answering = clauses[:first_correction]
    while answering and _CUE.search(answering[-1]):
        answering.pop()  # its lead-in ("number's wrong", "Sorry!") puts right, not answers
    after = [clause for index, clause in enumerate(clauses) if index > first_correction and index not in changed]
    if asked in ("account", "account_more"):
        answering += after
    elif not answering:
        answering = after
    rest = " ".join(answering).strip(" ,.!-")
    if _ONLY_FILLER.match(rest):
        rest = ""
    return PutRight(changes, rest)


def name_put_right_in_the_same_breath(text: str) -> str | None:
    """The name a reply settles on when it corrects itself as it goes ("Ruby - no sorry, not
    Ruby, it's Ava!", "Jayden, sorry Jaiden with an i"), or None when it does not."""
    said = normalise(text or "").strip()
    if not _CUE.search(said):
        return None
    pairs = [(m.group(1), m.group(2)) for m in _X_NOT_Y.finditer(said)] + \
            [(m.group(2), m.group(1)) for m in _NOT_Y_X.finditer(said)]
    for new, old in pairs:
        new, old = new.strip(".,'!-"), old.strip(".,'!-")
        if new.lower() != old.lower() and not {new.split()[-1].lower(), old.split()[-1].lower()} & \
                (_NOT_A_NAME | _FILLER_WORDS) and new[:1].isalpha():
            return new[:1].upper() + new[1:]
    respelt = _RESPELT.match(said)
    if respelt:
        # "Amira. sorry autocorrect, Amirah with an h on the end": the same name spelt again
        old, new = respelt.group(1), respelt.group(2)
        if new.lower() != old.lower() and new[:2].lower() == old[:2].lower() and \
                not {new.lower(), old.lower()} & (_NOT_A_NAME | _FILLER_WORDS):
            return new[:1].upper() + new[1:]
    return None


# A name, then the same name spelt again with the letter that makes the difference.
_RESPELT = re.compile(rf"^({_WORD})[.,!;]*\s+.*?\b({_WORD}),?\s+(?:with|spelt with|spelled with) an? [a-z]{{1,2}}\b",
                      re.IGNORECASE)


# Words that say a reply at the summary is putting something right, even where no detail can be
# read from it ("naw wait, he's no in year 6, he's year 5" when Year 5 is what was kept).
_SOUNDS_LIKE_A_CORRECTION = re.compile(
    r"\b(sorry|soz|wrong|mistake|meant|typo|mixed up|oops|got (that|it|them) wrong|should (be|say|read)|not right|"
    r"incorrect|spelt|spelled|spelling)\b|^(oh |no |naw |nah |ah |och )?(wait|hang on)\b", re.IGNORECASE)


def sounds_like_a_correction(text: str) -> bool:
    """Does this reply say it puts something right ("sorry I got that wrong", "wait, ...")?"""
    return bool(_SOUNDS_LIKE_A_CORRECTION.search(normalise(text or "")))
