"""Staff emails: nothing personal in them, retried with back-off, never lost, never sent twice
(except after a crash between the server's accept and `mark_sent`, then with the same Message-ID)."""
import datetime as dt
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from concerns.notifier import Mailer, compose_emails, deliver_due, retry_delay
from concerns.store import CaseStore, NewCase, utcnow
from tests.conftest import free_port
from tests.unit.test_store import _new_case, _two_emails

SENDER = "assistant@oakleycross.example.org"
RECIPIENTS = ("l.kerr@oakleycross.example.org", "head@oakleycross.example.org")


def _file(store, profile, urgency="high", category="bullying"):
    new = NewCase(channel="web", sender_id="s1", category=category, about="child", routed_to="class_teacher",
                  assignee="l.kerr@oakleycross.example.org", copied_to=["headteacher"], urgency=urgency,
                  acknowledge_by=dt.date(2026, 12, 2), respond_by=dt.date(2026, 12, 9),
                  child_name="Amelia", child_class="Year 3", parent_name="Jo Bloggs",
                  parent_contact="jo@example.org", account="Amelia was pushed and called names by Kai")
    addresses = ["l.kerr@oakleycross.example.org", "head@oakleycross.example.org"]
    return store.file_case(new, "OC", lambda record: compose_emails(record, addresses, profile))


def test_the_email_carries_what_staff_need_and_nothing_personal(profile, sqlite_url):
    store = CaseStore(sqlite_url)
    store.migrate()
    record = _file(store, profile)
    email = compose_emails(record, ["x@example.org"], profile)[0]
    for needed in (record["reference"], "bullying", "high", "2026-12-02", "/cases/" + record["reference"]):
        assert needed in email.body
    for personal in ("Amelia", "Kai", "Jo Bloggs", "jo@example.org", "pushed"):
        assert personal not in email.body and personal not in email.subject


def test_urgent_cases_say_so_in_the_subject(profile, sqlite_url):
    store = CaseStore(sqlite_url)
    store.migrate()
    record = _file(store, profile, urgency="urgent", category="safeguarding")
    assert compose_emails(record, ["dsl@example.org"], profile)[0].subject.startswith("[URGENT]")


def test_a_mail_server_that_is_down_loses_nothing(profile, sqlite_url, smtp_server):
    store = CaseStore(sqlite_url)
    store.migrate()
    record = _file(store, profile)
    down = Mailer("127.0.0.1", free_port(), "assistant@example.org", timeout=2)
    assert deliver_due(store, down) == (0, 2)
    shown = store.get(record["reference"])
    assert all(n["status"] == "pending" and n["attempts"] == 1 and n["last_error"] for n in shown["notifications"])
    # Not retried before its back-off is up...
    port, inbox = smtp_server
    up = Mailer("127.0.0.1", port, "assistant@example.org")
    assert deliver_due(store, up) == (0, 0)
    # ...and delivered, once each, when it is.
    later = utcnow() + dt.timedelta(minutes=1)
    assert deliver_due(store, up, now=later) == (2, 0)
    assert deliver_due(store, up, now=later + dt.timedelta(hours=1)) == (0, 0)
    assert sorted(m["to"][0] for m in inbox.messages) == ["head@oakleycross.example.org",
                                                           "l.kerr@oakleycross.example.org"]
    assert all(n["status"] == "sent" for n in store.get(record["reference"])["notifications"])


def test_back_off_grows_and_is_capped():
    delays = [retry_delay(n).total_seconds() for n in range(12)]
    assert delays[:3] == [5, 10, 20]
    assert delays == sorted(delays) and max(delays) == 900


def test_an_allegation_about_staff_tells_the_reader_to_consult_the_lado(profile):
    from concerns.notifier import compose_emails

    record = {"reference": "OC-2026-0001", "category": "safeguarding", "about": "staff", "urgency": "urgent",
              "routed_to": "headteacher", "channel": "web", "acknowledge_by": "2026-12-02", "respond_by": "2026-12-09"}
    [email] = compose_emails(record, ["head@oakleycross.example.org"], profile)
    assert "LADO" in email.body and "do not tell" in email.body.lower()
    child = compose_emails({**record, "about": "child", "routed_to": "dsl"}, ["dsl@oakleycross.example.org"], profile)
    assert "LADO" not in child[0].body


def _expected_deliveries(filed):
    return Counter((f"Case {case['reference']}", address) for case in filed for address in RECIPIENTS)


