"""Data protection: how long records are kept, and what a parent may ask for.

- purge: deletes resolved and closed cases whose retention period (the profile's
  `retention:`) has run out, with their emails, notes, audit trail and hand-off; and
  conversations that no kept case needs and nobody has written in for the short period.
  Open cases are never deleted, nor is a case reopened or written in while a purge runs.
  It also deletes the console's known browsers past CONSOLE_KNOWN_BROWSER_DAYS, which are
  otherwise deleted only when someone signs in.
- subject access: everything held about one parent, as one document.
- erasure: deletes one parent's cases and conversation when the school decides erasure
  applies. Safeguarding records are kept unless the school overrides that, with a reason.

Conversations live in Rasa's SQL tracker store (table `events`). They are read and deleted
in its database directly, so the Rasa server need not be running. Each purge, export and
erasure is audited with counts only, never a parent's details.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, and_, create_engine, delete, func, \
    inspect, or_, select, update
from sqlalchemy.engine import URL, make_url

from concerns.browser_links import forget_spent_links
from concerns.profile import Retention, RetentionPeriod
from concerns.settings import PROJECT_ROOT
from concerns.staff import KNOWN_BROWSER_LIFETIME, browser_expired, forget_expired_browsers
from concerns.store import CaseStore, _aware
from concerns.tables import (audit, cases, conversation_ids, evidence, handoffs, known_devices, notes, outbox,
                             staff_replies)

# The console audits what staff do in a conversation with the sender id cut to this many
# characters (console/app.py, `_short`). Those details are blanked when the conversation goes.
AUDITED_SENDER_LENGTH = 12
# Deletions go in batches, within every database's limit on query parameters.
_BATCH = 500
# A case's retention period runs from when it reached one of these (IRMS: "resolution + 6 years").
ENDED_STATUSES = ("resolved", "closed")

# The columns of Rasa's SQLTrackerStore table that are read here (rasa/core/tracker_store.py).
events = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("data", Text),
)


def _batches(values: Iterable[Any]) -> Iterable[list[Any]]:
    values = list(values)
    for start in range(0, len(values), _BATCH):
        yield values[start:start + _BATCH]


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def audited_sender(sender_id: str) -> str:
    """How the console names a conversation in the audit trail."""
    return sender_id[:AUDITED_SENDER_LENGTH]


# -- the tracker store ------------------------------------------------------------------
def tracker_url_from_environment(environ: Mapping[str, str] = os.environ) -> str | URL:
    """Where Rasa keeps conversations: the variables endpoints.yml reads, with the
    defaults `make run` gives them (concerns/run.py, stack_environment)."""
    dialect = environ.get("TRACKER_DIALECT", "").strip() or "sqlite"
    host = environ.get("TRACKER_DB_HOST", "").strip()
    db = environ.get("TRACKER_DB", "").strip() or str(PROJECT_ROOT / "var" / "tracker.db")
    if "://" in host:  # Rasa accepts a whole database URL as the host
        return host
    if dialect == "sqlite":
        path = Path(db)
        # Rasa runs from the project root, so a relative file is relative to it.
        return f"sqlite:///{path if path.is_absolute() else PROJECT_ROOT / path}"
    hostname, _, port = host.partition(":")
    return URL.create(dialect, username=environ.get("TRACKER_DB_USER") or None,
                      password=environ.get("TRACKER_DB_PASSWORD") or None, host=hostname or None,
                      port=int(port) if port else None, database=db)


class Conversations:
    """The conversations in Rasa's SQL tracker store, read and deleted there directly."""

    def __init__(self, url: str | URL):
        self.url = make_url(url) if isinstance(url, str) else url
        self.where = self.url.render_as_string(hide_password=True)
        self.engine = None
        self.problem: str | None = None
        if self.url.get_backend_name() == "sqlite":
            if not self.url.database or not Path(self.url.database).exists():
                # Never create an empty tracker store: a wrong path must show, not look empty.
                self.problem = f"no tracker store at {self.url.database}"
                return
            self.engine = create_engine(self.url, future=True, hide_parameters=True, connect_args={"timeout": 30})
        else:
            self.engine = create_engine(self.url, future=True, pool_pre_ping=True, hide_parameters=True)
        if not inspect(self.engine).has_table("events"):
            self.problem = f"the tracker store at {self.where} has no conversations table yet"
            self.engine = None

    @property
    def available(self) -> bool:
        return self.engine is not None

    def last_activity(self) -> dict[str, dt.datetime]:
        """Each conversation's latest event time."""
        if not self.available:
            return {}
        with self.engine.connect() as connection:
            rows = connection.execute(select(events.c.sender_id, func.max(events.c.timestamp))
                                      .group_by(events.c.sender_id))
            return {sender: dt.datetime.fromtimestamp(latest, dt.timezone.utc)
                    for sender, latest in rows if latest is not None}

    def event_count(self, sender_ids: Iterable[str]) -> int:
        if not self.available:
            return 0
        total = 0
        with self.engine.connect() as connection:
            for batch in _batches(sender_ids):
                total += connection.execute(select(func.count()).select_from(events)
                                            .where(events.c.sender_id.in_(batch))).scalar_one()
        return total

    def history(self, sender_id: str) -> dict[str, list[dict[str, Any]]]:
        """One parent's conversation: the messages both ways, and the details it recorded."""
        messages: list[dict[str, Any]] = []
        details: list[dict[str, Any]] = []
        if not self.available:
            return {"messages": messages, "details": details}
        with self.engine.connect() as connection:
            rows = connection.execute(select(events.c.type_name, events.c.timestamp, events.c.data)
                                      .where(events.c.sender_id == sender_id).order_by(events.c.id)).all()
        for type_name, timestamp, data in rows:
            event = json.loads(data or "{}")
            at = _iso(dt.datetime.fromtimestamp(timestamp, dt.timezone.utc)) if timestamp is not None else None
            metadata = event.get("metadata") or {}
            if type_name == "user":
                message = {"at": at, "who": "parent", "text": event.get("text")}
                if metadata.get("attachments"):
                    message["attachments"] = metadata["attachments"]
                messages.append(message)
            elif type_name == "bot":
                text = event.get("text")
                if text is None:  # staff replies tagged for Messenger are sent as custom messages
                    text = ((event.get("data") or {}).get("custom") or {}).get("text")
                if text is not None:
                    who = f"staff: {metadata['staff']}" if metadata.get("staff") else "assistant"
                    messages.append({"at": at, "who": who, "text": text})
            elif type_name == "slot" and event.get("value") is not None and event.get("name") != "requested_slot":
                details.append({"at": at, "name": event.get("name"), "value": event.get("value")})
        return {"messages": messages, "details": details}

    def delete(self, sender_id: str, unless_active_after: dt.datetime | None = None) -> int:
        """Delete one conversation; returns the events deleted. With `unless_active_after`,
        a conversation someone has written in since that moment is left alone."""
        if not self.available:
            return 0
        with self.engine.begin() as connection:
            if unless_active_after is not None:
                latest = connection.execute(select(func.max(events.c.timestamp))
                                            .where(events.c.sender_id == sender_id)).scalar()
                if latest is not None and latest > unless_active_after.timestamp() + 0.001:
                    return 0
            return connection.execute(delete(events).where(events.c.sender_id == sender_id)).rowcount


