"""What cannot be compared is refused with the valid values named; what can, with a caveat, is noted."""

import math

import pytest

from clusternet.rounds import compare_rounds, comparison_text, kpi_time_series
from clusternet.rounds.changes import biggest_changes
from clusternet.survey import SelectionError

FAST = {"resamples": 50, "permutations": 0}


def test_unknown_round_names_the_rounds(two_rounds):
    with pytest.raises(SelectionError, match='there is no round "midline"; the rounds are "before", "after"'):
        compare_rounds(two_rounds, "before", "midline")


def test_a_round_compared_with_itself_is_refused(two_rounds):
    with pytest.raises(SelectionError, match='compare two different rounds, not "before" with itself'):
        compare_rounds(two_rounds, "before", "before")


def test_unknown_relation_attribute_or_tie_mode_names_the_valid_ones(two_rounds):
    with pytest.raises(SelectionError, match='the relations are "information", "joint_action", "training"'):
        compare_rounds(two_rounds, "before", "after", relations=["trade"])
    with pytest.raises(SelectionError, match='the attributes are "type", "village"'):
        compare_rounds(two_rounds, "before", "after", group_by="district")
    with pytest.raises(SelectionError, match="the modes are reported, any, confirmed"):
        compare_rounds(two_rounds, "before", "after", ties="mutual")


def test_selection_errors_are_value_errors(two_rounds):
    with pytest.raises(ValueError):
        compare_rounds(two_rounds, "before", "never")


def test_relation_labels_that_differ_between_rounds_are_refused_naming_them(survey_with):
    survey = survey_with(
        ties="""source,target,round,relation,trust
A,B,before,information,2
A,C,before,joint_action,3
A,B,after,information,4
A,C,after,joint_purchasing,4
"""
    )
    with pytest.raises(SelectionError) as refused:
        compare_rounds(survey, "before", "after")
    message = str(refused.value)
    assert '"joint_action" in "before"' in message
    assert '"joint_purchasing" in "after"' in message
    assert 'in every round: "information"' in message
    assert "unlike things" in message
    with pytest.raises(SelectionError, match="joint_purchasing"):
        kpi_time_series(survey)


def test_naming_the_relations_compares_them_and_notes_one_missing_in_a_round(survey_with):
    survey = survey_with(
        ties="""source,target,round,relation,trust
A,B,before,information,2
A,B,after,information,4
A,C,after,joint_action,4
"""
    )
    with pytest.raises(SelectionError, match='no other relation in "before"'):
        compare_rounds(survey, "before", "after")
    comparison = compare_rounds(survey, "before", "after", relations=["information", "joint_action"], **FAST)
    assert comparison.kpi("joint_action_ties")[["from_value", "to_value"]].tolist() == [0, 1]
    assert 'Relation "joint_action" has no tie in "before": counted as none there.' in map(str, comparison.notes)


def test_a_round_that_did_not_ask_about_trust_leaves_trust_kpis_blank_with_a_note(survey_with):
    survey = survey_with(
        ties="""source,target,round,relation,trust
A,B,before,information,2
B,A,before,information,3
A,B,after,information,
B,A,after,information,
A,C,after,information,
"""
    )
    comparison = compare_rounds(survey, "before", "after", **FAST)
    for kpi in ("mean_trust", "high_trust_share"):
        row = comparison.kpi(kpi)
        assert row["from_value"] == pytest.approx(2.5 if kpi == "mean_trust" else 0.0)
        assert all(math.isnan(row[column]) for column in ("to_value", "change", "low", "high"))
        assert row["assessment"] == ""
    assert comparison.kpi("density")["to_value"] == pytest.approx(3 / 12)
    assert any('"after" has no trust ratings (trust was not asked there)' in str(note) for note in comparison.notes)


def test_trust_rated_for_different_relations_in_each_round_is_noted(survey_with):
    survey = survey_with(
        ties="""source,target,round,relation,trust
A,B,before,information,2
A,C,before,joint_action,
A,B,after,information,
A,C,after,joint_action,4
"""
    )
    comparison = compare_rounds(survey, "before", "after", **FAST)
    assert (
        'Trust was rated for different relations ("information" in "before"; "joint_action" in "after"): '
        "the trust KPIs average ratings of different relationships; compare them on the relations rated in "
        "every round." in map(str, comparison.notes)
    )


