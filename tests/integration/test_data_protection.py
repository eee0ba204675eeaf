"""Purge, subject access export and erasure through the admin tool, on a real case database
and a real tracker store written by Rasa's own SQLTrackerStore (SQLite files, then PostgreSQL).

The clock is set with CONCERNS_NOW to seven years after the cases were closed: complaints
(6 years) and concerns (2 years) have expired by then; safeguarding (25 years) has not.
"""
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from concerns import cli
from concerns.privacy import events
from concerns.profile import RetentionPeriod
from concerns.staff import StaffStore
from concerns.store import CaseStore, Email, NewCase
from concerns.tables import audit, cases, handoffs, notes, outbox
from tests.conftest import ROOT

UTC = dt.timezone.utc
REAL_NOW = dt.datetime.now(UTC)
PURGE_NOW = RetentionPeriod(7, "years").after(REAL_NOW)
HEAD = "head@oakleycross.example.org"
DSL = "dsl@oakleycross.example.org"

# Each parent's conversation and records carry a marker, so an export can be searched for
# anything belonging to someone else.
EXPIRED, KEPT, OPEN, MIXED = "fb-expired-0001", "web-kept-0002", "rest-open-0003", "web-mixed-0004"
QUIET, RECENT = "chat-quiet-0005", "chat-recent-0006"
MARKERS = {EXPIRED: "Ada Expired", KEPT: "Bea Kept", OPEN: "Cal Open", MIXED: "Dot Mixed", QUIET: "Eve Quiet",
           RECENT: "Fay Recent"}


@dataclass
class World:
    store: CaseStore
    people: StaffStore
    tracker_engine: object
    references: dict


def _new_case(sender_id, category, name):
    return NewCase(channel="web", sender_id=sender_id, category=category, about="child", routed_to="headteacher",
                   assignee=HEAD, copied_to=[], urgency="normal", acknowledge_by=dt.date(2026, 12, 2),
                   respond_by=dt.date(2026, 12, 9), child_name=f"child of {name}", parent_name=name,
                   parent_contact="07700 900123", account=f"{name} wrote this account",
                   transcript=[{"who": "parent", "text": f"{name} says hello", "at": ""}])


def _emails(record):
    return [Email(HEAD, f"Case {record['reference']}", "A new case"), Email(DSL, f"Case {record['reference']}", "x")]


def _write_conversation(tracker_store, sender_id, last_at):
    from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    name = MARKERS[sender_id]
    start = (last_at - dt.timedelta(minutes=5)).timestamp()
    history = [
        UserUttered(f"Hello, this is {name}", timestamp=start),
        BotUttered("Thank you. What is your name?", timestamp=start + 60),
        SlotSet("parent_name", name, timestamp=start + 120),
        UserUttered("", metadata={"attachments": [{"type": "image", "url": f"https://cdn.example/{sender_id}.jpg"}]},
                    timestamp=start + 180),
        BotUttered(None, data={"custom": {"text": f"Staff reply to {name}", "tag": "HUMAN_AGENT"}},
                   metadata={"staff": "Mrs Julie Barker"}, timestamp=last_at.timestamp()),
    ]
    asyncio.run(tracker_store.save(DialogueStateTracker.from_events(sender_id, history)))


