"""What a session of the app may see and do: its mode, its user and the roles that user holds.

- **Local mode** (no ``[auth]`` section in the app's secrets: one laptop, no sign-in): the one user
  is an administrator, of every cluster.
- **Shared mode** (``[auth]`` configured: the app signs people in with OpenID Connect): a user who
  has not signed in sees a sign-in button only; a signed-in user holding no role sees only whom to
  ask (the administrators' addresses); everyone else has the roles given to their address
  (:mod:`clusternet.store.roles`), each for one cluster or for every cluster.

A role allows the lower ones' rights as well (:class:`~clusternet.store.roles.Role`):

- ``viewer``: the anonymised view only, with trust figures of fewer than
  :data:`~clusternet.constants.MIN_RATINGS_SHOWN` ratings hidden (:meth:`Access.audience`);
- ``analyst``: names, every analysis and export, and the facilitation log saved to the store;
- ``admin``: besides, surveys saved to the store as clusters, and clusters deleted; an admin of every
  cluster (``*``, or local mode) manages the roles too (:meth:`Access.may_manage_roles`).

A survey that is not in the store (the bundled sample, an upload) is the session's own file: it is
seen with the highest role the user holds (:meth:`Access.role_for`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.messages import Message, message
from clusternet.store.roles import EVERY_CLUSTER, Role, normalised_email
from clusternet.store.tables import user_roles

LOCAL, SHARED = "local", "shared"
"""The two modes of the app: one user on a laptop, or a team signing in."""

LOCAL_USER = "local user"
"""Who the import log and the audit name for a change made in local mode."""

LOCAL_MODE = message("store.access.local_mode", "Local mode: you are the administrator.")
SIGNED_IN = message("store.access.signed_in", "Signed in as {email}: {role}.")
ROLE_NAMES = {
    Role.VIEWER: message("store.access.role.viewer", "viewer (anonymised views only)"),
    Role.ANALYST: message("store.access.role.analyst", "analyst"),
    Role.ADMIN: message("store.access.role.admin", "administrator"),
}
SIGN_IN_NEEDED = message(
    "store.access.sign_in_needed", "This programme's clusternet is shared: sign in to see its clusters."
)
NO_ROLE = message(
    "store.access.no_role",
    "{email} has no role in this programme yet. Ask an administrator to give you one: {admins}.",
)
NO_ROLE_NO_ADMIN = message(
    "store.access.no_role_no_admin",
    "{email} has no role in this programme yet, and the store names no administrator: ask the person who "
    "set up clusternet to give you a role (docs/store.md, Roles).",
)
NOT_ADMIN = message("store.access.not_admin", 'Only an administrator of "{cluster}" may save a survey as that cluster.')


@dataclass(frozen=True)
class Access:
    """A session's mode, its user's address (None in local mode or before signing in) and roles.

    ``roles``: the user's role by cluster name, :data:`~clusternet.store.roles.EVERY_CLUSTER` for
    the role given for every cluster.
    """

    mode: str
    email: str | None = None
    roles: Mapping[str, Role] = field(default_factory=dict)

    @property
    def local(self) -> bool:
        return self.mode == LOCAL

    @property
    def signed_in(self) -> bool:
        return self.local or self.email is not None

    @property
    def admitted(self) -> bool:
        """Whether the session may see anything: local, or signed in with at least one role."""
        return self.local or bool(self.roles)

    @property
    def who(self) -> str:
        """The name the import log and the audit keep for this session's changes."""
        return self.email or LOCAL_USER

    def role_for(self, cluster: str | None) -> Role | None:
        """The role for a stored cluster (its own, else the one for every cluster); for a survey not in
        the store (``None``), the highest role held. None: no role."""
        if self.local:
            return Role.ADMIN
        if cluster is None:
            return max(self.roles.values(), default=None)
        return self.roles.get(cluster, self.roles.get(EVERY_CLUSTER))

    def clusters(self, names: Iterable[str]) -> list[str]:
        """The clusters of ``names`` this session may open, in the order given."""
        return [name for name in names if self.role_for(name) is not None]

    def may_save_as(self, cluster: str) -> bool:
        """Whether a survey may be saved (added or replacing it) as ``cluster``: admins of it only."""
        role = self.role_for(cluster)
        return role is not None and role.allows(Role.ADMIN)

    def may_delete(self, cluster: str) -> bool:
        """Whether ``cluster`` may be deleted from the store: admins of it only, as for saving it."""
        return self.may_save_as(cluster)

    @property
    def may_manage_roles(self) -> bool:
        """Whether this session gives and takes roles: local mode, or an admin of every cluster (an admin of
        one cluster could otherwise give themselves every cluster)."""
        return self.local or self.roles.get(EVERY_CLUSTER) is Role.ADMIN

    @property
    def may_save_clusters(self) -> bool:
        """Whether this session is an admin of some cluster (the Data page then offers to save)."""
        return self.local or any(role.allows(Role.ADMIN) for role in self.roles.values())

    def audience(self, cluster: str | None, anonymise: bool, min_ratings: int) -> tuple[bool, int]:
        """The audience a session may have on a survey: (anonymised, k) from what it asks for.

        A viewer is always anonymised and never sees a trust figure of fewer than
        :data:`~clusternet.constants.MIN_RATINGS_SHOWN` ratings; others choose.

        >>> Access(SHARED, "v@example.org", {"*": Role.VIEWER}).audience("a", False, 1)
        (True, 3)
        >>> Access(LOCAL).audience(None, False, 1)
        (False, 1)
        """
        role = self.role_for(cluster)
        if role is None or not role.allows(Role.ANALYST):
            return True, max(min_ratings, MIN_RATINGS_SHOWN)
        return anonymise, min_ratings

    def status(self) -> Message:
        """The sidebar's line on who the user is: local mode, or the address and the role."""
        if self.local:
            return LOCAL_MODE()
        role = self.role_for(None)
        return SIGNED_IN(email=self.email or "", role=ROLE_NAMES[role]() if role is not None else "")

    def refusal(self, administrators: list[str]) -> Message:
        """Why the session sees nothing, and whom to ask."""
        if not self.signed_in:
            return SIGN_IN_NEEDED()
        if administrators:
            return NO_ROLE(email=self.email or "", admins=", ".join(administrators))
        return NO_ROLE_NO_ADMIN(email=self.email or "")


def session_access(engine: Engine | None, *, shared: bool, email: str | None) -> Access:
    """The access of a session: local mode; or shared, signed in as ``email`` (None: not signed in),
    with the roles the store gives that address (none without a store)."""
    if not shared:
        return Access(LOCAL)
    if not email:
        return Access(SHARED)
    address = normalised_email(email)
    return Access(SHARED, address, roles_of(engine, address) if engine is not None else {})


def roles_of(engine: Engine, email: str) -> dict[str, Role]:
    """Every role the address holds, by cluster (``*``: every cluster)."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(user_roles.c.cluster, user_roles.c.role).where(user_roles.c.email == normalised_email(email))
        )
        return {str(cluster): Role.of(str(role)) for cluster, role in rows}


def administrators(engine: Engine | None) -> list[str]:
    """The addresses of the store's administrators, those of every cluster first, to ask for a role."""
    if engine is None:
        return []
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(user_roles.c.email, user_roles.c.cluster).where(user_roles.c.role == Role.ADMIN.code)
        ).all()
    ordered = sorted(rows, key=lambda row: (row.cluster != EVERY_CLUSTER, row.email))
    return list(dict.fromkeys(str(row.email) for row in ordered))
