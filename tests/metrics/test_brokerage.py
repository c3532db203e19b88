"""Gould and Fernandez brokerage roles, expectations and z-scores (clusternet.metrics.brokerage)."""

import doctest
import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clusternet.metrics import brokerage, sparse_rows
from clusternet.metrics.brokerage import ROLE_COLUMNS, brokerage_roles, brokerage_totals, brokerage_z_scores
from tests.datasets import load_graph

ROLES = list(ROLE_COLUMNS[:-1])


def role_of(a, b, c, group):
    """The Gould-Fernandez role of broker b on the two-path a -> b -> c, spelled out."""
    if group[a] == group[b] == group[c]:
        return "coordinator"
    if group[a] != group[b] and group[b] == group[c]:
        return "gatekeeper"
    if group[a] == group[b] and group[b] != group[c]:
        return "representative"
    if group[a] == group[c]:
        return "consultant"
    return "liaison"


def brute_force_roles(G, groups):
    """Count brokered pairs by a triple loop over every (a, b, c): a slow reference."""
    arcs = {(u, v) for u, v in G.edges() if u != v}
    if not G.is_directed():
        arcs |= {(v, u) for u, v in arcs}
    group = {v: groups.get(v, "unknown") for v in G}
    counts = pd.DataFrame(0, index=pd.Index(list(G)), columns=list(ROLE_COLUMNS))
    for a, b, c in itertools.permutations(G, 3):
        if (a, b) in arcs and (b, c) in arcs and (a, c) not in arcs:
            counts.loc[b, role_of(a, b, c, group)] += 1
    counts["brokerage_total"] = counts[ROLES].sum(axis=1)
    return counts


def roles_of(G, groups, node):
    return brokerage_roles(G, groups).loc[node].to_dict()


def only(role, count=1):
    return {column: (count if column in (role, "brokerage_total") else 0) for column in ROLE_COLUMNS}


# --- one hand-drawn two-path per role ---------------------------------------------------------


def test_coordinator_links_two_members_of_its_own_group():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert roles_of(G, {"a": "firm", "b": "firm", "c": "firm"}, "b") == only("coordinator")


def test_gatekeeper_counts_paths_entering_the_group():
    # outsider a -> broker b -> c of b's own group: b decides what enters its group
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert roles_of(G, {"a": "bank", "b": "firm", "c": "firm"}, "b") == only("gatekeeper")


def test_representative_counts_paths_leaving_the_group():
    # a of b's own group -> broker b -> outsider c: b speaks for its group
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert roles_of(G, {"a": "firm", "b": "firm", "c": "bank"}, "b") == only("representative")


def test_consultant_links_two_members_of_another_group():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert roles_of(G, {"a": "firm", "b": "ngo", "c": "firm"}, "b") == only("consultant")


def test_liaison_links_two_other_groups():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    assert roles_of(G, {"a": "firm", "b": "ngo", "c": "bank"}, "b") == only("liaison")


def test_nobody_brokers_a_pair_that_is_directly_tied():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    counts = brokerage_roles(G, {"a": 1, "b": 1, "c": 1})
    assert (counts.to_numpy() == 0).all()


def test_a_tie_back_to_the_sender_is_not_brokerage():
    G = nx.DiGraph([("a", "b"), ("b", "a")])
    counts = brokerage_roles(G, {"a": 1, "b": 2})
    assert (counts.to_numpy() == 0).all()


def test_broker_with_mixed_contacts_counts_each_role():
    # b (group X) hears from a1, a3 (X) and a2 (Y) and passes to c1 (X), c2 (Y), c3 (Z);
    # a1 -> c1 is direct, and c1 also reports b (b <-> c1).
    G = nx.DiGraph(
        [("a1", "b"), ("a2", "b"), ("a3", "b"), ("c1", "b")] + [("b", "c1"), ("b", "c2"), ("b", "c3")] + [("a1", "c1")]
    )
    groups = {"a1": "X", "a2": "Y", "a3": "X", "b": "X", "c1": "X", "c2": "Y", "c3": "Z"}
    # a1: c2 rep, c3 rep (c1 closed); a2: c1 gate, c2 consultant, c3 liaison;
    # a3: c1 coord, c2 rep, c3 rep; c1: c2 rep, c3 rep (c1 itself excluded)
    assert roles_of(G, groups, "b") == {
        "coordinator": 1,
        "gatekeeper": 1,
        "representative": 6,
        "consultant": 1,
        "liaison": 1,
        "brokerage_total": 10,
    }
    assert brokerage_roles(G, groups).equals(brute_force_roles(G, groups))


