"""In the Rasa server: the files of a message sent while the conversation is paused for staff go
to its open case, or stay with the conversation (concerns/paused_files.py says why and how).

Called by the server's message processor (channels/paused_safeguarding.py) for every message of
a paused conversation, after the safeguarding check, since no action runs then.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional

from rasa.shared.core.events import ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from concerns.evidence_store import EvidenceStore
from concerns.paused_files import file_what_was_sent_while_paused
from concerns.settings import Settings
from concerns.store import CaseStore

log = logging.getLogger("channels.paused_files")
_store: Optional[CaseStore] = None


def _case_store() -> CaseStore:
    """The case store (opened at first use), where the channels kept the files."""
    global _store
    if _store is None:
        _store = CaseStore(Settings().database_url)
    return _store


def _attachments_of(event: UserUttered) -> List[Dict[str, Any]]:
    items = (event.metadata or {}).get("attachments") or []
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _sent_since_the_pause(tracker: DialogueStateTracker) -> List[Dict[str, Any]]:
    """The attachments of the parent's messages since the conversation was paused, the latest
    message's left out."""
    found: List[Dict[str, Any]] = []
    users_seen = 0
    for event in reversed(tracker.events):
        if isinstance(event, ConversationPaused):
            break
        if isinstance(event, UserUttered):
            users_seen += 1
            if users_seen > 1:
                found.extend(_attachments_of(event))
    return found


async def file_paused_message_files(tracker: DialogueStateTracker) -> None:
    """Give the latest message's files to the conversation's open case (or leave them with the
    conversation); delete them when its words speak of a nude image. Never raises: the parent's
    message has been stored whatever happens here, and the file stays kept with the conversation."""
    message = tracker.latest_message
    if message is None:
        return
    attachments = _attachments_of(message)
    text = message.text or ""
    if not attachments and not text:
        return
    try:
        store = _case_store()
        outcome = await asyncio.to_thread(
            file_what_was_sent_while_paused, store, EvidenceStore(store.engine), tracker.sender_id, text,
            attachments, _sent_since_the_pause(tracker), tracker.get_slot("case_reference"))
    except Exception as error:  # the database away: the files stay with the conversation
        log.error("files sent while staff had the conversation could not be filed (%s)", type(error).__name__)
        return
    if outcome.deleted:
        log.info("files deleted from a paused conversation: words about a nude image (%d)", outcome.deleted)
    elif outcome.kept:
        # How many, and whether a case took them: nothing the parent wrote.
        log.info("files sent while staff had the conversation: %d kept%s", outcome.kept,
                 " with its open case" if outcome.case_reference else " with the conversation (no open case)")
