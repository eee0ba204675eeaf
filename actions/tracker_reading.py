"""Reading what a conversation holds, for the case record."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from rasa_sdk import Tracker

# Rasa's input channel names, in the vocabulary of the case record.
CHANNELS = {"socketio": "web", "web": "web", "facebook": "facebook", "messenger": "facebook"}


def case_channel(tracker: Tracker) -> str:
    return CHANNELS.get(tracker.get_latest_input_channel() or "", "rest")


def transcript(tracker: Tracker) -> list[dict[str, str]]:
    """Every line of the conversation so far, the parent's words exactly as written."""
    lines = []
    for event in tracker.events:
        if event.get("event") not in ("user", "bot"):
            continue
        text = event.get("text")
        if text is None:
            continue
        at = event.get("timestamp")
        lines.append({
            "who": "parent" if event["event"] == "user" else "assistant",
            "text": text,
            "at": dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat() if at else "",
        })
    return lines


def attachments(tracker: Tracker) -> list[dict[str, str]]:
    """Attachments the parent sent (channels put them in the message metadata)."""
    found: list[dict[str, str]] = []
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        metadata: dict[str, Any] = event.get("metadata") or {}
        for item in metadata.get("attachments") or []:
            if isinstance(item, dict) and item.get("url"):
                found.append({"type": str(item.get("type", "file")), "url": str(item["url"])})
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
