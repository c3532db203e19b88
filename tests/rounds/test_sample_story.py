"""Baseline against endline on the bundled sample: the designed story, with intervals that tell it from noise."""

import re

import numpy as np
import pytest

from clusternet.analysis import analyze
from clusternet.graph import Selection
from clusternet.messages import Renderer, render_all
from clusternet.rounds import compare_rounds, comparison_text, kpi_time_series
from clusternet.survey import load_survey
from tests.conftest import SAMPLE_WORKBOOK

DESIGNED_RISES = ("mean_trust", "joint_action_ties", "firms_in_joint_action", "firm_institution_linkage", "ei_index")


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


@pytest.fixture(scope="module")
def comparison(sample):
    return compare_rounds(sample, "baseline", "endline")


@pytest.mark.parametrize("basis", ["all", "panel"])
@pytest.mark.parametrize("kpi", DESIGNED_RISES)
def test_the_programmes_outcomes_rise_with_intervals_that_exclude_zero(comparison, kpi, basis):
    row = comparison.kpi(kpi, basis)
    assert row["change"] > 0
    assert 0 < row["low"] <= row["high"]
    assert row["assessment"] == "better"


@pytest.mark.parametrize(
    "kpi, basis",
    [("response_rate", "all"), ("confirmed_share", "all"), ("confirmed_share", "panel"), ("reciprocity", "all")],
)
def test_what_the_programme_did_not_change_has_an_interval_around_zero(comparison, kpi, basis):
    row = comparison.kpi(kpi, basis)
    assert row["low"] < 0 < row["high"]
    assert row["assessment"] == "no clear change"


def test_the_headline_figures_of_the_story(comparison):
    def before_after(kpi):
        return comparison.kpi(kpi)[["from_value", "to_value"]].tolist()

    assert comparison.group_by == "village"
    assert before_after("mean_trust") == pytest.approx([2.58, 3.83], abs=0.01)
    assert before_after("firm_institution_linkage") == pytest.approx([0.20, 0.80])
    assert before_after("ei_index") == pytest.approx([-0.31, 0.20], abs=0.01)
    assert before_after("brokerage_top_share") == pytest.approx([0.83, 0.33], abs=0.01)
    assert before_after("joint_action_ties") == [1, 112]
    assert before_after("firms_in_joint_action") == [2, 29]


@pytest.mark.parametrize("round_label, side", [("baseline", "from_value"), ("endline", "to_value")])
def test_all_actors_basis_agrees_with_clusternet_analyze(sample, comparison, round_label, side):
    network = analyze(sample, Selection(round=round_label, group_by="village")).network
    analysed = dict(zip(network["metric"], network["value"]))
    everyone = comparison.kpis[comparison.kpis["basis"] == "all"].set_index("kpi")[side]
    for metric in (
        "actors",
        "ties",
        "density",
        "reciprocity",
        "components",
        "isolates",
        "mean_trust",
        "high_trust_share",
        "response_rate",
        "confirmed_share",
        "firm_institution_linkage",
        "ei_index",
        "brokerage_top_share",
        "betweenness_gini",
        "degree_centralization",
    ):
        assert everyone[metric] == pytest.approx(analysed[metric]), metric


def test_the_panel_and_the_actor_who_joined(comparison):
    assert len(comparison.panel) == 53
    assert any(str(note).startswith('W05 takes part in "endline" only') for note in comparison.notes)


def test_tie_changes_account_for_every_report(sample, comparison):
    counts = comparison.tie_changes["status"].value_counts()
    assert counts["kept"] + counts["dropped"] == len(sample.ties_in("baseline"))
    assert counts["kept"] + counts["new"] == len(sample.ties_in("endline"))


def test_the_cooperative_gains_partners_and_the_master_weaver_loses_brokerage(comparison):
    actors = comparison.actor_changes.set_index("actor_id")
    assert actors["degree_change"].idxmax() == "COOP01"
    assert actors["brokerage_change"].idxmin() == "MW01"


def test_the_two_rounds_are_alike_beyond_chance(comparison):
    qap = comparison.qap.set_index("basis")
    assert (qap["correlation"] > 0.3).all()
    assert (qap["p_value"] < 0.01).all()


def test_trust_linkage_and_joint_action_rise_round_after_round(sample):
    series = kpi_time_series(sample).set_index(["kpi", "basis"])
    for kpi in ("mean_trust", "firm_institution_linkage", "joint_action_ties", "ei_index"):
        baseline, midterm, endline = series.loc[(kpi, "all"), ["baseline", "midterm", "endline"]]
        assert baseline < midterm < endline, kpi


def test_summary_for_people(comparison):
    text = render_all(comparison_text(comparison), separator="\n")
    assert text.startswith(
        '"baseline" -> "endline": 66 actors on the roster; 58 answered "baseline", 59 "endline", 53 both (the panel).'
    )
    assert "  mean_trust: 2.58 -> 3.83 (+1.24, 95% interval" in text
    assert "No clear change: reciprocity" in text
    assert "Reported ties: 291 new, 49 dropped" in text
    assert "Partners: gained most COOP01" in text
    assert "- W05 takes part" in text


ROUNDS = ["baseline", "midterm", "endline"]


def test_the_group_attribute_decides_the_ei_index_of_the_series(sample):
    by_type = kpi_time_series(sample, group_by="type").set_index(["kpi", "basis"])
    by_village = kpi_time_series(sample, group_by="village").set_index(["kpi", "basis"])
    for group_by, series in (("type", by_type), ("village", by_village)):
        for label in ROUNDS:
            network = analyze(sample, Selection(round=label, group_by=group_by)).network
            ei = dict(zip(network["metric"], network["value"]))["ei_index"]
            assert series.at[("ei_index", "all"), label] == pytest.approx(ei), (group_by, label)
        assert str(series.at[("ei_index", "all"), "meaning"]).startswith(f"E-I index by {group_by}")
    type_ei = by_type.loc[("ei_index", "all"), ROUNDS].to_numpy(dtype=float)
    village_ei = by_village.loc[("ei_index", "all"), ROUNDS].to_numpy(dtype=float)
    assert not np.allclose(type_ei, village_ei)
    assert village_ei[0] == pytest.approx(-0.31, abs=0.01) and village_ei[-1] == pytest.approx(0.20, abs=0.01)
    assert type_ei[0] == pytest.approx(-0.25, abs=0.01) and type_ei[-1] == pytest.approx(0.23, abs=0.01)
    # groups change the E-I index and brokerage only
    density = ("density", "all")
    assert by_type.loc[density, ROUNDS].tolist() == by_village.loc[density, ROUNDS].tolist()


def test_notes_and_summary_name_actors_as_parameters_so_an_anonymised_audience_reads_codes(sample, comparison):
    codes = {actor: f"ACTOR-{at:02d}" for at, actor in enumerate(sample.actors["actor_id"])}
    anonymised = Renderer(actor_label=codes.__getitem__)
    note = next(note for note in comparison.notes if note.actor_ids() == {"W05"})
    assert anonymised.render(note).startswith(f'{codes["W05"]} takes part in "endline" only')
    text = render_all(comparison_text(comparison), anonymised, separator="\n")
    assert f"Partners: gained most {codes['COOP01']}" in text
    assert not set(re.findall(r"[\w-]+", text)) & set(codes)  # no actor id, as a word, anywhere
