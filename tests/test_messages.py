"""Messages as data: declared once, parameters checked, actors written by the audience's renderer."""

import json

import pytest

from clusternet.messages import (
    ENGLISH,
    Actor,
    ActorList,
    Renderer,
    message,
    message_from_json,
    params_json,
    plural_message,
)

ISOLATED = message("test.isolated", "{actor} has no tie; {host} could introduce it to {others}.")
TIES = plural_message("test.ties", "{count} tie to {actor}", "{count} ties to {actor}")
SHARE = message("test.share", "{share:.0%} of firms")
WITH_CLAUSE = message("test.with_clause", "{actor} is alone.{clause}")
CLAUSE = message("test.clause", " {actor} did not answer.")
NAMES = {"W1": "Ramesh Looms", "W2": "Sita Dyers", "W3": "Bank of Kuli"}


def test_a_message_is_rendered_with_names_for_the_broker_and_codes_for_a_workshop():
    item = ISOLATED(actor=Actor("W1"), host=Actor("W2"), others=ActorList(("W2", "W3")))
    named = Renderer(actor_label=NAMES.get).render(item)
    coded = Renderer(actor_label={"W1": "FIRM-01", "W2": "FIRM-02", "W3": "FIN-01"}.get).render(item)
    assert named == "Ramesh Looms has no tie; Sita Dyers could introduce it to Sita Dyers, Bank of Kuli."
    assert coded == "FIRM-01 has no tie; FIRM-02 could introduce it to FIRM-02, FIN-01."
    assert item.actor_ids() == {"W1", "W2", "W3"}


def test_parameters_must_match_the_placeholders():
    with pytest.raises(TypeError, match=r"test\.isolated"):
        ISOLATED(actor=Actor("W1"))
    with pytest.raises(TypeError):
        SHARE(share=0.5, extra=1)


def test_plural_forms_follow_the_count():
    assert ENGLISH.render(TIES(count=1, actor=Actor("W1"))) == "1 tie to W1"
    assert ENGLISH.render(TIES(count=3, actor=Actor("W1"))) == "3 ties to W1"


def test_format_specs_and_nested_clauses_are_rendered():
    assert str(SHARE(share=0.256)) == "26% of firms"
    item = WITH_CLAUSE(actor=Actor("W1"), clause=CLAUSE(actor=Actor("W1")))
    assert Renderer(actor_label=NAMES.get).render(item) == "Ramesh Looms is alone. Ramesh Looms did not answer."
    assert item.actor_ids() == {"W1"}


def test_a_message_id_cannot_be_declared_twice_with_another_text():
    assert message("test.share", "{share:.0%} of firms") == SHARE
    with pytest.raises(ValueError, match="declared twice"):
        message("test.share", "{share:.1%} of the firms")


def test_bind_takes_only_the_parameters_a_template_needs():
    shared = {"actor": Actor("W1"), "share": 0.5, "clause": ""}
    assert str(SHARE.bind(shared)) == "50% of firms"


def test_params_json_round_trips_and_writes_actors_by_key():
    item = WITH_CLAUSE(actor=Actor("W1"), clause=CLAUSE(actor=Actor("W2")))
    codes = {"W1": "FIRM-01", "W2": "FIRM-02"}
    plain = json.loads(params_json(item, codes.__getitem__))
    assert plain == {"actor": "FIRM-01", "clause": {"message_id": "test.clause", "params": {"actor": "FIRM-02"}}}
    again = message_from_json(item.id, params_json(item, codes.__getitem__))
    assert str(again) == "FIRM-01 is alone. FIRM-02 did not answer."


def test_params_json_writes_nan_as_null_and_lists_of_actors_as_lists():
    item = ISOLATED(actor=Actor("W1"), host=Actor("W2"), others=ActorList(("W2", "W3")))
    assert json.loads(params_json(item))["others"] == ["W2", "W3"]
    assert json.loads(params_json(SHARE(share=float("nan")))) == {"share": None}
    assert str(message_from_json(ISOLATED.id, params_json(item))) == "W1 has no tie; W2 could introduce it to W2, W3."
