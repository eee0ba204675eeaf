"""Meta's rule for a person replying on Messenger, decided in one place, and how a reply's
delivery is told wherever the reply is written down (a case's transcript).

Within 24 hours of the parent's last message a reply is a normal response; up to 7 days
it must carry the HUMAN_AGENT tag; after that Messenger does not allow a reply at all.
"""
from __future__ import annotations

import datetime as dt
import re

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


_META_STATUS = re.compile(r"^Messenger answered (\d{3})")
# The kinds of failure channels/graph_api.py and the console record, by the words they begin with.
_FAILURE_KINDS = (
    ("Messenger did not answer in time", "Messenger did not answer in time"),
    ("Messenger could not be reached", "Messenger could not be reached"),
    ("Messenger is not configured", "Messenger is not configured"),
    ("the assistant's server could not be reached", "the assistant's server could not be reached"),
)


def failure_kind(reason: str | None) -> str:
    """What kind of failure a recorded reason is, in a few words: 'refused by Messenger (400)',
    'Messenger did not answer in time'. Never Meta's whole message."""
    reason = (reason or "").strip()
    found = _META_STATUS.match(reason)
    if found:
        code = found.group(1)
        return f"refused by Messenger ({code})" if code.startswith("4") else f"Messenger failed ({code})"
    for start, kind in _FAILURE_KINDS:
        if reason.startswith(start):
            return kind
    return "sending failed"


def delivery_note(status: str, reason: str | None = None) -> str:
    """A staff reply's delivery as a transcript line carries it: 'delivered', 'not delivered:
    refused by Messenger (400)', or 'not delivered yet' while it is still being sent or kept
    for the parent's chat."""
    if status == "delivered":
        return "delivered"
    if status == "failed":
        return f"not delivered: {failure_kind(reason)}"
    return "not delivered yet"
