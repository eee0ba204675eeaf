"""Files a parent sends while staff have the conversation (concerns/paused_files.py), on a real
database (SQLite, then PostgreSQL): they go to the conversation's open case, or stay with the
conversation when it has none, and are never kept beside words about a nude image."""
from __future__ import annotations

from concerns.evidence import check_file
from concerns.evidence_store import EvidenceStore
from concerns.paused_files import file_what_was_sent_while_paused
from concerns.transcript import read, visible_lines
from tests.unit.test_store import _new_case, _two_emails

PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 100
PDF = b"%PDF-1.7\n" + b"\x05" * 100
PARENT = "parent-paused"


def sent(files: EvidenceStore, data: bytes, sender: str = PARENT) -> dict:
    """A file as the channel keeps it and names it in the message's attachments."""
    return {"type": "image", **files.keep(sender, "facebook", check_file(data, 10_000)).described()}


def test_a_file_sent_to_staff_goes_to_the_case_the_conversation_was_handed_over_with(store):
    files = EvidenceStore(store.engine)
    earlier = store.file_case(_new_case(sender_id=PARENT), "OC", _two_emails)
    handoff = store.file_case(_new_case(sender_id=PARENT, category="handoff"), "OC", _two_emails)
    shot = sent(files, PNG)
    outcome = file_what_was_sent_while_paused(store, files, PARENT, "/share_attachment", [shot], [],
                                              handoff["reference"])
    assert outcome.case_reference == handoff["reference"] and outcome.kept == 1
    record = store.get(handoff["reference"])
    assert [a["evidence"] for a in record["attachments"]] == [shot["evidence"]]
    assert files.for_case(record["id"], shot["evidence"]).data == PNG
    assert ("attachments_added", "1") in {(a["action"], a["detail"]) for a in record["audit"]}
    assert store.get(earlier["reference"])["attachments"] == []


def test_with_the_named_case_closed_the_conversations_newest_open_case_takes_it(store):
    files = EvidenceStore(store.engine)
    older = store.file_case(_new_case(sender_id=PARENT), "OC", _two_emails)
    newer = store.file_case(_new_case(sender_id=PARENT), "OC", _two_emails)
    closed = store.file_case(_new_case(sender_id=PARENT, category="handoff"), "OC", _two_emails)
    store.file_case(_new_case(sender_id="someone-else"), "OC", _two_emails)
    from concerns.staff import StaffStore
    StaffStore(store).change_case(closed["id"], "office@oakleycross.example.org", "status_changed", "", status="closed")
    letter = sent(files, PDF)
    outcome = file_what_was_sent_while_paused(store, files, PARENT, "here is the letter", [letter], [],
                                              closed["reference"])
    assert outcome.case_reference == newer["reference"]
    assert files.for_case(newer["id"], letter["evidence"]).data == PDF
    assert store.get(older["reference"])["attachments"] == store.get(closed["reference"])["attachments"] == []


def test_with_no_open_case_the_file_stays_with_the_conversation_and_its_line_names_it(store):
    files = EvidenceStore(store.engine)
    shot = sent(files, PNG)
    outcome = file_what_was_sent_while_paused(store, files, PARENT, "/share_attachment", [shot], [], None)
    assert outcome.case_reference is None and outcome.kept == 1
    kept, case_id = files.of_conversation(PARENT, shot["evidence"])
    assert kept.data == PNG and case_id is None
    assert files.of_conversation("someone-else", shot["evidence"]) is None
    # The staff member who took the conversation over sees the line, and the file on it.
    events = [{"event": "pause"}, {"event": "user", "text": "/share_attachment", "timestamp": 1.0,
                                   "metadata": {"attachments": [shot]}}]
    [line] = visible_lines(read(events), lambda reference: False, taken_by_me=True)
    assert line["files"] == [{"evidence": shot["evidence"], "media_type": "image/png", "size": len(PNG)}]
    assert visible_lines(read(events), lambda reference: False, taken_by_me=False) == []


def test_a_file_a_safeguarding_alert_took_is_not_given_to_another_case(store):
    files = EvidenceStore(store.engine)
    handoff = store.file_case(_new_case(sender_id=PARENT, category="handoff"), "OC", _two_emails)
    alert = store.file_case(_new_case(sender_id=PARENT, category="safeguarding"), "OC", _two_emails)
    shot = sent(files, PNG)
    files.give_to_case(alert["id"], PARENT, [shot])
    outcome = file_what_was_sent_while_paused(store, files, PARENT, "look what he sent her", [shot], [],
                                              handoff["reference"])
    assert outcome.kept == 0 and store.get(handoff["reference"])["attachments"] == []
    assert files.for_case(alert["id"], shot["evidence"]) is not None


def test_words_about_a_nude_image_delete_the_files_sent_since_the_pause_and_keep_none(store):
    files = EvidenceStore(store.engine)
    handoff = store.file_case(_new_case(sender_id=PARENT, category="handoff"), "OC", _two_emails)
    earlier = sent(files, PNG)
    file_what_was_sent_while_paused(store, files, PARENT, "/share_attachment", [earlier], [], handoff["reference"])
    assert files.count_for_sender(PARENT) == 1
    beside = sent(files, PNG)
    outcome = file_what_was_sent_while_paused(store, files, PARENT, "that is a nude photo of my daughter",
                                              [beside], [earlier], handoff["reference"])
    assert outcome.deleted == 2 and files.count_for_sender(PARENT) == 0
    assert files.for_case(handoff["id"], earlier["evidence"]) is None


def test_a_file_the_hand_off_case_took_is_named_there_as_removed_when_nude_words_delete_it(store):
    """The case page and the API must not list a file that is gone: the hand-off case that took
    the screenshot shows in its place that a file was removed and why, audited by the assistant."""
    from concerns.evidence_store import REMOVED_NUDE_IMAGE
    from concerns.paused_files import ACTOR

    files = EvidenceStore(store.engine)
    handoff = store.file_case(_new_case(sender_id=PARENT, category="handoff"), "OC", _two_emails)
    shot = sent(files, PNG)
    file_what_was_sent_while_paused(store, files, PARENT, "/share_attachment", [shot], [], handoff["reference"])
    assert [a.get("evidence") for a in store.get(handoff["reference"])["attachments"]] == [shot["evidence"]]
    file_what_was_sent_while_paused(store, files, PARENT, "that is a nude photo of my daughter", [], [shot],
                                    handoff["reference"])
    record = store.get(handoff["reference"])
    assert record["attachments"] == [{"removed": REMOVED_NUDE_IMAGE}]
    assert ("attachment_removed", ACTOR) in {(a["action"], a["actor"]) for a in record["audit"]}
