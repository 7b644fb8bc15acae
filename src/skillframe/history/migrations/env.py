"""Alembic environment: always run programmatically by skillframe with an open connection.

Importing it outside Alembic (the doctest collector does) does nothing.
"""

from __future__ import annotations

from alembic import context

from skillframe.history._schema import VERSION_TABLE

if hasattr(context, "config"):  # only inside an Alembic command
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE)
    with context.begin_transaction():
        context.run_migrations()
