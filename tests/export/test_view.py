"""Anonymisation happens in one place, the export view: codes, dropped free text, thin trust hidden."""

import math

from clusternet.anonymize import actor_codes
from clusternet.export.view import MIN_RATINGS_SHOWN, export_view
from clusternet.graph import Selection


def test_codes_are_the_apps_codes_for_the_same_survey(sample_survey, anonymous_view):
    assert anonymous_view.labels == actor_codes(sample_survey.actors, salt=sample_survey.fingerprint)


def test_without_anonymising_labels_are_names(sample_survey, sample_view):
    assert sample_view.labels["W01"] == "Santosh Kuli Looms"
    assert sample_view.key("W01") == "W01"


def test_the_anonymised_actors_table_has_codes_and_no_name(sample_survey, anonymous_view):
    table = anonymous_view.actors_table()
    assert set(table["actor_id"]) == set(anonymous_view.codes.values())
    assert (table["name"] == table["actor_id"]).all()
    assert not set(sample_survey.actors["name"]) & set(table.astype(str).stack())


def test_trust_backed_by_fewer_than_three_ratings_is_blank_when_anonymised(anonymous_view, sample_view):
    shown = anonymous_view.actors_table()
    full = sample_view.actors_table()
    thin = full["trust_received_n"].between(1, MIN_RATINGS_SHOWN - 1)
    assert thin.any()
    assert shown.loc[thin, "trust_received"].isna().all()
    assert full.loc[thin, "trust_received"].notna().all()
    enough = full["trust_received_n"] >= MIN_RATINGS_SHOWN
    assert (shown.loc[enough, "trust_received"] == full.loc[enough, "trust_received"]).all()


def test_gaps_name_actors_by_code_and_drop_the_key(sample_survey, anonymous_view):
    gaps = anonymous_view.gaps_table()
    codes = set(anonymous_view.codes.values())
    assert "key" not in gaps.columns
    assert all(actor in codes for involved in gaps["actors"] for actor in involved.split(";"))
    names = list(sample_survey.actors["name"])
    assert not [name for name in names for text in gaps["explanation"] if name in text]


def test_scrub_replaces_ids_and_names_as_whole_words_only(sample_survey, anonymous_view, sample_view):
    code = anonymous_view.codes["W01"]
    assert anonymous_view.scrub("W01 and Santosh Kuli Looms, not W010") == f"{code} and {code}, not W010"
    assert sample_view.scrub("W01 stays") == "W01 stays"


def test_notes_on_rounds_name_actors_by_code(sample_survey, anonymous_view, sample_view):
    assert any("W05" in note for note in sample_view.notes)
    assert anonymous_view.notes and not any("W05" in note for note in anonymous_view.notes)
    assert any(anonymous_view.codes["W05"] in note for note in anonymous_view.notes)


def test_the_change_runs_from_the_first_round_to_the_selected_one(sample_survey):
    assert export_view(sample_survey, Selection("midterm")).compared_rounds == ("baseline", "midterm")
    assert export_view(sample_survey, Selection("baseline")).compared_rounds == ("baseline", "endline")


def test_tie_changes_use_codes_when_anonymised(anonymous_view):
    changes = anonymous_view.tie_changes_table()
    codes = set(anonymous_view.codes.values())
    assert set(changes["source"]) <= codes and set(changes["target"]) <= codes
    assert "source_name" not in changes.columns


def test_a_one_round_survey_has_no_comparison_and_says_why(sample_survey):
    one_round = sample_survey.select("endline")
    view = export_view(one_round, Selection())
    assert view.comparison is None and view.kpi_table() is None
    assert "one round" in view.comparison_problem
    assert not math.isnan(view.network_table().set_index("metric").loc["density", "value"])


def test_the_privacy_threshold_is_configurable(sample_survey):
    import math

    import pytest

    from clusternet.export.view import export_view
    from clusternet.graph import Selection

    strict = export_view(sample_survey, Selection("baseline"), anonymize=True, min_ratings=5).actors_table()
    lenient = export_view(sample_survey, Selection("baseline"), anonymize=True, min_ratings=1).actors_table()
    hidden = [table["trust_received"].isna().sum() for table in (strict, lenient)]
    assert hidden[0] > hidden[1]
    assert all(math.isnan(value) for value in strict.loc[strict["trust_received_n"] < 5, "trust_received"])
    with pytest.raises(ValueError, match="1 or more"):
        export_view(sample_survey, Selection("baseline"), anonymize=True, min_ratings=0)
