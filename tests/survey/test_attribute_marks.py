"""The attributes sheet marks actors columns safe or private; every wrong row is named, marks travel with the survey."""

from dataclasses import replace

import pytest
from openpyxl import load_workbook

from clusternet.export.survey_files import survey_workbook
from clusternet.survey import SurveyError, load_survey
from tests.conftest import write_workbook

ACTORS = (
    "actor_id,name,type,Village,women_led,looms\n"
    "A,Alpha Weavers,firm,Barpali,yes,2\n"
    "B,Beta Dyers,firm,Barpali,no,3\n"
    "C,Coop,association,Sonapali,,\n"
)
TIES = "source,target\nA,B\nB,C\n"


def located(problems):
    """(severity, where, row, column, value) of each problem, for exact comparison."""
    return [(p.severity, p.where, p.row, p.column, p.value) for p in problems]


def worded(problems):
    """(what is wrong, what to do) of each problem, in English."""
    return [(str(p.message), str(p.fix)) for p in problems]


def refused(path):
    with pytest.raises(SurveyError) as caught:
        load_survey(path)
    return caught.value.problems


def test_marks_load_from_a_csv_folder_by_the_actors_column_names(csv_survey):
    attributes = "attribute,privacy,note\nVillage,safe,agreed at the cluster meeting\nlooms,private,\n"
    survey = load_survey(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert survey.attribute_privacy == {"village": "safe", "looms": "private"}
    assert "village" in survey.actors.columns


def test_marks_load_from_a_workbook(tmp_path):
    path = write_workbook(
        tmp_path / "survey.xlsx",
        {
            "actors": [["actor_id", "type", "looms", "women_led"], ["A", "firm", 2, "yes"], ["B", "firm", 3, "no"]],
            "ties": [["source", "target"], ["A", "B"]],
            "Attributes": [["attribute", "privacy"], ["looms", "Safe"], ["women_led", "PRIVATE"]],
        },
    )
    assert load_survey(path).attribute_privacy == {"looms": "safe", "women_led": "private"}


def test_headers_marks_and_attributes_are_matched_as_elsewhere(csv_survey):
    attributes = "Attribute , Privacy ,NOTE\n village ,SAFE,\nWomen-Led, Private ,\n"
    survey = load_survey(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert survey.attribute_privacy == {"village": "safe", "women_led": "private"}


def test_a_survey_without_the_sheet_or_with_only_its_header_has_no_marks(csv_survey, tmp_path):
    without = load_survey(csv_survey(actors=ACTORS, ties=TIES))
    header_only = load_survey(csv_survey(actors=ACTORS, ties=TIES, attributes="attribute,privacy\n"))
    assert without.attribute_privacy == {} == header_only.attribute_privacy
    assert without.fingerprint == header_only.fingerprint


def test_blank_rows_are_skipped_and_another_column_is_named_as_not_read(csv_survey):
    attributes = "attribute,privacy,checked_by\n,,\nlooms,safe,Meena\n , \nvillage,private,\n"
    survey = load_survey(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert survey.attribute_privacy == {"looms": "safe", "village": "private"}
    assert located(survey.warnings) == [("warning", "attributes.csv", 1, "checked_by", None)]


def test_an_attribute_that_is_not_an_actors_column_is_refused_with_a_near_match(csv_survey):
    attributes = "attribute,privacy\nvilage,safe\nphone,private\n"
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert located(problems) == [
        ("error", "attributes.csv", 2, "attribute", "vilage"),
        ("error", "attributes.csv", 3, "attribute", "phone"),
    ]
    fix = 'write the header of one of the actors columns "Village", "women_led", "looms", or delete the row'
    assert worded(problems) == [
        ('"vilage" is not a column of the actors sheet; did you mean "Village"?', fix),
        ('"phone" is not a column of the actors sheet', fix),
    ]


def test_an_attribute_is_refused_when_the_actors_have_no_attribute_columns(csv_survey):
    problems = refused(
        csv_survey(
            actors="actor_id,type\nA,firm\nB,firm\n",
            ties="source,target\nA,B\n",
            attributes="attribute,privacy\nlooms,safe\n",
        )
    )
    assert located(problems) == [("error", "attributes.csv", 2, "attribute", "looms")]
    assert worded(problems) == [
        (
            '"looms" is not a column of the actors sheet',
            "the actors sheet has no attribute columns to mark: delete the row",
        )
    ]


def test_actor_id_name_and_type_cannot_be_marked(csv_survey):
    attributes = "attribute,privacy\nActor ID,private\nname,safe\nType,private\n"
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert located(problems) == [
        ("error", "attributes.csv", 2, "attribute", "Actor ID"),
        ("error", "attributes.csv", 3, "attribute", "name"),
        ("error", "attributes.csv", 4, "attribute", "Type"),
    ]
    assert worded(problems) == [
        (
            '"Actor ID" cannot be marked: actor ids and names are never shown to an anonymised audience',
            "delete the row",
        ),
        ('"name" cannot be marked: actor ids and names are never shown to an anonymised audience', "delete the row"),
        (
            '"Type" cannot be marked: the type is always shown to an anonymised audience, '
            'with the types of fewer than k actors shown together as "institution"',
            "delete the row",
        ),
    ]


def test_a_privacy_other_than_safe_or_private_is_refused(csv_survey):
    attributes = "attribute,privacy\nlooms,maybe\nvillage,\nwomen_led, Public \n"
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert located(problems) == [
        ("error", "attributes.csv", 2, "privacy", "maybe"),
        ("error", "attributes.csv", 3, "privacy", None),
        ("error", "attributes.csv", 4, "privacy", " Public "),
    ]
    assert worded(problems) == [
        ('"maybe" is not a privacy mark', "write safe or private"),
        ("the privacy is blank", "write safe or private"),
        ('"Public" is not a privacy mark', "write safe or private"),
    ]


def test_a_blank_attribute_is_refused(csv_survey):
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes="attribute,privacy,note\n,safe,all of them\n"))
    assert located(problems) == [("error", "attributes.csv", 2, "attribute", None)]
    assert worded(problems) == [
        ("the attribute is blank", "write the header of an actors column to mark, or delete the row")
    ]


def test_an_attribute_listed_twice_is_refused_naming_both_rows(csv_survey):
    attributes = "attribute,privacy\nlooms,safe\nvillage,private\nLooms,safe\nVillage,safe\n"
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert located(problems) == [
        ("error", "attributes.csv", 4, "attribute", "Looms"),
        ("error", "attributes.csv", 5, "attribute", "Village"),
    ]
    fix = "keep one row for each attribute, with the mark that is right"
    assert worded(problems) == [
        ('the attribute "Looms" is already marked on row 2', fix),
        ('the attribute "Village" is marked safe here but private on row 3', fix),
    ]


def test_every_problem_of_a_row_is_named_in_column_order(csv_survey):
    attributes = "attribute,privacy\nlooms,safe\nlooms,\n"
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    assert located(problems) == [
        ("error", "attributes.csv", 3, "attribute", "looms"),
        ("error", "attributes.csv", 3, "privacy", None),
    ]
    assert str(problems[0].message) == 'the attribute "looms" is already marked on row 2'


def test_problems_in_a_workbook_name_the_sheet_and_the_header_as_written(tmp_path):
    path = write_workbook(
        tmp_path / "survey.xlsx",
        {
            "actors": [["actor_id", "looms"], ["A", 2], ["B", 3]],
            "ties": [["source", "target"], ["A", "B"]],
            "attributes": [["Attribute", "Privacy "], ["loom", "safe"], ["looms", "no"]],
        },
    )
    assert located(refused(path)) == [
        ("error", "survey.xlsx, sheet attributes", 2, "Attribute", "loom"),
        ("error", "survey.xlsx, sheet attributes", 3, "Privacy", "no"),
    ]


def test_a_missing_privacy_column_is_refused(csv_survey):
    problems = refused(csv_survey(actors=ACTORS, ties=TIES, attributes="attribute,privcy\nlooms,safe\n"))
    assert located(problems) == [("error", "attributes.csv", 1, "privacy", None)]
    assert str(problems[0].fix) == 'rename column "privcy" to "privacy"'


def test_the_marks_are_part_of_the_fingerprint(csv_survey, tmp_path):
    unmarked = load_survey(csv_survey(actors=ACTORS, ties=TIES))
    safe = replace(unmarked, attribute_privacy={"looms": "safe"})
    private = replace(unmarked, attribute_privacy={"looms": "private"})
    both = replace(unmarked, attribute_privacy={"looms": "safe", "village": "private"})
    fingerprints = {survey.fingerprint for survey in (unmarked, safe, private, both)}
    assert len(fingerprints) == 4
    reordered = replace(unmarked, attribute_privacy={"village": "private", "looms": "safe"})
    assert reordered.fingerprint == both.fingerprint


def test_the_marks_stay_on_a_selected_survey(csv_survey):
    rounds = "round\nbaseline\nendline\n"
    ties = "source,target,round\nA,B,baseline\nB,C,endline\n"
    survey = load_survey(
        csv_survey(actors=ACTORS, ties=ties, rounds=rounds, attributes="attribute,privacy\nlooms,safe\n")
    )
    assert survey.select("baseline").attribute_privacy == {"looms": "safe"}


def test_marks_survive_a_survey_copy(csv_survey, tmp_path):
    attributes = "attribute,privacy,note\nVillage,safe,agreed\nlooms,private,\n"
    survey = load_survey(csv_survey(actors=ACTORS, ties=TIES, attributes=attributes))
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(survey_workbook(survey))
    reloaded = load_survey(copy)
    assert reloaded.attribute_privacy == {"village": "safe", "looms": "private"}
    assert reloaded.fingerprint == survey.fingerprint


def test_a_survey_without_marks_is_copied_without_an_attributes_sheet(csv_survey, tmp_path):
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(survey_workbook(load_survey(csv_survey(actors=ACTORS, ties=TIES))))
    assert load_workbook(copy).sheetnames == ["actors", "ties", "rounds", "respondents"]