def test_an_actor_present_in_one_round_only_is_named_and_left_out_of_the_panel(survey_with):
    survey = survey_with(
        actors="actor_id,name,type,village\nA,Anand,firm,North\nB,Bela,firm,North\nC,Chitra,firm,South\n"
        "D,Coop,association,South\nE,Esha,firm,South\n",
        respondents="round,actor_id\nbefore,A\nbefore,B\nbefore,C\nafter,A\nafter,B\nafter,C\nafter,D\nafter,E\n",
        ties="""source,target,round,relation,trust
A,B,before,information,2
B,A,before,information,2
A,C,before,joint_action,3
B,D,before,training,2
A,B,after,information,4
E,A,after,joint_action,4
E,D,after,training,4
""",
    )
    comparison = compare_rounds(survey, "before", "after", **FAST)
    assert (
        'E takes part in "after" only (answered or named there), not in "before": on the basis all it is '
        "an isolate that did not answer there, which can fake a change; the panel leaves it out."
        in map(str, comparison.notes)
    )
    assert "E" not in comparison.panel
    assert comparison.kpi("actors", "all")[["from_value", "to_value"]].tolist() == [5, 5]
    assert comparison.kpi("isolates", "all")["from_value"] == 1  # E, not yet in the cluster
    assert comparison.actor_changes.set_index("actor_id").at["E", "degree_change"] == 2


def test_an_empty_panel_gives_blank_panel_kpis_and_a_note(survey_with):
    survey = survey_with(
        respondents="round,actor_id\nbefore,A\nbefore,B\nafter,C\nafter,D\n",
        ties="source,target,round,relation,trust\nA,B,before,information,2\nC,D,after,information,4\n",
    )
    comparison = compare_rounds(survey, "before", "after", **FAST)
    assert comparison.panel == ()
    # blank, not 0: "ties 0 -> 0, change 0" would read as a measured no-change
    for kpi in ("actors", "respondents", "ties", "components", "isolates", "density"):
        row = comparison.kpi(kpi, "panel")
        assert all(math.isnan(row[column]) for column in ("from_value", "to_value", "change")), kpi
    panel = comparison.kpis[comparison.kpis["basis"] == "panel"]
    assert panel[["from_value", "to_value", "change", "low", "high"]].isna().all().all()
    assert (panel["assessment"] == "").all()
    assert comparison.kpi("actors", "all")["from_value"] == 4
    assert any("the panel is empty" in str(note) for note in comparison.notes)


def test_an_empty_panel_gives_blank_panel_rows_in_the_time_series(survey_with):
    survey = survey_with(
        respondents="round,actor_id\nbefore,A\nbefore,B\nafter,C\nafter,D\n",
        ties="source,target,round,relation,trust\nA,B,before,information,2\nC,D,after,information,4\n",
    )
    series = kpi_time_series(survey).set_index(["kpi", "basis"])
    assert series.loc[(slice(None), "panel"), ["before", "after"]].isna().all().all()
    assert series.loc[("ties", "all"), ["before", "after"]].tolist() == [1, 1]


def test_bad_resampling_settings_are_refused(two_rounds):
    with pytest.raises(ValueError, match="cannot be negative"):
        compare_rounds(two_rounds, "before", "after", resamples=-1)
    with pytest.raises(ValueError, match="between 0 and 1"):
        compare_rounds(two_rounds, "before", "after", level=95)


def summary_lines(comparison):
    return [str(line) for line in comparison_text(comparison)]


def test_identical_rounds_name_nobody_as_gaining_or_losing(survey_with):
    same_ties = "".join(
        f"{source},{target},{label},information,3\n"
        for label in ("before", "after")
        for source, target in (("A", "B"), ("B", "A"), ("B", "C"))
    )
    survey = survey_with(
        respondents="round,actor_id\nbefore,A\nbefore,B\nbefore,C\nafter,A\nafter,B\nafter,C\n",
        ties="source,target,round,relation,trust\n" + same_ties,
    )
    comparison = compare_rounds(survey, "before", "after", **FAST)
    gained, lost = biggest_changes(comparison.actor_changes, "degree")
    assert gained.empty and lost.empty
    lines = summary_lines(comparison)
    assert not any("nan" in line for line in lines)
    assert not any("gained most" in line or "lost most" in line for line in lines)
    assert "Reported ties: 0 new, 0 dropped, 3 kept." in lines


def test_when_every_actor_only_loses_the_summary_names_only_losers(survey_with):
    survey = survey_with(
        respondents="round,actor_id\nbefore,A\nbefore,B\nbefore,C\nafter,A\nafter,B\nafter,C\n",
        ties="source,target,round,relation,trust\nA,B,before,information,3\nB,C,before,information,3\n"
        "A,B,after,information,3\n",
    )
    comparison = compare_rounds(survey, "before", "after", **FAST)
    gained, lost = biggest_changes(comparison.actor_changes, "degree")
    assert gained.empty
    assert lost["actor_id"].tolist() == ["B", "C"]  # B and C each lose their one partner of B-C; B first
    lines = summary_lines(comparison)
    assert not any("nan" in line for line in lines)
    assert "Partners: lost most B (-1), C (-1)." in lines
    assert not any("gained most" in line for line in lines)
