"""Retention periods in the school profile, the rules that decide what a purge deletes, and
the purge on a real database (SQLite, then PostgreSQL) while staff go on working."""
import datetime as dt
import threading
import time

import pytest
from sqlalchemy import create_engine, select, text

from concerns.privacy import (ENDED_STATUSES, CaseFacts, Conversations, DataProtection, HandoffFacts, events,
                              plan_purge, retention_cutoff, tracker_url_from_environment)
from concerns.profile import ProfileError, Retention, RetentionPeriod, load_profile
from concerns.settings import PROJECT_ROOT
from concerns.staff import StaffStore
from concerns.store import utcnow
from concerns.tables import audit, cases, handoffs, notes, outbox
from tests.conftest import PROFILE_PATH
from tests.unit.test_store import _new_case, _two_emails

UTC = dt.timezone.utc
NOW = dt.datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
RULES = Retention(
    cases={"safeguarding": RetentionPeriod(25, "years"), "complaint": RetentionPeriod(6, "years"),
           "bullying": RetentionPeriod(6, "years"), "cyberbullying": RetentionPeriod(6, "years"),
           "social_media": RetentionPeriod(6, "years"), "concern": RetentionPeriod(2, "years"),
           "handoff": RetentionPeriod(90, "days")},
    conversations=RetentionPeriod(90, "days"))


# -- the profile ---------------------------------------------------------------------------
def test_the_oakley_cross_profile_keeps_safeguarding_longest_and_routine_chats_briefly(profile):
    periods = profile.retention.cases
    assert str(periods["safeguarding"]) == "25 years"
    assert str(periods["complaint"]) == "6 years"
    assert str(periods["handoff"]) == "90 days"
    assert str(profile.retention.conversations) == "90 days"
    longest = max(periods.values(), key=lambda p: p.after(dt.date(2026, 1, 1)))
    assert longest == periods["safeguarding"]


def _load_with(tmp_path, old, new):
    """The real profile with one edit; returns the load error and the edited line's number."""
    text = PROFILE_PATH.read_text()
    assert old in text, old
    path = tmp_path / "school.yml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    return str(raised.value), text[: text.index(old)].count("\n") + 1


def _line_of(fragment):
    text = PROFILE_PATH.read_text()
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    ("    complaint: 6 years", "    complaint: -6 years", "retention period for 'complaint' cases cannot be negative"),
    ("    concern: 2 years", "    concern: 0 days", "must be at least 1 day"),
    ("    handoff: 90 days", "    handoff: 3 months", "must be a number of years or days"),
    ("    handoff: 90 days", "    handoff:", "must be a number of years or days"),
    ("    bullying: 6 years", "    bulying: 6 years", "unknown case category 'bulying'"),
    ("  conversations: 90 days", "  conversations: ninety days", "conversations without a case"),
])
def test_a_bad_retention_period_names_its_own_line(tmp_path, old, new, message):
    error, line = _load_with(tmp_path, old, new)
    assert message in error
    assert error.startswith(f"{tmp_path / 'school.yml'}:{line}: "), error


def test_a_category_without_a_period_is_named_at_the_cases_line(tmp_path):
    error, _ = _load_with(tmp_path, "    concern: 2 years\n", "")
    assert "no retention period for 'concern' cases" in error
    assert error.startswith(f"{tmp_path / 'school.yml'}:{_line_of('  cases:')}: "), error


def test_a_profile_without_retention_says_so(tmp_path):
    text = PROFILE_PATH.read_text()
    path = tmp_path / "school.yml"
    path.write_text(text[: text.index("retention:")])
    with pytest.raises(ProfileError, match="missing 'retention'"):
        load_profile(path)


@pytest.mark.parametrize("period", [RetentionPeriod(1, "years"), RetentionPeriod(4, "years"),
                                    RetentionPeriod(6, "years"), RetentionPeriod(90, "days")])
def test_the_cut_off_is_exactly_where_a_period_runs_out(period):
    """Whatever ended at the cut-off or before has passed its period by now, never earlier;
    a microsecond later has not. Around 29 February too, where a year after it is 28 February."""
    one = dt.timedelta(microseconds=1)
    moments = []
    for year in range(2020, 2034):
        for month, day in ((2, 27), (2, 28), (2, 29), (3, 1), (11, 30)):
            if (month, day) != (2, 29) or year % 4 == 0:
                moments += [dt.datetime(year, month, day, hour, 30, tzinfo=UTC) for hour in (0, 12, 23)]
    for now in moments[-60:]:
        cutoff = retention_cutoff(period, now)
        assert period.after(cutoff) <= now < period.after(cutoff + one), (period, now, cutoff)
        for ended in moments:
            if ended <= cutoff:
                assert period.after(ended) <= now, (period, now, ended)


