"""More than one machine, on one machine: two Rasa servers (each with its own action server)
share PostgreSQL for conversations and cases and Redis for Rasa's lock store; one outbox
worker sends mail to a real SMTP server on loopback.

Fifty parents report at once, each conversation's turns alternating between the two
servers. Every conversation must come back whole and in order, every case filed once
with its own reference, and every email sent once. Messages of one conversation arriving
at both servers at the same moment must all be kept.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from concerns.store import CaseStore
from tests.cluster.cluster import REDIS, AlternatingChat, Cluster, fresh_postgres_database, nginx_in_front
from tests.conftest import Inbox, _postgres_available, free_port
from tests.integration.test_end_to_end import ROWS, drive

PARENTS = 50


def _redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis(socket_timeout=3, **REDIS).ping())
    except Exception:
        return False


@pytest.fixture(scope="module", autouse=True)
def services_running():
    missing = [name for name, up in (("PostgreSQL on 127.0.0.1:5432", _postgres_available()),
                                     ("Redis on 127.0.0.1:6379", _redis_available())) if not up]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"not reachable: {', '.join(missing)}")
        pytest.skip(f"not running here: {', '.join(missing)}")


@pytest.fixture(scope="module")
def mail():
    """A real SMTP server on loopback: yields (port, inbox)."""
    from aiosmtpd.controller import Controller

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, mail):
    port, _ = mail
    with fresh_postgres_database() as database:
        with Cluster(tmp_path_factory.mktemp("cluster"), database, port, servers=2) as running:
            try:
                yield running
            finally:
                running.forget_locks()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _turns_in_tracker(tracker: dict) -> list[tuple[str, list[str]]]:
    """The conversation as the tracker store keeps it: each parent message and the answers after it."""
    turns: list[tuple[str, list[str]]] = []
    for event in tracker["events"]:
        if event["event"] == "user":
            turns.append((event["text"], []))
        elif event["event"] == "bot" and event.get("text"):
            assert turns, f"an answer before any message: {event['text']!r}"
            turns[-1][1].append(event["text"])
    return turns


def test_fifty_parents_at_once_across_two_servers(cluster, mail):
    _, inbox = mail
    run = uuid.uuid4().hex[:6]
    senders = [f"cluster-{run}-{index:02d}" for index in range(PARENTS)]
    chats: dict[str, tuple[AlternatingChat, tuple]] = {}

    def one_parent(index: int) -> list[str]:
        sender = senders[index]
        row = ROWS[index % len(ROWS)]
        # Half start on each server, so both are busy from the first message.
        chat = AlternatingChat(cluster, first=index % 2)
        chats[sender] = (chat, row)
        greeting = chat.say(sender, "/greet")
        assert greeting, "no answer to hello"
        _, opening, subject, school_class, _, _ = row
        return drive(chat, sender, opening, subject, school_class)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=PARENTS) as pool:
        said = dict(zip(senders, pool.map(one_parent, range(PARENTS))))
    elapsed = time.perf_counter() - started

    latencies = [seconds for chat, _ in chats.values() for seconds in chat.latencies]
    messages = len(latencies)
    print(f"\n{PARENTS} conversations, {messages} messages in {elapsed:.1f} s "
          f"({messages / elapsed:.1f} messages/s); answer time p50 {_percentile(latencies, .5) * 1000:.0f} ms, "
          f"p95 {_percentile(latencies, .95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms, "
          f"mean {statistics.mean(latencies) * 1000:.0f} ms")

    # Each conversation, read back from the shared tracker store through the API, is exactly
    # what the parent and the assistant said, turn by turn, whichever server answered.
    for sender, (chat, _) in chats.items():
        assert {server for _, _, server in chat.turns} == {0, 1}, sender
        tracker = cluster.tracker(cluster.servers[0], sender)
        stored = _turns_in_tracker(tracker)
        sent = [(text, answers) for text, answers, _ in chat.turns]
        assert [text for text, _ in stored] == [text for text, _ in sent], sender
        assert stored == sent, sender
        assert tracker == cluster.tracker(cluster.servers[1], sender), sender

    # Each parent has exactly one case, with a reference nobody else has, and was told it.
    filed = [case for case in CaseStore(cluster.database_url).list() if case["sender_id"] in chats]
    assert Counter(case["sender_id"] for case in filed) == Counter({sender: 1 for sender in chats})
    references = {case["sender_id"]: case["reference"] for case in filed}
    assert len(set(references.values())) == PARENTS
    for case in filed:
        sender = case["sender_id"]
        _, (_, _, _, _, triage, _) = chats[sender]
        assert (case["category"], case["about"], case["routed_to"], case["urgency"]) == triage, sender
        assert case["reference"] in "\n".join(said[sender]), sender

    # Each email is sent exactly once: every (case, recipient) arrives once at the SMTP server.
    expected = Counter((references[sender], address) for sender, (_, row) in chats.items() for address in row[5])
    deadline = time.monotonic() + 60
    while sum(1 for m in inbox.messages if any(r in m["subject"] for r in references.values())) < len(expected) \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # three more outbox passes: time for any second copy to arrive
    received = Counter((reference, message["to"][0]) for message in inbox.messages
                       for reference in references.values() if message["subject"].endswith(f": {reference}"))
    assert received == expected
    for case in CaseStore(cluster.database_url).list():
        assert all(n["status"] == "sent" and n["attempts"] == 1 for n in case["notifications"]), case["reference"]

    # Nothing a parent said reaches any server's log.
    logged = cluster.read_logs()
    assert "Rasa server is up and running" in logged
    for personal in ("Kim Hall", "Ruby", "07700 900123", "nobody has told me anything"):
        assert personal not in logged, personal


def test_messages_arriving_at_both_servers_at_once_are_all_kept(cluster):
    """A parent's messages reaching two servers at the same moment (quick typing, a
    retried webhook) are handled one after another, and the tracker keeps every one."""
    run = uuid.uuid4().hex[:6]
    texts = ["hello", "my son is being bullied by a boy in his class who keeps pushing him over at playtime",
             "hello again", "is anyone there"]
    senders = [f"cluster-together-{run}-{index:02d}" for index in range(20)]
    answered: dict[tuple[str, str], list[str]] = {}
    barriers = {sender: threading.Barrier(len(texts)) for sender in senders}

    def send(job: tuple[str, int]) -> None:
        sender, index = job
        barriers[sender].wait(timeout=60)
        replies = cluster.say(cluster.servers[index % 2], sender, texts[index])
        answered[(sender, texts[index])] = [r["text"] for r in replies if r.get("text")]

    jobs = [(sender, index) for sender in senders for index in range(len(texts))]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        list(pool.map(send, jobs))
    for sender in senders:
        stored = _turns_in_tracker(cluster.tracker(cluster.servers[0], sender))
        assert sorted(text for text, _ in stored) == sorted(texts), sender
        assert sorted(stored) == sorted((text, answered[(sender, text)]) for text in texts), sender


def test_a_conversation_locked_by_another_server_waits_for_it(cluster):
    """The Rasa servers really share Redis: a lock held elsewhere holds up the answer."""
    import redis

    client = redis.Redis(**REDIS)
    sender = f"cluster-locked-{uuid.uuid4().hex[:6]}"
    key = f"{cluster.lock_prefix}:lock:{sender}"
    held_for = 3.0
    # What another server's Rasa writes while it works on this conversation: ticket 0.
    client.set(key, json.dumps({"conversation_id": sender,
                                "tickets": [json.dumps({"number": 0, "expires": time.time() + held_for})]}))
    started = time.perf_counter()
    answers = cluster.say(cluster.servers[1], sender, "hello")
    waited = time.perf_counter() - started
    assert answers
    assert waited >= held_for - 0.5, f"answered after {waited:.1f} s, ignoring the lock in Redis"
    assert not client.exists(key)  # released once answered


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed here")
def test_the_widget_talks_through_the_load_balancer(cluster, tmp_path):
    """deploy/nginx's socket.io set-up in front of both servers: a widget that starts on
    long-polling (as socket.io-client does) keeps reaching the server that knows it."""
    import socketio

    origin = cluster.env["WEBCHAT_ALLOWED_ORIGINS"].split(",")[0]

    async def one_parent(url: str) -> str:
        client = socketio.AsyncClient(reconnection=False)
        confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
        answers: asyncio.Queue = asyncio.Queue()
        client.on("session_confirm", lambda session_id: confirmed.set_result(session_id))
        client.on("bot_uttered", answers.put_nowait)
        await client.connect(url, transports=["polling"], headers={"Origin": origin})
        try:
            await client.emit("session_request", {"session_id": None})
            await asyncio.wait_for(confirmed, 30)
            await client.emit("user_uttered", {"message": "hello"})
            return (await asyncio.wait_for(answers.get(), 60)).get("text", "")
        finally:
            await client.disconnect()

    async def parents(url: str) -> list:
        return await asyncio.gather(*(one_parent(url) for _ in range(5)), return_exceptions=True)

    with nginx_in_front(cluster, tmp_path) as url:
        answers = asyncio.run(parents(url))
    assert all(isinstance(answer, str) and answer for answer in answers), answers


def test_a_staff_reply_through_the_other_server_reaches_the_widget(cluster):
    """The widget stays on one server, but the console's request may land on the other:
    with REDIS_URL set, the reply is passed through Redis to the server holding the socket."""
    import socketio

    origin = cluster.env["WEBCHAT_ALLOWED_ORIGINS"].split(",")[0]
    held, other = cluster.servers
    reply = "Hello, this is Mrs Shah. I have read your message and will ring you at 3pm."

    async def parent() -> list[str]:
        client = socketio.AsyncClient(reconnection=False)
        confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
        answers: asyncio.Queue = asyncio.Queue()
        client.on("session_confirm", lambda session_id: confirmed.set_result(session_id))
        client.on("bot_uttered", answers.put_nowait)
        await client.connect(held.url, transports=["polling"], headers={"Origin": origin})
        try:
            await client.emit("session_request", {"session_id": None})
            session_id = await asyncio.wait_for(confirmed, 30)
            await client.emit("user_uttered", {"message": "hello"})
            await asyncio.wait_for(answers.get(), 60)
            await asyncio.sleep(1)  # the greeting may come in more than one message
            while not answers.empty():
                answers.get_nowait()
            event = {"event": "bot", "text": reply, "metadata": {"staff": "Mrs Shah"}, "timestamp": time.time()}
            await asyncio.to_thread(cluster.append, other, session_id, [event], "socketio")
            return [(await asyncio.wait_for(answers.get(), 30)).get("text", "")]
        finally:
            await client.disconnect()

    assert asyncio.run(parent()) == [reply]
