"""The safeguarding safety net: plain words of risk are never treated as something milder."""
import pytest

from concerns.safety import safeguarding_matter

AT_RISK = [
    "her stepdad hits her when her mum is at work",
    "he told me his mums boyfriend punches him",
    "my friend's little boy is left home alone every night",
    "she has been self harming and hiding it",
    "he said he wants to die",
    "she is terrified to go home after school",
    "a man on roblox keeps messaging my son and asking him for pictures",
    "the girl next door is covered in bruises all the time",
    "i think she is being groomed by an older lad",
    "there is domestic violence at home and the kids see it",
]
STAFF = [
    "the TA grabbed my son by the neck",
    "mr jones slapped him across the face",
    "one of the lunchtime staff dragged her across the hall",
]
NOT_SAFEGUARDING = [
    "a boy in his class keeps hitting him at playtime",
    "mr bell shouted at my daughter and i'm not happy",
    "she has no friends and cries before school",
    "the head never answers my emails",
    "someone posted lies about the school on facebook",
    "he hurt his knee in PE and nobody rang me",
    "a boy hit him on the head and kicked him in the line",
]


@pytest.mark.parametrize("text", AT_RISK)
def test_words_of_risk_make_it_safeguarding(text):
    assert safeguarding_matter(text, "concern_child") == "safeguarding_child"


@pytest.mark.parametrize("text", STAFF)
def test_staff_harming_a_child_is_an_allegation(text):
    assert safeguarding_matter(text, "complain_staff") == "staff_allegation"


@pytest.mark.parametrize("text", NOT_SAFEGUARDING)
def test_ordinary_worries_and_complaints_are_left_alone(text):
    assert safeguarding_matter(text, "report_bullying") is None


def test_a_safeguarding_intent_is_never_changed():
    assert safeguarding_matter("the TA grabbed him", "safeguarding_child") is None
