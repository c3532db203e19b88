"""Drawing: the interactive network map and what it needs (positions, colours, sizes, legend).

- :mod:`layout` — fixed actor positions per survey, shared by every round and filter;
- :mod:`styles` — colour-blind-safe colours, node sizes, tie widths and legend entries;
- :mod:`network_map` — the map as a self-contained offline HTML page (pyvis / vis-network);
- :mod:`aggregate` — the map of a large network: one node per group, with drill-down;
- :mod:`tooltips` — what hovering an actor says, as messages;
- :mod:`map_style` — how a view's map looks (labels, colours, sizes, tooltips for its audience),
  shared by the app, the report and the snapshots (import it from its module: it needs the view);
- :mod:`offline` — checks that a page loads nothing from the internet.

Drawing functions that take no view take already written titles and labels, and a ``text`` that
writes their messages (a view's :meth:`~clusternet.view.View.text`; English by default).
"""

from clusternet.viz.aggregate import AGGREGATE_ABOVE_ACTORS, aggregated_map_html, drill_down, group_graph
from clusternet.viz.layout import network_layout, stable_layout, union_tie_graph
from clusternet.viz.network_map import network_map_html
from clusternet.viz.offline import external_resources
from clusternet.viz.styles import category_colors, legend_items, node_sizes, trust_color

__all__ = [
    "AGGREGATE_ABOVE_ACTORS",
    "aggregated_map_html",
    "category_colors",
    "drill_down",
    "external_resources",
    "group_graph",
    "legend_items",
    "network_layout",
    "network_map_html",
    "node_sizes",
    "stable_layout",
    "trust_color",
    "union_tie_graph",
]
