"""Opaque conversation ids: the console and the staff API address a conversation by a random
id of its own, never by the parent's Messenger id or widget session id, so a copied console
link or an API record cannot be used to write to the assistant as that parent.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "conversation_ids",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(64), nullable=False, unique=True),
        sa.Column("sender_id", sa.String(255), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("conversation_ids")
