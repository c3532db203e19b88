"""What hovering an actor on the map says: plain text, the same in the app and in every export."""

from __future__ import annotations

import pandas as pd


def actor_tooltip(row: pd.Series, label: str) -> str:
    """A node's hover text, plain: who it is and its key measures (a row of the actors table)."""
    lines = [label, f"type: {row['type']}", f"partners: {int(row['degree'])}"]
    if row["trust_received_n"] and not pd.isna(row["trust_received"]):
        lines.append(f"trust received: {row['trust_received']:.1f} ({int(row['trust_received_n'])} ratings)")
    lines.append(f"betweenness: {row['betweenness_norm']:.1%} of pairs")
    lines.append(f"community: {int(row['community'])}")
    if not row["respondent"]:
        lines.append("did not answer this round")
    return "\n".join(lines)
