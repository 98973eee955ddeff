"""Alembic environment. Chairside runs migrations from code (``assistant.storage.db.init_db``),
which passes an open connection in ``config.attributes["connection"]``; the ``alembic`` command
line works too, with ``-x url=...``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from assistant.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url", ""
    )
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
