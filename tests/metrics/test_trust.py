"""Trust scores worked out by hand: received from others, given, asymmetry, summary."""

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusternet.metrics.trust import trust_received, trust_scores, trust_summary


def rated(*arcs):
    graph = nx.DiGraph()
    for source, target, trust in arcs:
        graph.add_edge(source, target, trust=trust)
    return graph


def test_trust_received_is_the_mean_of_what_others_report():
    graph = rated(("a", "b", 4), ("b", "a", 2), ("c", "a", 3))
    graph.add_node("iso")
    scores = trust_scores(graph)
    assert scores.loc["a"].to_dict() == {
        "trust_received": 2.5,
        "trust_received_n": 2,
        "trust_given": 4.0,
        "trust_given_n": 1,
        "trust_asymmetry": -2.0,
    }
    assert scores.loc["b", "trust_asymmetry"] == 2.0
    assert math.isnan(scores.loc["c", "trust_received"]) and scores.loc["c", "trust_received_n"] == 0
    assert math.isnan(scores.loc["c", "trust_asymmetry"])
    assert scores.loc["iso"].isna()[["trust_received", "trust_given"]].all()


def test_trust_received_is_the_mean_and_count_of_the_ratings_grouped_by_rated_actor():
    """What a what-if state reads, as grouping the ratings by the rated actor's id gives it (the sums
    in the same order, so the same floats), NaN ratings counted in neither, on a graph frozen (its
    ratings kept) or not; the trust scores hold the same two columns."""
    arcs = [("a", "b", 4), ("b", "a", 2), ("c", "a", 3), ("c", "b", float("nan")), ("d", "b", 1 / 3), ("a", "d", 0.1)]
    graph = rated(*arcs, ("e", "d", 0.2), ("b", "d", 0.7))
    graph.add_edge("b", "c")
    graph.add_node("iso")
    ratings = pd.DataFrame([*arcs, ("e", "d", 0.2), ("b", "d", 0.7)], columns=["source", "target", "trust"])
    grouped = ratings.groupby("target")["trust"].agg(["mean", "count"]).reindex(list(graph))
    for each in (graph, nx.freeze(graph.copy())):
        received = trust_received(each)
        assert received.index.tolist() == list(graph) and received.index.name == "actor_id"
        assert np.array_equal(received["trust_received"].to_numpy(), grouped["mean"].to_numpy(), equal_nan=True)
        assert received["trust_received_n"].tolist() == grouped["count"].fillna(0).astype(int).tolist()
        assert received.loc["b"].tolist() == [(4 + 1 / 3) / 2, 2]
        assert trust_scores(each)[["trust_received", "trust_received_n"]].equals(received)


def test_non_respondent_is_scored_by_those_who_answered():
    scores = trust_scores(rated(("a", "silent", 5), ("b", "silent", 4)))
    assert scores.loc["silent", "trust_received"] == 4.5
    assert math.isnan(scores.loc["silent", "trust_given"])


def test_unrated_ties_are_ignored():
    scores = trust_scores(rated(("a", "b", None), ("c", "b", 3)))
    assert scores.loc["b", "trust_received"] == 3.0 and scores.loc["b", "trust_received_n"] == 1


def test_trust_summary_mean_and_high_share():
    assert trust_summary(rated(("a", "b", 4), ("b", "a", 2), ("c", "a", 5), ("c", "b", None))) == {
        "mean_trust": pytest.approx(11 / 3),
        "high_trust_share": pytest.approx(2 / 3),
        "trust_ratings": 3,
    }


def test_round_without_trust_gives_blank_summary():
    summary = trust_summary(rated(("a", "b", None)))
    assert math.isnan(summary["mean_trust"]) and summary["trust_ratings"] == 0


def test_undirected_graph_is_refused():
    with pytest.raises(ValueError, match="directed"):
        trust_scores(nx.Graph([("a", "b")]))


def test_trust_between_groups_means_counts_and_suppression():
    from clusternet.metrics.trust import trust_between_groups

    graph = rated(("f1", "coop", 4), ("f2", "coop", 2), ("ngo", "coop", 5), ("coop", "f1", 3))
    groups = {"f1": "firm", "f2": "firm", "coop": "association", "ngo": "ngo"}
    means, counts = trust_between_groups(graph, groups)
    assert means.loc["firm", "association"] == 3.0 and counts.loc["firm", "association"] == 2
    assert means.loc["ngo", "association"] == 5.0 and counts.loc["ngo", "association"] == 1
    assert means.loc["association", "firm"] == 3.0
    assert math.isnan(means.loc["firm", "firm"]) and counts.loc["firm", "firm"] == 0
    suppressed, _ = trust_between_groups(graph, groups, min_ratings=2)
    assert suppressed.loc["firm", "association"] == 3.0
    assert math.isnan(suppressed.loc["ngo", "association"])


def test_rating_distribution_counts_each_value():
    from clusternet.metrics.trust import rating_distribution

    distribution = rating_distribution(rated(("a", "b", 4), ("b", "a", 4), ("c", "a", 1), ("c", "b", None)))
    assert distribution.tolist() == [1, 0, 0, 2, 0]


def test_asymmetric_pairs_largest_gap_first():
    from clusternet.metrics.trust import asymmetric_pairs

    pairs = asymmetric_pairs(
        rated(("a", "b", 5), ("b", "a", 1), ("c", "d", 4), ("d", "c", 2), ("e", "f", 4), ("f", "e", 3))
    )
    assert pairs.values.tolist() == [["a", "b", 5.0, 1.0], ["c", "d", 4.0, 2.0]]
