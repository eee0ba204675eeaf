"""School days and opening hours, from the profile's terms, closures and hours."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from concerns.profile import SchoolProfile


class SchoolCalendar:
    """Answers: is this a school day, is anyone reading now, when is the Nth school day."""

    def __init__(self, profile: SchoolProfile):
        self.profile = profile
        self.zone = ZoneInfo(profile.timezone)

    def local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        return moment.astimezone(self.zone)

    def is_school_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or day in self.profile.closures:
            return False
        return any(term.start <= day <= term.end for term in self.profile.terms)

    def is_open(self, moment: dt.datetime) -> bool:
        """True while staff read the chat: a school day between opening and closing."""
        local = self.local(moment)
        return self.is_school_day(local.date()) and self.profile.opens <= local.time() < self.profile.closes

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """When someone will next read the chat (the moment itself if open now)."""
        local = self.local(moment)
        if self.is_open(local):
            return local
        day = local.date()
        if self.is_school_day(day) and local.time() < self.profile.opens:
            return dt.datetime.combine(day, self.profile.opens, tzinfo=self.zone)
        day = self.school_days_after(day, 1)
        return dt.datetime.combine(day, self.profile.opens, tzinfo=self.zone)

    def school_days_after(self, day: dt.date, count: int) -> dt.date:
        """The date `count` school days after `day` (the day itself never counts)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        last_term_end = max(term.end for term in self.profile.terms)
        found = 0
        current = day
        while found < count:
            current += dt.timedelta(days=1)
            if current > last_term_end + dt.timedelta(days=366):
                raise ValueError("the profile's term dates run out; add next year's terms")
            if self.is_school_day(current):
                found += 1
        return current

    def school_days_between(self, start: dt.date, end: dt.date) -> int:
        """School days after `start` up to and including `end` (negative if end is before)."""
        if end < start:
            return -self.school_days_between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1)
                   if self.is_school_day(start + dt.timedelta(days=n)))


def describe_day(day: dt.date, today: dt.date) -> str:
    """'tomorrow', 'Monday 30 November' – how a parent would want a date written."""
    if day == today:
        return "today"
    if day == today + dt.timedelta(days=1):
        return "tomorrow"
    return f"{day:%A} {day.day} {day:%B}"
