"""KPIs across any number of rounds, in date order; comparisons between any two of them."""

import pytest

from clusternet.kpis import KPIS
from clusternet.rounds import compare_rounds, kpi_time_series


def test_rounds_are_columns_in_date_order_whatever_the_file_order(three_rounds):
    series = kpi_time_series(three_rounds)
    assert list(series.columns) == ["kpi", "basis", "r1", "r2", "r3", "good_direction", "meaning"]
    assert list(series["kpi"]) == [kpi.code for kpi in KPIS for _ in (0, 1)]


def test_density_and_trust_each_round_on_all_actors_and_the_panel(three_rounds):
    series = kpi_time_series(three_rounds).set_index(["kpi", "basis"])
    assert series.loc[("ties", "all"), ["r1", "r2", "r3"]].tolist() == [1, 2, 3]
    assert series.loc[("density", "all"), ["r1", "r2", "r3"]].tolist() == pytest.approx([1 / 12, 2 / 12, 3 / 12])
    assert series.loc[("mean_trust", "all"), ["r1", "r2", "r3"]].tolist() == pytest.approx([2, 3, 4])
    # D did not answer r3: the panel of every round is A, B, C, and C->D falls outside it
    assert series.loc[("actors", "panel"), ["r1", "r2", "r3"]].tolist() == [3, 3, 3]
    assert series.loc[("density", "panel"), ["r1", "r2", "r3"]].tolist() == pytest.approx([1 / 6, 2 / 6, 2 / 6])
    assert series.loc[("response_rate", "all"), ["r1", "r2", "r3"]].tolist() == pytest.approx([1, 1, 0.75])


def test_a_subset_of_rounds_is_put_in_date_order(three_rounds):
    series = kpi_time_series(three_rounds, rounds=["r3", "r1"])
    assert list(series.columns[2:4]) == ["r1", "r3"]


def test_the_panel_of_two_rounds_is_wider_than_that_of_all_three(three_rounds):
    comparison = compare_rounds(three_rounds, "r1", "r2", resamples=100, permutations=0)
    assert comparison.panel == ("A", "B", "C", "D")
    assert comparison.kpi("density", "panel")[["from_value", "to_value"]].tolist() == pytest.approx([1 / 12, 2 / 12])
    assert comparison.tie_changes["status"].tolist() == ["new", "kept"]


def test_notes_travel_with_the_series(three_rounds):
    # everyone takes part in every round (D is named in r3 though it did not answer): one note only
    assert [str(note) for note in kpi_time_series(three_rounds).attrs["notes"]] == [
        'The survey has no relation "joint_action" (its relations are "information"): joint_action_ties and '
        "firms_in_joint_action are blank."
    ]
