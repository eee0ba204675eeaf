"""Messenger end to end: real webhook bodies from other projects' test suites, signed with
the test vector's secret, through the running Rasa server; replies checked at a fake Graph API."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from concerns.store import CaseStore
from tests.conftest import ROOT
from tests.integration.fake_graph import FakeGraphAPI
from tests.integration.stack import Stack, stack_with_mail

FIXTURES = ROOT.parent / "shared" / "fixtures" / "messenger"
VECTOR = json.loads((FIXTURES / "signature_vector" / "vector.json").read_text())
SECRET = VECTOR["app_secret"]
VERIFY_TOKEN = "oakley-verify-" + "x" * 8
PAGE_TOKEN = "page-token-for-tests"
ALL_FIXTURES = sorted(p for p in FIXTURES.glob("*_*/*.json") if p.parent.name != "signature_vector")


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture(scope="module")
def messenger(tmp_path_factory):
    graph = FakeGraphAPI().start()
    env = {"FB_APP_SECRET": SECRET, "FB_VERIFY_TOKEN": VERIFY_TOKEN, "FB_PAGE_ACCESS_TOKEN": PAGE_TOKEN,
           "GRAPH_API_BASE": graph.base_url, "GRAPH_API_VERSION": "v26.0"}
    try:
        with stack_with_mail(tmp_path_factory.mktemp("messenger"), extra_env=env) as (stack, _):
            yield stack, graph
    finally:
        graph.stop()


def post(stack: Stack, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{stack.rasa_port}/webhooks/facebook/webhook", data=body,
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post_signed(stack: Stack, payload) -> tuple[int, str]:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return post(stack, body, {"X-Hub-Signature-256": sign(body)})


def now_ms() -> int:
    return int(time.time() * 1000)


def event(sender: str, **fields) -> dict:
    # Events carry the time they happened: the channel refuses old ones as replays.
    return {"sender": {"id": sender}, "recipient": {"id": "PAGE_ID"}, "timestamp": now_ms(), **fields}


def refreshed(fixture: Path) -> dict:
    """A captured body as Meta would send it now: current times, new message ids."""
    body = json.loads(fixture.read_text())
    for entry in body.get("entry", []):
        entry["time"] = now_ms()
        for item in entry.get("messaging", []):
            item["timestamp"] = now_ms()
            if isinstance(item.get("message"), dict) and "mid" in item["message"]:
                item["message"]["mid"] += "-" + uuid.uuid4().hex[:8]
    return body


def delivery(*events, standby=()) -> dict:
    entry = {"id": "PAGE_ID", "time": now_ms(), "messaging": list(events)}
    if standby:
        entry["standby"] = list(standby)
    return {"object": "page", "entry": [entry]}


def verify(stack: Stack, **params) -> tuple[int, str]:
    url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/facebook/webhook?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_webhook_verification(messenger):
    stack, _ = messenger
    assert verify(stack, **{"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
                            "hub.challenge": "1158201444"}) == (200, "1158201444")
    assert verify(stack, **{"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"})[0] == 403
    assert verify(stack, **{"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN})[0] == 403
    assert verify(stack)[0] == 403


def test_the_signature_test_vector(messenger):
    stack, graph = messenger
    valid = (FIXTURES / "signature_vector" / "body_valid.json").read_bytes()
    tampered = (FIXTURES / "signature_vector" / "body_tampered.json").read_bytes()
    sha1 = VECTOR["expected_X-Hub-Signature"]
    assert post(stack, valid, {"X-Hub-Signature": sha1})[0] == 200
    assert post(stack, tampered, {"X-Hub-Signature": sha1})[0] == 403
    assert post(stack, valid, {"X-Hub-Signature-256": sign(valid)})[0] == 200


def test_forged_and_unsigned_bodies_are_refused_and_nothing_is_sent(messenger):
    stack, graph = messenger
    before = len(graph.calls)
    body = json.dumps(delivery(event("forged-1", message={"mid": "m1", "text": "hello"}))).encode()
    assert post(stack, body, {})[0] == 403
    assert post(stack, body, {"X-Hub-Signature-256": sign(body, "not-the-secret")})[0] == 403
    assert post(stack, body, {"X-Hub-Signature-256": "sha256=" + "0" * 64})[0] == 403
    assert post(stack, body, {"X-Hub-Signature-256": sign(body + b" ")})[0] == 403
    assert post(stack, body, {"X-Hub-Signature-256": "md5=abc"})[0] == 403
    assert len(graph.calls) == before


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_real_webhook_body_is_answered_without_error(messenger, fixture):
    stack, _ = messenger
    status, _ = post_signed(stack, fixture.read_bytes())
    assert status == 200


def test_a_text_message_is_answered_through_the_graph_api(messenger):
    stack, graph = messenger
    body = refreshed(FIXTURES / "fbmessenger_api_hs" / "wsTextMessageRequest.json")
    before = len(graph.sent_to("USER_ID"))
    assert post_signed(stack, body)[0] == 200
    sent = graph.sent_to("USER_ID")[before:]
    assert sent and all(b["messaging_type"] == "RESPONSE" for b in sent)
    assert {c["version"] for c in graph.calls} == {"v26.0"}
    assert {c["token"] for c in graph.calls} == {PAGE_TOKEN}


def test_echoes_reads_deliveries_standby_and_non_page_bodies_send_nothing(messenger):
    stack, graph = messenger
    before = len(graph.calls)
    for name in ("messenger4j_tests/text_echo_message_event.json", "messenger4j_tests/template_echo_message_event.json",
                 "messenger4j_tests/message_read_event.json", "fbmessenger_tests/delivery.json",
                 "messenger4j_tests/throw_exception_if_object_type_is_not_page.json"):
        assert post_signed(stack, (FIXTURES / name).read_bytes())[0] == 200, name
    standby = delivery(standby=[event("standby-1", message={"mid": "s1", "text": "hello"})])
    assert post_signed(stack, standby)[0] == 200
    assert len(graph.calls) == before


def test_every_event_of_a_batch_is_handled(messenger):
    stack, graph = messenger
    batch = delivery(
        event("batch-1", message={"mid": "b1", "text": "hello"}),
        event("batch-2", message={"mid": "b2", "text": "what can you do"}),
        event("batch-2", delivery={"mids": ["x"], "watermark": 1}),
        event("batch-3", message={"mid": "b3", "text": "hiya"}),
    )
    status, text = post_signed(stack, batch)
    assert status == 200 and json.loads(text)["handled"] == 3
    for sender in ("batch-1", "batch-2", "batch-3"):
        assert graph.sent_to(sender), sender


def test_bad_bodies_get_a_clear_answer_not_a_500(messenger):
    stack, _ = messenger
    assert post_signed(stack, b"not json at all")[0] == 400
    assert post_signed(stack, b"[1, 2, 3]")[0] == 400
    assert post_signed(stack, {"object": "page", "entry": "nope"})[0] == 200
    assert post_signed(stack, {"object": "page", "entry": [{"messaging": [{"sender": "x"}, 7, None]}]})[0] == 200


def test_get_started_says_automated_links_privacy_and_offers_quick_replies(messenger):
    stack, graph = messenger
    started = delivery(event("starter-1", postback={"title": "Get Started", "payload": "GET_STARTED"}))
    assert post_signed(stack, started)[0] == 200
    sent = graph.sent_to("starter-1")
    text = " ".join(b["message"].get("text", "") for b in sent)
    assert "automated assistant" in text and "https://oakleycross.example.org/privacy" in text
    replies = [q for b in sent for q in b["message"].get("quick_replies", [])]
    assert 0 < len(replies) <= 13 and all(len(q["title"]) <= 20 for q in replies)


def test_an_everyday_enquiry_on_messenger_gets_the_school_s_answer_and_no_case(messenger):
    stack, graph = messenger
    from concerns.store import CaseStore
    before = len(CaseStore(stack.database_url).list())
    # A quick reply's payload, as a button for the topic would send it (the words are not the point here).
    asked = delivery(event("enquirer-1", message={"mid": "m-enquiry-1", "text": "Term dates",
                                                  "quick_reply": {"payload": '/everyday_enquiry{"topic": "term_dates"}'}}))
    assert post_signed(stack, asked)[0] == 200
    text = " ".join(b["message"].get("text", "") for b in graph.sent_to("enquirer-1"))
    assert "This term (Autumn 2) ends on Friday 18 December." in text
    assert len(CaseStore(stack.database_url).list()) == before


def test_a_cyberbullying_report_keeps_every_screenshot_on_the_case(messenger):
    stack, graph = messenger
    sender = "parent-fb-1"

    def say(text=None, attachments=None, quick=None):
        message = {"mid": f"m-{len(graph.calls)}"}
        if text:
            message["text"] = text
        if attachments:
            message["attachments"] = attachments
        if quick:
            message["quick_reply"] = {"payload": quick}
        assert post_signed(stack, delivery(event(sender, message=message)))[0] == 200
        return graph.texts_to(sender)[-1]

    # A training example, word for word: this test is about the channel, not the model.
    assert "What is your name?" in say("kids are sharing memes about my son in a snapchat group")
    screenshots = [{"type": "image", "payload": {"url": f"https://cdn.example.org/shot-{n}.png"}} for n in (1, 2)]
    say(attachments=screenshots)
    assert any("kept that" in t for t in graph.texts_to(sender))
    say("Mel Dunn")
    assert "Here's what I'll send" in say("mel@example.org")
    say("Yes, send it", quick="/affirm")
    [case] = [c for c in CaseStore(stack.database_url).list() if c["sender_id"] == sender]
    assert case["channel"] == "facebook" and case["category"] == "cyberbullying"
    assert [a["url"] for a in case["attachments"]] == ["https://cdn.example.org/shot-1.png",
                                                       "https://cdn.example.org/shot-2.png"]
    assert any(case["reference"] in t for t in graph.texts_to(sender))


# -- replays: a correctly signed body captured once must not be able to act again --------
def handled(reply: tuple[int, str]) -> dict:
    status, text = reply
    assert status == 200, text
    return json.loads(text)


def test_the_signature_test_vector_is_too_old_to_answer(messenger):
    stack, graph = messenger
    valid = (FIXTURES / "signature_vector" / "body_valid.json").read_bytes()
    sender = json.loads(valid)["entry"][0]["messaging"][0]["sender"]["id"]
    # Its signature is right, but the event is from 2016: a captured body, replayed.
    reply = handled(post(stack, valid, {"X-Hub-Signature": VECTOR["expected_X-Hub-Signature"]}))
    assert reply["handled"] == 0
    same_event_new_bytes = json.dumps(json.loads(valid), indent=1).encode()
    reply = handled(post_signed(stack, same_event_new_bytes))
    assert reply["handled"] == 0 and reply["refused"]["too_old"] == 1
    assert graph.sent_to(sender) == []


@pytest.mark.parametrize("fixture", [p for p in ALL_FIXTURES if '"message"' in p.read_text() or
                                     '"postback"' in p.read_text()], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_old_captured_bodies_are_not_answered(messenger, fixture):
    stack, graph = messenger
    before = len(graph.calls)
    # Re-encoded, so it is not simply the same body again: the age alone refuses it.
    reply = handled(post_signed(stack, json.dumps(json.loads(fixture.read_text()), indent=1).encode()))
    assert reply.get("handled", 0) == 0  # (a body that is not from a page is ignored whole)
    assert len(graph.calls) == before


def test_the_same_body_twice_is_handled_once(messenger):
    stack, graph = messenger
    body = json.dumps(delivery(event("replay-1", message={"mid": "r-" + uuid.uuid4().hex, "text": "hello"}))).encode()
    assert handled(post_signed(stack, body))["handled"] == 1
    answers, turns = len(graph.sent_to("replay-1")), len(stack.tracker("replay-1")["events"])
    again = handled(post_signed(stack, body))
    assert again["handled"] == 0 and again["status"] == "already handled"
    assert len(graph.sent_to("replay-1")) == answers
    assert len(stack.tracker("replay-1")["events"]) == turns


def test_the_same_message_id_in_another_body_is_handled_once(messenger):
    stack, graph = messenger
    mid = "r-" + uuid.uuid4().hex
    first = handled(post_signed(stack, delivery(event("replay-2", message={"mid": mid, "text": "hello"}))))
    assert first["handled"] == 1
    answers = len(graph.sent_to("replay-2"))
    # Batched with a new message: only the new one is handled.
    again = handled(post_signed(stack, delivery(event("replay-2", message={"mid": mid, "text": "hello"}),
                                                event("replay-2", message={"mid": mid + "-new", "text": "hiya"}))))
    assert again["handled"] == 1 and again["refused"]["replayed"] == 1
    assert len(graph.sent_to("replay-2")) > answers


def test_a_fresh_copy_of_a_real_fixture_is_answered_once(messenger):
    stack, graph = messenger
    body = refreshed(FIXTURES / "messenger4j_tests" / "postback_event.json")
    sender = body["entry"][0]["messaging"][0]["sender"]["id"]
    before = len(graph.sent_to(sender))
    assert handled(post_signed(stack, body))["handled"] == 1
    after = len(graph.sent_to(sender))
    assert after > before
    # A postback has no message id: the event itself is recognised, even in a re-encoded body.
    again = handled(post_signed(stack, json.dumps(body, indent=2).encode()))
    assert again["handled"] == 0 and again["refused"]["replayed"] == 1
    assert len(graph.sent_to(sender)) == after


def test_an_event_dated_in_the_future_is_not_handled(messenger):
    stack, graph = messenger
    future = event("future-1", message={"mid": "f-" + uuid.uuid4().hex, "text": "hello"})
    future["timestamp"] = now_ms() + 2 * 3600 * 1000
    reply = handled(post_signed(stack, delivery(future)))
    assert reply["handled"] == 0 and reply["refused"]["from_the_future"] == 1
    assert graph.sent_to("future-1") == []
