"""Codes by type, stable for a survey, and free-text attributes recognised."""

import pandas as pd

from clusternet.anonymize import actor_codes, anonymize_actor_table, free_text_columns

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


def test_free_text_columns_are_found_and_dropped():
    assert free_text_columns(ACTORS) == ["contact"]
    table = anonymize_actor_table(ACTORS.assign(degree=[1, 2, 3, 4]), actor_codes(ACTORS), ACTORS)
    assert "contact" not in table.columns
    assert table["name"].tolist() == table["actor_id"].tolist()
    assert not set(ACTORS["name"]) & set(table.astype(str).values.ravel())
