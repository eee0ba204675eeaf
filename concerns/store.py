"""The case store: one module owns the database (SQLite file or PostgreSQL).

Filing a case writes the case, its outbox emails and an audit entry in one transaction,
so a case is never recorded without its notifications, nor half-written.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from concerns.tables import audit, cases, conversation_ids, notices, outbox, staff_replies
from concerns.transcript import with_delivery

STATUSES = ("new", "acknowledged", "in_progress", "resolved", "closed")
# A staff reply is pending (being sent, or kept for the parent's web chat), delivered, or
# failed with a reason.
REPLY_STATUSES = ("pending", "delivered", "failed")
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands timestamps back without a zone; everything is stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


@dataclass
class NewCase:
    """Everything the assistant gathered, ready to record."""

    channel: str
    sender_id: str
    category: str
    about: str | None
    routed_to: str
    assignee: str
    copied_to: list[str]
    urgency: str
    acknowledge_by: dt.date
    respond_by: dt.date
    subject_name: str | None = None
    child_name: str | None = None
    child_class: str | None = None
    parent_name: str | None = None
    parent_contact: str | None = None
    account: str | None = None
    attachments: list[dict[str, str]] = field(default_factory=list)
    transcript: list[dict[str, str]] = field(default_factory=list)
    # The same key for every try at filing one intake: a second try returns the first case.
    intake_key: str | None = None
    # Counted past the profile's last term date: weekdays, an estimate (SchoolCalendar).
    due_estimated: bool = False
    # Who the case is about, as the profile's people (their email addresses): hidden from them.
    subject_people: list[str] = field(default_factory=list)
    # A complaint's stage of the procedure (stage_1, stage_2); None for other cases.
    complaint_stage: str | None = None


@dataclass(frozen=True)
class Email:
    recipient: str
    subject: str
    body: str
    urgent: bool = False


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    case_id: int | None
    recipient: str
    subject: str
    body: str
    attempts: int
    # With the id, names this message for good: every try at sending it carries the same
    # Message-ID (notifier.outbox_message_id).
    created_at: dt.datetime


def engine_for(url: str) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout and write-locking transactions.

    hide_parameters: a database error's text never carries the values (a parent's words) into
    a log, whatever code logs it."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, hide_parameters=True,
                               connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):  # pragma: no cover - driver hook
            # Let SQLAlchemy issue BEGIN itself, so writes take the lock up front
            # (BEGIN IMMEDIATE) and concurrent filings queue instead of deadlocking.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection):  # pragma: no cover - driver hook
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)


def _email_anyone_not_told(connection, case_id: int, emails: Iterable[Email], now: dt.datetime) -> None:
    """Queue each email whose recipient has not been sent one about this case before."""
    already = {r.recipient.lower() for r in connection.execute(
        select(outbox.c.recipient).where(outbox.c.case_id == case_id))}
    for email in emails:
        if email.recipient.lower() not in already:
            connection.execute(outbox.insert().values(
                case_id=case_id, recipient=email.recipient, subject=email.subject, body=email.body,
                urgent=int(email.urgent), status="pending", attempts=0, next_attempt_at=now, created_at=now))


# A link's one-time token in an email's body: `?token=...` or `&token=...`.
_LINK_TOKEN = re.compile(r"([?&]token=)[A-Za-z0-9_\-]+")
LINK_TOKEN_REMOVED = "removed-once-sent"


def without_link_tokens(body: str) -> str:
    """The body as kept once sent: each link's token replaced by `LINK_TOKEN_REMOVED`."""
    return _LINK_TOKEN.sub(lambda found: found.group(1) + LINK_TOKEN_REMOVED, body)


