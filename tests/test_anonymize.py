"""Codes by type, stable for a survey, small types pooled; attributes kept by an allow-list."""

import pandas as pd

from clusternet.anonymize import actor_codes, anonymize_actor_table, private_attributes

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
