"""Nothing a parent sends on Messenger is forgotten, nothing is handled twice, and a send that
fails says so: the channel served for real (tests/unit/channel_server.py), Meta's Graph API
faked on loopback (its failure switch, `fail_next`), the seen-set in memory and in Redis."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid

import aiohttp
import pytest

from channels.graph_api import GraphAPI
from channels.messenger import MessengerInput, replay_key
from concerns.ratelimit import CLAIMED, DONE, HANDLING, RedisSeenSet, SeenSet
from tests.integration.fake_graph import FakeGraphAPI
from tests.unit.channel_server import serving
from tests.unit.test_ratelimit import Clock

APP_SECRET = "delivery-test-secret"
REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture(scope="module")
def graph():
    fake = FakeGraphAPI().start()
    yield fake
    fake.stop()


@pytest.fixture(autouse=True)
def graph_healthy(graph):
    graph.fail_next, graph.fail_status = 0, 503
    yield


async def no_wait(_: float) -> None:
    """No pause between tries: these tests are about what is tried, not when."""


def client(graph: FakeGraphAPI, attempts: int = 3) -> GraphAPI:
    return GraphAPI("page-token", graph.base_url, "v26.0", timeout=10, attempts=attempts, sleep=no_wait)


# -- the Send API client ---------------------------------------------------------------
def test_a_send_that_fails_once_is_delivered_by_the_retry(graph):
    graph.fail_next = 1
    before = len(graph.calls)
    delivery = asyncio.run(client(graph).send_text("psid-retry", "Hello from the office"))
    assert delivery.delivered and delivery.attempts == 2 and delivery.reason == ""
    assert [c["body"]["message"]["text"] for c in graph.calls[before:]] == ["Hello from the office"] * 2


def test_a_lasting_failure_is_tried_a_bounded_number_of_times_and_says_why(graph):
    graph.fail_next = 10
    before = len(graph.calls)
    delivery = asyncio.run(client(graph, attempts=3).send_text("psid-down", "Hello"))
    assert not delivery and delivery.attempts == 3
    assert "503" in delivery.reason and "temporarily unavailable" in delivery.reason and "3 times" in delivery.reason
    assert len(graph.calls) - before == 3


def test_a_refusal_such_as_outside_the_window_is_not_retried(graph):
    graph.fail_next, graph.fail_status = 10, 400
    before = len(graph.calls)
    delivery = asyncio.run(client(graph).send_text("psid-late", "Hello"))
    assert not delivery and delivery.attempts == 1 and len(graph.calls) - before == 1
    assert "outside of allowed window" in delivery.reason and "2018278" in delivery.reason


def test_the_pauses_between_tries_grow():
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    # Nothing listens on port 9: every try fails to connect.
    api = GraphAPI("page-token", "http://127.0.0.1:9", "v26.0", timeout=5, attempts=4, backoff_seconds=0.5,
                   sleep=sleep)
    delivery = asyncio.run(api.send("psid", {"text": "x"}))
    assert not delivery and "could not be reached" in delivery.reason
    assert pauses == [0.5, 1.0, 2.0]


# -- the webhook: seen only once handled -------------------------------------------------
def signed_delivery(*events: dict) -> tuple[bytes, dict[str, str]]:
    now = int(time.time() * 1000)
    body = json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": now, "messaging": list(events)}]}).encode()
    return body, {"Content-Type": "application/json",
                  "X-Hub-Signature-256": "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()}


def message(sender: str, text: str) -> dict:
    return {"sender": {"id": sender}, "recipient": {"id": "PAGE"}, "timestamp": int(time.time() * 1000),
            "message": {"mid": f"m-{uuid.uuid4().hex}", "text": text}}


class Dialogue:
    """Stands in for the assistant: records each message it finished, and fails for the
    senders named in `failing` (each as many times as given)."""

    def __init__(self):
        self.finished: list[tuple[str, str]] = []
        self.failing: dict[str, int] = {}

    async def __call__(self, incoming) -> None:
        if self.failing.get(incoming.sender_id, 0):
            self.failing[incoming.sender_id] -= 1
            raise RuntimeError("the tracker store went away")
        self.finished.append((incoming.sender_id, incoming.text))


def channel(graph: FakeGraphAPI, seen=None, max_tries: int = 3) -> MessengerInput:
    made = MessengerInput(APP_SECRET, "verify", "page-token", graph.base_url, "v26.0", max_tries=max_tries,
                          graph_attempts=1)
    if seen is not None:
        made.seen = seen
    return made


async def deliver(base_url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base_url}/webhooks/facebook/webhook", data=body, headers=headers) as reply:
            return reply.status, await reply.json()


def redis_seen_set() -> RedisSeenSet:
    import redis
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return RedisSeenSet(REDIS_URL, ttl_seconds=600)


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_a_failure_mid_batch_is_retried_by_meta_and_nothing_is_handled_twice(graph, store):
    dialogue = Dialogue()
    dialogue.failing["parent-b"] = 1
    events = (message("parent-a", "first"), message("parent-b", "second"), message("parent-c", "third"))
    body, headers = signed_delivery(*events)

    async def run():
        seen = redis_seen_set() if store == "redis" else None
        async with serving(channel(graph, seen), dialogue) as base_url:
            first = await deliver(base_url, body, headers)
            again = await deliver(base_url, body, headers)  # Meta delivers the same body again
            third = await deliver(base_url, body, headers)
        return first, again, third

    (status, answer), (status_again, answer_again), (status_third, answer_third) = \
        asyncio.run(asyncio.wait_for(run(), 60))
    # The failed event makes Meta try again; the others were handled and are not redone.
    assert status == 503 and answer["handled"] == 2 and answer["to_retry"] == 1
    assert status_again == 200 and answer_again["handled"] == 1 and answer_again["refused"]["replayed"] == 2
    assert status_third == 200 and answer_third["status"] == "already handled"
    assert sorted(dialogue.finished) == [("parent-a", "first"), ("parent-b", "second"), ("parent-c", "third")]


def test_an_event_that_always_fails_gets_the_parent_an_apology_at_the_last_try(graph):
    dialogue = Dialogue()
    dialogue.failing["parent-stuck"] = 100
    body, headers = signed_delivery(message("parent-stuck", "help please"))

    async def run():
        async with serving(channel(graph, max_tries=3), dialogue) as base_url:
            return [await deliver(base_url, body, headers) for _ in range(4)]

    answers = asyncio.run(asyncio.wait_for(run(), 60))
    assert [status for status, _ in answers] == [503, 503, 200, 200]
    assert answers[2][1]["apologised"] == 1 and answers[3][1]["status"] == "already handled"
    [apology] = graph.texts_to("parent-stuck")
    assert "something went wrong" in apology and "999" in apology and "office" in apology
    assert dialogue.finished == []


def test_an_event_being_handled_elsewhere_is_not_acknowledged(graph):
    """A delivery of an event another server holds (or held when it died) gets a 503, never a
    200 that would let Meta forget it."""
    seen = SeenSet(ttl_seconds=600)
    event = message("parent-held", "are you there")
    asyncio.run(seen.claim(replay_key(event), 120))
    dialogue = Dialogue()
    body, headers = signed_delivery(event)

    async def run():
        async with serving(channel(graph, seen), dialogue) as base_url:
            return await deliver(base_url, body, headers)

    status, answer = asyncio.run(asyncio.wait_for(run(), 60))
    assert status == 503 and answer["to_retry"] == 1 and dialogue.finished == []


# -- the seen-set's claims ----------------------------------------------------------------
def test_a_claim_is_held_then_lapses_and_done_is_kept_for_the_full_time():
    clock = Clock()
    seen = SeenSet(ttl_seconds=3600, clock=clock)

    async def run():
        assert await seen.claim("k", 60) == CLAIMED
        assert await seen.claim("k", 60) == HANDLING
        clock.now += 61  # the server holding it died
        assert await seen.claim("k", 60) == CLAIMED
        await seen.finish("k")
        clock.now += 600
        assert await seen.claim("k", 60) == DONE and await seen.is_done("k")
        await seen.release("k")  # a late failure elsewhere does not undo what was done
        assert await seen.claim("k", 60) == DONE
        assert await seen.claim("j", 60) == CLAIMED
        await seen.release("j")
        assert await seen.claim("j", 60) == CLAIMED
        assert [await seen.count_failure("j") for _ in range(3)] == [1, 2, 3]

    asyncio.run(run())


def test_redis_claims_behave_the_same():
    seen = redis_seen_set()
    key = f"test-claim-{uuid.uuid4().hex}"

    async def run():
        try:
            assert await seen.claim(key, 60) == CLAIMED
            assert await seen.claim(key, 60) == HANDLING and not await seen.is_done(key)
            await seen.release(key)
            assert await seen.claim(key, 60) == CLAIMED
            await seen.finish(key)
            await seen.release(key)
            assert await seen.claim(key, 60) == DONE and await seen.is_done(key)
            assert [await seen.count_failure(key) for _ in range(2)] == [1, 2]
        finally:
            await seen.redis.delete(seen.prefix + key, seen.prefix + "failures:" + key)
            await seen.redis.aclose() if hasattr(seen.redis, "aclose") else await seen.redis.close()

    asyncio.run(run())


# -- the assistant's own answers that Messenger does not take ---------------------------------
class AnsweringDialogue:
    """Stands in for the assistant: answers each message through the channel's output channel,
    as Rasa does."""

    async def __call__(self, incoming) -> None:
        await incoming.output_channel.send_text_message(
            incoming.sender_id, "If a child is in immediate danger, please call 999 now.")


def test_an_answer_messenger_does_not_take_is_told_to_the_office_once_a_day_per_parent(graph, sqlite_url):
    """A lasting Graph API failure for the assistant's answer: the event is not handed back to
    Meta (its turn is taken; taking it again would answer twice), and the office is emailed
    through the outbox, once for each parent, with nothing the parent wrote in it."""
    from sqlalchemy import select

    from concerns.store import CaseStore
    from concerns.tables import outbox

    store = CaseStore(sqlite_url)
    store.migrate()
    made = channel(graph)
    made._cases = store
    words = ("my son says his teacher hurt him", "are you there", "hello?")
    events = [message("parent-unanswered", words[0]), message("parent-unanswered", words[1]),
              message("parent-other", words[2])]

    async def run():
        async with serving(made, AnsweringDialogue()) as base_url:
            return [await deliver(base_url, *signed_delivery(event)) for event in events]

    graph.fail_next = 100  # Messenger down for longer than every try
    answers = asyncio.run(asyncio.wait_for(run(), 60))
    assert [(status, answer["handled"]) for status, answer in answers] == [(200, 1)] * 3
    with store.engine.connect() as connection:
        mail = connection.execute(select(outbox).order_by(outbox.c.id)).all()
    # Once for each parent, to the office, naming the conversation by its opaque id.
    assert [row.recipient for row in mail] == ["office@oakleycross.example.org"] * 2
    assert {row.case_id for row in mail} == {None}
    links = [f"/conversations/{store.conversation_id_for(sender)}" for sender in ("parent-unanswered", "parent-other")]
    assert all(link in row.body for link, row in zip(links, mail))
    assert "did not deliver" in mail[0].body and "503" in mail[0].body
    assert not any(w in row.body or w in row.subject for row in mail for w in words)
    assert not any(sender in row.body for row in mail for sender in ("parent-unanswered", "parent-other"))


def test_an_answer_delivered_tells_nobody(graph, sqlite_url):
    from sqlalchemy import func, select

    from concerns.store import CaseStore
    from concerns.tables import outbox

    store = CaseStore(sqlite_url)
    store.migrate()
    made = channel(graph)
    made._cases = store

    async def run():
        async with serving(made, AnsweringDialogue()) as base_url:
            return await deliver(base_url, *signed_delivery(message("parent-answered", "hello")))

    status, answer = asyncio.run(asyncio.wait_for(run(), 60))
    assert status == 200 and answer["handled"] == 1
    assert graph.texts_to("parent-answered")
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(outbox)).scalar_one() == 0


def test_an_apology_messenger_does_not_take_is_told_to_the_office(graph, sqlite_url):
    """An event that always fails while Messenger is down: at the last try the apology is not
    delivered either, and the office is told."""
    from sqlalchemy import select

    from concerns.store import CaseStore
    from concerns.tables import outbox

    store = CaseStore(sqlite_url)
    store.migrate()
    made = channel(graph, max_tries=3)
    made._cases = store
    dialogue = Dialogue()
    dialogue.failing["parent-stuck-and-unanswered"] = 100
    body, headers = signed_delivery(message("parent-stuck-and-unanswered", "help please"))

    async def run():
        async with serving(made, dialogue) as base_url:
            return [await deliver(base_url, body, headers) for _ in range(3)]

    graph.fail_next = 100
    answers = asyncio.run(asyncio.wait_for(run(), 60))
    assert [status for status, _ in answers] == [503, 503, 200] and answers[2][1]["apologised"] == 1
    with store.engine.connect() as connection:
        assert [row.recipient for row in connection.execute(select(outbox))] == ["office@oakleycross.example.org"]
