"""How much one sender may ask of the assistant, and replays of deliveries already handled.

Small guards for the public channels (REST, Messenger, the website widget) and the console's
sign-in, kept here without Rasa or Sanic so they can be tested on their own:

- `RateLimiter`: a token bucket per sender. Each sender may send `per_minute` messages a
  minute (CHAT_RATE_LIMIT_PER_MINUTE, default 20) in bursts of up to that many. A message
  over the limit is not passed to the assistant; the first one of a run gets
  `rate_limit_notice` back, which tells the parent plainly that the message was not read and
  to send it again in a minute, and to call 999 if a child is in danger. We tell rather than
  queue: a queue would hold a parent's words in one server's memory, where a restart loses
  them without anyone knowing, whereas the parent still has what they typed.
- `SeenSet`: remembers what was already handled (a Messenger message id, a body's hash) for
  a limited time, so a delivery replayed within that time is recognised. In memory by
  default, bounded in size; in Redis (with expiry) when REDIS_URL is set, so that several
  Rasa servers behind a load balancer share it.

- `SignInGate`: the console's sign-ins per client address, judged before any password is
  checked, so a flood from one address is refused cheaply and never holds more than one of the
  argon2 threads that staff elsewhere need.
- `SignInPlaces`: the argon2 threads' places, shared so that a flood from many addresses
  cannot take them all: sign-ins from a browser the account already knows have a place kept
  for them and go first; all the others share the rest and a short queue, past which they are
  refused at once with how long to wait.

Buckets are kept in each server's memory: behind a load balancer of N servers a sender can
get up to N times the limit unless the balancer keeps a sender on one server (the widget's
socket.io connections need that anyway). A flood from many made-up senders is for the
reverse proxy's per-address limits; this guard is about one conversation.
"""
from __future__ import annotations

import asyncio
import os
import time
from collections import OrderedDict, deque
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator, Callable, Optional

def rate_limit_notice(office_phone: str, emergency: str = "999") -> str:
    """Told once when messages come too fast: the message was not read, and where urgent help is."""
    return ("You're sending messages very quickly, so I've paused for a moment and I didn't read your "
            "last message. Please wait a minute, then send it again, or phone the school office on "
            f"{office_phone}. If a child is in danger right now, call {emergency}.")


def rate_limit_notice_from_profile() -> str:
    """The notice for the school in SCHOOL_PROFILE."""
    return rate_limit_notice(*school_numbers())


def school_numbers() -> tuple[str, str]:
    """The office's phone and the emergency number from SCHOOL_PROFILE."""
    from concerns.profile import profile_in_use
    profile = profile_in_use()
    return profile.office_phone, profile.emergency_number
DEFAULT_PER_MINUTE = 20


def per_minute_from_environment() -> int:
    """CHAT_RATE_LIMIT_PER_MINUTE, or 20; 0 turns the limit off (only for trusted set-ups)."""
    value = os.environ.get("CHAT_RATE_LIMIT_PER_MINUTE", "").strip()
    try:
        return max(0, int(value)) if value else DEFAULT_PER_MINUTE
    except ValueError:
        return DEFAULT_PER_MINUTE


@dataclass(frozen=True)
class Decision:
    allowed: bool
    # True for the first refused message of a run: the one that gets the notice, so a
    # parent who keeps typing is told once, not once per message.
    notify: bool = False
    # Seconds until the sender may send one message again.
    retry_after: float = 0.0


