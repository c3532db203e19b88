"""Load the classic network datasets of ``tests/data/classic`` as networkx graphs for tests.

The CSV files and their provenance (README.md there) are Knoke, Krackhardt, Lazega, Padgett and
Borgatti's 1997 example as published in the UCINET and Moreno collections.
"""

from pathlib import Path

import networkx as nx
import pandas as pd

DATASETS = Path(__file__).resolve().parent / "data" / "classic"

NODE_ID_COLUMN = {"krackhardt": "id", "lazega": "id", "padgett": "name", "knoke": "label"}
"""Column of each family's ``*_nodes.csv`` that the edge lists use as node id."""


def load_graph(name, directed=True):
    """Return ``tests/data/classic/<name>_edges.csv`` as a DiGraph, or a Graph if not ``directed``.

    Node ids are strings. Where the family has a ``<family>_nodes.csv`` (``krackhardt`` for
    ``krackhardt_advice``), every listed actor is a node, isolates included, carrying the other
    columns as attributes (numbers as numbers). Extra edge columns such as ``weight`` become
    edge attributes.
    """
    edges = pd.read_csv(_dataset_file(f"{name}_edges.csv"), dtype={"source": str, "target": str})
    graph = nx.from_pandas_edgelist(
        edges,
        "source",
        "target",
        edge_attr=list(edges.columns.drop(["source", "target"])) or None,
        create_using=nx.DiGraph if directed else nx.Graph,
    )
    family = name.split("_")[0]
    if family in NODE_ID_COLUMN:
        graph = _with_actors(graph, family)
    return graph


def _with_actors(edges_graph, family):
    id_column = NODE_ID_COLUMN[family]
    actors = pd.read_csv(_dataset_file(f"{family}_nodes.csv"), dtype={id_column: str})
    graph = edges_graph.__class__()
    for row in actors.to_dict("records"):
        actor = row.pop(id_column)
        graph.add_node(actor, **row)
    unknown = set(edges_graph) - set(graph)
    assert not unknown, f"{family} edges name actors missing from {family}_nodes.csv: {unknown}"
    graph.add_edges_from(edges_graph.edges(data=True))
    return graph


def _dataset_file(filename):
    return DATASETS / filename
