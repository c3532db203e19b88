"""Key players (Borgatti 2006) on a star, a path and two cliques joined by one actor, exact and greedy."""

import networkx as nx
import pytest

from clusternet.metrics.fragmentation import fragmentation
from clusternet.survey import SelectionError
from clusternet.whatif import keyplayers
from clusternet.whatif.keyplayers import EXACT, FRAGMENT, GREEDY, REACH, key_players
from tests.datasets import load_graph

PATH = nx.path_graph(["a", "b", "c", "d", "e"])


def two_cliques_joined_by_one_actor():
    graph = nx.complete_graph(["a1", "a2", "a3", "a4"])
    graph.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges)
    graph.add_edges_from([("a1", "x"), ("x", "b1")])
    return graph


@pytest.fixture
def greedy_only(monkeypatch):
    """Make every search greedy, however few the sets."""
    monkeypatch.setattr(keyplayers, "EXACT_MAX_SETS", 0)


def test_the_hub_of_a_star_is_its_key_player_both_ways():
    star = nx.star_graph(["hub", "a", "b", "c"])
    found = key_players(star, 1, FRAGMENT)
    assert (found.actors, found.score, found.before, found.method, found.seed) == (("hub",), 1.0, 0.0, EXACT, None)
    assert found.distance_weighted == 1.0 and found.distance_weighted_before == pytest.approx(0.25)
    assert found.sets_tried == 4 and found.candidates == 4
    reached = key_players(star, 1, REACH, targets=["a", "b", "c"])
    assert (reached.actors, reached.score, reached.distance_weighted, reached.targets) == (("hub",), 1.0, 1.0, 3)


def test_the_middle_of_a_path_cuts_it_most_and_two_actors_cut_it_to_pieces():
    middle = key_players(PATH, 1, FRAGMENT)
    assert middle.actors == ("c",)
    assert middle.score == pytest.approx(1 - (2 + 2) / (4 * 3))
    assert middle.alone == (middle.score,)
    pair = key_players(PATH, 2, FRAGMENT)
    assert set(pair.actors) == {"b", "d"} and pair.score == 1.0  # a, c and e are left alone
    assert pair.alone == (pytest.approx(0.5), pytest.approx(0.5))  # each alone leaves pieces of 1 and 3


def test_among_equal_reach_the_set_closest_to_the_others_wins():
    # b, c and d each reach three actors within one step; c is closer to the other two (2 steps, not 2 and 3)
    found = key_players(PATH, 1, REACH, targets=list(PATH), steps=1)
    assert found.actors == ("c",)
    assert (found.score, found.distance_weighted) == (
        pytest.approx(3 / 5),
        pytest.approx((1 / 2 + 1 + 1 + 1 + 1 / 2) / 5),
    )


def test_the_actor_joining_two_cliques_fragments_them_and_their_two_ends_reach_everyone():
    graph = two_cliques_joined_by_one_actor()
    found = key_players(graph, 1, FRAGMENT)
    assert found.actors == ("x",)
    assert found.score == pytest.approx(1 - 2 * (4 * 3) / (8 * 7))
    reached = key_players(graph, 2, REACH, targets=list(graph), steps=1)
    assert set(reached.actors) == {"a1", "b1"} and reached.score == 1.0


def test_the_greedy_search_with_swaps_finds_the_same_sets_and_records_its_seed(greedy_only):
    graph = two_cliques_joined_by_one_actor()
    found = key_players(graph, 1, FRAGMENT, seed=7)
    assert (found.actors, found.method, found.seed) == (("x",), GREEDY, 7)
    assert set(key_players(PATH, 2, FRAGMENT).actors) == {"b", "d"}
    assert set(key_players(graph, 2, REACH, targets=list(graph)).actors) == {"a1", "b1"}
    again = key_players(graph, 1, FRAGMENT, seed=7)
    assert (again.actors, again.sets_tried) == (found.actors, found.sets_tried)


def test_candidates_restrict_the_choice():
    graph = two_cliques_joined_by_one_actor()
    found = key_players(graph, 1, FRAGMENT, candidates=["a1", "a2", "b3"])
    assert found.actors == ("a1",) and found.candidates == 3


def test_impossible_searches_are_refused_with_a_reason():
    with pytest.raises(SelectionError, match="there are 2 candidates, so no set of 3 can be chosen"):
        key_players(PATH, 3, FRAGMENT, candidates=["a", "b"])
    with pytest.raises(SelectionError, match="at least 1 actor"):
        key_players(PATH, 0, FRAGMENT)
    with pytest.raises(SelectionError, match="no firm to reach"):
        key_players(PATH, 1, REACH, targets=[])


@pytest.mark.parametrize("name", ["padgett_marriage", "krackhardt_advice", "knoke_info"])
def test_the_exact_key_player_is_the_actor_networkx_finds_most_fragmenting(name):
    graph = load_graph(name)
    found = key_players(graph, 1, FRAGMENT)
    without_each = {}
    for actor in graph:
        rest = graph.copy()
        rest.remove_node(actor)
        without_each[actor] = fragmentation(rest)
    assert found.score == pytest.approx(max(without_each.values()))
    assert without_each[found.actors[0]] == pytest.approx(found.score)
    if name == "padgett_marriage":
        assert found.actors == ("Medici",)
