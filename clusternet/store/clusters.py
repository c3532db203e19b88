"""Clusters in the store: a survey imported as one cluster, read back, listed.

A cluster holds one whole survey. Importing replaces everything the cluster held, in one
transaction: when anything fails (a crash, an interrupt, the server going away) the store is as
it was before, and a survey with problems never reaches the store (it is validated before, by
the loader). Every import is logged (file name, checksum, who, when) and audited.

Deleting a cluster (:func:`delete_cluster`) removes, in one transaction, its survey, its import log
and the roles given for it; the audit keeps the deletion, with what the import log said.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from clusternet.store.audit import now, record
from clusternet.store.engine import write_transaction
from clusternet.store.errors import BAD_CLUSTER_NAME, NO_CLUSTERS, UNKNOWN_CLUSTER, StoreError
from clusternet.store.frames import column_rows, table_frame, table_rows
from clusternet.store.tables import (
    SHEET_TABLES,
    actors,
    clusters,
    imports,
    rounds,
    survey_columns,
    ties,
    user_roles,
)
from clusternet.survey import Survey

MAX_NAME_LENGTH = 200
IMPORT_ACTION = "import"
DELETE_ACTION = "delete_cluster"


@dataclass(frozen=True)
class SurveyFile:
    """Where an imported survey came from: its file (or folder) name and checksum, and who imported it."""

    name: str
    sha256: str
    imported_by: str


def survey_checksum(path: Path) -> str:
    """SHA-256 of a survey workbook, or of a CSV folder's files (names and contents, in name order)."""
    digest = hashlib.sha256()
    if path.is_dir():
        for file in sorted(item for item in path.iterdir() if item.is_file()):
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    else:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def checked_name(cluster: str) -> str:
    """The cluster name, :class:`StoreError` unless it is a usable one."""
    name = cluster.strip()
    if not name or len(name) > MAX_NAME_LENGTH or any(mark in name for mark in "\r\n\t"):
        raise StoreError(BAD_CLUSTER_NAME(cluster=cluster))
    return name


def import_survey(engine: Engine, survey: Survey, cluster: str, source: SurveyFile) -> int:
    """Store ``survey`` as ``cluster`` (added, or replacing what the cluster held) in one
    transaction; returns the cluster's id."""
    name = checked_name(cluster)
    with write_transaction(engine) as connection:
        cluster_id = _cleared_cluster(connection, name, survey)
        connection.execute(
            survey_columns.insert(),
            [row for sheet in SHEET_TABLES for row in column_rows(sheet, getattr(survey, sheet), cluster_id)],
        )
        for sheet, table in SHEET_TABLES.items():
            rows = table_rows(sheet, getattr(survey, sheet), cluster_id)
            if rows:
                connection.execute(table.insert(), rows)
        imported = {"file_name": source.name, "sha256": source.sha256, "tie_rows": len(survey.ties)}
        connection.execute(
            imports.insert().values(
                cluster_id=cluster_id, imported_by=source.imported_by, imported_at=now(), **imported
            )
        )
        record(connection, source.imported_by, IMPORT_ACTION, name, imported)
    return cluster_id


def _cleared_cluster(connection: Connection, name: str, survey: Survey) -> int:
    """The id of cluster ``name``, its row describing ``survey`` and its tables emptied (a new row if none)."""
    described = {
        "source": survey.source,
        "respondents_inferred": survey.respondents_inferred,
        "attribute_privacy": json.dumps(dict(survey.attribute_privacy), ensure_ascii=False),
        "updated_at": now(),
    }
    found = connection.execute(sa.select(clusters.c.cluster_id).where(clusters.c.name == name)).scalar()
    if found is None:
        inserted = connection.execute(
            clusters.insert().values(name=name, created_at=described["updated_at"], **described)
        )
        key = inserted.inserted_primary_key
        assert key is not None  # an insert of one row has its key
        return int(key[0])
    for table in (*SHEET_TABLES.values(), survey_columns):
        connection.execute(table.delete().where(table.c.cluster_id == found))
    connection.execute(clusters.update().where(clusters.c.cluster_id == found).values(**described))
    return int(found)


def cluster_names(engine: Engine) -> list[str]:
    """The clusters of the store, in alphabetical order."""
    with engine.connect() as connection:
        return list(connection.execute(sa.select(clusters.c.name).order_by(clusters.c.name)).scalars())


