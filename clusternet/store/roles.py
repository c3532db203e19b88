"""Who may do what with a programme's clusters: the roles of the store's users, by e-mail address.

- ``viewer``: anonymised maps and aggregates only;
- ``analyst``: names, every analysis and export;
- ``admin``: besides, imports clusters and manages the roles.

A role is given for one cluster or for every cluster (:data:`EVERY_CLUSTER`); a role for the cluster
wins over a role for every cluster. Someone with no role sees nothing. In local mode (one laptop, no
sign-in: the app without an ``[auth]`` section in its secrets) the one user is an admin
(:func:`session_role`). Every change of a role is audited.
"""

from __future__ import annotations

import enum

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from clusternet.messages import message
from clusternet.store.audit import record
from clusternet.store.engine import write_transaction
from clusternet.store.errors import StoreError
from clusternet.store.tables import user_roles

UNKNOWN_ROLE = message(
    "store.problem.unknown_role", 'there is no role "{role}"; the roles are viewer, analyst and admin'
)

EVERY_CLUSTER = "*"


class Role(enum.IntEnum):
    """A user's role, ordered by what it allows: a role allows what every lower one does."""

    VIEWER = 1
    ANALYST = 2
    ADMIN = 3

    @property
    def code(self) -> str:
        """The role as the store keeps it: ``viewer``, ``analyst`` or ``admin``."""
        return self.name.lower()

    @classmethod
    def of(cls, code: str) -> Role:
        """The role of a code (:class:`StoreError` for anything else)."""
        try:
            return cls[code.strip().upper()]
        except KeyError as error:
            raise StoreError(UNKNOWN_ROLE(role=code)) from error

    def allows(self, needed: Role) -> bool:
        return self >= needed


def normalised_email(email: str) -> str:
    """Addresses are compared without case or surrounding spaces."""
    return email.strip().lower()


def set_role(engine: Engine, email: str, role: Role, *, cluster: str = EVERY_CLUSTER, by: str) -> None:
    """Give ``email`` the role for ``cluster`` (default: every cluster), replacing any it had there."""
    address = normalised_email(email)
    with write_transaction(engine) as connection:
        where = (user_roles.c.email == address) & (user_roles.c.cluster == cluster)
        connection.execute(user_roles.delete().where(where))
        connection.execute(user_roles.insert().values(email=address, cluster=cluster, role=role.code))
        record(connection, by, "set_role", None if cluster == EVERY_CLUSTER else cluster,
               {"email": address, "role": role.code, "cluster": cluster})  # fmt: skip


def remove_role(engine: Engine, email: str, *, cluster: str = EVERY_CLUSTER, by: str) -> None:
    """Take away the role ``email`` has for ``cluster`` (default: its role for every cluster)."""
    address = normalised_email(email)
    with write_transaction(engine) as connection:
        where = (user_roles.c.email == address) & (user_roles.c.cluster == cluster)
        connection.execute(user_roles.delete().where(where))
        record(connection, by, "remove_role", None if cluster == EVERY_CLUSTER else cluster,
               {"email": address, "cluster": cluster})  # fmt: skip


def role_of(engine: Engine, email: str, cluster: str | None = None) -> Role | None:
    """The role of ``email`` for ``cluster`` (its own role there, else its role for every cluster);
    without a cluster, its role for every cluster. None when it has none."""
    scopes = [EVERY_CLUSTER] if cluster is None else [cluster, EVERY_CLUSTER]
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(user_roles.c.cluster, user_roles.c.role).where(
                (user_roles.c.email == normalised_email(email)) & user_roles.c.cluster.in_(scopes)
            )
        )
        found = {str(scope): str(role) for scope, role in rows}
    for scope in scopes:
        if scope in found:
            return Role.of(found[scope])
    return None


def session_role(engine: Engine | None, email: str | None, *, local: bool, cluster: str | None = None) -> Role | None:
    """The role of a session: admin in local mode; signed in, the role of its address; else none."""
    if local:
        return Role.ADMIN
    if engine is None or not email:
        return None
    return role_of(engine, email, cluster)


def roles_table(engine: Engine) -> pd.DataFrame:
    """Every role given: ``email``, ``cluster`` (``*`` for every cluster), ``role``, by address."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(user_roles.c.email, user_roles.c.cluster, user_roles.c.role).order_by(
                user_roles.c.email, user_roles.c.cluster
            )
        ).all()
    return pd.DataFrame(rows, columns=["email", "cluster", "role"])