# -- the retention rules -----------------------------------------------------------------
def retention_cutoff(period: RetentionPeriod, now: dt.datetime) -> dt.datetime:
    """The latest moment up to which everything that ended has passed `period` by `now`:
    a record goes when it ended at or before it. Every retention rule here compares with
    it, in Python and in SQL.

    Never earlier than `period.after`. The one difference: a year after 29 February is 28
    February, so a record that ended on 29 February (late in the day) waits, with those
    of 28 February, until 1 March."""
    if period.unit == "days":
        return now - dt.timedelta(days=period.amount)
    year = now.year - period.amount
    if (now.month, now.day) == (2, 29) and not calendar.isleap(year):
        # `year` has no 29 February: all of its 28 February has passed the period by now.
        return now.replace(year=year, month=3, day=1, hour=0, minute=0, second=0, microsecond=0) \
            - dt.timedelta(microseconds=1)
    return now.replace(year=year)


@dataclass(frozen=True)
class CaseFacts:
    """What the retention rules need to know about a case."""

    id: int
    reference: str
    category: str
    status: str
    sender_id: str
    # When its retention period started: when it was last resolved or closed, or its latest
    # note if that came later. None while it is open.
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class HandoffFacts:
    sender_id: str
    case_reference: str | None
    status: str  # waiting, taken, closed
    updated_at: dt.datetime


