"""Alembic environment of the indexer's schema: runs against the connection the caller
passes in `config.attributes["connection"]` (`store.migrate`), or, from the `alembic`
command line, against `sqlalchemy.url` / `IONET_INDEXER_DB_URL`."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from ionet_sdk.services.indexer.schema import metadata

config = context.config


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(
        "IONET_INDEXER_DB_URL", "sqlite:///indexer.sqlite3"
    )
    engine = create_engine(url)
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
