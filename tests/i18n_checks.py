"""What the language tests share: the English sentences of the catalog, to find any left in a
Spanish or French output."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parents[1] / "clusternet" / "locale" / "messages.pot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]{2,}")
MARKUP = re.compile(r"[*`_\\]")


@cache
def english_sentences() -> frozenset[str]:
    """Pieces of the catalog's English of four words or more between placeholders, without Markdown:
    an output that holds one in Spanish or French holds a sentence nobody translated."""
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    pieces = set()
    for entry in catalog:
        for text in [entry.id] if isinstance(entry.id, str) else list(entry.id or ()):
            for piece in PLACEHOLDER.split(MARKUP.sub("", text or "")):
                for line in piece.splitlines():
                    line = line.strip(" .,:;()-")
                    if len(WORD.findall(line)) >= 4:
                        pieces.add(line)
    return frozenset(pieces)


def english_left(text: str) -> list[str]:
    """The catalog's English sentences found in ``text`` (Markdown escapes and marks ignored)."""
    plain = " ".join(MARKUP.sub("", text).split())
    return sorted(piece for piece in english_sentences() if " ".join(piece.split()) in plain)