def test_undirected_edges_are_brokered_both_ways():
    undirected = nx.Graph([("a", "b"), ("b", "c")])
    groups = {"a": "firm", "b": "firm", "c": "bank"}
    assert roles_of(undirected, groups, "b") == {
        "coordinator": 0,
        "gatekeeper": 1,
        "representative": 1,
        "consultant": 0,
        "liaison": 0,
        "brokerage_total": 2,
    }
    both_ways = undirected.to_directed()
    assert brokerage_roles(undirected, groups).equals(brokerage_roles(both_ways, groups))
    assert brokerage_z_scores(undirected, groups).equals(brokerage_z_scores(both_ways, groups))


def test_reversing_the_ties_swaps_gatekeepers_and_representatives():
    G = load_graph("krackhardt_advice")
    groups = nx.get_node_attributes(G, "dept")
    forward, backward = brokerage_roles(G, groups), brokerage_roles(G.reverse(), groups)
    assert forward["gatekeeper"].equals(backward["representative"])
    assert forward["representative"].equals(backward["gatekeeper"])
    for role in ["coordinator", "consultant", "liaison", "brokerage_total"]:
        assert forward[role].equals(backward[role])


# --- conventions -----------------------------------------------------------------------------


def test_missing_group_labels_form_one_unknown_group():
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    with_gaps = {"a": None, "b": "firm", "c": math.nan, "d": pd.NA}  # e is absent
    spelled_out = {"a": "unknown", "b": "firm", "c": "unknown", "d": "unknown", "e": "unknown"}
    assert brokerage_roles(G, with_gaps).equals(brokerage_roles(G, spelled_out))
    assert roles_of(G, with_gaps, "d") == only("coordinator")


def test_groups_may_be_a_series():
    G = load_graph("krackhardt_advice")
    groups = nx.get_node_attributes(G, "dept")
    assert brokerage_roles(G, pd.Series(groups)).equals(brokerage_roles(G, groups))


def test_isolates_and_one_sided_actors_broker_nothing():
    G = nx.DiGraph([("a", "b"), ("c", "b")])
    G.add_node("alone")
    counts = brokerage_roles(G, {})
    assert list(counts.index) == ["a", "b", "c", "alone"]
    assert list(counts.columns) == list(ROLE_COLUMNS)
    assert (counts.to_numpy() == 0).all()
    assert all(dtype.kind == "i" for dtype in counts.dtypes)


def test_weights_self_loops_and_parallel_edges_are_ignored():
    plain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    noisy = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "b"), ("b", "c"), ("c", "d")])
    noisy["b"]["c"][0]["weight"] = 9
    groups = {"a": 1, "b": 2, "c": 2, "d": 3}
    assert brokerage_roles(noisy, groups).equals(brokerage_roles(plain, groups))


def test_empty_graph_gives_empty_tables():
    assert brokerage_roles(nx.DiGraph(), {}).shape == (0, len(ROLE_COLUMNS))
    assert brokerage_z_scores(nx.DiGraph(), {}).shape == (0, 3 * len(ROLE_COLUMNS))


# --- against a brute-force count -------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_matches_brute_force_on_random_directed_graphs(seed):
    rng = np.random.default_rng(seed)
    density = [0.05, 0.15, 0.4][seed % 3]
    G = nx.gnp_random_graph(30, density, seed=seed, directed=True)
    groups = {v: "ABC"[rng.integers(3)] for v in G}
    assert brokerage_roles(G, groups).equals(brute_force_roles(G, groups))


def test_matches_brute_force_on_a_random_undirected_graph():
    G = nx.gnp_random_graph(30, 0.2, seed=7)
    groups = {v: v % 4 for v in G}
    assert brokerage_roles(G, groups).equals(brute_force_roles(G, groups))


@pytest.mark.parametrize("name, attribute", [("krackhardt_advice", "dept"), ("lazega_advice", "office")])
def test_matches_brute_force_on_classic_data(name, attribute):
    G = load_graph(name)
    groups = nx.get_node_attributes(G, attribute)
    assert brokerage_roles(G, groups).equals(brute_force_roles(G, groups))


