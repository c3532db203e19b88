"""Codes by type, stable for a survey, small types pooled; attributes kept by an allow-list."""

import numpy as np
import pandas as pd
import pytest

from clusternet import load_survey
from clusternet.analysis import analyze
from clusternet.anonymize import (
    actor_codes,
    anonymize_actor_table,
    code_order,
    layout_seed,
    private_attributes,
    redacted_survey,
)
from clusternet.graph import Selection
from tests.conftest import SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def sample_survey():
    return load_survey(SAMPLE_WORKBOOK)


ACTORS = pd.DataFrame(
    {
        "actor_id": ["W1", "W2", "N1", "X"],
        "name": ["Meher Looms", "Guru Weaving", "Village Trust", "Odd"],
        "type": ["firm", "firm", "ngo", "cooperative"],
        "village": ["A", "A", "B", "B"],
        "contact": ["Ramesh", "Sita", "Gita", "Hari"],
    }
)


def test_codes_by_type_numbered_within_type():
    codes = actor_codes(ACTORS, salt="survey-1")
    assert sorted(codes.values()) == ["FIRM-01", "FIRM-02", "INST-01", "NGO-01"]
    assert codes == actor_codes(ACTORS, salt="survey-1")


def test_code_order_does_not_follow_file_order():
    orders = {tuple(actor_codes(ACTORS, salt=str(salt))[actor] for actor in ("W1", "W2")) for salt in range(20)}
    assert orders == {("FIRM-01", "FIRM-02"), ("FIRM-02", "FIRM-01")}


def test_a_type_held_by_fewer_than_k_actors_shares_the_pooled_prefix():
    codes = actor_codes(ACTORS, salt="survey-1", min_actors=2)
    assert sorted(codes.values()) == ["FIRM-01", "FIRM-02", "INST-01", "INST-02"]
    assert codes["N1"].startswith("INST-") and codes["X"].startswith("INST-")


def test_only_attributes_every_value_of_which_k_actors_hold_are_kept():
    assert private_attributes(ACTORS, min_actors=2) == ["contact"]
    assert private_attributes(ACTORS, min_actors=3) == ["village", "contact"]


def test_numbers_sparse_notes_and_values_naming_actors_are_private():
    actors = pd.DataFrame(
        {
            "actor_id": ["W1", "W2", "W3", "B1"],
            "name": ["Meher Looms", "Guru Weaving", "Sahu Dyers", "Big Buyer"],
            "type": ["firm", "firm", "firm", "buyer"],
            "village": ["A", "A", "A", "A"],
            "phone": [9437000001, 9437000002, None, None],
            "note": [None, None, "call Ramesh", None],
            "main_buyer": ["Big Buyer", "Big Buyer", "Big Buyer", None],
        }
    )
    assert private_attributes(actors, min_actors=1) == ["phone", "main_buyer"]
    assert private_attributes(actors, min_actors=3) == ["phone", "note", "main_buyer"]


def test_hidden_columns_are_dropped_and_names_replaced():
    table = anonymize_actor_table(ACTORS.assign(degree=[1, 2, 3, 4]), actor_codes(ACTORS), ["contact"])
    assert "contact" not in table.columns
    assert table["name"].tolist() == table["actor_id"].tolist()
    assert not set(ACTORS["name"]) & set(table.astype(str).values.ravel())


def test_marks_decide_for_the_columns_they_name():
    marks = {"village": "private", "contact": "safe"}
    assert private_attributes(ACTORS, min_actors=2, marks=marks) == ["village"]


def test_the_redacted_survey_holds_nothing_private(sample_survey):
    redacted = redacted_survey(sample_survey, 3, "a secret")
    assert set(redacted.actors.columns) == {"actor_id", "name", "type", "size", "women_led"}
    assert (redacted.actors["name"] == redacted.actors["actor_id"]).all()
    assert redacted.source == "" and redacted.warnings == ()
    assert list(redacted.ties.columns) == ["source", "target", "round", "relation", "trust", "weight"]
    sizes = redacted.actors["type"].value_counts()
    assert sizes.to_dict() == {"firm": 50, "institution": 9, "buyer": 4, "supplier": 3}
    # the same actors, ties and respondents, in an order that is not the file's
    assert sorted(redacted.actors["actor_id"]) == sorted(sample_survey.actors["actor_id"])
    assert list(redacted.actors["actor_id"]) != list(sample_survey.actors["actor_id"])
    key = ["round", "source", "target", "relation"]
    assert (
        redacted.ties.sort_values(key)
        .reset_index(drop=True)
        .equals(sample_survey.ties[redacted.ties.columns].sort_values(key).reset_index(drop=True))
    )
    assert len(redacted.respondents) == len(sample_survey.respondents)


def test_the_redacted_survey_lists_actors_in_the_order_of_their_codes(sample_survey):
    """An order anyone could compute from the survey (its file order, a digest of its content) would
    link each row of an anonymised file to its actor; the codes' order needs the secret key."""
    orders = {}
    for key in ("a secret", "another secret"):
        redacted = redacted_survey(sample_survey, 3, key)
        codes = actor_codes(redacted.actors, salt=key, min_actors=3)
        listed = [codes[actor] for actor in redacted.actors["actor_id"]]
        assert listed[:3] == ["BUYER-01", "BUYER-02", "BUYER-03"] and listed[-1] == "SUPPL-03"
        assert listed == sorted(listed, key=code_order)
        orders[key] = list(redacted.actors["actor_id"])
        rank = {actor: position for position, actor in enumerate(orders[key])}
        assert redacted.ties["source"].map(rank).is_monotonic_increasing
    assert orders["a secret"] != orders["another secret"]


def test_codes_are_ordered_by_prefix_then_number():
    assert sorted(["FIRM-10", "BUYER-02", "FIRM-9", "FIRM-01"], key=code_order) == [
        "BUYER-02",
        "FIRM-01",
        "FIRM-9",
        "FIRM-10",
    ]


def test_redaction_changes_no_measure_that_does_not_group_by_type(sample_survey):
    named = analyze(sample_survey, Selection().resolved(sample_survey)).actors.set_index("actor_id")
    redacted = redacted_survey(sample_survey, 3, "a secret")
    shown = analyze(redacted, Selection().resolved(redacted)).actors.set_index("actor_id").loc[named.index]
    for column in ("degree", "betweenness", "constraint", "trust_received", "trust_received_n", "trust_given"):
        assert np.allclose(shown[column].astype(float), named[column].astype(float), equal_nan=True), column


def test_an_anonymised_set_has_its_own_layout_seed():
    assert layout_seed("a") != layout_seed("b") and layout_seed("a") == layout_seed("a") != 0
