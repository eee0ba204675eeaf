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


def test_a_safeguarding_intent_stays_safeguarding():
    # The model's safeguarding guess stands, except that words about staff make it an allegation.
    assert safeguarding_matter("the TA grabbed him", "safeguarding_child") == "staff_allegation"
    assert safeguarding_matter("the TA grabbed him", "staff_allegation") is None
    assert safeguarding_matter("her dad hits her", "safeguarding_child") is None


def test_sexual_or_grooming_words_about_staff_are_an_allegation_about_staff():
    from concerns.safety import safeguarding_matter

    assert safeguarding_matter("his teacher has been messaging him privately on snapchat", "concern_child") == \
        "staff_allegation"
    assert safeguarding_matter("mr hall told her it was their little secret", "concern_child") == "staff_allegation"
    assert safeguarding_matter("the ta made sexual comments to my daughter", "safeguarding_child") == "staff_allegation"


def test_everyday_words_never_alert_on_their_own():
    from concerns.safety import may_be_at_risk

    for text in ("my uncle is picking him up today", "what's the school's address", "is the car park safe overnight",
                 "can you find my car in the parking lot", "delete the contact uncle john from my phone",
                 "are all the street lamps working on my street", "do we need a knife and fork for the picnic"):
        assert not may_be_at_risk(text), text


@pytest.mark.parametrize("text", [
    "a lad in year 6 had a knife in his coat pocket at break",
    "a picture of a girl with no top on is going round their group chat",
    "she hasnt come home from school and its 7pm",
    "older lads are making him hold stuff for them after school, I think its drugs and a drop off for some older lads",
    "my sister is taking her daughter abroad for a cutting ceremony",
    "the coach was slurring and stinking of drink at training with the kids",
])
def test_kcsie_categories_alert(text):
    from concerns.safety import safeguarding_matter

    assert safeguarding_matter(text, "concern_child") in ("safeguarding_child", "staff_allegation"), text


@pytest.mark.parametrize("text", [
    "do they need to bring a knife and fork for the picnic", "his jumper has gone missing again",
    "he choked on a grape at lunch but hes fine", "are we doing secret santa in class this year",
    "my son comes home starving every day", "is it a run for charity on friday"])
def test_kcsie_patterns_leave_everyday_messages_alone(text):
    from concerns.safety import safeguarding_matter

    assert safeguarding_matter(text, "concern_child") is None, text
