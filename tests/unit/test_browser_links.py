"""Links by email that make a browser known to a staff account (concerns/browser_links.py), on a
real database (SQLite, then PostgreSQL): asking tells nobody which addresses have accounts, the
link goes only to the account's own address, works once and for 15 minutes, a stranger asking
again and again cannot stop its owner getting one, and the browser it makes known is judged on
its own failures."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from sqlalchemy import event, select

from concerns.browser_links import (LINK_LIFETIME, LINKS_PER_ACCOUNT, REQUEST_MEMORY, REQUESTS_PER_ADDRESS,
                                    BrowserLinks)
from concerns.privacy import Conversations, DataProtection
from concerns.staff import SignInThrottled, StaffStore
from concerns.tables import audit, browser_link_requests, browser_links, outbox

PASSWORD = "a long staff password 42"
TEACHER, OFFICE = "l.kerr@oakleycross.example.org", "office@oakleycross.example.org"
MADE_UP = "nobody.here@oakleycross.example.org"
T0 = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def people(store, profile):
    people = StaffStore(store)
    for email in (TEACHER, OFFICE):
        member = people.member(profile, email)
        people.add(member.email, member.name, member.role, PASSWORD)
    return people


@pytest.fixture
def links(store):
    return BrowserLinks(store)


def _mail(store) -> list[tuple[str, str]]:
    with store.engine.connect() as connection:
        return [(r.recipient, r.body) for r in connection.execute(select(outbox).order_by(outbox.c.id))]


def _token(body: str) -> str:
    return re.search(r"/sign-in/browser\?token=([A-Za-z0-9_-]+)", body).group(1)


def _audit(store, action: str) -> list[tuple[str, str]]:
    with store.engine.connect() as connection:
        return [(r.actor, r.detail) for r in connection.execute(
            select(audit).where(audit.c.action == action).order_by(audit.c.id))]


def _statements_of(store, work) -> list[str]:
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        work()
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
    return seen


def test_asking_does_the_same_work_for_an_account_and_a_made_up_address_and_only_the_account_gets_mail(
        store, people, links, profile):
    for_account = _statements_of(store, lambda: links.ask(TEACHER, "198.51.100.1", now=T0))
    for_nobody = _statements_of(store, lambda: links.ask(MADE_UP, "198.51.100.2", now=T0))
    # The same statements, none of them about staff: whether the address is an account is
    # looked at afterwards, away from the answer.
    assert for_account == for_nobody and not any("staff" in s for s in for_account), for_account
    assert _mail(store) == []
    assert links.send_asked(profile, now=T0 + dt.timedelta(seconds=1)) == 1
    [(recipient, body)] = _mail(store)
    assert recipient == TEACHER
    assert "198.51.100.1" in body and "15 minutes" in body and "password" in body
    token = _token(body)
    with store.engine.connect() as connection:
        [row] = connection.execute(select(browser_links)).all()
    # Kept only as its hash.
    assert token not in str(tuple(row)) and len(row.token_hash) == 64
    assert _audit(store, "browser_link_sent") == [(TEACHER, "asked from 198.51.100.1")]
    assert not any(MADE_UP in actor or MADE_UP in detail for actor, detail in _audit(store, "browser_link_sent"))


def test_a_link_makes_the_browser_known_once_and_not_after_its_time(store, people, links, profile):
    links.ask(TEACHER, "198.51.100.1", now=T0)
    links.ask(TEACHER, "198.51.100.1", now=T0)
    links.send_asked(profile, now=T0)
    first, second = (_token(body) for _, body in _mail(store))
    # Looking at a link (a mail scanner does) does not use it.
    assert links.usable(first, now=T0) and links.usable(first, now=T0)
    made_known = links.use(first, "198.51.100.9", profile, now=T0 + dt.timedelta(minutes=1))
    assert made_known is not None and made_known.email == TEACHER
    _, known = people.before_check(TEACHER, "198.51.100.9", made_known.device_token, now=T0 + dt.timedelta(minutes=2))
    assert known
    # Once only.
    assert not links.usable(first, now=T0 + dt.timedelta(minutes=2))
    assert links.use(first, "198.51.100.9", profile, now=T0 + dt.timedelta(minutes=2)) is None
    # Not after 15 minutes.
    assert links.use(second, "198.51.100.9", profile, now=T0 + LINK_LIFETIME) is None
    assert links.use("made-up-token", "198.51.100.9", profile, now=T0) is None
    assert _audit(store, "browser_made_known_by_link") == [(TEACHER, "from 198.51.100.9")]


def test_a_stranger_asking_again_and_again_sends_a_few_and_the_owner_always_has_one_that_works(
        store, people, links, profile):
    for n in range(10):  # from ten addresses, so no address limit applies
        links.ask(TEACHER, f"203.0.113.{n}", now=T0 + dt.timedelta(minutes=n))
        links.send_asked(profile, now=T0 + dt.timedelta(minutes=n))
    mail = _mail(store)
    assert len(mail) == LINKS_PER_ACCOUNT == 3
    # Audited once, not once per ask: a flood of asks does not flood the audit log.
    [(actor, detail)] = _audit(store, "browser_link_held_back")
    assert actor == TEACHER and detail.startswith("asked from 203.0.113.3; 3 sent in the last 15 minutes")
    # Held back only while a link sent within its lifetime is in the owner's inbox, and it works.
    newest = _token(mail[-1][1])
    assert links.use(newest, "198.51.100.9", profile, now=T0 + dt.timedelta(minutes=14)) is not None
    # Once the first has run out, asking sends one again.
    links.ask(TEACHER, "198.51.100.9", now=T0 + LINK_LIFETIME + dt.timedelta(seconds=1))
    assert links.send_asked(profile, now=T0 + LINK_LIFETIME + dt.timedelta(seconds=1)) == 1


def test_a_held_back_link_is_audited_once_in_fifteen_minutes_across_a_restart_and_a_second_console(
        store, people, links, profile):
    """The once-per-15-minutes memory of held-back links is the audit log itself: a console that
    restarts, or another one beside it, does not write the entry again."""
    for n in range(LINKS_PER_ACCOUNT + 1):
        links.ask(TEACHER, f"203.0.113.{n}", now=T0 + dt.timedelta(minutes=n))
        links.send_asked(profile, now=T0 + dt.timedelta(minutes=n))
    assert len(_audit(store, "browser_link_held_back")) == 1
    for n, console in enumerate((BrowserLinks(store), BrowserLinks(store)), start=LINKS_PER_ACCOUNT + 1):
        console.ask(TEACHER, f"203.0.113.{n}", now=T0 + dt.timedelta(minutes=n))
        assert console.send_asked(profile, now=T0 + dt.timedelta(minutes=n)) == 0
    assert len(_audit(store, "browser_link_held_back")) == 1
    # Fifteen minutes after that entry, with three links of the last 15 minutes still out, a
    # held-back link is audited again.
    again = T0 + dt.timedelta(minutes=LINKS_PER_ACCOUNT) + LINK_LIFETIME
    for n in range(LINKS_PER_ACCOUNT):  # three new links, so the account is at its limit again
        links.ask(TEACHER, f"198.51.100.{n}", now=again - dt.timedelta(seconds=120 - 30 * n))
        assert links.send_asked(profile, now=again - dt.timedelta(seconds=120 - 30 * n)) == 1
    BrowserLinks(store).ask(TEACHER, "198.51.100.50", now=again)
    assert BrowserLinks(store).send_asked(profile, now=again) == 0
    assert len(_audit(store, "browser_link_held_back")) == 2


def test_an_address_that_asks_too_often_waits_whatever_it_asks_for(store, people, links, profile):
    for n in range(REQUESTS_PER_ADDRESS):
        assert links.ask(MADE_UP if n % 2 else TEACHER, "203.0.113.7", now=T0 + dt.timedelta(minutes=n)) == \
            dt.timedelta(0)
    for email in (TEACHER, MADE_UP):
        wait = links.ask(email, "203.0.113.7", now=T0 + dt.timedelta(minutes=10))
        assert wait == REQUEST_MEMORY - dt.timedelta(minutes=10)
    # Another address is not held up, and this one may ask again once its first ask is an hour old.
    assert links.ask(OFFICE, "198.51.100.1", now=T0 + dt.timedelta(minutes=10)) == dt.timedelta(0)
    assert links.ask(OFFICE, "203.0.113.7", now=T0 + REQUEST_MEMORY + dt.timedelta(seconds=1)) == dt.timedelta(0)


def test_no_link_for_a_leaver_a_disabled_account_or_an_old_ask_and_signing_out_everywhere_stops_links(
        store, people, links, profile):
    left = dataclasses.replace(profile, staff=tuple(m for m in profile.staff if m.email != OFFICE))
    links.ask(OFFICE, "198.51.100.1", now=T0)
    assert links.send_asked(left, now=T0) == 0
    people.disable(TEACHER, "head@oakleycross.example.org")
    links.ask(TEACHER, "198.51.100.1", now=T0)
    assert links.send_asked(profile, now=T0) == 0
    # Asked while no console was running to send it: not sent long after.
    links.ask(OFFICE, "198.51.100.1", now=T0)
    assert links.send_asked(profile, now=T0 + LINK_LIFETIME) == 0
    assert _mail(store) == []
    # A link sent, then `staff sign-out` (a lost laptop, perhaps a read mailbox): it no longer works.
    links.ask(OFFICE, "198.51.100.1", now=T0)
    assert links.send_asked(profile, now=T0) == 1
    token = _token(_mail(store)[0][1])
    people.revoke_sessions(OFFICE, "head@oakleycross.example.org")
    assert links.use(token, "198.51.100.9", profile, now=T0) is None


def test_a_browser_known_by_a_link_is_not_held_up_by_a_strangers_failures_at_the_account(
        store, people, links, profile):
    for n in range(5):
        assert people.sign_in(TEACHER, "wrong", "", f"203.0.113.{n}", profile, now=T0) is None
    with pytest.raises(SignInThrottled):  # a new browser waits for the stranger's failures
        people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0)
    links.ask(TEACHER, "198.51.100.1", now=T0)
    links.send_asked(profile, now=T0)
    made_known = links.use(_token(_mail(store)[0][1]), "198.51.100.1", profile, now=T0)
    signed_in = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile,
                               device_token=made_known.device_token, now=T0)
    assert signed_in is not None and signed_in.device_token is None  # known already: no new cookie


def test_the_purge_and_each_pass_forget_spent_links_and_asks(store, people, links, profile, tmp_path):
    links.ask(TEACHER, "198.51.100.1", now=T0)
    links.ask(MADE_UP, "198.51.100.1", now=T0)
    links.send_asked(profile, now=T0)
    with store.engine.connect() as connection:
        assert len(connection.execute(select(browser_links)).all()) == 1
        assert len(connection.execute(select(browser_link_requests)).all()) == 2
    later = T0 + REQUEST_MEMORY + dt.timedelta(seconds=1)
    purge = DataProtection(store, Conversations(f"sqlite:///{tmp_path / 'none.db'}"), profile.retention)
    deleted = purge.purge(later, "dpo")["deleted"]
    assert deleted["browser_links"] == 1 and deleted["browser_link_requests"] == 2
    with store.engine.connect() as connection:
        assert connection.execute(select(browser_link_requests)).all() == []
    # The typed addresses are gone within the hour by the console's own passes too.
    links.ask(MADE_UP, "198.51.100.1", now=later)
    links.send_asked(profile, now=later)
    links.send_asked(profile, now=later + REQUEST_MEMORY)
    with store.engine.connect() as connection:
        assert connection.execute(select(browser_link_requests)).all() == []


def test_once_sent_the_stored_copy_of_the_email_no_longer_holds_the_links_token(
        store, people, links, profile, smtp_server):
    """The token is in the outbox's copy only until the mail server has the message: a copy of
    the database taken after sending gives nobody the link (the email itself still works)."""
    from concerns.notifier import Mailer, deliver_due

    port, inbox = smtp_server
    links.ask(TEACHER, "198.51.100.1")
    assert links.send_asked(profile) == 1
    [(_, queued)] = _mail(store)
    assert deliver_due(store, Mailer("127.0.0.1", port, "assistant@oakleycross.example.org")) == (1, 0)
    [message] = inbox.messages
    token = _token(message["body"])
    assert token == _token(queued)  # what was sent is what was queued
    with store.engine.connect() as connection:
        [row] = connection.execute(select(outbox)).all()
    assert row.status == "sent"
    assert token not in str(tuple(row))
    # The rest of the stored copy is kept as it was: who asked, from where, and the link's page.
    assert "198.51.100.1" in row.body and "/sign-in/browser?token=" in row.body
    assert links.use(token, "198.51.100.1", profile) is not None


def test_case_emails_are_stored_as_sent(store, smtp_server):
    """Only a link's token is taken out of the stored copy: other mail is kept word for word."""
    from concerns.notifier import Mailer, deliver_due

    port, _ = smtp_server
    body = "Read the case in the staff console: https://console.example.org/cases/OC-2026-0001\n"
    store.queue_mail(OFFICE, "Thanks passed on", body)
    assert deliver_due(store, Mailer("127.0.0.1", port, "assistant@oakleycross.example.org")) == (1, 0)
    assert _mail(store) == [(OFFICE, body)]
