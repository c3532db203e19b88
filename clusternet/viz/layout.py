"""Fixed map positions of a survey's actors, computed once on the ties of all rounds.

Every view of a survey (any round, relation, tie mode or filter) draws each actor at the same
place, so that a tie gained or lost between rounds shows as a line appearing or vanishing between
actors who stay put.

Method: the union of all rounds' ties (any relation, either direction) is split into connected
components, and each component into Louvain communities (as ``metrics.communities`` finds them), so
that actors who work together (a village, a sub-sector) form a visible group on the map.

- A component of up to ``FORCE_LAYOUT_MAX_NODES`` actors is laid out in blocks, one per community:
  the graph of communities (tied by the number of ties between them) is laid out by networkx's
  Fruchterman-Reingold spring layout, each community's actors by the same layout of the ties among
  them, scaled to one unit between neighbours, and the blocks are then moved apart along the lines
  between their centres until no two overlap (``BLOCK_GAP`` between them). A community is a visible
  group, not a part of a hairball (about 0.3 s for a 500-actor component).
- A larger component gets a cheaper layout that never builds an n x n matrix (0.1 s at 500
  actors, 1 s at 5,000, 5 s at 20,000, most of it Louvain): pivot MDS (Brandes & Pich 2006:
  classical scaling of the shortest-path distances to 50 pivot actors, a tie across communities
  measuring ``CROSS_COMMUNITY_LENGTH``), distances from the centre re-spaced to fill a disc
  evenly, then actors closer than one spacing pushed apart (neighbours found with a k-d tree).

Components are scaled so that their area grows with their number of actors and packed side by
side in rows, largest first; actors without any tie in any round sit in a grid below.

References: Fruchterman, T. & Reingold, E. (1991). Graph drawing by force-directed placement.
Software: Practice and Experience 21(11); Brandes, U. & Pich, C. (2006). Eigensolver methods for
progressive multidimensional scaling of large data. Graph Drawing 2006, LNCS 4372.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from clusternet.metrics.communities import louvain_communities
from clusternet.survey import Survey

FORCE_LAYOUT_MAX_NODES = 499
"""Largest component drawn with networkx's spring layout. Above it networkx itself switches to a
per-node Python loop (seconds at 500 actors), so the pivot MDS layout takes over."""

PIVOTS = 50
"""Pivot actors of the MDS layout; more pivots follow the graph's distances more closely."""

SPREAD_ITERATIONS = 40
"""Steps that push apart actors closer than one spacing, after pivot MDS."""

BLOCK_GAP = 1.2
"""Space between two communities' blocks, in units of the distance between neighbouring actors."""

BLOCK_ITERATIONS = 200
"""Steps that move overlapping community blocks apart."""

CROSS_COMMUNITY_LENGTH = 5.0
"""Length of a tie between Louvain communities in the pivot MDS layout (ties inside measure 1)."""

BOX_PX = (1000.0, 700.0)
"""Width and height in pixels that a small or mid-sized map is fitted into."""

SPACING_PX = (50.0, 120.0)
"""Fewest and most pixels between neighbouring actors: large maps grow beyond ``BOX_PX`` rather
than squeeze actors together (the map zooms to fit when shown), small ones do not spread out."""

_COMPONENT_GAP = 1.5
_ISOLATE_GAP = 2.0
_ASPECT = BOX_PX[0] / BOX_PX[1]

Coordinates = npt.NDArray[np.float64]
"""Positions in layout units, one row (x, y) per actor."""

Box = tuple[float, float, float, float]
"""A label's box: left, top, right, bottom (y downwards, in any one unit)."""


def union_tie_graph(survey: Survey) -> nx.Graph[str]:
    """Every actor of the survey, tied to every partner it had in any round and relation."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(survey.actors["actor_id"])
    graph.add_edges_from(
        (source, target) for source, target in zip(survey.ties["source"], survey.ties["target"]) if source != target
    )
    return graph


def stable_layout(survey: Survey, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Pixel positions ``actor_id -> (x, y)`` for every actor, shared by all views of the survey.

    Computed on the union of all rounds' ties (see the module's docstring for the method) and
    deterministic for a seed. Compute it once per survey (cache it on ``survey.fingerprint``).
    """
    return network_layout(union_tie_graph(survey), seed)


