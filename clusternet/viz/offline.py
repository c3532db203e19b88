"""Keep a generated page offline: nothing in it may load from the internet.

Workshops run without internet, and a page that waits for a CDN shows nothing or an unstyled mess.
pyvis links Bootstrap from a CDN in every mode (and tom-select and vis-network in some); these
tags are removed, and :func:`external_resources` lets callers and tests check what remains.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_REMOTE = r"""["']?\s*(?:https?:)?//"""
_REMOTE_TAG = re.compile(
    rf"<link\b[^>]*?\bhref\s*=\s*{_REMOTE}[^>]*>"
    rf"|<script\b[^>]*?\bsrc\s*=\s*{_REMOTE}[^>]*>\s*</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_LOADING_ATTRIBUTES = ("src", "href", "srcset", "data", "poster", "background", "action")


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in _LOADING_ATTRIBUTES and value and is_remote(value):
                self.found.append(f"<{tag} {name}={value}>")


def is_remote(url: str) -> bool:
    """Whether a ``src`` or ``href`` value points to another machine (``http:``, ``https:``, ``//``)."""
    return re.match(r"\s*(?:https?:)?//", url, re.IGNORECASE) is not None


def external_resources(page: str) -> list[str]:
    """Every tag attribute of ``page`` that would load something from the internet."""
    finder = _ResourceFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def strip_external_resources(page: str) -> str:
    """``page`` without the ``<link>`` and ``<script src>`` tags that load from the internet.

    Raises ``RuntimeError`` when something remote is left (a changed pyvis template, say), since
    a page that silently goes online would fail in a workshop.
    """
    page = _REMOTE_TAG.sub("", page)
    remaining = external_resources(page)
    if remaining:
        raise RuntimeError(f"the page still loads from the internet: {', '.join(remaining)}")
    return page
