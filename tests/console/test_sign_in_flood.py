"""A flood of bad sign-ins from one address falls on that address (issue 12, item 4): its
sign-ins are refused at once, before any password is checked, and never hold the argon2 threads,
so a member of staff signing in from another address still gets in. A flood from many addresses
(each sign-in its own, so no address or account delay applies) fills only the lane for browsers
no account knows: staff on a browser they signed in from before still get in, and the flood is
answered 429 with Retry-After, never 503. Staff on a browser new to the console, refused like
the flood, ask for a link by email (concerns/browser_links.py, through the outbox worker and a real
SMTP server on loopback) that makes it known, and then get in. Functional, not timed: the
console's speed under a flood is measured by bench/console_signin_flood.py."""
from __future__ import annotations

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
import requests

from concerns.service import Core
from concerns.settings import Settings
from concerns.staff import StaffStore
from tests.console.conftest import PASSWORD, mail_to, staff_mail, start_console, stop_console

TODD = "k.todd@oakleycross.example.org"
FLOODER = "203.0.113.66"
FLOOD_THREADS = 120


@pytest.fixture(scope="module")
def flooded_school(tmp_path_factory):
    """A console of its own (the flood's failures stay out of the other tests' database) behind
    one trusted proxy, so the flood and the member of staff come from different addresses; and
    its outbox worker sending to a real SMTP server on loopback."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('flood') / 'cases.db'}"
    core = Core(Settings(database_url=database_url, clock_override="2026-11-25T10:00:00"))
    member = StaffStore.member(core.profile, TODD)
    StaffStore(core.store).add(member.email, member.name, member.role, PASSWORD)
    url, process = start_console({**os.environ, "DATABASE_URL": database_url, "CONSOLE_TRUSTED_PROXIES": "1"})
    with staff_mail(database_url) as inbox:
        yield {"url": url, "inbox": inbox}
    stop_console(process)


@pytest.fixture(scope="module")
def console_behind_proxy(flooded_school):
    return flooded_school["url"]


def test_staff_sign_in_from_another_address_during_a_flood_from_one(console_behind_proxy):
    url, stop, answers, lock = console_behind_proxy, threading.Event(), [], threading.Lock()
    enough_of_a_flood = threading.Event()

    def flood(n: int) -> None:
        # Made-up entries to the left of the proxy's own change at every try: they count for
        # nothing, the address is the proxy's entry.
        with requests.Session() as session:
            while not stop.is_set():
                reply = session.post(url + "/sign-in", data={"email": f"guess{n}@example.org", "password": "123456"},
                                     headers={"X-Forwarded-For": f"10.{n}.0.1, {FLOODER}"},
                                     allow_redirects=False, timeout=120)
                with lock:
                    answers.append(reply.status_code)
                    if len(answers) >= 3 * FLOOD_THREADS:
                        enough_of_a_flood.set()

    with ThreadPoolExecutor(FLOOD_THREADS) as pool:
        for n in range(FLOOD_THREADS):
            pool.submit(flood, n)
        try:
            assert enough_of_a_flood.wait(120), "the flood never got going"
            staff = requests.post(url + "/sign-in", data={"email": TODD, "password": PASSWORD},
                                  headers={"X-Forwarded-For": "198.51.100.5"}, allow_redirects=False, timeout=120)
        finally:
            stop.set()
    assert staff.status_code == 302, (staff.status_code, staff.text[:300])
    with lock:
        # The flood itself was turned away at its address, not answered "busy" for everyone.
        assert 503 not in answers and answers.count(429) > len(answers) // 2, {
            code: answers.count(code) for code in set(answers)}


@contextmanager
def flood_from_many_addresses(url: str):
    """Bad sign-ins from FLOOD_THREADS connections, each try from an address and for an account
    of its own; entered once the queue for password checks has overflowed. Yields the list of
    (status, Retry-After) the flood got, and its lock."""
    stop, answers, lock = threading.Event(), [], threading.Lock()
    queue_overflowed = threading.Event()

    def flood(n: int) -> None:
        # Every try from an address and for an account of its own: nothing per address or per
        # account ever holds it back, so every one that is let in costs a full password check.
        tries = 0
        with requests.Session() as session:
            while not stop.is_set():
                tries += 1
                reply = session.post(url + "/sign-in", data={"email": f"many{n}-{tries}@example.org",
                                                             "password": "123456"},
                                     headers={"X-Forwarded-For": f"10.{n}.{tries // 256 % 256}.{tries % 256}"},
                                     allow_redirects=False, timeout=120)
                with lock:
                    answers.append((reply.status_code, reply.headers.get("Retry-After")))
                    if reply.status_code in (429, 503) and len(answers) >= FLOOD_THREADS:
                        queue_overflowed.set()

    with ThreadPoolExecutor(FLOOD_THREADS) as pool:
        for n in range(FLOOD_THREADS):
            pool.submit(flood, n)
        try:
            assert queue_overflowed.wait(120), "the flood never filled the queue for password checks"
            yield answers, lock
        finally:
            stop.set()


def assert_the_flood_was_told_to_wait(answers: list, lock: threading.Lock) -> None:
    with lock:
        codes = {code: [c for c, _ in answers].count(code) for code in {c for c, _ in answers}}
        # The flood was turned away as too many sign-ins (429, with when to try again), not as
        # a console that is down, and not one of its wrong passwords got in.
        assert set(codes) <= {401, 429} and codes.get(429, 0) > 0, codes
        assert all(wait and int(wait) >= 1 for code, wait in answers if code == 429), codes


def test_staff_on_a_browser_they_used_before_sign_in_during_a_flood_from_many_addresses(console_behind_proxy):
    url = console_behind_proxy
    # Todd signed in from this browser before the flood: it carries the console's cookie for it.
    first = requests.post(url + "/sign-in", data={"email": TODD, "password": PASSWORD},
                          headers={"X-Forwarded-For": "198.51.100.7"}, allow_redirects=False, timeout=120)
    assert first.status_code == 302
    known_browser = first.cookies.get("console_device")
    assert known_browser

    with flood_from_many_addresses(url) as (answers, lock):
        staff = requests.post(url + "/sign-in", data={"email": TODD, "password": PASSWORD},
                              cookies={"console_device": known_browser},
                              headers={"X-Forwarded-For": "198.51.100.8"}, allow_redirects=False, timeout=120)
    assert staff.status_code == 302, (staff.status_code, staff.text[:300])
    assert "console_device" not in staff.cookies  # the same browser, known already
    assert_the_flood_was_told_to_wait(answers, lock)


def test_staff_on_a_new_browser_get_in_by_an_emailed_link_during_a_flood_from_many_addresses(flooded_school):
    url, inbox = flooded_school["url"], flooded_school["inbox"]
    here = {"X-Forwarded-For": "198.51.100.11"}
    with flood_from_many_addresses(url) as (answers, lock):
        # The gap: a browser new to the console is refused like the flood's...
        refused = requests.post(url + "/sign-in", data={"email": TODD, "password": PASSWORD},
                                headers={"X-Forwarded-For": "198.51.100.10"}, allow_redirects=False, timeout=120)
        # ...so Todd asks for a link for this browser, opens it from her inbox, and uses it.
        browser = requests.Session()
        asked = browser.post(url + "/sign-in/browser/ask", data={"email": TODD}, headers=here,
                             allow_redirects=False, timeout=120)
        [message] = mail_to(inbox, TODD, timeout=90)
        path = re.search(r"https?://[^/\s]+(/sign-in/browser\?token=[A-Za-z0-9_-]+)", message["body"]).group(1)
        page = browser.get(url + path, headers=here, timeout=120)
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
        used = browser.post(url + "/sign-in/browser", data={"token": token}, headers=here, allow_redirects=False,
                            timeout=120)
        staff = browser.post(url + "/sign-in", data={"email": TODD, "password": PASSWORD}, headers=here,
                             allow_redirects=False, timeout=120)
    assert refused.status_code == 429, (refused.status_code, refused.text[:300])
    assert "ask for a link by email" in refused.text
    assert asked.status_code == 200 and used.status_code == 303, (asked.status_code, used.status_code)
    assert staff.status_code == 302, (staff.status_code, staff.text[:300])
    assert "console_device" not in staff.cookies  # known already, by the link
    assert_the_flood_was_told_to_wait(answers, lock)
