"""Where the files a parent sends are kept: the case database itself (table `evidence`,
migration 0009), not a folder.

The database, because the Rasa server that fetches a file and the console that shows it may
run on different machines and already share the database; because a file then goes with its
case in the same transaction (ON DELETE CASCADE, foreign keys are on for SQLite too), by the
retention purge and by erasure alike; and because one backup holds the case and its evidence
together. The files are small (EVIDENCE_MAX_BYTES, default 10 MB) and few.

A file belongs to the conversation it came in (its sender) until a case takes it. It is named
by a random token, which a channel puts in the message's metadata; a case takes only its own
sender's files, so a token copied into another conversation takes nothing.

A file deleted after a case listed it (words about a nude image of a child came after it) is
named on that case, in its attachments (in its place) and at the end of its transcript, by a
plain line saying a file was removed and why, never by its link (which would find nothing), its
name or its kind; and the removal is audited on the case.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from concerns.evidence import CheckedFile
from concerns.safety import about_nude_images
from concerns.tables import audit, cases, evidence

# What a case shows in place of a file deleted because the parent's words spoke of a naked or
# semi-nude image of a child (DESIGN.md: such an image is never kept, not even as evidence).
REMOVED_NUDE_IMAGE = ("A file the parent sent was removed: their words spoke of a nude or semi-nude image "
                      "of a child, and the school never keeps such an image, not even as evidence.")
# Its audit entry on the case (no name, no kind, nothing of the parent's words).
REMOVED_AUDIT = "words about a nude or semi-nude image of a child"
# Who says so in the case's transcript: the record itself, not the assistant (the parent
# never saw the line).
REMOVAL_SPEAKER = "case record"


@dataclass(frozen=True)
class KeptFile:
    token: str
    media_type: str
    size: int
    sha256: str
    data: bytes

    def described(self) -> dict[str, Any]:
        """How the file is named in a message's attachments and on the case record."""
        return {"evidence": self.token, "media_type": self.media_type, "size": self.size, "sha256": self.sha256}


# What a case records of each file: its kind and link as sent, and where the channel kept it
# (`evidence`: its token) or why not (`refused`).
ATTACHMENT_KEYS = ("type", "url", "title", "evidence", "media_type", "size", "sha256", "refused")


def as_recorded(item: dict[str, Any]) -> dict[str, str]:
    """One attachment of a message as a case records it."""
    return {key: str(item[key]) for key in ATTACHMENT_KEYS if item.get(key) not in (None, "")}


