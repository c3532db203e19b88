"""An opportunity for facilitation: what kind, who, how strong, why, and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

GAP_COLUMNS = ["kind", "actors", "score", "explanation", "action"]
"""The columns of ``gaps.csv``, as the interface promises; evidence columns follow."""


@dataclass(frozen=True)
class Opportunity:
    """One gap: ``score`` in [0, 1] ranks it within and across kinds; ``evidence`` holds the numbers."""

    kind: str
    actors: tuple[str, ...]
    score: float
    explanation: str
    action: str
    evidence: dict = field(default_factory=dict)
    key: str = ""
    """Identifies the same gap across rounds (for example the pair of villages)."""


def clip(value: float) -> float:
    """``value`` limited to [0, 1]."""
    return min(1.0, max(0.0, float(value)))


def opportunities_table(opportunities: Iterable[Opportunity]) -> pd.DataFrame:
    """Opportunities ranked by score, most important first; ``actors`` as ids joined by ``;``."""
    rows = [
        {
            "kind": item.kind,
            "actors": ";".join(item.actors),
            "score": round(item.score, 4),
            "explanation": item.explanation,
            "action": item.action,
            "key": item.key,
        }
        for item in opportunities
    ]
    table = pd.DataFrame(rows, columns=GAP_COLUMNS + ["key"])
    return table.sort_values(["score", "kind", "key"], ascending=[False, True, True], kind="stable", ignore_index=True)
