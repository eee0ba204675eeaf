"""The lock store of deploy/ on the real Redis: several servers, each handling several
messages for one conversation at the same moment, take turns, and none is dropped."""
from __future__ import annotations

import asyncio
import threading
import time
import uuid

import pytest

from tests.cluster.cluster import REDIS

SERVERS = 6
MESSAGES_EACH = 3


@pytest.fixture
def prefix():
    import redis

    client = redis.Redis(socket_timeout=3, **REDIS)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = "locktest" + uuid.uuid4().hex[:10]
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_servers_take_turns_on_one_conversation(prefix):
    from deploy.lock_store import AtomicRedisLockStore

    conversation = "parent-" + uuid.uuid4().hex[:6]
    held: list[tuple[float, float]] = []
    failures: list[BaseException] = []
    all_at_once = threading.Barrier(SERVERS)

    def server() -> None:
        # Each "server" has its own store and Redis connection, as each Rasa process does.
        store = AtomicRedisLockStore(key_prefix=prefix, **REDIS)

        async def handle_message() -> None:
            async with store.lock(conversation, wait_time_in_seconds=0.02):
                entered = time.monotonic()
                await asyncio.sleep(0.01)  # working on the conversation
                held.append((entered, time.monotonic()))

        async def messages() -> None:
            all_at_once.wait(timeout=30)
            results = await asyncio.gather(*(handle_message() for _ in range(MESSAGES_EACH)),
                                           return_exceptions=True)
            failures.extend(r for r in results if isinstance(r, BaseException))

        asyncio.run(messages())

    threads = [threading.Thread(target=server) for _ in range(SERVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(held) == SERVERS * MESSAGES_EACH
    held.sort()
    overlapping = [(a, b) for a, b in zip(held, held[1:]) if b[0] < a[1]]
    assert overlapping == [], "two messages of one conversation were handled at once"
    import redis

    assert not redis.Redis(**REDIS).exists(f"{prefix}:lock:{conversation}")