def queue_mail_in(connection, recipient: str, subject: str, body: str, now: dt.datetime) -> int:
    """Queue mail that belongs to no case inside the caller's transaction, so it is written
    with whatever it tells of (a sign-in link with its row) or not at all. Returns the outbox id."""
    return connection.execute(outbox.insert().values(
        case_id=None, recipient=recipient, subject=subject, body=body, urgent=0, status="pending",
        attempts=0, next_attempt_at=now, created_at=now)).inserted_primary_key[0]


class CaseStore:
    def __init__(self, url: str):
        self.url = url
        self.engine = engine_for(url)

    # -- schema -----------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema up to date (safe to run at every start)."""
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    # -- cases ------------------------------------------------------------------
    def file_case(self, new: NewCase, reference_prefix: str,
                  compose: Callable[[dict[str, Any]], Iterable[Email]],
                  now: dt.datetime | None = None) -> dict[str, Any]:
        """Record a case and its notification emails atomically; return the case record.

        An intake already filed under the same `intake_key` is not filed again: its case is
        returned as it is, and no email is sent twice."""
        now = now or utcnow()
        try:
            return self._file_case_once(new, reference_prefix, compose, now)
        except IntegrityError:
            # Another server filed the same intake at the same moment: theirs stands.
            existing = self.find_by_intake_key(new.intake_key) if new.intake_key else None
            if existing is None:
                raise
            return existing

    def find_by_intake_key(self, intake_key: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(cases).where(cases.c.intake_key == intake_key)).first()
        return self._record(row) if row else None

    def _file_case_once(self, new: NewCase, reference_prefix: str,
                        compose: Callable[[dict[str, Any]], Iterable[Email]], now: dt.datetime) -> dict[str, Any]:
        with self.engine.begin() as connection:
            if new.intake_key:
                already = connection.execute(select(cases).where(cases.c.intake_key == new.intake_key)).first()
                if already:
                    return self._record(already)
            values = {
                # A placeholder until the row's key gives the real reference (below).
                "reference": f"pending-{uuid.uuid4().hex[:20]}",
                "created_at": now,
                "updated_at": now,
                "channel": new.channel,
                "sender_id": new.sender_id,
                "category": new.category,
                "about": new.about,
                "routed_to": new.routed_to,
                "assignee": new.assignee,
                "copied_to": json.dumps(new.copied_to),
                "urgency": new.urgency,
                "status": "new",
                "subject_name": new.subject_name,
                "child_name": new.child_name,
                "child_class": new.child_class,
                "parent_name": new.parent_name,
                "parent_contact": new.parent_contact,
                "account": new.account,
                "attachments": json.dumps(new.attachments),
                "acknowledge_by": new.acknowledge_by,
                "respond_by": new.respond_by,
                "transcript": json.dumps(new.transcript, ensure_ascii=False),
                "intake_key": new.intake_key,
                "due_estimated": new.due_estimated,
                "subject_people": json.dumps(sorted(set(new.subject_people))) if new.subject_people else None,
                "complaint_stage": new.complaint_stage,
            }
            case_id = connection.execute(cases.insert().values(**values)).inserted_primary_key[0]
            # The reference comes from the row's own key, so two filings at the same
            # moment (from any number of servers) can never share one.
            reference = f"{reference_prefix}-{now.year}-{case_id:04d}"
            connection.execute(update(cases).where(cases.c.id == case_id).values(reference=reference))
            record = self._record(connection.execute(select(cases).where(cases.c.id == case_id)).one())
            for email in compose(record):
                connection.execute(outbox.insert().values(
                    case_id=case_id, recipient=email.recipient, subject=email.subject, body=email.body,
                    urgent=int(email.urgent), status="pending", attempts=0, next_attempt_at=now, created_at=now,
                ))
            connection.execute(audit.insert().values(
                case_id=case_id, at=now, actor="assistant", action="filed",
                detail=f"channel={new.channel} routed_to={new.routed_to}",
            ))
        return record

    def add_details(self, reference: str, actor: str, subject_people: Iterable[str] = (),
                    **details: str | None) -> dict[str, Any] | None:
        """Add what the parent told us after the case was filed (safeguarding follow-up).
        `subject_people` join those the case is already about: nobody ever named as its
        subject comes to see it."""
        allowed = {"child_name", "child_class", "parent_name", "parent_contact", "subject_name", "account"}
        values: dict[str, Any] = {k: v for k, v in details.items() if k in allowed and v}
        now = utcnow()
        with self.engine.begin() as connection:
            row = connection.execute(select(cases).where(cases.c.reference == reference)).first()
            if row is None:
                return None
            about = set(json.loads(row.subject_people or "[]"))
            if not about.issuperset(subject_people):
                values["subject_people"] = json.dumps(sorted(about.union(subject_people)))
            if values:
                connection.execute(update(cases).where(cases.c.id == row.id).values(updated_at=now, **values))
                connection.execute(audit.insert().values(
                    case_id=row.id, at=now, actor=actor, action="details_added", detail=",".join(sorted(values))))
            return self._record(connection.execute(select(cases).where(cases.c.id == row.id)).one())

    def add_attachments(self, reference: str, attachments: list[dict[str, str]], actor: str) -> None:
        """Attach what the parent sent after the case was filed."""
        now = utcnow()
        with self.engine.begin() as connection:
            row = connection.execute(select(cases).where(cases.c.reference == reference)).first()
            if row is None or not attachments:
                return
            kept = json.loads(row.attachments or "[]") + list(attachments)
            connection.execute(update(cases).where(cases.c.id == row.id).values(
                attachments=json.dumps(kept), updated_at=now))
            connection.execute(audit.insert().values(
                case_id=row.id, at=now, actor=actor, action="attachments_added", detail=str(len(attachments))))

    def reroute(self, reference: str, routed_to: str, about: str | None, assignee: str,
                compose: Callable[[dict[str, Any]], Iterable[Email]], actor: str,
                copied_to: Iterable[str] | None = None) -> dict[str, Any] | None:
        """Send a case to someone else (e.g. an allegation found to be about the Headteacher),
        with the new recipients' emails, in one transaction. `copied_to`, if given, replaces the
        roles it is copied to."""
        now = utcnow()
        with self.engine.begin() as connection:
            row = connection.execute(select(cases).where(cases.c.reference == reference)).first()
            if row is None:
                return None
            changes = {"routed_to": routed_to, "about": about, "assignee": assignee, "updated_at": now}
            if copied_to is not None:
                changes["copied_to"] = json.dumps(list(copied_to))
            connection.execute(update(cases).where(cases.c.id == row.id).values(**changes))
            record = self._record(connection.execute(select(cases).where(cases.c.id == row.id)).one())
            _email_anyone_not_told(connection, row.id, compose(record), now)
            connection.execute(audit.insert().values(
                case_id=row.id, at=now, actor=actor, action="rerouted",
                detail=f"from={row.routed_to} to={routed_to}"))
            return record

    def move_to_stage(self, reference: str, stage: str, routed_to: str, assignee: str, acknowledge_by: dt.date,
                      respond_by: dt.date, due_estimated: bool, compose: Callable[[dict[str, Any]], Iterable[Email]],
                      actor: str, now: dt.datetime | None = None) -> dict[str, Any] | None:
        """Move a complaint to another stage of the procedure (stage 2, from the console): its
        stage, who holds it, its due dates counted from now, and status new (the stage's holder
        has yet to read it), with emails to anyone not told before, in one transaction. Audited
        as `stage_changed` (and `rerouted` when its holder changes)."""
        now = now or utcnow()
        with self.engine.begin() as connection:
            row = connection.execute(select(cases).where(cases.c.reference == reference)).first()
            if row is None:
                return None
            connection.execute(update(cases).where(cases.c.id == row.id).values(
                complaint_stage=stage, routed_to=routed_to, assignee=assignee, acknowledge_by=acknowledge_by,
                respond_by=respond_by, due_estimated=due_estimated, status="new", updated_at=now))
            record = self._record(connection.execute(select(cases).where(cases.c.id == row.id)).one())
            _email_anyone_not_told(connection, row.id, compose(record), now)
            connection.execute(audit.insert().values(
                case_id=row.id, at=now, actor=actor, action="stage_changed",
                detail=f"from={row.complaint_stage or 'unrecorded'} to={stage} status {row.status} -> new"))
            if routed_to != row.routed_to:
                connection.execute(audit.insert().values(
                    case_id=row.id, at=now, actor=actor, action="rerouted",
                    detail=f"from={row.routed_to} to={routed_to}"))
            return record

    def get(self, reference: str) -> dict[str, Any] | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(cases).where(cases.c.reference == reference.strip().upper())).first()
            if row is None:
                return None
            record = self._record(row)
            record["notifications"] = self._notifications(connection, row.id)
            record["audit"] = [
                {"at": _aware(a.at).isoformat(), "actor": a.actor, "action": a.action, "detail": a.detail}
                for a in connection.execute(select(audit).where(audit.c.case_id == row.id).order_by(audit.c.id))
            ]
            return record

    def list(self, status: str | None = None, category: str | None = None,
             sender_id: str | None = None) -> list[dict[str, Any]]:
        query = select(cases).order_by(cases.c.id)
        if sender_id is not None:
            query = query.where(cases.c.sender_id == sender_id)
        if status:
            query = query.where(cases.c.status == status)
        if category:
            query = query.where(cases.c.category == category)
        with self.engine.connect() as connection:
            results = []
            for row in connection.execute(query):
                record = self._record(row)
                record["notifications"] = self._notifications(connection, row.id)
                results.append(record)
            return results

    def open_case_of(self, sender_id: str, preferred: str | None = None) -> dict[str, Any] | None:
        """The conversation's open case (not resolved or closed): `preferred` (the case it last
        filed, or was handed to staff with) while that is open and this conversation's, else its
        newest open case; None when it has none."""
        open_cases = [c for c in self.list(sender_id=sender_id) if c["status"] not in ("resolved", "closed")]
        named = [c for c in open_cases if preferred and c["reference"] == preferred]
        return (named or open_cases[::-1] or [None])[0]

    @staticmethod
    def _notifications(connection, case_id: int) -> list[dict[str, Any]]:
        rows = connection.execute(select(outbox).where(outbox.c.case_id == case_id).order_by(outbox.c.id))
        return [{"recipient": r.recipient, "status": r.status, "attempts": r.attempts,
                 "sent_at": _aware(r.sent_at).isoformat() if r.sent_at else None,
                 "last_error": r.last_error} for r in rows]

    @staticmethod
    def _record(row) -> dict[str, Any]:
        record = dict(row._mapping)
        for key in ("copied_to", "attachments", "transcript", "subject_people"):
            record[key] = json.loads(record[key] or "[]")
        for key in ("created_at", "updated_at"):
            record[key] = _aware(record[key]).isoformat()
        for key in ("acknowledge_by", "respond_by"):
            record[key] = record[key].isoformat()
        return record

    # -- outbox -----------------------------------------------------------------
    def claim_due(self, now: dt.datetime | None = None, limit: int = 20, case_id: int | None = None,
                  stale_after: dt.timedelta = dt.timedelta(minutes=5)) -> list[OutboxMessage]:
        """Take due messages for sending. A message is claimed by exactly one sender; a
        claim left by a sender that died is released after `stale_after`."""
        now = now or utcnow()
        with self.engine.begin() as connection:
            connection.execute(update(outbox).where(
                outbox.c.status == "sending", outbox.c.claimed_at < now - stale_after).values(status="pending"))
            query = select(outbox).where(outbox.c.status == "pending", outbox.c.next_attempt_at <= now)
            if case_id is not None:
                query = query.where(outbox.c.case_id == case_id)
            rows = connection.execute(query.order_by(outbox.c.urgent.desc(), outbox.c.id).limit(limit)).all()
            claimed = []
            for row in rows:
                result = connection.execute(update(outbox).where(
                    outbox.c.id == row.id, outbox.c.status == "pending").values(status="sending", claimed_at=now))
                if result.rowcount == 1:
                    claimed.append(OutboxMessage(row.id, row.case_id, row.recipient, row.subject, row.body,
                                                 row.attempts, _aware(row.created_at)))
            return claimed

    def mark_sent(self, message_id: int, now: dt.datetime | None = None) -> None:
        """Record a message as sent. A link's one-time token (a sign-in link,
        concerns/browser_links.py) is taken out of the stored copy now that the mail server has
        the message: a copy of the database taken after sending gives nobody the link. Until
        then the token must stay, as a message is sent again from this copy after a failure."""
        with self.engine.begin() as connection:
            body = connection.execute(select(outbox.c.body).where(
                outbox.c.id == message_id, outbox.c.body.contains("token="))).scalar_one_or_none()
            blanked = {"body": without_link_tokens(body)} if body is not None else {}
            connection.execute(update(outbox).where(outbox.c.id == message_id).values(
                status="sent", sent_at=now or utcnow(), attempts=outbox.c.attempts + 1, last_error=None,
                **blanked))

    def mark_failed(self, message_id: int, error: str, retry_at: dt.datetime) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(outbox).where(outbox.c.id == message_id).values(
                status="pending", attempts=outbox.c.attempts + 1, next_attempt_at=retry_at,
                last_error=error[:500], claimed_at=None))

    def queue_mail(self, recipient: str, subject: str, body: str, now: dt.datetime | None = None) -> int:
        """Queue mail that belongs to no case (thanks passed to staff); sent and retried like
        a case's. Returns the outbox id."""
        with self.engine.begin() as connection:
            return queue_mail_in(connection, recipient, subject, body, now or utcnow())

    # -- conversation ids ---------------------------------------------------------
    def conversation_id_for(self, sender_id: str, now: dt.datetime | None = None) -> str:
        """The opaque id staff see for this sender's conversation, made on first use: random,
        so it reveals nothing of the sender id and cannot be worked out from it."""
        existing = self._conversation_id_of(sender_id)
        if existing:
            return existing
        try:
            with self.engine.begin() as connection:
                made = secrets.token_urlsafe(18)
                connection.execute(conversation_ids.insert().values(
                    conversation_id=made, sender_id=sender_id, created_at=now or utcnow()))
                return made
        except IntegrityError:  # another request made this sender's id at the same moment
            return self._conversation_id_of(sender_id)

    def _conversation_id_of(self, sender_id: str) -> str | None:
        with self.engine.connect() as connection:
            return connection.execute(select(conversation_ids.c.conversation_id).where(
                conversation_ids.c.sender_id == sender_id)).scalar()

    def sender_of_conversation(self, conversation_id: str) -> str | None:
        """The sender behind an opaque conversation id, or None for an id never made (or
        deleted with its conversation)."""
        with self.engine.connect() as connection:
            return connection.execute(select(conversation_ids.c.sender_id).where(
                conversation_ids.c.conversation_id == conversation_id)).scalar()

    # -- staff replies ----------------------------------------------------------
    def record_staff_reply(self, sender_id: str, channel: str, staff_email: str, staff_name: str, text: str,
                           now: dt.datetime | None = None) -> int:
        """Keep a staff member's reply before it is sent, as pending; returns its id."""
        now = now or utcnow()
        with self.engine.begin() as connection:
            return connection.execute(staff_replies.insert().values(
                sender_id=sender_id, channel=channel, staff_email=staff_email, staff_name=staff_name, text=text,
                status="pending", attempts=0, created_at=now, updated_at=now)).inserted_primary_key[0]

    def settle_staff_reply(self, reply_id: int, delivered: bool, reason: str = "", attempts: int = 1,
                           now: dt.datetime | None = None) -> None:
        """What became of a reply's sending: delivered, or failed and why."""
        with self.engine.begin() as connection:
            connection.execute(update(staff_replies).where(staff_replies.c.id == reply_id).values(
                status="delivered" if delivered else "failed", reason=None if delivered else reason[:500],
                attempts=attempts, updated_at=now or utcnow()))

    def reply_shown_to_parent(self, reply_id: int, sender_id: str, now: dt.datetime | None = None) -> bool:
        """The parent's own chat (that session, no other) showed a kept web reply: delivered."""
        with self.engine.begin() as connection:
            return connection.execute(update(staff_replies).where(
                staff_replies.c.id == reply_id, staff_replies.c.sender_id == sender_id,
                staff_replies.c.channel == "web", staff_replies.c.status == "pending").values(
                status="delivered", reason=None, updated_at=now or utcnow())).rowcount == 1

    def transcript_with_delivery(self, sender_id: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A case's transcript with each staff reply's delivery as it stands now (filing keeps it
        so, and the console and the API show it so): a Messenger reply that never arrived reads
        'not delivered: ...', never as a plain line the parent saw."""
        if not any(line.get("staff_reply") is not None for line in lines):
            return lines
        return with_delivery(lines, {reply["id"]: reply for reply in self.staff_replies_to(sender_id)})

    def staff_replies_to(self, sender_id: str, status: str | None = None) -> list[dict[str, Any]]:
        """The replies staff sent in a conversation, oldest first."""
        query = select(staff_replies).where(staff_replies.c.sender_id == sender_id)
        if status:
            query = query.where(staff_replies.c.status == status)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(staff_replies.c.id)).all()
        return [{**dict(row._mapping), "created_at": _aware(row.created_at).isoformat(),
                 "updated_at": _aware(row.updated_at).isoformat()} for row in rows]

    # -- notices ----------------------------------------------------------------
    def post_notice(self, text: str, posted_by: str, expires_at: dt.datetime,
                    now: dt.datetime | None = None) -> int:
        """A notice shown at the start of every conversation until `expires_at`; audited."""
        now = now or utcnow()
        with self.engine.begin() as connection:
            notice_id = connection.execute(notices.insert().values(
                text=text, posted_by=posted_by, posted_at=now, expires_at=expires_at)).inserted_primary_key[0]
            connection.execute(audit.insert().values(case_id=None, at=now, actor=posted_by, action="notice_posted",
                                                     detail=f"notice {notice_id} until {expires_at.isoformat()}"))
        return notice_id

    def end_notice(self, notice_id: int, ended_by: str, now: dt.datetime | None = None) -> bool:
        now = now or utcnow()
        with self.engine.begin() as connection:
            ended = connection.execute(notices.update().where(
                notices.c.id == notice_id, notices.c.ended_at.is_(None)).values(ended_at=now)).rowcount == 1
            if ended:
                connection.execute(audit.insert().values(case_id=None, at=now, actor=ended_by, action="notice_ended",
                                                         detail=f"notice {notice_id}"))
        return ended

    def active_notices(self, now: dt.datetime | None = None) -> list[dict[str, Any]]:
        """Notices to show now, oldest first."""
        now = now or utcnow()
        with self.engine.connect() as connection:
            rows = connection.execute(select(notices).where(
                notices.c.ended_at.is_(None), notices.c.expires_at > now).order_by(notices.c.id)).all()
        return [{**dict(row._mapping), "posted_at": _aware(row.posted_at).isoformat(),
                 "expires_at": _aware(row.expires_at).isoformat()} for row in rows]

    def pending_count(self) -> int:
        with self.engine.connect() as connection:
            return len(connection.execute(select(outbox.c.id).where(outbox.c.status != "sent")).all())
