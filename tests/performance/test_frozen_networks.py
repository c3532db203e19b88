"""An analysis and a round network are frozen, so that their measures read the ties once."""

import networkx as nx
import pytest

import clusternet.metrics.adjacency as adjacency
from clusternet.analysis import analyze
from clusternet.graph import Selection
from clusternet.rounds.network import RoundNetworks
from clusternet.survey import load_survey
from tests.conftest import SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def sample():
    return load_survey(SAMPLE_WORKBOOK)


@pytest.fixture
def reads_of_the_ties(monkeypatch):
    """Every pass over a graph's edges that the kept arrays make: (kind, graph id)."""
    reads = []
    for name in ("_tie_ends", "_edge_values"):
        original = getattr(adjacency, name)

        def counting(graph, *options, original=original, name=name):
            reads.append((name, id(graph), options))
            return original(graph, *options)

        monkeypatch.setattr(adjacency, name, counting)
    return reads


def test_an_analysis_reads_each_graphs_ties_once(sample, reads_of_the_ties):
    analysis = analyze(sample, Selection(round="endline"))
    assert nx.is_frozen(analysis.graph) and nx.is_frozen(analysis.reported)
    with pytest.raises(nx.NetworkXError):
        analysis.graph.add_edge("someone", "else")
    assert reads_of_the_ties  # the measures read them through the kept arrays
    assert len(reads_of_the_ties) == len(set(reads_of_the_ties))


def test_a_round_networks_measures_read_its_ties_once(sample, reads_of_the_ties):
    networks = RoundNetworks(sample)
    actors = sample.actors["actor_id"].tolist()
    network = networks.on("baseline", actors, relations=None, ties="reported", group_by="type")
    assert nx.is_frozen(network.graph) and nx.is_frozen(network.reported)
    assert reads_of_the_ties
    assert len(reads_of_the_ties) == len(set(reads_of_the_ties))
