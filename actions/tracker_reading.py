"""Reading what a conversation holds, for the case record."""
from __future__ import annotations

import hashlib
from typing import Any

from rasa_sdk import Tracker

from concerns.evidence_store import as_recorded
from concerns.transcript import current_intake, intake_events

# Rasa's input channel names, in the vocabulary of the case record.
CHANNELS = {"socketio": "web", "web": "web", "facebook": "facebook", "messenger": "facebook"}


def case_channel(tracker: Tracker) -> str:
    return CHANNELS.get(tracker.get_latest_input_channel() or "", "rest")


def _events(tracker: Tracker, latest_only: bool) -> list[dict[str, Any]]:
    if not latest_only:
        return list(tracker.events)
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    return list(tracker.events[users[-1]:]) if users else []


def transcript(tracker: Tracker, opening_now: bool = False, latest_only: bool = False) -> list[dict[str, str]]:
    """The lines of this intake only, the parent's words exactly as written: never the
    conversation's other matters (concerns/transcript.py says why). `latest_only`: just
    the latest message and what followed it."""
    return current_intake(_events(tracker, latest_only), opening_now=opening_now or latest_only)


def attachments(tracker: Tracker, opening_now: bool = False, latest_only: bool = False) -> list[dict[str, str]]:
    """Attachments the parent sent in this intake (channels put them in the message metadata)."""
    found: list[dict[str, str]] = []
    for event in intake_events(_events(tracker, latest_only), opening_now=opening_now or latest_only):
        if event.get("event") != "user":
            continue
        metadata: dict[str, Any] = event.get("metadata") or {}
        for item in metadata.get("attachments") or []:
            if isinstance(item, dict) and (item.get("url") or item.get("evidence")):
                found.append(as_recorded(item))
    return found


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def intake_key(tracker: Tracker) -> str | None:
    """A name for the intake being confirmed: the conversation and the moment its case form
    began. It stays the same when the parent confirms again after a failure, so the case is
    filed once; a later intake in the same conversation gets a new one. A hash: nothing personal."""
    started = next((event.get("timestamp") for event in reversed(tracker.events)
                    if event.get("event") == "active_loop" and event.get("name") == "case_form"), None)
    if started is None:
        return None
    return hashlib.sha256(f"{tracker.sender_id}\n{started!r}".encode()).hexdigest()
