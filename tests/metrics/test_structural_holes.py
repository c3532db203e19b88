"""Burt's constraint, effective size, efficiency and hierarchy (clusternet.metrics.structural_holes)."""

import doctest
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusternet.metrics import sparse_rows, structural_holes
from clusternet.metrics.structural_holes import burt_measures, constraint_contributions
from tests.datasets import load_graph

COLUMNS = ["constraint", "effective_size", "efficiency", "hierarchy"]
NAN = math.nan


def burt_by_formula(G):
    """Burt's whole-network formulas evaluated term by term over all actors: a slow reference.

    Terms with $z_{iq} = 0$ (so $p_{iq} = 0$) are skipped, which also avoids dividing by the
    strength of an actor that has no ties.
    """
    nodes = list(G)
    reported = {(u, v) for u, v in G.edges() if u != v}
    if not G.is_directed():
        reported |= {(v, u) for u, v in reported}

    def z(i, j):
        return ((i, j) in reported) + ((j, i) in reported)

    strength = {i: sum(z(i, k) for k in nodes if k != i) for i in nodes}
    strongest = {i: max([z(i, k) for k in nodes if k != i], default=0) for i in nodes}

    def p(i, j):
        return z(i, j) / strength[i]

    def m(j, q):
        return z(j, q) / strongest[j]

    rows = {}
    for i in nodes:
        contacts = [j for j in nodes if j != i and z(i, j) > 0]
        n = len(contacts)
        if n == 0:
            rows[i] = [NAN] * 4
            continue
        dyadic = {}
        for j in contacts:
            indirect = sum(p(i, q) * p(q, j) for q in nodes if q not in (i, j) and z(i, q))
            dyadic[j] = (p(i, j) + indirect) ** 2
        constraint = sum(dyadic.values())
        effective_size = sum(1 - sum(p(i, q) * m(j, q) for q in nodes if q not in (i, j) and z(i, q)) for j in contacts)
        if n == 1:
            hierarchy = NAN
        else:
            mean = constraint / n
            hierarchy = sum(c / mean * math.log(c / mean) for c in dyadic.values()) / (n * math.log(n))
        rows[i] = [constraint, effective_size, effective_size / n, hierarchy]
    return pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)


def assert_frames_close(actual, expected, atol=1e-12):
    assert list(actual.index) == list(expected.index)
    assert list(actual.columns) == list(expected.columns)
    np.testing.assert_allclose(actual.to_numpy(float), expected.to_numpy(float), rtol=0, atol=atol)


def measures_of(G, node):
    return burt_measures(G).loc[node].to_dict()


# --- hand-worked values ----------------------------------------------------------------------


def test_middle_of_a_path_spans_one_hole():
    values = measures_of(nx.path_graph(["a", "b", "c"]), "b")
    assert values == pytest.approx(
        {"constraint": 0.5, "effective_size": 2.0, "efficiency": 1.0, "hierarchy": 0.0}, abs=1e-15
    )


def test_end_of_a_path_is_fully_constrained_by_its_only_contact():
    values = measures_of(nx.path_graph(["a", "b", "c"]), "a")
    assert values["constraint"] == 1.0
    assert values["effective_size"] == 1.0
    assert values["efficiency"] == 1.0
    assert math.isnan(values["hierarchy"])


def test_star_centre_has_the_minimum_constraint_and_full_effective_size():
    star = nx.star_graph(["hub", "l1", "l2", "l3", "l4"])
    measures = burt_measures(star)
    assert measures.loc["hub"].to_dict() == pytest.approx(
        {"constraint": 4 * (1 / 4) ** 2, "effective_size": 4.0, "efficiency": 1.0, "hierarchy": 0.0},
        abs=1e-15,
    )
    for leaf in ["l1", "l2", "l3", "l4"]:
        assert measures.loc[leaf, ["constraint", "effective_size", "efficiency"]].tolist() == [1.0, 1.0, 1.0]
        assert math.isnan(measures.loc[leaf, "hierarchy"])


def two_triangles_joined_by_a_broker():
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4)])
    G.add_edges_from([("b", 1), ("b", 4)])
    return G


def test_broker_between_two_cliques_has_no_redundant_contact():
    values = measures_of(two_triangles_joined_by_a_broker(), "b")
    assert values == pytest.approx(
        {"constraint": 0.5, "effective_size": 2.0, "efficiency": 1.0, "hierarchy": 0.0}, abs=1e-15
    )


def test_clique_member_tied_to_the_broker():
    # contacts 2, 3, b with p = 1/3; c_12 = c_13 = (1/3 + 1/3 * 1/2)^2 = 1/4; c_1b = 1/9
    values = measures_of(two_triangles_joined_by_a_broker(), 1)
    ratio_clique, ratio_broker = (1 / 4) / (11 / 54), (1 / 9) / (11 / 54)
    hierarchy = (2 * ratio_clique * math.log(ratio_clique) + ratio_broker * math.log(ratio_broker)) / (3 * math.log(3))
    assert values == pytest.approx(
        {"constraint": 11 / 18, "effective_size": 7 / 3, "efficiency": 7 / 9, "hierarchy": hierarchy},
        abs=1e-15,
    )


