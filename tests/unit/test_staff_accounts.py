"""Signing in, on a real database (SQLite, then PostgreSQL): growing delays that never lock an
account for ever, browsers known to an account, one-time codes that work once, and the
profile as it is now (concerns/staff.py, concerns/profile.py)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os

import pyotp
import pytest

from concerns.profile import CurrentProfile
from concerns.staff import (FIRST_DELAY, KNOWN_BROWSER_LIFETIME, MAX_DELAY, TOTP_STEP_SECONDS, SecondFactorNeeded,
                            SignInThrottled, StaffStore, sign_in_delay)
from tests.conftest import PROFILE_PATH

PASSWORD = "a long staff password 42"
DSL, TEACHER = "dsl@oakleycross.example.org", "l.kerr@oakleycross.example.org"
T0 = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def people(store, profile):
    people = StaffStore(store)
    for email in (DSL, TEACHER):
        member = people.member(profile, email)
        people.add(member.email, member.name, member.role, PASSWORD)
    return people


def code_at(secret: str, at: dt.datetime, steps_later: int = 0) -> str:
    return pyotp.TOTP(secret).at(at + dt.timedelta(seconds=TOTP_STEP_SECONDS * steps_later))


def test_the_delay_doubles_after_the_free_failures_up_to_fifteen_minutes():
    assert [sign_in_delay(n, 5) for n in range(5)] == [dt.timedelta(0)] * 5
    assert [sign_in_delay(n, 5).total_seconds() for n in range(5, 12)] == [30, 60, 120, 240, 480, 900, 900]
    assert sign_in_delay(10_000, 5) == MAX_DELAY


def test_a_strangers_failures_slow_the_account_down_but_never_lock_it(people, profile):
    now = T0
    for _ in range(5):
        assert people.sign_in(TEACHER, "wrong", "", "203.0.113.1", profile, now=now) is None
    with pytest.raises(SignInThrottled) as first:
        people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=now)
    assert first.value.retry_after == FIRST_DELAY
    waits = []
    for _ in range(8):  # the stranger tries again each time the delay is over
        with pytest.raises(SignInThrottled) as throttled:
            people.sign_in(TEACHER, "wrong", "", "203.0.113.1", profile, now=now)
        waits.append(throttled.value.retry_after.total_seconds())
        now += throttled.value.retry_after
        assert people.sign_in(TEACHER, "wrong", "", f"203.0.113.{len(waits) + 1}", profile, now=now) is None
    assert waits == [30, 60, 120, 240, 480, 900, 900, 900]
    # However long it goes on, the owner waits at most 15 minutes after the latest failure.
    signed_in = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=now + MAX_DELAY)
    assert signed_in is not None and signed_in.session.staff.role == "class_teacher"
    # A success forgets the account's failures.
    assert people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=now + MAX_DELAY) is not None


def test_a_browser_that_signed_in_before_is_judged_on_its_own_failures(people, profile):
    first = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0)
    assert first.device_token
    for n in range(5):
        assert people.sign_in(TEACHER, "wrong", "", f"203.0.113.{n}", profile,
                              now=T0 + dt.timedelta(minutes=1)) is None
    later = T0 + dt.timedelta(minutes=1, seconds=10)  # within the 30 s after the fifth failure
    with pytest.raises(SignInThrottled):
        people.sign_in(TEACHER, PASSWORD, "", "198.51.100.9", profile, now=later)
    again = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.9", profile, device_token=first.device_token, now=later)
    assert again is not None and again.device_token is None  # already known: no new cookie
    # A stolen browser token alone is still slowed by its own failures.
    for _ in range(5):
        assert people.sign_in(TEACHER, "wrong", "", "198.51.100.9", profile, device_token=first.device_token,
                              now=later) is None
    with pytest.raises(SignInThrottled):
        people.sign_in(TEACHER, PASSWORD, "", "198.51.100.9", profile, device_token=first.device_token, now=later)


def test_the_wait_is_known_before_the_password_is_checked(people, profile):
    """What the console asks before a sign-in queues for a password check: the same delays."""
    device = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0).device_token
    for n in range(20):  # one address, many accounts
        assert people.sign_in(f"guess{n}@example.org", "wrong", "", "203.0.113.66", profile, now=T0) is None
    assert people.wait_before_check("anyone@example.org", "203.0.113.66", now=T0) == FIRST_DELAY
    assert people.wait_before_check(TEACHER, "198.51.100.2", now=T0) == dt.timedelta(0)
    # A browser the account knows is judged on its own failures, even from the busy address.
    assert people.wait_before_check(TEACHER, "203.0.113.66", device_token=device, now=T0) == dt.timedelta(0)
    assert people.wait_before_check("anyone@example.org", "203.0.113.66", now=T0 + FIRST_DELAY) == dt.timedelta(0)


def test_only_a_browser_the_account_knows_is_told_apart_whether_or_not_the_account_exists(people, profile):
    """The console keeps a place on the argon2 threads for browsers an account knows (issue 12,
    item 4). Which lane a sign-in takes must not tell a stranger which addresses have accounts:
    without that account's cookie, a real account and a made-up one are treated alike."""
    device = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0).device_token
    assert people.before_check(TEACHER, "198.51.100.2", device, now=T0) == (dt.timedelta(0), True)
    assert people.before_check(" L.Kerr@OakleyCross.example.org ", "198.51.100.2", device, now=T0)[1] is True
    for email, cookie in ((TEACHER, None), (TEACHER, "made-up"), (DSL, device),
                          ("nobody@example.org", None), ("nobody@example.org", "made-up"),
                          ("nobody@example.org", device)):
        assert people.before_check(email, "198.51.100.2", cookie, now=T0) == (dt.timedelta(0), False), (email, cookie)
    people.disable(TEACHER, "test")
    assert people.before_check(TEACHER, "198.51.100.2", device, now=T0)[1] is False



