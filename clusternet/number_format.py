"""Numbers in prose written as the reader's language writes them.

A message template formats its numbers with Python's format mini-language (``{share:.0%}``,
``{count:,}``, ``{change:+.2f}``), which is English: a point for decimals, a comma between thousands.
Rendered in another language, a number parameter becomes a :class:`LocalNumber`, whose
``__format__`` reads the same format spec and writes the number with Babel in that locale's symbols
and patterns (CLDR): ``0,46`` and ``46 %`` in Spanish, ``1 234,5`` in French. English is left to
Python, so English text is exactly what the template's spec gives.

Only prose is formatted this way: data columns of CSV and XLSX files keep machine-readable numbers
in every language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from numbers import Integral, Real

from babel import Locale
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol, get_plus_sign_symbol

PYTHON_LOCALE = "en"
"""The locale whose numbers Python's own formatting already writes."""
SPEC = re.compile(r"(?P<sign>[+\-]?)(?P<group>,?)(?:\.(?P<precision>\d+))?(?P<kind>[fd%]?)")
"""The format specs Babel writes: optional sign, thousands grouping, precision, and ``f``, ``d`` or ``%``."""


@dataclass(frozen=True)
class LocalNumber:
    """A number that formats itself in ``locale``: ``format(LocalNumber(0.456, "fr"), ".1%")`` is ``45,6 %``.

    Specs outside :data:`SPEC` (``.3g``, widths) are formatted by Python and their decimal point and
    thousands comma swapped for the locale's symbols; NaN and infinities are written as Python does.
    """

    value: Real
    locale: str

    def __format__(self, spec: str) -> str:
        if not math.isfinite(float(self.value)):
            return format(self.value, spec)
        parsed = SPEC.fullmatch(spec)
        if parsed is None or (not spec and isinstance(self.value, Integral)):
            return self._swapped_symbols(format(self.value, spec))
        magnitude = int(abs(self.value)) if isinstance(self.value, Integral) else abs(float(self.value))
        precision = int(parsed["precision"]) if parsed["precision"] is not None else None
        if parsed["kind"] == "%":
            text = format_percent(magnitude, self._percent_pattern(precision or 0), locale=self.locale)
        elif precision is None and not parsed["kind"] and not isinstance(self.value, Integral):
            text = format_decimal(magnitude, locale=self.locale, group_separator=bool(parsed["group"]))
        else:
            integer = "#,##0" if parsed["group"] else "0"
            decimals = "." + "0" * precision if precision else ""
            text = format_decimal(magnitude, integer + decimals, locale=self.locale)
        negative = math.copysign(1.0, float(self.value)) < 0 and text.strip("0,.\u00a0\u202f%") != ""
        if negative:
            return "-" + text
        return get_plus_sign_symbol(self.locale) + text if parsed["sign"] == "+" else text

    def _percent_pattern(self, precision: int) -> str:
        pattern = str(Locale.parse(self.locale).percent_formats[None].pattern)
        return pattern.replace("0", "0" + ("." + "0" * precision if precision else ""), 1)

    def _swapped_symbols(self, text: str) -> str:
        symbols = {",": get_group_symbol(self.locale), ".": get_decimal_symbol(self.locale)}
        return "".join(symbols.get(character, character) for character in text)


def local_number(value: object, locale: str) -> object:
    """``value`` as a :class:`LocalNumber` when it is a number and ``locale`` is not Python's own;
    anything else (text, booleans, English) unchanged."""
    if locale == PYTHON_LOCALE or isinstance(value, bool) or not isinstance(value, Real):
        return value
    return LocalNumber(value, locale)
