"""Bad input on the Messenger webhook, correctly signed (so it gets past the signature check
and reaches the parsing): never a 500, and afterwards a parent's message is still answered."""
from __future__ import annotations

import uuid

import requests
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import (assert_clear_answer, assert_messenger_still_answers, crashes_logged, fresh_sender,
                                 fuzz, messenger_delivery, messenger_url, now_ms, post_messenger, sign)
from tests.fuzz.strategies import any_text, json_values, message_text, not_an_object, raw_bytes, wrong_type

FUZZ = fuzz()


def attachment():
    return st.one_of(wrong_type, st.fixed_dictionaries(
        {"type": st.one_of(st.sampled_from(["image", "file", "location", "fallback"]), wrong_type),
         "payload": st.one_of(wrong_type, st.fixed_dictionaries({"url": st.one_of(any_text, wrong_type)}))}))


@st.composite
def messenger_events(draw):
    """An event shaped roughly like Meta's, with any field possibly of the wrong type."""
    event = {"sender": draw(st.one_of(st.fixed_dictionaries({"id": st.just(fresh_sender("fb"))}), wrong_type)),
             "recipient": {"id": "PAGE_ID"},
             "timestamp": draw(st.one_of(st.just(now_ms()), wrong_type))}
    kind = draw(st.sampled_from(["message", "postback", "other"]))
    if kind == "message":
        event["message"] = draw(st.one_of(wrong_type, st.fixed_dictionaries(
            {"mid": st.one_of(st.just("m-" + uuid.uuid4().hex), wrong_type),
             "text": st.one_of(message_text, wrong_type)},
            optional={"attachments": st.one_of(wrong_type, st.lists(attachment(), max_size=5)),
                      "quick_reply": st.one_of(wrong_type, st.fixed_dictionaries({"payload": json_values})),
                      "is_echo": wrong_type})))
    elif kind == "postback":
        event["postback"] = draw(st.one_of(wrong_type, st.fixed_dictionaries(
            {"payload": st.one_of(any_text, wrong_type)}, optional={"title": st.one_of(any_text, wrong_type)})))
    else:
        event[draw(st.sampled_from(["read", "delivery", "optin", "referral", "standby"]))] = draw(json_values)
    return event


@FUZZ
@given(events=st.lists(messenger_events(), min_size=1, max_size=3))
def test_signed_deliveries_with_odd_events(fuzz_stack, events):
    reply = post_messenger(fuzz_stack, messenger_delivery(*events))
    assert_clear_answer(reply)


@FUZZ
@given(body=st.one_of(not_an_object, json_values))
def test_signed_json_of_any_shape(fuzz_stack, body):
    assert_clear_answer(post_messenger(fuzz_stack, body))


@FUZZ
@given(body=raw_bytes)
def test_signed_bytes_that_are_not_json(fuzz_stack, body):
    assert_clear_answer(post_messenger(fuzz_stack, body))


@fuzz(10)
@given(header=st.one_of(st.from_regex(r"[!-~][ -~]{0,80}", fullmatch=True), st.just("sha256="), st.just("sha1="),
                        st.from_regex(r"sha(1|256)=[0-9a-f]{40,64}", fullmatch=True)))
def test_unsigned_or_badly_signed_bodies_are_refused(fuzz_stack, header):
    body = b'{"object": "page", "entry": []}'
    reply = requests.post(messenger_url(fuzz_stack), data=body, timeout=30,
                          headers={"Content-Type": "application/json", "X-Hub-Signature-256": header})
    assert reply.status_code == 403


def test_a_huge_attachment_list_is_kept_within_bounds(fuzz_stack):
    sender = fresh_sender("fb-attach")
    attachments = [{"type": "image", "payload": {"url": f"https://cdn.example.org/{n}.png"}} for n in range(5000)]
    event = {"sender": {"id": sender}, "recipient": {"id": "PAGE_ID"}, "timestamp": now_ms(),
             "message": {"mid": "m-" + uuid.uuid4().hex, "attachments": attachments}}
    reply = post_messenger(fuzz_stack, messenger_delivery(event))
    assert reply.status_code == 200 and reply.json()["handled"] == 1
    tracker = fuzz_stack.tracker(sender)
    [user] = [e for e in tracker["events"] if e["event"] == "user"]
    assert len(user["metadata"]["attachments"]) == 100


def test_a_wrong_signature_over_the_right_body_is_refused(fuzz_stack):
    body = b'{"object": "page", "entry": []}'
    reply = requests.post(messenger_url(fuzz_stack), data=body, timeout=30,
                          headers={"X-Hub-Signature-256": sign(body + b"x")})
    assert reply.status_code == 403


def test_messenger_still_answers_after_the_fuzzing(fuzz_stack):
    assert_messenger_still_answers(fuzz_stack)
    # Events are handled one by one inside the answer; none of them may have crashed there.
    assert crashes_logged(fuzz_stack, 0, "channels/messenger.py", "MessengerInput") == []
    assert "a Messenger event could not be handled" not in fuzz_stack.read_log()
