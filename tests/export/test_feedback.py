"""Feedback sheets: a page per actor with its own position and aggregates, never who said what about whom."""

import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

from clusternet.export.feedback import aggregate, feedback_sheets, ratings_received, trust_by_kind
from clusternet.graph import Selection
from clusternet.view import view_of
from tests.export.conftest import marked

CHOSEN = ["COOP01", "W29", "BANK01", "W44"]
"""A hub, a firm named by two it did not name, an institution, another firm."""


@pytest.fixture(scope="module")
def pages(sample_view):
    reader = PdfReader(io.BytesIO(feedback_sheets(sample_view, CHOSEN)))
    return [page.extract_text() for page in reader.pages]


def test_there_is_one_page_per_actor_in_order(pages, sample_view):
    assert len(pages) == len(CHOSEN)
    for text, actor in zip(pages, CHOSEN):
        assert text.count(sample_view.labels[actor]) >= 1
        assert "Your place in the cluster network" in text


def test_a_page_lists_only_the_partners_the_actor_named_itself(pages, sample_view):
    reported = sample_view.analysis.reported
    named = set(reported.successors("W29"))
    named_only_by_others = set(reported.predecessors("W29")) - named
    text = pages[CHOSEN.index("W29")]
    assert all(sample_view.labels[partner] in text for partner in named)
    assert named_only_by_others, "the sample has actors who named W29 without being named back"
    assert not [partner for partner in named_only_by_others if sample_view.labels[partner] in text]


def stroked_segments(page) -> dict[tuple[float, ...], list[tuple[tuple[float, float], tuple[float, float]]]]:
    """Every straight line a page strokes, its forms' included, by stroke colour."""
    found: dict[tuple[float, ...], list] = {}

    def read(stream, resources):
        color, start = (), None
        for operands, operator in ContentStream(stream, page.pdf).operations:
            if operator == b"RG":
                color = tuple(float(value) for value in operands)
            elif operator == b"m":
                start = tuple(float(value) for value in operands)
            elif operator == b"l":
                found.setdefault(color, []).append((start, tuple(float(value) for value in operands)))
            elif operator == b"Do":
                form = resources["/XObject"][operands[0]].get_object()
                read(form, form["/Resources"])

    read(page.get_contents(), page["/Resources"])
    return found


def test_a_page_taken_out_of_the_file_draws_no_tie_to_or_from_its_actor(sample_view):
    """The faint ties of a page are every tie between others, and none to its actor: not in the page,
    not in a form it places, whatever PDF tool takes the page out."""
    reader = PdfReader(io.BytesIO(feedback_sheets(sample_view, CHOSEN)))
    graph = sample_view.analysis.graph
    for number, actor in enumerate(CHOSEN):
        alone = PdfWriter()
        alone.add_page(reader.pages[number])
        buffer = io.BytesIO()
        alone.write(buffer)
        page = PdfReader(buffer).pages[0]
        segments = stroked_segments(page)
        placed = {operands[0] for operands, operator in page.get_contents().operations if operator == b"Do"}
        assert set(page["/Resources"]["/XObject"]) == placed  # no form of another page's ties comes along
        own, faint = segments[(0.33, 0.33, 0.33)], segments[(0.89, 0.89, 0.89)]
        here = {start for start, _ in own}  # the actor's own ties start at it
        assert len(here) == 1 and len(own) == graph.out_degree(actor)
        assert not [segment for segment in faint if here & set(segment)]
        assert len(faint) == sum(1 for tie in graph.edges() if actor not in tie)


def test_trust_received_is_an_aggregate_with_its_count(pages, sample_view):
    actors = sample_view.analysis.actors.set_index("actor_id")
    hub = actors.loc["COOP01"]
    assert f"{hub['trust_received']:.1f} of 5  ({int(hub['trust_received_n'])} ratings)" in pages[0]


def test_fewer_than_three_ratings_are_not_shown(sample_survey):
    view = view_of(sample_survey, Selection("baseline"))
    actors = view.analysis.actors.set_index("actor_id")
    thin = actors.index[actors["trust_received_n"].between(1, 2)][0]
    text = PdfReader(io.BytesIO(feedback_sheets(view, [thin]))).pages[0].extract_text()
    assert "not shown" in text
    assert f"{actors.loc[thin, 'trust_received']:.1f} of 5" not in text


def test_a_kind_of_rater_is_hidden_when_the_rest_would_give_a_single_rating_away():
    ratings = pd.DataFrame({"rater_type": ["firm"] * 4 + ["ngo"] * 3 + ["buyer"], "trust": [4.0] * 7 + [1.0]})
    shown = {kind: value.shown for kind, value in trust_by_kind(ratings).items()}
    assert shown == {"firms": True, "support institutions": False, "market actors": False}


def test_aggregate_counts_and_hides_below_three():
    assert aggregate(pd.Series([4.0, 5.0, 3.0])).shown
    assert not aggregate(pd.Series([4.0, 5.0])).shown
    assert str(aggregate(pd.Series([], dtype=float)).message()) == "no ratings"


def test_ratings_received_never_say_who_rated(sample_view):
    assert list(ratings_received(sample_view.analysis, "COOP01").columns) == ["rater_type", "trust"]


def test_an_unknown_actor_is_named(sample_view):
    with pytest.raises(KeyError, match="NOBODY"):
        feedback_sheets(sample_view, ["NOBODY"])


def test_the_pdf_metadata_has_no_author_and_an_anonymised_title(anonymous_view):
    reader = PdfReader(io.BytesIO(feedback_sheets(anonymous_view, ["W01"])))
    assert reader.metadata.title == "Feedback sheets, round endline"
    assert reader.metadata.author is None
    assert anonymous_view.codes["W01"] in reader.pages[0].extract_text()


def test_every_word_on_a_page_comes_from_the_catalog_or_the_survey(anonymous_view):
    view = marked(anonymous_view)
    text = PdfReader(io.BytesIO(feedback_sheets(view, CHOSEN))).pages[0].extract_text()
    left = re.sub(r"«[^»]*»", " ", text, flags=re.DOTALL)
    for code in view.codes.values():
        left = left.replace(code, " ")
    survey = view.survey
    vocabulary = set(survey.actors["type"]) | set(survey.relation_labels) | set(survey.round_labels)
    assert set(re.findall(r"[A-Za-z][A-Za-z_]+", left)) <= vocabulary


def test_a_page_of_the_file_is_the_page_drawn_alone(pages, sample_view):
    """The file works out what its pages share once; a page drawn on its own shows the same."""
    alone = PdfReader(io.BytesIO(feedback_sheets(sample_view, ["W29"])))
    assert alone.pages[0].extract_text() == pages[CHOSEN.index("W29")]


def test_a_page_gives_the_median_partners_of_its_type_and_its_betweenness_rank(pages, sample_view):
    actors = sample_view.analysis.actors.set_index("actor_id")
    firms = actors.loc[actors["type"] == "firm", "degree"]
    rank = int(actors["betweenness"].rank(ascending=False, method="min")["COOP01"])
    assert f"typical firm: {firms.median():.0f}" in pages[CHOSEN.index("W29")]
    assert f"rank {rank} of {len(actors)}" in pages[CHOSEN.index("COOP01")]
