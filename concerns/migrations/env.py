"""Alembic environment: run by concerns.store.migrate(), with the connection passed in."""
from alembic import context

from concerns.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