def known_browsers(people: StaffStore) -> int:
    from sqlalchemy import func, select

    from concerns.tables import known_devices
    with people.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(known_devices)).scalar()


def test_a_known_browser_is_known_for_its_lifetime_then_refused_and_deleted(people, profile):
    """A browser stays known for KNOWN_BROWSER_LIFETIME (90 days) after the sign-in that made
    it known. After that its cookie counts for nothing, the row goes at the next sign-in, and
    signing in from it again makes it known anew with a new cookie."""
    device = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0).device_token
    assert people.before_check(TEACHER, "198.51.100.2", device, now=T0 + dt.timedelta(days=89))[1] is True
    expired = T0 + KNOWN_BROWSER_LIFETIME
    assert people.before_check(TEACHER, "198.51.100.2", device, now=expired)[1] is False
    # The expired browser's failures count against the account, as a stranger's do.
    assert people.sign_in(TEACHER, "wrong", "", "198.51.100.2", profile, device_token=device, now=expired) is None
    assert known_browsers(people) == 0  # purged with the failures no longer remembered
    again = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.2", profile, device_token=device, now=expired)
    assert again is not None and again.device_token not in (None, device)
    assert people.before_check(TEACHER, "198.51.100.2", again.device_token, now=expired)[1] is True
    assert known_browsers(people) == 1


def test_the_lifetime_of_a_known_browser_is_a_setting(store, profile, monkeypatch):
    from concerns.settings import Settings

    monkeypatch.delenv("CONSOLE_KNOWN_BROWSER_DAYS", raising=False)
    assert Settings().known_browser_days == 90 == KNOWN_BROWSER_LIFETIME.days
    monkeypatch.setenv("CONSOLE_KNOWN_BROWSER_DAYS", "7")
    assert Settings().known_browser_days == 7
    people = StaffStore(store, known_browser_lifetime=dt.timedelta(days=7))
    member = people.member(profile, TEACHER)
    people.add(member.email, member.name, member.role, PASSWORD)
    device = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0).device_token
    assert people.before_check(TEACHER, "198.51.100.2", device, now=T0 + dt.timedelta(days=6))[1] is True
    assert people.before_check(TEACHER, "198.51.100.2", device, now=T0 + dt.timedelta(days=7))[1] is False


@pytest.mark.parametrize("stop", ["disable", "sign out everywhere"])
def test_disabling_an_account_or_signing_it_out_everywhere_forgets_its_browsers(people, profile, stop):
    """A lost laptop: after `staff sign-out` (or `staff disable`) its cookie no longer gets the
    kept place in a sign-in flood, nor its own failures' count."""
    device = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile, now=T0).device_token
    dsl_device = people.sign_in(DSL, PASSWORD, code_at(people.enable_totp(DSL), T0), "198.51.100.1", profile,
                                now=T0).device_token
    assert known_browsers(people) == 2
    if stop == "disable":
        people.disable(TEACHER, "test")
    else:
        people.revoke_sessions(TEACHER, "test")
    assert people.before_check(TEACHER, "198.51.100.2", device, now=T0)[1] is False
    assert known_browsers(people) == 1  # the DSL's browser is still known to her
    assert people.before_check(DSL, "198.51.100.2", dsl_device, now=T0)[1] is True

