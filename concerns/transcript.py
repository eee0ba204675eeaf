"""A conversation cut into its matters, so each case holds only its own lines and a staff
member sees only the parts of a conversation whose cases they may see.

One parent can raise several matters in one conversation: "Mr Bell hit my son", and later a
bullying worry in Mr Bell's class. Mr Bell may be given the bullying case; he must never
read the allegation about himself. So a conversation is read as segments: each begins with
the parent message that started an intake (the assistant triaged it, or raised a
safeguarding alert), and holds everything said until the next one. A segment belongs to the
case filed from it, found by the reference the assistant set or said in it. Lines before
the first intake (a greeting) go with the first segment; a segment that filed nothing (a
cancelled intake) belongs to no case, and so to nobody.

While the conversation is paused (a hand-off, a staff take-over) no intake starts, except
a safeguarding alert raised by a message sent to staff: that one message and the
assistant's answer make a segment of their own, and the conversation goes on in the segment
it was in. Lines from a pause on are marked `live`: the staff member who took the
conversation over talks to the parent there.

Reads Rasa's tracker events as plain dicts (the HTTP API's and rasa-sdk's are the same), so
the action server and the console share it without importing Rasa.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from concerns.replies import delivery_note

# The actions that open an intake: a triage, a safeguarding alert, and the alert raised in a
# paused conversation.
INTAKE_ACTIONS = ("action_triage", "action_safeguarding", "action_paused_safeguarding")
PAUSED_ALERT_ACTION = "action_paused_safeguarding"
_REFERENCE = re.compile(r"\b[A-Z]{2,5}-\d{4}-\d{4,}\b")


@dataclass
class Line:
    """One line of a conversation, with the matter it belongs to."""

    who: str            # "parent", "assistant" or "staff: <name>"
    text: str
    at: str             # ISO time, UTC, or ""
    segment: int        # which intake it belongs to (0: before any)
    reference: str | None = None   # the case filed from that intake
    live: bool = False  # said while the conversation was paused for staff
    alert: bool = False  # a safeguarding signal in a paused conversation, or its answer
    preamble: bool = False  # said before the first intake began (a greeting)
    interrupted: str | None = None  # for an alert: the case of the conversation it broke into
    staff_reply: int | None = None  # a staff reply's id in the case store (its delivery status)
    # The files the parent sent with it that the channel kept: {evidence, media_type, size}.
    files: list[dict[str, Any]] | None = None

    def as_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"who": self.who, "text": self.text, "at": self.at}
        if self.alert:
            shown["alert"] = True
        if self.staff_reply is not None:
            shown["staff_reply"] = self.staff_reply
        if self.files:
            shown["files"] = self.files
        return shown


def _when(event: Mapping[str, Any]) -> str:
    at = event.get("timestamp")
    return dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat() if at else ""


def _text(event: Mapping[str, Any]) -> str | None:
    if event.get("text") is not None:
        return event["text"]
    # A staff reply sent with a Messenger tag travels as a custom message.
    return ((event.get("data") or {}).get("custom") or {}).get("text")


def _staff_reply(event: Mapping[str, Any]) -> int | None:
    reply = ((event.get("data") or {}).get("custom") or {}).get("staff_reply")
    return reply if isinstance(reply, int) and not isinstance(reply, bool) else None


def _files(event: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The files a parent's message carried that the channel kept (concerns/evidence_store.py)."""
    items = (event.get("metadata") or {}).get("attachments") if event.get("event") == "user" else None
    kept = [{"evidence": str(item["evidence"]), "media_type": str(item.get("media_type") or ""),
             "size": item.get("size")}
            for item in items or [] if isinstance(item, dict) and item.get("evidence")] \
        if isinstance(items, list) else []
    return kept or None


def _who(event: Mapping[str, Any]) -> str:
    if event["event"] == "user":
        return "parent"
    staff = (event.get("metadata") or {}).get("staff")
    return f"staff: {staff}" if staff else "assistant"


def _intake_action(events: list[Mapping[str, Any]], index: int) -> str | None:
    """The intake action this user message started, if it started one."""
    for event in events[index + 1:]:
        if event.get("event") == "user":
            return None
        if event.get("event") == "action" and event.get("name") in INTAKE_ACTIONS:
            return event["name"]
    return None


