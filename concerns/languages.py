"""Messages not in English. One primary pupil in five in England speaks English as an
additional language, so a message in one of the school's community languages (the profile's
`languages`) gets the 999 line and the helplines, then a note in its own language on how to
reach the school; one whose words say a child may be at risk raises an alert for a person to
read and have translated.

The language is identified offline by py3langid (its model ships inside the package; nothing
is downloaded), among English and the profile's languages only. A short Latin-script message
("Ruby", "yr 3", "nie") is left to the English model: too short to tell."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from concerns.profile import CommunityLanguage, SchoolProfile

# Below these, a Latin-script message stays English: on the 3,248 English training examples
# no line of three words or more scored another language at 0.99.
MIN_WORDS = 3
MIN_PROBABILITY = 0.99
_NON_LATIN = ("ARABIC", "GURMUKHI", "BENGALI", "DEVANAGARI", "CYRILLIC", "GREEK", "HEBREW", "CJK", "HANGUL",
              "THAI", "TAMIL", "GUJARATI")


@dataclass(frozen=True)
class Reading:
    language: CommunityLanguage
    may_be_at_risk: bool


@lru_cache(maxsize=8)
def _identifier(codes: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", *codes])
    return identifier


def _mostly_non_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    other = sum(1 for ch in letters if any(script in unicodedata.name(ch, "") for script in _NON_LATIN))
    return other / len(letters) > 0.5


def read(text: str, profile: SchoolProfile) -> Reading | None:
    """The community language this message is in, and whether its words say a child may be at
    risk; None for English (or a message too short to tell)."""
    if not profile.languages or not text or text.startswith("/"):
        return None
    codes = tuple(language.code for language in profile.languages)
    code, probability = _identifier(codes).classify(text)
    if code == "en":
        return None
    if not _mostly_non_latin(text) and (len(text.split()) < MIN_WORDS or probability < MIN_PROBABILITY):
        return None
    language = profile.language(code)
    lowered = text.lower()
    at_risk = any(re.search(rf"(?<!\w){re.escape(word)}", lowered) for word in language.safeguarding_words)
    return Reading(language, at_risk)


def how_to_reach(language: CommunityLanguage, profile: SchoolProfile) -> str:
    return language.how_to_reach.format(office_phone=profile.office_phone, emergency=profile.emergency_number)


def alerted(language: CommunityLanguage, profile: SchoolProfile) -> str:
    return language.alerted.format(office_phone=profile.office_phone, emergency=profile.emergency_number)
