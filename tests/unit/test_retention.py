"""Retention periods in the school profile, and the rules that decide what a purge deletes."""
import datetime as dt

import pytest

from concerns.privacy import CaseFacts, HandoffFacts, plan_purge, tracker_url_from_environment
from concerns.profile import ProfileError, Retention, RetentionPeriod, load_profile
from concerns.settings import PROJECT_ROOT
from tests.conftest import PROFILE_PATH

UTC = dt.timezone.utc
NOW = dt.datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
RULES = Retention(
    cases={"safeguarding": RetentionPeriod(25, "years"), "complaint": RetentionPeriod(6, "years"),
           "bullying": RetentionPeriod(6, "years"), "cyberbullying": RetentionPeriod(6, "years"),
           "social_media": RetentionPeriod(6, "years"), "concern": RetentionPeriod(2, "years"),
           "handoff": RetentionPeriod(90, "days")},
    conversations=RetentionPeriod(90, "days"))


# -- the profile ---------------------------------------------------------------------------
def test_the_oakley_cross_profile_keeps_safeguarding_longest_and_routine_chats_briefly(profile):
    periods = profile.retention.cases
    assert str(periods["safeguarding"]) == "25 years"
    assert str(periods["complaint"]) == "6 years"
    assert str(periods["handoff"]) == "90 days"
    assert str(profile.retention.conversations) == "90 days"
    longest = max(periods.values(), key=lambda p: p.after(dt.date(2026, 1, 1)))
    assert longest == periods["safeguarding"]


def _load_with(tmp_path, old, new):
    """The real profile with one edit; returns the load error and the edited line's number."""
    text = PROFILE_PATH.read_text()
    assert old in text, old
    path = tmp_path / "school.yml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    return str(raised.value), text[: text.index(old)].count("\n") + 1


def _line_of(fragment):
    text = PROFILE_PATH.read_text()
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    ("    complaint: 6 years", "    complaint: -6 years", "retention period for 'complaint' cases cannot be negative"),
    ("    concern: 2 years", "    concern: 0 days", "must be at least 1 day"),
    ("    handoff: 90 days", "    handoff: 3 months", "must be a number of years or days"),
    ("    handoff: 90 days", "    handoff:", "must be a number of years or days"),
    ("    bullying: 6 years", "    bulying: 6 years", "unknown case category 'bulying'"),
    ("  conversations: 90 days", "  conversations: ninety days", "conversations without a case"),
])
def test_a_bad_retention_period_names_its_own_line(tmp_path, old, new, message):
    error, line = _load_with(tmp_path, old, new)
    assert message in error
    assert error.startswith(f"{tmp_path / 'school.yml'}:{line}: "), error


def test_a_category_without_a_period_is_named_at_the_cases_line(tmp_path):
    error, _ = _load_with(tmp_path, "    concern: 2 years\n", "")
    assert "no retention period for 'concern' cases" in error
    assert error.startswith(f"{tmp_path / 'school.yml'}:{_line_of('  cases:')}: "), error


def test_a_profile_without_retention_says_so(tmp_path):
    text = PROFILE_PATH.read_text()
    path = tmp_path / "school.yml"
    path.write_text(text[: text.index("retention:")])
    with pytest.raises(ProfileError, match="missing 'retention'"):
        load_profile(path)


def test_periods_count_whole_years_and_days():
    assert RetentionPeriod(6, "years").after(dt.date(2026, 3, 1)) == dt.date(2032, 3, 1)
    # A year after 29 February is 28 February, never an error.
    assert RetentionPeriod(1, "years").after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert RetentionPeriod(90, "days").after(dt.datetime(2026, 1, 1, 9, tzinfo=UTC)) == \
        dt.datetime(2026, 4, 1, 9, tzinfo=UTC)
    assert str(RetentionPeriod(1, "years")) == "1 year"


# -- the purge rules -----------------------------------------------------------------------
def _case(id, category, status="closed", closed=None, sender=None):
    return CaseFacts(id=id, reference=f"OC-2026-{id:04d}", category=category, status=status,
                     sender_id=sender or f"sender-{id}", closed_at=closed if status == "closed" else None)


def _years_ago(years, days=0):
    return NOW.replace(year=NOW.year - years) - dt.timedelta(days=days)


def test_only_closed_cases_past_their_period_expire():
    cases = [
        _case(1, "complaint", closed=_years_ago(6, days=1)),         # 6 years and a day: expired
        _case(2, "complaint", closed=_years_ago(5)),                 # within 6 years: kept
        _case(3, "safeguarding", closed=_years_ago(24)),             # within 25 years: kept
        _case(4, "safeguarding", closed=_years_ago(25)),             # exactly 25 years: expired
        _case(5, "complaint", status="in_progress"),                 # open: never
        _case(6, "complaint", status="resolved", closed=None),       # resolved is not closed
        _case(7, "handoff", closed=NOW - dt.timedelta(days=91)),     # routine: 90 days
        _case(8, "handoff", closed=NOW - dt.timedelta(days=89)),
        _case(9, "retired_category", closed=_years_ago(40)),         # the profile no longer knows it
    ]
    plan = plan_purge(cases, {}, [], RULES, NOW)
    assert [e.case.id for e in plan.cases] == [1, 4, 7]
    assert plan.kept == {"open_cases": 2, "closed_cases_within_retention": 3,
                         "closed_cases_of_a_category_with_no_period": 1, "conversations": 0}
    first = plan.cases[0].describe()
    assert first["reference"] == "OC-2026-0001" and first["category"] == "complaint"
    assert first["closed_at"] == _years_ago(6, days=1).isoformat()
    assert first["expired_at"] == (_years_ago(6, days=1).replace(year=NOW.year)).isoformat()
    assert "6 years after closing" in first["reason"]


