"""Text that XML 1.0 can hold: GEXF, GraphML, SVG and the cells of an XLSX workbook.

XML 1.0 forbids the control characters other than tab, line feed and carriage return, lone
surrogates and U+FFFE, U+FFFF (https://www.w3.org/TR/xml/#charsets): one of them in a name makes
the whole file unreadable to every XML parser. Each is replaced by its escape as text (``\\x1b``,
``\\ud800``, ``\\ufffe``), so the file parses and two ids that differ only there stay different.
"""

from __future__ import annotations

import re

FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 does not allow in a document (its ``Char`` production's complement)."""


def escaped_character(character: str) -> str:
    """A character written as its Python escape, as text: ``\\x1b``, ``\\u202e``, ``\\U0001f600``.

    >>> escaped_character("\\x1b"), escaped_character("\\ud800")
    ('\\\\x1b', '\\\\ud800')
    """
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 forbids written as its escape (see the module's docstring).

    >>> xml_text("Weavers\\x0b Ltd\\ufffe")
    'Weavers\\\\x0b Ltd\\\\ufffe'
    """
    return FORBIDDEN_IN_XML.sub(lambda match: escaped_character(match.group()), text)
