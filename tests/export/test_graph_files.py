"""GEXF, GraphML and the edge list: they load in networkx's own readers, with clean attributes."""

import io

import networkx as nx
import pandas as pd
import pytest

from clusternet.export.formats import export_bytes
from clusternet.export.graph_files import edge_list_csv, export_graph, graph_gexf, graph_graphml
from clusternet.graph import Selection
from clusternet.view import view_of
from clusternet.viz.map_style import ActorFilter, MapScope
from tests.export.conftest import HOSTILE_NAMES


def clean_values(graph):
    values = [value for _, data in graph.nodes(data=True) for value in data.values()]
    values += [value for _, _, data in graph.edges(data=True) for value in data.values()]
    return values


def test_gexf_loads_with_every_actor_and_tie(sample_view):
    graph = nx.read_gexf(io.BytesIO(graph_gexf(sample_view)))
    assert graph.is_directed()
    assert graph.number_of_nodes() == 66 and graph.number_of_edges() == sample_view.analysis.graph.number_of_edges()
    node = graph.nodes["W01"]
    assert node["label"] == "Santosh Kuli Looms" and node["type"] == "firm" and node["village"] == "Barpālī"
    assert node["size"] == "small"  # the survey's own attribute, not the map's radius
    assert node["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}  # the app's colour of firms
    assert node["viz"]["position"]["x"] == pytest.approx(node["map_x"])


def test_graphml_loads_and_keeps_numbers_as_numbers(sample_view):
    graph = nx.read_graphml(io.BytesIO(graph_graphml(sample_view)))
    assert graph.number_of_nodes() == 66
    node = graph.nodes["W01"]
    assert isinstance(node["degree"], int) and isinstance(node["betweenness_norm"], float)
    assert isinstance(node["respondent"], bool)
    _source, _target, data = next(iter(graph.edges(data=True)))
    assert (isinstance(data["weight"], float) and ";" in data["relations"]) or data["relations"]


def test_no_none_nan_list_or_dict_reaches_the_writers(sample_survey):
    for ties in ("reported", "any", "confirmed"):
        graph = export_graph(view_of(sample_survey, Selection(ties=ties)))
        assert all(isinstance(value, (bool, int, float, str)) for value in clean_values(graph))
        assert not any(isinstance(value, float) and value != value for value in clean_values(graph))
        assert set(graph.graph) <= {"round", "relations", "ties", "anonymized", "min_trust"}


def test_undirected_ties_load_as_an_undirected_graph(sample_survey):
    view = view_of(sample_survey, Selection("baseline", ties="confirmed", min_trust=3))
    graph = nx.read_graphml(io.BytesIO(graph_graphml(view)))
    assert not graph.is_directed() and graph.graph["min_trust"] == 3
    assert all(data["reports"] == 2 for _, _, data in graph.edges(data=True))


def test_anonymised_node_ids_are_codes_and_free_text_is_gone(sample_survey, anonymous_view):
    graph = nx.read_gexf(io.BytesIO(graph_gexf(anonymous_view)))
    assert set(graph.nodes) == set(anonymous_view.codes.values())
    assert all(data["label"] == node for node, data in graph.nodes(data=True))
    hidden = [data for _, data in graph.nodes(data=True) if "trust_received_n" not in data]
    assert hidden and not any("trust_received" in data for data in hidden)
    assert all(data["trust_received_n"] >= 3 for _, data in graph.nodes(data=True) if "trust_received_n" in data)


def test_the_edge_list_is_formula_safe_and_readable(hostile_survey):
    view = view_of(hostile_survey, Selection())
    table = pd.read_csv(io.BytesIO(edge_list_csv(view)), dtype={"source_name": str, "target_name": str})
    assert list(table.columns) == [
        "source",
        "target",
        "relations",
        "weight",
        "trust",
        "status",
        "source_name",
        "target_name",
    ]
    assert len(table) == view.analysis.graph.number_of_edges()
    names = set(table["source_name"]) | set(table["target_name"])
    assert "'" + HOSTILE_NAMES["H1"] in names and "'+SUM(1,2)" in names and "'-2+3" in names and "'@cmd" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    assert table["weight"].dtype == float and table["trust"].dtype == float


def test_hostile_text_survives_the_xml_writers(hostile_survey):
    view = view_of(hostile_survey, Selection())
    graph = nx.read_graphml(io.BytesIO(graph_graphml(view)))
    assert {data["label"] for _, data in graph.nodes(data=True)} == set(HOSTILE_NAMES.values())
    assert nx.read_gexf(io.BytesIO(graph_gexf(view))).number_of_nodes() == len(HOSTILE_NAMES)


@pytest.fixture(scope="module")
def firms_around_w29(sample_view):
    """The Map page with firms only and W29 found, one step around it: W29 and the firms it named or
    that named it, and the ties among them."""
    graph = sample_view.analysis.graph
    firm = {actor for actor, data in graph.nodes(data=True) if data["type"] == "firm"}
    actors = {"W29"} | ({*graph.successors("W29"), *graph.predecessors("W29")} & firm)
    ties = {(source, target) for source, target in graph.edges() if source in actors and target in actors}
    scope = MapScope(highlight=frozenset({"W29"}), actor_filter=ActorFilter("type", frozenset({"firm"})), steps=1)
    return scope, actors, ties


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_a_graph_file_of_the_map_holds_just_the_actors_and_ties_it_shows(sample_view, firms_around_w29, fmt):
    scope, actors, ties = firms_around_w29
    read = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    graph = read(io.BytesIO(export_bytes(sample_view, fmt, scope=scope)))
    assert set(graph.nodes) == actors and len(actors) < 66
    assert set(graph.edges) == ties


def test_the_edge_list_of_the_map_holds_just_the_ties_it_shows(sample_view, firms_around_w29):
    scope, _, ties = firms_around_w29
    table = pd.read_csv(io.BytesIO(export_bytes(sample_view, "csv", scope=scope)))
    assert set(zip(table["source"], table["target"])) == ties and len(table) == len(ties)


def test_an_anonymised_graph_file_of_the_map_has_the_codes_of_its_actors(anonymous_view, firms_around_w29):
    scope, actors, _ = firms_around_w29
    graph = nx.read_gexf(io.BytesIO(export_bytes(anonymous_view, "gexf", scope=scope)))
    assert set(graph.nodes) == {anonymous_view.codes[actor] for actor in actors}
    table = pd.read_csv(io.BytesIO(export_bytes(anonymous_view, "csv", scope=scope)))
    assert set(table["source"]) | set(table["target"]) <= set(graph.nodes) and "trust" not in table.columns


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_a_graph_file_without_a_scope_holds_the_whole_selection(sample_view, fmt):
    data = export_bytes(sample_view, fmt)
    if fmt == "csv":
        assert len(pd.read_csv(io.BytesIO(data))) == sample_view.analysis.graph.number_of_edges()
    else:
        graph = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(io.BytesIO(data))
        assert graph.number_of_nodes() == 66
        assert graph.number_of_edges() == sample_view.analysis.graph.number_of_edges()
