"""An administrator's changes to the store: a cluster deleted whole, roles replaced, the last admin kept."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from clusternet.store import clusters as store_clusters
from clusternet.store.clusters import (
    SurveyFile,
    cluster_contents,
    cluster_names,
    delete_cluster,
    import_survey,
    load_cluster,
)
from clusternet.store.errors import StoreError
from clusternet.store.roles import (
    Role,
    RoleChanges,
    checked_email,
    remove_role,
    replace_roles,
    role_of,
    roles_table,
    set_role,
)
from clusternet.store.tables import SHEET_TABLES, audit, imports, survey_columns, user_roles
from tests.store.surveys import assert_same_survey, sample

FILE = SurveyFile("handloom_cluster.xlsx", "0" * 64, "broker")
CLUSTER_TABLES = (*SHEET_TABLES.values(), survey_columns, imports)


def rows_by_table(store) -> dict[str, int]:
    with store.connect() as connection:
        return {
            table.name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (*CLUSTER_TABLES, user_roles)
        }


@pytest.fixture
def two_clusters(store):
    """The sample as "handloom" and as "pottery", with a role for each and one for every cluster."""
    import_survey(store, sample(), "handloom", FILE)
    import_survey(store, sample().select("baseline"), "pottery", FILE)
    set_role(store, "boss@example.org", Role.ADMIN, by="setup")
    set_role(store, "ana@example.org", Role.ANALYST, cluster="handloom", by="setup")
    set_role(store, "vic@example.org", Role.VIEWER, cluster="pottery", by="setup")
    return store


def test_deleting_a_cluster_removes_all_of_it_and_nothing_of_another(two_clusters):
    store = two_clusters
    survey = sample()
    before = rows_by_table(store)
    deleted = delete_cluster(store, "handloom", by="boss@example.org")
    assert (deleted.actors, deleted.ties, deleted.rounds, deleted.imports, deleted.roles) == (
        66, len(survey.ties), 3, 1, 1,
    )  # fmt: skip
    assert cluster_names(store) == ["pottery"]
    assert_same_survey(load_cluster(store, "pottery"), survey.select("baseline"))
    after = rows_by_table(store)
    pottery = cluster_contents(store, "pottery")
    assert after["actors"] == pottery.actors and after["ties"] == pottery.ties and after["imports"] == 1
    assert before["ties"] - after["ties"] == len(survey.ties)
    assert roles_table(store).to_dict("list") == {
        "email": ["boss@example.org", "vic@example.org"],
        "cluster": ["*", "pottery"],
        "role": ["admin", "viewer"],
    }
    with pytest.raises(StoreError, match='no cluster "handloom" in the store; the clusters are "pottery"'):
        load_cluster(store, "handloom")


def test_a_deletion_is_audited_with_the_import_log_it_removed(two_clusters):
    delete_cluster(two_clusters, "handloom", by="boss@example.org")
    with two_clusters.connect() as connection:
        who, action, cluster, detail = connection.execute(
            sa.select(audit.c.who, audit.c.action, audit.c.cluster, audit.c.detail).order_by(audit.c.audit_id.desc())
        ).first()
    assert (who, action, cluster) == ("boss@example.org", "delete_cluster", "handloom")
    recorded = json.loads(detail)
    assert recorded["actors"] == 66 and recorded["roles"] == 1
    assert [(entry["file_name"], entry["sha256"], entry["imported_by"]) for entry in recorded["imports"]] == [
        ("handloom_cluster.xlsx", "0" * 64, "broker")
    ]


def test_deleting_an_unknown_cluster_names_the_clusters_and_changes_nothing(two_clusters):
    before = rows_by_table(two_clusters)
    with pytest.raises(StoreError) as refused:
        delete_cluster(two_clusters, "weaving", by="boss@example.org")
    assert str(refused.value) == 'there is no cluster "weaving" in the store; the clusters are "handloom", "pottery"'
    assert rows_by_table(two_clusters) == before


def test_a_failure_in_the_middle_of_a_deletion_leaves_the_store_as_it_was(two_clusters, monkeypatch):
    before = rows_by_table(two_clusters)

    def failing_record(*arguments, **keywords):  # after every row was deleted, before the commit
        raise RuntimeError("server went away")

    monkeypatch.setattr(store_clusters, "record", failing_record)
    with pytest.raises(RuntimeError, match="server went away"):
        delete_cluster(two_clusters, "handloom", by="boss@example.org")
    assert rows_by_table(two_clusters) == before
    assert cluster_names(two_clusters) == ["handloom", "pottery"]
    assert_same_survey(load_cluster(two_clusters, "handloom"), sample())
    assert role_of(two_clusters, "ana@example.org", "handloom") is Role.ANALYST


def test_replacing_the_roles_applies_only_the_differences_in_one_audited_change(two_clusters):
    store = two_clusters
    with store.connect() as connection:
        audited = connection.execute(sa.select(sa.func.count()).select_from(audit)).scalar_one()
    changes = replace_roles(
        store,
        [
            ("boss@example.org", "*", "admin"),
            ("Ana@Example.org", "handloom", "admin"),
            ("new@example.org", "*", "viewer"),
        ],
        by="boss@example.org",
    )
    assert changes == RoleChanges(given=2, removed=1)
    assert roles_table(store).to_dict("list") == {
        "email": ["ana@example.org", "boss@example.org", "new@example.org"],
        "cluster": ["handloom", "*", "*"],
        "role": ["admin", "admin", "viewer"],
    }
    with store.connect() as connection:
        actions = connection.execute(sa.select(audit.c.action).where(audit.c.audit_id > audited)).scalars().all()
    assert sorted(actions) == ["remove_role", "set_role", "set_role"]


@pytest.mark.parametrize(
    ("wanted", "says"),
    [
        ([("boss@example.org", "*", "admin"), ("not an address", "*", "viewer")], "is not an e-mail address"),
        ([("boss@example.org", "*", "admin"), ("x@example.org", "*", "owner")], 'no role "owner"'),
        ([("boss@example.org", "*", "admin"), ("x@example.org", "", "viewer")], "cluster name"),
        ([("boss@example.org", "*", "admin"), ("BOSS@example.org", "*", "viewer")], "two roles"),
        ([("ana@example.org", "handloom", "analyst")], "boss@example.org is the last administrator of every cluster"),
        ([("boss@example.org", "*", "analyst")], "boss@example.org is the last administrator"),
    ],
)
def test_roles_that_cannot_be_used_change_nothing(two_clusters, wanted, says):
    before = roles_table(two_clusters)
    with pytest.raises(StoreError, match=says):
        replace_roles(two_clusters, wanted, by="boss@example.org")
    assert roles_table(two_clusters).equals(before)


def test_the_last_administrator_of_every_cluster_is_kept(store):
    set_role(store, "boss@example.org", Role.ADMIN, by="setup")
    set_role(store, "amy@example.org", Role.ADMIN, cluster="pottery", by="setup")
    with pytest.raises(StoreError, match="last administrator"):
        remove_role(store, "boss@example.org", by="boss@example.org")
    with pytest.raises(StoreError, match="last administrator"):
        set_role(store, "boss@example.org", Role.ANALYST, by="boss@example.org")
    assert role_of(store, "boss@example.org") is Role.ADMIN
    set_role(store, "deputy@example.org", Role.ADMIN, by="boss@example.org")
    assert remove_role(store, "boss@example.org", by="deputy@example.org")
    assert not remove_role(store, "boss@example.org", by="deputy@example.org")
    assert remove_role(store, "amy@example.org", cluster="pottery", by="deputy@example.org")


def test_an_address_is_checked_and_normalised():
    assert checked_email(" Ana@Example.org ") == "ana@example.org"
    for bad in ["", "ana", "ana@", "@example.org", "ana@example", "a b@example.org", "a@b@example.org"]:
        with pytest.raises(StoreError, match="not an e-mail address"):
            checked_email(bad)
