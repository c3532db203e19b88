"""``clusternet db delete``, ``db role`` and ``db roles``: an administrator's commands on the store."""

from __future__ import annotations

import io

import pytest

from clusternet.cli import main
from clusternet.store.clusters import cluster_names
from clusternet.store.engine import open_store
from clusternet.store.roles import Role, role_of
from tests.conftest import SAMPLE_CSV, SAMPLE_WORKBOOK
from tests.store.test_commands import one_line_error


@pytest.fixture
def filled(store_url):
    """A store holding the sample as clusters ``handloom`` and ``second``, with an admin for every cluster."""
    assert main(["db", "upgrade", "--db", store_url]) == 0
    assert main(["db", "import", str(SAMPLE_WORKBOOK), "--cluster", "handloom", "--db", store_url]) == 0
    assert main(["db", "import", str(SAMPLE_CSV), "--cluster", "second", "--db", store_url]) == 0
    assert main(["db", "role", "boss@example.org", "admin", "--db", store_url]) == 0
    return store_url


def clusters_of(url: str) -> list[str]:
    engine = open_store(url)
    try:
        return cluster_names(engine)
    finally:
        engine.dispose()


def test_delete_without_yes_says_what_it_would_delete_and_deletes_nothing(filled, capsys):
    capsys.readouterr()
    assert main(["db", "delete", "--cluster", "handloom", "--db", filled]) == 1
    captured = capsys.readouterr()
    assert 'Deleting cluster "handloom" from ' in captured.out
    assert "(actors: 66, tie rows: 801, rounds: 3), its import log (entries: 1)" in captured.out
    assert captured.err.strip().endswith("nothing was deleted; to delete the cluster, add --yes")
    assert clusters_of(filled) == ["handloom", "second"]


def test_delete_asks_for_the_name_at_a_terminal(filled, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("handlom\n"))
    assert main(["db", "delete", "--cluster", "handloom", "--db", filled]) == 1
    assert clusters_of(filled) == ["handloom", "second"]
    monkeypatch.setattr("sys.stdin", Terminal("handloom\n"))
    assert main(["db", "delete", "--cluster", "handloom", "--db", filled]) == 0
    assert clusters_of(filled) == ["second"]


def test_delete_with_yes_deletes_the_cluster_only(filled, capsys):
    assert main(["db", "role", "ana@example.org", "analyst", "--cluster", "handloom", "--db", filled]) == 0
    capsys.readouterr()
    assert main(["db", "delete", "--cluster", "handloom", "--yes", "--db", filled]) == 0
    out = capsys.readouterr().out
    assert out.startswith('Deleted cluster "handloom" from ') and "roles: 1); the audit log keeps" in out
    assert clusters_of(filled) == ["second"]
    assert main(["db", "roles", "--db", filled]) == 0
    assert "ana@example.org" not in capsys.readouterr().out


def test_deleting_an_unknown_cluster_is_one_line_naming_the_clusters(filled, capsys):
    capsys.readouterr()
    assert main(["db", "delete", "--cluster", "weaving", "--yes", "--db", filled]) == 1
    assert one_line_error(capsys).endswith('there is no cluster "weaving" in the store; the clusters are "handloom", '
                                           '"second"')  # fmt: skip


def test_a_role_is_given_listed_and_taken_away(filled, capsys):
    capsys.readouterr()
    assert main(["db", "role", "Ana@Example.org", "analyst", "--cluster", "handloom", "--db", filled]) == 0
    assert 'ana@example.org is now analyst for the cluster "handloom" in ' in capsys.readouterr().out
    assert main(["db", "roles", "--db", filled]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split() for line in lines] == [
        ["email", "cluster", "role"],
        ["ana@example.org", "handloom", "analyst"],
        ["boss@example.org", "*", "admin"],
    ]
    assert main(["db", "role", "ana@example.org", "--remove", "--cluster", "handloom", "--db", filled]) == 0
    assert 'ana@example.org no longer has a role for the cluster "handloom"' in capsys.readouterr().out
    assert main(["db", "role", "ana@example.org", "--remove", "--db", filled]) == 0
    assert "had no role for every cluster" in capsys.readouterr().out
    engine = open_store(filled)
    assert role_of(engine, "ana@example.org", "handloom") is None and role_of(engine, "boss@example.org") is Role.ADMIN
    engine.dispose()


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["boss@example.org", "--remove"], "boss@example.org is the last administrator of every cluster"),
        (["boss@example.org", "viewer"], "boss@example.org is the last administrator of every cluster"),
        (["nobody", "viewer"], '"nobody" is not an e-mail address'),
        (["ana@example.org", "owner"], 'there is no role "owner"'),
        (["ana@example.org"], "give the ROLE (viewer, analyst or admin), or --remove"),
        (["ana@example.org", "viewer", "--remove"], "give a ROLE or --remove, not both"),
    ],
)
def test_a_role_that_cannot_be_given_is_one_line_and_changes_nothing(filled, capsys, arguments, says):
    capsys.readouterr()
    assert main(["db", "role", *arguments, "--db", filled]) == 1
    assert says in one_line_error(capsys)
    engine = open_store(filled)
    assert role_of(engine, "boss@example.org") is Role.ADMIN and role_of(engine, "ana@example.org") is None
    engine.dispose()


def test_roles_of_a_store_without_any_say_how_to_give_one(store_url, capsys):
    assert main(["db", "upgrade", "--db", store_url]) == 0
    capsys.readouterr()
    assert main(["db", "roles", "--db", store_url]) == 0
    assert "gives no role yet; give one with: clusternet db role EMAIL ROLE" in capsys.readouterr().out
