"""Spanish and French: every message of the catalog translated, with the placeholders of its source.

The check that fails CI when a new message ships in English only (docs/i18n.md says how to add its
translations); and the catalogs compile, render every message, and keep Markdown as the source has it.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from clusternet.i18n import available_languages, renderer, translations
from clusternet.messages import Template, templates

from .test_catalog import CATALOG, entries, import_every_module, sample_value

LOCALE = Path(__file__).resolve().parents[1] / "clusternet" / "locale"
LANGUAGES = ("es", "fr")
PLACEHOLDERS = re.compile(r"\{[^{}]*\}")
WORDS = re.compile(r"[A-Za-z]{3,}")


def placeholders(text: str) -> set[tuple[str, str]]:
    """The named fields of a template with their format specs: ``{trust:.1f}`` is ``("trust", ".1f")``."""
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def catalog(language):
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


def test_both_languages_are_offered():
    assert available_languages() == ("en", "es", "fr")


def test_every_message_has_a_translation_in_every_form_its_language_needs(catalog, language):
    translated = {(entry.context, entry.id if isinstance(entry.id, str) else entry.id[0]): entry for entry in catalog}
    source = entries(CATALOG)
    missing = [key for key in source if key[1] and (key not in translated or not translated[key].string)]
    assert missing == [], f"{len(missing)} messages have no {language} translation (docs/i18n.md)"
    forms = Locale.parse(language).plural_form.rules
    needed = catalog.num_plurals
    assert needed == len(forms) + 1
    for key, entry in translated.items():
        if isinstance(entry.id, tuple):
            assert len(entry.string) == needed and all(entry.string), (language, key)
        assert not entry.fuzzy, (language, key)
    stale = [key for key, entry in translated.items() if key[1] and key not in source]
    assert stale == [], "translations of messages the code no longer has: update the catalogs (docs/i18n.md)"


def test_every_translation_has_the_placeholders_of_its_source(catalog, language):
    """Singular messages keep every placeholder; of a plural message, the first form (one) may leave out
    what the English singular leaves out, every other form keeps those of the English plural."""
    for entry in catalog:
        if not entry.id or not any(entry.string if isinstance(entry.id, tuple) else [entry.string]):
            continue  # untranslated: the test above names it
        if isinstance(entry.id, str):
            assert placeholders(entry.string) == placeholders(entry.id), (language, entry.context, entry.string)
            continue
        singular, plural = entry.id
        first, *others = entry.string
        assert placeholders(singular) <= placeholders(first) <= placeholders(plural), (language, entry.context)
        for form in others:
            assert placeholders(form) == placeholders(plural), (language, entry.context, form)


def test_every_translation_keeps_the_markdown_of_its_source(catalog, language):
    for entry in catalog:
        if not entry.id or not isinstance(entry.id, str) or not entry.string:
            continue
        for mark in ("**", "`"):
            assert entry.string.count(mark) == entry.id.count(mark), (language, entry.context, mark)


def test_every_declared_message_renders_in_both_languages(language):
    import_every_module()
    words = renderer(language)
    english = renderer()
    same = []
    for item in templates().values():
        if item.id.startswith("test."):
            continue
        parameters = sample_parameters(item)
        rendered = words.render(item(**parameters))
        assert "{" not in rendered, (language, item.id)
        if rendered == english.render(item(**parameters)) and WORDS.search(PLACEHOLDERS.sub("", item.text)):
            same.append(item.id)
    # a few words are the same in both languages ("KPI", "Fragmentation", names of products and codes)
    assert len(same) < 25, same


def sample_parameters(item: Template) -> dict[str, object]:
    """A value for every parameter of ``item``: a number where the format spec wants one, else a word."""
    specs = {}
    for text in (item.text, item.plural):
        for _, name, spec, _ in string.Formatter().parse(text):
            if name:
                specs[name.split(".")[0].split("[")[0]] = spec or ""
    values: dict[str, object] = {name: sample_value(spec) for name, spec in specs.items()}
    if item.count:
        values[item.count] = 3
    return values


def test_the_catalogs_compile(language):
    catalog = translations(language)
    assert catalog.gettext("Anonymise") != "Anonymise"
