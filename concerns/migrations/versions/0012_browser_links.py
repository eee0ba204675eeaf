"""Links by email that make a browser known to a staff account: when a flood of bad sign-ins
fills the queue for strangers' password checks, a member of staff on a new browser asks for one,
and then signs in in the place kept for known browsers (concerns/browser_links.py).

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "browser_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("used_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "browser_link_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("client", sa.String(100), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), index=True),
    )


def downgrade():
    op.drop_table("browser_link_requests")
    op.drop_table("browser_links")
