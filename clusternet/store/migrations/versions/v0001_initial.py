"""The first schema of the programme store: clusters and their survey tables, the import and audit
logs and the roles (as :mod:`clusternet.store.tables` describes them).

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def _cluster_id() -> sa.Column[int]:
    return sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.cluster_id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("cluster_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("respondents_inferred", sa.Boolean, nullable=False),
        sa.Column("attribute_privacy", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "survey_columns",
        _cluster_id(),
        sa.Column("sheet", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("dtype", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "sheet", "position"),
    )
    op.create_table(
        "rounds",
        _cluster_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("round", sa.Text, nullable=False),
        sa.Column("date", sa.DateTime),
        sa.Column("description", sa.Text),
        sa.Column("extra", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "position"),
    )
    op.create_table(
        "actors",
        _cluster_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("type", sa.Text),
        sa.Column("attributes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "position"),
        sa.UniqueConstraint("cluster_id", "actor_id", name="uq_actors_cluster_actor"),
    )
    op.create_table(
        "ties",
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
    )
    op.create_index("ix_ties_cluster_round", "ties", ["cluster_id", "round"])
    op.create_table(
        "respondents",
        _cluster_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("round", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("extra", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "position"),
    )
    op.create_table(
        "actions",
        _cluster_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("action_id", sa.Text, nullable=False),
        sa.Column("date", sa.DateTime),
        *(
            sa.Column(name, sa.Text)
            for name in ("kind", "participants", "lead_actor", "gap_key", "indicator_id", "title", "notes", "status")
        ),
        sa.Column("extra", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "position"),
    )
    op.create_table(
        "logframe",
        _cluster_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("indicator_id", sa.Text, nullable=False),
        *(sa.Column(name, sa.Text) for name in ("level", "name", "kpi", "basis", "baseline_round")),
        sa.Column("target", sa.Double),
        sa.Column("target_round", sa.Text),
        sa.Column("extra", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "position"),
    )
    op.create_table(
        "imports",
        sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
        _cluster_id(),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("tie_rows", sa.Integer, nullable=False),
        sa.Column("imported_by", sa.Text, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "user_roles",
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("cluster", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("email", "cluster"),
    )
    op.create_table(
        "audit",
        sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("cluster", sa.String(200)),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("audit", "user_roles", "imports", "logframe", "actions", "respondents"):
        op.drop_table(table)
    op.drop_index("ix_ties_cluster_round", table_name="ties")
    for table in ("ties", "actors", "rounds", "survey_columns", "clusters"):
        op.drop_table(table)