@dataclass(frozen=True)
class ExpiredCase:
    case: CaseFacts
    kept_for: RetentionPeriod
    expired_at: dt.datetime

    def describe(self) -> dict[str, Any]:
        return {"reference": self.case.reference, "category": self.case.category,
                "closed_at": _iso(self.case.closed_at), "kept_for": str(self.kept_for),
                "expired_at": _iso(self.expired_at),
                "reason": f"{self.case.status} {self.case.category} case, "
                          f"kept {self.kept_for} after it was resolved or closed"}


@dataclass(frozen=True)
class StaleConversation:
    sender_id: str
    last_activity_at: dt.datetime
    kept_for: RetentionPeriod
    expired_at: dt.datetime
    had_expired_cases: bool

    def describe(self) -> dict[str, Any]:
        why = "its cases have expired" if self.had_expired_cases else "it has no case"
        return {"sender_id": self.sender_id, "last_activity_at": _iso(self.last_activity_at),
                "kept_for": str(self.kept_for), "expired_at": _iso(self.expired_at),
                "reason": f"{why}, and nobody has written in it for {self.kept_for}"}


@dataclass
class PurgePlan:
    cases: list[ExpiredCase] = field(default_factory=list)
    conversations: list[StaleConversation] = field(default_factory=list)
    handoff_senders: list[str] = field(default_factory=list)
    # Every parent whose conversation is forgotten, including one known only from a hand-off.
    forgotten_senders: list[str] = field(default_factory=list)
    kept: dict[str, int] = field(default_factory=dict)


def plan_purge(case_facts: Iterable[CaseFacts], last_activity: Mapping[str, dt.datetime] | None,
               handoff_facts: Iterable[HandoffFacts], retention: Retention, now: dt.datetime) -> PurgePlan:
    """Decide what a purge deletes at `now`.

    A resolved or closed case goes once its category's period after that (or after its
    latest note) has passed; an open case never. A conversation goes once no kept case belongs to it, no hand-off in it is still
    open, and nobody has written in it for the short period. With `last_activity` None
    (the tracker store could not be read) no conversation is judged, so none goes."""
    plan = PurgePlan(kept={"open_cases": 0, "closed_cases_within_retention": 0,
                           "closed_cases_of_a_category_with_no_period": 0, "conversations": 0})
    kept_senders: set[str] = set()
    for case in case_facts:
        period = retention.cases.get(case.category)
        if case.status not in ENDED_STATUSES or case.closed_at is None:
            plan.kept["open_cases"] += 1
            kept_senders.add(case.sender_id)
            continue
        if period is None:
            # A category the profile no longer lists: kept until someone decides.
            plan.kept["closed_cases_of_a_category_with_no_period"] += 1
            kept_senders.add(case.sender_id)
            continue
        if case.closed_at <= retention_cutoff(period, now):
            plan.cases.append(ExpiredCase(case, period, period.after(case.closed_at)))
        else:
            plan.kept["closed_cases_within_retention"] += 1
            kept_senders.add(case.sender_id)
    expired_references = {expired.case.reference for expired in plan.cases}
    senders_with_expired = {expired.case.sender_id for expired in plan.cases}
    handoff_by_sender = {h.sender_id: h for h in handoff_facts}
    stale: set[str] = set()
    if last_activity is None:
        last_activity, candidates = {}, set()
    else:
        candidates = set(last_activity) | set(handoff_by_sender)
    quiet_since = retention_cutoff(retention.conversations, now)
    for sender in sorted(candidates):
        handoff = handoff_by_sender.get(sender)
        if sender in kept_senders or (handoff and handoff.status != "closed"):
            continue
        latest = max(m for m in (last_activity.get(sender), handoff.updated_at if handoff else None) if m)
        if latest <= quiet_since:
            stale.add(sender)
            if sender in last_activity:
                plan.conversations.append(StaleConversation(
                    sender, latest, retention.conversations, retention.conversations.after(latest),
                    sender in senders_with_expired))
    plan.kept["conversations"] = len(set(last_activity) - stale)
    plan.forgotten_senders = sorted(stale)
    plan.handoff_senders = sorted(
        h.sender_id for h in handoff_by_sender.values()
        if h.sender_id in stale or (h.status == "closed" and h.case_reference in expired_references))
    return plan


