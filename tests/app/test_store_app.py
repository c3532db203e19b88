"""The app on the programme store: the cluster picker, saving to the store, and who may see what.

Every test points the store at a temporary file (``CLUSTERNET_DB_URL``), so nothing is written into
the repository. Shared mode is an ``[auth]`` section in AppTest's secrets, and the signed-in user
is AppTest's ``user`` (``st.user``); nobody signs in for real (``st.login`` is never clicked).
"""

from __future__ import annotations

import io
import zipfile

import pytest
import sqlalchemy as sa
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from clusternet import load_survey
from clusternet.store.clusters import SurveyFile, cluster_names, import_survey, load_cluster
from clusternet.store.engine import open_store
from clusternet.store.migrate import upgrade
from clusternet.store.roles import Role, set_role
from clusternet.store.tables import imports
from tests.app.test_pages import PAGES, SAMPLE_NAMES, on_page, page_text
from tests.conftest import REPO, SAMPLE_WORKBOOK

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not a secret: tests only",
    "client_id": "clusternet",
    "client_secret": "tests",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}
ADMIN, ANALYST, VIEWER = "boss@example.org", "ana@example.org", "vic@example.org"
SMALL_SURVEY = (
    ("actors.csv", b"actor_id,name,type\nP1,Potter One,firm\nP2,Potter Two,firm\nP3,Clay Guild,association\n"),
    ("ties.csv", b"source,target,round,trust\nP1,P2,r1,4\nP2,P3,r1,3\nP3,P1,r1,5\n"),
)


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    """A store that does not exist yet, in the test's temporary folder."""
    url = f"sqlite:///{tmp_path / 'programme.db'}"
    monkeypatch.setenv("CLUSTERNET_DB_URL", url)
    return url


@pytest.fixture
def store(store_url):
    """A store holding the bundled sample as the cluster "handloom", with an admin, an analyst and a viewer."""
    engine = open_store(store_url, create=True)
    upgrade(engine)
    import_survey(engine, load_survey(SAMPLE_WORKBOOK), "handloom", SurveyFile("handloom_cluster.xlsx", "0" * 64, "t"))
    for email, role in [(ADMIN, Role.ADMIN), (ANALYST, Role.ANALYST), (VIEWER, Role.VIEWER)]:
        set_role(engine, email, role, by="tests")
    yield engine
    engine.dispose()


def app(email: str | None = None, *, shared: bool = False) -> AppTest:
    """The app, in shared mode signed in as ``email`` (None: not signed in), or in local mode."""
    test = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    if shared:
        test.secrets["auth"] = AUTH
        test.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    return test.run()


def pick(test: AppTest, cluster: str | None) -> AppTest:
    return test.sidebar.selectbox(key="cluster_picker").set_value(cluster).run()


def sidebar_text(test: AppTest) -> str:
    return " ".join(element.value for element in test.sidebar.caption)


def test_without_a_store_the_app_opens_on_the_sample_in_local_mode_and_creates_nothing(store_url, tmp_path):
    test = app()
    assert not test.exception
    assert test.title[0].value == "Map"
    assert "Local mode: you are the administrator." in sidebar_text(test)
    assert not [box for box in test.sidebar.selectbox if box.key == "cluster_picker"]
    assert not (tmp_path / "programme.db").exists()


def test_the_cluster_picker_opens_a_stored_cluster(store):
    test = app()
    picker = test.sidebar.selectbox(key="cluster_picker")
    assert picker.options == ["The Data page's survey", "handloom"] and picker.value is None
    test = on_page(pick(test, "handloom"), "data")
    assert not test.exception
    assert 'Using the cluster "handloom" of the programme store: 66 actors' in test.success[0].value
    test = on_page(test, "actors")
    assert test.sidebar.selectbox(key="cluster_picker").value == "handloom"
    assert "COOP01" in set(test.dataframe[0].value["actor_id"])