def files_spoken_of(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The files a parent sent just before words about a naked or semi-nude image of a child:
    for each message of theirs with such words, the files of their messages right before it,
    back to the first earlier message of theirs that carried none (the assistant's answers in
    between do not count). The image spoken of is one of them, whatever case took it, and such
    an image is never kept. `events`: the conversation's, as Rasa gives them."""
    found: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []
    for event in events:
        if event.get("event") != "user":
            continue
        items = (event.get("metadata") or {}).get("attachments") or []
        items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
        if about_nude_images(event.get("text") or ""):
            found += run + items
            run = []
        elif items:
            run += items
        else:
            run = []
    return found


def tokens_in(attachments: Iterable[dict[str, Any]] | None) -> list[str]:
    return [str(item["evidence"]) for item in attachments or [] if isinstance(item, dict) and item.get("evidence")]


class EvidenceStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    def keep(self, sender_id: str, channel: str, checked: CheckedFile, now: dt.datetime | None = None) -> KeptFile:
        """Keep a checked file for this conversation; its token names it from then on."""
        kept = KeptFile(token=secrets.token_urlsafe(24), media_type=checked.media_type, size=len(checked.data),
                        sha256=hashlib.sha256(checked.data).hexdigest(), data=checked.data)
        with self.engine.begin() as connection:
            connection.execute(evidence.insert().values(
                token=kept.token, sender_id=sender_id, channel=channel, case_id=None, media_type=kept.media_type,
                size=kept.size, sha256=kept.sha256, data=kept.data,
                created_at=now or dt.datetime.now(dt.timezone.utc)))
        return kept

    def give_to_case(self, case_id: int, sender_id: str, attachments: Iterable[dict[str, Any]] | None) -> int:
        """The case takes the files named in its attachments, of its own conversation only;
        a file already taken by another case stays there. Returns how many it took."""
        tokens = tokens_in(attachments)
        if not tokens:
            return 0
        with self.engine.begin() as connection:
            return connection.execute(update(evidence).where(
                evidence.c.token.in_(tokens), evidence.c.sender_id == sender_id,
                evidence.c.case_id.is_(None)).values(case_id=case_id)).rowcount

    def unfiled(self, sender_id: str, attachments: Iterable[dict[str, Any]] | None) -> set[str]:
        """The tokens of this conversation's files named in `attachments` that no case has taken."""
        tokens = tokens_in(attachments)
        if not tokens:
            return set()
        with self.engine.connect() as connection:
            return set(connection.execute(select(evidence.c.token).where(
                evidence.c.token.in_(tokens), evidence.c.sender_id == sender_id,
                evidence.c.case_id.is_(None))).scalars())

    def forget(self, sender_id: str, attachments: Iterable[dict[str, Any]] | None,
               actor: str = "assistant") -> int:
        """Delete this conversation's files named in `attachments` (an image that must not be
        kept, such as a nude or semi-nude image of a child), whether or not a case took them;
        a case that listed one says instead that a file was removed, and why."""
        tokens = tokens_in(attachments)
        if not tokens:
            return 0
        with self.engine.begin() as connection:
            return self._delete(connection, sender_id, evidence.c.token.in_(tokens), actor)

    def forget_unfiled(self, sender_id: str, actor: str = "assistant") -> int:
        """Delete this conversation's files that no case has taken: when words about a nude
        image come after the image, the image sent just before is the one they speak of."""
        with self.engine.begin() as connection:
            return self._delete(connection, sender_id, evidence.c.case_id.is_(None), actor)

    @staticmethod
    def _delete(connection, sender_id: str, which, actor: str) -> int:
        """Delete this conversation's files matching `which`; every case of the conversation that
        lists one lists instead the removal line, gains it in its transcript (dated) and audits
        it, in the same transaction, so no case is ever left linking to a file that is gone."""
        gone = set(connection.execute(select(evidence.c.token).where(
            evidence.c.sender_id == sender_id, which)).scalars())
        if not gone:
            return 0
        deleted = connection.execute(delete(evidence).where(
            evidence.c.sender_id == sender_id, evidence.c.token.in_(gone))).rowcount
        now = dt.datetime.now(dt.timezone.utc)
        for case in connection.execute(select(cases.c.id, cases.c.attachments, cases.c.transcript).where(
                cases.c.sender_id == sender_id)).all():
            attachments = json.loads(case.attachments or "[]")
            removed = [item for item in attachments if isinstance(item, dict) and item.get("evidence") in gone]
            if not removed:
                continue
            attachments = [{"removed": REMOVED_NUDE_IMAGE} if item in removed else item for item in attachments]
            transcript = json.loads(case.transcript or "[]") + [
                {"who": REMOVAL_SPEAKER, "text": REMOVED_NUDE_IMAGE, "at": now.isoformat(), "removed_file": True}
                for _ in removed]
            # updated_at is left alone: a removal is not staff working the case, and must not
            # restart its retention period.
            connection.execute(update(cases).where(cases.c.id == case.id).values(
                attachments=json.dumps(attachments), transcript=json.dumps(transcript)))
            connection.execute(audit.insert().values(
                case_id=case.id, at=now, actor=actor, action="attachment_removed",
                detail=f"{len(removed)} file(s) removed: {REMOVED_AUDIT}"))
        return deleted

    def still_kept(self, sender_id: str, tokens: Iterable[str]) -> set[str]:
        """Which of these tokens of this conversation still name a kept file."""
        tokens = list(tokens)
        if not tokens:
            return set()
        with self.engine.connect() as connection:
            return set(connection.execute(select(evidence.c.token).where(
                evidence.c.sender_id == sender_id, evidence.c.token.in_(tokens))).scalars())

    def for_case(self, case_id: int, token: str) -> KeptFile | None:
        """One file of one case, or None (another case's token finds nothing)."""
        with self.engine.connect() as connection:
            row = connection.execute(select(evidence).where(
                evidence.c.case_id == case_id, evidence.c.token == token)).first()
        return _kept(row) if row is not None else None

    def of_conversation(self, sender_id: str, token: str) -> tuple[KeptFile, int | None] | None:
        """One file this conversation sent, whether or not a case took it, with the id of the
        case that did (or None); None for another conversation's token."""
        with self.engine.connect() as connection:
            row = connection.execute(select(evidence).where(
                evidence.c.sender_id == sender_id, evidence.c.token == token)).first()
        return (_kept(row), row.case_id) if row is not None else None

    def count_for_sender(self, sender_id: str) -> int:
        with self.engine.connect() as connection:
            return len(connection.execute(select(evidence.c.id).where(evidence.c.sender_id == sender_id)).all())


def _kept(row) -> KeptFile:
    """A stored file as the console serves it."""
    return KeptFile(token=row.token, media_type=row.media_type, size=row.size, sha256=row.sha256,
                    data=bytes(row.data))
