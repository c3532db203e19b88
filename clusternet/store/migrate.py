"""Schema migrations of the store, run by clusternet itself (``clusternet db upgrade``).

The migration scripts are Alembic revisions shipped inside the package
(``clusternet/store/migrations/versions/``), so an installed clusternet upgrades its store with no
``alembic.ini`` and no ``env.py``: :func:`upgrade` and :func:`downgrade` hand Alembic the
connection directly. Each run is one transaction (PostgreSQL and SQLite both change their schema
transactionally), so a failed upgrade leaves the store at its old revision. Scripts change SQLite
tables in Alembic's batch mode (``op.batch_alter_table``: SQLite has almost no ``ALTER TABLE``).

A new revision is a file beside ``v0001_initial.py`` with ``revision``, ``down_revision`` and its
``upgrade()`` and ``downgrade()``; ``tests/store/test_migrations.py`` checks that the head
revision gives exactly the tables of :mod:`clusternet.store.tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from clusternet.store.engine import shown_url, write_transaction
from clusternet.store.errors import NEWER, NOT_UPGRADED, StoreError
from clusternet.store.tables import VERSION_TABLE, metadata

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _scripts() -> tuple[Config, ScriptDirectory]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config, ScriptDirectory.from_config(config)


def head_revision() -> str:
    """The revision this clusternet's tables are at."""
    head = _scripts()[1].get_current_head()
    assert head is not None  # the package ships at least one revision
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the store is at; None for an empty database."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def _migrate(engine: Engine, destination: str, steps: Callable[[ScriptDirectory, str, Any], Iterable[Any]]) -> None:
    config, scripts = _scripts()
    with write_transaction(engine) as connection:
        environment = EnvironmentContext(
            config,
            scripts,
            fn=lambda revision, _context: steps(scripts, destination, revision),
            destination_rev=destination,
        )
        with environment:
            environment.configure(
                connection=connection, target_metadata=metadata, render_as_batch=True, version_table=VERSION_TABLE
            )
            with environment.begin_transaction():
                environment.run_migrations()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the store's tables up to ``revision`` (default: this clusternet's), creating them in an empty database."""
    _migrate(engine, revision, lambda scripts, destination, current: scripts._upgrade_revs(destination, current))


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Take the store's tables back to ``revision`` (``base``: none left, every cluster deleted)."""
    _migrate(engine, revision, lambda scripts, destination, current: scripts._downgrade_revs(destination, current))


def require_current(engine: Engine) -> None:
    """:class:`StoreError` saying what to do unless the store is at this clusternet's revision."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    url = shown_url(engine.url)
    known = {script.revision for script in _scripts()[1].walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(NEWER(url=url, revision=current))
    raise StoreError(NOT_UPGRADED(url=url))