def test_an_admin_saves_a_valid_upload_as_a_cluster_and_uses_it(store_url):
    test = on_page(app(), "data")
    test.session_state["upload"] = SMALL_SURVEY
    test.run()
    test.text_input(key="save_cluster_name").set_value("pottery").run()
    test.button(key="save_cluster").click().run()
    assert not test.exception
    assert 'Saved as the cluster "pottery"' in test.success[0].value
    assert 'Using the cluster "pottery" of the programme store: 3 actors' in test.success[1].value
    assert test.sidebar.selectbox(key="cluster_picker").value == "pottery"
    engine = open_store(store_url)
    assert cluster_names(engine) == ["pottery"]
    with engine.connect() as connection:
        logged = connection.execute(sa.select(imports.c.file_name, imports.c.imported_by)).all()
    assert [tuple(row) for row in logged] == [("actors.csv + ties.csv", "local user")]
    engine.dispose()


def test_a_refused_upload_and_the_sample_offer_no_save(store_url):
    test = on_page(app(), "data")
    assert not [button for button in test.button if button.key == "save_cluster"]
    test.session_state["upload"] = (("actors.csv", b"actor_id\nA\nA\n"), ("ties.csv", b"source,target\nA,B\n"))
    test.run()
    assert test.error and not [button for button in test.button if button.key == "save_cluster"]


def test_the_facilitation_log_of_a_stored_cluster_is_saved_to_the_store(store):
    test = on_page(pick(app(), "handloom"), "logframe")
    test.button(key="logframe_apply").click().run()
    assert not test.exception
    assert 'saved to the cluster "handloom" of the programme store' in test.success[0].value
    with store.connect() as connection:
        logged = connection.execute(sa.select(imports.c.file_name).order_by(imports.c.import_id)).scalars().all()
    assert logged == ["handloom_cluster.xlsx", "handloom_cluster.xlsx"]
    assert load_cluster(store, "handloom").actions.equals(load_survey(SAMPLE_WORKBOOK).actions)


# --- shared mode -------------------------------------------------------------------------------


def test_shared_mode_shows_a_sign_in_button_and_nothing_else_before_signing_in(store):
    test = app(shared=True)
    assert not test.exception
    assert [button.label for button in test.button] == ["Sign in"]
    assert "sign in to see its clusters" in test.info[0].value
    assert not test.dataframe and not test.get("iframe")
    assert not any(name in page_text(test) for name in SAMPLE_NAMES)


def test_a_user_without_a_role_sees_only_whom_to_ask(store):
    test = app("stranger@example.org", shared=True)
    assert not test.exception
    assert test.info[0].value == (
        f"stranger@example.org has no role in this programme yet. Ask an administrator to give you one: {ADMIN}."
    )
    assert [button.label for button in test.button] == ["Sign out"]
    assert not test.dataframe and not test.get("iframe") and test.title[0].value == "clusternet"


def test_an_analyst_sees_names_and_may_not_save_clusters(store):
    test = app(ANALYST, shared=True)
    assert f"Signed in as {ANALYST}: analyst." in sidebar_text(test)
    assert not test.sidebar.toggle(key="anonymise").proto.disabled
    test = on_page(pick(test, "handloom"), "actors")
    assert SAMPLE_NAMES[0] in page_text(test)
    test = on_page(test, "data")
    test.session_state["upload"] = SMALL_SURVEY
    test.run()
    assert not [button for button in test.button if button.key == "save_cluster"]


def test_an_admin_for_every_cluster_saves_with_their_address_in_the_import_log(store):
    test = on_page(app(ADMIN, shared=True), "data")
    test.session_state["upload"] = SMALL_SURVEY
    test.run()
    test.text_input(key="save_cluster_name").set_value("pottery").run()
    test.button(key="save_cluster").click().run()
    assert 'Saved as the cluster "pottery"' in test.success[0].value
    with store.connect() as connection:
        who = connection.execute(sa.select(imports.c.imported_by).order_by(imports.c.import_id)).scalars().all()
    assert who == ["t", ADMIN]


