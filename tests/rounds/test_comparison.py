"""compare_rounds on hand-built surveys: exact KPIs on both bases, tie and actor changes, QAP, the table."""

import math

import pandas as pd
import pytest

from clusternet.kpis import KPIS
from clusternet.messages import render_all
from clusternet.rounds import compare_rounds, comparison_text
from clusternet.rounds.comparison import KPI_TABLE_COLUMNS

NAN = float("nan")


@pytest.fixture
def comparison(two_rounds):
    return compare_rounds(two_rounds, "before", "after", resamples=200, permutations=100)


def values(comparison, kpi, basis="all"):
    row = comparison.kpi(kpi, basis)
    return row["from_value"], row["to_value"]


def assert_values(comparison, kpi, basis, expected):
    for got, want in zip(values(comparison, kpi, basis), expected):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want), (kpi, basis, got, want)


def test_kpi_table_has_the_interface_columns_and_every_kpi_on_both_bases(comparison):
    assert list(comparison.kpis.columns) == KPI_TABLE_COLUMNS
    assert KPI_TABLE_COLUMNS[:7] == ["kpi", "basis", "from_value", "to_value", "change", "low", "high"]
    assert list(comparison.kpis["kpi"]) == [kpi.code for kpi in KPIS for _ in (0, 1)]
    assert list(comparison.kpis["basis"]) == ["all", "panel"] * len(KPIS)


def test_density_and_mean_trust_before_and_after_on_all_actors(comparison):
    assert_values(comparison, "ties", "all", (4, 6))
    assert_values(comparison, "density", "all", (4 / 12, 6 / 12))
    assert_values(comparison, "mean_trust", "all", (9 / 4, 26 / 6))
    assert comparison.kpi("density")["change"] == pytest.approx(1 / 6)
    assert comparison.kpi("mean_trust")["change"] == pytest.approx(26 / 6 - 9 / 4)
    assert comparison.kpi("density")["relative_change"] == pytest.approx(0.5)


def test_panel_keeps_only_actors_who_answered_both_rounds_and_their_ties(comparison):
    assert comparison.panel == ("A", "B", "C")
    assert_values(comparison, "actors", "panel", (3, 3))
    assert_values(comparison, "ties", "panel", (3, 4))
    assert_values(comparison, "density", "panel", (3 / 6, 4 / 6))
    assert_values(comparison, "mean_trust", "panel", (7 / 3, 17 / 4))
    assert_values(comparison, "response_rate", "panel", (1.0, 1.0))


@pytest.mark.parametrize(
    "kpi, basis, expected",
    [
        ("respondents", "all", (3, 4)),
        ("response_rate", "all", (0.75, 1.0)),
        ("reciprocity", "all", (0.5, 1.0)),
        ("reciprocity", "panel", (2 / 3, 1.0)),
        ("confirmed_share", "all", (2 / 3, 1.0)),  # B->D could not be confirmed: D did not answer
        ("mean_degree", "all", (1.5, 1.5)),
        ("components", "all", (1, 1)),
        ("isolates", "all", (0, 0)),
        ("fragmentation", "all", (0.0, 0.0)),
        ("degree_centralization", "all", (1 / 3, 1 / 3)),
        ("joint_action_ties", "all", (1, 2)),
        ("firms_in_joint_action", "all", (2, 2)),
        ("high_trust_share", "all", (0.0, 1.0)),
        ("firm_institution_linkage", "all", (1 / 3, 1 / 3)),  # B tied to the coop before, C after
        ("firm_institution_linkage", "panel", (0.0, 0.0)),  # the coop is not in the panel
        ("ei_index", "all", (0.0, -1 / 3)),  # by village: 2 of 4 arcs across, then 2 of 6
        ("brokerage_top_share", "all", (0.5, 0.5)),
    ],
)
def test_exact_kpis_of_the_two_round_survey(comparison, kpi, basis, expected):
    assert_values(comparison, kpi, basis, expected)


def test_tie_changes_list_new_dropped_and_kept_reports_with_trust(comparison):
    changes = comparison.tie_changes
    assert list(changes.columns[:6]) == ["source", "target", "relation", "status", "trust_from", "trust_to"]
    rows = [
        (
            row.source,
            row.target,
            row.relation,
            row.status,
            None if pd.isna(row.trust_from) else int(row.trust_from),
            None if pd.isna(row.trust_to) else int(row.trust_to),
        )
        for row in changes.itertuples()
    ]
    assert rows == [
        ("C", "A", "joint_action", "new", None, 5),
        ("C", "D", "training", "new", None, 5),
        ("D", "C", "training", "new", None, 4),
        ("B", "D", "training", "dropped", 2, None),
        ("A", "B", "information", "kept", 2, 4),
        ("A", "C", "joint_action", "kept", 3, 4),
        ("B", "A", "information", "kept", 2, 4),
    ]
    assert changes["status"].value_counts().to_dict() == {"new": 3, "kept": 3, "dropped": 1}
    assert list(changes["in_panel"]) == [True, False, False, False, True, True, True]
    assert [str(note) for note in changes["note"]] == ["", "", "the source did not answer before", "", "", "", ""]
    assert list(changes["trust_change"].iloc[4:]) == [2, 1, 2]


