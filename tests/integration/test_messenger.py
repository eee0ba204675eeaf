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
import requests

from channels.messenger import message_from_event
from concerns.store import CaseStore
from tests.conftest import ROOT
from tests.integration.fake_graph import FakeGraphAPI
from tests.integration.stack import Stack, stack_with_mail

FIXTURES = ROOT.parent / "shared" / "fixtures" / "messenger"
VECTOR = json.loads((FIXTURES / "signature_vector" / "vector.json").read_text())
SECRET = VECTOR["app_secret"]
VERIFY_TOKEN = "oakley-verify-" + "x" * 8
PAGE_TOKEN = "page-token-for-tests"
EVIDENCE_MAX_BYTES = 200_000  # small, so that a file too large is quick to serve
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
ALL_FIXTURES = sorted(p for p in FIXTURES.glob("*_*/*.json") if p.parent.name != "signature_vector")


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture(scope="module")
def messenger(tmp_path_factory):
    graph = FakeGraphAPI().start()
    env = {"FB_APP_SECRET": SECRET, "FB_VERIFY_TOKEN": VERIFY_TOKEN, "FB_PAGE_ACCESS_TOKEN": PAGE_TOKEN,
           "GRAPH_API_BASE": graph.base_url, "GRAPH_API_VERSION": "v26.0",
           "EVIDENCE_MAX_BYTES": str(EVIDENCE_MAX_BYTES)}
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


def refreshed(fixture: Path, own_senders: bool = False) -> dict:
    """A captured body as Meta would send it now: current times, new message ids; with
    `own_senders`, senders of its own too (one fixture's answers are then told apart)."""
    body = json.loads(fixture.read_text())
    suffix = "-" + uuid.uuid4().hex[:8]
    for entry in body.get("entry", []) if isinstance(body.get("entry"), list) else []:
        entry["time"] = now_ms()
        for item in entry.get("messaging", []):
            item["timestamp"] = now_ms()
            if isinstance(item.get("message"), dict) and "mid" in item["message"]:
                item["message"]["mid"] += suffix
            if own_senders and isinstance(item.get("sender"), dict) and "id" in item["sender"]:
                item["sender"]["id"] = str(item["sender"]["id"]) + suffix
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
def test_every_real_webhook_body_reaches_the_dialogue_when_it_is_fresh(messenger, fixture):
    """Each captured body as Meta would send it now (current times, re-signed with the test
    secret), with its own senders so that one fixture's answers are not another's: every
    message and postback in it is handled, and answered through the Graph API."""
    stack, graph = messenger
    body = refreshed(fixture, own_senders=True)
    for_the_dialogue = [message_from_event(e) for entry in body.get("entry", []) if isinstance(entry, dict)
                        for e in entry.get("messaging", []) if isinstance(e, dict)] \
        if body.get("object") == "page" else []
    senders = {m["sender"] for m in for_the_dialogue if m}
    status, text = post_signed(stack, body)
    assert status == 200, text
    assert json.loads(text).get("handled", 0) == len([m for m in for_the_dialogue if m])
    for sender in senders:
        assert graph.sent_to(sender), sender


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
    assert "What is your child's first name?" in say("kids are sharing memes about my son in a snapchat group")
    assert "Which class is Sam in?" in say("Sam")
    assert "anything else you'd like the school to know" in say("year 4")
    assert "What is your name?" in say("no that's all")
    shots = {f"shot-{n}-{uuid.uuid4().hex[:6]}.png": PNG + bytes([n]) for n in (1, 2)}
    links = [graph.serve_file(name, data) for name, data in shots.items()]
    say(attachments=[{"type": "image", "payload": {"url": link}} for link in links])
    assert any("kept that" in t for t in graph.texts_to(sender))
    say("Mel Dunn")
    assert "Here's what I'll send" in say("mel@example.org")
    say("Yes, send it", quick="/affirm")
    [case] = [c for c in CaseStore(stack.database_url).list() if c["sender_id"] == sender]
    assert case["channel"] == "facebook" and case["category"] == "cyberbullying"
    assert [a["url"] for a in case["attachments"]] == links
    assert any(case["reference"] in t for t in graph.texts_to(sender))

    # Meta's links expire; the screenshots were kept, and the Headteacher still sees them.
    graph.files.clear()
    assert all(requests.get(link).status_code == 404 for link in links)
    head = {"Authorization": "Bearer " + api_token(stack, "head@oakleycross.example.org")}
    for item, data in zip(case["attachments"], shots.values()):
        kept = requests.get(stack.console_url + f"/api/cases/{case['reference']}/evidence/{item['evidence']}",
                            headers=head)
        assert kept.status_code == 200 and kept.content == data
        assert kept.headers["Content-Type"] == "image/png" and kept.headers["X-Content-Type-Options"] == "nosniff"
    # Only to staff who may see the case: a class teacher may not see a cyberbullying case.
    office = {"Authorization": "Bearer " + api_token(stack, "e.lowe@oakleycross.example.org")}
    assert requests.get(stack.console_url + f"/api/cases/{case['reference']}/evidence/"
                        f"{case['attachments'][0]['evidence']}", headers=office).status_code == 404
    audit = CaseStore(stack.database_url).get(case["reference"])["audit"]
    assert [a["actor"] for a in audit if a["action"] == "viewed_evidence"] == ["api:head@oakleycross.example.org"] * 2


