"""This quarter's agenda: the greedy pick down the ranked gaps, the count of each kind, kind names."""

import importlib.util
from collections import Counter
from dataclasses import fields

import pandas as pd
import pytest

from clusternet import load_survey
from clusternet.gaps import GapsConfig
from clusternet.gaps.agenda import KIND_NAMES, agenda, kind_name, kinds_summary
from clusternet.graph import Selection
from clusternet.messages import ENGLISH
from clusternet.view import view_of
from tests.conftest import REPO, SAMPLE_WORKBOOK

RANKED = pd.DataFrame(
    [
        ("weak_bridge", ("GOV01", "W08", "MW01"), 0.93),
        ("broker_dependency", ("MW01", "W17"), 0.90),
        ("institution_reach", ("BDS01", "W17"), 0.85),
        ("institution_reach", ("NGO01", "W17"), 0.85),  # W17 is on two cards already
        ("isolated_actor", ("W09", "MW01"), 0.70),  # MW01 is on two cards already
        ("introduction", ("W08", "GOV01", "W30"), 0.50),  # the pair GOV01, W08 leads the first card
        ("trust_asymmetry", ("BDS01", "GOV01"), 0.50),  # both are on cards: it asks no one new
        ("isolated_actor", ("W09", "W30"), 0.40),
        ("low_trust", ("W09",), 0.35),  # W09 is on a card
        ("peripheral_actor", ("W12",), 0.30),
    ],
    columns=["kind", "actors", "score"],
)


def test_the_agenda_skips_gaps_that_repeat_an_actor_too_often_a_pair_or_no_one_new():
    assert agenda(RANKED).index.tolist() == [0, 1, 2, 7, 9]


def test_the_agenda_keeps_every_column_of_its_gaps_in_rank_order():
    picked = agenda(RANKED)
    assert picked.columns.tolist() == ["kind", "actors", "score"]
    assert picked["kind"].tolist() == [
        "weak_bridge",
        "broker_dependency",
        "institution_reach",
        "isolated_actor",
        "peripheral_actor",
    ]


def test_the_agenda_stops_at_its_size():
    assert agenda(RANKED, size=3).index.tolist() == [0, 1, 2]


def test_one_card_per_actor_leaves_out_every_gap_naming_a_chosen_actor():
    assert agenda(RANKED, cards_per_actor=1).index.tolist() == [0, 2, 7, 9]


def test_a_pair_repeats_in_either_order():
    ranked = pd.DataFrame({"actors": [("W01", "W02"), ("W02", "W01", "W03"), ("W01", "W03", "W02")]})
    assert agenda(ranked).index.tolist() == [0, 2]


def test_the_agenda_keeps_the_index_of_the_table_it_walks():
    assert agenda(RANKED.iloc[6:]).index.tolist() == [6, 7, 9]


def test_an_empty_table_gives_an_empty_agenda():
    assert agenda(RANKED.iloc[:0]).empty


def test_an_actor_id_holding_a_semicolon_is_one_actor():
    """Survey ids are free text: "W17;MW01" is one actor, not W17 and a second card for MW01."""
    ranked = pd.DataFrame({"actors": [("MW01", "W02"), ("W17;MW01", "W03"), ("MW01", "W04")]})
    assert agenda(ranked).index.tolist() == [0, 1, 2]


def test_the_text_of_the_gaps_table_is_refused(sample_view):
    with pytest.raises(TypeError, match="shown_gaps"):
        agenda(sample_view.gaps_table())


def test_the_kinds_are_counted_best_first_and_add_up_to_the_table():
    summary = kinds_summary(RANKED)
    assert summary.values.tolist() == [
        ["weak_bridge", 1, 0.93],
        ["broker_dependency", 1, 0.90],
        ["institution_reach", 2, 0.85],
        ["isolated_actor", 2, 0.70],
        ["introduction", 1, 0.50],
        ["trust_asymmetry", 1, 0.50],
        ["low_trust", 1, 0.35],
        ["peripheral_actor", 1, 0.30],
    ]
    assert summary["gaps"].sum() == len(RANKED)


