"""The command line in Spanish and French: ``report``, ``gaps``, ``compare``, ``validate`` and the
feedback sheets with no exception and no English sentence left; an unknown language exits 1."""

from __future__ import annotations

import html
import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from clusternet.cli import LANGUAGE, main
from tests.conftest import SAMPLE_WORKBOOK
from tests.i18n_checks import english_left

SAMPLE = str(SAMPLE_WORKBOOK)


@pytest.fixture(autouse=True)
def english_after():
    """``main`` sets the run's language; every test leaves it as it found it."""
    token = LANGUAGE.set(LANGUAGE.get())
    yield
    LANGUAGE.reset(token)


def run(capsys, *arguments: str) -> str:
    assert main(list(arguments)) == 0
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    return printed.out + printed.err


@pytest.mark.parametrize("language", ["es", "fr"])
def test_validate_gaps_and_compare_print_no_english_sentence(language, tmp_path, capsys):
    printed = run(capsys, "validate", SAMPLE, "--lang", language)
    printed += run(capsys, "gaps", SAMPLE, "--out", str(tmp_path / "gaps"), "--lang", language)
    printed += run(capsys, "compare", SAMPLE, "--from", "baseline", "--to", "endline", "--resamples", "50",
                   "--out", str(tmp_path / "compare"), "--lang", language)  # fmt: skip
    assert english_left(printed) == []
    gaps = pd.read_csv(tmp_path / "gaps" / "gaps.csv")
    assert english_left(" ".join(gaps["explanation"]) + " " + " ".join(gaps["action"])) == []
    assert list(gaps.columns[-2:]) == ["message_id", "params"]
    run(capsys, "gaps", SAMPLE, "--out", str(tmp_path / "english"))
    english = pd.read_csv(tmp_path / "english" / "gaps.csv")
    codes = ["kind", "actors", "score", "message_id", "params"]
    pd.testing.assert_frame_equal(gaps[codes], english[codes])  # codes, ids and numbers stay as they are


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_report_and_feedback_sheets_hold_no_english_sentence(language, tmp_path, capsys):
    run(capsys, "report", SAMPLE, "--out", str(tmp_path / "report.html"), "--lang", language)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f'lang="{language}"' in page
    text = html.unescape(re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S))
    assert english_left(text) == []
    run(capsys, "export", SAMPLE, "--format", "feedback-pdf", "--out", str(tmp_path / "sheets.pdf"), "--lang", language)
    reader = PdfReader(io.BytesIO((tmp_path / "sheets.pdf").read_bytes()))
    sheets = " ".join(page.extract_text() for page in reader.pages[:5])
    assert english_left(sheets) == []


def test_numbers_in_the_prose_follow_the_language(tmp_path, capsys):
    spanish = run(capsys, "gaps", SAMPLE, "--out", str(tmp_path / "es"), "--lang", "es")
    assert re.search(r"\(\d+,\d\)", spanish)  # a density expectation such as (15,6)
    gaps = pd.read_csv(tmp_path / "es" / "gaps.csv")
    assert gaps["score"].dtype.kind == "f"  # data columns stay machine-readable


def test_an_unknown_language_exits_1_naming_the_languages(capsys):
    assert main(["validate", SAMPLE, "--lang", "de"]) == 1
    error = capsys.readouterr().err
    assert "en, es, fr" in error and "Traceback" not in error


def test_help_is_in_the_language_asked_for(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "--help"])
    assert "Confiance" in capsys.readouterr().out
