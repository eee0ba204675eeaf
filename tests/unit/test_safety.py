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
    "he's hurting her now",
    "please help he is hitting my son right now",
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
                 "are all the street lamps working on my street", "do we need a knife and fork for the picnic",
                 # a parent and a word of pain, with nobody harmed by anyone
                 "mum here, freya's been saying her tummy hurts a lot at school",
                 "dad here, his ear hurts so he'll be late in"):
        assert not may_be_at_risk(text), text



def test_a_letter_that_did_not_come_home_is_not_a_missing_child():
    """"didn't come home in her bag" is about a newsletter; a child who didn't come home is not."""
    assert safeguarding_matter("can i get a copy of the newsletter, didnt come home in her bag", "") is None
    assert safeguarding_matter("the consent form never came home in his book bag", "") is None
    assert safeguarding_matter("my daughter didn't come home from school and it's 6pm", "") == "safeguarding_child"
    assert safeguarding_matter("he hasn't come home yet", "") == "safeguarding_child"


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


@pytest.mark.parametrize("text", ["my husband hits me when the kids are in bed", "I'm scared of my ex, he turned up again",
                                  "my partner controls everything i do and won't let me see my family",
                                  "there's domestic violence at home", "we've had to go to a refuge"])
def test_domestic_abuse_alerts_and_is_recognised(text):
    from concerns.safety import about_domestic_abuse, may_be_at_risk
    assert may_be_at_risk(text) and about_domestic_abuse(text)


@pytest.mark.parametrize("text", ["my husband is working late, can grandad pick up", "my ex is collecting her today",
                                  "my partner will bring the form in",
                                  "my husband is threatening to post about the school on facebook"])
def test_a_partner_mentioned_in_passing_is_not_domestic_abuse(text):
    from concerns.safety import about_domestic_abuse, may_be_at_risk
    assert not about_domestic_abuse(text) and not may_be_at_risk(text)


def test_the_helplines_that_fit_are_given_with_999_first(profile):
    from concerns import wording
    abuse = wording.safeguarding_first_words(profile, "my partner hits me")
    assert abuse.startswith("If a child is in immediate danger, please call 999")
    assert "the National Domestic Abuse Helpline on 0808 2000 247" in abuse
    harm = wording.safeguarding_first_words(profile, "my daughter says she wants to die")
    assert "NHS 111 (choose the mental health option) on 111 (any time) or Samaritans on 116 123" in harm
    plain = wording.safeguarding_first_words(profile, "he has bruises")
    assert "Domestic Abuse" not in plain and "Samaritans" not in plain


def test_out_of_hours_an_alert_says_when_it_will_be_read_not_alerted_now(profile):
    import datetime as dt

    from concerns import wording
    from concerns.calendar import SchoolCalendar
    from concerns.triage import triage
    calendar = SchoolCalendar(profile)
    result = triage("safeguarding_child", profile)
    friday_night = dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.timezone.utc)
    words = wording.safeguarding_alerted_out_of_hours("OC-2026-0001", result, friday_night, calendar)
    assert "alerted" not in words and "now" not in words.split("speak to someone now")[0]
    assert "it will be read from 8:30am Monday 30 November" in words
    assert "call 999" in words and "03000 267 979 (the Emergency Duty Team answers out of hours)" in words
    past = wording.safeguarding_alerted_out_of_hours("OC-2027-0001", result,
                                                     dt.datetime(2027, 7, 30, 21, tzinfo=dt.timezone.utc), calendar)
    assert "when the school reopens after the holiday" in past


def test_the_time_limits_promise_only_what_the_hours_allow(profile):
    import datetime as dt

    from concerns import wording
    from concerns.calendar import SchoolCalendar
    friday_night = dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.timezone.utc)
    words = wording.time_limits(profile, SchoolCalendar(profile), friday_night)
    assert "acted on the same day" not in words
    assert "so it will be read from 8:30am Monday 30 November" in words


@pytest.mark.parametrize("text, route, also", [
    ("how do i appeal against the decision on my sons school place", "Admissions and appeals", None),
    ("my son has been excluded for 3 days", "Exclusion reviews", "independent review panel"),
    ("the school isn't following his EHC plan", "EHC plans and SEND assessments", "can be a complaint to the school"),
    ("I want to raise a grievance about my line manager", "Staff grievances", "goes to the Chair of Governors"),
])
def test_signposting_gives_only_the_route_asked(profile, text, route, also):
    from concerns import wording
    words = wording.signpost(profile, text)
    assert words.startswith(f"{route} are handled outside the school's complaints procedure, by ")
    others = [label for label in wording.SIGNPOST_LABELS.values() if label != route]
    assert not any(label in words for label in others)
    if also:
        assert also in words
    assert "call 999" in words


def test_signposting_with_no_route_named_lists_them_all(profile):
    from concerns import wording
    words = wording.signpost(profile, "/signpost")
    assert all(label in words for label in wording.SIGNPOST_LABELS.values())
    assert "03000 267 800" in words  # the SEND number, as the council publishes it
