"""Staff accounts, sign-in sessions, throttling, API tokens, notes and hand-offs.

Passwords are hashed with argon2id (memory-hard); session and API tokens are stored only
as SHA-256 hashes, so a copy of the database lets nobody sign in.
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
from sqlalchemy import delete, func, select, update

from concerns.access import StaffIdentity
from concerns.profile import ROLES
from concerns.store import CaseStore, _aware, utcnow
from concerns.tables import api_tokens, audit, cases, handoffs, notes, sign_in_failures, staff, staff_sessions

SESSION_LIFETIME = dt.timedelta(hours=8)
FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
# Higher per address: a school's staff may share one public address behind its router.
MAX_FAILURES_PER_CLIENT = 20
_hasher = PasswordHasher()
# Verifying against this when the email is unknown takes as long as a real check, so the
# time taken does not reveal which addresses have accounts.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Session:
    staff: StaffIdentity
    staff_id: int
    csrf_token: str


class SignInThrottled(Exception):
    """Too many failed sign-ins for this account or address; try again later."""


class StaffStore:
    def __init__(self, store: CaseStore):
        self.store = store
        self.engine = store.engine

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
            result = connection.execute(update(staff).where(staff.c.email == email.lower()).values(totp_secret=secret))
        if result.rowcount != 1:
            raise ValueError(f"no staff account {email}")
        return secret

    def identity(self, staff_id: int) -> StaffIdentity | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(staff).where(staff.c.id == staff_id, staff.c.active == 1)).first()
        return StaffIdentity(row.email, row.name, row.role) if row else None

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            return [{"email": r.email, "name": r.name, "role": r.role, "totp": bool(r.totp_secret)}
                    for r in connection.execute(select(staff).order_by(staff.c.id))]

    # -- signing in ---------------------------------------------------------------
    def _failures(self, connection, key: str, now: dt.datetime) -> int:
        return connection.execute(select(func.count()).select_from(sign_in_failures).where(
            sign_in_failures.c.key == key, sign_in_failures.c.at > now - FAILURE_WINDOW)).scalar_one()

    def sign_in(self, email: str, password: str, code: str, client: str) -> tuple[str, Session] | None:
        """Check a sign-in; return a new session token and session, or None. Raises
        SignInThrottled after repeated failures for the account or the address."""
        email = (email or "").strip().lower()
        now = utcnow()
        keys = [f"account:{email}", f"client:{client}"]
        with self.engine.connect() as connection:
            if self._failures(connection, keys[0], now) >= MAX_FAILURES_PER_ACCOUNT or \
                    self._failures(connection, keys[1], now) >= MAX_FAILURES_PER_CLIENT:
                raise SignInThrottled()
            row = connection.execute(select(staff).where(staff.c.email == email, staff.c.active == 1)).first()
        ok = False
        try:
            ok = _hasher.verify(row.password_hash if row else _DUMMY_HASH, password or "") and row is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if ok and row.totp_secret:
            ok = pyotp.TOTP(row.totp_secret).verify((code or "").strip(), valid_window=1)
        with self.engine.begin() as connection:
            if not ok:
                for key in keys:
                    connection.execute(sign_in_failures.insert().values(key=key, at=now))
                return None
            connection.execute(delete(sign_in_failures).where(sign_in_failures.c.key == keys[0]))
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            connection.execute(staff_sessions.insert().values(
                token_hash=_digest(token), staff_id=row.id, csrf_token=csrf, created_at=now,
                expires_at=now + SESSION_LIFETIME))
        return token, Session(StaffIdentity(row.email, row.name, row.role), row.id, csrf)

    def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(staff_sessions).where(
                staff_sessions.c.token_hash == _digest(token))).first()
        if row is None or _aware(row.expires_at) < utcnow():
            return None
        identity = self.identity(row.staff_id)
        return Session(identity, row.staff_id, row.csrf_token) if identity else None

    def sign_out(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(staff_sessions).where(staff_sessions.c.token_hash == _digest(token)))

    # -- integrations -------------------------------------------------------------
    def add_api_token(self, name: str, email: str) -> str:
        """A read-only token for an integration, acting with this staff member's access."""
        token = "cst_" + secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            row = connection.execute(select(staff.c.id).where(staff.c.email == email.lower())).first()
            if row is None:
                raise ValueError(f"no staff account {email}")
            connection.execute(api_tokens.insert().values(name=name, token_hash=_digest(token), staff_id=row.id,
                                                          created_at=utcnow()))
        return token

    def api_identity(self, token: str | None) -> StaffIdentity | None:
        if not token:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(api_tokens.c.staff_id).where(
                api_tokens.c.token_hash == _digest(token))).first()
        return self.identity(row.staff_id) if row else None

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
