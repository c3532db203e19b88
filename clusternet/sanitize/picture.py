"""Survey text drawn in a picture (PNG, SVG, PDF maps, strips and feedback sheets).

matplotlib writes an SVG's text as XML, so a control character makes the file unreadable; and its
PDF backend fails on some invisible format characters (a zero-width no-break space, U+FEFF, raises
an IndexError while the font is subset). Drawn text therefore has the characters XML forbids
written as their escapes (:func:`~clusternet.sanitize.xml.xml_text`, so they stay visible) and the
invisible format characters (Unicode category Cf) left out, except the zero-width joiner and
non-joiner, which shape Odia, Devanagari and other scripts.
"""

from __future__ import annotations

import unicodedata

from clusternet.sanitize.xml import xml_text

SHAPING_JOINERS = frozenset({"\u200c", "\u200d"})
"""Format characters a script needs to be drawn right: kept."""


def drawn_text(text: str) -> str:
    """``text`` as a picture draws it (see the module's docstring).

    >>> drawn_text("\\ufeffGop\\u0101l\\x1b[2J Meher\\u200b")
    'Gopāl\\\\x1b[2J Meher'
    """
    return "".join(
        character
        for character in xml_text(text)
        if character in SHAPING_JOINERS or unicodedata.category(character) != "Cf"
    )
