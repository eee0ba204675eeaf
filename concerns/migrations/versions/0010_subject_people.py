"""Subjects are people: who a case is about is kept as the profile's people (their email
addresses, as a JSON list), found when the case is filed and when its subject is given later,
so the case stays hidden from them whatever their role becomes. Cases filed before this have
none, and are judged on the words of their subject as before.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("cases", sa.Column("subject_people", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("subject_people")
