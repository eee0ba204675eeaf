"""The school profile loads, and a bad one stops start-up naming the line to fix."""
import datetime as dt

import pytest

from concerns.profile import ProfileError, load_profile
from tests.conftest import PRODUCTION_PROFILE, PROFILE_PATH


def test_the_schools_own_profile_loads():
    """The file the school runs with (the tests run on their own copy, tests/fixtures/school.yml)."""
    production = load_profile(PRODUCTION_PROFILE)
    assert production.short_name == "Oakley Cross" and production.terms and production.classes


def test_the_oakley_cross_profile_loads(profile):
    assert profile.short_name == "Oakley Cross"
    assert [c.name for c in profile.classes] == [
        "Nursery", "Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6"]
    assert profile.person("dsl").email.endswith("example.org")
    assert profile.acknowledge_days == 5 and profile.respond_days == 10
    assert profile.children_services.phone == "03000 267 979"
    assert profile.terms[0].start == dt.date(2026, 9, 2)


@pytest.mark.parametrize("typed, expected", [
    ("yr 3", "Year 3"), ("Year Three", "Year 3"), ("reception", "Reception"), ("she's in y6", "Year 6"),
    ("Nursery", "Nursery"), ("class 2", "Year 2"), ("year 9", None), ("", None)])
def test_classes_are_found_the_way_parents_write_them(profile, typed, expected):
    found = profile.find_class(typed)
    assert (found.name if found else None) == expected


def _broken(tmp_path, old, new):
    text = PROFILE_PATH.read_text()
    assert old in text, old
    path = tmp_path / "school.yml"
    path.write_text(text.replace(old, new, 1))
    line = text[: text.index(old)].count("\n") + 1
    return path, line


@pytest.mark.parametrize("old, new, message", [
    ("role: office", "role: caretaker", "unknown role 'caretaker'"),
    ("    email: head@oakleycross.example.org\n", "", "has no 'email'"),
    ("    start: 2026-11-02", "    start: 2026-10-20", "overlaps 'Autumn 1'"),
    ("teacher: p.shah@oakleycross.example.org", "teacher: nobody@oakleycross.example.org", "not in the staff list"),
    ("  acknowledge: 5", "  acknowledge: five", "whole number of school days"),
])
def test_a_bad_profile_names_the_line_to_fix(tmp_path, old, new, message):
    path, line = _broken(tmp_path, old, new)
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    assert message in str(raised.value)
    reported = int(str(raised.value).split(":")[1])
    # The reported line is the broken entry (the item or the key itself).
    assert abs(reported - line) <= 3, (reported, line, str(raised.value))


def test_a_missing_profile_says_how_to_point_at_one(tmp_path):
    with pytest.raises(ProfileError, match="SCHOOL_PROFILE"):
        load_profile(tmp_path / "none.yml")


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "school.yml"
    path.write_text("school:\n  name: [unclosed\n")
    with pytest.raises(ProfileError, match=r"school.yml:\d+: not valid YAML"):
        load_profile(path)


@pytest.mark.parametrize("text, meant", [
    ("year 3, no sorry year 4, she moved up in september I keep forgetting", "Year 4"),
    ("year 4 not year 3", "Year 4"),
    ("she was in year 3 last year, now year 4", "Year 4"),
    ("reception", "Reception"),
    ("not sure, year 2 I think", "Year 2"),
])
def test_the_class_meant_is_the_last_one_said_and_not_one_said_not_to_be(profile, text, meant):
    assert profile.find_class(text).name == meant


@pytest.mark.parametrize("words, meant", [
    ("mr bells class", "Year 1"), ("hes in Mrs Shah's class", "Year 2"), ("mr hall", "Year 4"), ("6", "Year 6"),
    ("couldn't tell you, I'm his nan. He's in Mr Hall's I think", "Year 4"), ("she's with Mr Bell", "Year 1"),
    ("it was in Mr Bell's lesson", None),
    # a teacher named in passing says nothing of the child's class; nor does an age
    ("Mr Bell shouted at my son", None), ("he is 6", None), ("9", None),
])
def test_a_class_is_found_by_its_teachers_name_or_its_year_number(profile, words, meant):
    found = profile.find_class(words)
    assert (found.name if found else None) == meant
