"""The cases database is briefly unreachable when the parent confirms: nothing is half-written,
the parent is told kindly with the office's number, and their answers are kept, so one press
of "Yes, send it" files the case when the database is back."""
from __future__ import annotations

import sqlite3

from tests.resilience.conftest import PERSONAL
from tests.resilience.talk import ROWS, answer_until, cases_of, texts

CONCERN, SAFEGUARDING = 0, 8
SUMMARY = "Here's what I'll send"


def _counts(path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as db:
        return tuple(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("cases", "outbox", "audit"))


def test_a_case_the_database_could_not_take_is_filed_on_the_next_yes(faults, profile):
    stack, sender = faults.stack, "database-down"
    path = faults.cases_dir / "cases.db"
    answer_until(stack, sender, CONCERN, SUMMARY)
    before = _counts(path)

    # The database's disk is gone for a moment (its folder moved away: no file to open).
    away = faults.cases_dir.with_name("cases-away")
    faults.cases_dir.rename(away)
    try:
        said = texts(stack.say(sender, "/affirm"))
        at_risk = texts(stack.say("database-down-at-risk", ROWS[SAFEGUARDING][1]))
    finally:
        away.rename(faults.cases_dir)
    # No alert could be recorded: 999 first, then who to phone straight away.
    assert at_risk[0].startswith("If a child is in immediate danger, please call 999"), at_risk
    assert any(profile.office_phone in t and profile.children_services.phone in t for t in at_risk), at_risk
    assert not any("I have alerted" in t for t in at_risk), at_risk
    assert "couldn't record this" in said[0] and profile.office_phone in said[0], said
    assert SUMMARY in said[-1] and "Ruby" in said[-1] and "Kim Hall" in said[-1], said  # nothing to retype
    assert _counts(path) == before

    # It fails half-way: after the case row is written, at its first email.
    with sqlite3.connect(path) as db:
        db.execute("CREATE TRIGGER fail_at_first_email BEFORE INSERT ON outbox "
                   "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    try:
        said = texts(stack.say(sender, "/affirm"))
    finally:
        with sqlite3.connect(path) as db:
            db.execute("DROP TRIGGER fail_at_first_email")
    assert "couldn't record this" in said[0] and SUMMARY in said[-1], said
    assert _counts(path) == before, "a case was half-written"

    said = texts(stack.say(sender, "/affirm"))
    assert any("I've recorded this as" in t for t in said), said
    [case] = cases_of(faults.database_url, sender)
    assert (case["child_name"], case["child_class"], case["parent_name"]) == ("Ruby", "Year 2", "Kim Hall")
    assert [n["recipient"] for n in case["notifications"]] == ["p.shah@oakleycross.example.org"]
    assert _counts(path)[:2] == (before[0] + 1, before[1] + 1)

    logged = faults.logs()
    assert "could not record a case (OperationalError)" in logged  # the logs are really read
    for personal in PERSONAL:
        assert personal not in logged, personal