class RateLimiter:
    """A token bucket per sender: `per_minute` tokens a minute, at most `per_minute` saved up."""

    def __init__(self, per_minute: int = DEFAULT_PER_MINUTE, max_senders: int = 50_000,
                 clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self.max_senders = max_senders
        self.clock = clock
        # sender -> (tokens, when they were counted, already told); oldest use first, so the
        # table stays bounded however many senders there are.
        self._buckets: "OrderedDict[str, tuple[float, float, bool]]" = OrderedDict()

    def check(self, sender: str) -> Decision:
        """Take one token for this sender's message, if there is one."""
        if self.per_minute <= 0:
            return Decision(True)
        now = self.clock()
        tokens, counted_at, told = self._buckets.pop(sender, (self.capacity, now, False))
        tokens = min(self.capacity, tokens + (now - counted_at) * self.refill_per_second)
        if tokens >= 1.0:
            decision = Decision(True)
            tokens, told = tokens - 1.0, False
        else:
            decision = Decision(False, notify=not told, retry_after=(1.0 - tokens) / self.refill_per_second)
            told = True
        self._buckets[sender] = (tokens, now, told)
        while len(self._buckets) > self.max_senders:
            # Forgetting the longest-idle sender only gives them a full bucket again.
            self._buckets.popitem(last=False)
        return decision


class SignInGate:
    """The console's sign-ins, judged by client address before any password is checked, so a
    flood from one address costs that address and not the staff signing in from elsewhere.

    Per address, at most `at_once` sign-ins waiting or being checked at the same moment, checked
    one at a time (`turn`). A sign-in over that is refused at once, without taking a place in
    the queue for the argon2 threads or a thread itself: one address holds at most one of those
    threads, whatever it sends. Staff behind one school router share an address, so a second
    sign-in at the same moment waits its turn rather than being refused. (The growing delays per
    account and address, concerns/staff.py, are then asked before the queue, in the console.)

    In the console's memory. A flood spread over many addresses is not stopped here; it meets
    SignInPlaces, which keeps a place for browsers the account already knows."""

    def __init__(self, at_once: int = 4):
        self.at_once = at_once
        # address -> [its lock, how many of its sign-ins are waiting or being checked]
        self._addresses: dict[str, list] = {}

    def admit(self, address: str) -> float:
        """0 if this address may try a sign-in now (it must then take its `turn`), else the
        seconds it should wait."""
        waiting = self._addresses.get(address)
        if waiting is not None and waiting[1] >= self.at_once:
            return 1.0
        self._addresses.setdefault(address, [asyncio.Lock(), 0])[1] += 1
        return 0.0

    @asynccontextmanager
    async def turn(self, address: str) -> AsyncIterator[None]:
        """One admitted sign-in's turn: the address's earlier ones go first."""
        entry = self._addresses[address]
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._addresses[address]

    def waiting(self, address: str) -> int:
        return self._addresses.get(address, [None, 0])[1]


class PlacesFull(Exception):
    """No place to wait for a password check in this sign-in's lane; try again in `retry_after` s."""

    def __init__(self, retry_after: float, known_browser: bool):
        super().__init__(f"try again in {retry_after:.0f} s")
        self.retry_after = retry_after
        self.known_browser = known_browser


class SignInPlaces:
    """Who may use the `threads` argon2 threads, and who waits for them.

    Two lanes. A sign-in from a browser the account already knows (its cookie is a random
    token stored as a hash, so nobody can make one up) may take any free place and, when a
    place comes free, goes before everyone else. Every other sign-in (a new browser, a
    made-up account, an attacker) is in the strangers' lane: together they hold at most
    `threads - kept_for_known` places at once, and at most `strangers_waiting` of them wait;
    more are refused at once (PlacesFull) with the time the queue ahead should take, from the
    checks timed so far. So a flood spread over many addresses, which no per-address or
    per-account limit sees, fills only the strangers' lane: staff signing in from a browser
    they used before still find a place kept for them, and the argon2 threads never take more
    than the strangers' share of the CPU.

    The lane depends only on the browser's cookie, never on whether the account exists, so
    how a sign-in is queued tells nothing about which addresses have accounts."""

    def __init__(self, threads: int = 2, kept_for_known: int = 1, strangers_waiting: int = 20,
                 known_waiting: int = 10, first_guess_seconds: float = 1.0,
                 clock: Callable[[], float] = time.monotonic):
        if not 0 < kept_for_known < threads:
            raise ValueError("keep at least one place for known browsers and leave one for the others")
        self.threads = threads
        self.strangers_places = threads - kept_for_known
        self.limits = {True: known_waiting, False: strangers_waiting}
        self.clock = clock
        # How long a check takes, smoothed over the latest ones; a guess until one is timed.
        self.seconds_per_check = first_guess_seconds
        self._busy = 0
        self._busy_strangers = 0
        self._queues: dict[bool, deque] = {True: deque(), False: deque()}

    def waiting(self, known_browser: bool) -> int:
        return len(self._queues[known_browser])

    def busy(self) -> tuple[int, int]:
        """How many places are in use, and how many of those by strangers."""
        return self._busy, self._busy_strangers

    def _may_start(self, known_browser: bool) -> bool:
        if self._busy >= self.threads:
            return False
        return known_browser or self._busy_strangers < self.strangers_places

    def _take(self, known_browser: bool) -> None:
        self._busy += 1
        if not known_browser:
            self._busy_strangers += 1

    def _hand_on(self) -> None:
        """Give free places to those waiting: known browsers first, then strangers in turn."""
        for lane in (True, False):
            queue = self._queues[lane]
            while queue and self._may_start(lane):
                waiter = queue.popleft()
                if not waiter.done():
                    self._take(lane)
                    waiter.set_result(None)

    def retry_after(self, known_browser: bool = False) -> float:
        """About how long those waiting in this lane now will take to be checked."""
        places = self.threads if known_browser else self.strangers_places
        return max(1.0, (self.waiting(known_browser) + 1) * self.seconds_per_check / places)

    @asynccontextmanager
    async def place(self, known_browser: bool) -> AsyncIterator[None]:
        """A place on the argon2 threads for one check; raises PlacesFull at once when this
        lane's queue is full."""
        queue = self._queues[known_browser]
        if not queue and self._may_start(known_browser):
            self._take(known_browser)
        else:
            if len(queue) >= self.limits[known_browser]:
                raise PlacesFull(self.retry_after(known_browser), known_browser)
            waiter = asyncio.get_running_loop().create_future()
            queue.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                # Gone while waiting (the client hung up): a place handed over meanwhile goes on.
                if waiter.done() and not waiter.cancelled():
                    self._release(known_browser)
                else:
                    waiter.cancel()
                    try:
                        queue.remove(waiter)
                    except ValueError:
                        pass
                raise
        began = self.clock()
        try:
            yield
        finally:
            took = self.clock() - began
            self.seconds_per_check = 0.8 * self.seconds_per_check + 0.2 * took
            self._release(known_browser)

    def _release(self, known_browser: bool) -> None:
        self._busy -= 1
        if not known_browser:
            self._busy_strangers -= 1
        self._hand_on()


DONE, HANDLING, CLAIMED = "done", "handling", "claimed"


class SeenSet:
    """Keys handled in the last `ttl_seconds`, in memory, at most `max_keys` of them.

    Besides `first_time` (remember at once), a key can be claimed while its event is being
    handled and marked done only once it has been: `claim` answers CLAIMED (yours to handle),
    HANDLING (someone is handling it now, or died doing so within `hold_seconds`) or DONE."""

    def __init__(self, ttl_seconds: float, max_keys: int = 200_000, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl_seconds
        self.max_keys = max_keys
        self.clock = clock
        # key -> (when it may be forgotten, DONE or HANDLING); oldest first
        self._expiry: "OrderedDict[str, tuple[float, str]]" = OrderedDict()
        self._failures: "OrderedDict[str, tuple[float, int]]" = OrderedDict()

    def _current(self, table: "OrderedDict", key: str) -> Any:
        """The key's value if it has not expired, else None; forgets the oldest expired entries
        on the way (a claim's shorter hold may leave a few expired ones behind them)."""
        now = self.clock()
        while table:
            oldest, (expires, _) = next(iter(table.items()))
            if expires > now:
                break
            del table[oldest]
        expires, value = table.get(key, (0.0, None))
        return value if expires > now else None

    def _put(self, table: "OrderedDict", key: str, value: Any, seconds: float) -> None:
        table.pop(key, None)
        table[key] = (self.clock() + seconds, value)
        while len(table) > self.max_keys:
            table.popitem(last=False)

    async def first_time(self, key: str) -> bool:
        """True the first time a key is offered within the time limit (and remembers it)."""
        return await self.claim(key, self.ttl, DONE) == CLAIMED

    async def is_done(self, key: str) -> bool:
        return self._current(self._expiry, key) == DONE

    async def claim(self, key: str, hold_seconds: float, state: str = HANDLING) -> str:
        held = self._current(self._expiry, key)
        if held is not None:
            return held
        self._put(self._expiry, key, state, hold_seconds)
        return CLAIMED

    async def finish(self, key: str) -> None:
        """The key's event was handled: remembered as done for the full time."""
        self._put(self._expiry, key, DONE, self.ttl)

    async def release(self, key: str) -> None:
        """Handling failed: the next delivery of the event may claim it again."""
        if self._current(self._expiry, key) == HANDLING:
            del self._expiry[key]

    async def count_failure(self, key: str) -> int:
        """One more failed try at the key's event; how many there have been."""
        count = (self._current(self._failures, key) or 0) + 1
        self._put(self._failures, key, count, self.ttl)
        return count


class RedisSeenSet:
    """The same, shared by every server through Redis: SET NX with an expiry, one round trip."""

    def __init__(self, url: str, ttl_seconds: float, prefix: str = "concerns:seen:"):
        import redis.asyncio  # only when Redis is configured

        self.redis = redis.asyncio.from_url(url)
        self.ttl = max(1, int(ttl_seconds))
        self.prefix = prefix

    async def first_time(self, key: str) -> bool:
        return bool(await self.redis.set(self.prefix + key, DONE, nx=True, ex=self.ttl))

    async def is_done(self, key: str) -> bool:
        return await self.redis.get(self.prefix + key) == DONE.encode()

    async def claim(self, key: str, hold_seconds: float) -> str:
        # The claim expires by itself: a server that dies while handling leaves nothing stuck.
        if await self.redis.set(self.prefix + key, HANDLING, nx=True, ex=max(1, int(hold_seconds))):
            return CLAIMED
        held = await self.redis.get(self.prefix + key)
        return DONE if held == DONE.encode() else HANDLING

    async def finish(self, key: str) -> None:
        await self.redis.set(self.prefix + key, DONE, ex=self.ttl)

    async def release(self, key: str) -> None:
        # Only a claim is let go: an event another server finished meanwhile stays done.
        await self.redis.eval(_RELEASE_IF_HANDLING, 1, self.prefix + key, HANDLING)

    async def count_failure(self, key: str) -> int:
        name = self.prefix + "failures:" + key
        count = await self.redis.incr(name)
        await self.redis.expire(name, self.ttl)
        return int(count)


_RELEASE_IF_HANDLING = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


def seen_set(ttl_seconds: float, redis_url: Optional[str] = None):
    """A Redis-backed seen-set when REDIS_URL (or `redis_url`) is set, else one in memory."""
    url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "").strip()
    return RedisSeenSet(url, ttl_seconds) if url else SeenSet(ttl_seconds)
