"""Details put right in passing (concerns/corrections.py): changed as the parent said, and the
rest of the reply kept as the answer to the question asked."""
import pytest

from concerns.corrections import put_right


@pytest.fixture(scope="module")
def class_named(profile):
    return lambda words: (lambda found: found.name if found else None)(profile.find_class(words))


@pytest.mark.parametrize("text, details, asked, changes, rest", [
    # a person meant, at another question
    ("Ellie Moss. Sorry, I meant Mr Grant not Mr Gray", {"subject_name": "Mr Gray the PE teacher"}, "child_name",
     {"subject_name": "Mr Grant"}, "Ellie Moss"),
    # a spelling, at the summary
    ("almost, it's Jayden with a J not Jaydon", {"child_name": "Jaydon Clark"}, None,
     {"child_name": "Jayden Clark"}, ""),
    ("year 5. oh and its Maisie not Daisy, my phone changed it sorry", {"child_name": "Daisy"}, "child_class",
     {"child_name": "Maisie"}, "year 5"),
    ("sorry autocorrect!! his name is Kai not Kian. anyway he cries every night", {"child_name": "Kian"}, "account",
     {"child_name": "Kai"}, "anyway he cries every night"),
    ("Sorry I meant Mr Grant not Mr Gray. Ellie Moss", {"subject_name": "Mr Gray"}, "child_name",
     {"subject_name": "Mr Grant"}, "Ellie Moss"),
    ("Sorry! Niamh not Neve", {"child_name": "Neve"}, None, {"child_name": "Niamh"}, ""),
    ("not Neve, it's Niamh", {"child_name": "Neve"}, None, {"child_name": "Niamh"}, ""),
    # the parent's own name, inside the answer about how to reply
    ("07700 900555, and can you put Liz not Elizabeth", {"parent_name": "Elizabeth Kerr"}, "contact",
     {"parent_name": "Liz Kerr"}, "07700 900555"),
    # "wi a K", "I put X, I meant Y", "it wasn't X it was Y"
    ("nah its Kian wi a K not Cian, rest is right", {"child_name": "Cian"}, None, {"child_name": "Kian"}, ""),
    ("Sorry I put Mrs Dunn, I meant Mrs Shah. Mrs Dunn had him in reception. Theo felt sick in class",
     {"subject_name": "Mrs Dunn", "child_class": "Year 2"}, "account", {"subject_name": "Mrs Shah"},
     "Mrs Dunn had him in reception. Theo felt sick in class"),
    ("sorry, it wasn't Mr Hall it was Mr Patel. he grabbed his arm", {"subject_name": "Mr Hall"}, "account",
     {"subject_name": "Mr Patel"}, "he grabbed his arm"),
    # the class, said again at a later question
    ("Tom Bell. oh i said year 2 earlier but shes in year 3 now, new school year", {"child_class": "Year 2"},
     "parent_name", {"child_class": "Year 3"}, "Tom Bell"),
    ("no, she's in Reception, I pressed the wrong one", {"child_class": "Nursery"}, None,
     {"child_class": "Reception"}, ""),
    # the child's name when the parent gave their own by mistake
    ("Year 1 - oops I typed my name before, she's called Ruby Shaw", {"child_name": "Karen Shaw"}, "child_class",
     {"child_name": "Ruby Shaw"}, "Year 1"),
    # a contact put right
    ("my email had a typo, it's kerr.liz@example.org", {"contact": "kerr.liz@exampel.org"}, None,
     {"contact": "kerr.liz@example.org"}, ""),
    ("number's wrong sorry, it ends 552 not 525", {"contact": "07700 900525"}, None,
     {"contact": "07700 900552"}, ""),
])
def test_a_detail_put_right_is_changed_and_the_rest_is_the_answer(class_named, text, details, asked, changes, rest):
    result = put_right(text, details, class_named, asked)
    assert result.changes == changes
    assert result.rest == rest


@pytest.mark.parametrize("text, details, asked", [
    # what happened, not a correction
    ("he pushed Ava not Sam, and then laughed about it", {"child_name": "Sam Hill"}, "account"),
    ("she is not Daisy she is upset", {"child_name": "Daisy"}, "account"),
    ("he said it wasn't him it was Jack", {"child_name": "Sam"}, "account"),
    ("he is not coping at all in year 4", {"child_class": "Year 3"}, "account"),
    ("It's not the teacher, it's the TA", {"subject_name": "the teacher"}, None),
    # the answer to the question itself
    ("Year 4 not year 3", {"child_class": "Year 3"}, "child_class"),
    ("my number is 07700 900111", {"contact": "07700 900222"}, "contact"),
    # nothing given yet to put right
    ("its Maisie not Daisy", {}, None),
])
def test_what_is_not_a_correction_changes_nothing(class_named, text, details, asked):
    result = put_right(text, details, class_named, asked)
    assert result.changes == {}
    assert result.rest == text


@pytest.mark.parametrize("text, details, changes", [
    # a spelling given letter by letter
    ("it's spelt Isobel with an o and an e, not Isabel", {"child_name": "Isabel"}, {"child_name": "Isobel"}),
    # a whole name given afresh, for the detail named by whose it is
    ("could you change my name to Mrs J Armstrong please, I only typed Jo", {"parent_name": "Jo"},
     {"parent_name": "Mrs J Armstrong"}),
    ("my surname's not right - sorry, my name should be Peter Mulholland", {"parent_name": "Peter Mulholand"},
     {"parent_name": "Peter Mulholland"}),
    ("her name's wrong, it should be Zara", {"child_name": "Sara"}, {"child_name": "Zara"}),
])
def test_a_name_given_afresh_at_the_summary_is_stored(class_named, text, details, changes):
    assert put_right(text, details, class_named, None).changes == changes


def test_a_name_given_afresh_for_the_question_asked_is_no_correction(class_named):
    assert put_right("my name should be Ann Lee", {"parent_name": "Ann"}, class_named, "parent_name").changes == {}


@pytest.mark.parametrize("said, name", [
    ("Lilly. oops, Lily with one l", None),
    ("Sofia, sorry my phone changed it, Sophia with a ph", "Sophia"),
    ("Aaron. sorry autocorrect, Aaryn with a y", "Aaryn"),
])
def test_a_name_spelt_again_with_its_letter_is_the_name(said, name):
    from concerns.corrections import name_put_right_in_the_same_breath
    assert name_put_right_in_the_same_breath(said) == name


def test_a_married_name_put_instead_is_the_name():
    from concerns.answers import name_put_instead
    assert name_put_instead("Kate Doyle - actually use my married name, Kate Fenwick") == "Kate Fenwick"