def read(events: Iterable[Mapping[str, Any]]) -> list[Line]:
    """Every spoken line of the conversation, each with its segment, case and state."""
    events = list(events)
    lines: list[Line] = []
    references: dict[int, str] = {}
    said_references: dict[int, str] = {}
    segment, resume_segment, paused, alert_open = 0, 0, False, False
    interrupted: dict[int, int] = {}
    next_segment = 1
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind == "pause":
            paused = True
        elif kind == "resume":
            paused = False
        elif kind == "slot" and event.get("name") == "case_reference" and event.get("value"):
            references[segment] = str(event["value"])
        elif kind == "user":
            if alert_open:
                # The paused alert was one message and its answer; the conversation goes on
                # where it was.
                segment, alert_open = resume_segment, False
            started = _intake_action(events, index)
            if started:
                if started == PAUSED_ALERT_ACTION:
                    resume_segment, alert_open = segment, True
                    interrupted[next_segment] = segment
                segment, next_segment = next_segment, next_segment + 1
        if kind not in ("user", "bot"):
            continue
        text = _text(event)
        if text is None:
            continue
        if kind == "bot" and segment not in said_references:
            found = _REFERENCE.search(text)
            if found:
                said_references[segment] = found.group(0)
        lines.append(Line(_who(event), text, _when(event), segment, live=paused, alert=alert_open,
                          staff_reply=_staff_reply(event), files=_files(event)))
    first = min((line.segment for line in lines if line.segment > 0), default=0)
    for line in lines:
        owner = first if line.segment == 0 else line.segment
        line.preamble, line.segment = line.segment == 0, owner
        line.reference = references.get(owner) or said_references.get(owner)
        if owner in interrupted:
            broken = first if interrupted[owner] == 0 else interrupted[owner]
            line.interrupted = references.get(broken) or said_references.get(broken)
    return lines


def intake_events(events: Iterable[Mapping[str, Any]], opening_now: bool = False) -> list[Mapping[str, Any]]:
    """The events of the intake in progress, from the parent message that began it.
    `opening_now`: the intake begins with the latest message (the action opening it is
    running now, so it is not among the events yet)."""
    events = list(events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    starts = [i for i in users if _intake_action(events, i)]
    if opening_now and users:
        starts.append(users[-1])
    if len(starts) <= 1:
        # The conversation's only intake (or none recognised: a case is always filed after a
        # triage, but the parent's words are never dropped) keeps everything before it too.
        return events
    # The conversation's first intake keeps what came before it (a greeting, a screenshot
    # sent before saying what it is about); a later one starts at its own message.
    return events[starts[-1]:]


def current_intake(events: Iterable[Mapping[str, Any]], opening_now: bool = False) -> list[dict[str, Any]]:
    """The lines of the intake in progress: what a case filed now keeps as its transcript,
    and nothing from the rest of the conversation (greetings, other matters). A staff reply's
    line keeps its id in the case store (`staff_reply`), so the copy can say whether it reached
    the parent (`with_delivery`)."""
    lines = read(intake_events(events, opening_now))
    own = lines[-1].segment if lines else 0
    return [{"who": line.who, "text": line.text, "at": line.at,
             **({"staff_reply": line.staff_reply} if line.staff_reply is not None else {})}
            for line in lines if line.segment == own]


def with_delivery(lines: Iterable[Mapping[str, Any]], replies: Mapping[int, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A transcript's lines with each staff reply's delivery as it stands (`replies`: the
    conversation's staff replies by id, concerns/store.py): 'delivered', 'not delivered: refused
    by Messenger (400)', 'not delivered yet'. A reply no longer in the store (the conversation
    was purged) keeps the note it had."""
    shown = []
    for line in lines:
        line = dict(line)
        reply = replies.get(line.get("staff_reply"))
        if reply is not None:
            line["delivery"] = delivery_note(reply["status"], reply.get("reason"))
        shown.append(line)
    return shown


def visible_lines(lines: list[Line], may_see_case, taken_by_me: bool) -> list[dict[str, Any]]:
    """The lines one staff member may read. `may_see_case(reference)` answers for a case;
    `taken_by_me` says whether they took this conversation over (then they read what was said
    live since). A safeguarding alert they may not see shows as a notice, never its words."""
    shown: list[dict[str, Any]] = []
    for line in lines:
        if line.reference and may_see_case(line.reference):
            shown.append(line.as_dict())
        elif line.alert:
            if line.who == "parent" and (taken_by_me or (line.interrupted and may_see_case(line.interrupted))):
                shown.append({"who": "parent", "text": "A safeguarding concern was raised here and sent to the "
                              f"safeguarding lead ({line.reference or 'no reference yet'}).",
                              "at": line.at, "alert": True})
        elif line.live and taken_by_me:
            shown.append(line.as_dict())
    return shown
