"""The store as the app opens it: read when it is there, created on the first save, known by its content.

Opening the app creates nothing: without any configuration its store is the file ``clusternet.db``
of the working folder, and until someone saves a cluster there is no such file and the store is
simply empty (:func:`existing_store` gives None). The first save creates it and its tables
(:func:`store_to_write`). A store that exists but is at another revision is refused with what to do
(:func:`~clusternet.store.migrate.require_current`): the app never migrates a store by itself.

What the store holds changes only by an import (a cluster added or replaced) or a deletion;
:func:`content_key` names that state, so that the app can keep what it computed from the store until
the next change. Roles are not part of it: the app reads a session's roles on every run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from clusternet.store.engine import open_store, parsed_url, sqlite_file
from clusternet.store.migrate import current_revision, require_current, upgrade
from clusternet.store.tables import clusters
from clusternet.store.url import ENVIRONMENT_VARIABLE, store_url


def app_store_url(secrets_url: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The app's store: ``CLUSTERNET_DB_URL``, else ``[connections.clusternet] url`` of the app's
    secrets (``secrets_url``, as Streamlit read them), else as :func:`~clusternet.store.url.store_url`
    finds it (the secrets files, then ``sqlite:///clusternet.db``)."""
    if environ.get(ENVIRONMENT_VARIABLE):
        return environ[ENVIRONMENT_VARIABLE]
    return store_url(secrets_url or None, environ)


def store_exists(url: str) -> bool:
    """Whether there is a store to read at ``url``: a SQLite file that exists, or any server."""
    database = sqlite_file(parsed_url(url))
    return database is None or database.is_file()


def existing_store(url: str) -> Engine | None:
    """The store at ``url`` checked to be at this clusternet's revision; None when nothing is stored yet
    (a SQLite file not created, a database without tables). :class:`~clusternet.store.errors.StoreError`
    when it cannot be used."""
    if not store_exists(url):
        return None
    engine = open_store(url)
    if current_revision(engine) is None:
        engine.dispose()
        return None
    require_current(engine)
    return engine


def store_to_write(url: str) -> Engine:
    """The store at ``url``, created with its tables when it does not exist or is empty, for a save."""
    engine = open_store(url, create=True)
    if current_revision(engine) is None:
        upgrade(engine)
    require_current(engine)
    return engine


def content_key(engine: Engine | None) -> str:
    """What the store holds, as a key that changes with every import and deletion (``""``: nothing stored)."""
    if engine is None:
        return ""
    with engine.connect() as connection:
        rows = connection.execute(sa.select(clusters.c.name, clusters.c.updated_at).order_by(clusters.c.name)).all()
    return "|".join(f"{name}@{updated.isoformat()}" for name, updated in rows)
