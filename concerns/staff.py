"""Staff accounts, sign-in sessions, throttling, API tokens, notes and hand-offs.

Passwords are hashed with argon2id (memory-hard); session, API and device tokens are stored
only as SHA-256 hashes, so a copy of the database lets nobody sign in. An account's name and
role come from the school profile as it is now, at every request: a role change or a leaver
takes effect at once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select, update

from concerns.access import StaffIdentity
from concerns.profile import ROLES, SchoolProfile, StaffMember
from concerns.store import CaseStore, _aware, utcnow
from concerns.tables import (api_tokens, audit, browser_links, cases, handoffs, known_devices, notes,
                             sign_in_failures, staff, staff_sessions)

SESSION_LIFETIME = dt.timedelta(hours=8)
API_TOKEN_LIFETIME = dt.timedelta(days=90)
# How long a browser stays known to an account after the sign-in that made it known
# (CONSOLE_KNOWN_BROWSER_DAYS, concerns/settings.py); expired ones are refused and deleted.
KNOWN_BROWSER_LIFETIME = dt.timedelta(days=90)
# Roles that see safeguarding cases sign in with a one-time code as well as a password.
# The Clerk to the Governors holds an allegation about both the Headteacher and the Chair.
SECOND_FACTOR_ROLES = ("dsl", "deputy_dsl", "headteacher", "chair_of_governors", "clerk_to_governors")
TOTP_STEP_SECONDS = 30
# Failed sign-ins are remembered this long; a success forgets the account's (and the browser's).
FAILURE_MEMORY = dt.timedelta(hours=24)
# Failures allowed before each try must wait. Higher per address: a school's staff may share
# one public address behind its router.
FREE_FAILURES = {"account": 5, "client": 20, "device": 5}
FIRST_DELAY = dt.timedelta(seconds=30)
# The longest anyone waits after a failure, however many there were: growing delays, never a lock.
MAX_DELAY = dt.timedelta(minutes=15)
_hasher = PasswordHasher()
# Verifying against this when the email is unknown takes as long as a real check, so the
# time taken does not reveal which addresses have accounts.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def token_digest(token: str) -> str:
    """How a session, API, device or sign-in link token is kept: its SHA-256, never itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def needs_second_factor(role: str) -> bool:
    return role in SECOND_FACTOR_ROLES


def sign_in_delay(failures: int, free: int) -> dt.timedelta:
    """How long after the latest failure the next try must wait: nothing for the first `free`
    failures, then 30 seconds, doubling with each failure to at most 15 minutes."""
    if failures < free:
        return dt.timedelta(0)
    return min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - free, 16))


def browser_expired(now: dt.datetime, lifetime: dt.timedelta = KNOWN_BROWSER_LIFETIME):
    """SQL: a known browser's row whose time is up (`lifetime` after the sign-in that made it known)."""
    return known_devices.c.created_at <= now - lifetime


def forget_expired_browsers(connection, now: dt.datetime, lifetime: dt.timedelta = KNOWN_BROWSER_LIFETIME) -> int:
    """Delete the browsers no longer known to their accounts; returns how many. At every
    sign-in, and by the retention purge (concerns/privacy.py), so a console nobody signs in to
    keeps none past their time."""
    return connection.execute(delete(known_devices).where(browser_expired(now, lifetime))).rowcount


@dataclass(frozen=True)
class Session:
    staff: StaffIdentity
    staff_id: int
    csrf_token: str


@dataclass(frozen=True)
class SignedIn:
    token: str
    session: Session
    # A new cookie value for a browser not yet known to this account, or None.
    device_token: str | None


class SignInThrottled(Exception):
    """Too many failed sign-ins for this account, browser or address; try again later."""

    def __init__(self, retry_after: dt.timedelta):
        super().__init__(f"try again in {int(retry_after.total_seconds())} s")
        self.retry_after = retry_after


class SecondFactorNeeded(Exception):
    """The password was right, but this role signs in with one-time codes and none are set up."""


