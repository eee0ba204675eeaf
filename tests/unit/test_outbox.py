"""Staff emails: nothing personal in them, retried with back-off, never sent twice."""
import datetime as dt

from concerns.notifier import Mailer, compose_emails, deliver_due, retry_delay
from concerns.store import CaseStore, NewCase, utcnow
from tests.conftest import free_port


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
