"""The one view: labels, suppression of thin trust, messages and the selection, decided in one place."""

import json
import math
from dataclasses import replace

import networkx as nx
import pytest

from clusternet import load_survey
from clusternet.anonymize import actor_codes
from clusternet.cache import AnalysisCache
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.graph import Selection
from clusternet.i18n import UnknownLanguageError
from clusternet.metrics.trust import trust_between_groups
from clusternet.view import view_of
from tests.conftest import SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def sample_survey():
    return load_survey(SAMPLE_WORKBOOK)


@pytest.fixture(scope="module")
def cache(sample_survey):
    return AnalysisCache(sample_survey)


@pytest.fixture(scope="module")
def sample_view(sample_survey, cache):
    return view_of(sample_survey, Selection(), cache=cache)


@pytest.fixture(scope="module")
def anonymous_view(sample_survey, cache):
    return view_of(sample_survey, Selection(), anonymize=True, cache=cache)


def test_codes_are_the_same_for_every_view_with_one_key_and_cannot_be_rebuilt_without_it(sample_survey, cache):
    first, again, other = (
        view_of(sample_survey, Selection(round_label), anonymize=True, key=key, cache=cache)
        for round_label, key in (("baseline", "set-1"), ("endline", "set-1"), ("baseline", "set-2"))
    )
    assert first.labels == again.labels and first.positions == again.positions
    assert first.labels != other.labels and first.positions != other.positions
    for salt in (sample_survey.fingerprint, ""):  # the former scheme, and none: nobody can renumber them
        assert actor_codes(sample_survey.actors, salt=salt, min_actors=MIN_RATINGS_SHOWN) != first.labels


def test_without_anonymising_labels_are_names(sample_view):
    assert sample_view.labels["W01"] == "Santosh Kuli Looms"
    assert sample_view.key("W01") == "W01"
    assert sample_view.label("W01") == "Santosh Kuli Looms"


def test_the_anonymised_actors_table_has_codes_and_no_name(sample_survey, anonymous_view):
    table = anonymous_view.actors_table()
    assert set(table["actor_id"]) == set(anonymous_view.codes.values())
    assert (table["name"] == table["actor_id"]).all()
    assert not set(sample_survey.actors["name"]) & set(table.astype(str).stack())


def by_actor_id(view, table):
    """An anonymised table indexed by the actor ids its codes stand for (to compare it with the named one)."""
    ids = {code: actor for actor, code in view.codes.items()}
    return table.set_index(table["actor_id"].map(ids))


def test_trust_backed_by_fewer_than_k_ratings_is_blank_with_its_count_when_anonymised(anonymous_view, sample_view):
    shown = by_actor_id(anonymous_view, anonymous_view.actors_table())
    full = sample_view.actors_table().set_index("actor_id")
    thin = full.index[full["trust_received_n"].between(1, MIN_RATINGS_SHOWN - 1)]
    assert len(thin) == 14  # the sample's endline: 14 actors rated by one or two partners
    assert shown.loc[thin, ["trust_received", "trust_received_n"]].isna().all().all()
    assert full.loc[thin, "trust_received"].notna().all()
    published = shown.index[shown["trust_received"].notna()]
    assert (shown.loc[published, "trust_received"] == full.loc[published, "trust_received"]).all()
    assert (full.loc[published, "trust_received_n"] >= MIN_RATINGS_SHOWN).all()


def test_what_is_hidden_together_holds_k_ratings_or_none(anonymous_view, sample_view):
    """Secondary suppression: the round's mean and count are published, so the hidden actors' ratings
    together are the round's minus the shown ones'; they must be at least k (or none)."""
    for view in (anonymous_view, anonymous_view.with_audience(min_ratings=5)):
        shown = by_actor_id(view, view.actors_table())
        full = sample_view.actors_table().set_index("actor_id")
        for mean, count in (("trust_received", "trust_received_n"), ("trust_given", "trust_given_n")):
            hidden = shown.index[shown[mean].isna() & (full.loc[shown.index, count] > 0)]
            assert full.loc[hidden, count].sum() >= view.min_ratings


def test_an_actors_row_is_suppressed_as_the_table_is(anonymous_view, sample_view):
    full = sample_view.actors_table()
    thin_actor = full.loc[full["trust_received_n"].between(1, MIN_RATINGS_SHOWN - 1), "actor_id"].iloc[0]
    assert math.isnan(anonymous_view.actor_row(thin_actor)["trust_received"])
    assert not math.isnan(sample_view.actor_row(thin_actor)["trust_received"])


