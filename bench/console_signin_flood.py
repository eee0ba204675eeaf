"""Console p95 while 50 bad sign-ins a second arrive (issue 12, item 4).

`.venv/bin/python bench/console_signin_flood.py [seconds]` starts a console on a throwaway
database behind one trusted proxy, signs one member of staff in, and times their inbox
(`GET /cases`) at 10 requests a second: first alone, then while a flood of wrong passwords
arrives at 50 a second, twice:

- `flood_from_one_address`: every bad sign-in from one address (the console refuses most at
  once, before any password is checked: console/app.py, SignInGate);
- `flood`: each bad sign-in from its own address and for an account of its own, so that none
  is held back by the address or account delays: those let in cost a full argon2 check, and
  the rest find the queue for the argon2 threads full (console/app.py, SignInPlaces).

Halfway through each flood the member of staff signs in again, three times at once, each from
an address of their own: from a new browser, from the browser they signed in from before the
flood (it carries the console's cookie for it, which no stranger has), and from another new
browser by an emailed link (concerns/browser_links.py: ask for the link, take it from the outbox
as soon as the console has queued it, as no mail is sent here, use it, sign in).
`staff_sign_ins` says how each was answered (302: signed in) and how long it took (for the link,
all of it but the mail's delivery; `link_queued_seconds` is how long the console took to queue
the mail). Prints JSON with the p95s, their ratios (flood / alone), and how the flood's sign-ins
were answered.
"""
from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import free_port  # noqa: E402  (runs as a script)

PASSWORD = "a long bench password 42"
STAFF = "office@oakleycross.example.org"
PAGE_RATE, FLOOD_RATE = 10, 50


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


async def _paced(rate: float, seconds: float, one) -> list:
    """Call `one(n)` `rate` times a second for `seconds`, without waiting for answers."""
    tasks, start = [], time.monotonic()
    for n in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, start + n / rate - time.monotonic()))
        tasks.append(asyncio.create_task(one(n)))
    return await asyncio.gather(*tasks)


FLOODER, STAFF_ADDRESS, STAFF_KNOWN_BROWSER_ADDRESS = "203.0.113.66", "198.51.100.5", "198.51.100.6"
STAFF_LINK_ADDRESS = "198.51.100.7"


def _last_mail_id(store) -> int:
    from concerns.tables import outbox

    with store.engine.connect() as connection:
        return connection.execute(select(outbox.c.id).order_by(outbox.c.id.desc())).scalar() or 0


def _link_token_queued(store, after_id: int, deadline: float) -> str:
    """The token of the first sign-in link queued for STAFF in the outbox after `after_id`, as
    soon as the console has queued it."""
    import re

    from concerns.tables import outbox

    while True:
        with store.engine.connect() as connection:
            row = connection.execute(select(outbox.c.id, outbox.c.body).where(
                outbox.c.recipient == STAFF, outbox.c.id > after_id).order_by(outbox.c.id)).first()
        if row is not None:
            return re.search(r"token=([A-Za-z0-9_-]+)", row.body).group(1)
        if time.monotonic() > deadline:
            raise TimeoutError("the console queued no sign-in link")
        time.sleep(0.05)