class StaffStore:
    def __init__(self, store: CaseStore, known_browser_lifetime: dt.timedelta = KNOWN_BROWSER_LIFETIME):
        self.store = store
        self.engine = store.engine
        self.known_browser_lifetime = known_browser_lifetime

    # -- accounts -----------------------------------------------------------------
    def add(self, email: str, name: str, role: str, password: str) -> int:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        if len(password) < 12:
            raise ValueError("the password must be at least 12 characters")
        with self.engine.begin() as connection:
            return connection.execute(staff.insert().values(
                email=email.strip().lower(), name=name.strip(), role=role, password_hash=_hasher.hash(password),
                active=1, created_at=utcnow())).inserted_primary_key[0]

    def enable_totp(self, email: str) -> str:
        """Turn on one-time codes for an account; returns the secret to put in an app."""
        secret = pyotp.random_base32()
        with self.engine.begin() as connection:
            result = connection.execute(update(staff).where(staff.c.email == email.lower()).values(
                totp_secret=secret, totp_last_step=None))
        if result.rowcount != 1:
            raise ValueError(f"no staff account {email}")
        return secret

    def _account(self, connection, email: str):
        row = connection.execute(select(staff).where(staff.c.email == email.strip().lower())).first()
        if row is None:
            raise ValueError(f"no staff account {email}")
        return row

    def disable(self, email: str, actor: str) -> None:
        """The account can no longer sign in, its sessions end at once, its API tokens stop
        and no browser is known to it any more."""
        with self.engine.begin() as connection:
            row = self._account(connection, email)
            connection.execute(update(staff).where(staff.c.id == row.id).values(active=0))
            ended = self._end_sessions(connection, row.id)
            self._forget_browsers(connection, row.id)
            connection.execute(audit.insert().values(case_id=None, at=utcnow(), actor=actor, action="account_disabled",
                                                     detail=f"{row.email}; {ended} sessions ended"))

    def revoke_sessions(self, email: str, actor: str, reason: str = "") -> int:
        """Sign this person out everywhere (a lost laptop): every session ends and no browser
        is known to the account any more, so the lost one's cookie counts for nothing. Returns
        how many sessions ended."""
        with self.engine.begin() as connection:
            row = self._account(connection, email)
            ended = self._end_sessions(connection, row.id)
            self._forget_browsers(connection, row.id)
            connection.execute(audit.insert().values(case_id=None, at=utcnow(), actor=actor, action="sessions_revoked",
                                                     detail=f"{row.email}; {ended} sessions ended" + (f"; {reason}" if reason else "")))
        return ended

    @staticmethod
    def _end_sessions(connection, staff_id: int) -> int:
        return connection.execute(delete(staff_sessions).where(staff_sessions.c.staff_id == staff_id)).rowcount

    @staticmethod
    def _forget_browsers(connection, staff_id: int) -> int:
        """No browser is known to the account any more, and no emailed link can make one known."""
        connection.execute(delete(browser_links).where(browser_links.c.staff_id == staff_id))
        return connection.execute(delete(known_devices).where(known_devices.c.staff_id == staff_id)).rowcount

    def _forget_stale(self, connection, now: dt.datetime) -> None:
        """Delete failed sign-ins no longer remembered and browsers no longer known."""
        connection.execute(delete(sign_in_failures).where(sign_in_failures.c.at < now - FAILURE_MEMORY))
        forget_expired_browsers(connection, now, self.known_browser_lifetime)

    @staticmethod
    def member(profile: SchoolProfile, email: str) -> StaffMember | None:
        """This person as the school profile says now, or None if they are not in it."""
        return next((m for m in profile.staff if m.email.lower() == email.lower()), None)

    def identity(self, staff_id: int, profile: SchoolProfile) -> StaffIdentity | None:
        """Who an account is now: its name and role from the current profile. None for a
        disabled account or one whose owner has left the profile."""
        with self.engine.connect() as connection:
            row = connection.execute(select(staff).where(staff.c.id == staff_id, staff.c.active == 1)).first()
        member = self.member(profile, row.email) if row else None
        return StaffIdentity(member.email.lower(), member.name, member.role) if member else None

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [{"email": r.email, "name": r.name, "role": r.role, "totp": bool(r.totp_secret),
                     "active": bool(r.active)}
                    for r in connection.execute(select(staff).order_by(staff.c.id))]

    # -- signing in ---------------------------------------------------------------
    def _wait(self, connection, key: str, free: int, now: dt.datetime) -> dt.timedelta:
        count, latest = connection.execute(select(func.count(), func.max(sign_in_failures.c.at)).where(
            sign_in_failures.c.key == key, sign_in_failures.c.at > now - FAILURE_MEMORY)).one()
        if not count:
            return dt.timedelta(0)
        return max(dt.timedelta(0), _aware(latest) + sign_in_delay(count, free) - now)

    def _known_device(self, connection, device_token: str | None, staff_id: int | None,
                      now: dt.datetime) -> str | None:
        """The throttling key of a browser that has signed in to this account before, within
        the known-browser lifetime."""
        if not device_token:
            return None
        # Looked up by the cookie alone, whether or not the account exists, so the work done
        # (and the time it takes) is the same for a made-up address as for a real one.
        known = connection.execute(select(known_devices.c.staff_id).where(
            known_devices.c.token_hash == token_digest(device_token),
            known_devices.c.created_at > now - self.known_browser_lifetime)).first()
        known_here = known is not None and staff_id is not None and known.staff_id == staff_id
        return f"device:{token_digest(device_token)}" if known_here else None

    @staticmethod
    def _accepted_step(secret: str, code: str, now: dt.datetime) -> int | None:
        """The time step whose code this is (the one before, now or the one after), or None."""
        totp, current = pyotp.TOTP(secret, interval=TOTP_STEP_SECONDS), int(now.timestamp()) // TOTP_STEP_SECONDS
        code = (code or "").strip()
        for step in (current - 1, current, current + 1):
            if secrets.compare_digest(totp.generate_otp(step), code):
                return step
        return None

    def _limits(self, connection, email: str, client: str, device_token: str | None, now: dt.datetime):
        """The account's row, the browser's throttling key if this account knows it, the
        throttling keys with their free failures, and how long this sign-in must wait."""
        row = connection.execute(select(staff).where(staff.c.email == email, staff.c.active == 1)).first()
        # A browser this account signed in from before is judged on its own failures: a
        # stranger failing at this account, or from a shared address, does not hold it up.
        device_key = self._known_device(connection, device_token, row.id if row else None, now)
        limits = {device_key: FREE_FAILURES["device"]} if device_key else {
            f"account:{email}": FREE_FAILURES["account"], f"client:{client}": FREE_FAILURES["client"]}
        return row, device_key, limits, max(self._wait(connection, key, free, now) for key, free in limits.items())

    def wait_before_check(self, email: str, client: str, device_token: str | None = None,
                          now: dt.datetime | None = None) -> dt.timedelta:
        """How long this sign-in must wait before its password may be checked, by the same
        growing delays as `sign_in` (account, address, or a browser the account knows): asked
        before a sign-in queues for the argon2 threads, so a throttled one never takes a place."""
        return self.before_check(email, client, device_token, now)[0]

    def before_check(self, email: str, client: str, device_token: str | None = None,
                     now: dt.datetime | None = None) -> tuple[dt.timedelta, bool]:
        """`wait_before_check`, and whether this browser's cookie is one the account knows (the
        console keeps a place on the argon2 threads for those: concerns/ratelimit.py,
        SignInPlaces). False for any cookie with an address that has no account."""
        with self.engine.connect() as connection:
            _, device_key, _, wait = self._limits(connection, (email or "").strip().lower(), client, device_token,
                                                  now or utcnow())
        return wait, device_key is not None

    def sign_in(self, email: str, password: str, code: str, client: str, profile: SchoolProfile,
                device_token: str | None = None, now: dt.datetime | None = None) -> SignedIn | None:
        """Check a sign-in; return the new session, or None. Only people in the current profile
        sign in, with their role from it; roles that see safeguarding need a one-time code, and
        each code works once. Raises SignInThrottled while failures for the account, the
        address or this browser make the next try wait, and SecondFactorNeeded when the password
        is right but the role needs codes that are not set up."""
        email = (email or "").strip().lower()
        now = now or utcnow()
        with self.engine.connect() as connection:
            row, device_key, limits, wait = self._limits(connection, email, client, device_token, now)
        member = self.member(profile, email) if row else None
        if wait > dt.timedelta(0):
            raise SignInThrottled(wait)
        try:
            ok = _hasher.verify(row.password_hash if row else _DUMMY_HASH, password or "") and member is not None
        except (VerificationError, InvalidHashError):
            ok = False
        step = None
        if ok and (row.totp_secret or needs_second_factor(member.role)):
            if not row.totp_secret:
                raise SecondFactorNeeded()
            step = self._accepted_step(row.totp_secret, code, now)
            ok = step is not None
        with self.engine.begin() as connection:
            if ok and step is not None:
                # Atomic: of two sign-ins with one code, only the first moves the step on.
                ok = connection.execute(update(staff).where(
                    staff.c.id == row.id, or_(staff.c.totp_last_step.is_(None), staff.c.totp_last_step < step))
                    .values(totp_last_step=step)).rowcount == 1
            if not ok:
                for key in limits:
                    connection.execute(sign_in_failures.insert().values(key=key, at=now))
                self._forget_stale(connection, now)
                return None
            self._forget_stale(connection, now)
            connection.execute(delete(sign_in_failures).where(sign_in_failures.c.key.in_(
                [f"account:{email}", *([device_key] if device_key else [])])))
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            connection.execute(staff_sessions.insert().values(
                token_hash=token_digest(token), staff_id=row.id, csrf_token=csrf, created_at=now,
                expires_at=now + SESSION_LIFETIME, second_factor=step is not None))
            new_device = None
            if device_key is None:
                new_device = secrets.token_urlsafe(32)
                connection.execute(known_devices.insert().values(token_hash=token_digest(new_device), staff_id=row.id,
                                                                 created_at=now))
        return SignedIn(token, Session(StaffIdentity(row.email, member.name, member.role), row.id, csrf), new_device)

    def session(self, token: str | None, profile: SchoolProfile) -> Session | None:
        """The signed-in session for this cookie, as the account and the profile stand now.
        Someone who has left the profile is signed out everywhere (and that is audited); a
        session made without a one-time code ends when the role comes to need one."""
        if not token:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(staff_sessions, staff.c.email, staff.c.active).join(
                staff, staff.c.id == staff_sessions.c.staff_id).where(
                staff_sessions.c.token_hash == token_digest(token))).first()
        if row is None or not row.active or _aware(row.expires_at) < utcnow():
            return None
        identity = self.identity(row.staff_id, profile)
        if identity is None:
            self.revoke_sessions(row.email, "console", "no longer in the school profile")
            return None
        if needs_second_factor(identity.role) and not row.second_factor:
            return None
        return Session(identity, row.staff_id, row.csrf_token)

    def sign_out(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(staff_sessions).where(staff_sessions.c.token_hash == token_digest(token)))

    # -- integrations -------------------------------------------------------------
    def add_api_token(self, name: str, email: str, actor: str = "cli",
                      lifetime: dt.timedelta = API_TOKEN_LIFETIME) -> str:
        """A read-only token for an integration, acting with this staff member's access, until
        it expires (90 days by default) or is revoked."""
        token, now = "cst_" + secrets.token_urlsafe(32), utcnow()
        with self.engine.begin() as connection:
            row = self._account(connection, email)
            connection.execute(api_tokens.insert().values(name=name, token_hash=token_digest(token), staff_id=row.id,
                                                          created_at=now, expires_at=now + lifetime))
            connection.execute(audit.insert().values(
                case_id=None, at=now, actor=actor, action="api_token_added",
                detail=f"{name} as {row.email}, expires {(now + lifetime).isoformat(timespec='minutes')}"))
        return token

    def revoke_api_token(self, name: str, actor: str) -> None:
        now = utcnow()
        with self.engine.begin() as connection:
            revoked = connection.execute(update(api_tokens).where(
                api_tokens.c.name == name, api_tokens.c.revoked_at.is_(None)).values(revoked_at=now)).rowcount
            if revoked != 1:
                raise ValueError(f"no API token {name!r} in use")
            connection.execute(audit.insert().values(case_id=None, at=now, actor=actor, action="api_token_revoked",
                                                     detail=name))

    def api_token_list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(api_tokens, staff.c.email).join(
                staff, staff.c.id == api_tokens.c.staff_id).order_by(api_tokens.c.id))
            return [{"name": r.name, "as": r.email, "created_at": _aware(r.created_at).isoformat(),
                     "expires_at": _aware(r.expires_at).isoformat() if r.expires_at else None,
                     "revoked": r.revoked_at is not None} for r in rows]

    def api_identity(self, token: str | None, profile: SchoolProfile) -> StaffIdentity | None:
        """Whom a bearer token acts as now; None once it has expired or been revoked."""
        if not token:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(api_tokens.c.staff_id, api_tokens.c.expires_at).where(
                api_tokens.c.token_hash == token_digest(token), api_tokens.c.revoked_at.is_(None))).first()
        if row is None or row.expires_at is None or _aware(row.expires_at) <= utcnow():
            return None
        return self.identity(row.staff_id, profile)

    # -- audit, notes, status -------------------------------------------------------
    def audit(self, case_id: int | None, actor: str, action: str, detail: str = "") -> None:
        with self.engine.begin() as connection:
            connection.execute(audit.insert().values(case_id=case_id, at=utcnow(), actor=actor, action=action,
                                                     detail=detail))

    def add_note(self, case_id: int, author: str, text: str) -> None:
        now = utcnow()
        with self.engine.begin() as connection:
            connection.execute(notes.insert().values(case_id=case_id, at=now, author=author, text=text))
            connection.execute(audit.insert().values(case_id=case_id, at=now, actor=author, action="note_added",
                                                     detail=""))

    def notes_for(self, case_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [{"at": _aware(r.at).isoformat(), "author": r.author, "text": r.text}
                    for r in connection.execute(select(notes).where(notes.c.case_id == case_id).order_by(notes.c.id))]

    def change_case(self, case_id: int, actor: str, action: str, detail: str, **values: Any) -> None:
        now = utcnow()
        with self.engine.begin() as connection:
            connection.execute(update(cases).where(cases.c.id == case_id).values(updated_at=now, **values))
            connection.execute(audit.insert().values(case_id=case_id, at=now, actor=actor, action=action,
                                                     detail=detail))

    # -- hand-offs ------------------------------------------------------------------
    def open_handoff(self, sender_id: str, channel: str, reference: str | None, status: str = "waiting",
                     taken_by: str | None = None) -> None:
        now = utcnow()
        with self.engine.begin() as connection:
            existing = connection.execute(select(handoffs.c.id).where(handoffs.c.sender_id == sender_id)).first()
            values = dict(channel=channel, status=status, taken_by=taken_by, updated_at=now)
            if reference:
                values["case_reference"] = reference
            if existing:
                connection.execute(update(handoffs).where(handoffs.c.id == existing.id).values(**values))
            else:
                connection.execute(handoffs.insert().values(sender_id=sender_id, opened_at=now,
                                                            case_reference=reference, **{
                                                                k: v for k, v in values.items()
                                                                if k != "case_reference"}))

    def close_handoff(self, sender_id: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(handoffs).where(handoffs.c.sender_id == sender_id).values(
                status="closed", updated_at=utcnow()))

    def handoff(self, sender_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(handoffs).where(handoffs.c.sender_id == sender_id)).first()
        return dict(row._mapping) if row else None

    def open_handoffs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(handoffs).where(handoffs.c.status != "closed")
                                      .order_by(handoffs.c.opened_at))
            return [{**dict(r._mapping), "opened_at": _aware(r.opened_at).isoformat(),
                     "updated_at": _aware(r.updated_at).isoformat()} for r in rows]