def test_periods_count_whole_years_and_days():
    assert RetentionPeriod(6, "years").after(dt.date(2026, 3, 1)) == dt.date(2032, 3, 1)
    # A year after 29 February is 28 February, never an error.
    assert RetentionPeriod(1, "years").after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert RetentionPeriod(90, "days").after(dt.datetime(2026, 1, 1, 9, tzinfo=UTC)) == \
        dt.datetime(2026, 4, 1, 9, tzinfo=UTC)
    assert str(RetentionPeriod(1, "years")) == "1 year"


# -- the purge rules -----------------------------------------------------------------------
def _case(id, category, status="closed", closed=None, sender=None):
    return CaseFacts(id=id, reference=f"OC-2026-{id:04d}", category=category, status=status,
                     sender_id=sender or f"sender-{id}", closed_at=closed if status in ENDED_STATUSES else None)


def _years_ago(years, days=0):
    return NOW.replace(year=NOW.year - years) - dt.timedelta(days=days)


def test_only_resolved_or_closed_cases_past_their_period_expire():
    cases = [
        _case(1, "complaint", closed=_years_ago(6, days=1)),         # 6 years and a day: expired
        _case(2, "complaint", closed=_years_ago(5)),                 # within 6 years: kept
        _case(3, "safeguarding", closed=_years_ago(24)),             # within 25 years: kept
        _case(4, "safeguarding", closed=_years_ago(25)),             # exactly 25 years: expired
        _case(5, "complaint", status="in_progress"),                 # open: never
        _case(6, "complaint", status="resolved", closed=_years_ago(7)),  # resolved counts as ended
        _case(7, "handoff", closed=NOW - dt.timedelta(days=91)),     # routine: 90 days
        _case(8, "handoff", closed=NOW - dt.timedelta(days=89)),
        _case(9, "retired_category", closed=_years_ago(40)),         # the profile no longer knows it
        _case(10, "concern", status="resolved", closed=_years_ago(1)),  # within 2 years: kept
    ]
    plan = plan_purge(cases, {}, [], RULES, NOW)
    assert [e.case.id for e in plan.cases] == [1, 4, 6, 7]
    assert plan.kept == {"open_cases": 1, "closed_cases_within_retention": 4,
                         "closed_cases_of_a_category_with_no_period": 1, "conversations": 0}
    first = plan.cases[0].describe()
    assert first["reference"] == "OC-2026-0001" and first["category"] == "complaint"
    assert first["closed_at"] == _years_ago(6, days=1).isoformat()
    assert first["expired_at"] == (_years_ago(6, days=1).replace(year=NOW.year)).isoformat()
    assert "closed complaint case, kept 6 years after it was resolved or closed" == first["reason"]
    assert plan.cases[2].describe()["reason"].startswith("resolved complaint case")


def test_a_conversation_goes_only_when_no_kept_case_needs_it_and_it_is_quiet():
    old = NOW - dt.timedelta(days=400)
    cases = [
        _case(1, "complaint", closed=_years_ago(7), sender="all-expired"),
        _case(2, "complaint", closed=_years_ago(7), sender="mixed"),
        _case(3, "bullying", status="new", sender="mixed"),
        _case(4, "concern", status="acknowledged", sender="open-case"),
        _case(5, "safeguarding", closed=_years_ago(1), sender="kept-closed"),
        _case(6, "complaint", closed=_years_ago(7), sender="expired-but-chatting"),
    ]
    last_activity = {
        "all-expired": old, "mixed": old, "open-case": old, "kept-closed": old,
        "expired-but-chatting": NOW - dt.timedelta(days=3),
        "no-case-quiet": NOW - dt.timedelta(days=91),
        "no-case-recent": NOW - dt.timedelta(days=89),
    }
    plan = plan_purge(cases, last_activity, [], RULES, NOW)
    assert {c.sender_id: c.had_expired_cases for c in plan.conversations} == {
        "all-expired": True, "no-case-quiet": False}
    assert plan.kept["conversations"] == 5
    assert "it has no case" in [c for c in plan.conversations if c.sender_id == "no-case-quiet"][0].describe()["reason"]


