"""The Data page's Programme store tab: an administrator deletes clusters and edits the roles.

The store is a temporary SQLite file (``CLUSTERNET_DB_URL``), as in ``test_store_app.py``. AppTest
cannot edit a data editor (Streamlit 1.67 gives it no widget to set), so a test edits the roles
where the page gets them: ``st.data_editor`` of the roles table returns the table as the user left it.
"""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit

from clusternet import load_survey
from clusternet.store.clusters import SurveyFile, cluster_names, import_survey
from clusternet.store.roles import roles_table
from tests.app.test_pages import SAMPLE_NAMES, on_page, page_text
from tests.app.test_store_app import ADMIN, ANALYST, VIEWER, app, pick, store, store_url  # noqa: F401
from tests.conftest import SAMPLE_WORKBOOK

STORE_TAB = "Programme store"


@pytest.fixture
def two_clusters(store):  # noqa: F811
    """The store of ``test_store_app`` with the sample stored a second time, as "weaving"."""
    import_survey(store, load_survey(SAMPLE_WORKBOOK), "weaving", SurveyFile("weaving.xlsx", "1" * 64, "t"))
    return store


@pytest.fixture
def edited_roles(monkeypatch):
    """``edit(table)``: from now on the roles editor returns ``table``, as if the user had edited it so."""
    real = streamlit.data_editor

    def edit(table: pd.DataFrame) -> None:
        def data_editor(data, *arguments, key=None, **options):
            if str(key).startswith("roles_editor"):
                real(data, *arguments, key=key, **options)
                return table
            return real(data, *arguments, key=key, **options)

        monkeypatch.setattr(streamlit, "data_editor", data_editor)

    return edit


def tab_labels(test) -> list[str]:
    return [tab.label for tab in test.tabs]


def delete(test, cluster: str, typed: str):
    test.selectbox(key="delete_cluster").set_value(cluster).run()
    test.text_input(key="delete_confirmation").set_value(typed).run()
    return test


def test_an_admin_deletes_a_cluster_after_typing_its_name_and_the_picker_loses_it(two_clusters):
    test = on_page(pick(app(), "handloom"), "data")
    assert STORE_TAB in tab_labels(test)
    tables = {tuple(frame.value.columns): frame.value for frame in test.dataframe}
    assert list(tables["cluster", "rounds", "actors", "ties"]["cluster"]) == ["handloom", "weaving"]
    delete(test, "handloom", "handlom")
    assert test.button(key="delete_cluster_button").disabled
    assert 'Deleting "handloom" removes its survey (66 actors, 801 tie rows, 3 round(s))' in page_text(test)
    delete(test, "handloom", "handloom")
    test.button(key="delete_cluster_button").click().run()
    assert not test.exception
    assert 'The cluster "handloom" was deleted from the programme store.' in [item.value for item in test.success]
    assert cluster_names(two_clusters) == ["weaving"]
    picker = test.sidebar.selectbox(key="cluster_picker")
    assert picker.options == ["The Data page's survey", "weaving"] and picker.value is None
    assert test.success[0].value.startswith("Using the bundled sample")  # the deleted cluster was in use


@pytest.mark.parametrize("email", [ANALYST, VIEWER])
def test_an_analyst_or_a_viewer_sees_no_programme_store_tab(store, email):  # noqa: F811
    test = on_page(app(email, shared=True), "data")
    assert not test.exception
    assert STORE_TAB not in tab_labels(test)
    assert not [box for box in test.selectbox if box.key == "delete_cluster"]
    assert not [button for button in test.button if button.key in ("save_roles", "delete_cluster_button")]


def test_an_admin_of_one_cluster_deletes_only_that_one_and_does_not_manage_roles(two_clusters):
    from clusternet.store.roles import Role, set_role

    set_role(two_clusters, "amy@example.org", Role.ADMIN, cluster="weaving", by="tests")
    test = on_page(app("amy@example.org", shared=True), "data")
    assert test.selectbox(key="delete_cluster").options == ["weaving"]
    assert "The roles are managed by an administrator of every cluster (*)." in page_text(test)
    assert not [button for button in test.button if button.key == "save_roles"]


def test_roles_saved_take_effect_a_viewer_made_analyst_sees_names(store, edited_roles):  # noqa: F811
    test = on_page(app(ADMIN, shared=True), "data")
    roles = roles_table(store)
    roles.loc[roles["email"] == VIEWER, "role"] = "analyst"
    edited_roles(roles)
    test.run()
    test.button(key="save_roles").click().run()
    assert not test.exception
    assert "Roles saved: 1 given or changed, 0 taken away." in [item.value for item in test.success]
    assert dict(zip(roles_table(store)["email"], roles_table(store)["role"]))[VIEWER] == "analyst"
    seen = app(VIEWER, shared=True)
    assert f"Signed in as {VIEWER}: analyst." in " ".join(item.value for item in seen.sidebar.caption)
    assert not seen.sidebar.toggle(key="anonymise").proto.disabled
    assert SAMPLE_NAMES[0] in page_text(on_page(pick(seen, "handloom"), "actors"))


def test_the_last_admin_cannot_be_removed(store, edited_roles):  # noqa: F811
    test = on_page(app(ADMIN, shared=True), "data")
    before = roles_table(store)
    edited_roles(before[before["email"] != ADMIN])
    test.run()
    test.button(key="save_roles").click().run()
    assert not test.exception
    assert any(f"{ADMIN} is the last administrator of every cluster" in item.value for item in test.error)
    assert roles_table(store).equals(before)
