"""The HTML report: self-contained, offline, every section there, survey text always escaped."""

from html.parser import HTMLParser

import pytest

from clusternet.export.report import report_html
from clusternet.graph import Selection
from clusternet.view import view_of
from clusternet.viz.offline import external_resources
from tests.export.conftest import HOSTILE_NAMES, marked


class Page(HTMLParser):
    """Tags with attributes, ids, and the visible text of a page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.events: list[tuple[str, str]] = []
        self._skip = 0
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.events.append(("start", tag))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)
            self.events.append(("text", data))

    def named(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def sample_report(sample_view):
    return report_html(sample_view, static_map=False)


@pytest.fixture(scope="module")
def hostile_report(hostile_survey):
    return report_html(view_of(hostile_survey, Selection()), static_map=False)


def test_the_report_has_every_section(sample_report):
    page = Page(sample_report)
    assert [attrs["id"] for attrs in page.named("h2")] == [
        "summary", "kpis", "map", "gaps", "logframe", "followup", "actors"
    ]  # fmt: skip
    text = " ".join(page.text)
    for expected in (
        "Key messages, baseline → endline",
        "mean_trust",
        "firm_institution_linkage",
        "Santosh Kuli Looms",
        "Introduce",
    ):
        assert expected in text


def test_nothing_is_loaded_from_another_host(sample_report):
    page = Page(sample_report)
    assert external_resources(sample_report) == []
    frames = page.named("iframe")
    assert len(frames) == 1 and frames[0]["sandbox"] == "allow-scripts"
    assert external_resources(frames[0]["srcdoc"]) == []
    links = [attrs.get("href") or attrs.get("src") for _, attrs in page.tags if attrs.get("href") or attrs.get("src")]
    assert all(link.startswith(("#", "data:")) for link in links)


def test_the_map_inside_is_the_apps_map_of_every_actor(sample_report, sample_view):
    srcdoc = Page(sample_report).named("iframe")[0]["srcdoc"]
    assert "new vis.DataSet" in srcdoc and '"physics": {"enabled": false}' in srcdoc
    assert srcdoc.count('"tooltip"') >= sample_view.analysis.graph.number_of_nodes()


def test_the_printed_map_is_an_inline_picture(sample_view):
    page = Page(report_html(sample_view))
    pictures = page.named("img")
    assert len(pictures) == 1 and pictures[0]["src"].startswith("data:image/png;base64,")


def test_hostile_names_are_shown_as_text_and_never_become_markup(hostile_report):
    page = Page(hostile_report)
    assert len(page.named("script")) == 1  # the report's own table-sorting script
    assert '<script>alert("x")</script>' not in hostile_report
    text = " ".join(page.text)
    assert all(name in text for name in HOSTILE_NAMES.values())
    srcdoc = page.named("iframe")[0]["srcdoc"]
    assert "<script>alert" not in srcdoc and '</script> \\"quoted' not in srcdoc
    assert len(Page(srcdoc).named("img")) == 0


def test_the_anonymised_report_says_so_and_shows_codes(sample_survey, anonymous_view):
    page = report_html(anonymous_view, static_map=False)
    text = " ".join(Page(page).text)
    assert "anonymised: names replaced by codes" in text
    assert anonymous_view.codes["COOP01"] in text
    assert "handloom_cluster" not in page


def test_every_heading_sentence_and_header_of_the_report_comes_from_the_catalog(sample_view):
    page = Page(report_html(marked(sample_view), static_map=False))
    rounds = set(sample_view.survey.round_labels)
    for tag in ("h1", "h2", "h3", "th", "summary", "p", "li", "footer"):
        texts = [text for text in _texts_of(page, tag) if text not in rounds]
        assert texts and all(text.startswith("«") for text in texts), (tag, texts)


def _texts_of(page: Page, tag: str) -> list[str]:
    """The text right after each ``tag`` opens (the parser keeps text in document order)."""
    found, opened = [], False
    for event in page.events:
        if event == ("start", tag):
            opened = True
        elif opened and event[0] == "text" and event[1].strip():
            found.append(event[1].strip())
            opened = False
    return found
