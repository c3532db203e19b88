"""Roles by e-mail: viewer, analyst, admin; for one cluster or all; local mode is one admin."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from clusternet.store.errors import StoreError
from clusternet.store.roles import Role, remove_role, role_of, roles_table, session_role, set_role
from clusternet.store.tables import audit


def test_a_role_for_a_cluster_wins_over_a_role_for_every_cluster(store):
    set_role(store, "Ana@Example.org ", Role.VIEWER, by="admin@example.org")
    set_role(store, "ana@example.org", Role.ANALYST, cluster="calzado_trujillo", by="admin@example.org")
    assert role_of(store, "ana@example.org") is Role.VIEWER
    assert role_of(store, "ANA@example.org", "calzado_trujillo") is Role.ANALYST
    assert role_of(store, "ana@example.org", "metalwork_suame") is Role.VIEWER
    assert role_of(store, "someone@example.org") is None
    assert roles_table(store).to_dict("list") == {
        "email": ["ana@example.org", "ana@example.org"],
        "cluster": ["*", "calzado_trujillo"],
        "role": ["viewer", "analyst"],
    }
    set_role(store, "ana@example.org", Role.ADMIN, by="admin@example.org")
    remove_role(store, "ana@example.org", cluster="calzado_trujillo", by="admin@example.org")
    assert role_of(store, "ana@example.org", "calzado_trujillo") is Role.ADMIN
    with store.connect() as connection:
        actions = connection.execute(sa.select(audit.c.action).order_by(audit.c.audit_id)).scalars().all()
    assert actions == ["set_role", "set_role", "set_role", "remove_role"]


def test_roles_are_ordered_by_what_they_allow():
    assert Role.ADMIN.allows(Role.ANALYST) and Role.ANALYST.allows(Role.VIEWER)
    assert not Role.VIEWER.allows(Role.ANALYST)
    assert Role.of(" Analyst ") is Role.ANALYST
    with pytest.raises(StoreError, match='no role "owner"'):
        Role.of("owner")


def test_local_mode_is_one_admin_and_shared_mode_needs_a_role(store):
    assert session_role(None, None, local=True) is Role.ADMIN
    assert session_role(store, None, local=False) is None
    assert session_role(store, "nobody@example.org", local=False) is None
    set_role(store, "broker@example.org", Role.ANALYST, by="admin")
    assert session_role(store, "broker@example.org", local=False) is Role.ANALYST
