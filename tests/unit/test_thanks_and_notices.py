"""Thanks passed to the staff named (no case, nothing about the child beyond a first name),
and notices shown until they expire, in a real database file."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from concerns.store import CaseStore
from concerns.tables import audit, outbox
from concerns.thanks import thanked, thanks_emails, without_details

TODAY = dt.date(2026, 12, 2)


def test_thanks_go_to_the_member_of_staff_named(profile):
    emails = thanks_emails("Please pass on a massive thank you to Mrs Dunn for the nativity", profile, TODAY)
    assert [e.recipient for e in emails] == ["r.dunn@oakleycross.example.org"]
    assert "Dear Mrs Rachel Dunn" in emails[0].body
    assert "There is no case and nothing to do." in emails[0].body


def test_thanks_for_no_one_in_particular_go_to_the_office_to_share(profile):
    emails = thanks_emails("the whole school has been amazing this term", profile, TODAY)
    assert [e.recipient for e in emails] == [profile.person("office").email]


def test_thanks_carry_no_more_than_the_child_s_first_name(profile):
    words = without_details("Thank you Mr Hall! Jack Robson in Year 4 loves school now. Ring me on 07700 900123 "
                            "or jo@example.com", profile)
    assert "Mr Hall" in words and "Jack" in words
    for detail in ("Robson", "Year 4", "07700", "jo@example.com"):
        assert detail not in words


def test_thanks_naming_everyone_is_for_the_school(profile):
    assert thanked("thanks Mrs Dunn, Mr Bell, Mrs Shah and Miss Kerr for the trip", profile) == []


def test_no_thanks_are_passed_on_unless_the_profile_allows_it(profile):
    assert thanks_emails("thank you Mrs Dunn", replace(profile, pass_on_thanks=False), TODAY) == []


def test_thanks_mail_has_no_case_and_is_kept_no_longer_than_a_conversation(sqlite_url, profile):
    store = CaseStore(sqlite_url)
    store.migrate()
    sent_at = dt.datetime(2026, 12, 2, 12, tzinfo=dt.timezone.utc)
    message_id = store.queue_mail("r.dunn@oakleycross.example.org", "A thank-you", "words", now=sent_at)
    [claimed] = store.claim_due(now=sent_at)
    assert claimed.id == message_id and claimed.case_id is None
    store.mark_sent(message_id, now=sent_at)

    from concerns.privacy import Conversations, DataProtection  # noqa: E402 - the purge's own objects
    with store.engine.connect() as connection:
        assert len(connection.execute(select(outbox)).all()) == 1
    purge = DataProtection(store, Conversations(sqlite_url), profile.retention)
    purge.purge(sent_at + dt.timedelta(days=89), "test")
    with store.engine.connect() as connection:
        assert len(connection.execute(select(outbox)).all()) == 1
    purge.purge(sent_at + dt.timedelta(days=91), "test")
    with store.engine.connect() as connection:
        assert connection.execute(select(outbox)).all() == []


def test_a_notice_shows_until_it_expires_or_is_ended_and_is_audited(sqlite_url):
    store = CaseStore(sqlite_url)
    store.migrate()
    now = dt.datetime(2027, 1, 6, 7, tzinfo=dt.timezone.utc)
    first = store.post_notice("Closed today because of snow.", "head@oakleycross.example.org",
                              now + dt.timedelta(hours=17), now)
    second = store.post_notice("Breakfast club is cancelled.", "office@oakleycross.example.org",
                               now + dt.timedelta(hours=2), now)
    assert [n["text"] for n in store.active_notices(now)] == ["Closed today because of snow.",
                                                              "Breakfast club is cancelled."]
    assert [n["id"] for n in store.active_notices(now + dt.timedelta(hours=3))] == [first]
    assert store.end_notice(first, "head@oakleycross.example.org", now + dt.timedelta(hours=4))
    assert not store.end_notice(first, "head@oakleycross.example.org", now + dt.timedelta(hours=4))
    assert store.active_notices(now + dt.timedelta(hours=4)) == []
    with store.engine.connect() as connection:
        actions = [(row.actor, row.action) for row in connection.execute(select(audit).order_by(audit.c.id))]
    assert actions == [("head@oakleycross.example.org", "notice_posted"),
                       ("office@oakleycross.example.org", "notice_posted"),
                       ("head@oakleycross.example.org", "notice_ended")]
    assert second


@pytest.mark.parametrize("until, problem", [("2027-01-06T06:00", "in the past"), ("soon", "like 2027-01-12T18:00"),
                                            ("", None)])
def test_a_notice_s_end_is_checked(until, problem):
    from concerns.notices import NoticeError, checked_notice
    now = dt.datetime(2027, 1, 6, 7, tzinfo=dt.timezone.utc)
    if problem is None:
        text, moment = checked_notice("  Closed   today ", until, now)
        assert text == "Closed today" and moment == dt.datetime(2027, 1, 7, tzinfo=dt.timezone.utc)
        return
    with pytest.raises(NoticeError, match=problem):
        checked_notice("Closed", until, now)