def test_clique_member_is_constrained_more_by_the_contact_that_its_other_contact_invests_in():
    # 2's contacts are 1 and 3. 3 invests half its ties in 1, 1 only a third of its ties in 3:
    # c_21 = (1/2 + 1/2 * 1/2)^2 = 9/16, c_23 = (1/2 + 1/2 * 1/3)^2 = 4/9
    G = two_triangles_joined_by_a_broker()
    contributions = constraint_contributions(G).query("ego == 2").set_index("contact")
    assert contributions["constraint"].to_dict() == pytest.approx({1: 9 / 16, 3: 4 / 9}, abs=1e-15)
    assert contributions["indirect"].to_dict() == pytest.approx({1: 1 / 4, 3: 1 / 6}, abs=1e-15)
    assert measures_of(G, 2) == pytest.approx(
        {
            "constraint": 145 / 144,
            "effective_size": 1.0,
            "efficiency": 0.5,
            "hierarchy": _two_contact_hierarchy(9 / 16, 4 / 9),
        },
        abs=1e-15,
    )


def _two_contact_hierarchy(first, second):
    mean = (first + second) / 2
    return (first / mean * math.log(first / mean) + second / mean * math.log(second / mean)) / (2 * math.log(2))


def test_pendant_of_a_triangle():
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    measures = burt_measures(G)
    assert measures.loc["d", ["constraint", "effective_size", "efficiency"]].tolist() == [1.0, 1.0, 1.0]
    assert math.isnan(measures.loc["d", "hierarchy"])
    assert measures.loc["a", "constraint"] == pytest.approx(11 / 18, abs=1e-15)
    assert measures.loc["a", "effective_size"] == pytest.approx(3 - 2 / 3, abs=1e-15)


def test_two_actors_tied_one_way_each_have_one_contact():
    measures = burt_measures(nx.DiGraph([("a", "b")]))
    assert measures[["constraint", "effective_size", "efficiency"]].to_numpy().tolist() == [[1.0] * 3] * 2
    assert measures["hierarchy"].isna().all()


def test_actor_with_only_incoming_ties_has_contacts():
    # t was named by x and y and named nobody (a non-respondent); x and y name each other.
    # z_tx = z_ty = 1, z_xy = 2: p_tx = p_ty = 1/2, p_yx = p_xy = 2/3, m_xy = 1.
    G = nx.DiGraph([("x", "t"), ("y", "t"), ("x", "y"), ("y", "x")])
    assert measures_of(G, "t") == pytest.approx(
        {"constraint": 2 * (1 / 2 + 1 / 2 * 2 / 3) ** 2, "effective_size": 1.0, "efficiency": 0.5, "hierarchy": 0.0},
        abs=1e-15,
    )


def test_unequal_mutual_ties_weigh_a_reciprocated_contact_twice():
    # x: z_xt = 1, z_xy = 2, so p_xt = 1/3, p_xy = 2/3; p_yt = 1/3, p_ty = 1/2; m_ty = 1, m_yt = 1/2.
    G = nx.DiGraph([("x", "t"), ("y", "t"), ("x", "y"), ("y", "x")])
    constraint = (1 / 3 + 2 / 3 * 1 / 3) ** 2 + (2 / 3 + 1 / 3 * 1 / 2) ** 2
    effective_size = (1 - 2 / 3 * 1) + (1 - 1 / 3 * 1 / 2)
    assert measures_of(G, "x") == pytest.approx(
        {
            "constraint": constraint,
            "effective_size": effective_size,
            "efficiency": effective_size / 2,
            "hierarchy": _two_contact_hierarchy((5 / 9) ** 2, (5 / 6) ** 2),
        },
        abs=1e-15,
    )


def test_isolates_get_nan_in_every_column():
    G = nx.DiGraph([("a", "b")])
    G.add_node("alone")
    assert burt_measures(G).loc["alone"].isna().all()


def test_rows_follow_the_graph_node_order():
    G = nx.DiGraph()
    G.add_nodes_from(["z", "m", "a"])
    G.add_edges_from([("a", "z"), ("m", "a")])
    measures = burt_measures(G)
    assert list(measures.index) == ["z", "m", "a"]
    assert list(measures.columns) == COLUMNS


def test_empty_graph_gives_an_empty_table():
    measures = burt_measures(nx.DiGraph())
    assert measures.empty
    assert list(measures.columns) == COLUMNS


# --- conventions -----------------------------------------------------------------------------