def api_token(stack: Stack, email: str) -> str:
    """An API token for a member of staff, made with the admin tool."""
    import subprocess
    import sys

    account = subprocess.run([sys.executable, "-m", "concerns.cli", "staff", "add", email, "--password-stdin"],
                             cwd=ROOT, env=stack.env, input=OFFICE_PASSWORD + "\n", capture_output=True, text=True)
    assert account.returncode == 0 or "could not create the account" in account.stderr, account.stderr
    name = "evidence-" + uuid.uuid4().hex[:8]
    made = subprocess.run([sys.executable, "-m", "concerns.cli", "api-token", "add", name, "--as", email],
                          cwd=ROOT, env=stack.env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def say_on_messenger(stack: Stack, graph: FakeGraphAPI, sender: str, text=None, attachments=None) -> list[str]:
    """One message from a parent; what they were sent back."""
    before = len(graph.texts_to(sender))
    message = {"mid": "m-" + uuid.uuid4().hex}
    if text:
        message["text"] = text
    if attachments:
        message["attachments"] = attachments
    assert post_signed(stack, delivery(event(sender, message=message)))[0] == 200
    return graph.texts_to(sender)[before:]


@pytest.mark.parametrize("name, data, why", [
    ("huge.png", PNG + b"\x00" * EVIDENCE_MAX_BYTES, "larger than"),
    ("page.png", b"<html><script>alert(1)</script></html>", "only keep photos and screenshots"),
])
def test_a_file_too_large_or_of_the_wrong_kind_is_refused_and_the_words_still_reach_the_assistant(
        messenger, name, data, why):
    stack, graph = messenger
    sender = "fb-refused-" + uuid.uuid4().hex[:6]
    link = graph.serve_file(uuid.uuid4().hex[:6] + name, data)
    answers = say_on_messenger(stack, graph, sender, "kids are sharing memes about my son in a snapchat group",
                               attachments=[{"type": "image", "payload": {"url": link}}])
    assert any(why in t and "Your message itself has reached me" in t for t in answers), answers
    # the words went on: taken as what happened, the form asks about the child
    assert any("What is your child's first name?" in t for t in answers), answers
    from concerns.evidence_store import EvidenceStore
    assert EvidenceStore(CaseStore(stack.database_url).engine).count_for_sender(sender) == 0
    [user] = [e for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert user["text"].startswith("kids are sharing memes")
    assert [a.get("refused") for a in user["metadata"]["attachments"]] == [
        "too_large" if "huge" in name else "wrong_type"]


def test_an_image_beside_words_about_a_nude_image_of_a_child_is_never_stored(messenger):
    stack, graph = messenger
    sender = "fb-nude-" + uuid.uuid4().hex[:6]
    link = graph.serve_file(uuid.uuid4().hex[:6] + ".png", PNG)
    answers = say_on_messenger(stack, graph, sender, "a boy in year 6 sent my daughter a nude picture of himself",
                               attachments=[{"type": "image", "payload": {"url": link}}])
    words = " ".join(answers)
    assert "Report Remove" in words and "CEOP" in words, answers
    from concerns.evidence_store import EvidenceStore
    assert EvidenceStore(CaseStore(stack.database_url).engine).count_for_sender(sender) == 0
    for case in CaseStore(stack.database_url).list(sender_id=sender):
        assert case["attachments"] == []


def test_an_image_sent_before_words_about_a_nude_image_is_deleted_when_they_come(messenger):
    stack, graph = messenger
    sender = "fb-nude-later-" + uuid.uuid4().hex[:6]
    link = graph.serve_file(uuid.uuid4().hex[:6] + ".png", PNG)
    from concerns.evidence_store import EvidenceStore
    evidence = EvidenceStore(CaseStore(stack.database_url).engine)
    say_on_messenger(stack, graph, sender, attachments=[{"type": "image", "payload": {"url": link}}])
    assert evidence.count_for_sender(sender) == 1  # kept at once: nothing yet said what it is
    answers = say_on_messenger(stack, graph, sender, "that is a nude photo of my daughter someone shared")
    assert "Report Remove" in " ".join(answers), answers
    assert evidence.count_for_sender(sender) == 0
    for case in CaseStore(stack.database_url).list(sender_id=sender):
        assert case["attachments"] == []


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


# -- the Graph API failing: the retry delivers, and a lasting failure is shown to staff ------
OFFICE = "office@oakleycross.example.org"
OFFICE_PASSWORD = "a long office password 42"


def test_an_answer_the_graph_api_fails_once_is_delivered_by_the_retry(messenger):
    stack, graph = messenger
    graph.fail_next = 1
    before = len(graph.calls)
    assert handled(post_signed(stack, delivery(event("flaky-1", message={"mid": "fl-" + uuid.uuid4().hex,
                                                                          "text": "/greet"}))))["handled"] == 1
    assert graph.fail_next == 0
    tried = [c["body"] for c in graph.calls[before:]]
    # The refused call, then the same message again, delivered.
    assert len(tried) >= 2 and tried[0] == tried[1] and graph.sent_to("flaky-1")


@pytest.fixture(scope="module")
def office(messenger):
    """The office's console session, its account made with the admin tool."""
    import subprocess
    import sys

    import requests

    stack, _ = messenger
    made = subprocess.run([sys.executable, "-m", "concerns.cli", "staff", "add", OFFICE, "--password-stdin"],
                          cwd=ROOT, env=stack.env, input=OFFICE_PASSWORD + "\n", capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    session = requests.Session()
    signed_in = session.post(stack.console_url + "/sign-in", data={"email": OFFICE, "password": OFFICE_PASSWORD},
                             allow_redirects=False)
    assert signed_in.status_code == 302, signed_in.text
    return session


def handed_to_the_office(stack: Stack, sender: str) -> None:
    """A parent who wrote on Messenger just now and was handed to the office: a hand-off case,
    as the assistant files one, and the conversation's events that name it."""
    from concerns.service import Core, Intake
    from concerns.settings import Settings
    from concerns.staff import StaffStore
    from console.rasa_api import rasa_api_headers

    handoff = Core(Settings(database_url=stack.database_url, clock_override=stack.env["CONCERNS_NOW"])).file(
        Intake("ask_human", "facebook", sender, account="please message me back"))
    when = time.time()
    events = [{"event": "user", "text": "can someone from school message me back", "timestamp": when,
               "input_channel": "facebook", "parse_data": {"intent": {"name": "ask_human", "confidence": 1.0},
                                                           "entities": [], "text": "x"}},
              {"event": "action", "name": "action_triage", "timestamp": when},
              {"event": "slot", "name": "case_reference", "value": handoff["reference"], "timestamp": when}]
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.rasa_port}/conversations/{sender}/tracker/events", data=json.dumps(events).encode(),
        headers={"Content-Type": "application/json", **rasa_api_headers(stack.jwt_secret)})
    urllib.request.urlopen(request, timeout=30).read()
    StaffStore(CaseStore(stack.database_url)).open_handoff(sender, "facebook", handoff["reference"])


def staff_reply(stack: Stack, session, sender: str, text: str):
    import re

    page = session.get(stack.console_url + stack.conversation_path(sender))
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return session.post(stack.console_url + stack.conversation_path(sender) + "/reply",
                        data={"text": text, "csrf_token": token},
                        headers={"Accept": "application/json"})


def staff_lines(stack: Stack, session, sender: str) -> list[dict]:
    messages = session.get(stack.console_url + stack.conversation_path(sender) + "/messages.json").json()["messages"]
    return [m for m in messages if m["who"].startswith("staff: ")]


def test_a_staff_reply_refused_once_by_the_graph_api_is_delivered_by_the_retry(messenger, office):
    stack, graph = messenger
    sender = "fb-reply-retry-" + uuid.uuid4().hex[:6]
    handed_to_the_office(stack, sender)
    graph.fail_next = 1
    before = len(graph.texts_to(sender))
    reply = staff_reply(stack, office, sender, "Hello, this is the school office. We can talk now.")
    assert reply.status_code == 200 and reply.json()["status"] == "delivered", reply.text
    assert graph.texts_to(sender)[before:] == ["Hello, this is the school office. We can talk now."] * 2
    [line] = staff_lines(stack, office, sender)
    assert line["text"].startswith("Hello, this is the school office") and line["delivery"]["status"] == "delivered"


def test_a_staff_reply_that_cannot_be_delivered_is_shown_as_not_delivered_with_the_reason(messenger, office):
    stack, graph = messenger
    sender = "fb-reply-down-" + uuid.uuid4().hex[:6]
    handed_to_the_office(stack, sender)
    graph.fail_next = 50  # Meta stays down for longer than the console tries
    try:
        reply = staff_reply(stack, office, sender, "Hello, this is the school office.")
    finally:
        tries, graph.fail_next = 50 - graph.fail_next, 0
    assert reply.status_code == 502 and reply.json()["status"] == "failed"
    assert reply.json()["error"].startswith("Not delivered: ") and "temporarily unavailable" in reply.json()["error"]
    assert tries == 3  # bounded: GRAPH_API_ATTEMPTS, by default 3
    [line] = staff_lines(stack, office, sender)
    assert line["delivery"]["status"] == "failed" and "temporarily unavailable" in line["delivery"]["reason"]
    [kept] = CaseStore(stack.database_url).staff_replies_to(sender)
    assert kept["status"] == "failed" and kept["attempts"] == 3


def test_a_staff_reply_messenger_refuses_is_not_retried_and_says_why(messenger, office):
    stack, graph = messenger
    sender = "fb-reply-refused-" + uuid.uuid4().hex[:6]
    handed_to_the_office(stack, sender)
    graph.fail_next, graph.fail_status = 1, 400
    try:
        before = len(graph.sent_to(sender))
        reply = staff_reply(stack, office, sender, "Hello, this is the school office.")
    finally:
        graph.fail_next, graph.fail_status = 0, 503
    assert reply.status_code == 502 and "outside of allowed window" in reply.json()["error"]
    assert len(graph.sent_to(sender)) - before == 1
    [line] = staff_lines(stack, office, sender)
    assert line["delivery"]["status"] == "failed" and "outside of allowed window" in line["delivery"]["reason"]


# -- files sent while staff have the conversation (no action runs while it is paused) ------
def paused_for_staff(stack: Stack, sender: str) -> None:
    """The conversation paused, as the assistant pauses it after filing a hand-off."""
    from console.rasa_api import rasa_api_headers

    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.rasa_port}/conversations/{sender}/tracker/events",
        data=json.dumps([{"event": "pause", "timestamp": time.time()}]).encode(),
        headers={"Content-Type": "application/json", **rasa_api_headers(stack.jwt_secret)})
    urllib.request.urlopen(request, timeout=30).read()