def _received(inbox):
    return Counter((m["subject"], m["to"][0]) for m in inbox.messages)


def test_senders_claiming_at_the_same_moment_send_each_email_once(store, smtp_server):
    """deploy/ runs one outbox worker and the action server sends a new case's mail at once;
    here with two more workers, as if started by mistake. Passing at the very same moment,
    on SQLite as on PostgreSQL, they send every email, and each once."""
    port, inbox = smtp_server
    filed = [store.file_case(_new_case(sender_id=f"parent-{i}"), "OC", _two_emails) for i in range(45)]
    senders = 4
    same_moment = threading.Barrier(senders)

    def sender(number) -> int:
        # Its own connections, as a separate process would have.
        own_store = CaseStore(store.url)
        mailer = Mailer("127.0.0.1", port, SENDER)
        sent = 0
        try:
            for turn in range(8):
                same_moment.wait(timeout=60)
                # Sender 0 is the action server sending one case's mail at once, racing the
                # workers for the same rows (they take the oldest first).
                case_id = filed[turn]["id"] if number == 0 else None
                sent += deliver_due(own_store, mailer, case_id=case_id)[0]
        finally:
            own_store.engine.dispose()
        return sent

    with ThreadPoolExecutor(max_workers=senders) as pool:
        sent = list(pool.map(sender, range(senders)))
    assert store.pending_count() == 0
    assert sum(sent) == len(filed) * 2
    assert _received(inbox) == _expected_deliveries(filed)


def test_a_stale_claim_is_released_and_its_mail_sent_once(store, smtp_server):
    """A sender that claimed mail and died before sending it: another sender leaves it alone
    while the first might still be sending, then sends it, once, when the claim goes stale."""
    port, inbox = smtp_server
    mailer = Mailer("127.0.0.1", port, SENDER)
    [case] = filed = [store.file_case(_new_case(), "OC", _two_emails)]
    claimed_at = utcnow()
    assert len(store.claim_due(now=claimed_at)) == 2  # ...and the sender dies here
    assert deliver_due(store, mailer, now=claimed_at + dt.timedelta(minutes=4)) == (0, 0)
    assert inbox.messages == []
    assert deliver_due(store, mailer, now=claimed_at + dt.timedelta(minutes=6)) == (2, 0)
    assert deliver_due(store, mailer, now=claimed_at + dt.timedelta(hours=1)) == (0, 0)
    assert _received(inbox) == _expected_deliveries(filed)
    assert [n["status"] for n in store.get(case["reference"])["notifications"]] == ["sent", "sent"]


class SenderDied(BaseException):
    """The process ending between the server's accept and `mark_sent` (power, OOM, SIGKILL)."""


def test_mail_accepted_just_before_a_crash_is_sent_again_with_the_same_message_id(
        sqlite_url, smtp_server, monkeypatch):
    port, inbox = smtp_server
    store = CaseStore(sqlite_url)
    store.migrate()
    mailer = Mailer("127.0.0.1", port, SENDER)
    [case] = filed = [store.file_case(_new_case(), "OC", _two_emails)]

    def die(message_id, now=None):
        raise SenderDied()

    crashed_at = utcnow()
    with monkeypatch.context() as patch:
        patch.setattr(store, "mark_sent", die)
        with pytest.raises(SenderDied):
            deliver_due(store, mailer, now=crashed_at)
    [first] = inbox.messages  # accepted by the server, not recorded as sent
    assert first["to"] == [RECIPIENTS[0]]
    # The claim goes stale: both emails are sent (the first again), none is lost.
    assert deliver_due(store, mailer, now=crashed_at + dt.timedelta(minutes=6)) == (2, 0)
    assert _received(inbox) == _expected_deliveries(filed) + Counter([(first["subject"], RECIPIENTS[0])])
    by_recipient = {}
    for message in inbox.messages:
        by_recipient.setdefault(message["to"][0], []).append(message["message_id"])
    # The copy carries the first delivery's Message-ID, so a mail client shows it once;
    # the other email has its own.
    assert by_recipient[RECIPIENTS[0]] == [first["message_id"]] * 2
    assert by_recipient[RECIPIENTS[1]] != [first["message_id"]]
    assert first["message_id"].endswith("@oakleycross.example.org>")
    assert [n["status"] for n in store.get(case["reference"])["notifications"]] == ["sent", "sent"]
