"""The Rounds page on the sample: headline cards, small multiples, the named table, and the sidebar's say."""

import json

import pytest

from tests.app.test_pages import anonymised, app, on_page  # noqa: F401 (app is a fixture)

SAMPLE_CARDS = {
    "Mean trust": ("2.58 → 3.83", "+1.24", "better"),
    "Joint-action ties": ("1 → 112", "+111", "better"),
    "Firms tied to a support institution": ("20% → 80%", "+60 points", "better"),
    "Actors with no tie": ("4 → 0", "-4", "better"),
}
"""The sample's baseline -> endline on all actors (docs/rounds.md): every headline better."""


@pytest.fixture
def rounds(app):  # noqa: F811 (the fixture imported above)
    return on_page(app, "rounds")


@pytest.fixture
def anonymised_rounds(app):  # noqa: F811
    return on_page(anonymised(app), "rounds")


def cards(page):
    return {metric.label: (metric.value, metric.proto.delta, metric.proto.delta_description) for metric in page.metric}


def captions(page):
    """The captions as read, without the Markdown escapes of survey text."""
    return [caption.value.replace("\\", "") for caption in page.caption]


def test_the_cards_answer_did_trust_and_joint_action_grow(rounds):
    page = rounds
    assert not page.exception
    assert cards(page) == SAMPLE_CARDS
    assert page.metric[0].proto.help == "mean trust rating over all rated ties, 1 no trust .. 5 full trust"
    assert (
        "baseline: 2.58; endline: 3.83. Change +1.24, 95% interval +0.95 to +1.45. Better: the interval excludes 0."
        in captions(page)
    )
    assert "baseline: 4; endline: 0. Change -4, 95% interval -8 to -1. Better: the interval excludes 0." in captions(
        page
    )


def test_the_cards_follow_the_rounds_and_the_basis_chosen(rounds):
    page = rounds
    page.selectbox(key="from_round").set_value("midterm").run()
    assert cards(page)["Mean trust"][0] == "3.12 → 3.83"
    page.selectbox(key="from_round").set_value("baseline").run()
    page.radio(key="basis").set_value("panel").run()
    assert cards(page)["Mean trust"][:2] == ("2.53 → 3.81", "+1.28")
    assert cards(page)["Actors with no tie"][:2] == ("5 → 0", "-5")


def test_anonymised_cards_show_round_trust_and_say_the_panels_is_hidden_by_design(anonymised_rounds):
    page = anonymised_rounds
    assert cards(page)["Mean trust"] == SAMPLE_CARDS["Mean trust"]
    assert any(caption.startswith("Anonymised: trust over every rated tie of each round") for caption in captions(page))
    page.radio(key="basis").set_value("panel").run()
    assert not page.exception
    assert cards(page)["Mean trust"] == ("—", "", "")
    assert any(
        caption.startswith("Not shown on the panel in the anonymised view, by design") for caption in captions(page)
    )
    assert cards(page)["Joint-action ties"][0] == "1 → 91"


def test_relations_without_joint_action_blank_its_card_with_where_to_add_it(rounds):
    page = rounds
    page.sidebar.multiselect(key="relations").set_value(["information", "training"]).run()
    assert not page.exception
    assert cards(page)["Joint-action ties"] == ("—", "", "")
    shown = captions(page)
    assert (
        'Blank: "joint_action" is not among the relations chosen in the sidebar; add it there to see joint action.'
        in shown
    )
    assert (
        "Relations: information, training; ties reported (directed); groups of the E-I index and of brokerage by type."
        in shown
    )


def test_every_sidebar_control_is_applied_or_said_not_to_apply(rounds):
    page = rounds
    page.sidebar.radio(key="ties").set_value("any").run()
    page.sidebar.select_slider(key="min_trust").set_value(3).run()
    page.sidebar.selectbox(key="group_by").set_value("village").run()
    assert not page.exception
    shown = captions(page)
    assert "Relations: all; ties any (either side); groups of the E-I index and of brokerage by village." in shown
    assert "Trust reads the reported ties whatever the tie mode: a rating has a direction." in shown
    assert "The sidebar's round (endline) does not apply here: the two rounds compared are chosen above." in shown
    assert any("minimum trust" in caption and "does not apply" in caption for caption in shown)


def test_the_table_names_every_kpi_and_keeps_its_code(rounds):
    page = rounds
    table = page.dataframe[0].value.set_index("kpi")
    assert table.loc["mean_trust", "name"] == "Mean trust"
    assert table.loc["mean_trust", "from_value"] == pytest.approx(2.585, abs=1e-3)
    assert table.loc["isolates", ["assessment", "good_direction"]].tolist() == ["better", "lower"]
    assert table.loc["response_rate", ["assessment", "good_direction"]].tolist() == ["no clear change", "neither way"]
    assert table["name"].notna().all() and (table["name"] != table.index).all()


def test_each_chosen_kpi_has_its_own_small_chart(rounds):
    page = rounds
    assert len(page.get("vega_lite_chart")) == 8
    page.multiselect(key="series_kpis").set_value(["mean_trust", "ties"]).run()
    charts = [json.loads(chart.proto.spec) for chart in page.get("vega_lite_chart")]
    assert [chart["title"]["text"] for chart in charts] == ["Mean trust", "Ties"]
    assert [chart["encoding"]["y"]["scale"]["domain"] for chart in charts] == [[1, 5], [0, 383]]