def file_lines(stack: Stack, session, sender: str) -> list[dict]:
    messages = session.get(stack.console_url + stack.conversation_path(sender) + "/messages.json").json()["messages"]
    return [m for m in messages if m.get("files")]


def test_a_screenshot_sent_while_staff_have_the_conversation_goes_to_its_hand_off_case(messenger, office):
    stack, graph = messenger
    sender = "fb-paused-file-" + uuid.uuid4().hex[:6]
    handed_to_the_office(stack, sender)
    paused_for_staff(stack, sender)
    shot = PNG + b"paused"
    link = graph.serve_file(uuid.uuid4().hex[:6] + ".png", shot)
    answers = say_on_messenger(stack, graph, sender, attachments=[{"type": "image", "payload": {"url": link}}])
    assert answers == []  # paused: staff answer, not the assistant
    graph.files.clear()  # Meta's link expires
    from concerns.staff import StaffStore
    reference = StaffStore(CaseStore(stack.database_url)).handoff(sender)["case_reference"]
    [item] = CaseStore(stack.database_url).get(reference)["attachments"]
    assert item["media_type"] == "image/png" and item["url"] == link
    on_the_case = office.get(stack.console_url + f"/cases/{reference}/evidence/{item['evidence']}")
    assert on_the_case.status_code == 200 and on_the_case.content == shot
    assert "kept with the case" in office.get(stack.console_url + f"/cases/{reference}").text
    # The conversation's line names it, and opens it, for staff who may read that line.
    [line] = file_lines(stack, office, sender)
    assert [f["evidence"] for f in line["files"]] == [item["evidence"]]
    opened = office.get(stack.console_url + stack.conversation_path(sender) + f"/files/{item['evidence']}")
    assert opened.status_code == 200 and opened.content == shot
    assert opened.headers["Content-Security-Policy"].startswith("sandbox")
    assert office.get(stack.console_url + stack.conversation_path(sender) + "/files/made-up").status_code == 404


