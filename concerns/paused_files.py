"""Files a parent sends while their conversation is paused for staff (a hand-off, a take-over).

The channel keeps each file in the case store the moment it arrives (concerns/evidence_store.py),
but only an action gives it to a case, and no action runs while a conversation is paused. So
the Rasa server hands every message of a paused conversation here (channels/paused_safeguarding.py),
and its files go to the conversation's open case: the one it was handed to staff with (or last
filed) while that is open, else its newest open case. With no open case, a file stays with the
conversation, and the staff member in the chat opens it from the conversation's page. Either
way a parent's file is never lost.

Words about a naked or semi-nude image of a child are never kept beside an image: then the
files of this message and every file sent since the pause began are deleted, and so is any
file of the conversation no case took (the image spoken of was sent just before), as the
assistant does when it is answering (actions/actions.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from concerns.evidence_store import EvidenceStore, as_recorded
from concerns.safety import about_nude_images
from concerns.store import CaseStore

ACTOR = "assistant (conversation with staff)"


@dataclass(frozen=True)
class PausedFiles:
    """What became of a paused conversation's message's files."""

    case_reference: str | None = None  # the case that took them
    kept: int = 0                      # how many were kept (with a case or with the conversation)
    deleted: int = 0                   # deleted: the words spoke of a nude image


def file_what_was_sent_while_paused(store: CaseStore, evidence: EvidenceStore, sender_id: str, text: str,
                                    attachments: Iterable[dict[str, Any]] | None,
                                    sent_since_the_pause: Iterable[dict[str, Any]] | None,
                                    case_reference: str | None) -> PausedFiles:
    """Give the files of one message of a paused conversation to its open case, or leave them
    with the conversation when it has none. `case_reference`: the case the conversation names
    (its `case_reference` slot); `sent_since_the_pause`: the attachments of the parent's
    earlier messages since the pause began."""
    attachments = [item for item in attachments or [] if isinstance(item, dict)]
    if about_nude_images(text or ""):
        earlier = [item for item in sent_since_the_pause or [] if isinstance(item, dict)]
        # A case that had taken one shows, in its place, that a file was removed and why.
        deleted = evidence.forget(sender_id, attachments + earlier, ACTOR) + evidence.forget_unfiled(sender_id, ACTOR)
        return PausedFiles(deleted=deleted)
    # Only files no case has taken yet: a safeguarding alert raised by this very message (the
    # Rasa server runs it first) has taken its own.
    unfiled = evidence.unfiled(sender_id, attachments)
    kept = [as_recorded(item) for item in attachments if item.get("evidence") in unfiled]
    if not kept:
        return PausedFiles()
    case = store.open_case_of(sender_id, case_reference)
    if case is None:
        return PausedFiles(kept=len(kept))  # with the conversation: its page shows it to staff
    store.add_attachments(case["reference"], kept, ACTOR)
    evidence.give_to_case(case["id"], sender_id, kept)
    return PausedFiles(case_reference=case["reference"], kept=len(kept))
