"""Staff on a new browser ask for a link by email that makes it known to their account
(concerns/browser_links.py), through a real console behind one trusted proxy, a real database
file, the outbox worker and a real SMTP server on loopback: the same answer whether or not the
address has an account, the link only in the account's own inbox, used only by the page's
button (a mail scanner opening it uses nothing), once, and the browser it makes known signs in
without being given another cookie. Everything is audited. (During a flood of sign-ins:
tests/console/test_sign_in_flood.py.)"""
from __future__ import annotations

import os
import re
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
import requests
from sqlalchemy import select

from concerns.browser_links import REQUESTS_PER_ADDRESS
from concerns.service import Core
from concerns.settings import Settings
from console.app import SIGN_INS_AT_ONCE_PER_ADDRESS
from concerns.staff import StaffStore
from concerns.tables import audit, outbox
from tests.console.conftest import PASSWORD, mail_to, staff_mail, start_console, stop_console

TODD, OFFICE = "k.todd@oakleycross.example.org", "office@oakleycross.example.org"
MADE_UP = "no.such.person@oakleycross.example.org"


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    database_url = f"sqlite:///{tmp_path_factory.mktemp('links') / 'cases.db'}"
    core = Core(Settings(database_url=database_url, clock_override="2026-11-25T10:00:00"))
    people = StaffStore(core.store)
    for email in (TODD, OFFICE):
        member = people.member(core.profile, email)
        people.add(member.email, member.name, member.role, PASSWORD)
    url, process = start_console({**os.environ, "DATABASE_URL": database_url, "CONSOLE_TRUSTED_PROXIES": "1"})
    with staff_mail(database_url) as inbox:
        yield {"url": url, "inbox": inbox, "store": core.store}
    stop_console(process)


def ask(url: str, email: str, address: str, session: requests.Session | None = None) -> requests.Response:
    return (session or requests).post(url + "/sign-in/browser/ask", data={"email": email},
                                      headers={"X-Forwarded-For": address}, allow_redirects=False, timeout=60)


def link_path(message: dict) -> str:
    """The path and query of the emailed link (its host is the profile's console_url)."""
    return re.search(r"https?://[^/\s]+(/sign-in/browser\?token=[A-Za-z0-9_-]+)", message["body"]).group(1)


def audited(store, action: str) -> list[tuple[str, str]]:
    with store.engine.connect() as connection:
        return [(r.actor, r.detail) for r in connection.execute(
            select(audit).where(audit.c.action == action).order_by(audit.c.id))]


def test_the_same_answer_for_an_account_and_a_made_up_address_and_only_the_account_gets_a_link(console):
    url, inbox, store = console["url"], console["inbox"], console["store"]
    nobody = ask(url, MADE_UP, "198.51.100.20")
    todd = ask(url, TODD, "198.51.100.21")
    assert nobody.status_code == todd.status_code == 200
    assert nobody.text.replace(MADE_UP, "ADDRESS") == todd.text.replace(TODD, "ADDRESS")
    assert "a link has been emailed" in todd.text
    [message] = mail_to(inbox, TODD)
    assert message["subject"].startswith("Sign-in link for the")
    assert "198.51.100.21" in message["body"] and link_path(message)
    # The made-up address was asked for first and handled first: nothing was written for it.
    with store.engine.connect() as connection:
        assert set(connection.execute(select(outbox.c.recipient)).scalars()) == {TODD}
    assert not any(MADE_UP in m["to"] for m in inbox.messages)
    assert audited(store, "browser_link_sent") == [(TODD, "asked from 198.51.100.21")]


def test_the_link_makes_this_browser_known_once_and_it_signs_in_as_a_known_browser(console):
    url, inbox, store = console["url"], console["inbox"], console["store"]
    browser = requests.Session()
    assert ask(url, OFFICE, "198.51.100.22", browser).status_code == 200
    path = link_path(mail_to(inbox, OFFICE)[0])
    # Opening the link (as a mail scanner would, too) uses nothing.
    for _ in range(2):
        page = browser.get(url + path, timeout=60)
        assert page.status_code == 200 and "Make this browser known" in page.text
    token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
    # Another site's page cannot use it for this browser.
    refused = browser.post(url + "/sign-in/browser", data={"token": token}, allow_redirects=False, timeout=60,
                           headers={"Sec-Fetch-Site": "cross-site", "X-Forwarded-For": "198.51.100.22"})
    assert refused.status_code == 403 and "console_device" not in refused.cookies
    used = browser.post(url + "/sign-in/browser", data={"token": token}, allow_redirects=False, timeout=60,
                        headers={"Sec-Fetch-Site": "same-origin", "X-Forwarded-For": "198.51.100.22"})
    assert used.status_code == 303 and used.headers["Location"] == "/sign-in?browser=known"
    assert used.cookies.get("console_device")
    assert "This browser is now known" in browser.get(url + "/sign-in?browser=known", timeout=60).text
    # Once only, from any browser.
    again = requests.post(url + "/sign-in/browser", data={"token": token}, allow_redirects=False, timeout=60)
    assert again.status_code == 410 and "console_device" not in again.cookies
    assert requests.get(url + path, timeout=60).status_code == 410
    signed_in = browser.post(url + "/sign-in", data={"email": OFFICE, "password": PASSWORD},
                             headers={"X-Forwarded-For": "198.51.100.22"}, allow_redirects=False, timeout=60)
    assert signed_in.status_code == 302
    assert "console_device" not in signed_in.cookies  # known already, by the link
    assert audited(store, "browser_made_known_by_link") == [(OFFICE, "from 198.51.100.22")]


def test_an_address_that_asks_too_often_is_told_to_wait_whatever_it_asks_for(console):
    url = console["url"]
    for n in range(REQUESTS_PER_ADDRESS):
        assert ask(url, f"guess{n}@example.org", "203.0.113.40").status_code == 200
    for email in (TODD, MADE_UP):
        refused = ask(url, email, "203.0.113.40")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 3000
    assert ask(url, MADE_UP, "203.0.113.41").status_code == 200


def test_an_address_asking_many_links_at_once_holds_one_database_thread_and_the_rest_are_refused_at_once(console):
    """The asks are judged by client address before any database work, as sign-ins are
    (SignInGate): while the database is busy (here: a writer holds its lock), an address's asks
    past the few it may have waiting get 429 at once, without waiting for the database or taking
    one of the console's threads; the ones admitted are answered when it is free."""
    url, store = console["url"], console["store"]
    address, asks = "203.0.113.60", 10
    held = sqlite3.connect(store.url.split("///", 1)[1], timeout=30, isolation_level=None)
    held.execute("BEGIN IMMEDIATE")  # the database's write lock, as a long write would hold it
    try:
        with ThreadPoolExecutor(max_workers=asks) as pool:
            started = time.monotonic()
            replies = [pool.submit(ask, url, f"guess{n}@example.org", address) for n in range(asks)]
            done, waiting = wait(replies, timeout=5)
            at_once = [r.result() for r in done]
            assert time.monotonic() - started < 6
            # Four wait for the database (one of them at it), every other is refused at once.
            assert len(waiting) == SIGN_INS_AT_ONCE_PER_ADDRESS and len(at_once) == asks - SIGN_INS_AT_ONCE_PER_ADDRESS
            assert all(r.status_code == 429 and r.headers["Retry-After"] == "1" for r in at_once)
            assert "at once" in at_once[0].text
            held.execute("ROLLBACK")
            assert [r.result().status_code for r in waiting] == [200] * SIGN_INS_AT_ONCE_PER_ADDRESS
    finally:
        if held.in_transaction:
            held.execute("ROLLBACK")
        held.close()
