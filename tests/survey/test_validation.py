"""Every validation case names the file, row, column and value, and all problems come at once."""

import hashlib

import pandas as pd
import pytest

from clusternet.survey import SurveyError, load_survey

ACTORS = "actor_id,name,type\nA,Alpha Weavers,firm\nB,Beta Dyers,firm\nC,Coop,association\n"


def located(problems, severity=None):
    """(severity, where, row, column, value) of each problem, for exact comparison."""
    return [
        (p.severity, p.where, p.row, p.column, p.value) for p in problems if severity is None or p.severity == severity
    ]


def refused(path, **options):
    with pytest.raises(SurveyError) as caught:
        load_survey(path, **options)
    return caught.value


def test_trust_must_be_a_whole_number_on_the_scale(csv_survey):
    path = csv_survey(actors=ACTORS, ties=("source,target,trust\nA,B,0\nA,C,6\nB,A,3.5\nB,C,high\nC,A,4.0\nC,B,\n"))
    error = refused(path)
    assert located(error.problems) == [
        ("error", "ties.csv", 2, "trust", "0"),
        ("error", "ties.csv", 3, "trust", "6"),
        ("error", "ties.csv", 4, "trust", "3.5"),
        ("error", "ties.csv", 5, "trust", "high"),
    ]
    assert "outside the trust scale 1-5" in str(error.problems[0].message)
    assert "1 = no trust" in str(error.problems[0].fix)


