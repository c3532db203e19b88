"""What a session of the app may see and do (clusternet.store.access), and the store as the app opens it."""

from __future__ import annotations

from clusternet.store.access import LOCAL, SHARED, Access, administrators, session_access
from clusternet.store.opening import app_store_url, content_key, existing_store, store_to_write
from clusternet.store.roles import EVERY_CLUSTER, Role, set_role
from clusternet.store.uploads import uploaded_source


def test_local_mode_is_one_administrator_of_everything():
    access = session_access(None, shared=False, email=None)
    assert access.mode == LOCAL and access.admitted and access.who == "local user"
    assert access.role_for("any") is Role.ADMIN and access.may_save_as("any")
    assert access.audience("any", False, 1) == (False, 1)


def test_shared_mode_without_sign_in_or_role_admits_nobody(store):
    assert not session_access(store, shared=True, email=None).admitted
    stranger = session_access(store, shared=True, email="Someone@Example.org ")
    assert stranger.email == "someone@example.org" and not stranger.admitted


def test_a_cluster_role_wins_and_a_survey_outside_the_store_gets_the_highest(store):
    set_role(store, "ana@example.org", Role.VIEWER, by="tests")
    set_role(store, "ana@example.org", Role.ANALYST, cluster="pottery", by="tests")
    access = session_access(store, shared=True, email="ana@example.org")
    assert access.roles == {EVERY_CLUSTER: Role.VIEWER, "pottery": Role.ANALYST}
    assert access.role_for("weaving") is Role.VIEWER and access.role_for("pottery") is Role.ANALYST
    assert access.role_for(None) is Role.ANALYST
    assert access.clusters(["pottery", "weaving"]) == ["pottery", "weaving"]
    assert access.audience("weaving", False, 1) == (True, 3)
    assert access.audience("pottery", False, 1) == (False, 1)
    assert not access.may_save_clusters and not access.may_save_as("pottery")


def test_a_user_with_roles_for_some_clusters_sees_only_those():
    access = Access(SHARED, "p@example.org", {"pottery": Role.ADMIN})
    assert access.clusters(["pottery", "weaving"]) == ["pottery"]
    assert access.may_save_as("pottery") and not access.may_save_as("weaving")


def test_whom_to_ask_lists_the_administrators_of_every_cluster_first(store):
    set_role(store, "zed@example.org", Role.ADMIN, by="tests")
    set_role(store, "amy@example.org", Role.ADMIN, cluster="pottery", by="tests")
    set_role(store, "bob@example.org", Role.ANALYST, by="tests")
    assert administrators(store) == ["zed@example.org", "amy@example.org"]
    text = str(Access(SHARED, "x@example.org").refusal(administrators(store)))
    assert "zed@example.org, amy@example.org" in text


def test_the_app_opens_no_store_that_does_not_exist_and_creates_it_to_save(tmp_path):
    url = f"sqlite:///{tmp_path / 'programme.db'}"
    assert existing_store(url) is None and not (tmp_path / "programme.db").exists()
    created = store_to_write(url)
    assert content_key(created) == ""
    created.dispose()
    opened = existing_store(url)
    assert opened is not None
    opened.dispose()


def test_the_environment_wins_over_the_apps_secrets():
    assert app_store_url("sqlite:///secrets.db", {"CLUSTERNET_DB_URL": "sqlite:///env.db"}) == "sqlite:///env.db"
    assert app_store_url("sqlite:///secrets.db", {}) == "sqlite:///secrets.db"


def test_an_upload_is_logged_by_its_file_names_and_checksum():
    workbook = uploaded_source([("survey.xlsx", b"abc")], "me")
    assert workbook.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert uploaded_source([("b.csv", b"2"), ("a.csv", b"1")], "me").name == "a.csv + b.csv"


def test_admins_delete_the_clusters_they_administer_and_admins_of_every_cluster_manage_roles():
    assert Access(LOCAL).may_delete("any") and Access(LOCAL).may_manage_roles
    everywhere = Access(SHARED, "boss@example.org", {EVERY_CLUSTER: Role.ADMIN})
    assert everywhere.may_delete("pottery") and everywhere.may_manage_roles
    one = Access(SHARED, "amy@example.org", {"pottery": Role.ADMIN, EVERY_CLUSTER: Role.ANALYST})
    assert one.may_delete("pottery") and not one.may_delete("weaving") and not one.may_manage_roles
    analyst = Access(SHARED, "ana@example.org", {EVERY_CLUSTER: Role.ANALYST})
    assert not analyst.may_delete("pottery") and not analyst.may_manage_roles