# -- purge, export and erasure ------------------------------------------------------------
class Refused(Exception):
    """The request would delete records that must be kept; nothing was deleted."""

    def __init__(self, message: str, details: dict[str, Any]):
        super().__init__(message)
        self.details = details


class DataProtection:
    """Purge, subject access export and erasure over the case store and the tracker store."""

    def __init__(self, store: CaseStore, conversations: Conversations, retention: Retention,
                 known_browser_lifetime: dt.timedelta = KNOWN_BROWSER_LIFETIME):
        self.store = store
        self.engine = store.engine
        self.conversations = conversations
        self.retention = retention
        # How long a browser stays known to a console account (CONSOLE_KNOWN_BROWSER_DAYS).
        self.known_browser_lifetime = known_browser_lifetime

    # -- reading ---------------------------------------------------------------------
    def case_facts(self, sender_id: str | None = None) -> list[CaseFacts]:
        query = select(cases.c.id, cases.c.reference, cases.c.category, cases.c.status, cases.c.sender_id,
                       cases.c.updated_at).order_by(cases.c.id)
        if sender_id is not None:
            query = query.where(cases.c.sender_id == sender_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
            endings: dict[int, dt.datetime] = {}
            # The console records each status change as "old -> new" in the audit trail;
            # the latest change to resolved or closed is when the case ended.
            for case_id, at, detail in connection.execute(
                    select(audit.c.case_id, audit.c.at, audit.c.detail).where(audit.c.action == "status_changed")):
                if (detail or "").replace(" ", "").endswith(tuple(f"->{status}" for status in ENDED_STATUSES)):
                    at = _aware(at)
                    if case_id not in endings or at > endings[case_id]:
                        endings[case_id] = at
            # A note written after that is someone still working on the case.
            latest_notes = {case_id: _aware(at) for case_id, at in connection.execute(
                select(notes.c.case_id, func.max(notes.c.at)).group_by(notes.c.case_id))}

        def ended_at(row) -> dt.datetime | None:
            if row.status not in ENDED_STATUSES:
                return None
            # A case ended some other way: its last change is the closest we know.
            ended = endings.get(row.id) or _aware(row.updated_at)
            return max(ended, latest_notes.get(row.id, ended))

        return [CaseFacts(row.id, row.reference, row.category, row.status, row.sender_id, ended_at(row))
                for row in rows]

    def handoff_facts(self) -> list[HandoffFacts]:
        with self.engine.connect() as connection:
            return [HandoffFacts(r.sender_id, r.case_reference, r.status, _aware(r.updated_at))
                    for r in connection.execute(select(handoffs))]

    def plan(self, now: dt.datetime) -> PurgePlan:
        last_activity = self.conversations.last_activity() if self.conversations.available else None
        return plan_purge(self.case_facts(), last_activity, self.handoff_facts(),
                          self.retention, now)

    # -- purge -----------------------------------------------------------------------
    def purge(self, now: dt.datetime, operator: str, dry_run: bool = False) -> dict[str, Any]:
        """Delete what has passed its retention period (see `plan_purge`); with `dry_run`,
        only say what would go and why."""
        plan = self.plan(now)
        report: dict[str, Any] = {
            "dry_run": dry_run, "now": _iso(now),
            "tracker_store": self.conversations.problem or "read",
            "cases": [expired.describe() for expired in plan.cases],
            "conversations": [stale.describe() for stale in plan.conversations],
            "kept": plan.kept,
            # Staff's browsers no longer known to their console accounts (a count: nothing of a parent's).
            "known_browsers_expired": self._expired_browsers(now),
        }
        if not dry_run:
            report["deleted"] = self.carry_out(plan, now, operator)
        return report

    def carry_out(self, plan: PurgePlan, now: dt.datetime, operator: str) -> dict[str, int]:
        """Delete what `plan` found, re-checking each case in the transaction that deletes
        it: a case reopened or noted since the plan was made is kept, with its conversation
        and hand-off. Returns the counts deleted (and kept for that reason)."""
        with self.engine.begin() as connection:
            counts = {"cases": 0, "notes": 0, "emails": 0, "case_audit_entries": 0}
            reopened = [expired.case for expired in plan.cases
                        if not self._delete_case_if_still_expired(connection, expired.case, now, counts)]
            reopened_senders = {case.sender_id for case in reopened}
            forgotten = [s for s in plan.forgotten_senders if s not in reopened_senders]
            conversations = [c for c in plan.conversations if c.sender_id not in reopened_senders]
            counts["handoffs"] = self._delete_handoffs(connection, [
                s for s in plan.handoff_senders if s not in reopened_senders])
            counts["audit_entries_blanked"] = self._blank_conversation_audit(
                connection, forgotten, "(conversation deleted by retention)")
            counts["staff_replies"] = self._delete_staff_replies(connection, forgotten)
            counts["files_without_case"] = self._delete_unfiled_files(connection, forgotten)
            self._delete_conversation_ids(connection, forgotten)
            counts["conversations"] = len(conversations)
            # Mail with no case (thanks passed to staff) is kept no longer than a conversation.
            counts["emails_without_case"] = connection.execute(outbox.delete().where(
                outbox.c.case_id.is_(None), outbox.c.status == "sent",
                outbox.c.sent_at <= retention_cutoff(self.retention.conversations, now))).rowcount
            counts["cases_left_because_reopened"] = len(reopened)
            # The console deletes these at each sign-in; a console nobody signs in to relies on this.
            counts["known_browsers"] = forget_expired_browsers(connection, now, self.known_browser_lifetime)
            # Emailed sign-in links past their time, and the addresses typed to ask for them.
            counts.update(forget_spent_links(connection, now))
            connection.execute(audit.insert().values(
                case_id=None, at=now, actor=operator, action="purged", detail=_counts(counts)))
        try:
            events_deleted, still_active = 0, 0
            for stale in conversations:
                deleted = self.conversations.delete(stale.sender_id, unless_active_after=stale.last_activity_at)
                events_deleted += deleted
                still_active += deleted == 0
        except Exception as error:
            self._audit(now, operator, "purge_incomplete", f"conversations not deleted: {type(error).__name__}")
            raise
        counts["conversation_events"] = events_deleted
        # A parent who wrote again between planning and deleting keeps their conversation.
        counts["conversations_left_because_active"] = still_active
        return counts

    def _delete_case_if_still_expired(self, connection, case: CaseFacts, now: dt.datetime,
                                      counts: dict[str, int]) -> bool:
        """Delete one planned case, with its notes, emails and audit trail (adding to
        `counts`), if it is still resolved or closed with nothing written in it since its
        category's cut-off; say whether it went. The row is locked first (PostgreSQL; a
        SQLite purge holds the write lock throughout), so a status change or a note made
        meanwhile waits for the purge, then finds the case gone."""
        cutoff = retention_cutoff(self.retention.cases[case.category], now)
        connection.execute(select(cases.c.id).where(cases.c.id == case.id).with_for_update())
        # Read after the lock, so it sees whatever was committed before the lock was taken;
        # nothing about this case can change between here and the deletes below.
        if connection.execute(select(cases.c.id).where(
                cases.c.id == case.id, cases.c.category == case.category, _ended_by(cutoff))).first() is None:
            return False
        for key, value in self._delete_cases(connection, [case.id]).items():
            counts[key] += value
        return True

    def _delete_cases(self, connection, case_ids: list[int]) -> dict[str, int]:
        counts = {"cases": 0, "notes": 0, "emails": 0, "case_audit_entries": 0}
        # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite only
        # honours on connections that turned foreign keys on.
        for batch in _batches(case_ids):
            counts["notes"] += connection.execute(delete(notes).where(notes.c.case_id.in_(batch))).rowcount
            counts["emails"] += connection.execute(delete(outbox).where(outbox.c.case_id.in_(batch))).rowcount
            counts["case_audit_entries"] += connection.execute(
                delete(audit).where(audit.c.case_id.in_(batch))).rowcount
            counts["cases"] += connection.execute(delete(cases).where(cases.c.id.in_(batch))).rowcount
        return counts

    def _expired_browsers(self, now: dt.datetime) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(known_devices).where(
                browser_expired(now, self.known_browser_lifetime))).scalar_one()

    @staticmethod
    def _delete_staff_replies(connection, sender_ids: Iterable[str]) -> int:
        """Staff replies go with the conversation they were said in."""
        return sum(connection.execute(delete(staff_replies).where(staff_replies.c.sender_id.in_(batch))).rowcount
                   for batch in _batches(sender_ids))

    @staticmethod
    def _delete_conversation_ids(connection, sender_ids: Iterable[str]) -> None:
        """The console's opaque id goes with the conversation, so an old link finds nothing
        (not counted: it holds nothing of the parent's)."""
        for batch in _batches(sender_ids):
            connection.execute(delete(conversation_ids).where(conversation_ids.c.sender_id.in_(batch)))

    @staticmethod
    def _delete_unfiled_files(connection, sender_ids: Iterable[str]) -> int:
        """Files a parent sent that no case took go with their conversation; a case's files go
        with the case (ON DELETE CASCADE)."""
        return sum(connection.execute(delete(evidence).where(
            evidence.c.sender_id.in_(batch), evidence.c.case_id.is_(None))).rowcount for batch in _batches(sender_ids))

    @staticmethod
    def _delete_handoffs(connection, sender_ids: Iterable[str]) -> int:
        return sum(connection.execute(delete(handoffs).where(handoffs.c.sender_id.in_(batch))).rowcount
                   for batch in _batches(sender_ids))

    @staticmethod
    def _blank_conversation_audit(connection, sender_ids: Iterable[str], replacement: str) -> int:
        return sum(connection.execute(update(audit).where(
            audit.c.case_id.is_(None), audit.c.detail.in_([audited_sender(s) for s in batch])
        ).values(detail=replacement)).rowcount for batch in _batches(sender_ids))

    def _audit(self, now: dt.datetime, operator: str, action: str, detail: str, case_id: int | None = None) -> None:
        with self.engine.begin() as connection:
            connection.execute(audit.insert().values(case_id=case_id, at=now, actor=operator, action=action,
                                                     detail=detail))

    # -- subject access --------------------------------------------------------------
    def export(self, sender_id: str, now: dt.datetime, operator: str) -> dict[str, Any]:
        """Everything held about the parent behind one conversation: their cases (with
        notes, emails sent and the audit of who viewed or changed them), the conversation
        itself, the hand-off, and the audit of staff acting in the conversation."""
        records = []
        for facts in self.case_facts(sender_id):
            record = self.store.get(facts.reference)
            with self.engine.connect() as connection:
                record["notes"] = [{"at": _iso(_aware(n.at)), "author": n.author, "text": n.text}
                                   for n in connection.execute(select(notes).where(notes.c.case_id == facts.id)
                                                               .order_by(notes.c.id))]
            records.append(record)
        with self.engine.connect() as connection:
            handoff = connection.execute(select(handoffs).where(handoffs.c.sender_id == sender_id)).first()
            conversation_audit = [
                {"at": _iso(_aware(a.at)), "actor": a.actor, "action": a.action}
                for a in connection.execute(select(audit).where(
                    audit.c.case_id.is_(None), audit.c.detail == audited_sender(sender_id)).order_by(audit.c.id))]
        history = self.conversations.history(sender_id)
        document = {
            "subject_access_export": {
                "sender_id": sender_id, "made_at": _iso(now), "made_by": operator,
                "tracker_store": self.conversations.problem or "read",
            },
            "cases": records,
            "conversation": history,
            "handoff": None if handoff is None else {
                "channel": handoff.channel, "case_reference": handoff.case_reference, "status": handoff.status,
                "taken_by": handoff.taken_by, "opened_at": _iso(_aware(handoff.opened_at)),
                "updated_at": _iso(_aware(handoff.updated_at))},
            "conversation_audit": conversation_audit,
        }
        # Audited on each case, so the case's own trail shows the export; a parent with
        # no case is named the way the console names conversations.
        for record in records:
            self._audit(now, operator, "subject_access_export", "", case_id=record["id"])
        if not records:
            self._audit(now, operator, "subject_access_export", audited_sender(sender_id))
        return document

    def sender_of(self, reference: str) -> str | None:
        with self.engine.connect() as connection:
            return connection.execute(select(cases.c.sender_id).where(
                cases.c.reference == reference.strip().upper())).scalar()

    # -- erasure ---------------------------------------------------------------------
    def erase(self, sender_id: str, now: dt.datetime, operator: str, dry_run: bool = False,
              safeguarding_override: str | None = None) -> dict[str, Any]:
        """Delete one parent's cases, notes, emails, hand-off and conversation, and blank
        the conversation's name in the audit trail. Refused (nothing deleted) if any of the
        cases is a safeguarding case, unless `safeguarding_override` gives the reason."""
        facts = self.case_facts(sender_id)
        case_ids = [f.id for f in facts]
        safeguarding = [f.reference for f in facts if f.category == "safeguarding"]
        with self.engine.connect() as connection:
            note_count = sum(connection.execute(select(func.count()).select_from(notes).where(
                notes.c.case_id.in_(batch))).scalar_one() for batch in _batches(case_ids))
            has_handoff = connection.execute(select(handoffs.c.id).where(
                handoffs.c.sender_id == sender_id)).first() is not None
            audit_to_blank = connection.execute(select(func.count()).select_from(audit).where(
                audit.c.case_id.is_(None), audit.c.detail == audited_sender(sender_id))).scalar_one()
        report: dict[str, Any] = {
            "dry_run": dry_run,
            "tracker_store": self.conversations.problem or "read",
            "cases": [{"reference": f.reference, "category": f.category, "status": f.status} for f in facts],
            "notes": note_count,
            "conversation_events": self.conversations.event_count([sender_id]),
            "handoff": has_handoff,
            "audit_entries_to_blank": audit_to_blank,
        }
        override = (safeguarding_override or "").strip()
        if safeguarding and not override:
            report["refused"] = safeguarding
            raise Refused(f"{len(safeguarding)} safeguarding case(s) must usually be kept; nothing was deleted. "
                          "To erase them anyway, give --force-safeguarding with --reason.", report)
        if dry_run:
            return report
        with self.engine.begin() as connection:
            counts = self._delete_cases(connection, case_ids)
            counts["handoffs"] = self._delete_handoffs(connection, [sender_id])
            counts["audit_entries_blanked"] = self._blank_conversation_audit(connection, [sender_id], "(erased)")
            counts["staff_replies"] = self._delete_staff_replies(connection, [sender_id])
            counts["files_without_case"] = self._delete_unfiled_files(connection, [sender_id])
            self._delete_conversation_ids(connection, [sender_id])
            counts["conversations"] = 1 if report["conversation_events"] else 0
            detail = _counts(counts)
            if safeguarding:
                detail += f"; safeguarding cases erased={len(safeguarding)}, reason: {override}"
            connection.execute(audit.insert().values(case_id=None, at=now, actor=operator, action="erased",
                                                     detail=detail))
        try:
            counts["conversation_events"] = self.conversations.delete(sender_id)
        except Exception as error:
            self._audit(now, operator, "erasure_incomplete", f"conversation not deleted: {type(error).__name__}")
            raise
        report["deleted"] = counts
        return report


def _ended_by(cutoff: dt.datetime):
    """SQL for `case_facts`' rule on the case row: resolved or closed, with no status change
    and no note after `cutoff` (with no status change recorded, last changed by then)."""
    status_changes = select(audit.c.id).where(audit.c.case_id == cases.c.id, audit.c.action == "status_changed")
    return and_(cases.c.status.in_(ENDED_STATUSES),
                ~status_changes.where(audit.c.at > cutoff).exists(),
                ~select(notes.c.id).where(notes.c.case_id == cases.c.id, notes.c.at > cutoff).exists(),
                or_(status_changes.exists(), cases.c.updated_at <= cutoff))


def _counts(counts: Mapping[str, int]) -> str:
    return " ".join(f"{key}={value}" for key, value in counts.items())
