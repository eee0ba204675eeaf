"""The conversations database (Rasa's SQL tracker store) refuses to write what a parent has
just told the assistant: the parent is still answered, and the log says which store failed
and how, never what the parent wrote. Rasa's own fail-safe store logged the failed statement
with its parameters: the event, with the parent's words in it."""
from __future__ import annotations

import sqlite3

from tests.resilience.talk import answer_until, texts

CONCERN = 0
MARKER = "Zebedee-41c9 says the man at the gate frightens him"


def test_a_tracker_store_failure_is_logged_without_the_parents_words(faults):
    sender = "tracker-store-down"
    answer_until(faults.stack, sender, CONCERN, "Please tell me what has happened")
    tracker_db = faults.tmp / "tracker.db"
    # The write that fails is the one holding the parent's account (the slot it fills), as
    # when a disk fills up at that moment.
    with sqlite3.connect(tracker_db) as db:
        db.execute("CREATE TRIGGER refuse_the_account BEFORE INSERT ON events "
                   "WHEN NEW.type_name = 'slot' AND NEW.data LIKE '%Zebedee-41c9%' "
                   "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    try:
        said = texts(faults.stack.say(sender, MARKER))
    finally:
        with sqlite3.connect(tracker_db) as db:
            db.execute("DROP TRIGGER refuse_the_account")
    assert any(said), said  # answered all the same (Rasa keeps the conversation in memory)

    logged = faults.logs()
    assert "Zebedee-41c9" not in logged and "frightens" not in logged
    assert "the tracker store (SQLTrackerStore) failed (IntegrityError)" in logged  # the failure was logged