async def _measure(url: str, cookie: str, device: str, seconds: float, flood: str | None, store=None) -> dict:
    """`flood`: None, "one address" or "many addresses"; `device`: the staff browser's cookie."""
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout, cookies={"console_session": cookie}) as staff, \
            aiohttp.ClientSession(timeout=timeout) as stranger:
        async def page(_n: int) -> float:
            began = time.perf_counter()
            async with staff.get(url + "/cases", allow_redirects=False) as reply:
                await reply.read()
                assert reply.status == 200, reply.status
            return time.perf_counter() - began

        async def bad_sign_in(n: int) -> int:
            address = FLOODER if flood == "one address" else f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
            async with stranger.post(url + "/sign-in", data={"email": f"nobody{n}@example.org",
                                                             "password": "wrong guess"},
                                     headers={"X-Forwarded-For": address}, allow_redirects=False) as reply:
                await reply.read()
                return reply.status

        async def staff_sign_in(address: str, cookies: dict) -> dict:
            began = time.perf_counter()
            async with aiohttp.ClientSession(timeout=timeout, cookies=cookies) as elsewhere:
                async with elsewhere.post(url + "/sign-in", data={"email": STAFF, "password": PASSWORD},
                                          headers={"X-Forwarded-For": address},
                                          allow_redirects=False) as reply:
                    await reply.read()
                    return {"status": reply.status, "signed_in": reply.status == 302,
                            "seconds": round(time.perf_counter() - began, 2)}

        async def staff_sign_in_by_link(address: str) -> dict:
            last_mail = await asyncio.to_thread(_last_mail_id, store)
            began, here = time.perf_counter(), {"X-Forwarded-For": address}
            async with aiohttp.ClientSession(timeout=timeout) as browser:
                async with browser.post(url + "/sign-in/browser/ask", data={"email": STAFF}, headers=here,
                                        allow_redirects=False) as reply:
                    await reply.read()
                    assert reply.status == 200, reply.status
                token = await asyncio.to_thread(_link_token_queued, store, last_mail, time.monotonic() + 60)
                queued = time.perf_counter() - began
                async with browser.post(url + "/sign-in/browser", data={"token": token}, headers=here,
                                        allow_redirects=False) as reply:
                    await reply.read()
                    assert reply.status == 303, reply.status
                    made_known = reply.cookies["console_device"].value
                signed_in = await staff_sign_in(address, {"console_device": made_known})
            return {**signed_in, "seconds": round(time.perf_counter() - began, 2),
                    "link_queued_seconds": round(queued, 2)}

        async def staff_sign_ins_halfway() -> dict:
            await asyncio.sleep(seconds / 2)
            new, known, by_link = await asyncio.gather(
                staff_sign_in(STAFF_ADDRESS, {}),
                staff_sign_in(STAFF_KNOWN_BROWSER_ADDRESS, {"console_device": device}),
                staff_sign_in_by_link(STAFF_LINK_ADDRESS))
            return {"new_browser": new, "known_browser": known, "new_browser_by_emailed_link": by_link}

        pages = asyncio.create_task(_paced(PAGE_RATE, seconds, page))
        halfway = asyncio.create_task(staff_sign_ins_halfway()) if flood else None
        statuses = await _paced(FLOOD_RATE, seconds, bad_sign_in) if flood else []
        times = await pages
    answered = {str(status): statuses.count(status) for status in sorted(set(statuses))}
    measured = {"p95_ms": round(p95(times) * 1000, 1), "median_ms": round(statistics.median(times) * 1000, 1),
                "pages": len(times), "sign_ins": answered}
    if halfway is not None:
        measured["staff_sign_ins"] = await halfway
    return measured


def measure(seconds: float = 20.0) -> dict:
    """Start a console, time its inbox alone and under the flood; the two p95s and their ratio."""
    from concerns.service import Core
    from concerns.settings import Settings
    from concerns.staff import StaffStore

    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'cases.db'}"
        core = Core(Settings(database_url=database_url))
        people = StaffStore(core.store)
        member = people.member(core.profile, STAFF)
        people.add(member.email, member.name, member.role, PASSWORD)
        port = free_port()
        env = {**os.environ, "DATABASE_URL": database_url, "CONSOLE_PORT": str(port), "RASA_PORT": str(free_port()),
               "RASA_JWT_SECRET": "unused", "CONSOLE_TRUSTED_PROXIES": "1", "PYTHONPATH": str(ROOT)}
        console = subprocess.Popen([sys.executable, "-m", "console.app"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            cookie, device = asyncio.run(_sign_in(url))
            alone = asyncio.run(_measure(url, cookie, device, seconds, flood=None))
            from_one = asyncio.run(_measure(url, cookie, device, seconds, flood="one address", store=core.store))
            flooded = asyncio.run(_measure(url, cookie, device, seconds, flood="many addresses", store=core.store))
        finally:
            console.terminate()
            console.wait(timeout=10)
    return {"alone": alone, "flood_from_one_address": from_one, "flood": flooded,
            "p95_ratio_one_address": round(from_one["p95_ms"] / alone["p95_ms"], 2),
            "p95_ratio": round(flooded["p95_ms"] / alone["p95_ms"], 2),
            "flood_per_second": FLOOD_RATE, "pages_per_second": PAGE_RATE, "seconds": seconds,
            "cpus": os.cpu_count()}


async def _sign_in(url: str) -> tuple[str, str]:
    """Staff's session cookie, and the cookie that marks their browser as one they sign in from."""
    deadline = time.monotonic() + 60
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.post(url + "/sign-in", data={"email": STAFF, "password": PASSWORD},
                                        allow_redirects=False) as reply:
                    assert reply.status == 302, reply.status
                    return reply.cookies["console_session"].value, reply.cookies["console_device"].value
            except aiohttp.ClientConnectionError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.3)


if __name__ == "__main__":
    print(json.dumps(measure(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0), indent=2))
