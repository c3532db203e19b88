"""Every page of the app on the sample, as AppTest runs it: no exception, and widgets change results."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from clusternet import load_survey
from clusternet.analysis import analyze
from tests.conftest import REPO, SAMPLE_WORKBOOK

PAGES = ["map", "data", "actors", "gaps", "whatif", "trust", "rounds", "logframe", "workshop", "portfolio"]
SAMPLE_NAMES = ["Gopāl Meher & Sons", "Barpālī Weavers' Cooperative Society", "Grāmya Vikās Trust"]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTERNET_DB_URL", f"sqlite:///{tmp_path / 'clusternet.db'}")  # empty, not the repo's
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()


def on_page(app, name):
    return app.switch_page(f"app_pages/{name}.py").run()


def page_text(app) -> str:
    """Every piece of text the page shows: markdown, captions, titles, metrics, tables."""
    parts = [
        element.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error")
        for element in getattr(app, kind)
    ]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [str(option) for box in app.selectbox for option in box.options]
    return "\n".join(map(str, parts))


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_on_the_sample(app, name):
    page = on_page(app, name)
    assert not page.exception, page.exception
    assert page.title


def test_app_opens_on_the_map_of_the_latest_round(app):
    assert app.title[0].value == "Map"
    assert "Round endline" in app.caption[0].value
    assert app.sidebar.selectbox(key="round").value == "endline"


def test_another_round_changes_the_map_caption_and_measures(app):
    endline = app.caption[0].value
    app.sidebar.selectbox(key="round").set_value("baseline").run()
    assert app.caption[0].value != endline and "Round baseline" in app.caption[0].value


def test_another_round_changes_the_actors_table(app):
    page = on_page(app, "actors")
    endline = page.dataframe[0].value.set_index("actor_id")["degree"]
    page.sidebar.selectbox(key="round").set_value("baseline").run()
    baseline = page.dataframe[0].value.set_index("actor_id")["degree"]
    assert baseline["COOP01"] < endline["COOP01"]


def test_rounds_page_shows_kpis_and_other_rounds_change_them(app):
    page = on_page(app, "rounds")
    kpis = page.dataframe[0].value.set_index("kpi")
    assert kpis.loc["mean_trust", "from_value"] == pytest.approx(2.585, abs=1e-3)
    page.selectbox(key="from_round").set_value("midterm").run()
    kpis = page.dataframe[0].value.set_index("kpi")
    assert kpis.loc["mean_trust", "from_value"] == pytest.approx(3.121, abs=1e-3)


def test_gaps_page_ranks_the_baseline_story_and_thresholds_change_it(app):
    page = on_page(app, "gaps")
    page.sidebar.selectbox(key="round").set_value("baseline").run()
    gaps = page.dataframe[0].value
    assert gaps.iloc[0]["kind"] == "weak_bridge"

    def reach_scores(table):
        return table.loc[table["kind"] == "institution_reach", "score"].sum()

    before = reach_scores(gaps)
    page.number_input(key="gap_reach_target").set_value(0.5).run()
    assert reach_scores(page.dataframe[0].value) > before


def test_workshop_steps_through_the_rounds(app):
    page = on_page(app, "workshop")
    assert page.title[0].value == "The cluster at baseline"
    page.button[1].click().run()
    assert page.title[0].value == "The cluster at midterm"
    assert any("Mean trust rose" in item.value for item in page.markdown)


def test_anonymise_hides_every_name_on_every_page(app):
    app.sidebar.toggle(key="anonymise").set_value(True).run()
    for name in PAGES:
        page = on_page(app, name)
        assert not page.exception
        text = page_text(page)
        for actor_name in SAMPLE_NAMES:
            assert actor_name not in text, f"{actor_name} shown on {name}"


def test_bad_upload_shows_the_problems_table(app, tmp_path):
    page = on_page(app, "data")
    page.session_state["upload"] = (("actors.csv", b"actor_id\nA\nA\n"), ("ties.csv", b"source,target,trust\nA,B,9\n"))
    page.run()
    assert page.error and "cannot be analysed" in page.error[0].value
    problems = page.dataframe[0].value
    assert problems[["row", "column", "value"]].astype(str).values.tolist() == [
        ["3", "actor_id", "A"],
        ["2", "trust", "9"],
        ["2", "target", "B"],
    ]


def test_survey_text_cannot_become_markdown_links_or_images(app):
    page = on_page(app, "data")
    hostile = "![x](http://example.org/pixel.png)"
    page.session_state["upload"] = (
        ("actors.csv", f'actor_id,name,type\nA,"{hostile}",firm\nB,Beta,firm\n'.encode()),
        ("ties.csv", b"source,target,round\nA,B,r1\nB,A,r1\n"),
    )
    page.run()
    texts = []
    for name in ["gaps", "workshop", "map"]:
        shown = on_page(page, name)
        assert not shown.exception
        texts += [element.value for element in list(shown.markdown) + list(shown.caption) + list(shown.title)]
    assert "](http" not in " ".join(texts)
    assert any("pixel" in text for text in texts)  # the name is shown, escaped


def test_anonymised_rounds_notes_name_actors_by_code(app):
    app.sidebar.toggle(key="anonymise").set_value(True).run()
    page = on_page(app, "rounds")
    notes = " ".join(caption.value for caption in page.caption if caption.value.startswith("Note"))
    assert "W05" not in notes and "FIRM" in notes


def test_large_network_opens_on_the_aggregated_view_with_drill_down(app, monkeypatch):
    import clusternet.viz.aggregate as aggregate

    monkeypatch.setattr(aggregate, "AGGREGATE_ABOVE_ACTORS", 10)
    page = on_page(app, "map")
    assert not page.exception
    assert any("one dot per type group" in info.value for info in page.info)
    page.selectbox(key="map_group").set_value("firm").run()
    assert not page.exception


def test_the_anonymised_threshold_of_ratings_is_a_control(app):
    app.sidebar.toggle(key="anonymise").set_value(True).run()
    page = on_page(app, "trust")
    assert page.sidebar.number_input(key="min_ratings").value == 3
    page.sidebar.number_input(key="min_ratings").set_value(10).run()
    assert "fewer than 10 ratings" in " ".join(caption.value for caption in page.caption)


def test_anonymised_map_cannot_be_coloured_by_a_free_text_attribute(app):
    """A contact person names an actor; a village held by three actors each does not."""
    page = on_page(app, "data")
    page.session_state["upload"] = (
        (
            "actors.csv",
            b"actor_id,type,contact,village\nA,firm,Ramesh,N\nB,firm,Sita,N\nC,ngo,Gita,S\nD,firm,Hari,S\n"
            b"E,firm,Mina,N\nF,firm,Bipin,S\n",
        ),
        ("ties.csv", b"source,target\nA,B\nB,C\nC,D\nD,E\nE,F\n"),
    )
    page.run()
    page = on_page(page, "map")
    assert "contact" in page.selectbox(key="map_color_by").options
    page.sidebar.toggle(key="anonymise").set_value(True).run()
    assert "contact" not in page.selectbox(key="map_color_by").options
    assert "village" in page.selectbox(key="map_color_by").options


@pytest.fixture(scope="module")
def sample_analysis():
    """The endline of the sample, with every name and how many ratings back each actor's trust."""
    return analyze(load_survey(SAMPLE_WORKBOOK))


