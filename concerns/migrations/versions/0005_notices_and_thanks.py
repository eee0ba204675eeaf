"""Notices and thanks: notices the office or the Headteacher posts (a closure in snow), shown
at the start of every conversation until they expire; and mail with no case (thanks passed to
a member of staff), so the outbox's case is optional.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("posted_by", sa.String(255), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("case_id", existing_type=sa.Integer, nullable=True)


def downgrade():
    op.execute("DELETE FROM outbox WHERE case_id IS NULL")
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("case_id", existing_type=sa.Integer, nullable=False)
    op.drop_table("notices")
