"""One real stack for every bad-input test: Rasa (REST, Messenger, socket.io), the action
server, the outbox worker and the console, beside a real SMTP server and a fake Graph API.

Started once per session (about a minute) and shared; each hypothesis example talks to it
over HTTP like an attacker would, with a fresh sender so examples do not disturb each other.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests
from hypothesis import HealthCheck, settings

from concerns.service import Core, Intake
from concerns.settings import Settings
from concerns.staff import StaffStore
from tests.console.conftest import usable_code
from tests.integration.fake_graph import FakeGraphAPI
from tests.integration.stack import stack_with_mail

APP_SECRET = "fuzz-app-secret-" + "s" * 16
VERIFY_TOKEN = "fuzz-verify-token"
PASSWORD = "correct horse battery staple"
HEAD = "head@oakleycross.example.org"
OFFICE = "office@oakleycross.example.org"
# Low, so the limit can be reached in a few messages; every fuzz example uses its own sender.
RATE_LIMIT = 5


def fuzz(max_examples: int = 25):
    """Few examples and no deadline: each one is a real request to the shared stack, and the
    whole folder should run in two or three minutes."""
    return settings(max_examples=max_examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="session")
def fuzz_stack(tmp_path_factory):
    graph = FakeGraphAPI().start()
    env = {"FB_APP_SECRET": APP_SECRET, "FB_VERIFY_TOKEN": VERIFY_TOKEN, "FB_PAGE_ACCESS_TOKEN": "fuzz-page-token",
           "GRAPH_API_BASE": graph.base_url, "CHAT_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT),
           # Sign-in fuzzing fails many times; each example comes from its own address so the
           # per-address lock does not shut out the other tests.
           "CONSOLE_TRUST_PROXY": "true"}
    try:
        with stack_with_mail(tmp_path_factory.mktemp("fuzz"), extra_env=env) as (stack, _):
            stack.graph = graph
            core = Core(Settings(database_url=stack.database_url, clock_override="2026-11-25T10:00:00",
                                 smtp_host="127.0.0.1", smtp_port=int(stack.env["SMTP_PORT"])))
            people = StaffStore(core.store)
            for email in (HEAD, OFFICE):
                member = next(m for m in core.profile.staff if m.email == email)
                people.add(member.email, member.name, member.role, PASSWORD)
            people.enable_totp(HEAD)  # the Headteacher sees safeguarding: one-time codes
            stack.case_ref = core.file(Intake("complain_school", "rest", "fuzz-parent", parent_name="Jo",
                                              contact="jo@example.org", account="letters come late"))["reference"]
            stack.api_token = people.add_api_token("fuzz", HEAD)
            stack.core = core
            yield stack
    finally:
        graph.stop()


def crashes_logged(stack, since: int, *markers: str) -> list[str]:
    """Tracebacks in the stack's log, after `since` characters, that mention any of `markers`
    (our module or class): crashes a client never sees, such as a failed socket.io task."""
    tracebacks = stack.read_log()[since:].split("Traceback (most recent call last):")[1:]
    return [t[:1500] for t in tracebacks if any(marker in t for marker in markers)]


def fresh_sender(prefix: str = "fuzz") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def rest_url(stack) -> str:
    return f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"


def messenger_url(stack) -> str:
    return f"http://127.0.0.1:{stack.rasa_port}/webhooks/facebook/webhook"


def assert_clear_answer(reply: requests.Response) -> None:
    """The service answered or refused clearly: never a server error."""
    assert reply.status_code < 500, (reply.status_code, reply.text[:500])


def assert_rest_still_answers(stack) -> None:
    """After the bad input, a parent's ordinary message still gets an ordinary answer."""
    reply = requests.post(rest_url(stack), json={"sender": fresh_sender("check"), "message": "hello"}, timeout=60)
    assert reply.status_code == 200
    assert any(m.get("text") for m in reply.json()), reply.text[:300]


def sign(body: bytes) -> str:
    return "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()


def post_messenger(stack, payload) -> requests.Response:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return requests.post(messenger_url(stack), data=body, timeout=60,
                         headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign(body)})


def now_ms() -> int:
    return int(time.time() * 1000)


def messenger_delivery(*events) -> dict:
    return {"object": "page", "entry": [{"id": "PAGE_ID", "time": now_ms(), "messaging": list(events)}]}


def text_event(sender: str, text: str, mid: str | None = None) -> dict:
    return {"sender": {"id": sender}, "recipient": {"id": "PAGE_ID"}, "timestamp": now_ms(),
            "message": {"mid": mid or "m-" + uuid.uuid4().hex, "text": text}}


def assert_messenger_still_answers(stack) -> None:
    sender = fresh_sender("fb-check")
    reply = post_messenger(stack, messenger_delivery(text_event(sender, "hello")))
    assert reply.status_code == 200 and reply.json()["handled"] == 1
    assert stack.graph.texts_to(sender), "no answer reached the fake Graph API"


def console_sign_in(stack, email: str = HEAD) -> requests.Session:
    session = requests.Session()
    reply = session.post(stack.console_url + "/sign-in", data={
        "email": email, "password": PASSWORD, "code": usable_code(stack.database_url, email)},
        headers={"X-Forwarded-For": "192.0.2.1"}, allow_redirects=False)
    assert reply.status_code == 302, reply.text[:300]
    return session