def test_work_split_into_small_blocks_gives_the_same_counts(monkeypatch):
    G = load_graph("lazega_advice")
    groups = nx.get_node_attributes(G, "practice")
    whole = brokerage_roles(G, groups)
    monkeypatch.setattr(sparse_rows, "CANDIDATES_PER_BLOCK", 5)
    assert brokerage_roles(G, groups).equals(whole)


# --- against R's sna::brokerage (sna 2.7-1, Debian r-cran-sna) -------------------------------
# brokerage(m, cl) on the adjacency matrix m[source, target] = 1 with the zero diagonal;
# sna's columns w_I, b_OI, b_IO, w_O, b_O, t are our coordinator, gatekeeper, representative,
# consultant, liaison, brokerage_total.

SNA_KRACKHARDT_ADVICE_BY_DEPT = [  # raw.nli, actors 1..21
    (1, 11, 2, 2, 8, 24),
    (0, 0, 6, 1, 13, 20),
    (1, 3, 6, 0, 10, 20),
    (0, 6, 6, 5, 13, 30),
    (3, 1, 13, 0, 5, 22),
    (0, 0, 0, 0, 0, 0),
    (0, 0, 0, 7, 31, 38),
    (0, 4, 2, 0, 10, 16),
    (0, 0, 10, 0, 3, 13),
    (0, 1, 1, 15, 28, 45),
    (0, 0, 1, 0, 4, 5),
    (0, 0, 0, 0, 2, 2),
    (1, 2, 0, 0, 0, 3),
    (0, 0, 4, 0, 0, 4),
    (7, 2, 10, 0, 7, 26),
    (0, 0, 1, 0, 1, 2),
    (0, 1, 1, 0, 8, 10),
    (0, 11, 4, 32, 74, 121),
    (2, 1, 0, 0, 1, 4),
    (2, 4, 8, 0, 9, 23),
    (11, 15, 20, 7, 19, 72),
]
SNA_KRACKHARDT_EXPECTED_BY_DEPT = {  # exp.grp
    4: (0.672416585681892, 5.71554097829608, 5.71554097829608, 9.18969333765252, 21.2931918799266, 42.5863837598532),
    2: (4.706916099773244, 10.19831821617536, 10.19831821617536, 4.25863837598532, 13.2241928517439, 42.5863837598532),
    1: (1.344833171363784, 7.17244358060685, 7.17244358060685, 8.29313789007667, 18.6035255371990, 42.5863837598532),
    0: (0.0, 0.0, 0.0, 10.53452650901631, 32.0518572508368, 42.5863837598532),
    3: (0.224138861893964, 4.03449951409135, 4.03449951409135, 9.86210992333442, 24.4311359464421, 42.5863837598532),
}
SNA_KRACKHARDT_SD_BY_DEPT = {  # sd.grp
    4: (0.882894862284125, 4.36256540568907, 4.36256540568907, 4.51481606332435, 8.96607698104911, 15.6780107707528),
    2: (3.250378141208150, 5.82743662682253, 5.82743662682253, 2.55304458261446, 6.42162705107661, 15.6780107707528),
    1: (1.387045373540604, 4.88705076228478, 4.88705076228478, 4.30032795484287, 8.17388493262811, 15.6780107707528),
    0: (0.0, 0.0, 0.0, 4.72307727587767, 12.10376611401241, 15.6780107707528),
    3: (0.446116293345584, 3.66528807171359, 3.66528807171359, 4.63982280007160, 9.88491405600347, 15.6780107707528),
}
SNA_KRACKHARDT_Z_OF_ACTOR_18 = (  # z.nli[18, ]
    -0.502422496638864,
    1.90039646260387,
    -0.00941249730344465,
    4.771279212715611,
    5.0145973725945492,
    5.001502893876499,
)
SNA_KRACKHARDT_TOTALS = {  # raw.gli, exp.gli, sd.gli, z.gli
    "observed": (28, 62, 95, 69, 246, 500),
    "expected": (
        47.74157758341433,
        152.41442608789552,
        152.41442608789552,
        152.41442608789552,
        389.32920310981541,
        894.31405895691637,
    ),
    "sd": (
        9.67268006672105,
        23.83595097456649,
        23.83595097456649,
        25.73078790230361,
        33.28447026924808,
        63.61013795659036,
    ),
    "z": (
        -2.04096253026454,
        -3.79319567255235,
        -2.40873234506809,
        -3.24181390809364,
        -4.30618850023397,
        -6.19891846840529,
    ),
}
SNA_LAZEGA_ADVICE_BY_OFFICE_TOTALS = {
    "observed": (3446, 1213, 1413, 175, 125, 6372),
    "expected": (
        2897.16873725369442,
        1862.72614745097667,
        1862.72614745097667,
        1862.72614745097667,
        578.51396099958822,
        9063.86114060621185,
    ),
    "sd": (
        227.56494060689863,
        132.40155949091451,
        132.40155949091451,
        171.97867425815147,
        75.49777376593960,
        497.31066746487573,
    ),
    "z": (
        2.41175666727315,
        -4.90723938561737,
        -3.39668315977681,
        -9.81357807723059,
        -6.00698455567161,
        -5.41283611374842,
    ),
}
SNA_LAZEGA_ADVICE_BY_OFFICE_ACTORS = {  # raw.nli rows
    "1": (24, 4, 0, 0, 0, 28),
    "2": (45, 20, 13, 1, 1, 80),
    "26": (324, 81, 128, 2, 4, 539),
    "71": (7, 0, 0, 0, 0, 7),
}


