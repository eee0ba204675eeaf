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
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from concerns.evidence import CheckedFile
from concerns.tables import evidence


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

    def forget(self, sender_id: str, attachments: Iterable[dict[str, Any]] | None) -> int:
        """Delete this conversation's files named in `attachments` (an image that must not be
        kept, such as a nude or semi-nude image of a child), whether or not a case took them."""
        tokens = tokens_in(attachments)
        if not tokens:
            return 0
        with self.engine.begin() as connection:
            return connection.execute(delete(evidence).where(
                evidence.c.token.in_(tokens), evidence.c.sender_id == sender_id)).rowcount

    def forget_unfiled(self, sender_id: str) -> int:
        """Delete this conversation's files that no case has taken: when words about a nude
        image come after the image, the image sent just before is the one they speak of."""
        with self.engine.begin() as connection:
            return connection.execute(delete(evidence).where(
                evidence.c.sender_id == sender_id, evidence.c.case_id.is_(None))).rowcount

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
