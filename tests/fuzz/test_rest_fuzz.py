"""Bad input on the REST channel (/webhooks/rest/webhook): never a 500, and afterwards the
assistant still answers an ordinary message."""
from __future__ import annotations

import json

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from concerns.ratelimit import rate_limit_notice_from_profile

RATE_LIMIT_NOTICE = rate_limit_notice_from_profile()
from tests.fuzz.conftest import (RATE_LIMIT, assert_clear_answer, assert_rest_still_answers, fresh_sender, fuzz,
                                 rest_url)
from tests.fuzz.strategies import message_text, not_an_object, raw_bytes, wrong_type

FUZZ = fuzz()


def post_json(stack, payload) -> requests.Response:
    body = json.dumps(payload).encode()
    return requests.post(rest_url(stack), data=body, headers={"Content-Type": "application/json"}, timeout=120)


@FUZZ
@given(text=message_text)
def test_any_message_text_is_answered_or_refused_clearly(fuzz_stack, text):
    reply = post_json(fuzz_stack, {"sender": fresh_sender(), "message": text})
    assert_clear_answer(reply)
    if reply.status_code == 200:
        assert isinstance(reply.json(), list)


@FUZZ
@given(sender=wrong_type, message=st.one_of(wrong_type, message_text))
def test_wrong_types_for_sender_and_message(fuzz_stack, sender, message):
    assert_clear_answer(post_json(fuzz_stack, {"sender": sender, "message": message}))


@FUZZ
@given(body=not_an_object)
def test_json_that_is_not_an_object(fuzz_stack, body):
    reply = post_json(fuzz_stack, body)
    assert reply.status_code == 400 and "JSON object" in reply.json()["error"], reply.text[:300]


@FUZZ
@given(body=raw_bytes, content_type=st.sampled_from(["application/json", "text/plain", "", "multipart/form-data"]))
def test_bodies_that_are_not_json(fuzz_stack, body, content_type):
    reply = requests.post(rest_url(fuzz_stack), data=body, headers={"Content-Type": content_type}, timeout=60)
    assert reply.status_code == 400 and reply.json()["error"], reply.text[:300]


def test_the_rest_channel_still_answers_after_the_fuzzing(fuzz_stack):
    assert_rest_still_answers(fuzz_stack)


def test_rest_over_the_limit_is_told_once_and_asked_to_resend(fuzz_stack):
    sender = fresh_sender("rest-fast")
    replies = [requests.post(rest_url(fuzz_stack), json={"sender": sender, "message": f"message number {n}"},
                             timeout=60) for n in range(RATE_LIMIT + 2)]
    assert [r.status_code for r in replies] == [200] * RATE_LIMIT + [429, 429]
    assert RATE_LIMIT_NOTICE in replies[RATE_LIMIT].text and RATE_LIMIT_NOTICE not in replies[-1].text


def test_a_message_too_long_to_read_is_refused_whole_with_the_reason(fuzz_stack):
    reply = post_json(fuzz_stack, {"sender": fresh_sender(), "message": "my son " * 20_000})
    assert reply.status_code == 413 and "shorter parts" in reply.json()["error"]


def test_a_message_is_recorded_as_rest_whatever_channel_the_body_names(fuzz_stack):
    sender = fresh_sender("rest-channel")
    reply = post_json(fuzz_stack, {"sender": sender, "message": "hello", "input_channel": "facebook"})
    assert reply.status_code == 200
    tracker = fuzz_stack.tracker(sender)
    assert tracker["latest_message"]["text"] == "hello"
    assert [e.get("input_channel") for e in tracker["events"] if e["event"] == "user"] == ["rest"]