def test_an_admin_of_one_cluster_may_not_save_another(store):
    set_role(store, "local@example.org", Role.ADMIN, cluster="handloom", by="tests")
    test = on_page(app("local@example.org", shared=True), "data")
    test.session_state["upload"] = SMALL_SURVEY
    test.run()
    test.text_input(key="save_cluster_name").set_value("pottery").run()
    test.button(key="save_cluster").click().run()
    assert test.error[0].value == 'Only an administrator of "pottery" may save a survey as that cluster.'
    assert cluster_names(store) == ["handloom"]


@pytest.fixture
def downloads(monkeypatch):
    """Every file the app's download buttons offer, by the button's URL or deferred id: the media
    managers of AppTest's runs are kept, so that a button's bytes can be read (or made) after a run."""
    managers: list[MediaFileManager] = []

    class Recorded(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recorded)

    def files(test: AppTest) -> dict[str, bytes]:
        found = {}
        for button in test.get("download_button"):
            proto = button.proto
            for manager in managers:
                deferred = manager._deferred_callables.get(proto.deferred_file_id) if proto.deferred_file_id else None
                if deferred is not None and not str(deferred["mimetype"]).startswith(PICTURES):
                    made = deferred["callable"]()
                    found[proto.label] = made.encode() if isinstance(made, str) else bytes(made)
                elif proto.url:
                    stored = manager._storage._files_by_id.get(proto.url.rsplit("/", 1)[-1].split(".")[0])
                    if stored is not None:
                        found[proto.label] = stored.content
        return found

    return files


PICTURES = ("image/", "application/pdf")
"""Downloads not read for names: a picture's names would be drawn, not written (an anonymised map draws codes)."""


def readable(data: bytes) -> str:
    """A file's text: a workbook's XML parts, else the bytes as UTF-8."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(member).decode("utf-8", "replace") for member in archive.namelist())
    return data.decode("utf-8", "replace")


def written_forms(name: str) -> list[str]:
    return [name, name.replace("&", "&amp;").replace("'", "&apos;"), name.replace("'", "&#x27;")]


def test_a_viewers_anonymise_is_on_and_locked(store):
    test = app(VIEWER, shared=True)
    assert f"Signed in as {VIEWER}: viewer (anonymised views only)." in sidebar_text(test)
    toggle = test.sidebar.toggle(key="anonymise")
    assert toggle.value is True and toggle.proto.disabled


TEXT_DOWNLOADS = {
    "actors": {"Excel tables"},
    "map": {"Edge list (CSV)", "GEXF (Gephi)"},
    "rounds": {"HTML report", "Excel tables"},
    "logframe": {"Download the log (actions sheet, CSV)", "Download action_followup.csv"},
    "portfolio": {"Download portfolio_kpis.csv"},
}
"""Downloads that hold text, which each page must offer a viewer (and which are checked for names)."""


@pytest.mark.parametrize("name", PAGES)
def test_a_viewer_sees_no_name_on_a_page_nor_in_its_downloads(store, downloads, name):
    test = pick(app(VIEWER, shared=True), "handloom")
    test.session_state["anonymise"] = False  # asked for names: a viewer's view stays anonymised
    test.session_state["min_ratings"] = 1
    page = on_page(test, name)
    assert not page.exception, page.exception
    text = page_text(page)
    maps = [element.proto.srcdoc for element in page.get("iframe")]
    for actor in SAMPLE_NAMES:
        assert actor not in text and not any(actor in html for html in maps), actor
    checked = set()
    for label, data in downloads(page).items():
        if data[:4] in (b"%PDF", b"\x89PNG"):
            continue
        content = readable(data)
        assert [actor for actor in SAMPLE_NAMES if any(form in content for form in written_forms(actor))] == [], label
        checked.add(label)
    assert TEXT_DOWNLOADS.get(name, set()) <= checked


def test_a_viewer_cannot_lower_the_threshold_of_ratings(store):
    test = pick(app(VIEWER, shared=True), "handloom")
    threshold = test.sidebar.number_input(key="min_ratings")
    assert threshold.value == 3 and threshold.min == 3
