"""Meta's rule for a person replying on Messenger, decided in one place.

Within 24 hours of the parent's last message a reply is a normal response; up to 7 days
it must carry the HUMAN_AGENT tag; after that Messenger does not allow a reply at all.
"""
from __future__ import annotations

import datetime as dt

STANDARD_WINDOW = dt.timedelta(hours=24)
HUMAN_AGENT_WINDOW = dt.timedelta(days=7)


def messenger_reply_mode(last_parent_message: dt.datetime | None, now: dt.datetime) -> str:
    """'RESPONSE', 'HUMAN_AGENT' or 'refuse'."""
    if last_parent_message is None:
        return "refuse"
    age = now - last_parent_message
    if age <= STANDARD_WINDOW:
        return "RESPONSE"
    if age <= HUMAN_AGENT_WINDOW:
        return "HUMAN_AGENT"
    return "refuse"
