"""The What-if page as AppTest runs it: gaps or hand-built steps, KPIs side by side, two maps, named and anonymised."""

import pytest

from clusternet.graph import Selection
from clusternet.survey import load_survey
from clusternet.view import view_of
from tests.app.test_pages import SAMPLE_NAMES, app, on_page, page_text  # noqa: F401 (app is a fixture)
from tests.conftest import SAMPLE_WORKBOOK
from tests.viz.conftest import embedded

NEW_GREEN, REMOVED_RED = "#1A9641", "#D7191C"


@pytest.fixture
def whatif(app):  # noqa: F811 (the fixture imported above)
    page = on_page(app, "whatif")
    page.sidebar.selectbox(key="round").set_value("baseline").run()
    return page


def metrics(page) -> dict[str, tuple[str, str]]:
    return {metric.label: (metric.value, metric.delta) for metric in page.metric}


def maps(page) -> list[str]:
    return [frame.proto.srcdoc for frame in page.get("iframe")]


def edge_colours(page_html: str) -> dict[str, list[bool]]:
    """Colour of each tie -> whether each is dashed."""
    found: dict[str, list[bool]] = {}
    for edge in embedded(page_html, "edges"):
        found.setdefault(edge["color"]["color"], []).append(bool(edge["dashes"]))
    return found


def test_without_steps_the_page_asks_for_them(whatif):
    assert not whatif.exception, whatif.exception
    assert whatif.title[0].value == "What if"
    assert any("Choose gaps or add a step" in info.value for info in whatif.info)
    assert whatif.metric == [] and maps(whatif) == []


def choose_gaps(page, *positions: int):
    """Choose gaps by their rank in the view's table (the multiselect's values)."""
    page.session_state["whatif_gaps"] = list(positions)
    return page.run()


def test_a_gap_chosen_becomes_a_step_with_kpis_before_and_after_and_two_maps(whatif):
    options = whatif.multiselect(key="whatif_gaps").options
    assert options[0].startswith("Groups that rarely meet: A joint meeting hosted by")
    gaps = view_of(load_survey(SAMPLE_WORKBOOK), Selection(round="baseline")).shown_gaps()
    choose_gaps(whatif, int(gaps.index[gaps["kind"] == "isolated_actor"][0]))
    assert not whatif.exception, whatif.exception
    plan = whatif.dataframe[0].value
    assert len(plan) == 1 and plan.iloc[0]["op"] == "Introduce two actors (a tie both ways)"
    shown = metrics(whatif)
    assert list(shown) == [
        "Fragmentation",
        "Distance-weighted fragmentation",
        "Reach across groups (E-I index)",
        "Brokerage held by the top broker",
        "Firms within 2 steps of an institution",
        "Gaps, total score",
    ]
    assert shown["Fragmentation"][1].startswith("-")  # an isolate joined: fewer pairs apart
    kpis = whatif.dataframe[1].value.set_index("kpi")
    assert kpis.loc["isolates", "after"] == kpis.loc["isolates", "before"] - 1
    assert kpis.loc["isolates", "effect"] == "better"
    before, after = maps(whatif)
    assert NEW_GREEN not in edge_colours(before)
    assert edge_colours(after)[NEW_GREEN] == [True]  # the one new tie, dashed
    labels = [button.proto.label for button in whatif.get("download_button")]
    assert "Download as planned actions (CSV)" in labels  # the plan in the facilitation log's format


def test_a_step_built_by_hand_names_actors_and_removing_the_master_weaver_shows_red_ties(whatif):
    whatif.selectbox(key="whatif_op").set_value("remove_actor").run()
    picker = whatif.selectbox(key="whatif_actor")
    assert "Gopāl Meher & Sons" in picker.options  # actors by name, not by id
    picker.set_value("MW01").run()
    whatif.button(key="whatif_add").click().run()
    assert not whatif.exception, whatif.exception
    assert whatif.dataframe[0].value.iloc[0]["actor_id"] == "Gopāl Meher & Sons"
    kpis = whatif.dataframe[1].value.set_index("kpi")
    assert kpis.loc["fragmentation", "after"] > kpis.loc["fragmentation", "before"]
    assert kpis.loc["fragmentation", "effect"] == "worse"
    before, after = maps(whatif)
    actors = view_of(load_survey(SAMPLE_WORKBOOK), Selection(round="baseline")).analysis.actors.set_index("actor_id")
    assert edge_colours(before)[REMOVED_RED] == [False] * int(actors.loc["MW01", "degree"])  # solid red, one a partner
    assert REMOVED_RED not in edge_colours(after) and "Gopāl Meher & Sons" not in after
    whatif.button(key="whatif_clear").click().run()
    assert any("Choose gaps or add a step" in info.value for info in whatif.info)


def test_a_step_that_cannot_be_applied_says_which_row_and_why(whatif):
    whatif.selectbox(key="whatif_op").set_value("add_actor").run()
    whatif.button(key="whatif_add").click().run()
    assert not whatif.exception, whatif.exception
    assert [error.value.replace("\\", "") for error in whatif.error] == [
        "Row 2 of the plan: the operation add_actor needs a value in actor_id; give the new actor an id that the "
        "survey does not use yet."
    ]


def test_anonymised_the_page_names_no_actor_and_leaves_trust_blank(app):  # noqa: F811
    app.session_state["anonymise"] = True
    page = choose_gaps(on_page(app.run(), "whatif"), 0, 1, 2)
    assert not page.exception, page.exception
    text = page_text(page) + "".join(maps(page))
    assert not [name for name in SAMPLE_NAMES if name in text]
    kpis = page.dataframe[1].value.set_index("kpi")
    assert kpis.loc[["mean_trust", "high_trust_share"], "after"].isna().all()
    assert any("trust KPIs are left blank" in caption.value for caption in page.caption)
