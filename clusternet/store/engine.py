"""Opening the store: a SQLAlchemy engine for a SQLite file or a PostgreSQL server.

SQLite is the embedded default, a file that needs nothing installed. Several processes may use it
at once (the app and a command, two analysts on one laptop): it runs in WAL mode, so readers never
wait for a writer, and every connection waits up to :data:`BUSY_TIMEOUT_SECONDS` for another's
write to finish instead of failing with "database is locked". A write transaction takes the write
lock when it begins (``BEGIN IMMEDIATE``, :func:`write_transaction`): a deferred transaction that
read first and then wants to write cannot wait for another writer and would fail at once.

PostgreSQL (``postgresql+psycopg://user:password@server/database``) serves a team; a URL that names
no driver (``postgresql://``, ``postgres://``) uses psycopg.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from clusternet.store.errors import BAD_URL, MISSING, UNREACHABLE, UNSUPPORTED, StoreError

BUSY_TIMEOUT_SECONDS = 30
"""How long a SQLite connection waits for another process's write before giving up."""

_WRITE = "clusternet_write"
"""Execution option marking a connection whose transaction will write (SQLite: ``BEGIN IMMEDIATE``)."""


def parsed_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it, PostgreSQL without a driver on psycopg; :class:`StoreError` if it is none."""
    try:
        parsed = sa.make_url(url)
    except ArgumentError as error:
        raise StoreError(BAD_URL(url=url)) from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(UNSUPPORTED(url=shown_url(parsed)))
    return parsed


def shown_url(url: URL) -> str:
    """The URL to show people: the password hidden."""
    return url.render_as_string(hide_password=True)


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite store, None for a memory database or another backend."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def open_store(url: str, *, create: bool = False) -> Engine:
    """An engine on the store at ``url``, checked to be reachable.

    A SQLite file is created only with ``create`` (``clusternet db upgrade``); otherwise a missing
    file is a :class:`StoreError` that says how to create it, as are a bad URL and a server that
    cannot be reached.
    """
    parsed = parsed_url(url)
    database = sqlite_file(parsed)
    if database is not None and not create and not database.is_file():
        raise StoreError(MISSING(path=str(database), url=shown_url(parsed)))
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
            _configure_sqlite(engine)
        else:
            engine = sa.create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as error:
        raise StoreError(UNSUPPORTED(url=shown_url(parsed))) from error
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else type(error).__name__
        raise StoreError(UNREACHABLE(url=shown_url(parsed), reason=reason)) from error
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """WAL, the busy timeout, foreign keys (for ``ON DELETE CASCADE``) and transactions begun by
    clusternet itself, so that a write transaction can take the lock first."""

    @event.listens_for(engine, "connect")
    def on_connect(connection: Any, _record: object) -> None:
        connection.isolation_level = None  # the driver begins nothing: the "begin" listener does
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that writes: committed when the block ends, rolled back entirely when it
    raises (an interrupt included). On SQLite it holds the write lock from its start."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE: True})
        with connection.begin():
            yield connection
