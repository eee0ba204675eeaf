"""The database schema (SQLAlchemy 1.4 Core). Changed only through migrations/."""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint, false)

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
    # One case per confirmed intake (migration 0003): a hash, nothing personal.
    Column("intake_key", String(64), unique=True),
    # Due dates counted past the profile's last term date are weekdays, not school days
    # (migration 0004): shown as estimates until next year's terms are in the profile.
    Column("due_estimated", Boolean, nullable=False, default=False, server_default=false()),
    # Who the case is about, as the profile's people (migration 0010): a JSON list of their
    # email addresses, kept when the subject becomes known. NULL on older cases.
    Column("subject_people", Text),
    # A complaint's stage of the procedure (migration 0011): stage_1 or stage_2, set when it is
    # filed (stage 2 when the parent asked for it) and when staff move it to stage 2. NULL for
    # other cases and older complaints, whose stage is read from where they went.
    Column("complaint_stage", String(16)),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    # No case for thanks passed to a member of staff (migration 0005).
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, index=True),
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

staff = Table(
    "staff",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(255), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("totp_secret", String(64)),
    # The time step of the last one-time code accepted: a code is never accepted twice (0006).
    Column("totp_last_step", BigInteger),
    Column("active", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    # Signed in with a one-time code (0006): a session without one ends if the account's role
    # comes to need codes.
    Column("second_factor", Boolean, nullable=False, default=False, server_default=false()),
)

sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Set when the token is made (0006); a token past it, or revoked, is refused.
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

# Browsers that have signed in to an account (0006), known by a cookie: the account's own
# sign-in delay does not apply to them, so a stranger's failures cannot lock its owner out.
known_devices = Table(
    "known_devices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("author", String(255), nullable=False),
    Column("text", Text, nullable=False),
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, unique=True),
    Column("channel", String(16), nullable=False),
    Column("case_reference", String(32)),
    Column("status", String(16), nullable=False),  # waiting, taken, closed
    Column("taken_by", String(255)),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Shown at the start of every conversation until it expires or is ended (migration 0005).
notices = Table(
    "notices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("posted_by", String(255), nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    Column("ended_at", DateTime(timezone=True)),
)

# What each member of staff said to a parent, and whether it reached them (migration 0007):
# status pending (being sent; for the web chat: kept until the parent's chat shows it),
# delivered, or failed with the reason. Deleted with the conversation (concerns/privacy.py).
staff_replies = Table(
    "staff_replies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("staff_email", String(255), nullable=False),
    Column("staff_name", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", String(500)),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# The console's and the staff API's name for a conversation (migration 0008): a random id,
# made the first time staff are shown the conversation, so no page, link or API record
# carries the parent's Messenger id or widget session id. Deleted with the conversation
# (concerns/privacy.py), after which its links lead nowhere.
conversation_ids = Table(
    "conversation_ids",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", String(64), nullable=False, unique=True),
    Column("sender_id", String(255), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The files a parent sends (concerns/evidence_store.py says why they live in the database).
evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(64), nullable=False, unique=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    # Empty until a case takes the file; the file goes with its case.
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True),
    Column("media_type", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Links emailed to staff that make a browser known to their account (migration 0012,
# concerns/browser_links.py): the token is kept only as its SHA-256 hash; each works once,
# within its time.
browser_links = Table(
    "browser_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    Column("used_at", DateTime(timezone=True)),
)

# Asked-for links, as typed, whether or not the address has an account: counted per client
# address, turned into emails after the answer is sent (so the answer takes the same time
# either way), and deleted an hour later.
browser_link_requests = Table(
    "browser_link_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(255), nullable=False),
    Column("client", String(100), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("handled_at", DateTime(timezone=True), index=True),
)