def krackhardt_advice_by_dept():
    G = load_graph("krackhardt_advice")
    return G, nx.get_node_attributes(G, "dept")


def test_counts_match_sna_on_krackhardt_advice_by_department():
    G, groups = krackhardt_advice_by_dept()
    expected = pd.DataFrame(
        SNA_KRACKHARDT_ADVICE_BY_DEPT, index=[str(i) for i in range(1, 22)], columns=list(ROLE_COLUMNS)
    )
    assert brokerage_roles(G, groups).equals(expected)


def test_expected_counts_and_sd_match_sna_on_krackhardt_advice_by_department():
    G, groups = krackhardt_advice_by_dept()
    scores = brokerage_z_scores(G, groups)
    for actor in G:
        dept = groups[actor]
        expected = scores.loc[actor, [f"{role}_expected" for role in ROLE_COLUMNS]]
        sd = scores.loc[actor, [f"{role}_sd" for role in ROLE_COLUMNS]]
        np.testing.assert_allclose(expected, SNA_KRACKHARDT_EXPECTED_BY_DEPT[dept], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(sd, SNA_KRACKHARDT_SD_BY_DEPT[dept], rtol=1e-12, atol=1e-12)
    z_of_18 = scores.loc["18", [f"{role}_z" for role in ROLE_COLUMNS]]
    np.testing.assert_allclose(z_of_18, SNA_KRACKHARDT_Z_OF_ACTOR_18, rtol=1e-12)


def test_z_is_missing_where_a_role_is_impossible():
    # the CEO (7) is alone in department 0: no coordinator, gatekeeper or representative pair exists
    G, groups = krackhardt_advice_by_dept()
    ceo = brokerage_z_scores(G, groups).loc["7"]
    for role in ["coordinator", "gatekeeper", "representative"]:
        assert ceo[f"{role}_expected"] == 0 and ceo[f"{role}_sd"] == 0
        assert math.isnan(ceo[f"{role}_z"])
    assert not math.isnan(ceo["liaison_z"])


def test_network_totals_match_sna_on_krackhardt_advice_by_department():
    G, groups = krackhardt_advice_by_dept()
    totals = brokerage_totals(G, groups)
    assert list(totals.index) == list(ROLE_COLUMNS)
    assert totals["observed"].tolist() == list(SNA_KRACKHARDT_TOTALS["observed"])
    for column in ["expected", "sd", "z"]:
        np.testing.assert_allclose(totals[column], SNA_KRACKHARDT_TOTALS[column], rtol=1e-12)


def test_network_totals_and_counts_match_sna_on_lazega_advice_by_office():
    G = load_graph("lazega_advice")
    groups = nx.get_node_attributes(G, "office")
    totals = brokerage_totals(G, groups)
    assert totals["observed"].tolist() == list(SNA_LAZEGA_ADVICE_BY_OFFICE_TOTALS["observed"])
    for column in ["expected", "sd", "z"]:
        np.testing.assert_allclose(totals[column], SNA_LAZEGA_ADVICE_BY_OFFICE_TOTALS[column], rtol=1e-12)
    counts = brokerage_roles(G, groups)
    for actor, row in SNA_LAZEGA_ADVICE_BY_OFFICE_ACTORS.items():
        assert tuple(counts.loc[actor]) == row


# --- the null model, by exhaustive enumeration -----------------------------------------------


def exact_moments(group_labels, density):
    """Mean and variance of every actor's and the network's role counts over all directed graphs
    on these actors, each arc present independently with probability ``density``."""
    size = len(group_labels)
    pairs = [(i, j) for i in range(size) for j in range(size) if i != j]
    column = {pair: k for k, pair in enumerate(pairs)}
    graph_number = np.arange(2 ** len(pairs), dtype=np.int64)
    present = ((graph_number[:, None] >> np.arange(len(pairs))) & 1).astype(bool)
    arcs = present.sum(axis=1)
    probability = density**arcs * (1 - density) ** (len(pairs) - arcs)
    group = dict(enumerate(group_labels))
    counts = np.zeros((graph_number.size, size, len(ROLE_COLUMNS)), dtype=np.int8)
    for a, b, c in itertools.permutations(range(size), 3):
        brokered = present[:, column[a, b]] & present[:, column[b, c]] & ~present[:, column[a, c]]
        counts[:, b, ROLE_COLUMNS.index(role_of(a, b, c, group))] += brokered
        counts[:, b, -1] += brokered
    counts = counts.astype(float)
    mean = np.einsum("g,gbr->br", probability, counts)
    variance = np.einsum("g,gbr->br", probability, counts**2) - mean**2
    network = counts.sum(axis=1)
    network_mean = probability @ network
    network_variance = probability @ network**2 - network_mean**2
    return mean, variance, network_mean, network_variance


FIVE_ACTOR_GRAPH = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2)]  # density 6/20


