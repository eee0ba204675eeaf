"""What parents type is checked kindly: names, contacts, references."""
import pytest

from concerns.service import clean_account, clean_contact, clean_name, find_reference


@pytest.mark.parametrize("typed, expected", [
    ("jack", "jack"), ("  Lily-Mae ", "Lily-Mae"), ("its Sam Smith", "Sam Smith"), ("my name is Jo", "Jo"),
    ("", None), ("12345", None), ("<script>", None), ("x" * 80, None)])
def test_names(typed, expected):
    assert clean_name(typed) == expected


@pytest.mark.parametrize("typed, expected", [
    ("07700 900123", "07700 900123"), ("jo@example.org", "jo@example.org"),
    ("email me on jo@example.org please", "jo@example.org"), ("+44 7700 900123", "+44 7700 900123"),
    ("call me", None), ("123", None), ("", None)])
def test_contacts(typed, expected):
    assert clean_contact(typed) == expected


def test_accounts_keep_the_parents_words_exactly():
    assert clean_account("  he said <b>nasty</b> things \n") == "he said <b>nasty</b> things"
    assert clean_account("") is None
    assert len(clean_account("a" * 20000)) == 5000


def test_references_are_found_in_a_sentence():
    assert find_reference("any news on oc-2026-0042 please") == "OC-2026-0042"
    assert find_reference("no reference here") is None