@pytest.fixture(params=["sqlite", "postgresql"])
def world(request, tmp_path, monkeypatch):
    from rasa.core.tracker_store import SQLTrackerStore

    if request.param == "sqlite":
        case_url = f"sqlite:///{tmp_path / 'cases.db'}"
        tracker_path = tmp_path / "tracker.db"
        tracker_store = SQLTrackerStore(dialect="sqlite", db=str(tracker_path))
        monkeypatch.setenv("TRACKER_DIALECT", "sqlite")
        monkeypatch.setenv("TRACKER_DB", str(tracker_path))
        monkeypatch.delenv("TRACKER_DB_HOST", raising=False)
    else:
        # Rasa's tables beside ours in one PostgreSQL database, as a small school might run it.
        case_url = request.getfixturevalue("postgres_url")
        database = make_url(case_url).database
        tracker_store = SQLTrackerStore(dialect="postgresql", host="127.0.0.1", port=5432, db=database,
                                        username="postgres")
        monkeypatch.setenv("TRACKER_DIALECT", "postgresql")
        monkeypatch.setenv("TRACKER_DB_HOST", "127.0.0.1:5432")
        monkeypatch.setenv("TRACKER_DB", database)
        monkeypatch.setenv("TRACKER_DB_USER", "postgres")
    monkeypatch.setenv("DATABASE_URL", case_url)
    monkeypatch.setenv("CONCERNS_NOW", PURGE_NOW.isoformat())
    store = CaseStore(case_url)
    store.migrate()
    people = StaffStore(store)
    filed_at = REAL_NOW - dt.timedelta(days=40)

    def file(sender_id, category, closed):
        record = store.file_case(_new_case(sender_id, category, MARKERS[sender_id]), "OC", _emails, now=filed_at)
        people.add_note(record["id"], DSL, f"Note about {MARKERS[sender_id]} ({category})")
        people.audit(record["id"], DSL, "viewed")
        if closed:
            # Exactly what the console does when staff close a case.
            people.change_case(record["id"], HEAD, "status_changed", "in_progress -> closed", status="closed")
        else:
            people.change_case(record["id"], HEAD, "status_changed", "new -> in_progress", status="in_progress")
        return record["reference"]

    references = {
        "expired_complaint": file(EXPIRED, "complaint", closed=True),
        "kept_safeguarding": file(KEPT, "safeguarding", closed=True),
        "open_concern": file(OPEN, "concern", closed=False),
        "mixed_expired_complaint": file(MIXED, "complaint", closed=True),
        "mixed_open_bullying": file(MIXED, "bullying", closed=False),
    }
    people.open_handoff(EXPIRED, "facebook", references["expired_complaint"])
    people.close_handoff(EXPIRED)
    people.open_handoff(QUIET, "web", None)
    people.close_handoff(QUIET)
    for sender_id in (EXPIRED, KEPT, OPEN, MIXED):
        _write_conversation(tracker_store, sender_id, REAL_NOW - dt.timedelta(days=30))
    _write_conversation(tracker_store, QUIET, PURGE_NOW - dt.timedelta(days=200))
    _write_conversation(tracker_store, RECENT, PURGE_NOW - dt.timedelta(days=10))
    for sender_id in (KEPT, QUIET, RECENT):
        # How the console records staff reading a conversation (console/app.py, _short).
        people.audit(None, HEAD, "viewed_conversation", sender_id[:12])
    tracker_store.engine.dispose()
    tracker_engine = create_engine(tracker_store.engine.url, future=True)
    yield World(store, people, tracker_engine, references)
    tracker_engine.dispose()
    store.engine.dispose()


