"""Numbers in prose follow the reader's language (CLDR through Babel); English stays Python's."""

import gettext

import numpy as np
import pytest

from clusternet.messages import Renderer, message
from clusternet.number_format import LocalNumber, local_number

NNBSP = "\u202f"  # French thousands separator
NBSP = "\u00a0"  # before the percent sign in Spanish and French

SHARE = message("test.number_format.share", "{share:.0%} of {count:,} actors, trust {trust:+.2f}")


@pytest.mark.parametrize(
    ("value", "spec", "spanish", "french"),
    [
        (0.456, ".0%", f"46{NBSP}%", f"46{NBSP}%"),
        (0.456, ".1%", f"45,6{NBSP}%", f"45,6{NBSP}%"),
        (12345, ",", "12.345", f"12{NNBSP}345"),
        (12345.678, ",.1f", "12.345,7", f"12{NNBSP}345,7"),
        (0.25, "+.2f", "+0,25", "+0,25"),
        (-0.25, "+.2f", "-0,25", "-0,25"),
        (-0.001, ".2f", "0,00", "0,00"),
        (2.5, "", "2,5", "2,5"),
        (2024, "", "2024", "2024"),  # a number with no spec is not grouped: it may be a year or a row
        (0.1234, ".3g", "0,123", "0,123"),
        (np.int64(5000), ",", "5.000", f"5{NNBSP}000"),
    ],
)
def test_a_number_is_written_with_the_locale_symbols_for_its_format_spec(value, spec, spanish, french):
    assert format(LocalNumber(value, "es"), spec) == spanish
    assert format(LocalNumber(value, "fr"), spec) == french


def test_nan_is_written_as_python_writes_it():
    assert format(LocalNumber(float("nan"), "fr"), ".2f") == "nan"


def test_english_text_booleans_and_strings_are_left_to_python():
    assert local_number(0.5, "en") == 0.5
    assert local_number(True, "fr") is True
    assert local_number("1.5", "fr") == "1.5"


def test_a_renderer_formats_every_number_parameter_in_its_locale():
    params = {"share": 0.456, "count": 1234, "trust": 0.3}
    assert Renderer().render(SHARE(**params)) == "46% of 1,234 actors, trust +0.30"
    french = Renderer(gettext.NullTranslations(), locale="fr")
    assert french.render(SHARE(**params)) == f"46{NBSP}% of 1{NNBSP}234 actors, trust +0,30"
