"""Which store: --db, else CLUSTERNET_DB_URL, else .streamlit/secrets.toml, else sqlite:///clusternet.db."""

from __future__ import annotations

import pytest

from clusternet.store.errors import StoreError
from clusternet.store.url import DEFAULT_URL, store_url


def write_secrets(folder, text):
    (folder / ".streamlit").mkdir(parents=True)
    (folder / ".streamlit" / "secrets.toml").write_text(text, encoding="utf-8")


def test_the_first_place_that_names_a_store_wins(tmp_path):
    work, home = tmp_path / "work", tmp_path / "home"
    write_secrets(work, '[connections.clusternet]\nurl = "sqlite:///from-work.db"\n')
    write_secrets(home, '[connections.clusternet]\nurl = "sqlite:///from-home.db"\n')
    environ = {"CLUSTERNET_DB_URL": "sqlite:///from-env.db"}
    assert store_url("sqlite:///given.db", environ, work, home) == "sqlite:///given.db"
    assert store_url(None, environ, work, home) == "sqlite:///from-env.db"
    assert store_url(None, {}, work, home) == "sqlite:///from-work.db"
    assert store_url(None, {}, tmp_path / "elsewhere", home) == "sqlite:///from-home.db"
    assert store_url(None, {}, tmp_path / "elsewhere", tmp_path / "nohome") == DEFAULT_URL == "sqlite:///clusternet.db"


def test_secrets_without_the_connection_fall_through(tmp_path):
    write_secrets(tmp_path, '[connections.other]\nurl = "sqlite:///other.db"\n[auth]\nredirect_uri = "x"\n')
    assert store_url(None, {}, tmp_path, tmp_path / "nohome") == DEFAULT_URL


def test_unreadable_secrets_say_which_file(tmp_path):
    write_secrets(tmp_path, "[connections.clusternet\n")
    with pytest.raises(StoreError, match=r"secrets\.toml cannot be read"):
        store_url(None, {}, tmp_path, tmp_path / "nohome")
