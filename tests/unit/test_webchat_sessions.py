"""Widget session ids expire: each is signed with the time it was issued, and after
WEBCHAT_SESSION_HOURS a copied or leaked id no longer joins or speaks in the conversation.
The channel is served for real (Sanic and socket.io in this process) with a clock the test
moves on."""
from __future__ import annotations

import asyncio

import pytest
import socketio

from channels.senders import SENDER_ID_MAX
from channels.webchat import SessionIds, WebChatInput, session_hours_from_environment
from tests.unit.channel_server import serving

SECRET = "test-session-secret"
ORIGIN = "http://127.0.0.1:8000"
HOUR = 3600.0


class Clock:
    def __init__(self, now: float = 1_790_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_an_id_is_accepted_for_its_lifetime_and_refused_after():
    clock = Clock()
    ids = SessionIds(SECRET, 24 * HOUR, clock)
    session_id = ids.issue()
    assert len(session_id) <= SENDER_ID_MAX  # a case can always be filed under it
    clock.now += 24 * HOUR
    assert ids.is_current(session_id)
    clock.now += 1
    assert not ids.is_current(session_id)


def test_the_issue_time_cannot_be_moved_on_and_old_or_foreign_ids_are_refused():
    clock = Clock()
    ids = SessionIds(SECRET, HOUR, clock)
    random_part, issued, tag = ids.issue().split(".")
    clock.now += 2 * HOUR
    assert not ids.is_current(f"{random_part}.{int(clock.now)}.{tag}")  # the time is signed too
    assert not ids.is_current(f"{random_part}.{tag}")  # an id of the old form, with no time
    assert not SessionIds("another-secret", HOUR, clock).is_current(ids.issue())
    assert not ids.is_current(f"{random_part}.{issued}.{tag}" + "0" * 300)  # over the column's length
    for odd in (None, 7, "", "a.b.c", f"{random_part}.１２.{tag}"):
        assert not ids.is_current(odd)


def test_the_lifetime_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEBCHAT_SESSION_HOURS", "2.5")
    assert session_hours_from_environment() == 2.5
    for unusable in ("", "soon", "0", "-3"):
        monkeypatch.setenv("WEBCHAT_SESSION_HOURS", unusable)
        assert session_hours_from_environment() == 24


class Widget:
    """A socket.io client doing what the widget does, recording what the server sends."""

    def __init__(self):
        self.client = socketio.AsyncClient(reconnection=False)
        self.events: asyncio.Queue = asyncio.Queue()
        for name in ("session_confirm", "session_expired", "bot_uttered"):
            self.client.on(name, self._recorder(name))

    def _recorder(self, name):
        async def record(data=None):
            await self.events.put((name, data))
        return record

    async def connect(self, base_url: str) -> None:
        await self.client.connect(base_url, headers={"Origin": ORIGIN}, transports=["polling"], wait_timeout=10)

    async def next_event(self) -> tuple[str, object]:
        return await asyncio.wait_for(self.events.get(), timeout=30)

    async def start_session(self, session_id=None) -> str:
        await self.client.emit("session_request", {"session_id": session_id})
        name, confirmed = await self.next_event()
        assert name == "session_confirm"
        return confirmed


def test_a_message_on_an_expired_session_is_sent_back_unread_and_the_old_id_cannot_rejoin():
    clock = Clock()
    handled = []

    async def on_new_message(message):
        handled.append((message.sender_id, message.text))
        await message.output_channel.send_text_message(message.sender_id, "answered")

    async def run():
        channel = WebChatInput(SECRET, [ORIGIN], session_hours=24, clock=clock)
        async with serving(channel, on_new_message) as base_url:
            widget = Widget()
            await widget.connect(base_url)
            try:
                first = await widget.start_session()
                await widget.client.emit("user_uttered", {"message": "hello"})
                assert await widget.next_event() == ("bot_uttered", {"text": "answered"})

                clock.now += 24 * HOUR + 1
                await widget.client.emit("user_uttered", {"message": "my son is upset"})
                assert await widget.next_event() == ("session_expired", {"message": "my son is upset"})
                assert handled == [(first, "hello")]  # the late message was not read

                # The widget asks again with its old id: it gets a new one, and speaks there.
                second = await widget.start_session(first)
                assert second != first and channel.ids.is_current(second)
                await widget.client.emit("user_uttered", {"message": "my son is upset"})
                assert await widget.next_event() == ("bot_uttered", {"text": "answered"})
                assert handled[-1] == (second, "my son is upset")
            finally:
                await widget.client.disconnect()

    asyncio.run(run())