def test_the_privacy_threshold_is_configurable(sample_survey, cache):
    strict = view_of(sample_survey, Selection("baseline"), anonymize=True, min_ratings=5, cache=cache)
    lenient = view_of(sample_survey, Selection("baseline"), anonymize=True, min_ratings=1, cache=cache)
    hidden = [view.actors_table()["trust_received"].isna().sum() for view in (strict, lenient)]
    assert hidden[0] > hidden[1]
    table = strict.actors_table()
    counts = table["trust_received_n"].dropna()
    assert ((counts == 0) | (counts >= 5)).all()
    assert table.loc[table["trust_received_n"].isna(), "trust_received"].isna().all()
    with pytest.raises(ValueError, match="1 or more"):
        view_of(sample_survey, Selection("baseline"), anonymize=True, min_ratings=0)


def test_anonymised_partners_leave_out_the_ratings_both_ways(anonymous_view, sample_view):
    assert {"trust_given", "trust_received"} <= set(sample_view.partners_table("W01").columns)
    shown = anonymous_view.partners_table("W01")
    assert not {"trust_given", "trust_received"} & set(shown.columns)
    assert set(shown["partner"]) <= set(anonymous_view.codes.values())


def test_thin_trust_between_groups_shows_neither_mean_nor_count_when_anonymised(anonymous_view):
    means, counts = anonymous_view.trust_between_groups()
    reported = anonymous_view.analysis.reported  # the redacted survey's complete round: pooled types
    _, all_counts = trust_between_groups(reported, nx.get_node_attributes(reported, "type"))
    thin = (all_counts > 0) & (all_counts < MIN_RATINGS_SHOWN)
    assert thin.to_numpy().any()
    assert means[thin].isna().all().all() and counts[thin].isna().all().all()
    hidden = counts.isna() & (all_counts > 0)
    assert all_counts[hidden].sum().sum() >= MIN_RATINGS_SHOWN
    assert counts[~hidden & (all_counts > 0)].equals(all_counts[~hidden & (all_counts > 0)].astype(float))
    assert set(counts.index) == {"buyer", "firm", "institution", "supplier"}  # types of fewer than k pooled


def test_gaps_name_actors_by_code_in_every_column_and_drop_the_key(sample_survey, anonymous_view):
    gaps = anonymous_view.gaps_table()
    codes = set(anonymous_view.codes.values())
    assert "key" not in gaps.columns
    assert all(actor in codes for involved in gaps["actors"] for actor in involved.split(";"))
    names = list(sample_survey.actors["name"])
    ids = set(sample_survey.actors["actor_id"])
    text = " ".join(gaps["explanation"]) + " ".join(gaps["action"]) + " ".join(gaps["params"])
    assert not [name for name in names if name in text]
    assert not [actor for actor in ids if f'"{actor}"' in " ".join(gaps["params"])]


def test_gaps_end_with_their_message_id_and_json_params(sample_view):
    gaps = sample_view.gaps_table()
    assert list(gaps.columns[:5]) == ["kind", "actors", "score", "explanation", "action"]
    assert list(gaps.columns[-2:]) == ["message_id", "params"]
    assert all(isinstance(json.loads(params), dict) for params in gaps["params"])
    assert all(message_id.startswith("gap.") for message_id in gaps["message_id"])


def test_notes_on_rounds_name_actors_by_name_or_code(sample_survey, anonymous_view, sample_view):
    name = sample_view.label("W05")
    assert any(name in note for note in sample_view.notes())
    assert anonymous_view.notes() and not any(name in note or "W05" in note for note in anonymous_view.notes())
    assert any(anonymous_view.codes["W05"] in note for note in anonymous_view.notes())


def test_the_change_runs_from_the_first_round_to_the_selected_one(sample_survey, cache):
    assert view_of(sample_survey, Selection("midterm"), cache=cache).compared_rounds == ("baseline", "midterm")
    assert view_of(sample_survey, Selection("baseline"), cache=cache).compared_rounds == ("baseline", "endline")


def test_comparisons_use_the_views_groups(sample_view):
    by_type = sample_view.compare("baseline", "endline").kpis.set_index(["kpi", "basis"])
    by_village = sample_view.with_selection(group_by="village").compare("baseline", "endline")
    by_village_kpis = by_village.kpis.set_index(["kpi", "basis"])
    assert by_type.loc[("ei_index", "all"), "from_value"] == pytest.approx(-0.25, abs=0.005)
    assert by_village_kpis.loc[("ei_index", "all"), "from_value"] == pytest.approx(-0.31, abs=0.005)


