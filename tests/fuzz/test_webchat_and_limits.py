"""The website widget's socket.io channel under bad input, and the per-sender rate limits on
Messenger and the widget: over the limit the parent is told once, kindly, to send it again."""
from __future__ import annotations

import time

import socketio
from hypothesis import given
from hypothesis import strategies as st

from concerns.ratelimit import rate_limit_notice_from_profile

RATE_LIMIT_NOTICE = rate_limit_notice_from_profile()
from tests.fuzz.conftest import (RATE_LIMIT, assert_messenger_still_answers, crashes_logged, fresh_sender, fuzz,
                                 messenger_delivery, post_messenger, text_event)
from tests.fuzz.strategies import json_values, message_text, wrong_type


class WidgetClient:
    """A socket.io client that behaves like the widget: asks for a session, then talks."""

    def __init__(self, stack):
        self.client = socketio.Client(reconnection=False)
        self.session_ids: list[str] = []
        self.said: list[str] = []
        self.client.on("session_confirm", lambda session_id: self.session_ids.append(session_id))
        self.client.on("bot_uttered", lambda data: self.said.append((data or {}).get("text") or ""))
        self.client.connect(f"http://127.0.0.1:{stack.rasa_port}", headers={"Origin": stack.console_url},
                            transports=["polling"], wait_timeout=10)

    def start_session(self) -> str:
        self.client.emit("session_request", {"session_id": None})
        self.wait_for(lambda: self.session_ids)
        return self.session_ids[0]

    def say(self, data) -> None:
        self.client.emit("user_uttered", data)

    def wait_for(self, condition, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            self.client.sleep(0.1)
        return False

    def close(self) -> None:
        self.client.disconnect()


def test_the_widget_survives_odd_events_and_still_answers(fuzz_stack):
    log_start = len(fuzz_stack.read_log())
    widget = WidgetClient(fuzz_stack)
    try:
        # Before any session: refused quietly, nothing crashes.
        widget.say({"message": "hello"})
        widget.client.emit("user_uttered")  # no data at all
        widget.client.emit("session_request")

        @fuzz(20)
        @given(request=st.one_of(json_values, wrong_type), utterance=st.one_of(
            json_values, st.fixed_dictionaries({"message": st.one_of(message_text, wrong_type)},
                                               optional={"session_id": json_values, "customData": json_values})))
        def odd_events(request, utterance):
            widget.client.emit("session_request", request)
            widget.say(utterance)

        odd_events()
        # Everything above was sent on one connection; a new one, like a new page, must work.
    finally:
        widget.close()
    widget = WidgetClient(fuzz_stack)
    try:
        widget.start_session()
        widget.say({"message": "hello"})
        assert widget.wait_for(lambda: widget.said), "the widget got no answer after the odd events"
    finally:
        widget.close()
    assert crashes_logged(fuzz_stack, log_start, "channels/webchat.py", "WebChatInput") == []


def test_messenger_over_the_limit_is_told_once_and_the_rest_are_not_read(fuzz_stack):
    sender = fresh_sender("fb-fast")
    events = [text_event(sender, f"message number {n}") for n in range(RATE_LIMIT + 3)]
    reply = post_messenger(fuzz_stack, messenger_delivery(*events))
    assert reply.status_code == 200
    assert reply.json()["handled"] == RATE_LIMIT and reply.json()["refused"]["rate_limited"] == 3
    texts = fuzz_stack.graph.texts_to(sender)
    assert texts.count(RATE_LIMIT_NOTICE) == 1
    # Someone else on the same page is not slowed down by this parent.
    assert_messenger_still_answers(fuzz_stack)


def test_the_widget_over_the_limit_is_told_once(fuzz_stack):
    widget = WidgetClient(fuzz_stack)
    try:
        widget.start_session()
        for n in range(RATE_LIMIT + 3):
            widget.say({"message": f"message number {n}"})
        assert widget.wait_for(lambda: RATE_LIMIT_NOTICE in widget.said)
        widget.client.sleep(3)  # any further notice would have arrived by now
        assert widget.said.count(RATE_LIMIT_NOTICE) == 1
    finally:
        widget.close()

