"""Messenger's limits, kept by the channel whatever the assistant says."""
from channels.messenger import message_from_event, quick_replies, signature_is_valid, split_text


def test_long_text_is_split_under_2000_characters_at_sentence_boundaries():
    text = " ".join(f"Sentence number {n} is here." for n in range(300))
    pieces = split_text(text)
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text
    assert split_text("x" * 4500) == ["x" * 2000, "x" * 2000, "x" * 500]


def test_quick_replies_keep_to_13_titles_of_20_characters():
    buttons = [{"title": f"A very long button title number {n}", "payload": f"/choice{n}"} for n in range(20)]
    replies = quick_replies(buttons)
    assert len(replies) == 13 and all(len(r["title"]) <= 20 for r in replies)
    assert replies[0]["payload"] == "/choice0"


def test_signatures_are_checked_in_both_forms():
    body = b'{"object":"page"}'
    import hashlib
    import hmac
    good256 = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    good1 = "sha1=" + hmac.new(b"s3cret", body, hashlib.sha1).hexdigest()
    assert signature_is_valid("s3cret", body, good256, "")
    assert signature_is_valid("s3cret", body, "", good1)
    assert not signature_is_valid("s3cret", body, "", "")
    assert not signature_is_valid("", body, good256, "")
    # When SHA-256 is sent it is the one that counts.
    assert not signature_is_valid("s3cret", body, "sha256=00", good1)


def test_every_attachment_is_kept_and_echoes_are_not_messages():
    event = {"sender": {"id": 42}, "message": {"mid": "m", "attachments": [
        {"type": "image", "payload": {"url": "https://x/1.png"}},
        {"type": "fallback", "payload": None, "title": "a link", "URL": "https://x/page"},
        {"type": "location", "payload": {"coordinates": {"lat": 54.6, "long": -1.7}}}]}}
    incoming = message_from_event(event)
    assert incoming["sender"] == "42" and incoming["text"] == "/share_attachment"
    assert [a["url"] for a in incoming["metadata"]["attachments"]] == [
        "https://x/1.png", "https://x/page", "geo:54.6,-1.7"]
    assert message_from_event({"sender": {"id": 1}, "message": {"is_echo": True, "text": "hi"}}) is None
    assert message_from_event({"sender": {"id": 1}, "read": {"watermark": 1}}) is None
