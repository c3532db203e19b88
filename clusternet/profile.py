"""An actor's profile, in the spirit of PARTNER's: its partners, trust both ways, its roles."""

from __future__ import annotations

import pandas as pd

from clusternet.analysis import Analysis


def partners_table(analysis: Analysis, actor_id: str) -> pd.DataFrame:
    """One row per partner of ``actor_id`` in the selection, either direction.

    Columns ``partner, type, relations, trust_given`` (this actor's rating of the partner),
    ``trust_received`` (the partner's rating of this actor), ``status`` (of this actor's report,
    or of the partner's when only the partner reported). Strongest trust first.
    """
    reported = analysis.reported
    partners = set(reported.successors(actor_id)) | set(reported.predecessors(actor_id))
    rows = []
    for partner in partners:
        out_arc = reported.edges[actor_id, partner] if reported.has_edge(actor_id, partner) else None
        in_arc = reported.edges[partner, actor_id] if reported.has_edge(partner, actor_id) else None
        relations = sorted(set(out_arc["relations"] if out_arc else ()) | set(in_arc["relations"] if in_arc else ()))
        status_arc = out_arc or in_arc  # this actor's report of the tie, else the partner's
        assert status_arc is not None, "a partner is a successor or a predecessor"
        rows.append(
            {
                "partner": partner,
                "type": reported.nodes[partner].get("type"),
                "relations": ", ".join(relations),
                "trust_given": out_arc["trust"] if out_arc else None,
                "trust_received": in_arc["trust"] if in_arc else None,
                "status": status_arc["status"],
            }
        )
    table = pd.DataFrame(rows, columns=["partner", "type", "relations", "trust_given", "trust_received", "status"])
    table[["trust_given", "trust_received"]] = table[["trust_given", "trust_received"]].astype(float)
    return table.sort_values(
        ["trust_received", "trust_given", "partner"],
        ascending=[False, False, True],
        na_position="last",
        ignore_index=True,
    )
