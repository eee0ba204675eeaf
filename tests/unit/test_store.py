"""The case store on a real SQLite file and on PostgreSQL: atomic, unique, migrated."""
import datetime as dt
import threading

import pytest
from sqlalchemy import inspect

from concerns.store import Email, NewCase


def _new_case(**overrides):
    values = dict(channel="rest", sender_id="parent-1", category="bullying", about="child",
                  routed_to="class_teacher", assignee="l.kerr@oakleycross.example.org",
                  copied_to=["headteacher"], urgency="high", acknowledge_by=dt.date(2026, 12, 2),
                  respond_by=dt.date(2026, 12, 9), child_name="Jack", child_class="Year 3",
                  parent_name="Sam Smith", parent_contact="07700 900123",
                  account="He was pushed over at playtime <b>again</b>",
                  transcript=[{"who": "parent", "text": "hi", "at": ""}])
    values.update(overrides)
    return NewCase(**values)


def _two_emails(record):
    return [Email("l.kerr@oakleycross.example.org", f"Case {record['reference']}", "body"),
            Email("head@oakleycross.example.org", f"Case {record['reference']}", "body")]


def test_schema_comes_from_migrations_and_upgrading_twice_is_harmless(store):
    store.migrate()
    tables = set(inspect(store.engine).get_table_names())
    assert {"cases", "outbox", "audit", "alembic_version"} <= tables


def test_a_filed_case_keeps_every_field_and_its_emails(store):
    record = store.file_case(_new_case(), "OC", _two_emails, now=dt.datetime(2026, 11, 25, 10, tzinfo=dt.timezone.utc))
    assert record["reference"].startswith("OC-2026-")
    shown = store.get(record["reference"])
    assert shown["account"] == "He was pushed over at playtime <b>again</b>"
    assert shown["copied_to"] == ["headteacher"]
    assert shown["status"] == "new"
    assert shown["acknowledge_by"] == "2026-12-02"
    assert [n["recipient"] for n in shown["notifications"]] == [
        "l.kerr@oakleycross.example.org", "head@oakleycross.example.org"]
    assert shown["audit"][0]["action"] == "filed"


def test_a_case_whose_emails_cannot_be_written_is_not_filed(store):
    def broken(record):
        yield Email("a@example.org", "s", "b")
        raise RuntimeError("composing failed")

    with pytest.raises(RuntimeError):
        store.file_case(_new_case(), "OC", broken)
    assert store.list() == []
    assert store.pending_count() == 0


def test_references_are_unique_when_filed_at_the_same_moment(store):
    references, errors = [], []

    def file_one(n):
        try:
            record = store.file_case(_new_case(sender_id=f"p{n}"), "OC", _two_emails)
            references.append(record["reference"])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=file_one, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(references) == 16 == len(set(references))
    assert store.pending_count() == 32


def test_each_outbox_message_is_claimed_once(store):
    store.file_case(_new_case(), "OC", _two_emails)
    first = store.claim_due()
    second = store.claim_due()
    assert len(first) == 2 and second == []


def test_details_added_later_are_audited(store):
    record = store.file_case(_new_case(parent_name=None, parent_contact=None), "OC", _two_emails)
    store.add_details(record["reference"], "assistant", parent_name="Sam", parent_contact="sam@example.org")
    shown = store.get(record["reference"])
    assert shown["parent_contact"] == "sam@example.org"
    assert [a["action"] for a in shown["audit"]] == ["filed", "details_added"]


def test_a_database_error_does_not_list_a_parents_words_as_parameters(store):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError) as error, store.engine.begin() as connection:
        connection.execute(text("INSERT INTO no_such_table (account) VALUES (:account)"),
                           {"account": "Kai Smith was pushed over"})
    assert "parameters hidden" in str(error.value)
    if store.url.startswith("sqlite"):
        assert "Kai Smith" not in str(error.value)
    # psycopg2 puts the values into the statement itself, and PostgreSQL may quote it back in
    # its own message: that is why failures are logged by the error's kind only (actions).


def test_one_intake_is_filed_once_however_many_servers_try_at_once(store):
    results, errors = [], []

    def file_it():
        try:
            results.append(store.file_case(_new_case(intake_key="a" * 64), "OC", _two_emails))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=file_it) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({r["reference"] for r in results}) == 1 and len(store.list()) == 1
    assert len(store.claim_due(limit=100)) == 2  # the two emails of that one case, not sixteen


def test_cases_without_an_intake_key_are_each_filed(store):
    store.file_case(_new_case(), "OC", _two_emails)
    store.file_case(_new_case(), "OC", _two_emails)
    assert len(store.list()) == 2
