"""Evidence a parent sends: the limits on size and kind (judged by the bytes), keeping a file
in the case store (SQLite and PostgreSQL), giving it to the case, and never keeping one beside
words about a nude image of a child; fetched over real HTTP on loopback."""
from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from channels.attachment_files import fetch_file, keep_attachments
from concerns.evidence import (EMPTY, TOO_LARGE, UNAVAILABLE, WRONG_TYPE, EvidenceRefused, check_file, media_type_of,
                               refusal_words)
from concerns.evidence_store import EvidenceStore
from concerns.privacy import Conversations, DataProtection
from concerns.staff import StaffStore
from concerns.store import utcnow
from tests.integration.fake_graph import FakeGraphAPI
from tests.unit.test_store import _new_case, _two_emails

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 100
GIF = b"GIF89a" + b"\x03" * 100
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x04" * 100
PDF = b"%PDF-1.7\n" + b"\x05" * 100


@pytest.mark.parametrize("data, kind", [(JPEG, "image/jpeg"), (PNG, "image/png"), (GIF, "image/gif"),
                                        (WEBP, "image/webp"), (PDF, "application/pdf")])
def test_each_kept_kind_is_known_by_its_first_bytes(data, kind):
    assert media_type_of(data) == kind
    assert check_file(data, 10_000).media_type == kind


@pytest.mark.parametrize("data", [
    b"<html><script>alert(1)</script></html>",  # a page called photo.jpg
    b"MZ\x90\x00" + b"\x00" * 50,  # a Windows program
    b"RIFF\x10\x00\x00\x00WAVEfmt ",  # audio in the WebP's wrapper
    b"PK\x03\x04" + b"\x00" * 50,  # a zip (or a Word document)
    b"\xff\xd8",  # too short to be a JPEG
])
def test_anything_else_is_refused_whatever_it_is_called(data):
    with pytest.raises(EvidenceRefused) as refused:
        check_file(data, 10_000, declared_type="image/jpeg")
    assert refused.value.reason == WRONG_TYPE


def test_a_declared_type_that_disagrees_with_the_bytes_is_judged_by_the_bytes():
    assert check_file(PDF, 10_000, declared_type="image/png").media_type == "application/pdf"


def test_the_size_limit_is_exact_and_an_empty_file_is_refused():
    limit = len(PNG)
    assert check_file(PNG, limit).data == PNG
    with pytest.raises(EvidenceRefused) as refused:
        check_file(PNG + b"\x00", limit)
    assert refused.value.reason == TOO_LARGE
    with pytest.raises(EvidenceRefused) as refused:
        check_file(b"", limit)
    assert refused.value.reason == EMPTY


