"""Messages in the school's community languages, identified offline (py3langid's own model):
a note in the parent's language, and an alert when the words may be a disclosure."""
from __future__ import annotations

import pytest

from concerns.languages import how_to_reach, read
from concerns.profile import ProfileError, load_profile

EVERYDAY = {
    "pl": "Dzień dobry, o której godzinie kończy się szkoła?",
    "ro": "Bună ziua, copilul meu este bolnav astăzi",
    "ur": "سلام، میرا بیٹا آج بیمار ہے",
    "ar": "مرحبا، ابني مريض اليوم",
    "pa": "ਮੇਰਾ ਪੁੱਤਰ ਅੱਜ ਬਿਮਾਰ ਹੈ",
    "bn": "আমার ছেলে আজ অসুস্থ",
}
AT_RISK = {
    "pl": "Mój partner bije moje dzieci i boję się",
    "ro": "tatăl lui îl bate în fiecare seară",
    "ur": "اس کا باپ اسے روز مارتا ہے",
    "ar": "والدها يضرب ابنتي كل يوم",
    "pa": "ਉਸਦਾ ਪਿਤਾ ਉਸਨੂੰ ਹਰ ਰੋਜ਼ ਮਾਰਦਾ ਹੈ",
    "bn": "মেয়ের বাবা তাকে রোজ মারে",
}


def test_the_profile_lists_at_least_the_six_languages_the_issue_names(profile):
    assert {"pl", "ro", "ur", "ar", "pa", "bn"} <= {language.code for language in profile.languages}


@pytest.mark.parametrize("code", sorted(EVERYDAY))
def test_an_everyday_message_gets_the_note_in_its_language_and_no_alert(profile, code):
    reading = read(EVERYDAY[code], profile)
    assert reading is not None and reading.language.code == code and not reading.may_be_at_risk
    note = how_to_reach(reading.language, profile)
    assert profile.office_phone in note and profile.emergency_number in note and "{" not in note


@pytest.mark.parametrize("code", sorted(AT_RISK))
def test_words_of_harm_in_each_language_raise_an_alert(profile, code):
    reading = read(AT_RISK[code], profile)
    assert reading is not None and reading.language.code == code and reading.may_be_at_risk


@pytest.mark.parametrize("text", ["what time does school finish", "Ruby Kowalska", "nie", "yr 3", "ok thanks",
                                  "my son Jan Nowak is off sick today", "/everyday_enquiry"])
def test_english_and_short_answers_stay_english(profile, text):
    assert read(text, profile) is None


def test_a_note_with_an_unknown_placeholder_is_refused(tmp_path):
    from tests.conftest import PROFILE_PATH
    text = PROFILE_PATH.read_text().replace("{office_phone} – możemy", "{phone} – możemy", 1)
    bad = tmp_path / "school.yml"
    bad.write_text(text)
    with pytest.raises(ProfileError, match="how_to_reach' may hold only"):
        load_profile(bad)
