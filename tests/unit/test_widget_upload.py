"""The widget's upload: a screenshot or a document for the signed session's conversation only,
with the limits of every channel, kept in a real case store (SQLite); the channel served for
real (Sanic in this process), the dialogue replaced by the test's own handler."""
from __future__ import annotations

import asyncio

import aiohttp
import pytest

from channels.webchat import WebChatInput
from concerns.evidence_store import EvidenceStore
from concerns.store import CaseStore
from tests.unit.channel_server import serving

SECRET = "test-session-secret"
ORIGIN = "http://127.0.0.1:8000"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 300


def upload(base_url: str, fields: dict, data: bytes | None, origin: str = ORIGIN):
    async def post():
        form = aiohttp.FormData()
        for key, value in fields.items():
            form.add_field(key, value)
        if data is not None:
            form.add_field("file", data, filename="screenshot.png", content_type="image/png")
        async with aiohttp.ClientSession() as session:
            async with session.post(base_url + "/webhooks/socketio/upload", data=form,
                                    headers={"Origin": origin}) as reply:
                return reply.status, await reply.json(), reply.headers.get("Access-Control-Allow-Origin")
    return post()


@pytest.fixture
def channel(sqlite_url, monkeypatch):
    monkeypatch.setenv("EVIDENCE_MAX_BYTES", "1000")
    store = CaseStore(sqlite_url)
    store.migrate()
    chat = WebChatInput(SECRET, [ORIGIN])
    chat._store = store
    return chat


def run_with(channel, scenario):
    handled = []

    async def on_new_message(message):
        handled.append((message.sender_id, message.text, message.metadata))

    async def run():
        async with serving(channel, on_new_message) as base_url:
            return await scenario(base_url)

    return asyncio.run(run()), handled


def test_a_screenshot_is_kept_for_its_session_and_handed_on_with_the_words(channel):
    session = channel.ids.issue()
    (status, body, cors), handled = run_with(channel, lambda url: upload(
        url, {"session_id": session, "message": "this is the post about my son"}, PNG))
    assert status == 200 and body == {"kept": True} and cors == ORIGIN
    [(sender, text, metadata)] = handled
    assert sender == session and text == "this is the post about my son"
    [item] = metadata["attachments"]
    assert item["type"] == "image" and item["media_type"] == "image/png"
    files = EvidenceStore(channel.store.engine)
    assert files.count_for_sender(session) == 1


@pytest.mark.parametrize("data, reason, words", [
    (PNG + b"\x00" * 1000, "too_large", "larger than"),
    (b"<svg onload=alert(1)>", "wrong_type", "only keep photos"),
])
def test_a_file_too_large_or_of_the_wrong_kind_is_refused_and_the_words_still_go_on(channel, data, reason, words):
    session = channel.ids.issue()
    (status, body, _), handled = run_with(channel, lambda url: upload(
        url, {"session_id": session, "message": "my son is being bullied"}, data))
    assert status == 422 and body["refused"] == reason and words in body["text"]
    assert handled == [(session, "my son is being bullied", {"attachments": []})]
    assert EvidenceStore(channel.store.engine).count_for_sender(session) == 0


def test_nothing_is_kept_beside_words_about_a_nude_image_of_a_child(channel):
    session = channel.ids.issue()
    (status, body, _), handled = run_with(channel, lambda url: upload(
        url, {"session_id": session, "message": "someone shared a nude photo of my daughter"}, PNG))
    assert status == 200 and body == {"kept": False}
    assert handled == [(session, "someone shared a nude photo of my daughter", {"attachments": []})]
    assert EvidenceStore(channel.store.engine).count_for_sender(session) == 0


@pytest.mark.parametrize("fields, origin, status", [
    ({"session_id": "made-up.123.abc"}, ORIGIN, 403),  # not an id the server signed
    ({}, ORIGIN, 403),
    ({"session_id": None}, "https://evil.example", 403),  # another site's page
])
def test_only_a_signed_session_from_an_allowed_origin_may_upload(channel, fields, origin, status):
    fields = {key: value or channel.ids.issue() for key, value in fields.items()}
    (got, _, _), handled = run_with(channel, lambda url: upload(url, fields, PNG, origin=origin))
    assert got == status and handled == []
    with channel.store.engine.connect() as connection:
        assert connection.exec_driver_sql("select count(*) from evidence").scalar() == 0