def network_layout(graph: nx.Graph[str], seed: int = 0) -> dict[str, tuple[float, float]]:
    """Pixel positions of every node of ``graph`` (direction ignored), components packed in rows
    and isolates in a grid below; deterministic for a seed and the graph's node order."""
    graph = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    order = {node: index for index, node in enumerate(graph)}
    isolates = [node for node in graph if _is_isolate(graph, node)]
    components = sorted(
        (
            sorted(component, key=order.__getitem__)
            for component in nx.connected_components(graph)
            if len(component) > 1
        ),
        key=lambda nodes: (-len(nodes), order[nodes[0]]),
    )
    blocks = [_component_coordinates(graph, nodes, seed) for nodes in components]
    placed = _pack(blocks, len(isolates))
    coordinates = np.vstack(placed) if placed else np.zeros((0, 2))
    nodes = [node for component in components for node in component] + isolates
    return dict(zip(nodes, _to_pixels(coordinates)))


def placed_beside(positions: Mapping[str, tuple[float, float]], graph: nx.Graph[str]) -> dict[str, tuple[float, float]]:
    """Positions of every node of ``graph``: those in ``positions`` kept, so that a map of the same
    actors keeps its layout, and each other node (an actor a what-if adds) put beside its partners
    already placed (their centre, shifted right by a node spacing), or in a row below the map when
    it has none.

    >>> import networkx as nx
    >>> placed_beside({"a": (0.0, 0.0), "b": (100.0, 0.0)}, nx.Graph([("a", "new"), ("b", "new")]))["new"]
    (100.0, 0.0)
    """
    placed = {node: positions[node] for node in graph if node in positions}
    bottom = max((y for _, y in positions.values()), default=0.0) + SPACING_PX[0]
    alone = 0
    for node in graph:
        if node in placed:
            continue
        partners = [placed[partner] for partner in nx.all_neighbors(graph, node) if partner in positions]
        if partners:
            x = sum(point[0] for point in partners) / len(partners) + SPACING_PX[0]
            y = sum(point[1] for point in partners) / len(partners)
            placed[node] = (round(x, 1), round(y, 1))
        else:
            placed[node] = (round(-BOX_PX[0] / 2 + alone * SPACING_PX[0], 1), round(bottom, 1))
            alone += 1
    return placed


def _is_isolate(graph: nx.Graph[str], node: str) -> bool:
    return all(neighbour == node for neighbour in graph[node])


def _component_coordinates(graph: nx.Graph[str], nodes: list[str], seed: int) -> Coordinates:
    """Positions of one component, centred, with about one unit between neighbouring actors."""
    component = _component_graph(graph, nodes)
    community = louvain_communities(component, seed=seed).membership.to_dict()
    ties = [(source, target, community[source] == community[target]) for source, target in component.edges()]
    if len(nodes) <= FORCE_LAYOUT_MAX_NODES:
        coordinates = _community_blocks(component, nodes, community, seed)
    else:
        index = {node: number for number, node in enumerate(nodes)}
        lengths = sparse.coo_array(
            (
                [1.0 if inside else CROSS_COMMUNITY_LENGTH for _, _, inside in ties],
                ([index[source] for source, _, _ in ties], [index[target] for _, target, _ in ties]),
            ),
            shape=(len(nodes), len(nodes)),
        ).tocsr()
        rng = np.random.default_rng(seed)
        coordinates = _spread(_even_disc(_pivot_mds(lengths, rng)), rng)
    return _unit_spacing(coordinates)


def _community_blocks(
    component: nx.Graph[str], nodes: list[str], community: Mapping[Hashable, int], seed: int
) -> Coordinates:
    """Positions of one component laid out as blocks of communities (see the module's docstring)."""
    members: dict[int, list[str]] = {}
    for node in nodes:
        members.setdefault(community[node], []).append(node)
    groups = list(members)
    between: nx.Graph[int] = nx.Graph()
    between.add_nodes_from(groups)
    for source, target in component.edges():
        one, other = community[source], community[target]
        if one != other:
            weight = between.edges[one, other]["weight"] + 1 if between.has_edge(one, other) else 1
            between.add_edge(one, other, weight=weight)
    blocks = {group: _block(component, members[group], seed) for group in groups}
    radii = np.array([max(float(np.linalg.norm(blocks[group], axis=1).max()), 0.5) for group in groups])
    centres = nx.spring_layout(between, seed=seed) if len(groups) > 1 else {groups[0]: np.zeros(2)}
    placed = _apart(np.array([centres[group] for group in groups], dtype=float) * radii.max(), radii)
    position = {
        node: centre + offset
        for group, centre in zip(groups, placed)
        for node, offset in zip(members[group], blocks[group])
    }
    return np.array([position[node] for node in nodes], dtype=float)


def _block(component: nx.Graph[str], members: list[str], seed: int) -> Coordinates:
    """One community's actors by the spring layout of the ties among them, centred, one unit apart."""
    if len(members) == 1:
        return np.zeros((1, 2))
    inside = _component_graph(component, members)
    positions = nx.spring_layout(inside, seed=seed)
    return _unit_spacing(np.array([positions[node] for node in members], dtype=float))


