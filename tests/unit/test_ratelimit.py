"""Per-sender rate limits and the replay seen-set (concerns/ratelimit.py), on a fake clock."""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import time

import pytest

from concerns.ratelimit import (PlacesFull, RateLimiter, rate_limit_notice_from_profile, RedisSeenSet, SeenSet,
                                SignInGate, SignInPlaces, per_minute_from_environment, seen_set)
from tests.conftest import free_port


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_twenty_a_minute_then_refused_and_told_once():
    clock = Clock()
    limiter = RateLimiter(20, clock=clock)
    assert all(limiter.check("parent").allowed for _ in range(20))
    first, second, third = (limiter.check("parent") for _ in range(3))
    assert not first.allowed and first.notify
    assert not second.allowed and not second.notify and not third.notify
    assert 0 < first.retry_after <= 3.0  # one message's worth of tokens comes back every 3 s


def test_the_bucket_refills_with_time_and_the_notice_comes_again_after_a_pause():
    clock = Clock()
    limiter = RateLimiter(20, clock=clock)
    for _ in range(21):
        limiter.check("parent")
    clock.now += 3.0  # one token back
    assert limiter.check("parent").allowed
    refused = limiter.check("parent")
    assert not refused.allowed and refused.notify  # a new run of refusals is told again
    clock.now += 60
    assert sum(limiter.check("parent").allowed for _ in range(25)) == 20  # never more than the burst


def test_senders_have_their_own_buckets():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.check("a").allowed and limiter.check("a").allowed
    assert not limiter.check("a").allowed
    assert limiter.check("b").allowed


def test_the_table_of_senders_stays_bounded():
    clock = Clock()
    limiter = RateLimiter(1, max_senders=100, clock=clock)
    for n in range(1000):
        limiter.check(f"sender-{n}")
    assert len(limiter._buckets) == 100
    assert not limiter.check("sender-999").allowed  # the most recent are still remembered


def test_zero_turns_the_limit_off():
    limiter = RateLimiter(0)
    assert all(limiter.check("x").allowed for _ in range(500))


@pytest.mark.parametrize("value, expected", [("", 20), ("5", 5), ("0", 0), ("-3", 0), ("lots", 20)])
def test_the_limit_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("CHAT_RATE_LIMIT_PER_MINUTE", value)
    assert per_minute_from_environment() == expected


def test_the_notice_is_kind_asks_to_resend_and_gives_999_and_the_office():
    notice = rate_limit_notice_from_profile()
    assert "sending messages very quickly" in notice
    assert "send it again" in notice and "999" in notice and "01388 000 000" in notice


def test_seen_set_recognises_a_repeat_until_it_expires():
    clock = Clock()
    seen = SeenSet(ttl_seconds=60, clock=clock)
    run = asyncio.run
    assert run(seen.first_time("mid:1"))
    assert not run(seen.first_time("mid:1"))
    assert run(seen.first_time("mid:2"))
    clock.now += 61
    assert run(seen.first_time("mid:1"))


def test_seen_set_stays_bounded():
    seen = SeenSet(ttl_seconds=3600, max_keys=50, clock=Clock())
    for n in range(500):
        asyncio.run(seen.first_time(str(n)))
    assert len(seen._expiry) == 50
    assert not asyncio.run(seen.first_time("499"))


