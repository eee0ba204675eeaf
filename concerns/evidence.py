"""Evidence a parent sends (a screenshot of a post, a photo, a letter as a PDF), kept in the case
store itself, because Messenger's links to it expire within days.

Only what a case needs is kept: images (JPEG, PNG, GIF, WebP) and PDF documents, each at most
EVIDENCE_MAX_BYTES (default 10 MB). The kind is judged by the file's own first bytes (its
"magic number"), never only by the name or type the sender declares: a page or a program
called "photo.jpg" is refused. Refusals carry a reason and the words the parent is shown.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# What a case may keep, named by the type the console serves it with.
KEPT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf")
TOO_LARGE, WRONG_TYPE, UNAVAILABLE, EMPTY = "too_large", "wrong_type", "unavailable", "empty"


def max_bytes_from_environment() -> int:
    value = os.environ.get("EVIDENCE_MAX_BYTES", "").strip()
    return int(value) if value else DEFAULT_MAX_BYTES


def media_type_of(data: bytes) -> str | None:
    """The kind of file these bytes are, from their magic number, if it is one a case keeps."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


class EvidenceRefused(Exception):
    """A file that is not kept; `reason` is one of TOO_LARGE, WRONG_TYPE, UNAVAILABLE, EMPTY.
    Never carries the file or anything the parent wrote."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    media_type: str
    data: bytes


def check_file(data: bytes, max_bytes: int, declared_type: str | None = None) -> CheckedFile:
    """The file as a case keeps it, or EvidenceRefused. A declared type that disagrees with
    the bytes (an "image" that is a PDF) is judged by the bytes."""
    if not data:
        raise EvidenceRefused(EMPTY)
    if len(data) > max_bytes:
        raise EvidenceRefused(TOO_LARGE)
    media_type = media_type_of(data)
    if media_type is None:
        raise EvidenceRefused(WRONG_TYPE)
    return CheckedFile(media_type, data)


def refusal_words(reason: str, max_bytes: int) -> str:
    """What the parent is told when a file they sent is not kept; their words still go on."""
    megabytes = max(1, round(max_bytes / (1024 * 1024)))
    if reason == TOO_LARGE:
        why = f"it is larger than {megabytes} MB"
    elif reason == WRONG_TYPE:
        why = "I can only keep photos and screenshots (JPEG, PNG, GIF, WebP) and PDF documents"
    elif reason == EMPTY:
        why = "it arrived empty"
    else:
        why = "I could not fetch it"
    return (f"I couldn't keep the file you sent: {why}. Your message itself has reached me. If the file "
            f"matters, you could send a smaller photo or screenshot of it, or take it to the school office.")