def test_the_kpi_series_uses_the_views_groups(sample_view):
    by_type = sample_view.kpi_series.set_index(["kpi", "basis"]).loc[("ei_index", "all"), "baseline"]
    by_village = sample_view.with_selection(group_by="village").kpi_series
    assert by_type != by_village.set_index(["kpi", "basis"]).loc[("ei_index", "all"), "baseline"]


def test_another_selection_keeps_everything_else(sample_survey, cache):
    view = view_of(sample_survey, Selection("endline", ("information",), "any", 3, "village", 7), cache=cache)
    midterm = view.with_selection(round="midterm")
    assert midterm.selection == replace(view.selection, round="midterm")
    assert midterm.selection.seed == 7 and midterm.audience == view.audience


def test_tie_changes_use_codes_when_anonymised(anonymous_view):
    changes = anonymous_view.tie_changes_table()
    codes = set(anonymous_view.codes.values())
    assert set(changes["source"]) <= codes and set(changes["target"]) <= codes
    assert "source_name" not in changes.columns
    assert not {"trust_from", "trust_to", "trust_change"} & set(changes.columns)


def test_a_one_round_survey_has_no_comparison_and_says_why(sample_survey):
    view = view_of(sample_survey.select("endline"), Selection())
    assert view.comparison is None and view.kpi_table() is None
    assert "one round" in view.comparison_problem
    assert not math.isnan(view.network_values["density"])


def test_the_selection_is_described_for_people(sample_survey, cache):
    assert view_of(sample_survey, Selection("midterm"), cache=cache).describe_selection() == (
        "Round midterm · all relations · reported ties"
    )
    floor = view_of(sample_survey, Selection("midterm", ("information",), min_trust=3), cache=cache)
    assert floor.describe_selection() == "Round midterm · information · reported ties · trust ≥ 3"
    assert floor.title == "midterm: information"


def test_views_of_one_survey_share_their_computations(sample_survey, cache, sample_view, anonymous_view):
    assert sample_view.with_audience(language="en").analysis is sample_view.analysis
    same_set = view_of(sample_survey, Selection(), anonymize=True, key=anonymous_view.audience.key, cache=cache)
    assert same_set.analysis is anonymous_view.analysis  # one redacted survey per k and key
    other_set = view_of(sample_survey, Selection(), anonymize=True, key="another", cache=cache)
    assert other_set.cache is not anonymous_view.cache and other_set.cache.origin is cache  # its own row order
    redacted = anonymous_view.cache
    assert redacted.comparison("baseline", "endline", same_set.selection, 1000) is redacted.comparison(
        "baseline", "endline", anonymous_view.selection, 1000
    )
    assert anonymous_view.cache.origin is cache and anonymous_view.with_audience(anonymized=False).cache is cache


def test_an_unknown_language_names_the_known_ones(sample_survey):
    with pytest.raises(UnknownLanguageError, match="en"):
        view_of(sample_survey, Selection(), language="xx")


def test_the_only_bank_is_not_named_by_its_code(sample_survey, anonymous_view):
    types = dict(zip(sample_survey.actors["actor_id"], sample_survey.actors["type"]))
    small = {kind for kind, count in sample_survey.actors["type"].value_counts().items() if count < MIN_RATINGS_SHOWN}
    assert "finance" in small
    assert all(anonymous_view.codes[actor].startswith("INST-") for actor, kind in types.items() if kind in small)
    assert not any(code.startswith("FIN-") for code in anonymous_view.codes.values())


def test_anonymised_attributes_are_the_allowed_ones_only(sample_survey, anonymous_view, sample_view):
    assert sample_view.attributes == sample_survey.attribute_names
    # village has a value held by one actor (Bhubaneswar), sector rare values; looms is a number
    assert anonymous_view.attributes == ["type", "size", "women_led"]
    assert not set(anonymous_view.hidden_columns) & set(anonymous_view.actors_table().columns)


FILTERS = [
    {"relations": ("information",)},
    {"relations": ("joint_action", "training")},
    {"min_trust": 3},
    {"min_trust": 5},
    {"ties": "confirmed"},
    {"ties": "any"},
]