def test_the_parent_is_told_why_in_plain_words_and_that_their_message_arrived(monkeypatch):
    monkeypatch.setenv("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024))
    assert "larger than 10 MB" in refusal_words(TOO_LARGE, 10 * 1024 * 1024)
    assert "PDF" in refusal_words(WRONG_TYPE, 10 * 1024 * 1024)
    for reason in (TOO_LARGE, WRONG_TYPE, UNAVAILABLE, EMPTY):
        assert "Your message itself has reached me" in refusal_words(reason, 10 * 1024 * 1024)


def test_a_kept_file_goes_only_to_a_case_of_its_own_conversation(store):
    files = EvidenceStore(store.engine)
    kept = files.keep("parent-1", "facebook", check_file(PNG, 10_000))
    other = files.keep("parent-2", "facebook", check_file(JPEG, 10_000))
    case = store.file_case(_new_case(sender_id="parent-1"), "OC", _two_emails)
    # A token copied from another conversation takes nothing.
    assert files.give_to_case(case["id"], "parent-1", [kept.described(), other.described()]) == 1
    assert files.for_case(case["id"], kept.token).data == PNG
    assert files.for_case(case["id"], other.token) is None
    later = store.file_case(_new_case(sender_id="parent-1"), "OC", _two_emails)
    assert files.give_to_case(later["id"], "parent-1", [kept.described()]) == 0  # it stays with the first case


def test_forgetting_deletes_the_named_files_and_the_unfiled_ones_of_that_conversation_only(store):
    files = EvidenceStore(store.engine)
    named = files.keep("parent-1", "web", check_file(PNG, 10_000))
    unfiled = files.keep("parent-1", "web", check_file(GIF, 10_000))
    elsewhere = files.keep("parent-2", "web", check_file(GIF, 10_000))
    case = store.file_case(_new_case(sender_id="parent-1"), "OC", _two_emails)
    files.give_to_case(case["id"], "parent-1", [named.described()])
    assert files.forget("parent-1", [named.described(), elsewhere.described()]) == 1
    assert files.forget_unfiled("parent-1") == 1
    assert files.count_for_sender("parent-1") == 0 and files.count_for_sender("parent-2") == 1
    assert unfiled.token != elsewhere.token


def test_a_file_a_case_listed_is_named_there_as_removed_and_why_once_it_is_deleted(store):
    """Words about a nude image of a child delete a file a case already took: the case then
    lists, in its place, a plain line that a file was removed and why (no link that would find
    nothing, no name, no kind), in its attachments and in its transcript, and the removal is
    audited on the case. Another conversation's case is untouched."""
    from concerns.evidence_store import REMOVED_NUDE_IMAGE, as_recorded

    files = EvidenceStore(store.engine)
    photo = {"type": "image", "title": "ruby-year3-changing.jpg",
             **files.keep("parent-1", "web", check_file(PNG, 10_000)).described()}
    letter = {"type": "file", **files.keep("parent-1", "web", check_file(PDF, 10_000)).described()}
    case = store.file_case(_new_case(sender_id="parent-1", attachments=[as_recorded(photo), as_recorded(letter)],
                                     transcript=[{"who": "parent", "text": "/share_attachment", "at": ""}]),
                           "OC", _two_emails)
    files.give_to_case(case["id"], "parent-1", [photo, letter])
    other = store.file_case(_new_case(sender_id="parent-2", attachments=[as_recorded(photo)]), "OC", _two_emails)

    assert files.forget("parent-1", [photo]) == 1
    record = store.get(case["reference"])
    assert record["attachments"] == [{"removed": REMOVED_NUDE_IMAGE}, as_recorded(letter)]
    assert record["transcript"][0] == {"who": "parent", "text": "/share_attachment", "at": ""}
    assert [(line["who"], line["text"], line.get("removed_file")) for line in record["transcript"][1:]] == [
        ("case record", REMOVED_NUDE_IMAGE, True)]
    assert "ruby-year3" not in str(record["attachments"]) and photo["evidence"] not in str(record["attachments"])
    assert "nude or semi-nude image of a child" in REMOVED_NUDE_IMAGE and "removed" in REMOVED_NUDE_IMAGE
    [removal] = [a for a in record["audit"] if a["action"] == "attachment_removed"]
    assert removal["actor"] == "assistant" and removal["detail"].startswith("1 file(s) removed")
    assert files.for_case(case["id"], letter["evidence"]).data == PDF
    assert store.get(other["reference"])["attachments"] == [as_recorded(photo)]  # not this parent's case
    # A file no case took, deleted the same way, changes no case.
    loose = files.keep("parent-1", "web", check_file(GIF, 10_000))
    assert files.forget_unfiled("parent-1") == 1 and loose.token
    assert [a["action"] for a in store.get(case["reference"])["audit"]].count("attachment_removed") == 1


def test_the_files_spoken_of_are_those_sent_just_before_words_about_a_nude_image():
    from concerns.evidence_store import files_spoken_of

    def parent(text, *tokens):
        return {"event": "user", "text": text, "metadata": {"attachments": [{"evidence": t} for t in tokens]}}

    bot = {"event": "bot", "text": "Thank you, I've added that to OC-2026-0001."}
    assert files_spoken_of([parent("/share_attachment", "a"), bot, parent("/share_attachment", "b"), bot,
                            parent("that is a nude photo of my daughter")]) == [{"evidence": "a"}, {"evidence": "b"}]
    # Words in between: the files before them are not the ones spoken of.
    assert files_spoken_of([parent("/share_attachment", "a"), bot, parent("what happens now?"), bot,
                            parent("someone shared a nude photo of her")]) == []
    assert files_spoken_of([parent("/share_attachment", "a"), parent("my son was pushed over")]) == []


def test_a_case_s_files_are_purged_with_the_case(store, profile, tmp_path, monkeypatch):
    files = EvidenceStore(store.engine)
    long_ago = utcnow() - dt.timedelta(days=7 * 366)
    case = store.file_case(_new_case(sender_id="parent-gone", category="complaint"), "OC", _two_emails, now=long_ago)
    files.give_to_case(case["id"], "parent-gone", [files.keep("parent-gone", "web", check_file(PDF, 10_000)).described()])
    monkeypatch.setattr("concerns.staff.utcnow", lambda: long_ago)
    StaffStore(store).change_case(case["id"], "head@oakleycross.example.org", "status_changed", "new -> closed",
                                  status="closed")
    monkeypatch.undo()
    purge = DataProtection(store, Conversations(f"sqlite:///{tmp_path / 'none.db'}"), profile.retention)
    assert purge.purge(utcnow(), "dpo@oakleycross.example.org")["deleted"]["cases"] == 1
    assert files.count_for_sender("parent-gone") == 0


@pytest.fixture(scope="module")
def cdn():
    served = FakeGraphAPI().start()
    yield served
    served.stop()


def test_a_fetch_reads_no_further_than_the_limit_and_a_dead_link_is_unavailable(cdn):
    link = cdn.serve_file("big.png", PNG + b"\x00" * 1_000_000)
    assert len(asyncio.run(fetch_file(link, 10, 5000))) <= 5000 + 64 * 1024
    with pytest.raises(EvidenceRefused) as refused:
        asyncio.run(fetch_file(cdn.base_url + "/files/expired.png", 10, 5000))
    assert refused.value.reason == UNAVAILABLE


def test_attachments_are_kept_or_marked_refused_in_place(cdn, store):
    files = EvidenceStore(store.engine)
    sent = [{"type": "image", "url": cdn.serve_file("ok.jpg", JPEG)},
            {"type": "file", "url": cdn.serve_file("bad.pdf", b"not a pdf at all")},
            {"type": "video", "url": cdn.serve_file("clip.mp4", b"\x00\x00\x00\x18ftypmp42")},
            {"type": "location", "url": "geo:54.7,-1.6"}]
    first = asyncio.run(keep_attachments(files, "parent-1", "facebook", "here are the screenshots", sent, 10, 10_000))
    assert first == WRONG_TYPE
    assert sent[0]["media_type"] == "image/jpeg" and sent[0]["evidence"]
    assert sent[1]["refused"] == WRONG_TYPE and sent[2]["refused"] == WRONG_TYPE and "refused" not in sent[3]
    assert files.count_for_sender("parent-1") == 1


def test_nothing_is_fetched_beside_words_about_a_nude_image_of_a_child(cdn, store):
    files = EvidenceStore(store.engine)
    sent = [{"type": "image", "url": cdn.serve_file("shared.png", PNG)}]
    asyncio.run(keep_attachments(files, "parent-1", "facebook", "someone sent nudes of my son to the group", sent,
                                 10, 10_000))
    assert files.count_for_sender("parent-1") == 0 and "evidence" not in sent[0]


def test_files_no_case_took_are_erased_with_the_conversation(store, profile, tmp_path):
    files = EvidenceStore(store.engine)
    files.keep("parent-erased", "web", check_file(PNG, 10_000))
    files.keep("parent-stays", "web", check_file(PNG, 10_000))
    erasure = DataProtection(store, Conversations(f"sqlite:///{tmp_path / 'none.db'}"), profile.retention)
    erasure.erase("parent-erased", utcnow(), "dpo@oakleycross.example.org")
    assert files.count_for_sender("parent-erased") == 0 and files.count_for_sender("parent-stays") == 1
