"""Accounts follow the profile: one-time codes used once, sessions that record their second
factor, API tokens that expire and can be revoked, and browsers known to an account (so a
stranger's failed sign-ins cannot lock its owner out).

Revision ID: 0006
Revises: 0005
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Tokens made before expiry existed get the default lifetime from when they were made.
API_TOKEN_LIFETIME = dt.timedelta(days=90)


def upgrade():
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("totp_last_step", sa.BigInteger))
    with op.batch_alter_table("staff_sessions") as batch:
        batch.add_column(sa.Column("second_factor", sa.Boolean, nullable=False, server_default=sa.false()))
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True)))
    tokens = sa.table("api_tokens", sa.column("id", sa.Integer), sa.column("created_at", sa.DateTime(timezone=True)),
                      sa.column("expires_at", sa.DateTime(timezone=True)))
    connection = op.get_bind()
    for row in connection.execute(sa.select(tokens.c.id, tokens.c.created_at)).fetchall():
        connection.execute(sa.update(tokens).where(tokens.c.id == row.id).values(
            expires_at=row.created_at + API_TOKEN_LIFETIME))
    op.create_table(
        "known_devices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade():
    op.drop_table("known_devices")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("revoked_at")
        batch.drop_column("expires_at")
    with op.batch_alter_table("staff_sessions") as batch:
        batch.drop_column("second_factor")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("totp_last_step")
