"""Network measures, one module per family (as networkx keeps them).

- :mod:`linkages` — degrees and the kinds of partners;
- :mod:`trust` — trust received and given, PARTNER-style;
- :mod:`centrality` — betweenness and in-degree prestige;
- :mod:`structural_holes` — Burt's constraint, effective size, efficiency, hierarchy;
- :mod:`brokerage` — Gould & Fernandez brokerage roles with expected values and z-scores;
- :mod:`communities` — Louvain communities and modularity;
- :mod:`cohesion` — density, reciprocity, components, isolates, centralisation;
- :mod:`groups` — Krackhardt & Stern's E-I index;
- :mod:`concentration` — top share and Gini, for how concentrated brokerage is.
"""
