"""Nothing a parent wrote reaches the logs through an exception's text: a failure is logged by
its kind. An exception's text can quote the parent (a database error quotes the row it could
not write), so each test makes one that does, on the paths where failures are logged: each
channel's handler, served for real, and the tracker store Rasa keeps conversations in."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import sqlite3
import time

import aiohttp
import pytest
import rasa.core.agent
import socketio
from rasa.core.agent import Agent
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels import tracker_store_errors
from channels.messenger import MessengerInput
from channels.rest import SafeRestInput
from channels.webchat import WebChatInput
from tests.unit.channel_server import serving

MARKER = "Tobias-7f3a says his stepdad hits him"
APP_SECRET = "log-test-app-secret"
ORIGIN = "http://127.0.0.1:8000"


async def fails_quoting_the_parent(message) -> None:
    """The dialogue failing as a database would: its exception quotes what the parent wrote."""
    raise RuntimeError(f"could not write event [parameters: ({message.sender_id!r}, {message.text!r})]")


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def assert_logged_by_kind_only(logged, kind: str) -> None:
    assert kind in logged.text  # the failure really was logged, and these are the logs
    assert MARKER not in logged.text
    assert not any(record.exc_info for record in logged.records)  # no traceback: it repeats the text


def test_a_rest_message_that_fails_is_logged_by_kind(logged):
    async def run():
        async with serving(SafeRestInput(), fails_quoting_the_parent) as base_url:
            async with aiohttp.ClientSession() as client:
                for query in ("", "?stream=true"):
                    async with client.post(f"{base_url}/webhooks/rest/webhook{query}",
                                           json={"sender": "log-test", "message": MARKER}) as reply:
                        assert reply.status == 200
                        assert "something went wrong" in await reply.text()  # and the stream ended

    asyncio.run(asyncio.wait_for(run(), 60))
    assert_logged_by_kind_only(logged, "RuntimeError")


def test_a_messenger_event_that_fails_is_logged_by_kind(logged):
    channel = MessengerInput(APP_SECRET, "verify", "page-token", "http://127.0.0.1:9", "v26.0")
    event = {"sender": {"id": "psid-log-test"}, "recipient": {"id": "PAGE"}, "timestamp": int(time.time() * 1000),
             "message": {"mid": "m-log-test", "text": MARKER}}
    body = json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": event["timestamp"],
                                                    "messaging": [event]}]}).encode()
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()

    async def run():
        async with serving(channel, fails_quoting_the_parent) as base_url:
            async with aiohttp.ClientSession() as client:
                async with client.post(f"{base_url}/webhooks/facebook/webhook", data=body,
                                       headers={"Content-Type": "application/json",
                                                "X-Hub-Signature-256": signature}) as reply:
                    return reply.status, await reply.json()

    status, answer = asyncio.run(asyncio.wait_for(run(), 60))
    # Reached the dialogue, which failed: Meta is asked to deliver it again.
    assert status == 503 and answer["handled"] == 0 and answer["to_retry"] == 1
    assert_logged_by_kind_only(logged, "RuntimeError")


def test_a_web_chat_message_that_fails_is_logged_by_kind(logged):
    async def run():
        async with serving(WebChatInput("secret", [ORIGIN]), fails_quoting_the_parent) as base_url:
            client = socketio.AsyncClient(reconnection=False)
            said: asyncio.Queue = asyncio.Queue()
            client.on("session_confirm", lambda session_id: said.put_nowait(("session", session_id)))
            client.on("bot_uttered", lambda data: said.put_nowait(("bot", data)))
            await client.connect(base_url, headers={"Origin": ORIGIN}, transports=["polling"], wait_timeout=10)
            try:
                await client.emit("session_request", {"session_id": None})
                assert (await said.get())[0] == "session"
                await client.emit("user_uttered", {"message": MARKER})
                kind, apology = await said.get()
                assert kind == "bot" and "something went wrong" in apology["text"]
            finally:
                await client.disconnect()

    asyncio.run(asyncio.wait_for(run(), 60))
    assert_logged_by_kind_only(logged, "RuntimeError")


def test_a_tracker_store_failure_is_logged_by_kind(logged, tmp_path, monkeypatch):
    """The conversations database refuses the parent's message (SQLite, failing as a full
    or broken disk would): Rasa's own fail-safe store logged the statement's parameters."""
    path = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
    with sqlite3.connect(path) as db:
        db.execute("CREATE TRIGGER refuse_messages BEFORE INSERT ON events WHEN NEW.type_name = 'user' "
                   "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    monkeypatch.setattr(rasa.core.agent, "FailSafeTrackerStore", rasa.core.agent.FailSafeTrackerStore)  # put back after
    tracker_store_errors.install()
    server_store = Agent._create_tracker_store(store, Domain.empty())  # as the Rasa server wraps it
    tracker = DialogueStateTracker.from_events("log-test", [UserUttered(MARKER)])

    asyncio.run(server_store.save(tracker))
    assert_logged_by_kind_only(logged, "IntegrityError")
    assert "SQLTrackerStore" in logged.text