def test_actor_changes_show_who_gained_and_who_lost(comparison):
    actors = comparison.actor_changes.set_index("actor_id")
    assert list(actors.index) == ["A", "B", "C", "D"]
    assert actors["degree_change"].to_dict() == {"A": 0, "B": -1, "C": 1, "D": 0}
    assert actors["trust_received_from"].to_dict() == {"A": 2.0, "B": 2.0, "C": 3.0, "D": 2.0}
    assert actors["trust_received_to"].to_dict() == {"A": 4.5, "B": 4.0, "C": 4.0, "D": 5.0}
    # two-paths brokered by village: B->A->C and A->B->D before; B->A->C, C->A->B, A->C->D, D->C->A after
    assert actors["brokerage_from"].to_dict() == {"A": 1, "B": 1, "C": 0, "D": 0}
    assert actors["brokerage_to"].to_dict() == {"A": 2, "B": 0, "C": 2, "D": 0}
    assert list(actors["answered_from"]) == [True, True, True, False]
    assert list(actors["in_panel"]) == [True, True, True, False]
    assert list(actors["village"]) == ["North", "North", "South", "South"]


def test_qap_correlation_of_the_two_tie_matrices(comparison):
    qap = comparison.qap.set_index("basis")
    # 12 cells, 4 and 6 arcs, 3 in both: (12 * 3 - 4 * 6) / sqrt(4 * 8 * 6 * 6)
    assert qap.at["all", "correlation"] == pytest.approx(12 / math.sqrt(4 * 8 * 6 * 6))
    assert qap.at["all", "actors"] == 4 and qap.at["panel", "actors"] == 3
    assert qap.at["all", "permutations"] == 100
    assert 0 < qap.at["all", "p_value"] <= 1


def test_unchanged_context_kpis_have_a_zero_interval_on_the_panel(comparison):
    for kpi in ("actors", "respondents", "response_rate"):
        row = comparison.kpi(kpi, "panel")
        assert (row["change"], row["low"], row["high"]) == (0, 0, 0)
        assert row["assessment"] == "no clear change"


def test_each_kpi_says_what_it_means_and_which_way_is_good(comparison):
    table = comparison.kpis.set_index(["kpi", "basis"])
    assert table.at[("mean_trust", "all"), "good_direction"] == "up"
    assert table.at[("fragmentation", "all"), "good_direction"] == "down"
    assert table.at[("response_rate", "all"), "good_direction"] == "neither"
    assert str(table.at[("ei_index", "all"), "meaning"]).startswith("E-I index by village")
    assert comparison.kpis["meaning"].map(str).str.len().gt(20).all()


def test_any_and_confirmed_ties_count_edges(two_rounds):
    confirmed = compare_rounds(two_rounds, "before", "after", ties="confirmed", resamples=0, permutations=0)
    # mutual pairs: A-B before; A-B, A-C, C-D after
    assert_values(confirmed, "ties", "all", (1, 3))
    assert_values(confirmed, "density", "all", (1 / 6, 3 / 6))
    assert_values(confirmed, "reciprocity", "all", (NAN, NAN))
    assert_values(confirmed, "mean_trust", "all", (9 / 4, 26 / 6))  # trust is always read from the reports
    any_ties = compare_rounds(two_rounds, "before", "after", ties="any", resamples=0, permutations=0)
    assert_values(any_ties, "ties", "all", (3, 3))


def test_relations_restrict_every_table(two_rounds):
    comparison = compare_rounds(two_rounds, "before", "after", relations=["information"], resamples=0, permutations=0)
    assert_values(comparison, "ties", "all", (2, 2))
    assert_values(comparison, "joint_action_ties", "all", (NAN, NAN))
    assert set(comparison.tie_changes["relation"]) == {"information"}
    assert any('"joint_action" is not among the relations compared' in str(note) for note in comparison.notes)


def test_without_resamples_there_is_no_interval(two_rounds):
    comparison = compare_rounds(two_rounds, "before", "after", resamples=0, permutations=0)
    assert comparison.kpis[["low", "high"]].isna().all().all()
    assert (comparison.kpis["assessment"] == "").all()
    assert math.isnan(comparison.qap["p_value"].iloc[0])


def test_a_backward_comparison_is_noted(two_rounds):
    comparison = compare_rounds(two_rounds, "after", "before", resamples=0, permutations=0)
    assert comparison.kpi("density")["change"] == pytest.approx(-1 / 6)
    assert "backwards in time" in str(comparison.notes[0])


def test_summary_without_intervals_lists_point_changes(two_rounds):
    text = render_all(
        comparison_text(compare_rounds(two_rounds, "before", "after", resamples=0, permutations=0)), separator="\n"
    )
    assert text.splitlines()[:2] == [
        '"before" -> "after": 4 actors on the roster; 3 answered "before", 4 "after", 3 both (the panel).',
        "Tie mode reported; relations: all; groups: village; no intervals.",
    ]
    assert "  density: 0.333 -> 0.5 (+0.167) [+0.167]" in text
    assert "Reported ties: 3 new, 1 dropped, 3 kept." in text


def test_pair_changes_fold_directions_and_relations():
    import pandas as pd

    from clusternet.rounds.changes import pair_changes

    reports = pd.DataFrame(
        {
            "source": ["A", "B", "A", "C", "D"],
            "target": ["B", "A", "C", "A", "E"],
            "status": ["dropped", "new", "new", "new", "dropped"],
        }
    )
    assert pair_changes(reports).values.tolist() == [["A", "B", "kept"], ["A", "C", "new"], ["D", "E", "dropped"]]
