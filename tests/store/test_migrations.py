"""The store's migrations: upgrade, downgrade and upgrade again, to exactly the tables of the code."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from clusternet.store.engine import open_store
from clusternet.store.migrate import current_revision, downgrade, head_revision, upgrade
from clusternet.store.tables import VERSION_TABLE, metadata


def test_upgrade_downgrade_and_upgrade_again(store_url):
    engine = open_store(store_url, create=True)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(sa.inspect(engine).get_table_names()) == {*metadata.tables, VERSION_TABLE}
    downgrade(engine)
    assert current_revision(engine) is None
    assert set(sa.inspect(engine).get_table_names()) <= {VERSION_TABLE}
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_head_revision_gives_exactly_the_tables_of_the_code(store):
    with store.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, metadata) == []