def test_whole_decimal_and_blank_trust_are_accepted(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,trust\nC,A,4.0\nC,B,\n"))
    assert survey.ties["trust"].tolist() == [4, pd.NA]
    assert str(survey.ties["trust"].dtype) == "Int64"


def test_weight_must_be_a_number_of_zero_or_more(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target,weight\nA,B,-1\nA,C,abc\nB,A,\nB,C,2.5\n")
    assert located(refused(path).problems) == [
        ("error", "ties.csv", 2, "weight", "-1"),
        ("error", "ties.csv", 3, "weight", "abc"),
    ]


def test_blank_weight_counts_as_one(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,weight\nB,A,\nB,C,2.5\n"))
    assert survey.ties["weight"].tolist() == [1.0, 2.5]


def test_duplicate_actor_ids_name_both_rows(csv_survey):
    path = csv_survey(actors="actor_id,name\nA,Alpha\nB,Beta\nA,Alpha again\n", ties="source,target\nA,B\n")
    problems = refused(path).problems
    assert located(problems) == [("error", "actors.csv", 4, "actor_id", "A")]
    [problem] = problems
    assert "already used on row 2" in str(problem.message)


def test_every_unknown_actor_in_ties_is_listed(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target\nA,X\nY,B\nA,B\nZ,X\n")
    assert located(refused(path).problems) == [
        ("error", "ties.csv", 2, "target", "X"),
        ("error", "ties.csv", 3, "source", "Y"),
        ("error", "ties.csv", 5, "source", "Z"),
        ("error", "ties.csv", 5, "target", "X"),
    ]


def test_unknown_actor_gets_a_near_match_suggestion(csv_survey):
    path = csv_survey(actors="actor_id\nW01\nW02\n", ties="source,target\nW01,W002\n")
    [problem] = refused(path).problems
    assert 'did you mean "W02"?' in str(problem.message)
    assert "--add-missing-actors" in str(problem.fix)


def test_add_missing_actors_adds_them_as_unknown_with_a_warning(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target\nA,X\nY,B\nZ,X\n")
    survey = load_survey(path, add_missing_actors=True)
    added = survey.actors.set_index("actor_id").loc[["X", "Y", "Z"]]
    assert added["type"].tolist() == ["unknown"] * 3
    assert added["name"].tolist() == ["X", "Y", "Z"]
    [warning] = survey.warnings
    assert warning.value == "X, Y, Z"


def test_self_ties_are_left_out_with_a_warning(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target\nA,A\nA,B\n"))
    assert located(survey.warnings) == [("warning", "ties.csv", 2, "target", "A")]
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "B"]]


def test_exact_duplicate_tie_rows_are_counted_once_with_a_warning(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,trust\nA,B,4\nB,C,3\nA,B,4\n"))
    assert located(survey.warnings) == [("warning", "ties.csv", 4, None, None)]
    assert "repeats row 2" in str(survey.warnings[0].message)
    assert len(survey.ties) == 2


def test_repeated_tie_with_different_trust_is_an_error(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target,trust\nA,B,4\nA,B,2\n")
    [problem] = refused(path).problems
    assert located([problem]) == [("error", "ties.csv", 3, "trust", None)]
    assert "row 2 also reports A -> B" in str(problem.message)


def test_ids_with_spaces_are_stripped_with_a_warning(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id\n A\nB \n", ties="source,target\nA , B\n"))
    assert survey.actors["actor_id"].tolist() == ["A", "B"]
    assert survey.ties[["source", "target"]].values.tolist() == [["A", "B"]]
    assert located(survey.warnings) == [
        ("warning", "actors.csv", 2, "actor_id", " A"),
        ("warning", "actors.csv", 3, "actor_id", "B "),
        ("warning", "ties.csv", 2, "source", "A "),
        ("warning", "ties.csv", 2, "target", " B"),
    ]


def test_numeric_ids_match_whole_decimals_and_text(tmp_path):
    from tests.conftest import write_workbook

    path = write_workbook(
        tmp_path / "s.xlsx",
        {
            "actors": [["actor_id", "name"], [7, "Seven"], ["8", "Eight"], [9.0, "Nine"]],
            "ties": [["source", "target"], ["7", 8], [7.0, "9"], ["9.0", 7]],
        },
    )
    survey = load_survey(path)
    assert survey.actors["actor_id"].tolist() == ["7", "8", "9"]
    assert survey.ties[["source", "target"]].values.tolist() == [["7", "8"], ["7", "9"], ["9", "7"]]


def test_blank_ids_are_errors(csv_survey):
    path = csv_survey(actors="actor_id,name\n,Nameless\nA,Alpha\nB,Beta\n", ties="source,target\nA,\nA,B\n")
    assert located(refused(path).problems) == [
        ("error", "actors.csv", 2, "actor_id", None),
        ("error", "ties.csv", 2, "target", None),
    ]


def test_all_problems_of_all_sheets_are_reported_together(csv_survey):
    path = csv_survey(
        actors="actor_id\nA\nA\nB\n",
        ties="source,target,trust,weight\nA,B,9,\nB,Q,3,-2\n",
    )
    assert located(refused(path).problems) == [
        ("error", "actors.csv", 3, "actor_id", "A"),
        ("error", "ties.csv", 2, "trust", "9"),
        ("error", "ties.csv", 3, "weight", "-2"),
        ("error", "ties.csv", 3, "target", "Q"),
    ]


def test_rounds_are_ordered_by_date(csv_survey):
    survey = load_survey(
        csv_survey(
            actors=ACTORS,
            ties="source,target,round\nA,B,endline\nA,B,baseline\n",
            rounds="round,date,description\nendline,2026-03-01,last\nbaseline,2023-03-01,first\n",
        )
    )
    assert survey.round_labels == ["baseline", "endline"]
    assert survey.latest_round == "endline"


def test_a_round_missing_from_the_rounds_sheet_is_an_error_with_its_rows(csv_survey):
    path = csv_survey(
        actors=ACTORS,
        ties="source,target,round\nA,B,baseline\nA,C,mid-term\nB,C,mid-term\n",
        rounds="round,date\nbaseline,2023-03-01\nmidterm,2024-03-01\n",
    )
    [problem] = refused(path).problems
    assert located([problem]) == [("error", "ties.csv", 3, "round", "mid-term")]
    assert "2 row(s) use it: 3, 4" in str(problem.message)
    assert 'Did you mean "midterm"?' in str(problem.message)


def test_round_date_must_be_a_date(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target,round\nA,B,1\n", rounds="round,date\n1,March\n")
    assert located(refused(path).problems) == [("error", "rounds.csv", 2, "date", "March")]


def test_without_respondents_sheet_respondents_are_the_reporters(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,round\nA,B,1\nB,A,1\nA,C,2\n"))
    assert survey.respondents_inferred
    assert survey.respondents_in("1") == {"A", "B"}
    assert survey.respondents_in("2") == {"A"}


def test_reporters_missing_from_the_respondents_sheet_are_added_with_a_warning(csv_survey):
    survey = load_survey(
        csv_survey(
            actors=ACTORS,
            ties="source,target,round\nA,B,1\nB,A,1\n",
            respondents="round,actor_id\n1,A\n1,C\n",
        )
    )
    assert survey.respondents_in("1") == {"A", "B", "C"}
    [warning] = survey.warnings
    assert "(B)" in str(warning.message)


def test_unknown_respondent_is_an_error(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target\nA,B\n", respondents="round,actor_id\n1,A\n1,Q\n")
    assert located(refused(path).problems) == [("error", "respondents.csv", 3, "actor_id", "Q")]


def test_types_and_relations_are_compared_as_labels(csv_survey):
    survey = load_survey(
        csv_survey(
            actors="actor_id,type\nA,Firm\nB, NGO\nC,\n",
            ties="source,target,relation\nA,B,Joint Action\nB,A,joint-action\nA,C,Information\n",
        )
    )
    assert survey.actors["type"].tolist() == ["firm", "ngo", "unknown"]
    assert survey.relation_labels == ["information", "joint_action"]


def test_misspelt_type_is_kept_with_a_suggestion(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id,type\nA,firms\nB,firm\n", ties="source,target\nA,B\n"))
    assert survey.actors["type"].tolist() == ["firms", "firm"]
    [warning] = survey.warnings
    assert (warning.row, warning.column, warning.value) == (2, "type", "firms")
    assert 'did you mean "firm"?' in str(warning.fix)


def test_attributes_keep_numbers_as_numbers(csv_survey):
    survey = load_survey(
        csv_survey(
            actors="actor_id,looms,share,village\nA,3,0.5,North\nB,,1,7\nC,12,2,South\n",
            ties="source,target\nA,B\n",
        )
    )
    assert survey.actors["looms"].tolist() == [3, pd.NA, 12]
    assert str(survey.actors["looms"].dtype) == "Int64"
    assert survey.actors["share"].tolist() == [0.5, 1.0, 2.0]
    assert survey.actors["village"].tolist() == ["North", "7", "South"]
    assert survey.attribute_names == ["type", "looms", "share", "village"]


def test_blank_rows_are_skipped_and_row_numbers_stay_as_in_the_file(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target,trust\n\nA,B,3\n,,\nA,C,8\n")
    assert located(refused(path).problems) == [("error", "ties.csv", 5, "trust", "8")]


def test_loading_never_changes_the_input(csv_survey):
    path = csv_survey(actors=ACTORS, ties="source,target,trust\nA,B,3\nA,B,3\nB,B,1\n")
    before = {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in path.iterdir()}
    load_survey(path)
    after = {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in path.iterdir()}
    assert before == after
