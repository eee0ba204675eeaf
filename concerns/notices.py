"""Notices the office or the Headteacher posts (for example "closed today because of snow"):
shown at the start of every conversation until they expire. The rules both the admin tool and
the console apply."""
from __future__ import annotations

import datetime as dt

# Who may post or end a notice: the people who decide a closure, by role.
NOTICE_ROLES = ("headteacher", "office")
MAX_LENGTH = 500


class NoticeError(ValueError):
    """The notice cannot be posted; the message says what to change."""


def checked_notice(text: str, until: str, now_local: dt.datetime) -> tuple[str, dt.datetime]:
    """The notice's words (whitespace tidied) and when it stops showing: `until` is a local
    time like 2027-01-12T18:00, or empty for the end of today."""
    words = " ".join((text or "").split())
    if not words or len(words) > MAX_LENGTH:
        raise NoticeError(f"A notice needs 1 to {MAX_LENGTH} characters.")
    zone = now_local.tzinfo
    if until:
        try:
            moment = dt.datetime.fromisoformat(until)
        except ValueError:
            raise NoticeError(f"'Until' must be a date and time like 2027-01-12T18:00, not {until!r}.") from None
        moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
    else:
        moment = dt.datetime.combine(now_local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    if moment <= now_local:
        raise NoticeError("'Until' is in the past.")
    return words, moment
