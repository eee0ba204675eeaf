"""A server that dies in the middle of a Messenger batch loses nothing and handles nothing
twice: the seen-set is in Redis (127.0.0.1:6379), the server a real process killed with
SIGKILL while handling the second of three events, and Meta's retry of the same body goes to
a fresh server."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from channels.messenger import replay_key
from tests.conftest import ROOT, free_port

SECRET = "crash-test-secret"
REDIS_URL = "redis://127.0.0.1:6379/3"
PREFIX = "concerns:seen:"


@pytest.fixture
def redis_client():
    import redis
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield client
    client.close()


def wait_until(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def start_server(tmp: Path, journal: Path, crash_on: str = "") -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "FB_APP_SECRET": SECRET, "FB_VERIFY_TOKEN": "verify", "FB_PAGE_ACCESS_TOKEN": "page-token",
           "GRAPH_API_BASE": "http://127.0.0.1:9", "REDIS_URL": REDIS_URL, "CRASH_ON": crash_on,
           # A claim left by a dead server lapses after this; Meta retries long after that.
           "MESSENGER_HANDLING_HOLD_SECONDS": "2", "PYTHONPATH": str(ROOT)}
    log = open(tmp / f"server-{port}.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "tests.integration.messenger_crash_server", str(port),
                                str(journal)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def answering() -> bool:
        assert process.poll() is None, (tmp / f"server-{port}.log").read_text()[-2000:]
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/webhooks/facebook/", timeout=2).read()
            return True
        except OSError:
            return False

    wait_until(answering, "the channel's server to answer", 120)
    return process, port


def post(port: int, body: bytes) -> tuple[int, dict]:
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/facebook/webhook", data=body,
                                     headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def journal_lines(journal: Path) -> list[dict]:
    return [json.loads(line) for line in journal.read_text().splitlines()] if journal.exists() else []


def test_a_crash_in_the_middle_of_a_batch_loses_nothing_and_repeats_nothing(tmp_path, redis_client):
    journal = tmp_path / "handled.jsonl"
    now = int(time.time() * 1000)
    run = uuid.uuid4().hex[:8]
    events = [{"sender": {"id": f"crash-{who}-{run}"}, "recipient": {"id": "PAGE"}, "timestamp": now,
               "message": {"mid": f"m-{who}-{run}", "text": f"message {who}"}} for who in ("a", "b", "c")]
    body = json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": now, "messaging": events}]}).encode()
    keys = [PREFIX + replay_key(event) for event in events]

    first, port = start_server(tmp_path, journal, crash_on=f"crash-b-{run}")
    try:
        # Meta's delivery; it gets no answer, as the server dies under it.
        threading.Thread(target=lambda: _ignore_errors(post, port, body), daemon=True).start()
        wait_until(lambda: any(line.get("started") for line in journal_lines(journal)), "the second event to begin")
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    assert journal_lines(journal) == [{"finished": f"crash-a-{run}", "text": "message a"},
                                      {"started": f"crash-b-{run}", "text": "message b"}]
    assert redis_client.get(keys[0]) == b"done" and redis_client.get(keys[2]) is None
    # The dead server's hold on the second event lapses by itself.
    wait_until(lambda: not redis_client.exists(keys[1]), "the dead server's claim to lapse")

    second, port = start_server(tmp_path, journal)
    try:
        status, answer = post(port, body)  # Meta delivers the same body again
        assert status == 200, answer
        assert answer["handled"] == 2 and answer["refused"]["replayed"] == 1
        status, answer = post(port, body)
        assert status == 200 and answer["status"] == "already handled"
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
        redis_client.delete(*keys, PREFIX + "body:" + hashlib.sha256(body).hexdigest())
    finished = [line["finished"] for line in journal_lines(journal) if "finished" in line]
    assert finished == [f"crash-a-{run}", f"crash-b-{run}", f"crash-c-{run}"]


def _ignore_errors(call, *args) -> None:
    try:
        call(*args)
    except OSError:
        pass