def test_an_open_hand_off_keeps_its_conversation_and_closed_ones_go_with_their_case():
    old = NOW - dt.timedelta(days=400)
    cases = [_case(1, "handoff", closed=NOW - dt.timedelta(days=100), sender="kept-sender"),
             _case(2, "safeguarding", closed=_years_ago(1), sender="kept-sender")]
    handoffs = [
        HandoffFacts("waiting-long", None, "waiting", old),
        HandoffFacts("closed-long", None, "closed", old),
        HandoffFacts("closed-recent", None, "closed", NOW - dt.timedelta(days=5)),
        # Closed, about an expired case, but its parent has a kept case: the row goes, the chat stays.
        HandoffFacts("kept-sender", "OC-2026-0001", "closed", old),
    ]
    last_activity = {"waiting-long": old, "closed-long": old, "closed-recent": old, "kept-sender": old}
    plan = plan_purge(cases, last_activity, handoffs, RULES, NOW)
    assert [c.sender_id for c in plan.conversations] == ["closed-long"]
    assert plan.handoff_senders == ["closed-long", "kept-sender"]
    assert plan.forgotten_senders == ["closed-long"]
    assert [e.case.id for e in plan.cases] == [1]


def test_with_no_tracker_store_to_read_no_conversation_is_judged():
    handoffs = [HandoffFacts("closed-long", None, "closed", NOW - dt.timedelta(days=400)),
                HandoffFacts("expired-case", "OC-2026-0001", "closed", NOW - dt.timedelta(days=400))]
    plan = plan_purge([_case(1, "complaint", closed=_years_ago(7), sender="expired-case")], None, handoffs,
                      RULES, NOW)
    assert [e.case.id for e in plan.cases] == [1]
    assert plan.conversations == [] and plan.forgotten_senders == []
    assert plan.handoff_senders == ["expired-case"]


def test_nothing_expires_on_an_empty_store():
    plan = plan_purge([], {}, [], RULES, NOW)
    assert plan.cases == [] and plan.conversations == [] and plan.handoff_senders == []


# -- where the conversations are -------------------------------------------------------------
def test_the_tracker_store_is_found_where_the_rasa_server_keeps_it():
    assert tracker_url_from_environment({}) == f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
    assert tracker_url_from_environment({"TRACKER_DB": "var/t.db"}) == f"sqlite:///{PROJECT_ROOT / 'var' / 't.db'}"
    assert tracker_url_from_environment({"TRACKER_DB": "/data/t.db", "TRACKER_DIALECT": "sqlite"}) == \
        "sqlite:////data/t.db"
    url = tracker_url_from_environment({"TRACKER_DIALECT": "postgresql", "TRACKER_DB_HOST": "db.internal:6543",
                                        "TRACKER_DB": "rasa", "TRACKER_DB_USER": "rasa",
                                        "TRACKER_DB_PASSWORD": "secret"})
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql", "db.internal", 6543, "rasa", "rasa", "secret")
    assert tracker_url_from_environment({"TRACKER_DB_HOST": "postgresql://u@h/db"}) == "postgresql://u@h/db"


def test_conversations_are_named_in_the_audit_trail_as_the_console_names_them():
    # Purge and erasure blank these names; if the console named them differently they would stay.
    from concerns.privacy import audited_sender
    from console.app import _short

    for sender_id in ("7302194857301946", "web-2f9c1d3e8a7b4c5d.sig", "me"):
        assert audited_sender(sender_id) == _short(sender_id)


# -- the purge on a real database --------------------------------------------------------------
HEAD = "head@oakleycross.example.org"
LONG_AGO = dt.timedelta(days=7 * 366)  # past every period but safeguarding's


def _case_ended(store, monkeypatch, sender_id, status, at, category="complaint"):
    """A case filed, noted and given `status` by staff through the console's own calls, at `at`."""
    monkeypatch.setattr("concerns.staff.utcnow", lambda: at)
    people = StaffStore(store)
    record = store.file_case(_new_case(sender_id=sender_id, category=category), "OC", _two_emails, now=at)
    people.add_note(record["id"], HEAD, "Spoke to the parent")
    people.change_case(record["id"], HEAD, "status_changed", f"new -> {status}", status=status)
    monkeypatch.undo()
    return record