def _run(capsys, *argv):
    """The admin tool in this process; returns its exit code, its JSON output and its errors."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def _snapshot(world):
    """Every row that purge, export or erasure could touch."""
    with world.store.engine.connect() as connection:
        rows = {table.name: sorted(tuple(r) for r in connection.execute(select(table)))
                for table in (cases, notes, outbox, handoffs, audit)}
    with world.tracker_engine.connect() as connection:
        rows["events"] = sorted(tuple(r) for r in connection.execute(select(events)))
    return rows


def _senders_with_events(world):
    with world.tracker_engine.connect() as connection:
        return set(connection.execute(select(events.c.sender_id).distinct()).scalars())


def _case_references(world):
    with world.store.engine.connect() as connection:
        return set(connection.execute(select(cases.c.reference)).scalars())


def _audit(world, **where):
    query = select(audit).order_by(audit.c.id)
    for column, value in where.items():
        query = query.where(audit.c[column] == value)
    with world.store.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(query)]


# -- purge -----------------------------------------------------------------------------
def test_a_dry_run_says_what_would_go_and_why_and_deletes_nothing(world):
    before = _snapshot(world)
    result = subprocess.run([sys.executable, "-m", "concerns.cli", "purge", "--dry-run"], cwd=ROOT,
                            env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["dry_run"] is True and report["tracker_store"] == "read"
    listed = {c["reference"]: c for c in report["cases"]}
    assert set(listed) == {world.references["expired_complaint"], world.references["mixed_expired_complaint"]}
    expired = listed[world.references["expired_complaint"]]
    assert expired["category"] == "complaint" and expired["kept_for"] == "6 years"
    closed_at = dt.datetime.fromisoformat(expired["closed_at"])
    # closed when the world was made: after this module was loaded, before now (a slow machine
    # may take many minutes between the two)
    assert REAL_NOW - dt.timedelta(minutes=1) <= closed_at <= dt.datetime.now(UTC) + dt.timedelta(minutes=1)
    assert dt.datetime.fromisoformat(expired["expired_at"]) == RetentionPeriod(6, "years").after(closed_at)
    conversations = {c["sender_id"]: c["reason"] for c in report["conversations"]}
    assert set(conversations) == {EXPIRED, QUIET}
    assert "its cases have expired" in conversations[EXPIRED] and "it has no case" in conversations[QUIET]
    assert report["kept"] == {"open_cases": 2, "closed_cases_within_retention": 1,
                              "closed_cases_of_a_category_with_no_period": 0, "conversations": 4}
    assert "deleted" not in report
    assert _snapshot(world) == before


def test_purge_deletes_expired_cases_and_stale_conversations_and_nothing_else(world, capsys):
    code, report, err = _run(capsys, "purge", "--by", "dpo@oakleycross.example.org")
    assert code == 0, err
    kept = {world.references[k] for k in ("kept_safeguarding", "open_concern", "mixed_open_bullying")}
    assert _case_references(world) == kept
    # Kept: the open cases' and the unexpired case's conversations, even though they are old,
    # and the recent conversation with no case.
    assert _senders_with_events(world) == {KEPT, OPEN, MIXED, RECENT}
    with world.store.engine.connect() as connection:
        kept_ids = set(connection.execute(select(cases.c.id)).scalars())
        assert set(connection.execute(select(notes.c.case_id)).scalars()) == kept_ids
        assert set(connection.execute(select(outbox.c.case_id)).scalars()) == kept_ids
        assert set(connection.execute(select(audit.c.case_id).where(audit.c.case_id.isnot(None))).scalars()) == \
            kept_ids
        assert set(connection.execute(select(handoffs.c.sender_id)).scalars()) == set()
    assert report["deleted"] == {
        "cases": 2, "notes": 2, "emails": 4, "case_audit_entries": 2 * 4, "handoffs": 2,
        "audit_entries_blanked": 1, "conversations": 2, "conversation_events": 2 * 5, "emails_without_case": 0,
        "cases_left_because_reopened": 0, "conversations_left_because_active": 0, "files_without_case": 0,
        "staff_replies": 0, "known_browsers": 0, "browser_links": 0, "browser_link_requests": 0}
    # The quiet conversation's audit entry no longer names it; the recent one's still does.
    assert [a["detail"] for a in _audit(world, action="viewed_conversation")] == [
        KEPT[:12], "(conversation deleted by retention)", RECENT[:12]]
    [entry] = _audit(world, action="purged")
    assert entry["actor"] == "dpo@oakleycross.example.org" and entry["case_id"] is None
    assert "cases=2" in entry["detail"] and "conversations=2" in entry["detail"]
    assert not any(marker in entry["detail"] for marker in [*MARKERS, *MARKERS.values(), "OC-"])
    # Running it again finds nothing more to delete.
    code, again, _ = _run(capsys, "purge")
    assert code == 0 and again["cases"] == [] and again["conversations"] == []
    assert _senders_with_events(world) == {KEPT, OPEN, MIXED, RECENT}



def test_a_tracker_store_that_is_not_there_is_reported_and_never_created(world, capsys, monkeypatch, tmp_path):
    missing = tmp_path / "elsewhere" / "tracker.db"
    monkeypatch.setenv("TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("TRACKER_DB", str(missing))
    monkeypatch.delenv("TRACKER_DB_HOST", raising=False)
    code, report, err = _run(capsys, "purge")
    assert code == 0 and "no tracker store at" in err and report["tracker_store"].startswith("no tracker store")
    # Cases still expire; the conversations, unread, are all left for a run that can see them.
    assert report["deleted"]["cases"] == 2 and report["conversations"] == []
    assert _senders_with_events(world) == {EXPIRED, KEPT, OPEN, MIXED, QUIET, RECENT}
    # Only the hand-off of an expired case goes; the quiet chat's is judged with its conversation.
    with world.store.engine.connect() as connection:
        assert set(connection.execute(select(handoffs.c.sender_id)).scalars()) == {QUIET}
    assert not missing.exists()


def test_purge_deletes_the_consoles_known_browsers_past_the_configured_days(world, capsys, monkeypatch):
    """CONSOLE_KNOWN_BROWSER_DAYS, as the console reads it: the admin tool's purge deletes the
    browsers known longer than that, which the console deletes only when someone signs in."""
    from concerns.profile import load_profile
    from concerns.tables import known_devices
    from tests.conftest import PROFILE_PATH

    teacher, password = "l.kerr@oakleycross.example.org", "a long staff password 42"
    profile = load_profile(PROFILE_PATH)
    member = world.people.member(profile, teacher)
    world.people.add(member.email, member.name, member.role, password)
    for days_ago in (31, 10):
        world.people.sign_in(teacher, password, "", "198.51.100.1", profile,
                             now=PURGE_NOW - dt.timedelta(days=days_ago))
    monkeypatch.setenv("CONSOLE_KNOWN_BROWSER_DAYS", "30")
    code, report, err = _run(capsys, "purge", "--dry-run")
    assert code == 0, err
    assert report["known_browsers_expired"] == 1
    code, report, err = _run(capsys, "purge")
    assert code == 0, err
    assert report["deleted"]["known_browsers"] == 1
    with world.store.engine.connect() as connection:
        [left] = connection.execute(select(known_devices.c.created_at)).scalars()
    assert (PURGE_NOW - (left if left.tzinfo else left.replace(tzinfo=UTC))).days == 10


# -- subject access ------------------------------------------------------------------------
def test_an_export_holds_everything_about_one_parent_and_nothing_of_anyone_else(world, capsys, tmp_path):
    out = tmp_path / "sar.json"
    code, summary, err = _run(capsys, "export", "--sender", MIXED, "--out", str(out), "--by", "dpo")
    assert code == 0, err
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    text = out.read_text()
    document = json.loads(text)
    assert document["subject_access_export"]["sender_id"] == MIXED
    assert summary["cases"] == [world.references["mixed_expired_complaint"], world.references["mixed_open_bullying"]]
    for record in document["cases"]:
        assert record["sender_id"] == MIXED and record["parent_name"] == "Dot Mixed"
        assert record["transcript"] == [{"who": "parent", "text": "Dot Mixed says hello", "at": ""}]
        assert [n["text"] for n in record["notes"]] == [f"Note about Dot Mixed ({record['category']})"]
        assert [n["recipient"] for n in record["notifications"]] == [HEAD, DSL]
        assert [(a["actor"], a["action"]) for a in record["audit"]] == [
            ("assistant", "filed"), (DSL, "note_added"), (DSL, "viewed"), (HEAD, "status_changed")]
    messages = document["conversation"]["messages"]
    assert [(m["who"], m["text"]) for m in messages] == [
        ("parent", "Hello, this is Dot Mixed"), ("assistant", "Thank you. What is your name?"),
        ("parent", ""), ("staff: Mrs Julie Barker", "Staff reply to Dot Mixed")]
    assert messages[2]["attachments"] == [{"type": "image", "url": f"https://cdn.example/{MIXED}.jpg"}]
    assert dt.datetime.fromisoformat(messages[-1]["at"]) == REAL_NOW - dt.timedelta(days=30)
    assert document["conversation"]["details"][0]["name"] == "parent_name"
    assert document["conversation"]["details"][0]["value"] == "Dot Mixed"
    for other, marker in MARKERS.items():
        if other != MIXED:
            assert other not in text and marker not in text
    # The export is on each case's own audit trail.
    for reference in summary["cases"]:
        assert world.store.get(reference)["audit"][-1]["action"] == "subject_access_export"
        assert world.store.get(reference)["audit"][-1]["actor"] == "dpo"


def test_an_export_by_reference_covers_the_parent_and_their_conversation_audit(world, capsys, tmp_path):
    out = tmp_path / "sar.json"
    code, summary, err = _run(capsys, "export", "--reference", world.references["kept_safeguarding"].lower(),
                              "--out", str(out))
    assert code == 0, err
    document = json.loads(out.read_text())
    assert document["subject_access_export"]["sender_id"] == KEPT
    assert [a["action"] for a in document["conversation_audit"]] == ["viewed_conversation"]
    assert summary["messages"] == 4 and summary["notes"] == 1
    code, _, err = _run(capsys, "export", "--reference", world.references["kept_safeguarding"], "--out", str(out))
    assert code == 1 and "exists already" in err


# -- erasure -------------------------------------------------------------------------------
def test_erasure_keeps_safeguarding_records_unless_the_school_gives_a_reason(world, capsys):
    before = _snapshot(world)
    code, report, err = _run(capsys, "erase", "--sender", KEPT)
    assert code == 1 and "safeguarding" in err
    assert report["refused"] == [world.references["kept_safeguarding"]]
    code, _, err = _run(capsys, "erase", "--sender", KEPT, "--force-safeguarding")
    assert code == 2 and "--reason" in err
    assert _snapshot(world) == before

    code, report, err = _run(capsys, "erase", "--sender", KEPT, "--force-safeguarding", "--by", "dpo",
                             "--reason", "court order 2031/77")
    assert code == 0, err
    assert report["deleted"]["cases"] == 1 and report["deleted"]["conversation_events"] == 5
    assert KEPT not in _senders_with_events(world)
    assert world.references["kept_safeguarding"] not in _case_references(world)
    [entry] = _audit(world, action="erased")
    assert entry["actor"] == "dpo" and "reason: court order 2031/77" in entry["detail"]
    assert KEPT[:12] not in entry["detail"] and "Bea" not in entry["detail"]
    assert [a["detail"] for a in _audit(world, action="viewed_conversation")] == [
        "(erased)", QUIET[:12], RECENT[:12]]


def test_erasure_removes_one_parent_and_nobody_else(world, capsys):
    before = _snapshot(world)
    code, report, err = _run(capsys, "erase", "--sender", MIXED, "--dry-run")
    assert code == 0, err
    assert [c["reference"] for c in report["cases"]] == [
        world.references["mixed_expired_complaint"], world.references["mixed_open_bullying"]]
    assert report["notes"] == 2 and report["conversation_events"] == 5 and "deleted" not in report
    assert _snapshot(world) == before

    code, report, err = _run(capsys, "erase", "--sender", MIXED)
    assert code == 0, err
    assert report["deleted"]["cases"] == 2 and report["deleted"]["notes"] == 2
    after = _snapshot(world)
    assert _senders_with_events(world) == {EXPIRED, KEPT, OPEN, QUIET, RECENT}
    assert _case_references(world) == {world.references[k] for k in (
        "expired_complaint", "kept_safeguarding", "open_concern")}
    remaining = json.dumps([after[t] for t in ("cases", "notes", "outbox", "handoffs", "events")], default=str)
    assert "Dot Mixed" not in remaining and MIXED not in remaining
    # Everyone else's rows are exactly as they were.
    with world.store.engine.connect() as connection:
        other_ids = set(connection.execute(select(cases.c.id)).scalars())
    for table in ("notes", "outbox"):
        assert [r for r in before[table] if r[1] in other_ids] == after[table]
    assert [r for r in before["events"] if r[1] != MIXED] == after["events"]
    with world.store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(audit).where(
            audit.c.action == "erased")).scalar_one() == 1