def test_a_file_sent_to_staff_when_the_conversation_has_no_open_case_stays_with_the_conversation(messenger, office):
    import re

    from concerns.evidence_store import EvidenceStore
    from concerns.staff import StaffStore

    stack, graph = messenger
    sender = "fb-paused-nocase-" + uuid.uuid4().hex[:6]
    handed_to_the_office(stack, sender)
    store = CaseStore(stack.database_url)
    reference = StaffStore(store).handoff(sender)["case_reference"]
    StaffStore(store).change_case(store.get(reference)["id"], OFFICE, "status_changed", "new -> closed",
                                  status="closed")
    # The office takes the conversation over in the console (which pauses it).
    page = office.get(stack.console_url + stack.conversation_path(sender))
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    taken = office.post(stack.console_url + stack.conversation_path(sender) + "/takeover",
                        data={"csrf_token": csrf}, allow_redirects=False)
    assert taken.status_code == 302
    assert stack.tracker(sender)["paused"]
    letter = b"%PDF-1.7\n" + b"\x05" * 100
    link = graph.serve_file(uuid.uuid4().hex[:6] + ".pdf", letter)
    say_on_messenger(stack, graph, sender, "here is the letter they sent home",
                     attachments=[{"type": "file", "payload": {"url": link}}])
    assert store.get(reference)["attachments"] == []  # a closed case takes nothing
    [line] = file_lines(stack, office, sender)
    assert line["text"] == "here is the letter they sent home"
    [file] = line["files"]
    kept, case_id = EvidenceStore(store.engine).of_conversation(sender, file["evidence"])
    assert kept.data == letter and case_id is None
    opened = office.get(stack.console_url + stack.conversation_path(sender) + f"/files/{file['evidence']}")
    assert opened.status_code == 200 and opened.content == letter
    assert opened.headers["Content-Disposition"].startswith("attachment")


