"""A child's name and class from a parent's first message (concerns/opening_details.py)."""
from __future__ import annotations

import pytest

from concerns.opening_details import ChildInWords, child_in_opening


@pytest.mark.parametrize("text, name, school_class", [
    ("I'm Stacey, mum to Logan who's in Year 4 with Mr Hall. Since October he has been upset", "Logan", "Year 4"),
    ("My daughter Amelia-Rose is in reception, she only turned 5 in August", "Amelia-Rose", "Reception"),
    ("hi, my daughter Keira is in yr 6 and has been in bits all weekend", "Keira", "Year 6"),
    ("my daughter, Ruby, in year 2, is upset about the trip", "Ruby", "Year 2"),
    ("my son is in year 3 and a boy keeps hitting him", None, "Year 3"),
    ("our eldest Jay has been in tears every night", "Jay", None),
])
def test_their_own_childs_name_and_class_are_read(profile, text, name, school_class):
    assert child_in_opening(text, profile) == ChildInWords(name, school_class)


@pytest.mark.parametrize("text", [
    "my son is being bullied by a year 6 boy on the school bus",  # another child's year
    "a girl in year 5 keeps pushing my daughter",
    "My son Is being bullied at lunch",                              # a capital is not a name
    "the letter came home in ellies bag",                            # no words say whose child
    "my son said Mr Bell shouted at him",
])
def test_other_children_and_words_that_are_not_names_are_not_taken(profile, text):
    assert child_in_opening(text, profile) == ChildInWords()
