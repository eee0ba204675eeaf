"""What the REST channel accepts, and the reason it gives for what it refuses."""
from __future__ import annotations

import json

import pytest

from channels.rest import MAX_MESSAGE, MAX_SENDER, BadRequest, read_request


def body(payload) -> bytes:
    return json.dumps(payload).encode()


def test_an_ordinary_request_is_read_as_sent():
    assert read_request(body({"sender": "p-1", "message": "hello", "metadata": {"a": 1}})) == \
        ("p-1", "hello", {"a": 1})
    assert read_request(body({"sender": "p-1", "message": "Ça va? 🙂"})) == ("p-1", "Ça va? 🙂", None)


@pytest.mark.parametrize("raw, reason", [
    (b"", "must be JSON"),
    (b"\xff\xfe", "must be JSON"),
    (b"{not json", "must be JSON"),
    (body([{"sender": "a", "message": "b"}]), "JSON object"),
    (body(7), "JSON object"),
    (body(None), "JSON object"),
    (body({"message": "hello"}), '"sender"'),
    (body({"sender": 12, "message": "hello"}), '"sender"'),
    (body({"sender": "   ", "message": "hello"}), '"sender"'),
    (body({"sender": "a\nb", "message": "hello"}), '"sender"'),
    (body({"sender": "x" * (MAX_SENDER + 1), "message": "hello"}), '"sender"'),
    (body({"sender": "a"}), '"message"'),
    (body({"sender": "a", "message": ""}), '"message"'),
    (body({"sender": "a", "message": " \n\t"}), '"message"'),
    (body({"sender": "a", "message": ["hello"]}), '"message"'),
    (body({"sender": "a", "message": "hello", "metadata": "x"}), '"metadata"'),
])
def test_a_bad_request_gets_a_400_that_says_what_is_wrong(raw, reason):
    with pytest.raises(BadRequest) as refused:
        read_request(raw)
    assert refused.value.status == 400 and reason in refused.value.reason


def test_a_message_over_the_limit_is_refused_whole_with_413():
    assert read_request(body({"sender": "a", "message": "x" * MAX_MESSAGE}))[1] == "x" * MAX_MESSAGE
    with pytest.raises(BadRequest) as refused:
        read_request(body({"sender": "a", "message": "x" * (MAX_MESSAGE + 1)}))
    assert refused.value.status == 413


def test_a_sender_id_longer_than_the_cases_table_keeps_is_refused_at_once():
    """Not answered and then lost: before, a 256-character sender was talked to, and the
    parent's "Yes, send it" failed on PostgreSQL, whose sender_id columns hold 255."""
    assert MAX_SENDER == 255
    assert read_request(body({"sender": "p" * 255, "message": "hello"}))[0] == "p" * 255
    with pytest.raises(BadRequest) as refused:
        read_request(body({"sender": "p" * 256, "message": "hello"}))
    assert refused.value.status == 400
    assert refused.value.reason == '"sender" must be a string of 1 to 255 printable characters.'


def test_the_longest_sender_id_the_channel_accepts_files_a_case_on_postgresql(postgres_url):
    import sqlalchemy.exc

    from concerns.store import CaseStore
    from tests.unit.test_store import _new_case, _two_emails

    store = CaseStore(postgres_url)
    store.migrate()
    filed = store.file_case(_new_case(sender_id="p" * MAX_SENDER), "OC", _two_emails)
    assert store.get(filed["reference"])["sender_id"] == "p" * MAX_SENDER
    # The limit is the database's own: one character more and the case could not be filed.
    with pytest.raises(sqlalchemy.exc.DataError):
        store.file_case(_new_case(sender_id="p" * (MAX_SENDER + 1)), "OC", _two_emails)