def test_roles_that_see_safeguarding_sign_in_with_a_code(people, profile):
    with pytest.raises(SecondFactorNeeded):
        people.sign_in(DSL, PASSWORD, "", "198.51.100.1", profile, now=T0)
    secret = people.enable_totp(DSL)
    assert people.sign_in(DSL, PASSWORD, "", "198.51.100.1", profile, now=T0) is None
    assert people.sign_in(DSL, "wrong", code_at(secret, T0), "198.51.100.1", profile, now=T0) is None
    signed_in = people.sign_in(DSL, PASSWORD, code_at(secret, T0), "198.51.100.1", profile, now=T0)
    assert signed_in is not None and signed_in.session.staff.role == "dsl"


@pytest.mark.parametrize("role", ["dsl", "deputy_dsl", "headteacher", "chair_of_governors"])
def test_every_role_that_sees_safeguarding_needs_a_code_and_an_office_role_does_not(store, profile, role):
    """Each role the issue names (issue 12, item 3), by the account holding it in the profile:
    without a code set up it is refused; with one, the password alone is not enough."""
    people = StaffStore(store)
    member = next(m for m in profile.staff if m.role == role)
    people.add(member.email, member.name, member.role, PASSWORD)
    with pytest.raises(SecondFactorNeeded):
        people.sign_in(member.email, PASSWORD, "", "198.51.100.1", profile, now=T0)
    secret = people.enable_totp(member.email)
    assert people.sign_in(member.email, PASSWORD, "", "198.51.100.1", profile, now=T0) is None
    assert people.sign_in(member.email, PASSWORD, code_at(secret, T0), "198.51.100.1", profile, now=T0) is not None
    office = next(m for m in profile.staff if m.role == "office")
    people.add(office.email, office.name, office.role, PASSWORD)
    assert people.sign_in(office.email, PASSWORD, "", "198.51.100.1", profile, now=T0) is not None


def test_a_code_works_once_and_never_an_earlier_one_after_it(people, profile):
    secret = people.enable_totp(DSL)
    assert people.sign_in(DSL, PASSWORD, code_at(secret, T0), "198.51.100.1", profile, now=T0) is not None
    assert people.sign_in(DSL, PASSWORD, code_at(secret, T0), "198.51.100.1", profile, now=T0) is None
    # The next step's code (a phone's clock a little ahead) is accepted once...
    assert people.sign_in(DSL, PASSWORD, code_at(secret, T0, 1), "198.51.100.1", profile, now=T0) is not None
    # ...and from then on, the step before it is not, though it is still within the clock's leeway.
    later = T0 + dt.timedelta(seconds=TOTP_STEP_SECONDS)
    assert people.sign_in(DSL, PASSWORD, code_at(secret, T0), "198.51.100.1", profile, now=later) is None
    assert people.sign_in(DSL, PASSWORD, code_at(secret, T0, 3), "198.51.100.1", profile, now=later) is None


def test_a_session_without_a_code_ends_when_the_role_comes_to_need_one(people, profile):
    teacher = people.sign_in(TEACHER, PASSWORD, "", "198.51.100.1", profile)
    assert people.session(teacher.token, profile).staff.role == "class_teacher"
    promoted = dataclasses.replace(profile, staff=tuple(
        dataclasses.replace(m, role="deputy_dsl") if m.email == TEACHER else m for m in profile.staff))
    assert people.session(teacher.token, promoted) is None
    assert people.session(teacher.token, profile) is not None  # not revoked: signing in with a code is enough


def test_the_current_profile_is_read_again_when_its_file_changes(tmp_path, caplog):
    path = tmp_path / "school.yml"
    original = PROFILE_PATH.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    current = CurrentProfile(path)
    assert current().person("dsl").name == "Mrs Sarah Whitfield"
    staged = tmp_path / "staged.yml"
    staged.write_text(original.replace("Mrs Sarah Whitfield", "Mrs Sarah Whitfield-Jones"), encoding="utf-8")
    os.replace(staged, path)
    assert current().person("dsl").name == "Mrs Sarah Whitfield-Jones"
    # A change that cannot be used leaves the last good profile in force, and says why.
    staged.write_text("staff: [\n", encoding="utf-8")
    os.replace(staged, path)
    assert current().person("dsl").name == "Mrs Sarah Whitfield-Jones"
    assert "cannot be used" in caplog.text