def _apart(centres: Coordinates, radii: npt.NDArray[np.float64]) -> Coordinates:
    """Circle centres moved along the lines between them until no two circles (with ``BLOCK_GAP``)
    overlap (start them close: the blocks are only pushed apart as far as needed)."""
    centres = centres.copy()
    for _ in range(BLOCK_ITERATIONS):
        offsets = centres[:, None, :] - centres[None, :, :]
        distances = np.maximum(np.linalg.norm(offsets, axis=2), 1e-9)
        needed = radii[:, None] + radii[None, :] + BLOCK_GAP
        overlap = np.maximum(needed - distances, 0.0)
        np.fill_diagonal(overlap, 0.0)
        if not overlap.any():
            break
        centres += (offsets / distances[:, :, None] * (overlap / 2)[:, :, None]).sum(axis=1)
    return centres


def _component_graph(graph: nx.Graph[str], nodes: list[str]) -> nx.Graph[str]:
    """The ties among ``nodes`` as a new graph whose nodes and ties keep the order of ``nodes`` and
    ``graph`` (a subgraph view iterates in set order, which changes between runs and would
    change the layout)."""
    members = set(nodes)
    rank = {node: number for number, node in enumerate(nodes)}
    component: nx.Graph[str] = nx.Graph()
    component.add_nodes_from(nodes)
    component.add_edges_from(
        (node, partner)
        for node in nodes
        for partner in graph[node]
        if partner in members and rank[node] < rank[partner]
    )
    return component


def _unit_spacing(coordinates: Coordinates) -> Coordinates:
    """Centred and scaled to the root mean square radius of a disc of actors one unit apart."""
    coordinates = coordinates - coordinates.mean(axis=0)
    spread = math.sqrt((coordinates**2).sum(axis=1).mean())
    return coordinates * (math.sqrt(len(coordinates) / (2 * math.pi)) / spread if spread > 0 else 1.0)


def _pivot_mds(lengths: sparse.csr_array[np.float64, tuple[int, int]], rng: np.random.Generator) -> Coordinates:
    """Classical scaling of the shortest-path distances (over tie ``lengths``) to pivots chosen
    farthest-first (Brandes & Pich 2006)."""
    count = lengths.shape[0]
    pivots = min(PIVOTS, count)
    distances = np.empty((count, pivots))
    nearest = np.full(count, np.inf)
    pivot = int(rng.integers(count))
    for column in range(pivots):
        distances[:, column] = csgraph.dijkstra(lengths, directed=False, indices=[pivot])[0]
        nearest = np.minimum(nearest, distances[:, column])
        pivot = int(np.argmax(nearest))
    squared = distances**2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean())
    # the two leading singular vectors of the n x pivots matrix, from its small pivots x pivots Gram
    # matrix (a full SVD is needlessly slow): u_k sqrt(s_k) = centred v_k / sqrt(s_k)
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
    leading = np.argsort(eigenvalues)[::-1][:2]
    singular = np.sqrt(np.maximum(eigenvalues[leading], 1e-12))
    return np.asarray(centred @ eigenvectors[:, leading] / np.sqrt(singular), dtype=np.float64)


def _even_disc(coordinates: Coordinates) -> Coordinates:
    """The same directions from the centre, with distances re-spaced so that the actors fill a disc
    of unit density evenly: the k-th closest to the centre moves to radius sqrt(k / pi). Pivot MDS
    of a small-world network crowds most actors near the centre; this spreads them in one step."""
    centred = coordinates - coordinates.mean(axis=0)
    radius = np.linalg.norm(centred, axis=1)
    even = np.empty_like(radius)
    even[np.argsort(radius, kind="stable")] = np.sqrt((np.arange(len(radius)) + 0.5) / math.pi)
    return np.asarray(centred * (even / np.maximum(radius, 1e-12))[:, None], dtype=np.float64)


def _spread(coordinates: Coordinates, rng: np.random.Generator) -> Coordinates:
    """Actors closer than one unit pushed apart, step by step, so that none hides another."""
    count = len(coordinates)
    # actors with the same distances to every pivot coincide: a little noise lets them separate
    positions = coordinates + rng.normal(scale=0.05, size=coordinates.shape)
    for _ in range(SPREAD_ITERATIONS):
        pairs = cKDTree(positions).query_pairs(1.0, output_type="ndarray")
        offsets = positions[pairs[:, 0]] - positions[pairs[:, 1]]
        distances = np.maximum(np.linalg.norm(offsets, axis=1), 1e-3)
        push = offsets * ((1.0 - distances) / distances / 2)[:, None]
        force = _summed(pairs[:, 0], push, count) - _summed(pairs[:, 1], push, count)
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-12)
        positions += force * (np.minimum(length, 0.5) / length)[:, None]
    return positions


