"""School days come from the profile's terms, weekends and closures."""
import datetime as dt
from zoneinfo import ZoneInfo

from concerns.calendar import SchoolCalendar
from concerns import wording

LONDON = ZoneInfo("Europe/London")


def test_weekends_holidays_and_closures_are_not_school_days(profile):
    calendar = SchoolCalendar(profile)
    assert calendar.is_school_day(dt.date(2026, 11, 25))          # a Wednesday in term
    assert not calendar.is_school_day(dt.date(2026, 11, 28))      # Saturday
    assert not calendar.is_school_day(dt.date(2026, 10, 28))      # half term
    assert not calendar.is_school_day(dt.date(2027, 1, 4))        # INSET day
    assert not calendar.is_school_day(dt.date(2026, 12, 25))      # Christmas holiday


def test_due_dates_count_school_days_only(profile):
    calendar = SchoolCalendar(profile)
    # Filed Friday 18 Dec 2026, the last day of term: the Christmas holiday and the
    # INSET day don't count, so 5 school days lands on Mon 11 Jan 2027.
    assert calendar.school_days_after(dt.date(2026, 12, 18), 5) == dt.date(2027, 1, 11)
    # Wednesday 25 Nov + 5 school days = Wednesday 2 Dec; + 10 = Wednesday 9 Dec.
    assert calendar.school_days_after(dt.date(2026, 11, 25), 5) == dt.date(2026, 12, 2)
    assert calendar.school_days_after(dt.date(2026, 11, 25), 10) == dt.date(2026, 12, 9)
    assert calendar.school_days_between(dt.date(2026, 11, 25), dt.date(2026, 12, 2)) == 5


def test_the_chat_is_read_in_school_hours_only(profile):
    calendar = SchoolCalendar(profile)
    assert calendar.is_open(dt.datetime(2026, 11, 25, 10, 0, tzinfo=LONDON))
    assert not calendar.is_open(dt.datetime(2026, 11, 25, 19, 0, tzinfo=LONDON))
    assert not calendar.is_open(dt.datetime(2026, 11, 28, 10, 0, tzinfo=LONDON))


def test_out_of_hours_says_when_it_will_be_read(profile):
    calendar = SchoolCalendar(profile)
    friday_evening = dt.datetime(2026, 11, 27, 18, 30, tzinfo=LONDON)
    assert calendar.next_opening(friday_evening) == dt.datetime(2026, 11, 30, 8, 30, tzinfo=LONDON)
    text = wording.out_of_hours(friday_evening, calendar)
    assert "nobody is reading this chat right now" in text
    assert "08:30 Monday 30 November" in text
    early = dt.datetime(2026, 11, 25, 7, 0, tzinfo=LONDON)
    assert "08:30 today" in wording.out_of_hours(early, calendar)
    last_day = dt.datetime(2026, 12, 18, 17, 0, tzinfo=LONDON)
    assert calendar.next_opening(last_day).date() == dt.date(2027, 1, 5)
