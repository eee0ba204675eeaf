"""Due dates as estimates: past the profile's last term date, due dates are counted in
weekdays and marked, so filing never fails when the calendar runs out.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("cases", sa.Column("due_estimated", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("due_estimated")
