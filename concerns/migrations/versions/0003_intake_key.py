"""One case per confirmed intake: a unique key per intake, so a confirmation sent again
(after the action server or the database failed half-way) finds the case already filed.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("cases", sa.Column("intake_key", sa.String(64)))
    # Unique where set; cases filed without a key (safeguarding alerts) may be many.
    op.create_index("ix_cases_intake_key", "cases", ["intake_key"], unique=True)


def downgrade():
    op.drop_index("ix_cases_intake_key", table_name="cases")
    op.drop_column("cases", "intake_key")