@pytest.mark.parametrize("changes", FILTERS, ids=str)
def test_no_filter_changes_an_anonymised_trust_aggregate(anonymous_view, sample_view, changes):
    """Differencing: were a filtered aggregate published beside the unfiltered one, the ratings the
    filter removes could be recovered by subtraction. Anonymised, every published trust figure is the
    round's, whatever the filter; named, the filter applies."""
    filtered = anonymous_view.with_selection(**changes)
    columns = ["trust_received", "trust_given", "trust_received_n", "trust_given_n"]
    assert filtered.actors_table()[columns].equals(anonymous_view.actors_table()[columns])
    means, counts = filtered.trust_between_groups()
    all_means, all_counts = anonymous_view.trust_between_groups()
    assert means.equals(all_means) and counts.equals(all_counts)
    assert filtered.trust_summary() == anonymous_view.trust_summary()
    if "ties" not in changes:  # trust is always read from the reported ties, whatever the tie mode
        named = sample_view.with_selection(**changes).actors_table()["trust_received_n"]
        assert not named.equals(sample_view.actors_table()["trust_received_n"])


def test_no_anonymised_gap_states_a_single_rating(sample_view, anonymous_view):
    named = sample_view.gaps_table()
    shown = anonymous_view.gaps_table()
    assert (named["kind"] == "trust_asymmetry").any()
    assert not (shown["kind"] == "trust_asymmetry").any()
    low = shown.loc[shown["kind"] == "low_trust", "params"].map(json.loads)
    assert all(params["ratings"] >= MIN_RATINGS_SHOWN for params in low)


def test_anonymised_one_sided_trust_keeps_no_rating(sample_view, anonymous_view):
    assert len(anonymous_view.one_sided_trust()) == len(sample_view.one_sided_trust()) > 0
    assert list(anonymous_view.one_sided_trust().columns) == ["truster", "trusted"]


def test_anonymised_trust_kpis_are_the_complete_rounds_and_never_the_panels(sample_survey, cache, anonymous_view):
    """A panel's mean trust differs from the round's by the ratings of actors who answered one round
    only, perhaps few: anonymised, the panel rows of trust KPIs are blank, and a relation filter changes
    no trust KPI, network trust measure or strip figure."""
    filtered = anonymous_view.with_selection(relations=("information",))
    named = view_of(sample_survey, Selection(relations=("information",)), cache=cache)
    for view in (anonymous_view, filtered):
        kpis = view.kpi_table().set_index(["kpi", "basis"])
        series = view.kpi_series.set_index(["kpi", "basis"])
        for kpi in ("mean_trust", "high_trust_share"):
            assert kpis.loc[(kpi, "panel"), ["from_value", "to_value", "change", "low", "high"]].isna().all()
            assert series.loc[(kpi, "panel"), sample_survey.round_labels].isna().all()
            assert (
                kpis.loc[(kpi, "all"), "to_value"]
                == anonymous_view.kpi_table().set_index(["kpi", "basis"]).loc[(kpi, "all"), "to_value"]
            )
        for metric in ("mean_trust", "high_trust_share", "trust_ratings"):
            assert view.network_values[metric] == anonymous_view.network_values[metric]
        assert "trust_received_change" not in view.comparison.actor_changes.columns
    assert named.network_values["mean_trust"] != anonymous_view.network_values["mean_trust"]
    named_kpis = named.kpi_table().set_index(["kpi", "basis"])
    assert not math.isnan(named_kpis.loc[("mean_trust", "panel"), "to_value"])


def test_an_anonymised_view_has_no_trust_floor(anonymous_view):
    assert anonymous_view.with_selection(min_trust=4).selection.min_trust is None
    assert anonymous_view.with_audience(anonymized=False).with_selection(min_trust=4).selection.min_trust == 4


def test_anonymised_maps_have_their_own_positions(sample_view, anonymous_view):
    named, shown = sample_view.positions, anonymous_view.positions
    assert set(named) == set(shown)
    assert sum(named[actor] == shown[actor] for actor in named) == 0


def test_the_rounds_own_trust_is_published_when_anonymised(sample_view, anonymous_view):
    """The round's mean is what every trust KPI publishes: the audit never hides it to protect another."""
    assert anonymous_view.trust_summary() == sample_view.trust_summary()
    assert anonymous_view.network_values["mean_trust"] == sample_view.network_values["mean_trust"]


def test_anonymised_weak_bridges_leave_out_their_hosts_mean_trust(sample_view, anonymous_view):
    """A weak bridge's host clause states the mean trust the host gets from two groups: an aggregate
    published nowhere else, perhaps of one or two ratings."""
    named = " ".join(sample_view.gaps_table()["explanation"])
    assert "(mean trust" in named or "(mean " in named
    shown = anonymous_view.gaps_table()
    assert (shown["kind"] == "weak_bridge").any()
    assert not any("mean" in text for text in shown["explanation"])