def test_words_about_a_nude_image_sent_to_staff_delete_the_image_sent_before_them(messenger, office):
    """The image went to the hand-off case at once; once the words say what it is, it is deleted,
    and the case page, the API's case and transcript and the conversation view say a file was
    removed and why, with no link that would find nothing (issue 12)."""
    from concerns.evidence_store import REMOVED_NUDE_IMAGE, EvidenceStore
    from concerns.staff import StaffStore

    stack, graph = messenger
    sender = "fb-paused-nude-" + uuid.uuid4().hex[:6]
    handed_to_the_office(stack, sender)
    paused_for_staff(stack, sender)
    store = CaseStore(stack.database_url)
    evidence = EvidenceStore(store.engine)
    link = graph.serve_file(uuid.uuid4().hex[:6] + ".png", PNG)
    say_on_messenger(stack, graph, sender, attachments=[{"type": "image", "payload": {"url": link}}])
    assert evidence.count_for_sender(sender) == 1
    reference = StaffStore(store).handoff(sender)["case_reference"]
    [item] = store.get(reference)["attachments"]
    say_on_messenger(stack, graph, sender, "that is a nude photo of my daughter someone shared")
    assert evidence.count_for_sender(sender) == 0
    case_page = office.get(stack.console_url + f"/cases/{reference}").text
    assert REMOVED_NUDE_IMAGE in case_page and "/evidence/" not in case_page and link not in case_page
    assert store.get(reference)["attachments"] == [{"removed": REMOVED_NUDE_IMAGE}]
    assert "attachment_removed" in [a["action"] for a in store.get(reference)["audit"]]
    [line] = file_lines(stack, office, sender)
    assert line["files"] == [{"removed": REMOVED_NUDE_IMAGE}]
    gone = office.get(stack.console_url + stack.conversation_path(sender) + f"/files/{item['evidence']}")
    assert gone.status_code == 404
