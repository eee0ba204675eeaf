"""The profile the school runs with (not the tests' copy) keeps what issue 11 asked of it: the
community languages with their notes (item 11) and the helplines that fit (item 14). The other
tests read tests/fixtures/school.yml, so without this a helpline or a language dropped from the
production file would go unnoticed."""
import pytest

from concerns.languages import read
from concerns.profile import load_profile
from tests.conftest import PRODUCTION_PROFILE


@pytest.fixture(scope="module")
def production():
    return load_profile(PRODUCTION_PROFILE)


def test_the_community_languages_are_listed_with_a_note_in_each(production):
    assert {"pl", "ro", "ur", "ar", "pa", "bn"} <= {language.code for language in production.languages}
    for language in production.languages:
        assert "{office_phone}" in language.how_to_reach and "{emergency}" in language.how_to_reach, language.code
        assert language.alerted, language.code


@pytest.mark.parametrize("key, where", [
    ("domestic_abuse", "0808 2000 247"), ("samaritans", "116 123"), ("nhs_111", "111"),
    ("ceop", "ceop.police.uk"), ("report_remove", "childline.org.uk/remove")])
def test_the_helplines_the_issue_names_are_in_the_profile(production, key, where):
    helpline = production.helpline(key)
    assert helpline is not None and where in str(helpline), key


def test_the_front_door_nspcc_and_childline_are_the_published_numbers(production):
    assert production.children_services.phone == "03000 267 979"
    assert production.nspcc.phone == "0808 800 5000" and production.childline.phone == "0800 1111"


def test_a_polish_disclosure_is_read_offline_and_alerts_with_the_production_profile(production):
    reading = read("Mój syn mówi, że ojczym go bije i boi się wrócić do domu", production)
    assert reading is not None and reading.language.code == "pl" and reading.may_be_at_risk
