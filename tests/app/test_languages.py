"""The app in Spanish and French, and in a pseudo-language that shows any text left untranslated.

The pseudo-language ``eo`` wraps every translation in ⟪ ⟫: on every page, a piece of text with words
of its own that holds no ⟪ is a sentence that bypasses the catalog. The Spanish and French runs look
for any English sentence of the catalog left on a page.
"""

from __future__ import annotations

import re
import shutil

import pytest
from babel.messages.pofile import read_po, write_po
from streamlit.testing.v1 import AppTest

import clusternet.i18n
from clusternet import load_survey
from clusternet.i18n import translations
from tests.app.test_pages import PAGES, on_page
from tests.conftest import REPO, SAMPLE_WORKBOOK

CATALOG = REPO / "clusternet" / "locale" / "messages.pot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]{2,}")
INNERMOST = re.compile(r"⟪[^⟪⟫]*⟫")


def app_in(language: str | None = None) -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    if language is not None:
        app.query_params["lang"] = language
    return app.run()


def shown_texts(app: AppTest) -> list[str]:
    """Every sentence the page writes for people: text elements, widget labels, tab and button names."""
    texts = [
        str(element.value)
        for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error")
        for element in getattr(app, kind)
    ]
    for kind in ("button", "checkbox", "toggle", "selectbox", "multiselect", "radio", "slider", "select_slider",
                 "number_input", "text_input", "file_uploader", "tabs", "expander", "metric"):  # fmt: skip
        texts += [str(widget.label) for widget in getattr(app, kind, []) if getattr(widget, "label", None)]
    return [text for text in texts if text.strip()]


@pytest.fixture(scope="module")
def survey_words() -> set[str]:
    """Words the sample's own data brings to a page: names, ids, attribute values, rounds, relations."""
    survey = load_survey(SAMPLE_WORKBOOK)
    values = [
        str(value) for value in (*survey.actors.to_numpy().ravel(), *survey.round_labels, *survey.relation_labels)
    ]
    return {word.lower() for value in values for word in WORD.findall(value)}


@pytest.fixture
def pseudo_language(tmp_path, monkeypatch):
    """Every catalog plus ``eo``, whose translations are the English wrapped in ⟪ ⟫ (placeholders kept)."""
    locale = tmp_path / "locale"
    shutil.copytree(REPO / "clusternet" / "locale", locale)
    with CATALOG.open("rb") as file:
        catalog = read_po(file, locale="eo")
    for entry in catalog:
        if entry.id:
            forms = [entry.id] if isinstance(entry.id, str) else [entry.id[0], entry.id[1]]
            wrapped = [f"⟪{form}⟫" for form in forms]
            entry.string = wrapped[0] if isinstance(entry.id, str) else (wrapped[0], wrapped[1])
    (locale / "eo" / "LC_MESSAGES").mkdir(parents=True)
    with (locale / "eo" / "LC_MESSAGES" / "messages.po").open("wb") as file:
        write_po(file, catalog)
    monkeypatch.setattr(clusternet.i18n, "LOCALE_DIR", locale)
    translations.cache_clear()
    yield "eo"
    translations.cache_clear()


def untranslated(text: str, survey_words: set[str]) -> bool:
    """True when ``text`` has words outside every ⟪ ⟫ and `code` that are not the survey's own."""
    outside = re.sub(r"`[^`]*`", " ", text)
    while INNERMOST.search(outside):
        outside = INNERMOST.sub(" ", outside)
    return any(word.lower() not in survey_words for word in WORD.findall(outside))


@pytest.mark.parametrize("name", PAGES)
def test_every_sentence_of_every_page_comes_from_the_catalog(name, pseudo_language, survey_words):
    page = on_page(app_in(pseudo_language), name)
    assert not page.exception, page.exception
    left = [text for text in shown_texts(page) if untranslated(text, survey_words)]
    assert left == [], left


def english_sentences() -> set[str]:
    """Pieces of the catalog's English of four words or more, between placeholders: a page that shows
    one in Spanish or French shows a sentence nobody translated."""
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    pieces = set()
    for entry in catalog:
        for text in [entry.id] if isinstance(entry.id, str) else list(entry.id or ()):
            for piece in PLACEHOLDER.split(text or ""):
                piece = piece.strip(" .,:;()-\n")
                if len(WORD.findall(piece)) >= 4:
                    pieces.add(piece)
    return pieces


@pytest.fixture(scope="module")
def english():
    return english_sentences()


@pytest.mark.parametrize("language", ["es", "fr"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_spanish_and_french_runs_with_no_english_sentence(name, language, english):
    page = on_page(app_in(language), name)
    assert not page.exception, page.exception
    text = "\n".join(shown_texts(page))
    assert [piece for piece in english if piece in text] == []


def test_the_url_chooses_the_language_and_the_sidebar_keeps_it_in_the_url():
    app = app_in("es")
    assert app.sidebar.selectbox(key="language").value == "es"
    assert app.title[0].value == "Mapa"
    app.sidebar.selectbox(key="language").set_value("fr").run()
    assert app.title[0].value == "Carte"
    assert app.query_params["lang"] == ["fr"] or app.query_params["lang"] == "fr"


def test_an_unknown_language_in_the_url_opens_in_english():
    app = app_in("de")
    assert not app.exception
    assert app.sidebar.selectbox(key="language").value == "en"
    assert app.title[0].value == "Map"


def test_the_language_box_names_each_language_in_itself():
    app = app_in()
    box = app.sidebar.selectbox(key="language")
    assert box.options == ["English", "Español", "Français"]
