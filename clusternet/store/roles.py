"""Who may do what with a programme's clusters: the roles of the store's users, by e-mail address.

- ``viewer``: anonymised maps and aggregates only;
- ``analyst``: names, every analysis and export;
- ``admin``: besides, imports clusters and manages the roles.

A role is given for one cluster or for every cluster (:data:`EVERY_CLUSTER`); a role for the cluster
wins over a role for every cluster. Someone with no role sees nothing. In local mode (one laptop, no
sign-in: the app without an ``[auth]`` section in its secrets) the one user is an admin
(:func:`session_role`). Every change of a role is audited.

A store that has an administrator for every cluster keeps one: no change (:func:`set_role`,
:func:`remove_role`, :func:`replace_roles`) may take away or lower the last such role, since only
an administrator of every cluster manages the roles in the app.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from clusternet.messages import message
from clusternet.store.audit import record
from clusternet.store.clusters import checked_name
from clusternet.store.engine import write_transaction
from clusternet.store.errors import StoreError
from clusternet.store.tables import user_roles

UNKNOWN_ROLE = message(
    "store.problem.unknown_role", 'there is no role "{role}"; the roles are viewer, analyst and admin'
)
BAD_EMAIL = message(
    "store.problem.bad_email", '"{email}" is not an e-mail address; give the address people sign in with, like '
    "ana@example.org"
)  # fmt: skip
TWICE = message("store.problem.role_twice", '{email} is given two roles for "{cluster}"; keep one of them')
LAST_ADMIN = message(
    "store.problem.last_admin",
    "{email} is the last administrator of every cluster: give another address the admin role for every "
    "cluster (*) first, so that someone can still manage the roles",
)

MAX_EMAIL_LENGTH = 320
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

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


def checked_email(email: str) -> str:
    """The address normalised (:func:`normalised_email`), :class:`StoreError` unless it looks like one."""
    address = normalised_email(email)
    if len(address) > MAX_EMAIL_LENGTH or not EMAIL.fullmatch(address):
        raise StoreError(BAD_EMAIL(email=email))
    return address


def checked_scope(cluster: str) -> str:
    """:data:`EVERY_CLUSTER`, or a usable cluster name (a role may be given before the cluster is imported)."""
    return EVERY_CLUSTER if cluster.strip() == EVERY_CLUSTER else checked_name(cluster)


def set_role(engine: Engine, email: str, role: Role, *, cluster: str = EVERY_CLUSTER, by: str) -> None:
    """Give ``email`` the role for ``cluster`` (default: every cluster), replacing any it had there.

    :class:`StoreError` for an address or a cluster name that cannot be used, or when it would lower
    the last administrator of every cluster."""
    address, scope = checked_email(email), checked_scope(cluster)
    with write_transaction(engine) as connection:
        had_admin = _admins_of_every_cluster(connection)
        _write_role(connection, address, scope, role, by)
        _keep_an_admin(connection, had_admin, address)


def remove_role(engine: Engine, email: str, *, cluster: str = EVERY_CLUSTER, by: str) -> bool:
    """Take away the role ``email`` has for ``cluster`` (default: its role for every cluster); whether
    it had one. :class:`StoreError` when it is the last administrator of every cluster."""
    address, scope = normalised_email(email), cluster.strip()
    with write_transaction(engine) as connection:
        had_admin = _admins_of_every_cluster(connection)
        removed = _write_role(connection, address, scope, None, by)
        _keep_an_admin(connection, had_admin, address)
    return removed


@dataclass(frozen=True)
class RoleChanges:
    """What :func:`replace_roles` changed: roles given or changed, roles taken away."""

    given: int
    removed: int


def replace_roles(engine: Engine, wanted: Iterable[tuple[str, str, str]], *, by: str) -> RoleChanges:
    """Make the store's roles exactly ``wanted`` (``(email, cluster, role)`` rows, as :func:`roles_table`
    lists them) in one transaction: the roles that differ are given, changed or taken away, each audited.

    :class:`StoreError` (and nothing changed) for an address, a cluster or a role that cannot be used,
    an address given two roles for one cluster, or a change that leaves no administrator of every
    cluster where there was one."""
    target: dict[tuple[str, str], Role] = {}
    for email, cluster, role in wanted:
        key = (checked_email(email), checked_scope(cluster))
        if key in target:
            raise StoreError(TWICE(email=key[0], cluster=key[1]))
        target[key] = Role.of(role)
    with write_transaction(engine) as connection:
        had_admin = _admins_of_every_cluster(connection)
        held = {(str(email), str(cluster)): Role.of(str(role)) for email, cluster, role in connection.execute(
            sa.select(user_roles.c.email, user_roles.c.cluster, user_roles.c.role))}  # fmt: skip
        removed = [key for key in held if key not in target]
        given = [key for key, role in target.items() if held.get(key) is not role]
        for email, cluster in removed:
            _write_role(connection, email, cluster, None, by)
        for email, cluster in given:
            _write_role(connection, email, cluster, target[email, cluster], by)
        lowered = sorted(email for (email, cluster), role in held.items() if cluster == EVERY_CLUSTER
                         and role is Role.ADMIN and target.get((email, cluster)) is not Role.ADMIN)  # fmt: skip
        _keep_an_admin(connection, had_admin, ", ".join(lowered))
    return RoleChanges(len(given), len(removed))


def _write_role(connection: Connection, email: str, cluster: str, role: Role | None, by: str) -> bool:
    """Replace the role of ``email`` for ``cluster`` by ``role`` (None: remove it), audited; whether it had one."""
    where = (user_roles.c.email == email) & (user_roles.c.cluster == cluster)
    had = connection.execute(user_roles.delete().where(where)).rowcount > 0
    scope = None if cluster == EVERY_CLUSTER else cluster
    if role is None:
        record(connection, by, "remove_role", scope, {"email": email, "cluster": cluster})
    else:
        connection.execute(user_roles.insert().values(email=email, cluster=cluster, role=role.code))
        record(connection, by, "set_role", scope, {"email": email, "role": role.code, "cluster": cluster})
    return had


def _admins_of_every_cluster(connection: Connection) -> int:
    where = (user_roles.c.cluster == EVERY_CLUSTER) & (user_roles.c.role == Role.ADMIN.code)
    return int(connection.execute(sa.select(sa.func.count()).select_from(user_roles).where(where)).scalar_one())


def _keep_an_admin(connection: Connection, had_admin: int, email: str) -> None:
    """Refuse (the transaction rolled back) a change that took away the last administrator of every cluster."""
    if had_admin and not _admins_of_every_cluster(connection):
        raise StoreError(LAST_ADMIN(email=email))


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
