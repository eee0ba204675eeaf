"""Staff replies are kept with whether they reached the parent (migration 0007), and a web
reply sent while the parent was away is shown when their widget comes back to its session:
the case store on SQLite and PostgreSQL, the web chat channel served for real."""
from __future__ import annotations

import asyncio

import pytest
import socketio

from channels.webchat import WebChatInput, WebChatOutput
from concerns.store import CaseStore
from tests.unit.channel_server import serving

ORIGIN = "http://127.0.0.1:8000"


def test_a_reply_is_pending_until_settled_and_a_failure_keeps_its_reason(store):
    sent = store.record_staff_reply("psid-1", "facebook", "office@x", "Mrs Barker", "Hello")
    failed = store.record_staff_reply("psid-1", "facebook", "office@x", "Mrs Barker", "Are you there?")
    assert [r["status"] for r in store.staff_replies_to("psid-1")] == ["pending", "pending"]
    store.settle_staff_reply(sent, True, attempts=2)
    store.settle_staff_reply(failed, False, "Messenger answered 400: outside of allowed window", attempts=1)
    first, second = store.staff_replies_to("psid-1")
    assert (first["status"], first["reason"], first["attempts"]) == ("delivered", None, 2)
    assert (second["status"], second["reason"]) == ("failed", "Messenger answered 400: outside of allowed window")
    assert store.staff_replies_to("someone-else") == []


def test_only_the_parent_s_own_session_marks_a_web_reply_delivered(store):
    kept = store.record_staff_reply("session-a", "web", "office@x", "Mrs Barker", "We rang you back")
    on_messenger = store.record_staff_reply("session-a", "facebook", "office@x", "Mrs Barker", "Hi")
    assert not store.reply_shown_to_parent(kept, "session-b")       # another parent's chat
    assert not store.reply_shown_to_parent(on_messenger, "session-a")  # not a web reply
    assert store.reply_shown_to_parent(kept, "session-a")
    assert store.staff_replies_to("session-a", status="delivered")[0]["id"] == kept


def test_a_web_reply_sent_while_the_parent_was_away_is_shown_when_they_come_back(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    CaseStore(url).migrate()
    monkeypatch.setenv("DATABASE_URL", url)
    channel = WebChatInput("secret", [ORIGIN])

    async def nothing(_message) -> None:
        return None

    async def run():
        async with serving(channel, nothing) as base_url:
            async def connect(session_id):
                client = socketio.AsyncClient(reconnection=False)
                heard: asyncio.Queue = asyncio.Queue()
                for name in ("session_confirm", "history", "bot_uttered"):
                    client.on(name, lambda data, name=name: heard.put_nowait((name, data)))
                await client.connect(base_url, headers={"Origin": ORIGIN}, transports=["polling"], wait_timeout=10)
                await client.emit("session_request", {"session_id": session_id})
                kind, confirmed = await heard.get()
                assert kind == "session_confirm"
                return client, heard, confirmed

            # The parent chats, then closes the laptop: their connection goes.
            first, _, session_id = await connect(None)
            await first.disconnect()
            # Staff reply meanwhile: kept, and sent to a room nobody is in.
            store = CaseStore(url)
            reply_id = store.record_staff_reply(session_id, "web", "office@x", "Mrs Barker", "We can help with that")
            await WebChatOutput(channel.sio, "bot_uttered").send_custom_json(
                session_id, {"text": "We can help with that", "staff_reply": reply_id})
            assert store.staff_replies_to(session_id)[0]["status"] == "pending"

            # Someone else's connection asks for the history: it gets only its own (none).
            stranger, stranger_heard, _ = await connect(None)
            await stranger.emit("history_request", {})
            assert await stranger_heard.get() == ("history", {"staff_replies": []})
            await stranger.disconnect()

            # The parent comes back to the same session: the widget asks, and is told.
            back, heard, same = await connect(session_id)
            assert same == session_id
            await back.emit("history_request", {})
            assert await heard.get() == ("history", {"staff_replies": [
                {"staff_reply": reply_id, "text": "We can help with that"}]})
            await back.emit("reply_shown", {"staff_reply": reply_id})
            # The server settles it in its own time; wait for the status, not for a clock.
            for _ in range(200):
                if store.staff_replies_to(session_id)[0]["status"] == "delivered":
                    break
                await asyncio.sleep(0.05)
            await back.disconnect()
            return store.staff_replies_to(session_id)[0]["status"]

    assert asyncio.run(asyncio.wait_for(run(), 60)) == "delivered"


@pytest.mark.parametrize("status, reason, note", [
    ("delivered", None, "delivered"),
    ("pending", None, "not delivered yet"),
    ("failed", "Messenger answered 400: (#551) This person isn't available right now.", "not delivered: refused by Messenger (400)"),
    ("failed", "Messenger answered 503; tried 3 times", "not delivered: Messenger failed (503)"),
    ("failed", "Messenger did not answer in time; tried 3 times", "not delivered: Messenger did not answer in time"),
    ("failed", "Messenger could not be reached (ClientConnectorError); tried 3 times",
     "not delivered: Messenger could not be reached"),
    ("failed", "Messenger is not configured (FB_PAGE_ACCESS_TOKEN is not set)",
     "not delivered: Messenger is not configured"),
    ("failed", "the assistant's server could not be reached", "not delivered: the assistant's server could not be reached"),
    ("failed", None, "not delivered: sending failed"),
])
def test_a_replys_delivery_is_told_by_its_kind_of_failure(status, reason, note):
    from concerns.replies import delivery_note

    assert delivery_note(status, reason) == note


def test_a_case_filed_after_a_failed_messenger_reply_says_so_in_its_transcript(tmp_path):
    """The case's copy of the conversation never shows a reply that did not arrive as a plain line."""
    from concerns.service import Core, Intake
    from concerns.settings import Settings
    from concerns.transcript import current_intake

    core = Core(Settings(database_url=f"sqlite:///{tmp_path / 'cases.db'}", clock_override="2026-11-25T10:00:00"))
    failed = core.store.record_staff_reply("psid-9", "facebook", "office@x", "Mrs Julie Barker", "Hello, this is Mrs Barker.")
    core.store.settle_staff_reply(failed, False, "Messenger answered 400: (#10) outside of allowed window", attempts=1)
    arrived = core.store.record_staff_reply("psid-9", "facebook", "office@x", "Mrs Julie Barker", "Are you still there?")
    core.store.settle_staff_reply(arrived, True)
    staff = {"metadata": {"staff": "Mrs Julie Barker"}, "timestamp": 1764064702.0, "text": None}
    events = [{"event": "user", "text": "hello", "timestamp": 1764064700.0},
              {"event": "pause"},
              {"event": "bot", **staff, "data": {"custom": {"text": "Hello, this is Mrs Barker.", "staff_reply": failed}}},
              {"event": "bot", **staff, "data": {"custom": {"text": "Are you still there?", "staff_reply": arrived}}},
              {"event": "resume"},
              {"event": "user", "text": "the letters always come late", "timestamp": 1764064800.0},
              {"event": "action", "name": "action_triage"}]
    record = core.file(Intake("complain_school", "facebook", "psid-9", parent_name="Jo", contact="jo@example.org",
                              account="the letters always come late", transcript=current_intake(events)))
    kept = {line["text"]: line.get("delivery") for line in core.store.get(record["reference"])["transcript"]}
    assert kept["Hello, this is Mrs Barker."] == "not delivered: refused by Messenger (400)"
    assert kept["Are you still there?"] == "delivered"
    assert kept["hello"] is None
