"""School days and opening hours, from the profile's terms, closures and hours."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from concerns.profile import SchoolProfile


# From this long before the profile's last term date, the office and the Headteacher are
# reminded to add next year's terms (`profile check`, the console's banner).
CALENDAR_WARNING = dt.timedelta(weeks=6)


def current_time(clock_override: str, zone: dt.tzinfo) -> dt.datetime:
    """Now, or the moment CONCERNS_NOW names (tests and demonstrations; local time if it has no zone)."""
    if clock_override:
        moment = dt.datetime.fromisoformat(clock_override)
        return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment
    return dt.datetime.now(dt.timezone.utc)


class SchoolCalendar:
    """Answers: is this a school day, is anyone reading now, when is the Nth school day.

    The profile holds the terms it knows (one year, usually). Past the last term date a
    count of school days goes on in weekdays, and `beyond_calendar` says the result is an
    estimate: filing a case, and above all a safeguarding alert, never depends on the
    calendar running on."""

    def __init__(self, profile: SchoolProfile):
        self.profile = profile
        self.zone = ZoneInfo(profile.timezone)
        self.last_term_end = max(term.end for term in profile.terms)

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

    def next_opening(self, moment: dt.datetime) -> dt.datetime | None:
        """When someone will next read the chat (the moment itself if open now); None when
        that is past the profile's last term date, so not known."""
        local = self.local(moment)
        if self.is_open(local):
            return local
        day = local.date()
        if self.is_school_day(day) and local.time() < self.profile.opens:
            return dt.datetime.combine(day, self.profile.opens, tzinfo=self.zone)
        day = self.school_days_after(day, 1)
        if self.beyond_calendar(day):
            return None
        return dt.datetime.combine(day, self.profile.opens, tzinfo=self.zone)

    def beyond_calendar(self, day: dt.date) -> bool:
        """Is this day past the profile's last term date (so counted in weekdays, an estimate)?"""
        return day > self.last_term_end

    def ends_soon(self, today: dt.date) -> bool:
        """Is the profile's last term date within six weeks, or past? Time to add next year's."""
        return today >= self.last_term_end - CALENDAR_WARNING

    def school_days_after(self, day: dt.date, count: int) -> dt.date:
        """The date `count` school days after `day` (the day itself never counts). Past the
        last term date, weekdays that are not closures count instead (see beyond_calendar)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        found = 0
        current = day
        while found < count:
            current += dt.timedelta(days=1)
            if self._counts(current):
                found += 1
        return current

    def _counts(self, day: dt.date) -> bool:
        """A school day, or past the calendar, a weekday that is not a closure (an estimate)."""
        if self.beyond_calendar(day):
            return day.weekday() < 5 and day not in self.profile.closures
        return self.is_school_day(day)

    def school_days_between(self, start: dt.date, end: dt.date) -> int:
        """School days after `start` up to and including `end` (negative if end is before)."""
        if end < start:
            return -self.school_days_between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self._counts(start + dt.timedelta(days=n)))


def describe_day(day: dt.date, today: dt.date) -> str:
    """'tomorrow', 'Monday 30 November' – how a parent would want a date written."""
    if day == today:
        return "today"
    if day == today + dt.timedelta(days=1):
        return "tomorrow"
    return f"{day:%A} {day.day} {day:%B}"