def load_cluster(engine: Engine, cluster: str) -> Survey:
    """The survey stored as ``cluster``, exactly as it was imported (its warnings were shown then).

    :class:`StoreError` naming the clusters there are when the store has no such cluster.
    """
    with engine.connect() as connection:
        found = connection.execute(sa.select(clusters).where(clusters.c.name == cluster)).mappings().first()
        if found is None:
            raise _unknown_cluster(connection, cluster)
        cluster_id = found["cluster_id"]
        columns: dict[str, list[tuple[str, str]]] = {sheet: [] for sheet in SHEET_TABLES}
        described = connection.execute(
            sa.select(survey_columns.c.sheet, survey_columns.c.name, survey_columns.c.dtype)
            .where(survey_columns.c.cluster_id == cluster_id)
            .order_by(survey_columns.c.sheet, survey_columns.c.position)
        )
        for sheet, name, dtype in described:
            columns[sheet].append((name, dtype))
        frames = {}
        for sheet, table in SHEET_TABLES.items():
            rows = connection.execute(
                sa.select(table).where(table.c.cluster_id == cluster_id).order_by(table.c.position)
            ).mappings()
            frames[sheet] = table_frame(sheet, columns[sheet], [dict(row) for row in rows])
    return Survey(
        actors=frames["actors"],
        ties=frames["ties"],
        rounds=frames["rounds"],
        respondents=frames["respondents"],
        actions=frames["actions"],
        logframe=frames["logframe"],
        source=found["source"],
        respondents_inferred=bool(found["respondents_inferred"]),
        attribute_privacy=json.loads(found["attribute_privacy"]),
    )


def _unknown_cluster(connection: Connection, cluster: str) -> StoreError:
    """The error for a cluster the store does not hold, naming those it holds."""
    names = list(connection.execute(sa.select(clusters.c.name).order_by(clusters.c.name)).scalars())
    if not names:
        return StoreError(NO_CLUSTERS(cluster=cluster))
    return StoreError(UNKNOWN_CLUSTER(cluster=cluster, clusters=", ".join(f'"{name}"' for name in names)))


@dataclass(frozen=True)
class ClusterContents:
    """What the store holds for one cluster: what deleting it removes."""

    cluster: str
    actors: int
    ties: int
    rounds: int
    imports: int
    roles: int


def _contents(connection: Connection, cluster: str) -> tuple[int, ClusterContents]:
    """The id of ``cluster`` and what the store holds for it; :class:`StoreError` naming the clusters if none."""
    cluster_id = connection.execute(sa.select(clusters.c.cluster_id).where(clusters.c.name == cluster)).scalar()
    if cluster_id is None:
        raise _unknown_cluster(connection, cluster)

    def count(table: sa.Table, where: sa.ColumnElement[bool]) -> int:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar_one())

    held = {name: count(table, table.c.cluster_id == cluster_id) for name, table in
            (("actors", actors), ("ties", ties), ("rounds", rounds), ("imports", imports))}  # fmt: skip
    return int(cluster_id), ClusterContents(cluster, roles=count(user_roles, user_roles.c.cluster == cluster), **held)


def cluster_contents(engine: Engine, cluster: str) -> ClusterContents:
    """What deleting ``cluster`` would remove; :class:`StoreError` naming the clusters when there is no such one."""
    with engine.connect() as connection:
        return _contents(connection, cluster)[1]


def delete_cluster(engine: Engine, cluster: str, by: str) -> ClusterContents:
    """Delete ``cluster`` from the store in one transaction, and return what it held.

    Its survey's rows, its import log and the roles given for it go (a role for every cluster
    stays); the audit records the deletion, who made it and the import log's entries (file names,
    checksums, who imported them, when), so the deletion and what was deleted stay on record.
    The rows are deleted explicitly rather than by the foreign keys' ``ON DELETE CASCADE``, so that
    a SQLite connection opened without ``PRAGMA foreign_keys`` deletes them too. :class:`StoreError`
    naming the clusters when the store has no such cluster.
    """
    with write_transaction(engine) as connection:
        cluster_id, held = _contents(connection, cluster)
        logged = connection.execute(
            sa.select(imports.c.file_name, imports.c.sha256, imports.c.imported_by, imports.c.imported_at)
            .where(imports.c.cluster_id == cluster_id)
            .order_by(imports.c.import_id)
        ).all()
        for table in (*SHEET_TABLES.values(), survey_columns, imports):
            connection.execute(table.delete().where(table.c.cluster_id == cluster_id))
        connection.execute(user_roles.delete().where(user_roles.c.cluster == cluster))
        connection.execute(clusters.delete().where(clusters.c.cluster_id == cluster_id))
        record(connection, by, DELETE_ACTION, cluster, {
            "actors": held.actors, "ties": held.ties, "rounds": held.rounds, "roles": held.roles,
            "imports": [{"file_name": name, "sha256": sha256, "imported_by": who, "imported_at": at.isoformat()}
                        for name, sha256, who, at in logged],
        })  # fmt: skip
    return held


def clusters_table(engine: Engine) -> pd.DataFrame:
    """One row per cluster: ``cluster``, ``rounds``, ``actors``, ``ties`` (tie rows), by name."""

    def count(table: sa.Table) -> sa.ScalarSelect[int]:
        return (
            sa.select(sa.func.count())
            .select_from(table)
            .where(table.c.cluster_id == clusters.c.cluster_id)
            .scalar_subquery()
        )

    query = sa.select(
        clusters.c.name.label("cluster"),
        count(rounds).label("rounds"),
        count(actors).label("actors"),
        count(ties).label("ties"),
    ).order_by(clusters.c.name)
    with engine.connect() as connection:
        listed = connection.execute(query).all()
    return pd.DataFrame(listed, columns=["cluster", "rounds", "actors", "ties"]).astype(
        {"rounds": "int64", "actors": "int64", "ties": "int64"}
    )
