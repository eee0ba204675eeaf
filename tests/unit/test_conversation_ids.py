"""The opaque ids the console and the staff API give conversations, on a real database (SQLite,
then PostgreSQL): random, one per sender, and deleted with the conversation."""
import datetime as dt

from concerns.privacy import DataProtection
from concerns.store import utcnow
from tests.unit.test_retention import _case_ended, _tracker_store
from tests.unit.test_store import _new_case, _two_emails

SENDER = "7391046628115530"  # shaped like a Messenger page-scoped id


def test_each_sender_has_one_random_id_that_leads_back_to_it(store):
    conversation_id = store.conversation_id_for(SENDER)
    assert store.conversation_id_for(SENDER) == conversation_id
    assert SENDER not in conversation_id and len(conversation_id) >= 22
    assert store.sender_of_conversation(conversation_id) == SENDER
    other = store.conversation_id_for("another-sender")
    assert other != conversation_id and store.sender_of_conversation(other) == "another-sender"


def test_a_sender_id_is_not_a_conversation_id(store):
    store.conversation_id_for(SENDER)
    assert store.sender_of_conversation(SENDER) is None
    assert store.sender_of_conversation("") is None


def test_erasure_deletes_the_conversation_id(store, profile, tmp_path):
    store.file_case(_new_case(sender_id=SENDER), "OC", _two_emails)
    conversation_id = store.conversation_id_for(SENDER)
    kept = store.conversation_id_for("another-sender")
    conversations = _tracker_store(tmp_path / "tracker.db", {SENDER: utcnow()})
    DataProtection(store, conversations, profile.retention).erase(SENDER, utcnow(), "dpo@oakleycross.example.org")
    assert store.sender_of_conversation(conversation_id) is None
    assert store.sender_of_conversation(kept) == "another-sender"
    # Were the parent to write again, their conversation would get a new id: old links stay dead.
    assert store.conversation_id_for(SENDER) != conversation_id


def test_the_purge_deletes_a_forgotten_conversations_id(store, profile, monkeypatch, tmp_path):
    now = utcnow()
    long_ago = now - dt.timedelta(days=7 * 365)
    _case_ended(store, monkeypatch, "parent-gone", "closed", long_ago)
    _case_ended(store, monkeypatch, "parent-open", "in_progress", long_ago)
    gone, still_open = store.conversation_id_for("parent-gone"), store.conversation_id_for("parent-open")
    conversations = _tracker_store(tmp_path / "tracker.db", {"parent-gone": long_ago, "parent-open": long_ago})
    DataProtection(store, conversations, profile.retention).purge(now, "dpo@oakleycross.example.org")
    assert store.sender_of_conversation(gone) is None
    assert store.sender_of_conversation(still_open) == "parent-open"
