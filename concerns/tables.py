"""The database schema (SQLAlchemy 1.4 Core). Changed only through migrations/."""
from __future__ import annotations

from sqlalchemy import (Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("category", String(32), nullable=False),
    Column("about", String(32)),
    Column("routed_to", String(32), nullable=False),
    Column("assignee", String(255), nullable=False),
    Column("copied_to", Text, nullable=False, default="[]"),  # JSON list of roles
    Column("urgency", String(16), nullable=False),
    Column("status", String(16), nullable=False, default="new"),
    Column("subject_name", String(255)),
    Column("child_name", String(100)),
    Column("child_class", String(50)),
    Column("parent_name", String(200)),
    Column("parent_contact", String(255)),
    Column("account", Text),
    Column("attachments", Text, nullable=False, default="[]"),  # JSON list of {type, url}
    Column("acknowledge_by", Date, nullable=False),
    Column("respond_by", Date, nullable=False),
    Column("transcript", Text, nullable=False, default="[]"),  # JSON list of {who, text, at}
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("recipient", String(255), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("body", Text, nullable=False),
    Column("urgent", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False, default="pending"),  # pending, sending, sent
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claimed_at", DateTime(timezone=True)),
    Column("sent_at", DateTime(timezone=True)),
    Column("last_error", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("case_id", "recipient", name="uq_outbox_case_recipient"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(255), nullable=False),
    Column("action", String(64), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)