def test_every_kind_a_finder_gives_has_a_name():
    weighted = {
        setting.name.removeprefix("weight_") for setting in fields(GapsConfig) if setting.name.startswith("weight_")
    }
    # communities are weak bridges weighed apart (docs/gaps.md), not a kind of their own
    assert set(KIND_NAMES) == weighted - {"community_bridge"}
    assert ENGLISH.render(kind_name("weak_bridge")) == "Groups that rarely meet"


def test_codes_give_the_same_agenda_as_ids(sample_view):
    gaps = sample_view.shown_gaps()
    codes = sample_view.with_audience(anonymized=True).codes
    coded = gaps.assign(actors=[tuple(codes[actor] for actor in ids) for ids in gaps["actors"]])
    assert agenda(coded).index.tolist() == agenda(gaps).index.tolist()


def test_the_agenda_under_the_index_of_the_gaps_table_is_its_rows(sample_view):
    table = sample_view.gaps_table()
    picked = table.loc[agenda(sample_view.shown_gaps()).index]
    assert picked["actors"].tolist() == [";".join(ids) for ids in agenda(sample_view.shown_gaps())["actors"]]


def test_the_baseline_agenda_tells_the_story_of_the_sample(sample_view):
    picked = agenda(sample_view.with_selection(round="baseline").shown_gaps())
    assert picked["kind"].tolist() == [
        "weak_bridge",
        "broker_dependency",
        "institution_reach",
        "isolated_actor",
        "isolated_actor",
        "unreached_segment",
        "peripheral_actor",
        "peripheral_actor",
        "peripheral_actor",
        "low_trust",
    ]
    assert [tuple(ids) for ids in picked["actors"].iloc[:3]] == [
        ("GOV01", "W08", "MW01"),
        ("MW01", "W17"),
        ("BDS01", "W17"),
    ]


def test_a_survey_id_holding_a_semicolon_gives_the_agenda_of_the_same_survey(sample_view, semicolon_view):
    """W17 renamed "W17;MW01": the same picks as the sample, the id whole (split at ";", it would make
    MW01 look asked twice more and drop the third card)."""
    baseline = agenda(sample_view.with_selection(round="baseline").shown_gaps())
    renamed = agenda(semicolon_view.shown_gaps())
    assert renamed.index.tolist() == baseline.index.tolist()
    assert tuple(renamed["actors"].iloc[1]) == ("MW01", "W17;MW01")


@pytest.fixture(scope="module")
def sample_view():
    return view_of(load_survey(SAMPLE_WORKBOOK))


@pytest.fixture(scope="module")
def semicolon_view(tmp_path_factory):
    """The sample's baseline with W17's id written "W17;MW01" (a CSV folder, as a survey file gives it)."""
    survey = load_survey(SAMPLE_WORKBOOK)
    renamed = {"W17": "W17;MW01"}
    folder = tmp_path_factory.mktemp("semicolon")
    survey.actors.assign(actor_id=survey.actors["actor_id"].replace(renamed)).to_csv(folder / "actors.csv", index=False)
    ties = survey.ties.assign(
        source=survey.ties["source"].replace(renamed), target=survey.ties["target"].replace(renamed)
    )
    ties.to_csv(folder / "ties.csv", index=False)
    survey.rounds.to_csv(folder / "rounds.csv", index=False)
    respondents = survey.respondents.assign(actor_id=survey.respondents["actor_id"].replace(renamed))
    respondents.to_csv(folder / "respondents.csv", index=False)
    return view_of(load_survey(folder), Selection("baseline"))


@pytest.fixture(scope="module")
def generated_gaps(tmp_path_factory):
    """The ranked gaps of the endline of a generated 500-actor survey (``benchmarks/generate.py``, seed 0)."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    folder = generate.write_survey(generate.generate_survey(500, seed=0), tmp_path_factory.mktemp("generated"))
    return view_of(load_survey(folder)).shown_gaps()


def test_at_scale_the_ranking_repeats_one_firm_and_the_agenda_does_not(generated_gaps):
    top = [set(actors) for actors in generated_gaps["actors"].iloc[:10]]
    assert set.intersection(*top) == {"A00329"}  # the ten best gaps all ask one firm
    picked = agenda(generated_gaps)
    named = Counter(actor for actors in picked["actors"] for actor in set(actors))
    leads = {actors[0] for actors in picked["actors"]}
    assert len(picked) == 10
    assert len(leads) == 10 and len(named) >= 8
    assert named["A00329"] == 2 and max(named.values()) == 2
