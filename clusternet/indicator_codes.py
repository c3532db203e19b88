"""The codes of every indicator a logframe may name, without the registry that computes them.

Reading a survey checks each logframe row's ``kpi`` against these codes. The registry itself
(:mod:`clusternet.kpis`) imports the network and sparse-algebra libraries, about half a second that
``clusternet validate`` would otherwise spend before reading a cell; these lists are its codes in
its order, and a test holds them equal (a new KPI is added to both).
"""

NETWORK_KPI_CODES = (
    "actors",
    "respondents",
    "response_rate",
    "ties",
    "density",
    "reciprocity",
    "mean_degree",
    "components",
    "isolates",
    "largest_component_share",
    "fragmentation",
    "degree_centralization",
    "confirmed_share",
    "joint_action_ties",
    "firms_in_joint_action",
    "mean_trust",
    "high_trust_share",
    "firm_institution_linkage",
    "ei_index",
    "brokerage_top_share",
    "betweenness_gini",
)
"""The codes of :data:`clusternet.kpis.KPIS`: the ``kpi`` column of ``kpis.csv``."""

MONITORING_KPI_CODES = (
    "active_actors",
    "firms_in_multilateral_actions",
    "local_brokerage_share",
    "project_dependence",
    "tie_persistence",
)
"""The codes of :data:`clusternet.kpis.MONITORING_KPIS`: indicators that read the facilitation log,
the round before or the project's own actors."""

INDICATOR_CODES = (*NETWORK_KPI_CODES, *MONITORING_KPI_CODES)
"""Every code a logframe indicator may be computed from."""
