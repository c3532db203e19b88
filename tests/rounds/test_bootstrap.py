"""The bootstrap's estimators, checked against the resampled network written out copy by copy, and its seeding."""

import itertools

import networkx as nx
import numpy as np
import pytest

from clusternet.kpis import kpi_estimators, kpi_values
from clusternet.metrics.cohesion import degree_centralization
from clusternet.metrics.concentration import gini, top_share
from clusternet.rounds import compare_rounds
from clusternet.rounds.bootstrap import change_intervals, draw_weights
from clusternet.rounds.network import round_graphs
from clusternet.rounds.panel import basis_actors
from clusternet.rounds.resampling import (
    ActorRatio,
    Centralization,
    PairRatio,
    TopShare,
    WeightedGini,
)
from clusternet.survey import load_survey
from tests.conftest import SAMPLE_WORKBOOK


def column(*weights):
    return np.array(weights, dtype=float)[:, None]


def test_pair_ratio_is_the_density_of_the_resampled_network_without_pairs_of_copies():
    arcs = [(0, 1), (1, 2), (2, 0), (0, 2)]
    matrix = nx.to_scipy_sparse_array(nx.DiGraph(arcs), nodelist=[0, 1, 2], format="csr").astype(float)
    weights = [2, 1, 0]
    # the resample: copies a, a' of actor 0 and b of actor 1; ordered pairs of different actors:
    # a->b, a'->b, b->a, b->a': arcs 0->1 twice, 1->0 never, so 2 of 4 pairs
    copies = [actor for actor, count in enumerate(weights) for _ in range(count)]
    pairs = [(u, v) for u, v in itertools.permutations(range(len(copies)), 2) if copies[u] != copies[v]]
    tied = sum((copies[u], copies[v]) in arcs for u, v in pairs)
    assert (tied, len(pairs)) == (2, 4)
    assert PairRatio(matrix).evaluate(column(*weights))[0] == pytest.approx(tied / len(pairs))
    assert PairRatio(matrix).evaluate(column(1, 1, 1))[0] == pytest.approx(4 / 6)


def test_actor_scores_drawn_several_times_count_several_times():
    values = np.array([0.0, 3.0, 5.0, 10.0])
    weights = [0, 2, 1, 1]
    repeated = [value for value, count in zip(values, weights) for _ in range(count)]  # 3, 3, 5, 10
    assert WeightedGini(values).evaluate(column(*weights))[0] == pytest.approx(gini(repeated))
    assert TopShare(values).evaluate(column(*weights))[0] == pytest.approx(top_share(repeated))
    assert ActorRatio(values, np.ones(4)).evaluate(column(*weights))[0] == pytest.approx(np.mean(repeated))
    assert ActorRatio(values).evaluate(column(*weights))[0] == pytest.approx(sum(repeated))


def test_unit_weights_give_the_metric_functions_values():
    values = np.array([0.0, 1.0, 1.0, 7.0, 2.0])
    ones = column(1, 1, 1, 1, 1)
    assert WeightedGini(values).evaluate(ones)[0] == pytest.approx(gini(values))
    star = nx.star_graph(4)
    degrees = np.array([d for _, d in star.degree()], dtype=float)
    assert Centralization(degrees).evaluate(ones)[0] == pytest.approx(degree_centralization(star)) == 1.0


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


@pytest.mark.parametrize("ties", ["reported", "any", "confirmed"])
@pytest.mark.parametrize("basis", ["all", "panel"])
def test_every_estimator_at_unit_weights_is_the_kpi_value(sample, ties, basis):
    actors = basis_actors(sample, ["baseline", "endline"], basis)
    for label in ("baseline", "endline"):
        network = round_graphs(sample, label, ties=ties, group_by="village").on(actors)
        values = kpi_values(network)
        ones = np.ones((network.size, 1))
        for name, estimator in kpi_estimators(network, values).items():
            np.testing.assert_allclose(
                estimator.evaluate(ones)[0], values[name], rtol=1e-12, err_msg=f"{name} on {label}"
            )


def test_each_resample_draws_as_many_actors_as_the_basis_holds():
    weights = draw_weights(7, 50, np.random.default_rng(0))
    assert weights.shape == (7, 50)
    assert (weights.sum(axis=0) == 7).all()


def test_the_same_seed_gives_the_same_intervals_and_another_seed_others(two_rounds):
    first = compare_rounds(two_rounds, "before", "after", resamples=300, permutations=50, seed=3)
    again = compare_rounds(two_rounds, "before", "after", resamples=300, permutations=50, seed=3)
    other = compare_rounds(two_rounds, "before", "after", resamples=300, permutations=50, seed=4)
    assert first.kpis.equals(again.kpis) and first.qap.equals(again.qap)
    assert not first.kpis[["low", "high"]].equals(other.kpis[["low", "high"]])


def test_pairing_uses_one_draw_for_both_rounds():
    # a KPI that does not change gives the change 0 in every resample, whatever the draw
    same = {"k": ActorRatio(np.array([1.0, 0.0, 4.0]), np.ones(3))}
    intervals = change_intervals(same, same, 3, resamples=500, seed=0)
    assert intervals.loc["k"].tolist() == [0.0, 0.0]


def test_too_few_actors_or_resamples_give_no_interval():
    estimators = {"k": ActorRatio(np.array([1.0]), np.ones(1))}
    assert change_intervals(estimators, estimators, 1, resamples=100).isna().all().all()
    two = {"k": ActorRatio(np.array([1.0, 0.0]), np.ones(2))}
    assert change_intervals(two, two, 2, resamples=0).isna().all().all()