def _tracker_store(path, last_activity):
    """Rasa's events table in a SQLite file, with one message from each sender at the time given."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    events.metadata.create_all(engine)
    with engine.begin() as connection:
        for sender_id, at in last_activity.items():
            connection.execute(events.insert().values(sender_id=sender_id, type_name="user", timestamp=at.timestamp(),
                                                      data='{"event": "user", "text": "hello"}'))
    engine.dispose()
    return Conversations(f"sqlite:///{path}")


def _references(store):
    with store.engine.connect() as connection:
        return set(connection.execute(select(cases.c.reference)).scalars())


def test_resolved_cases_are_purged_after_their_period_as_closed_ones_are(store, profile, monkeypatch, tmp_path):
    now = utcnow()
    old_resolved = _case_ended(store, monkeypatch, "p1", "resolved", now - LONG_AGO)
    old_closed = _case_ended(store, monkeypatch, "p2", "closed", now - LONG_AGO)
    recent_resolved = _case_ended(store, monkeypatch, "p3", "resolved", now - dt.timedelta(days=365))
    old_open = _case_ended(store, monkeypatch, "p4", "in_progress", now - LONG_AGO)
    purge = DataProtection(store, Conversations(f"sqlite:///{tmp_path / 'none.db'}"), profile.retention)
    report = purge.purge(now, "dpo@oakleycross.example.org")
    assert {c["reference"]: c["reason"].split(" case")[0] for c in report["cases"]} == {
        old_resolved["reference"]: "resolved complaint", old_closed["reference"]: "closed complaint"}
    assert report["deleted"]["cases"] == 2 and report["deleted"]["notes"] == 2
    assert _references(store) == {recent_resolved["reference"], old_open["reference"]}


@pytest.mark.parametrize("reopen", ["status changed back", "note added"])
def test_a_case_reopened_after_the_purge_chose_it_is_kept_with_its_conversation(
        store, profile, monkeypatch, tmp_path, reopen):
    now = utcnow()
    ended_at = now - LONG_AGO
    reopened = _case_ended(store, monkeypatch, "parent-back", "closed", ended_at)
    other = _case_ended(store, monkeypatch, "parent-gone", "resolved", ended_at)
    monkeypatch.setattr("concerns.staff.utcnow", lambda: ended_at)
    StaffStore(store).open_handoff("parent-back", "web", reopened["reference"], status="closed")
    monkeypatch.undo()
    conversations = _tracker_store(tmp_path / "tracker.db", {"parent-back": ended_at, "parent-gone": ended_at})
    purge = DataProtection(store, conversations, profile.retention)

    plan = purge.plan(now)
    assert {e.case.reference for e in plan.cases} == {reopened["reference"], other["reference"]}
    assert {c.sender_id for c in plan.conversations} == {"parent-back", "parent-gone"}
    # Between the purge choosing the case and deleting it, the parent writes again and
    # staff reopen the case, or add a note to it.
    people = StaffStore(store)
    if reopen == "status changed back":
        people.change_case(reopened["id"], HEAD, "status_changed", "closed -> in_progress", status="in_progress")
    else:
        people.add_note(reopened["id"], HEAD, "The parent has written again")
    deleted = purge.carry_out(plan, now, "dpo@oakleycross.example.org")

    assert deleted["cases"] == 1 and deleted["cases_left_because_reopened"] == 1
    assert _references(store) == {reopened["reference"]}
    with store.engine.connect() as connection:
        assert set(connection.execute(select(notes.c.case_id)).scalars()) == {reopened["id"]}
        assert set(connection.execute(select(outbox.c.case_id)).scalars()) == {reopened["id"]}
        assert set(connection.execute(select(handoffs.c.sender_id)).scalars()) == {"parent-back"}
    assert deleted["conversations"] == 1 and set(conversations.last_activity()) == {"parent-back"}
    assert store.get(reopened["reference"])["audit"][0]["action"] == "filed"
    # The next purge keeps it too: it is open again, or its period starts again from the note.
    assert purge.plan(now).cases == []


def test_mail_with_no_case_goes_at_the_same_cut_off_as_a_quiet_conversation(store, profile, tmp_path):
    sent_at = utcnow().replace(microsecond=0) - dt.timedelta(days=200)
    message_id = store.queue_mail("r.dunn@oakleycross.example.org", "A thank-you", "words", now=sent_at)
    store.claim_due(now=sent_at)
    store.mark_sent(message_id, now=sent_at)
    conversations = _tracker_store(tmp_path / "tracker.db", {"parent-thanked": sent_at})
    purge = DataProtection(store, conversations, profile.retention)
    exactly_one_period_later = profile.retention.conversations.after(sent_at)
    deleted = purge.purge(exactly_one_period_later, "dpo@oakleycross.example.org")["deleted"]
    assert deleted["conversations"] == 1 and deleted["emails_without_case"] == 1


def _wait_for_a_lock_wait(store, timeout):
    """True once a session of the store's database waits for a lock."""
    waiting = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                   "AND wait_event_type = 'Lock'")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # A new transaction each time: PostgreSQL keeps one view of the activity per transaction.
        with store.engine.connect() as watcher:
            if watcher.execute(waiting).scalar():
                return True
        time.sleep(0.05)
    return False


