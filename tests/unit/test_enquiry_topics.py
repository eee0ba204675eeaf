"""An everyday enquiry's topic, by meaning as well as words (concerns/enquiries.py's TopicMatcher)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from concerns.enquiries import OTHER, TopicMatcher, topic_examples
from concerns.profile import ApprovedAnswer, load_profile

ROOT = Path(__file__).resolve().parents[2]
ENCODER = ROOT / "models" / "encoder" / "all-minilm-l6-v2"


@pytest.fixture(scope="module")
def profile():
    return load_profile(ROOT / "school" / "oakley_cross.yml")


def words_vector(texts: list[str]) -> np.ndarray:
    """A stand-in sentence vector: which of a few words a text holds (same for every process)."""
    vocabulary = ["hiring", "vacancy", "job", "dinner", "menu", "bike", "rack", "helmet"]
    return np.array([[1.0 if word in text.lower() else 0.0 for word in vocabulary] + [0.01] for text in texts])


def test_every_topic_the_school_answers_has_examples_and_a_schools_own_topic_brings_its_own(profile):
    examples = topic_examples(profile)
    assert {"school_day", "term_dates", "closure", "absence", "contacts", "jobs", "volunteering"} <= set(examples)
    assert "thanks" not in examples  # thanks is the model's own intent
    assert examples[OTHER]  # questions no topic answers, so they are not pulled into one
    bikes = ApprovedAnswer(topic="bikes", keywords=("bike rack",), answer="Bikes go in the rack by the gate.",
                           examples=("where can he leave his bike", "is there a bike rack"))
    own = dataclasses.replace(profile, answers=profile.answers + (bikes,))
    assert topic_examples(own)["bikes"] == bikes.examples


def _matcher(profile, examples: dict[str, list[str]]) -> TopicMatcher:
    """A matcher whose topics' examples are these, read by the stand-in vector."""
    matcher = TopicMatcher(profile, words_vector)
    matcher.topics = list(examples)
    matcher.examples = [e / np.linalg.norm(e, axis=1, keepdims=True)
                        for e in (words_vector(texts) for texts in examples.values())]
    return matcher


def test_meaning_finds_a_topic_no_keyword_names(profile):
    matcher = _matcher(profile, {"jobs": ["are you hiring", "any job going"], "dinners": ["dinner menu"]})
    # "hiring" is in no keyword list for jobs, but jobs' examples mean the same
    assert matcher.topic("are you hiring this september?", words_vector(["are you hiring"])[0]) == "jobs"


def test_nothing_close_leaves_the_words_to_decide(profile):
    matcher = _matcher(profile, {"jobs": ["are you hiring"], "dinners": ["dinner menu"]})
    far = np.zeros(9)
    far[-1] = 1.0  # close to no example of any topic
    assert matcher.topic("what time does school finish", far) == "school_day"   # the words
    assert matcher.topic("can my dog come to sports day", far) == OTHER


@pytest.mark.skipif(not (ENCODER / "model.safetensors").exists(), reason="make setup puts the encoder in place")
def test_with_the_real_encoder_plain_questions_find_their_topics(profile):
    from components.minilm import MiniLMEncoder

    encoder = MiniLMEncoder(ENCODER)
    matcher = TopicMatcher(profile, lambda texts: encoder.encode(texts)[0])
    for text, topic in (("do you have any job vacancies at the moment", "jobs"),
                        ("what time does school finish today", "school_day"),
                        ("is the school closed because of the snow", "closure"),
                        ("when is the school nurse coming in to check their height", OTHER)):
        assert matcher.topic(text, encoder.encode([text])[0][0]) == topic, text


def test_a_question_no_topic_answers_gets_the_office_whatever_its_words(profile):
    from concerns.calendar import SchoolCalendar
    import datetime as dt
    from concerns.enquiries import answer_enquiry

    calendar = SchoolCalendar(profile)
    # "time" and "school" would send the words to the school day's times
    answer = answer_enquiry("what time is the school nurse in", profile, calendar,
                            dt.datetime(2026, 12, 7, 9, 0), topic=OTHER)
    assert answer.topic == OTHER and profile.office_phone in answer.text


def test_a_message_the_model_could_not_place_is_an_enquiry_only_when_meaning_and_words_agree(profile):
    matcher = _matcher(profile, {"jobs": ["any job going", "job vacancy"], "dinners": ["dinner menu"]})
    near_jobs = words_vector(["job vacancy"])[0]
    topic, closeness = matcher.clearly_an_enquiry("do you have any job vacancies", near_jobs)
    assert topic == "jobs" and closeness >= 0.6
    # the meaning alone is not enough: the words say another topic
    assert matcher.clearly_an_enquiry("when do the summer holidays start", near_jobs) is None
    # nor the words alone, far from every example
    far = np.zeros(9)
    far[-1] = 1.0
    assert matcher.clearly_an_enquiry("do you have any job vacancies", far) is None


@pytest.mark.skipif(not (ENCODER / "model.safetensors").exists(), reason="make setup puts the encoder in place")
def test_with_the_real_encoder_a_plain_question_is_placed_and_a_concern_is_not(profile):
    from components.minilm import MiniLMEncoder

    encoder = MiniLMEncoder(ENCODER)
    matcher = TopicMatcher(profile, lambda texts: encoder.encode(texts)[0])

    def placed(text):
        return matcher.clearly_an_enquiry(text, encoder.encode([text])[0][0])

    assert placed("how much are school dinners a week")[0] == "dinners"
    assert placed("my son is being bullied at lunchtime and the dinner staff do nothing") is None
