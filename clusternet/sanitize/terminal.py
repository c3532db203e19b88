"""Survey text printed on a terminal, shown as text and never run as a control sequence.

A name holding ``ESC [2J`` clears the screen, ``ESC ] 52`` writes the clipboard of many terminal
emulators, a carriage return or backspace overwrites what was printed before, and the
bidirectional overrides of Unicode reorder a line so that it reads other than it is ("Trojan
Source", CVE-2021-42574). :func:`terminal_text` writes each such character as its escape
(``\\x1b``, ``\\r``, ``\\u202e``), so the reader sees that it is there and nothing acts on it.
"""

from __future__ import annotations

import re

from clusternet.sanitize.xml import escaped_character

CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What a terminal would act on rather than show: the C0 and C1 controls (ESC and CSI among them)
and DEL, the bidirectional marks, embeddings, overrides and isolates, the Unicode line and paragraph
separators, and lone surrogates (which cannot even be encoded for the terminal). The tab is shown
as it is."""

_READABLE = {"\n": "\\n", "\r": "\\r"}


def terminal_text(text: str, *, line_breaks: bool = False) -> str:
    """``text`` with every character a terminal would act on written as its escape.

    With ``line_breaks`` the line feed is kept, for text of several lines built by clusternet
    (a table of problems); a single value (a name, a cell) keeps no line break of its own.

    >>> terminal_text("Weavers\\x1b[2J Ltd\\u202e")
    'Weavers\\\\x1b[2J Ltd\\\\u202e'
    >>> terminal_text("one\\ntwo"), terminal_text("one\\ntwo", line_breaks=True)
    ('one\\\\ntwo', 'one\\ntwo')
    """

    def shown(match: re.Match[str]) -> str:
        character = match.group()
        if line_breaks and character == "\n":
            return character
        return _READABLE.get(character) or escaped_character(character)

    return CONTROL_CHARACTERS.sub(shown, text)
