"""Drawing: the interactive network map and what it needs (positions, colours, sizes, legend).

- :mod:`layout` — fixed actor positions per survey, shared by every round and filter;
- :mod:`styles` — colour-blind-safe colours, node sizes, tie widths and legend entries;
- :mod:`network_map` — the map as a self-contained offline HTML page (pyvis / vis-network);
- :mod:`offline` — checks that a page loads nothing from the internet.
"""

from clusternet.viz.layout import network_layout, stable_layout, union_tie_graph
from clusternet.viz.network_map import network_map_html
from clusternet.viz.offline import external_resources
from clusternet.viz.styles import category_colors, legend_items, node_sizes, trust_color

__all__ = [
    "category_colors",
    "external_resources",
    "legend_items",
    "network_layout",
    "network_map_html",
    "node_sizes",
    "stable_layout",
    "trust_color",
    "union_tie_graph",
]