def test_undirected_edge_counts_as_arcs_both_ways():
    undirected = load_graph("krackhardt_friendship").to_undirected()
    both_ways = undirected.to_directed()
    assert_frames_close(burt_measures(undirected), burt_measures(both_ways))


def test_weights_self_loops_and_parallel_edges_are_ignored():
    plain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    noisy = nx.MultiDiGraph()
    noisy.add_edges_from([("a", "b", {"weight": 5}), ("a", "b", {"weight": 2}), ("b", "c", {"weight": 0.1})])
    noisy.add_edges_from([("c", "a"), ("a", "d"), ("a", "a"), ("d", "d")])
    assert_frames_close(burt_measures(noisy), burt_measures(plain))


def test_constraint_contributions_add_up_to_constraint():
    G = load_graph("lazega_advice")
    by_ego = constraint_contributions(G).groupby("ego", sort=False)["constraint"].sum()
    measures = burt_measures(G)
    np.testing.assert_allclose(by_ego.to_numpy(), measures.loc[by_ego.index, "constraint"], rtol=0, atol=1e-12)
    assert set(measures.index[measures["constraint"].isna()]).isdisjoint(by_ego.index)


def test_work_split_into_small_blocks_gives_the_same_values(monkeypatch):
    G = load_graph("lazega_advice")
    whole = burt_measures(G)
    monkeypatch.setattr(sparse_rows, "CANDIDATES_PER_BLOCK", 7)
    assert_frames_close(burt_measures(G), whole)


# --- published values and cross-checks -------------------------------------------------------


def test_borgatti_1997_example():
    G = load_graph("borgatti1997_example", directed=False)
    measures = burt_measures(G)
    assert measures.loc["G", "effective_size"] == pytest.approx(4.67, abs=0.005)
    assert measures.loc["A", "effective_size"] == pytest.approx(2.50, abs=0.005)
    assert measures.loc["C", "effective_size"] == pytest.approx(1.00, abs=0.005)
    assert measures.loc["G", "constraint"] == pytest.approx(0.400, abs=0.0005)
    assert measures.loc["A", "constraint"] == pytest.approx(0.595, abs=0.0005)
    assert measures.loc["C", "constraint"] == pytest.approx(1.000, abs=0.0005)


def test_ucinet_ego_network_model_differs_where_contacts_have_outside_ties():
    # A's contact G has ties outside A's neighbourhood (to C and D); the ego model drops them,
    # so G's proportions, and A's constraint, change. Binary effective size does not.
    G = load_graph("borgatti1997_example", directed=False)
    ego_network = nx.ego_graph(G, "A")
    whole = burt_measures(G).loc["A"]
    ego_model = burt_measures(ego_network).loc["A"]
    assert whole["constraint"] == pytest.approx(0.5955, abs=1e-4)
    assert ego_model["constraint"] == pytest.approx(0.6836, abs=1e-4)
    assert ego_model["effective_size"] == pytest.approx(whole["effective_size"], abs=1e-12)


@pytest.mark.parametrize(
    "name, directed",
    [
        ("krackhardt_friendship", True),
        ("krackhardt_advice", True),
        ("lazega_advice", True),
        ("padgett_marriage", False),
        ("knoke_money", True),
    ],
)
def test_matches_burts_formulas_term_by_term(name, directed):
    G = load_graph(name, directed=directed)
    assert_frames_close(burt_measures(G), burt_by_formula(G))


@pytest.mark.parametrize("name", ["padgett_marriage", "padgett_business"])
def test_matches_networkx_on_undirected_graphs(name):
    G = load_graph(name, directed=False)
    measures = burt_measures(G)
    expected_constraint = pd.Series(nx.constraint(G))[measures.index]
    expected_size = pd.Series(nx.effective_size(G))[measures.index]
    np.testing.assert_allclose(measures["constraint"], expected_constraint, rtol=0, atol=1e-12)
    np.testing.assert_allclose(measures["effective_size"], expected_size, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", ["krackhardt_friendship", "krackhardt_advice", "lazega_advice"])
def test_matches_networkx_per_node_on_directed_graphs_where_it_is_defined(name):
    # networkx's per-node results are right for actors that reported ties (out-degree > 0);
    # it returns NaN for actors with only incoming ties.
    G = load_graph(name)
    measures = burt_measures(G)
    reporting = [v for v in G if G.out_degree(v) > 0]
    expected_constraint = pd.Series(nx.constraint(G, nodes=reporting))[reporting]
    expected_size = pd.Series(nx.effective_size(G, nodes=reporting))[reporting]
    np.testing.assert_allclose(measures.loc[reporting, "constraint"], expected_constraint, rtol=0, atol=1e-12)
    np.testing.assert_allclose(measures.loc[reporting, "effective_size"], expected_size, rtol=0, atol=1e-12)


def test_docstring_examples_run():
    result = doctest.testmod(structural_holes, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