def test_a_note_being_written_while_the_purge_deletes_makes_it_wait_and_keep_the_case(
        postgres_url, profile, monkeypatch, tmp_path):
    """On PostgreSQL the purge and the console run at once. A note still being written when
    the purge reaches its case holds the purge until it is saved; the purge then keeps the case."""
    from concerns.store import CaseStore

    store = CaseStore(postgres_url)
    store.migrate()
    now = utcnow()
    record = _case_ended(store, monkeypatch, "parent-back", "closed", now - LONG_AGO)
    purge = DataProtection(store, Conversations(f"sqlite:///{tmp_path / 'none.db'}"), profile.retention)
    plan = purge.plan(now)
    assert [e.case.reference for e in plan.cases] == [record["reference"]]
    results = []
    with store.engine.connect() as console:
        note = console.begin()
        console.execute(notes.insert().values(case_id=record["id"], at=utcnow(), author=HEAD, text="Written again"))
        purging = threading.Thread(target=lambda: results.append(purge.carry_out(plan, now, "dpo")))
        purging.start()
        # Saved only once the purge is waiting for it, as PostgreSQL's activity view shows.
        assert _wait_for_a_lock_wait(store, timeout=60), "the purge never waited for the note"
        note.commit()
        purging.join(timeout=60)
    assert results and results[0]["cases"] == 0 and results[0]["cases_left_because_reopened"] == 1
    assert _references(store) == {record["reference"]}
    store.engine.dispose()


# -- staff's known browsers ----------------------------------------------------------------
def _known_browser_ages(store, now):
    from concerns.tables import known_devices

    with store.engine.connect() as connection:
        return sorted((now - _aware_at(at)).days for at in connection.execute(select(known_devices.c.created_at))
                      .scalars())


def _aware_at(at):
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@pytest.mark.parametrize("lifetime_days", [90, 7])
def test_the_purge_deletes_known_browsers_past_their_time_though_nobody_signs_in(
        store, profile, tmp_path, lifetime_days):
    """A browser stays known to a console account for CONSOLE_KNOWN_BROWSER_DAYS; the console
    deletes expired ones only when someone signs in, so the purge deletes them too (a dry run
    counts them and deletes nothing)."""
    teacher, password = "l.kerr@oakleycross.example.org", "a long staff password 42"
    # 90 days is the console's default (CONSOLE_KNOWN_BROWSER_DAYS), and the purge's.
    lifetime = {} if lifetime_days == 90 else {"known_browser_lifetime": dt.timedelta(days=lifetime_days)}
    people = StaffStore(store, **lifetime)
    member = people.member(profile, teacher)
    people.add(member.email, member.name, member.role, password)
    now = NOW
    # Signed in from three browsers, the last a day before its time would be up; nobody since.
    for days_ago in (lifetime_days + 5, lifetime_days, lifetime_days - 1):
        people.sign_in(teacher, password, "", "198.51.100.1", profile, now=now - dt.timedelta(days=days_ago))
    assert _known_browser_ages(store, now) == [lifetime_days - 1, lifetime_days, lifetime_days + 5]
    purge = DataProtection(store, Conversations(f"sqlite:///{tmp_path / 'none.db'}"), profile.retention, **lifetime)
    assert purge.purge(now, "dpo", dry_run=True)["known_browsers_expired"] == 2
    assert len(_known_browser_ages(store, now)) == 3
    report = purge.purge(now, "dpo")
    assert report["known_browsers_expired"] == 2 and report["deleted"]["known_browsers"] == 2
    assert _known_browser_ages(store, now) == [lifetime_days - 1]
    with store.engine.connect() as connection:
        [detail] = connection.execute(select(audit.c.detail).where(audit.c.action == "purged")).scalars()
    assert "known_browsers=2" in detail

