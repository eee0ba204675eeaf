"""Everyday enquiries answered from the tests' profile: dates relative to today across term
boundaries, holidays and the end of the calendar; the school day; absences; contacts; the
school's own topics; and the office for anything else."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from concerns.calendar import SchoolCalendar
import numpy as np

from concerns.enquiries import OTHER, TopicMatcher, answer_enquiry, day_asked_about, topic_of, topics_by_words
from concerns.profile import ApprovedAnswer, load_profile

UK = dt.timezone.utc  # the tests' moments are in winter (GMT) or fixed as UTC


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, 0, tzinfo=UK)


@pytest.fixture(scope="module")
def calendar(profile):
    return SchoolCalendar(profile)


def ask(text, profile, calendar, now, notices=()):
    return answer_enquiry(text, profile, calendar, now, list(notices))


# -- the day a parent asks about ------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("is monday an inset day", dt.date(2026, 12, 7)),        # Wednesday 2 Dec -> the next Monday
    ("is it school tomorrow", dt.date(2026, 12, 3)),
    ("school today?", dt.date(2026, 12, 2)),
    ("are they in on wednesday", dt.date(2026, 12, 2)),       # today is a Wednesday
    ("next wednesday?", dt.date(2026, 12, 9)),
    ("is 4th jan an inset", dt.date(2027, 1, 4)),             # January: next year
    ("back on january 5th?", dt.date(2027, 1, 5)),
    ("is school open on 18/12", dt.date(2026, 12, 18)),       # UK order, day first
    ("what time does school finish", None),
])
def test_the_day_asked_about_is_read_relative_to_today(text, expected):
    assert day_asked_about(text, dt.date(2026, 12, 2)) == expected


# -- term dates, holidays and INSET days ------------------------------------------------
def test_an_inset_day_is_named_as_one(profile, calendar):
    answer = ask("is the 4th of january an inset day?", profile, calendar, at(2026, 12, 2))
    assert answer.topic == "term_dates"
    assert "Monday 4 January 2027 is an INSET day: school is closed." in answer.text


def test_a_normal_school_day_says_so(profile, calendar):
    answer = ask("is monday a school day", profile, calendar, at(2026, 12, 2))
    assert answer.text == "Yes, Monday 7 December is a normal school day."


def test_the_last_day_of_term_gives_the_early_finish(profile, calendar):
    answer = ask("are they in on friday 18th december", profile, calendar, at(2026, 12, 14))
    assert "Friday 18 December is a school day, with an early finish at 1:30pm" in answer.text


def test_a_day_in_the_holidays_says_which_and_when_school_starts(profile, calendar):
    answer = ask("is there school on the 29th december", profile, calendar, at(2026, 12, 14))
    assert answer.text.startswith("Tuesday 29 December is in the Christmas holidays: no school.")
    # Monday 4 January is an INSET day: the first school day is the Tuesday.
    assert "Spring 1 starts on Tuesday 5 January 2027" in answer.text


def test_break_up_names_the_end_of_term_and_the_holiday(profile, calendar):
    answer = ask("when do we break up for christmas", profile, calendar, at(2026, 12, 2))
    assert "This term (Autumn 2) ends on Friday 18 December." in answer.text
    assert "Christmas holidays: Saturday 19 December to Monday 4 January 2027." in answer.text
    assert "Monday 4 January 2027: INSET day, school closed." in answer.text


def test_half_term_asked_in_december_is_february_not_christmas(profile, calendar):
    answer = ask("when is half term", profile, calendar, at(2026, 12, 2))
    assert "Half term: Saturday 13 February 2027 to Sunday 21 February 2027." in answer.text
    assert "Christmas holidays" not in answer.text


def test_across_a_term_boundary_the_next_term_is_the_current_one(profile, calendar):
    # In the October half term, the next thing is Autumn 2 starting.
    answer = ask("when do they go back", profile, calendar, at(2026, 10, 28))
    assert "Half term: Saturday 24 October to Sunday 1 November." in answer.text
    assert "Autumn 2 starts on Monday 2 November." in answer.text
    assert "This term" not in answer.text  # no term is running in the holiday


def test_past_the_calendar_it_says_the_dates_are_not_in_yet(profile, calendar):
    answer = ask("when do they go back in september", profile, calendar, at(2027, 7, 26))
    assert "next year's dates are not in yet" in answer.text
    assert profile.office_phone in answer.text
    answer = ask("is the 6th september a school day", profile, calendar, at(2027, 7, 26))
    assert answer.text.startswith("I don't have the school's dates for Monday 6 September yet")


def test_a_weekend_is_a_weekend(profile, calendar):
    assert ask("school on saturday?", profile, calendar, at(2026, 12, 2)).text == \
        "Saturday 5 December is a weekend: no school."


# -- the school day, closures, absences, contacts -----------------------------------------
def test_the_school_day_gives_times_sessions_and_a_coming_early_finish(profile, calendar):
    answer = ask("what time does school finish", profile, calendar, at(2026, 12, 2))
    assert answer.topic == "school_day"
    assert "School starts at 8:50am (doors open at 8:40am) and finishes at 3:15pm." in answer.text
    assert "Nursery morning session: 8:45am to 11:45am." in answer.text
    assert "Early finish: Friday 18 December at 1:30pm, the last day of the autumn term." in answer.text
    # In January no early finish is within four weeks.
    assert "Early finish" not in ask("what time is home time", profile, calendar, at(2027, 1, 6)).text


def test_a_closure_question_gets_the_posted_notice(profile, calendar):
    answer = ask("is school open today with the snow", profile, calendar, at(2027, 1, 6),
                 notices=["School is closed today because of snow."])
    assert answer.topic == "closure"
    assert answer.text == "Notice from the school: School is closed today because of snow."


def test_a_closure_question_without_a_notice_is_told_the_truth(profile, calendar):
    answer = ask("is school open today with the snow", profile, calendar, at(2027, 1, 6))
    assert answer.text.startswith("The school hasn't posted any closure, so today is a normal school day.")
    holiday = ask("is school shut because of the snow", profile, calendar, at(2026, 12, 26))
    assert "there's no school today; the next school day is Tuesday 5 January 2027" in holiday.text


def test_an_absence_gets_how_to_report_it_and_no_medical_questions(profile, calendar):
    answer = ask("my son is off sick today with a temperature", profile, calendar, at(2026, 12, 2))
    assert answer.topic == "absence"
    assert "01388 000 000 (option 1)" in answer.text and "before 9:15am" in answer.text
    assert "There's no need to share medical details here." in answer.text
    assert "?" not in answer.text  # nothing is asked


def test_leave_in_term_time_gets_the_request_route(profile, calendar):
    answer = ask("can i take her out of school for a wedding in term time", profile, calendar, at(2026, 12, 2))
    assert answer.topic == "absence"
    assert answer.text.startswith("Leave in term time is only for exceptional circumstances.")


def test_contacts_give_the_class_teacher_and_the_senco_but_no_personal_details(profile, calendar):
    answer = ask("who is the year 3 teacher", profile, calendar, at(2026, 12, 2))
    assert answer.topic == "contacts"
    assert "The Year 3 class teacher is Miss Laura Kerr." in answer.text
    senco = ask("how do i get hold of the senco", profile, calendar, at(2026, 12, 2))
    assert "Mr James Patel is the school's SENCO and Deputy Designated Safeguarding Lead." in senco.text
    for member in profile.staff:
        if member.role != "office":
            assert member.email not in answer.text + senco.text


# -- the school's own topics, and everything else ----------------------------------------
@pytest.mark.parametrize("text, topic", [
    ("how much are school dinners", "dinners"),
    ("where do i buy the uniform", "uniform"),
    ("what time does breakfast club open", "clubs"),       # a club's time is the club's answer
    ("how do i book parents evening", "parents_evening"),
    ("he's left his coat at school", "lost_property"),
    ("how do i apply for a reception place", "admissions"),
    ("i'd love to volunteer as a reading helper", "volunteering"),
    ("are there any jobs going at the school", "jobs"),
    ("is there parking for parents", OTHER),
])
def test_topics_are_found_by_the_words_parents_use(profile, text, topic):
    assert topic_of(text, profile) == topic


def test_an_approved_answer_carries_its_link_and_the_office(profile, calendar):
    answer = ask("how much are school dinners", profile, calendar, at(2026, 12, 2))
    assert "https://oakleycross.example.org/dinners" in answer.text
    assert profile.office_phone in answer.text


def test_a_school_adds_a_topic_in_its_profile_without_code(profile, calendar):
    parking = ApprovedAnswer("parking", ("parking", "park"), "Please park at the village hall, not the gate.")
    with_parking = replace(profile, answers=profile.answers + (parking,))
    answer = ask("is there parking for parents", with_parking, SchoolCalendar(with_parking), at(2026, 12, 2))
    assert answer.topic == "parking"
    assert answer.text.startswith("Please park at the village hall, not the gate.")


def test_anything_the_profile_cannot_answer_gets_the_office_and_999(profile, calendar):
    answer = ask("do they do swimming lessons in year 4", profile, calendar, at(2026, 12, 2))
    assert answer.topic == OTHER
    assert profile.office_phone in answer.text and profile.office_email in answer.text
    assert "8:30am to 4:00pm on school days" in answer.text
    assert "call 999" in answer.text


def test_a_topic_given_with_the_payload_is_used(profile, calendar):
    answer = answer_enquiry("/everyday_enquiry", profile, calendar, at(2026, 12, 2), [], topic="uniform")
    assert answer.topic == "uniform"
    assert answer_enquiry("/everyday_enquiry", profile, calendar, at(2026, 12, 2), [], topic="nonsense").topic == OTHER


# Written for this test, not taken from any held-out or development set.
@pytest.mark.parametrize("text", [
    "kyle wont be in today hes not well",                     # a day word alone used to make it term dates
    "Lola's off with a chest infection, back Thursday hopefully",
    "sorry we're running late, car wouldn't start",
    "can I take the kids out the last two days before Christmas",   # a child off, with a date
    "she's got headlice again, does she need to stay home",
    "what number do I ring to say they're off",                # "number" alone is contacts
    "both off today with a bad cold, Amy and Jo in year 2",
])
def test_a_child_being_off_is_an_absence_whatever_day_it_names(profile, text):
    assert topic_of(text, profile) == "absence"


@pytest.mark.parametrize("text", [
    "who is my daughter's teacher this year",
    "how can I speak to the head about something",
    "what's the landline for the office",
    "who do I talk to about my son's medicine in school",
])
def test_asking_how_to_reach_someone_is_about_contacts(profile, text):
    assert topic_of(text, profile) == "contacts"


# -- words read as phrases (written for these tests, not from any held-out or development set) --
@pytest.fixture(scope="module")
def oakley():
    """The school profile shipped with the product: its keywords with the built-in patterns."""
    return load_profile(Path(__file__).resolve().parents[2] / "school" / "oakley_cross.yml")


@pytest.mark.parametrize("text, topic", [
    ("are you taking on any dinner ladies in january", "jobs"),          # a job, not "dinner"
    ("what time is lunch over for the juniors", "school_day"),          # a part of the day, not dinners
    ("when's the closing date for the caretaker vacancy", "jobs"),      # a deadline, not a closure
    ("how late does the wraparound care go on till", "clubs"),
    ("what time do I have to collect him from tea club by", "clubs"),    # the club's time is the club's answer
    ("anything for the kids in the summer holidays, like a holiday club", "clubs"),
    ("is friday a half day, what time do they come out", "school_day"),
    ("does he get marked late if we arrive after the doors shut", "school_day"),
    ("is it a 3.15 pick up or 3.30 now", "school_day"),
    ("what date does school finish for the summer holidays", "term_dates"),
    ("can i get an appointment with the head next week", "contacts"),
    ("she needs calpol at dinner, where do I hand medicine in", OTHER),
    ("can he bring his bike to school", OTHER),
    ("is it open today, the boiler's gone", "closure"),
    ("alfie's not coming in this afternoon, he's under the weather", "absence"),
])
def test_phrases_are_read_whole(oakley, text, topic):
    assert topic_of(text, oakley) == topic


def test_words_that_point_two_ways_leave_both_to_the_meaning(profile):
    # one word for clubs, one for dinners: neither wins on the order of the profile's topics
    assert set(topics_by_words("is gym club at lunch", profile)) == {"clubs", "dinners"}
    assert topics_by_words("how much are school dinners", profile) == ("dinners",)


def test_the_meaning_decides_between_topics_the_words_tie_on(profile):
    def encode(texts):
        vocabulary = ["gym", "club", "menu"]
        return np.array([[1.0 if word in text.lower() else 0.0 for word in vocabulary] + [0.01] for text in texts])

    matcher = TopicMatcher(profile, encode)
    matcher.topics = ["dinners", "clubs"]
    matcher.examples = [e / np.linalg.norm(e, axis=1, keepdims=True)
                        for e in (encode(["dinner menu"]), encode(["is there a gym club", "what club can she join"]))]
    text = "is gym club at lunch"
    assert matcher.topic(text, encode([text])[0]) == "clubs"


@pytest.mark.parametrize("text, topic", [
    ("what time do the juniors have their dinner", "school_day"),   # the time of day, not the menu
    ("when does year 3 start swimming lessons", OTHER),             # "3 start" is no clock time
])
def test_a_time_of_day_is_read_as_one(oakley, text, topic):
    assert topic_of(text, oakley) == topic


# -- a question about who someone is, never a complaint about them -----------------------
@pytest.mark.parametrize("text", [
    "who's mr hall? what year does he teach",
    "who is the headteacher these days",
    "what is the email for the clerk to the governors please",
    "hi, how do I get hold of my son's teacher",
    "who's the SENCO",
    "what is the name of the lady on the gate in the mornings",
])
def test_a_question_about_who_someone_is_is_an_enquiry(text):
    from concerns.enquiries import asks_who_someone_is
    assert asks_who_someone_is(text)


@pytest.mark.parametrize("text", [
    "who do I complain to about the head",
    "Mrs Carter was rude to me, who is her boss",
    "I want to complain about Mr Bell",
    "who is responsible for my son being hurt at dinner time",
    "what is the head going to do about the bullying",
])
def test_a_matter_about_someone_is_not_taken_for_a_question_about_who_they_are(text):
    from concerns.enquiries import asks_who_someone_is
    assert not asks_who_someone_is(text)


def test_who_someone_is_answered_from_the_profile(profile, calendar):
    said = answer_enquiry("who's mr hall? what year does he teach", profile, calendar, at(2026, 12, 2),
                          topic="contacts").text
    assert said.startswith("Mr Chris Hall is the Year 4 class teacher.") and profile.office_phone in said
    said = answer_enquiry("who is the headteacher these days", profile, calendar, at(2026, 12, 2), topic="contacts").text
    assert said.count("Mrs Helen Carter") == 1 and "Headteacher" in said


def test_a_question_about_a_teacher_the_model_read_as_a_complaint_is_answered():
    from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
    from rasa.shared.nlu.training_data.message import Message
    from components.enquiry_topics import EnquiryTopics
    step = EnquiryTopics(EnquiryTopics.get_default_config())
    asked = Message(data={TEXT: "who's mr hall? what year does he teach", INTENT: {"name": "complain_staff",
                                                                                  "confidence": 0.6}})
    complaint = Message(data={TEXT: "mr hall shouted at my son in front of everyone",
                              INTENT: {"name": "complain_staff", "confidence": 0.9}})
    step.process([asked, complaint])
    assert asked.get(INTENT)["name"] == "everyday_enquiry"
    assert [e["value"] for e in asked.get(ENTITIES) if e["entity"] == "topic"] == ["contacts"]
    assert complaint.get(INTENT)["name"] == "complain_staff"


# -- what a message is about, not the date or time words around it (issue 13) ---------------
# Written for these tests in our own words, not taken from any held-out or development set.
@pytest.mark.parametrize("text, topic", [
    ("do the kids come out early on the last day before the summer holidays", "school_day"),
    ("does school finish early on the day of the nativity", "school_day"),
    ("what time does the school disco finish", OTHER),
    ("when is the christmas fair this year", OTHER),
    ("what time do the year 5s get back from their residential", OTHER),
    ("is pick up 3.15 or 3.30 for reception", "school_day"),
    ("my neighbour is going to collect him today, is that ok", OTHER),
    ("we've moved house, how do I give you our new address", OTHER),
    ("who should I talk to about his school dinners", "dinners"),
    ("how do I get in touch about a work placement", "jobs"),
    ("she's having an operation on tuesday so will be off", "absence"),
])
def test_the_thing_asked_about_outranks_the_date_time_and_contact_words(profile, text, topic):
    assert topic_of(text, profile) == topic


@pytest.mark.parametrize("text, topic", [
    ("can she wear a hijab for school", "uniform"),
    ("do you need any teaching assistants at the moment", "jobs"),
    ("is there anything i could help with at the summer fair", "volunteering"),
    ("he brought home the wrong jumper, whose is it", "lost_property"),
    ("which day is multi skills on", "clubs"),
    ("what food do they have at lunch on a friday", "dinners"),
])
def test_the_profiles_know_more_of_the_words_parents_use(oakley, profile, text, topic):
    # the school's own profile, and the tests' one that the bench's stack plays
    assert topic_of(text, oakley) == topic
    assert topic_of(text, profile) == topic


def test_an_early_finish_or_an_event_is_settled_by_the_words_whatever_the_meaning(profile):
    def encode(texts):
        # every message "means" term dates here: the words must still decide
        return np.array([[1.0, 0.0] for _ in texts])

    matcher = TopicMatcher(profile, encode)
    matcher.topics = ["term_dates", "school_day", OTHER]
    matcher.examples = [np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]]), np.array([[0.0, 1.0]])]
    assert matcher.topic("do they finish early on the last day of term", encode(["x"])[0]) == "school_day"
    assert matcher.topic("when is the summer fair", encode(["x"])[0]) == OTHER
    assert matcher.topic("when do they break up for the summer", encode(["x"])[0]) == "term_dates"


# -- everyday questions and thanks the model read as a matter (issue 13) ---------------------
# Written for these tests in our own words, not taken from any held-out or development set.
@pytest.mark.parametrize("text", [
    "could you tell me who to speak to about my son's packed lunch?",
    "can I book a chat with Miss Kerr about how he's doing with his maths",
    "does the school have a minibus?",
    "dose nursery do a uniform swap",                                   # as parents often type it
    "she's left her coat in the hall, could someone look? really worried as it was expensive",
    "how do I let the school know he'll be off for his operation",
    "how do I contact the SENCO about getting her assessed for dyslexia",  # the SENCO asked for
])
def test_an_everyday_question_is_one(text):
    from concerns.enquiries import asks_an_everyday_question
    assert asks_an_everyday_question(text)


def test_asking_whether_the_school_has_something():
    from concerns.enquiries import asks_whether_there_is
    assert asks_whether_there_is("dose the school have a minibus")
    assert asks_whether_there_is("is there a breakfast club in the holidays")
    assert not asks_whether_there_is("my son was hit at lunch and nobody rang me")


@pytest.mark.parametrize("text", [
    "who do I speak to, my son keeps being pushed in the line",
    "can I speak to his teacher? he comes home crying every day",
    "I'm worried about her, how do I contact the SENCO",
    "can I have a word with the head about how Mr Bell shouted at her",
    "is there a reason nobody has rung me back about my complaint",
    "who do I tell? older kids keep shoving him in the dinner queue",
    "who can I talk to about her reading, I think she might be dyslexic",   # a need: a concern
    "is there someone I can talk to about his speech, nobody understands what he says",
    "how do I get a meeting with his teacher? he can't keep up with the reading",
    "my son has been left out of the football team again",             # asks nothing
])
def test_a_question_with_a_matter_in_it_is_not_an_everyday_question(text):
    from concerns.enquiries import asks_an_everyday_question
    assert not asks_an_everyday_question(text)


@pytest.mark.parametrize("text, thanks", [
    ("thanks so much for sorting the trip money out", True),
    ("really grateful to the office for ringing me back so quickly", True),
    ("cheers for putting the nativity video up, loved it", True),
    ("thanks for the reply but I'm still not happy", False),
    ("thank you to Mrs Kerr, my son is still being picked on though", False),
    ("thanks. he came home with a bruise on his arm again", False),
])
def test_plain_thanks_and_thanks_with_a_matter(text, thanks):
    from concerns.enquiries import plainly_thanks
    assert plainly_thanks(text) is thanks


def _with_vector(message, vector):
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.features import Features
    message.add_features(Features(np.asarray(vector, dtype=np.float32).reshape(1, -1), "sentence", TEXT, "test"))
    return message


def test_an_everyday_question_or_thanks_the_model_read_as_a_matter_starts_no_case(profile):
    from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
    from rasa.shared.nlu.training_data.message import Message
    from components.enquiry_topics import EnquiryTopics

    def encode(texts):
        vocabulary = ["lunch", "dinner", "minibus"]
        return np.array([[1.0 if word in text.lower() else 0.0 for word in vocabulary] + [0.01] for text in texts])

    step = EnquiryTopics(EnquiryTopics.get_default_config())
    step._matcher = TopicMatcher(profile, encode)
    step._matcher.topics = ["dinners", OTHER]
    step._matcher.examples = [encode(["school dinners"]) / np.linalg.norm(encode(["school dinners"])),
                              encode(["minibus"]) / np.linalg.norm(encode(["minibus"]))]
    step._dimension = lambda: 4

    def message(text, intent, confidence=0.7):
        return _with_vector(Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}}),
                            encode([text])[0])

    asked = message("who do I speak to about my daughter's lunch, she's got a nut allergy?", "concern_child")
    thanked = message("really grateful to the caretaker for clearing the snow this morning", "complain_staff")
    existing = message("does the school have a minibus for trips?", "social_media_post")
    worried = message("who do I speak to? my daughter is scared to go in at lunch", "concern_child")
    hurt = message("can I speak to the head, a dinner lady grabbed my son's arm?", "complain_staff")
    complaint = message("mr hall shouted at my son in front of everyone", "complain_staff", 0.9)
    step.process([asked, thanked, existing, worried, hurt, complaint])

    assert asked.get(INTENT)["name"] == "everyday_enquiry"
    assert [e["value"] for e in asked.get(ENTITIES) if e["entity"] == "topic"] == ["dinners"]
    assert thanked.get(INTENT)["name"] == "compliment_staff"
    assert existing.get(INTENT)["name"] == "everyday_enquiry"
    assert worried.get(INTENT)["name"] == "concern_child"
    assert hurt.get(INTENT)["name"] == "complain_staff"
    assert complaint.get(INTENT)["name"] == "complain_staff"


def test_meaning_agrees_with_words_that_tie_when_it_is_one_of_them(profile):
    # "left her phone at after school club": clubs and lost property, one word each
    def encode(texts):
        return np.array([[1.0 if "left" in text.lower() else 0.0, 0.01] for text in texts])

    matcher = TopicMatcher(profile, encode)
    matcher.topics = ["lost_property", "clubs"]
    matcher.examples = [np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])]
    text = "she left her phone at after school club, can someone look"
    assert set(topics_by_words(text, profile)) >= {"clubs", "lost_property"}
    assert matcher.clearly_an_enquiry(text, encode([text])[0])[0] == "lost_property"


# -- a message the model could not place, but read as no matter first (issue 13) --------------
# Written for these tests in our own words, not taken from any held-out or development set.
def test_an_unplaced_message_whose_words_name_a_topic_is_likely_an_enquiry(profile):
    def encode(texts):
        vocabulary = ["inset", "training", "late"]
        return np.array([[1.0 if word in text.lower() else 0.0 for word in vocabulary] + [0.01] for text in texts])

    matcher = TopicMatcher(profile, encode)
    matcher.topics = ["term_dates", "absence", OTHER]
    matcher.examples = [encode(["inset day", "training day"]), encode(["running late"]), encode(["misc"])]
    matcher.examples = [e / np.linalg.norm(e, axis=1, keepdims=True) for e in matcher.examples]
    near = "inset days next year?"
    assert matcher.likely_an_enquiry(near, encode([near])[0], model_says_enquiry=False)[0] == "term_dates"
    # far from every example: only the model's own first reading of an enquiry lets the words decide
    far = "she'll be in a bit after nine, her eye test is at 8.30"
    vector = np.zeros(4)
    vector[-1] = 1.0
    assert matcher.likely_an_enquiry(far, vector, model_says_enquiry=False) is None
    assert matcher.likely_an_enquiry(far, vector, model_says_enquiry=True)[0] == "absence"
    # words that name no topic place nothing
    assert matcher.likely_an_enquiry("hello there", vector, model_says_enquiry=True) is None


def test_an_unplaced_message_is_answered_only_when_the_model_read_no_matter_first(profile):
    from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message
    from components.enquiry_topics import EnquiryTopics

    def encode(texts):
        return np.array([[1.0 if "inset" in text.lower() else 0.0, 0.01] for text in texts])

    step = EnquiryTopics(EnquiryTopics.get_default_config())
    step._matcher = TopicMatcher(profile, encode)
    step._matcher.topics = ["term_dates"]
    # near enough (about 0.46) to be the nearest topic, not near enough to be clearly an enquiry
    step._matcher.examples = [np.array([[1.0, 2.0]]) / np.sqrt(5.0)]
    step._dimension = lambda: 2

    def unplaced(text, first):
        ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": first, "confidence": 0.45},
                   {"name": "everyday_enquiry" if first != "everyday_enquiry" else "out_of_scope", "confidence": 0.4}]
        message = Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
        return _with_vector(message, encode([text])[0])

    asked = unplaced("inset days next year??", "everyday_enquiry")
    out_of_scope = unplaced("inset dates for the year?", "out_of_scope")
    worried = unplaced("inset day tomorrow, is he safe to walk in alone after what happened", "everyday_enquiry")
    a_concern = unplaced("about the inset day last week", "concern_child")   # the model read a matter first
    told = unplaced("he was shoved about at the inset day club", "everyday_enquiry")
    no_question = unplaced("the inset day club was lovely for him", "everyday_enquiry")  # asks nothing
    step.process([asked, out_of_scope, worried, a_concern, told, no_question])
    assert asked.get(INTENT)["name"] == "everyday_enquiry"
    assert [e["value"] for e in asked.get(ENTITIES) if e["entity"] == "topic"] == ["term_dates"]
    assert out_of_scope.get(INTENT)["name"] == "everyday_enquiry"
    assert worried.get(INTENT)["name"] == "nlu_fallback"
    assert a_concern.get(INTENT)["name"] == "nlu_fallback"
    assert told.get(INTENT)["name"] == "nlu_fallback"
    assert no_question.get(INTENT)["name"] == "nlu_fallback"


# -- issue 13: everyday messages the intent model read as a matter ------------------------
from concerns.enquiries import (an_absence_told, asks_an_everyday_question, asks_for_someones_details,  # noqa: E402
                                asks_who_someone_is, tells_of_a_lost_thing)


@pytest.mark.parametrize("text", [
    "her gold necklace from her grandma has gone missing at swimming and she's heartbroken",
    "he's lost his blue rucksack, it had his swimming things in",
    "her lunchbox got mixed up with another girl's, we have the wrong one",
])
def test_a_lost_thing_told_with_feeling_is_lost_property(text, profile):
    assert tells_of_a_lost_thing(text, profile)


@pytest.mark.parametrize("text", [
    "she lost her grandad at the weekend and hasn't stopped crying",
    "he's lost all his confidence since moving class",
    "a teacher took her necklace off her and now it's been lost, we're devastated",
    "someone stole his new trainers from the cloakroom",
    "his coat has gone missing again, third time this term and nobody helps",
])
def test_a_loss_that_is_a_matter_is_not_lost_property(text, profile):
    assert not tells_of_a_lost_thing(text, profile)


@pytest.mark.parametrize("text", [
    "Just so her teacher knows, Maya won't be in today, she was up all night with a wheezy chest",
    "keeping him off today, he's got a high temperature, Year 3",
])
def test_a_child_off_told_as_a_notice_is_an_absence(text, profile):
    assert an_absence_told(text, profile)


@pytest.mark.parametrize("text", [
    "he won't be in today, he's being pushed around at break and won't go",
    "she's off again, she hates coming in and no one is helping",
    "the office never passed on that he'd be off for the dentist",
    "a little lad on our road won't be in again, his mam keeps him home",
])
def test_a_matter_about_a_child_off_is_not_an_absence(text, profile):
    assert not an_absence_told(text, profile)


def test_asking_for_someones_name_or_email_is_a_contacts_question():
    assert asks_for_someones_details("Could you give me the name of the man who runs the office?")
    assert asks_for_someones_details("please can you send me the email for the head")
    assert asks_who_someone_is("hw do i contact the deputy head")
    assert not asks_for_someones_details("Can I speak to a real person please")
    assert not asks_for_someones_details("How do I get hold of Mr Bell? I need to speak to him")
    assert not asks_for_someones_details("can you give me the name of the teacher who shouted at my son")


def test_a_question_after_a_remark_is_asked():
    assert asks_an_everyday_question("the lane up to school is like glass, are you still open")
    assert not asks_an_everyday_question("the lane up to school is like glass and nobody gritted it, disgusting")


def test_late_in_and_a_thing_left_behind(profile):
    assert an_absence_told("Oscar will be a bit late this morning, he's at the orthodontist first", profile)
    assert tells_of_a_lost_thing("he left his water bottle on the field, could someone have a look?", profile)
    assert not tells_of_a_lost_thing("she was left in tears at the gate and her bag went missing", profile)


@pytest.mark.parametrize("text, asked", [
    ("do you have an anti-bullying policy I can read", True),
    ("what's the complaints procedure? just want to know how it works", True),
    ("where can I find the safeguarding policy", True),
    ("what's your policy on mobile phones, my son wants to bring his in?", True),
    ("you didn't follow your own anti-bullying policy, he was hit again today", False),
    ("the behaviour policy wasn't followed when he was shouted at", False),
    ("I want to complain about how my son was treated", False),
    ("is there a bullying policy? a boy keeps punching my son", False),
])
def test_a_policy_asked_for_is_an_enquiry(text, asked):
    from concerns.enquiries import asks_for_a_policy
    assert asks_for_a_policy(text) is asked
