"""The tables of the programme store, as SQLAlchemy Core metadata.

One row of ``clusters`` per cluster; every other survey table carries its ``cluster_id`` and a
``position`` (the row's place in the survey, so that a cluster reads back in the order it was
imported). The columns of the survey format are real columns, so that the app and a database
client can query them; columns beyond the format (actor attributes, further tie columns, a
logframe's ``value_<round>``) are one JSON object per row (:mod:`clusternet.store.values`), and
``survey_columns`` records every table's columns in order with their pandas dtype, so that any
survey reads back exactly as it was imported.

The migration scripts (:mod:`clusternet.store.migrate`) create exactly these tables;
``tests/store/test_migrations.py`` checks that they agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

VERSION_TABLE = "clusternet_schema_version"
"""Where Alembic keeps the store's revision (not ``alembic_version``: a shared database may hold other apps)."""


def _cluster_id() -> sa.Column[int]:
    return sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.cluster_id", ondelete="CASCADE"), nullable=False)


clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("cluster_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("respondents_inferred", sa.Boolean, nullable=False),
    sa.Column("attribute_privacy", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

survey_columns = sa.Table(
    "survey_columns",
    metadata,
    _cluster_id(),
    sa.Column("sheet", sa.String(40), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("dtype", sa.String(80), nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "sheet", "position"),
)

rounds = sa.Table(
    "rounds",
    metadata,
    _cluster_id(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("round", sa.Text, nullable=False),
    sa.Column("date", sa.DateTime),
    sa.Column("description", sa.Text),
    sa.Column("extra", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "position"),
)

actors = sa.Table(
    "actors",
    metadata,
    _cluster_id(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("actor_id", sa.Text, nullable=False),
    sa.Column("name", sa.Text),
    sa.Column("type", sa.Text),
    sa.Column("attributes", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "position"),
    sa.UniqueConstraint("cluster_id", "actor_id", name="uq_actors_cluster_actor"),
)

ties = sa.Table(
    "ties",
    metadata,
    _cluster_id(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("round", sa.Text, nullable=False),
    sa.Column("relation", sa.Text, nullable=False),
    sa.Column("trust", sa.Integer),
    sa.Column("weight", sa.Double),
    sa.Column("extra", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "position"),
    sa.Index("ix_ties_cluster_round", "cluster_id", "round"),
)

respondents = sa.Table(
    "respondents",
    metadata,
    _cluster_id(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("round", sa.Text, nullable=False),
    sa.Column("actor_id", sa.Text, nullable=False),
    sa.Column("extra", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "position"),
)

actions = sa.Table(
    "actions",
    metadata,
    _cluster_id(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("action_id", sa.Text, nullable=False),
    sa.Column("date", sa.DateTime),
    sa.Column("kind", sa.Text),
    sa.Column("participants", sa.Text),
    sa.Column("lead_actor", sa.Text),
    sa.Column("gap_key", sa.Text),
    sa.Column("indicator_id", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("notes", sa.Text),
    sa.Column("status", sa.Text),
    sa.Column("extra", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "position"),
)

logframe = sa.Table(
    "logframe",
    metadata,
    _cluster_id(),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("indicator_id", sa.Text, nullable=False),
    sa.Column("level", sa.Text),
    sa.Column("name", sa.Text),
    sa.Column("kpi", sa.Text),
    sa.Column("basis", sa.Text),
    sa.Column("baseline_round", sa.Text),
    sa.Column("target", sa.Double),
    sa.Column("target_round", sa.Text),
    sa.Column("extra", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("cluster_id", "position"),
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
    _cluster_id(),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("tie_rows", sa.Integer, nullable=False),
    sa.Column("imported_by", sa.Text, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)

user_roles = sa.Table(
    "user_roles",
    metadata,
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("cluster", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.PrimaryKeyConstraint("email", "cluster"),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("cluster", sa.String(200)),
    sa.Column("detail", sa.Text, nullable=False),
)

SHEET_TABLES = {
    "actors": actors,
    "ties": ties,
    "rounds": rounds,
    "respondents": respondents,
    "actions": actions,
    "logframe": logframe,
}
"""The survey's tables (its ``Survey`` attribute names) and the store table each is kept in."""

EXTRA_COLUMN = {"actors": "attributes"}
"""The JSON column of a table's further columns, when it is not called ``extra``."""