def _summed(index: npt.NDArray[np.intp], vectors: Coordinates, count: int) -> Coordinates:
    """Vectors added up by the row ``index`` names (a fast scatter-add)."""
    return np.column_stack([np.bincount(index, weights=vectors[:, axis], minlength=count) for axis in (0, 1)])


def _pack(blocks: list[Coordinates], isolates: int) -> list[Coordinates]:
    """Components shifted into centred rows, largest first, then ``isolates`` points in a grid below."""
    sizes = [block.max(axis=0) - block.min(axis=0) + _COMPONENT_GAP for block in blocks]
    area = sum(width * height for width, height in sizes) + isolates
    row_width = max([math.sqrt(area * _ASPECT)] + [width for width, _ in sizes])
    placed: list[Coordinates] = []
    row: list[Coordinates] = []
    x, y, row_height = 0.0, 0.0, 0.0

    def close_row() -> None:
        shift = (row_width - x) / 2
        placed.extend(block + (shift, 0.0) for block in row)
        row.clear()

    for block, (width, height) in zip(blocks, sizes):
        if row and x + width > row_width:
            close_row()
            x, y, row_height = 0.0, y + row_height, 0.0
        row.append(block - block.min(axis=0) + (x + _COMPONENT_GAP / 2, y + _COMPONENT_GAP / 2))
        x, row_height = x + width, max(row_height, height)
    close_row()
    if isolates:
        columns = max(1, min(isolates, int(row_width)))
        grid = np.array([(index % columns, index // columns) for index in range(isolates)], dtype=float)
        grid[:, 0] += (row_width - (columns - 1)) / 2
        grid[:, 1] += y + row_height + (_ISOLATE_GAP if blocks else 0.0)
        placed.append(grid)
    return placed


def _to_pixels(coordinates: Coordinates) -> list[tuple[float, float]]:
    """Coordinates scaled into ``BOX_PX`` (within ``SPACING_PX`` per unit), centred on (0, 0)."""
    if len(coordinates) == 0:
        return []
    low, high = coordinates.min(axis=0), coordinates.max(axis=0)
    extent = np.maximum(high - low, 1e-9)
    scale = min(BOX_PX[0] / extent[0], BOX_PX[1] / extent[1])
    scale = min(max(scale, SPACING_PX[0]), SPACING_PX[1])
    pixels = (coordinates - (low + high) / 2) * scale
    return [(round(float(x), 1), round(float(y), 1)) for x, y in pixels]


def labels_that_fit(
    boxes: Mapping[str, Sequence[Box]], order: Iterable[str], taken: Iterable[Box] = ()
) -> dict[str, int]:
    """The labels to draw so that none overlaps another, and where: in ``order`` (most important
    first), each label takes the first of its candidate boxes ``(left, top, right, bottom)`` (below
    its node, say, then above) that overlaps no box kept before, nor one of ``taken`` (a legend, a
    title); a label with no free candidate is left out. Boxes that only touch do not overlap.
    Returns the index of the candidate taken, by label. The interactive map makes the same choice in
    the browser, where it knows the zoom.

    >>> labels_that_fit({"a": [(0, 0, 10, 5)], "b": [(5, 2, 15, 7), (5, 9, 15, 14)], "c": [(8, 0, 20, 5)]}, "abc")
    {'a': 0, 'b': 1}
    """
    every = [box for candidates in boxes.values() for box in candidates]
    cell = max([box[2] - box[0] for box in every] + [box[3] - box[1] for box in every] + [1.0])
    grid: dict[tuple[int, int], list[Box]] = {}

    def cells(box: Box) -> list[tuple[int, int]]:
        columns = range(math.floor(box[0] / cell), math.floor(box[2] / cell) + 1)
        return [(x, y) for x in columns for y in range(math.floor(box[1] / cell), math.floor(box[3] / cell) + 1)]

    def free(box: Box) -> bool:
        return not any(
            box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
            for key in cells(box)
            for other in grid.get(key, ())
        )

    def claim(box: Box) -> None:
        for key in cells(box):
            grid.setdefault(key, []).append(box)

    for box in taken:
        claim(box)
    kept: dict[str, int] = {}
    for label in order:
        for number, box in enumerate(boxes[label]):
            if free(box):
                claim(box)
                kept[label] = number
                break
    return kept
