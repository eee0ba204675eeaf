"""A complaint keeps its stage of the procedure: stage 1 or stage 2, set when it is filed (stage 2
when the parent asked for it in the chat) and when staff move it to stage 2 in the console, so a
stage 2 complaint about a governor (which the Clerk holds at either stage) or about the Clerk
(which the Chair holds) is never described as stage 1. Older complaints have none, and their
stage is read from where they went, as before.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("cases", sa.Column("complaint_stage", sa.String(16), nullable=True))


def downgrade():
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("complaint_stage")
