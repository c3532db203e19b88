"""Languages: the gettext catalogs of clusternet, read from the ``.po`` files at start-up.

English is the source language: its templates are the catalog's ``msgid`` and need no catalog.
Every other language is a ``clusternet/locale/<lang>/LC_MESSAGES/messages.po`` file, compiled in
memory when first asked for (no binary ``.mo`` is committed). The template of every catalog,
``clusternet/locale/messages.pot``, is extracted from the code with ``pybabel extract`` (see
docs/architecture.md).
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from clusternet.messages import Renderer, message

UNKNOWN_LANGUAGE = message(
    "selection.unknown_language", 'there is no language "{language}"; the languages are {languages}'
)
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"


def available_languages() -> tuple[str, ...]:
    """English first, then every language with a catalog, by code."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
    return (SOURCE_LANGUAGE, *[language for language in found if language != SOURCE_LANGUAGE])


def preferred_language(requested: str | None, browser_locale: str | None = None) -> str:
    """The language to open in: ``requested`` (a ``?lang=`` or ``--lang``) when clusternet has it, else
    the language of the browser's locale (``es-MX`` is ``es``), else English.

    >>> preferred_language("fr", "es-MX"), preferred_language(None, "es-MX"), preferred_language("de", "pt-BR")
    ('fr', 'es', 'en')
    """
    languages = available_languages()
    for candidate in (requested, browser_locale):
        code = (candidate or "").strip().replace("_", "-").split("-")[0].lower()
        if code in languages:
            return code
    return SOURCE_LANGUAGE


def language_name(code: str) -> str:
    """A language's name in itself, as a language menu shows it: English, Español, Français."""
    from babel import Locale

    name = Locale.parse(code).get_display_name(code) or code
    return f"{name[:1].upper()}{name[1:]}"


class UnknownLanguageError(ValueError):
    """A language that clusternet has no catalog for; names the ones it has."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.available = available_languages()
        self.message = UNKNOWN_LANGUAGE(language=language, languages=", ".join(self.available))
        super().__init__(str(self.message))


@cache
def translations(language: str = SOURCE_LANGUAGE) -> gettext.NullTranslations:
    """The catalog of ``language``: English returns its source texts unchanged."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    if language not in available_languages():
        raise UnknownLanguageError(language)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(LOCALE_DIR / language / "LC_MESSAGES" / "messages.po", "rb") as po_file:
        catalog = read_po(po_file, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def renderer(language: str = SOURCE_LANGUAGE, actor_label: Callable[[str], str] | None = None) -> Renderer:
    """A renderer for ``language``, actors written by ``actor_label`` (their ids when None)."""
    if actor_label is None:
        return Renderer(translations(language), locale=language)
    return Renderer(translations(language), actor_label, language)
