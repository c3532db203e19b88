"""PDF pages drawn directly: text that reads back, embedded font subsets, clean metadata, same bytes."""

import io

import pytest
from pypdf import PdfReader

from clusternet.export.pdf_canvas import PdfDocument, faces


def one_page(*texts: str, title: str = "") -> bytes:
    document = PdfDocument()
    page = document.new_page()
    for number, text in enumerate(texts):
        page.text(50, 800 - 20 * number, text, size=10, color="#222222")
    return document.to_bytes(title=title)


def test_text_reads_back_as_written_with_its_diacritics():
    reader = PdfReader(io.BytesIO(one_page("Gopāl Meher & Sons", "Puṣpā Dās  (3 ratings)")), strict=True)
    text = reader.pages[0].extract_text()
    assert "Gopāl Meher & Sons" in text and "Puṣpā Dās  (3 ratings)" in text


def test_every_text_goes_through_the_drawn_text_sanitiser():
    text = PdfReader(io.BytesIO(one_page("Ab\ufeffc\x1b[2J"))).pages[0].extract_text()
    assert "Abc\\x1b[2J" in text and "\ufeff" not in text


def test_lines_of_one_text_are_drawn_one_below_the_other():
    text = PdfReader(io.BytesIO(one_page("first line\nsecond line"))).pages[0].extract_text()
    assert text.index("first line") < text.index("second line")


def test_fonts_are_embedded_as_subsets_of_the_pictures_fonts():
    reader = PdfReader(io.BytesIO(one_page("Your place in the cluster network")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        assert font["/Subtype"] == "/Type0" and "+DejaVuSans" in font["/BaseFont"]
        assert "/FontFile2" in descendant["/FontDescriptor"]
    assert len(one_page("a")) < 30_000  # a subset, not DejaVu Sans' 700 kB


def test_a_character_the_first_face_lacks_comes_from_the_next_that_has_it():
    first, *others = faces("normal")
    fallback = next((chr(code) for face in others for code in face.glyph_ids if code not in first.glyph_ids), None)
    if fallback is None:
        pytest.skip("every installed face's characters are in the first")
    fonts = PdfReader(io.BytesIO(one_page(f"a{fallback}b"))).pages[0]["/Resources"]["/Font"]
    assert len(fonts) == 2


def test_a_character_no_face_has_is_a_box_and_the_file_still_reads():
    reader = PdfReader(io.BytesIO(one_page("漢字 and text")), strict=True)
    assert "and text" in reader.pages[0].extract_text()


def test_the_metadata_holds_the_title_and_clusternet_only():
    metadata = PdfReader(io.BytesIO(one_page("x", title="Feedback sheets, round endline"))).metadata
    assert metadata.title == "Feedback sheets, round endline"
    assert metadata.creator == metadata.producer == "clusternet"
    assert metadata.author is None and metadata.creation_date is None and metadata.modification_date is None


def test_the_same_pages_give_the_same_bytes_whenever_they_are_made(monkeypatch):
    """No date anywhere, the embedded fonts' own included (fontTools stamps a saved font with the time,
    or with ``SOURCE_DATE_EPOCH``)."""
    now = one_page("Santosh Kuli Looms", title="t")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert one_page("Santosh Kuli Looms", title="t") == now


def test_a_centred_text_is_measured_by_its_glyphs():
    page = PdfDocument().new_page()
    assert page.text_width("WW", size=10) > page.text_width("ii", size=10) > 0
    assert page.text_width("ab", size=20) == pytest.approx(2 * page.text_width("ab", size=10))
