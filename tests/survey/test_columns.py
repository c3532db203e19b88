"""Columns beyond the format's own: named with the column they look like, never renamed or dropped unseen."""

import pytest

from clusternet.survey import SurveyError, load_survey
from clusternet.survey.columns import look_alike
from clusternet.survey.problems import ENGLISH
from tests.conftest import write_workbook

ACTORS = "actor_id,name,type\nA,Alpha,firm\nB,Beta,ngo\n"
TIES = "source,target\nA,B\n"


def warned(survey):
    """(where, row, column, message, fix) of each warning, rendered in English."""
    return [
        (p.where, p.row, p.column, ENGLISH.render(p.message), p.fix and ENGLISH.render(p.fix)) for p in survey.warnings
    ]


@pytest.mark.parametrize(
    ("header", "sheet", "candidates", "known"),
    [
        ("Kind", "actors", ["type"], "type"),
        ("Typ", "actors", ["type"], "type"),
        ("Firm name", "actors", ["name", "type"], "name"),
        ("trust level (1-5)", "ties", ["round", "relation", "trust", "weight"], "trust"),
        ("confianza", "ties", ["trust"], "trust"),
        ("Partner", "ties", ["target"], "target"),
        ("Respondent", "ties", ["source", "target"], "source"),
        ("from", "ties", ["source"], "source"),
        ("Type", "ties", ["relation"], "relation"),
        ("Respondent", "respondents", ["actor_id"], "actor_id"),
        ("time to market", "ties", ["target", "trust"], None),
        ("village", "actors", ["name", "type"], None),
        ("sector", "actors", ["actor_id", "name", "type"], None),
        ("size", "actors", ["type"], None),
        ("Kind", "actors", [], None),
    ],
)
def test_a_header_looks_like_a_column_by_synonym_word_or_spelling(header, sheet, candidates, known):
    assert look_alike(header, sheet, candidates) == known


def test_a_renamed_type_is_kept_as_an_attribute_with_a_warning(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id,Kind\nA,firm\nB,ngo\n", ties=TIES))
    assert survey.actors["type"].tolist() == ["unknown", "unknown"]
    assert survey.actors["kind"].tolist() == ["firm", "ngo"]
    assert warned(survey) == [
        (
            "actors.csv",
            1,
            "Kind",
            '"Kind" looks like "type": rename it, or it is kept as an attribute',
            'write "type" as its header',
        )
    ]


def test_attribute_columns_that_look_like_no_column_need_no_warning(csv_survey):
    survey = load_survey(
        csv_survey(actors="actor_id,name,type,village,looms\nA,Alpha,firm,N,3\nB,Beta,ngo,S,\n", ties=TIES)
    )
    assert survey.warnings == ()


def test_a_look_alike_of_a_column_the_sheet_has_is_an_attribute_like_any(csv_survey):
    survey = load_survey(csv_survey(actors="actor_id,type,Kind\nA,firm,weaver\nB,ngo,\n", ties=TIES))
    assert survey.warnings == ()


def test_unknown_columns_of_ties_rounds_and_respondents_are_named_as_unused(csv_survey):
    survey = load_survey(
        csv_survey(
            actors=ACTORS,
            ties="source,target,round,comment\nA,B,r1,met at the fair\n",
            rounds="round,venue\nr1,Barpali\n",
            respondents="round,actor_id,interviewer\nr1,A,Meena\n",
        )
    )
    assert warned(survey) == [
        (
            "ties.csv",
            1,
            "comment",
            '"comment" is not a column of ties: it is kept, but not used in the analysis',
            "if it holds one of source, target, round, relation, trust, weight, rename it so; "
            "otherwise it can stay as it is",
        ),
        (
            "rounds.csv",
            1,
            "venue",
            '"venue" is not a column of rounds: it is not read',
            "if it holds one of round, date, description, rename it so; otherwise it can stay as it is",
        ),
        (
            "respondents.csv",
            1,
            "interviewer",
            '"interviewer" is not a column of respondents: it is not read',
            "if it holds one of round, actor_id, rename it so; otherwise it can stay as it is",
        ),
    ]
    assert survey.ties["comment"].tolist() == ["met at the fair"]


def test_look_alikes_on_sheets_that_do_not_read_them_say_so(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,Wave,Relationship\nA,B,1,information\n"))
    assert [message for _, _, _, message, _ in warned(survey)] == [
        '"Wave" looks like "round": rename it, or it is not used in the analysis',
        '"Relationship" looks like "relation": rename it, or it is not used in the analysis',
    ]
    assert survey.ties["relation"].tolist() == ["tie"]


def test_ratings_under_another_header_warn_that_no_trust_was_read(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,confianza\nA,B,4\nB,A,\n"))
    assert survey.ties["trust"].isna().all()
    assert warned(survey) == [
        (
            "ties.csv",
            1,
            "confianza",
            'no trust ratings were read: the ties have no "trust" column, but "confianza" holds whole numbers 1-5 '
            "as ratings do",
            'if it holds the trust ratings, write "trust" as its header',
        )
    ]


def test_ratings_under_an_unknown_header_are_found_by_their_values(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,note,Q7\nA,B,fair,5\nB,A,,1\n"))
    assert [(column, message.split(":")[0]) for _, _, column, message, _ in warned(survey)] == [
        ("note", '"note" is not a column of ties'),
        ("Q7", "no trust ratings were read"),
    ]


def test_a_look_alike_of_trust_outside_the_scale_is_only_a_look_alike(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,trust level\nA,B,high\n"))
    assert [message for _, _, _, message, _ in warned(survey)] == [
        '"trust level" looks like "trust": rename it, or it is not used in the analysis'
    ]


def test_a_frequency_of_one_to_five_is_a_weight_not_trust(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,frequency\nA,B,3\n"))
    assert [message for _, _, _, message, _ in warned(survey)] == [
        '"frequency" looks like "weight": rename it, or it is not used in the analysis'
    ]


def test_no_trust_warning_when_the_sheet_has_trust(csv_survey):
    survey = load_survey(csv_survey(actors=ACTORS, ties="source,target,trust,Q7\nA,B,4,5\n"))
    assert [column for _, _, column, _, _ in warned(survey)] == ["Q7"]
    assert "no trust" not in warned(survey)[0][3]


def test_a_missing_required_column_names_its_look_alike_once(csv_survey):
    with pytest.raises(SurveyError) as caught:
        load_survey(csv_survey(actors=ACTORS, ties="Respondent,Partner\nA,B\n"))
    assert [(p.severity, p.column, ENGLISH.render(p.fix)) for p in caught.value.problems] == [
        ("error", "source", 'rename column "Respondent" to "source"'),
        ("error", "target", 'rename column "Partner" to "target"'),
    ]


def test_a_workbook_names_its_sheet_in_the_warning(tmp_path):
    path = write_workbook(
        tmp_path / "survey.xlsx",
        {"actors": [["actor_id", "Category"], ["A", "firm"], ["B", "ngo"]], "ties": [["source", "target"], ["A", "B"]]},
    )
    [warning] = load_survey(path).warnings
    assert (warning.where, warning.row, warning.column) == ("survey.xlsx, sheet actors", 1, "Category")
    assert ENGLISH.render(warning.message) == '"Category" looks like "type": rename it, or it is kept as an attribute'
