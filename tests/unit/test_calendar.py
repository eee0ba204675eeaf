"""School days come from the profile's terms, weekends and closures."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

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


# -- past the profile's last term date (21 July 2027 in the tests' profile) ----------------
def test_due_dates_past_the_last_term_are_weekday_estimates(profile):
    calendar = SchoolCalendar(profile)
    assert calendar.last_term_end == dt.date(2027, 7, 21)
    # Thursday 8 July 2027: 10 school days would run past 21 July. The days to 21 July count
    # (9 July ... 21 July: 9 school days), then the next weekday, 23 July (22 July is an INSET
    # day in the profile and still doesn't count).
    assert calendar.school_days_after(dt.date(2027, 7, 8), 10) == dt.date(2027, 7, 23)
    assert calendar.beyond_calendar(dt.date(2027, 7, 23)) and not calendar.beyond_calendar(dt.date(2027, 7, 21))
    for start in (dt.date(2027, 7, 16), dt.date(2027, 7, 23), dt.date(2028, 3, 1)):
        due = calendar.school_days_after(start, 10)
        assert due.weekday() < 5 and 10 <= (due - start).days <= 17  # two weekends, and the INSET day
    assert calendar.school_days_between(dt.date(2027, 7, 23), dt.date(2027, 7, 30)) == 5


def test_out_of_hours_past_the_calendar_does_not_invent_a_reopening(profile):
    calendar = SchoolCalendar(profile)
    holiday = dt.datetime(2027, 8, 3, 11, 0, tzinfo=LONDON)
    assert calendar.next_opening(holiday) is None and not calendar.is_open(holiday)
    text = wording.out_of_hours(holiday, calendar)
    assert "when the school reopens" in text and "call 999" in text


def test_the_end_of_the_calendar_is_flagged_from_six_weeks_before(profile):
    calendar = SchoolCalendar(profile)
    assert not calendar.ends_soon(dt.date(2027, 6, 8))
    assert calendar.ends_soon(dt.date(2027, 6, 9)) and calendar.ends_soon(dt.date(2027, 9, 1))


@pytest.mark.parametrize("moment", ["2027-07-08T10:00:00", "2027-07-16T10:00:00", "2027-07-23T10:00:00",
                                    "2027-12-01T19:00:00"])
def test_filing_and_alerts_go_on_when_the_calendar_runs_out(moment, tmp_path, monkeypatch):
    """The clock moved past the end of the year: a safeguarding alert and a complaint are
    both filed, with the emails queued; the complaint's dates are marked as estimates."""
    from concerns.service import Core, Intake
    from concerns.settings import Settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    monkeypatch.setenv("CONCERNS_NOW", moment)
    core = Core(Settings())
    alert = core.file(Intake(matter="safeguarding_child", channel="web", sender_id="late-1",
                             account="her dad hits her"))
    complaint = core.file(Intake(matter="complain_school", channel="web", sender_id="late-2",
                                 account="letters always come home late", parent_name="Kim", contact="07700 900123"))
    assert (alert["category"], alert["routed_to"]) == ("safeguarding", "dsl")
    assert complaint["due_estimated"] is True
    assert dt.date.fromisoformat(complaint["respond_by"]) > dt.date.fromisoformat(moment[:10])
    assert core.store.pending_count() == 3  # the DSL and the deputy, and the Headteacher
    wording.out_of_hours(core.now(), core.calendar)  # never raises, whatever the date


def test_a_case_inside_the_calendar_is_not_an_estimate(tmp_path, monkeypatch):
    from concerns.service import Core, Intake
    from concerns.settings import Settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    monkeypatch.setenv("CONCERNS_NOW", "2026-11-25T10:00:00")
    record = Core(Settings()).file(Intake(matter="complain_school", channel="web", sender_id="s", account="x"))
    assert record["due_estimated"] is False and record["respond_by"] == "2026-12-09"