def anonymised(app):
    app.session_state["anonymise"] = True
    return app.run()


@pytest.mark.parametrize("name", PAGES)
def test_anonymised_pages_name_no_actor_of_the_sample(app, sample_analysis, name):
    page = on_page(anonymised(app), name)
    assert not page.exception, page.exception
    text = page_text(page)
    maps = [element.proto.srcdoc for element in page.get("iframe")]  # the map pages, tooltips included
    shown = [
        actor
        for actor in sample_analysis.actors["name"]
        if actor in text or any(written in html for html in maps for written in (actor, json.dumps(actor)[1:-1]))
    ]
    assert shown == [], f"{shown} shown on {name}"


def test_anonymised_actors_table_hides_trust_of_fewer_than_k_ratings(app):
    page = on_page(anonymised(app), "actors")
    table = page.dataframe[0].value
    for mean, count in [("trust_received", "trust_received_n"), ("trust_given", "trust_given_n")]:
        hidden = table[count].isna()
        assert hidden.any() and table.loc[hidden, mean].isna().all()
        assert (table.loc[~hidden & (table[count] > 0), count] >= 3).all()
        assert table.loc[~hidden & (table[count] > 0), mean].notna().all()


@pytest.mark.parametrize("actor", ["W01", "W13", "W23"])  # rated by and rating one or two partners
def test_anonymised_actor_profile_hides_trust_of_fewer_than_k_ratings(app, actor):
    page = on_page(anonymised(app), "actors")
    page.selectbox(key="profile_actor").set_value(actor).run()
    metrics = {metric.label: metric for metric in page.metric}
    for label in ("Trust received", "Trust given"):
        assert metrics[label].value == "–", label
        assert metrics[label].proto.help.startswith("Hidden in the anonymised view: backed by fewer than 3 ratings")


def test_named_actor_profile_shows_trust_and_its_ratings(app, sample_analysis):
    page = on_page(app, "actors")
    row = sample_analysis.actors.set_index("actor_id").loc["W01"]
    metrics = {metric.label: metric for metric in page.metric}
    assert metrics["Trust received"].value == f"{row['trust_received']:.1f}"
    assert metrics["Trust received"].proto.help == "Mean of 1 rating by others"


def test_anonymised_trust_page_shows_no_cell_or_count_of_fewer_than_k_ratings(app):
    named = on_page(app, "trust").dataframe[0].value
    assert (named["ratings"] < 3).any()  # the sample has thin cells to hide
    page = on_page(anonymised(app), "trust")
    cells = page.dataframe[0].value
    assert set(cells["from"]) == {"buyer", "firm", "institution", "supplier"}  # types of fewer than 3 pooled
    shown = cells["ratings"].notna()
    assert (cells.loc[shown, "ratings"] >= 3).all()
    assert cells.loc[~shown, "mean_trust"].isna().all()
    assert shown.any() and not shown.all()


def test_rounds_page_groups_by_the_sidebar_group_by(app):
    page = on_page(app, "rounds")

    def ei_index(page):
        return page.dataframe[0].value.set_index("kpi").loc["ei_index", "from_value"]

    by_type = ei_index(page)
    page.sidebar.selectbox(key="group_by").set_value("village").run()
    assert not page.exception
    assert ei_index(page) != pytest.approx(by_type)
    assert any("by village" in caption.value for caption in page.caption)


def test_rounds_page_says_the_minimum_trust_does_not_apply(app):
    page = on_page(app, "rounds")
    page.sidebar.select_slider(key="min_trust").set_value(3).run()
    assert not page.exception
    assert any("minimum trust" in caption.value and "does not apply" in caption.value for caption in page.caption)