def test_a_conversation_goes_only_when_no_kept_case_needs_it_and_it_is_quiet():
    old = NOW - dt.timedelta(days=400)
    cases = [
        _case(1, "complaint", closed=_years_ago(7), sender="all-expired"),
        _case(2, "complaint", closed=_years_ago(7), sender="mixed"),
        _case(3, "bullying", status="new", sender="mixed"),
        _case(4, "concern", status="acknowledged", sender="open-case"),
        _case(5, "safeguarding", closed=_years_ago(1), sender="kept-closed"),
        _case(6, "complaint", closed=_years_ago(7), sender="expired-but-chatting"),
    ]
    last_activity = {
        "all-expired": old, "mixed": old, "open-case": old, "kept-closed": old,
        "expired-but-chatting": NOW - dt.timedelta(days=3),
        "no-case-quiet": NOW - dt.timedelta(days=91),
        "no-case-recent": NOW - dt.timedelta(days=89),
    }
    plan = plan_purge(cases, last_activity, [], RULES, NOW)
    assert {c.sender_id: c.had_expired_cases for c in plan.conversations} == {
        "all-expired": True, "no-case-quiet": False}
    assert plan.kept["conversations"] == 5
    assert "it has no case" in [c for c in plan.conversations if c.sender_id == "no-case-quiet"][0].describe()["reason"]


def test_an_open_hand_off_keeps_its_conversation_and_closed_ones_go_with_their_case():
    old = NOW - dt.timedelta(days=400)
    cases = [_case(1, "handoff", closed=NOW - dt.timedelta(days=100), sender="kept-sender"),
             _case(2, "safeguarding", closed=_years_ago(1), sender="kept-sender")]
    handoffs = [
        HandoffFacts("waiting-long", None, "waiting", old),
        HandoffFacts("closed-long", None, "closed", old),
        HandoffFacts("closed-recent", None, "closed", NOW - dt.timedelta(days=5)),
        # Closed, about an expired case, but its parent has a kept case: the row goes, the chat stays.
        HandoffFacts("kept-sender", "OC-2026-0001", "closed", old),
    ]
    last_activity = {"waiting-long": old, "closed-long": old, "closed-recent": old, "kept-sender": old}
    plan = plan_purge(cases, last_activity, handoffs, RULES, NOW)
    assert [c.sender_id for c in plan.conversations] == ["closed-long"]
    assert plan.handoff_senders == ["closed-long", "kept-sender"]
    assert plan.forgotten_senders == ["closed-long"]
    assert [e.case.id for e in plan.cases] == [1]


def test_with_no_tracker_store_to_read_no_conversation_is_judged():
    handoffs = [HandoffFacts("closed-long", None, "closed", NOW - dt.timedelta(days=400)),
                HandoffFacts("expired-case", "OC-2026-0001", "closed", NOW - dt.timedelta(days=400))]
    plan = plan_purge([_case(1, "complaint", closed=_years_ago(7), sender="expired-case")], None, handoffs,
                      RULES, NOW)
    assert [e.case.id for e in plan.cases] == [1]
    assert plan.conversations == [] and plan.forgotten_senders == []
    assert plan.handoff_senders == ["expired-case"]


def test_nothing_expires_on_an_empty_store():
    plan = plan_purge([], {}, [], RULES, NOW)
    assert plan.cases == [] and plan.conversations == [] and plan.handoff_senders == []


# -- where the conversations are -------------------------------------------------------------
def test_the_tracker_store_is_found_where_the_rasa_server_keeps_it():
    assert tracker_url_from_environment({}) == f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
    assert tracker_url_from_environment({"TRACKER_DB": "var/t.db"}) == f"sqlite:///{PROJECT_ROOT / 'var' / 't.db'}"
    assert tracker_url_from_environment({"TRACKER_DB": "/data/t.db", "TRACKER_DIALECT": "sqlite"}) == \
        "sqlite:////data/t.db"
    url = tracker_url_from_environment({"TRACKER_DIALECT": "postgresql", "TRACKER_DB_HOST": "db.internal:6543",
                                        "TRACKER_DB": "rasa", "TRACKER_DB_USER": "rasa",
                                        "TRACKER_DB_PASSWORD": "secret"})
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql", "db.internal", 6543, "rasa", "rasa", "secret")
    assert tracker_url_from_environment({"TRACKER_DB_HOST": "postgresql://u@h/db"}) == "postgresql://u@h/db"


def test_conversations_are_named_in_the_audit_trail_as_the_console_names_them():
    # Purge and erasure blank these names; if the console named them differently they would stay.
    from concerns.privacy import audited_sender
    from console.app import _short

    for sender_id in ("7302194857301946", "web-2f9c1d3e8a7b4c5d.sig", "me"):
        assert audited_sender(sender_id) == _short(sender_id)
