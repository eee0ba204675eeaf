"""Words about how to be reached that say someone at home must not see, hear or know: a hint of
domestic abuse (concerns.safety.contact_may_not_be_safe), never an alert on its own."""
import pytest

from concerns.safety import contact_may_not_be_safe, may_be_at_risk


@pytest.mark.parametrize("text", [
    "text only please, he checks my phone",
    "don't ring, he'll be home",
    "pls only email me, my husband can't know I've contacted school",
    "dont call after 4 he'll be back and he'll go mad",
    "im on my mates phone so dont reply on here",
    "email only, if he sees a missed call from the school he will kick off",
    "could you only contact me in school hours while hes at work",
    "text is safer, my partner goes through my emails",
    "dont post anything home, he opens my letters",
    "its not safe to ring mine, try my sisters",
    "its my husbands phone so please dont text it",
    "using my neighbours phone, dont reply to this number",
])
def test_a_hint_that_contact_is_not_safe_is_heard_anywhere(text):
    assert contact_may_not_be_safe(text) and not may_be_at_risk(text)


@pytest.mark.parametrize("text", ["he goes through my phone", "she'll be home after 4", "my partner can't know"])
def test_in_answer_to_the_number_question_the_reason_alone_is_a_hint(text):
    assert contact_may_not_be_safe(text, asked_for_contact=True) and not contact_may_not_be_safe(text)


@pytest.mark.parametrize("text", [
    "please don't ring between 3 and 4, he'll be home from school",
    "text only please, I'm at work all day",
    "dont ring before 10, I'm on nights",
    "email only please, my phone is broken",
    "my husband is home after 5 so ring him then",
    "don't call, he's in hospital",
    "can you email me, he's in year 4",
    "ring my husbands number instead, im at work",
    "the school isnt safe to send him to with the roadworks",
    "best to ring, i never check my emails",
    "my son can't know I've been in touch, he'd be so embarrassed",
    "I spoke to his teacher last week and she said she'd be back to me",
    "I contacted the school on monday and he said he'll be in touch",
])
def test_everyday_ways_to_be_reached_are_no_hint(text):
    assert not contact_may_not_be_safe(text, asked_for_contact=True)