@pytest.mark.parametrize("group_labels", [["X", "X", "X", "X", "Y"], ["X", "X", "Y", "Y", "Z"]])
def test_actor_moments_are_exact_under_the_random_graph_of_the_observed_density(group_labels):
    G = nx.DiGraph(FIVE_ACTOR_GRAPH)
    groups = dict(enumerate(group_labels))
    mean, variance, _, _ = exact_moments(group_labels, density=6 / 20)
    scores = brokerage_z_scores(G, groups).loc[list(range(5))]
    for position, role in enumerate(ROLE_COLUMNS):
        np.testing.assert_allclose(scores[f"{role}_expected"], mean[:, position], rtol=0, atol=1e-9)
        np.testing.assert_allclose(scores[f"{role}_sd"] ** 2, variance[:, position], rtol=0, atol=1e-9)


@pytest.mark.parametrize("group_labels", [["X", "X", "X", "X", "Y"], ["X", "X", "Y", "Y", "Z"], list("VWXYZ")])
def test_network_expectations_are_exact_and_sna_variances_exact_for_consultant_and_liaison(group_labels):
    G = nx.DiGraph(FIVE_ACTOR_GRAPH)
    totals = brokerage_totals(G, dict(enumerate(group_labels)))
    _, _, mean, variance = exact_moments(group_labels, density=6 / 20)
    np.testing.assert_allclose(totals["expected"], mean, rtol=0, atol=1e-9)
    for role in ["consultant", "liaison"]:
        position = ROLE_COLUMNS.index(role)
        assert totals.loc[role, "sd"] ** 2 == pytest.approx(variance[position], abs=1e-9)


def test_sna_overstates_the_network_variance_of_coordinators():
    # kept for comparability with sna; documented in brokerage_totals
    G = nx.DiGraph(FIVE_ACTOR_GRAPH)
    totals = brokerage_totals(G, dict.fromkeys(range(5), "X"))
    _, _, _, variance = exact_moments(["X"] * 5, density=0.3)
    assert totals.loc["coordinator", "sd"] ** 2 == pytest.approx(7.39746, abs=1e-5)
    assert variance[0] == pytest.approx(6.92118, abs=1e-5)


def test_docstring_examples_run():
    result = doctest.testmod(brokerage, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