def test_without_redis_url_the_seen_set_is_in_memory(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(seen_set(60), SeenSet)


@pytest.fixture
def redis_url():
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed here")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(port=port).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_redis_seen_set_is_shared_between_servers_and_expires(redis_url):
    async def scenario():
        one, two = seen_set(2, redis_url=redis_url), seen_set(2, redis_url=redis_url)  # two Rasa servers
        assert isinstance(one, RedisSeenSet)
        assert await one.first_time("mid:abc")
        assert not await two.first_time("mid:abc")
        ttl = await one.redis.ttl(one.prefix + "mid:abc")
        assert 0 < ttl <= 2
        await asyncio.sleep(2.2)
        assert await two.first_time("mid:abc")
        await one.redis.close()
        await two.redis.close()

    asyncio.run(scenario())


# -- the console's sign-ins per address ----------------------------------------------------
def test_one_address_is_refused_past_its_sign_ins_at_once_and_others_are_not():
    gate = SignInGate(at_once=2)

    async def flood_and_then_someone_else():
        order, release = [], asyncio.Event()

        async def sign_in(address: str, name: str):
            async with gate.turn(address):
                order.append(name)
                await release.wait()

        assert gate.admit("203.0.113.66") == 0 and gate.admit("203.0.113.66") == 0
        first = asyncio.create_task(sign_in("203.0.113.66", "flood 1"))
        second = asyncio.create_task(sign_in("203.0.113.66", "flood 2"))
        await asyncio.sleep(0)
        # A third from the flooding address is refused at once; someone elsewhere goes straight in.
        assert gate.admit("203.0.113.66") >= 1
        assert gate.admit("198.51.100.5") == 0
        staff = asyncio.create_task(sign_in("198.51.100.5", "staff"))
        await asyncio.sleep(0)
        # One check at a time per address: the flood's second waits behind its first.
        assert order == ["flood 1", "staff"]
        release.set()
        await asyncio.gather(first, second, staff)
        assert order == ["flood 1", "staff", "flood 2"]
        # Nothing is held once they are done.
        assert gate.waiting("203.0.113.66") == 0 and gate.admit("203.0.113.66") == 0

    asyncio.run(flood_and_then_someone_else())



# -- the argon2 threads' places: a lane kept for browsers the account knows -----------------
async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_a_flood_of_strangers_fills_only_their_lane_and_a_known_browser_still_gets_a_place():
    """Issue 12, item 4: a flood where every sign-in comes from its own address (no address or
    account limit applies) used to fill the one queue for the argon2 threads, and staff got 503."""
    clock = Clock()
    places = SignInPlaces(threads=2, kept_for_known=1, strangers_waiting=3, known_waiting=2, clock=clock)

    async def flood_then_staff():
        release, checked = asyncio.Event(), []

        async def sign_in(name: str, known_browser: bool):
            async with places.place(known_browser):
                checked.append(name)
                await release.wait()

        flood = [asyncio.create_task(sign_in(f"stranger {n}", False)) for n in range(4)]
        await _settle()
        # One stranger is checked, three wait: the strangers never hold the place kept for known browsers.
        assert checked == ["stranger 0"] and places.busy() == (1, 1) and places.waiting(False) == 3
        with pytest.raises(PlacesFull) as full:
            async with places.place(False):
                pass
        assert not full.value.known_browser and full.value.retry_after >= 1
        staff = asyncio.create_task(sign_in("staff", True))
        await _settle()
        assert checked == ["stranger 0", "staff"] and places.busy() == (2, 1)
        release.set()
        await asyncio.gather(*flood, staff)
        assert places.busy() == (0, 0) and places.waiting(False) == 0

    asyncio.run(flood_then_staff())


def test_when_a_place_comes_free_a_known_browser_waiting_goes_before_the_strangers():
    places = SignInPlaces(threads=2, kept_for_known=1, strangers_waiting=5, known_waiting=5, clock=Clock())

    async def scenario():
        gates, checked = {}, []

        async def sign_in(name: str, known_browser: bool):
            gates[name] = asyncio.Event()
            async with places.place(known_browser):
                checked.append(name)
                await gates[name].wait()

        tasks = [asyncio.create_task(sign_in(name, known)) for name, known in
                 (("stranger 0", False), ("staff 0", True), ("stranger 1", False), ("staff 1", True))]
        await _settle()
        assert checked == ["stranger 0", "staff 0"]
        gates["stranger 0"].set()  # a place comes free: the known browser waiting takes it
        await _settle()
        assert checked == ["stranger 0", "staff 0", "staff 1"]
        gates["staff 0"].set()
        await _settle()
        assert checked[-1] == "stranger 1"
        for gate in gates.values():
            gate.set()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())


def test_known_browsers_have_a_queue_of_their_own_and_may_use_every_place():
    places = SignInPlaces(threads=2, kept_for_known=1, strangers_waiting=5, known_waiting=1, clock=Clock())

    async def scenario():
        release = asyncio.Event()

        async def sign_in():
            async with places.place(True):
                await release.wait()

        tasks = [asyncio.create_task(sign_in()) for _ in range(3)]
        await _settle()
        assert places.busy() == (2, 0) and places.waiting(True) == 1
        with pytest.raises(PlacesFull) as full:
            async with places.place(True):
                pass
        assert full.value.known_browser
        release.set()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())


def test_the_wait_told_to_a_refused_stranger_follows_the_checks_timed_so_far():
    clock = Clock()
    places = SignInPlaces(threads=2, kept_for_known=1, strangers_waiting=2, known_waiting=1, clock=clock,
                          first_guess_seconds=1.0)

    async def scenario():
        for _ in range(20):  # checks that took 3 s each
            async with places.place(False):
                clock.now += 3.0
        release = asyncio.Event()

        async def sign_in():
            async with places.place(False):
                await release.wait()

        tasks = [asyncio.create_task(sign_in()) for _ in range(3)]
        await _settle()
        with pytest.raises(PlacesFull) as full:
            async with places.place(False):
                pass
        # Two waiting and this one, at about 3 s each on the one strangers' place.
        assert 8.5 <= full.value.retry_after <= 9.0
        release.set()
        await asyncio.gather(*tasks)

    asyncio.run(scenario())


def test_a_sign_in_that_goes_away_while_waiting_leaves_no_place_taken():
    places = SignInPlaces(threads=2, kept_for_known=1, strangers_waiting=5, known_waiting=5, clock=Clock())

    async def scenario():
        release = asyncio.Event()

        async def sign_in(known_browser: bool):
            async with places.place(known_browser):
                await release.wait()

        first = asyncio.create_task(sign_in(False))
        gone = asyncio.create_task(sign_in(False))
        await _settle()
        assert places.waiting(False) == 1
        gone.cancel()  # the client hung up while waiting
        await _settle()
        assert places.waiting(False) == 0 and places.busy() == (1, 1)
        # Handed a place and cancelled before it could use it: the place goes back.
        handed = asyncio.create_task(sign_in(False))
        await _settle()
        release.set()
        await asyncio.sleep(0)
        assert first.done() and places.waiting(False) == 0 and places.busy() == (1, 1)  # handed, not yet resumed
        handed.cancel()
        await asyncio.gather(first, handed, return_exceptions=True)
        await _settle()
        assert places.busy() == (0, 0) and places.waiting(False) == 0

    asyncio.run(scenario())
