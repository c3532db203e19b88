"""Seeded, cluster-like surveys of any size, written as a folder of CSV files, for the benchmark.

A national programme pools clusters of about 500 actors; each cluster has villages of about 100
actors. Every round has a set of true relationships, each drawn by one actor: 65 % to an actor of
its own village, 25 % to another village of its cluster, 10 % anywhere in the programme; support
institutions draw four times as many as firms, so that they are the hubs a broker works with.
Each actor that answered a round (85 %, institutions 95 %) reports each of its relationships
with probability 0.85, so that, as in a real survey, some ties are one-sided and ties between
two non-respondents are missing. With ``RELATIONSHIPS_PER_ACTOR`` = 2.77 a round holds about
4 reported ties (arcs) per actor: an in-plus-out degree of about 8 and about 6 distinct
partners. The second round keeps 80 % of the relationships, adds new ones (more across villages:
the programme's effect) and raises trust a little.

Run: ``python benchmarks/generate.py 5000 --out /tmp/survey-5000``. The same size and seed give
the same files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

RELATIONSHIPS_PER_ACTOR = 2.77
"""True relationships drawn per actor and round: about 4 reported arcs per actor."""

CLUSTER_SIZE = 500
VILLAGE_SIZE = 100
RESPONSE_RATE = 0.85
INSTITUTION_RESPONSE_RATE = 0.95
RECALL = 0.85
INSTITUTION_PULL = 4.0
"""How many times more relationships an institution draws than a firm."""

TYPE_SHARES = {
    "firm": 0.86,
    "association": 0.02,
    "government": 0.01,
    "ngo": 0.015,
    "university": 0.005,
    "training": 0.01,
    "bds": 0.02,
    "finance": 0.01,
    "buyer": 0.025,
    "supplier": 0.025,
}
RELATION_SHARES = {"information": 0.55, "joint_action": 0.15, "subcontracting": 0.2, "training": 0.05, "finance": 0.05}
SECTORS = ("weaving", "dyeing", "trading", "processing")
SIZES = ("micro", "small", "medium")
ROUNDS = (("baseline", "2023-03-15", "before the programme"), ("endline", "2025-03-15", "after two years"))


def generate_survey(actors: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The four tables of a survey of ``actors`` actors and two rounds, as DataFrames."""
    rng = np.random.default_rng(seed)
    roster = _roster(actors, rng)
    institution = ~roster["type"].isin(["firm", "buyer", "supplier"]).to_numpy()
    village = roster["village_number"].to_numpy()
    cluster = roster["cluster_number"].to_numpy()

    baseline = _relationships(village, cluster, institution, rng)
    kept = baseline[rng.random(len(baseline)) < 0.8]
    added = _relationships(village, cluster, institution, rng, share=0.3, across=0.45)
    kept = kept.assign(trust=np.clip(kept["trust"] + (rng.random(len(kept)) < 0.3), 1, 5))
    endline = pd.concat([kept, added], ignore_index=True).drop_duplicates(["first", "second"])

    ids = roster["actor_id"].to_numpy()
    ties, respondents = [], []
    for (label, _, _), relationships in zip(ROUNDS, (baseline, endline)):
        answered = rng.random(actors) < np.where(institution, INSTITUTION_RESPONSE_RATE, RESPONSE_RATE)
        respondents.append(pd.DataFrame({"round": label, "actor_id": ids[answered]}))
        ties.append(_reports(relationships, answered, ids, label, rng))
    rounds = pd.DataFrame(ROUNDS, columns=["round", "date", "description"])
    return {
        "actors": roster.drop(columns=["village_number", "cluster_number"]),
        "ties": pd.concat(ties, ignore_index=True),
        "rounds": rounds,
        "respondents": pd.concat(respondents, ignore_index=True),
    }


LOGFRAME = (
    ("IMP1", "impact", "Trust grows", "mean_trust", 3.5),
    ("OC1", "outcome", "Firms reached by institutions", "firm_institution_linkage", 0.6),
    ("OC2", "outcome", "Joint action", "joint_action_ties", 1.2),
    ("OC3", "outcome", "Ties across villages", "ei_index", 0.0),
    ("OC4", "outcome", "Local brokers", "local_brokerage_share", 0.5),
    ("OUT1", "output", "Active actors", "active_actors", 0.3),
)
"""A logframe: code, level, name, KPI and target (counts as a share of the actors, ``joint_action_ties``
as joint-action ties per actor)."""
ACTORS_PER_ACTION = 25
"""One action of the facilitation log for this many actors, each with eight participants of one village."""


def with_facilitation(tables: dict[str, pd.DataFrame], seed: int = 0) -> dict[str, pd.DataFrame]:
    """The survey's tables with an ``actions`` and a ``logframe`` sheet, for the Logframe page's timings."""
    rng = np.random.default_rng(seed + 1)
    actors = tables["actors"]
    kinds = ["meeting", "training", "joint_action", "b2b_matchmaking"]
    start, end = (pd.Timestamp(date) for date in tables["rounds"]["date"].iloc[[0, -1]])
    count = max(1, len(actors) // ACTORS_PER_ACTION)
    villages = actors.groupby("village")["actor_id"].apply(list)
    rows = []
    for number in range(count):
        members = villages.iloc[number % len(villages)]
        chosen = rng.choice(members, size=min(8, len(members)), replace=False)
        rows.append(
            {
                "action_id": f"A{number + 1:04d}",
                "date": (start + (end - start) * rng.random()).date().isoformat(),
                "kind": kinds[number % len(kinds)],
                "participants": ";".join(chosen),
                "status": "done",
            }
        )
    scale = {"joint_action_ties": float(len(actors)), "active_actors": float(len(actors))}
    logframe = pd.DataFrame(
        [
            {"indicator_id": code, "level": level, "name": name, "kpi": kpi, "target": target * scale.get(kpi, 1.0)}
            for code, level, name, kpi, target in LOGFRAME
        ]
    )
    return {**tables, "actions": pd.DataFrame(rows), "logframe": logframe}


def write_survey(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    """The tables as ``actors.csv``, ``ties.csv``, ``rounds.csv``, ``respondents.csv`` (and any further
    table, such as ``actions.csv``, by its name)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return folder


def _roster(actors: int, rng: np.random.Generator) -> pd.DataFrame:
    number = np.arange(actors)
    village_number = number // VILLAGE_SIZE
    cluster_number = number // CLUSTER_SIZE
    types = rng.choice(list(TYPE_SHARES), size=actors, p=list(TYPE_SHARES.values()))
    sector = np.array(SECTORS)[(cluster_number + rng.integers(0, 2, actors)) % len(SECTORS)]
    return pd.DataFrame(
        {
            "actor_id": [f"A{at:05d}" for at in number],
            "name": [f"{kind.capitalize()} {at:05d}" for kind, at in zip(types, number)],
            "type": types,
            "cluster": [f"C{at:03d}" for at in cluster_number],
            "village": [f"V{at:04d}" for at in village_number],
            "sector": sector,
            "size": rng.choice(SIZES, size=actors, p=[0.6, 0.3, 0.1]),
            "village_number": village_number,
            "cluster_number": cluster_number,
        }
    )


def _relationships(
    village: np.ndarray,
    cluster: np.ndarray,
    institution: np.ndarray,
    rng: np.random.Generator,
    share: float = 1.0,
    across: float = 0.35,
) -> pd.DataFrame:
    """Undirected relationships (first < second) with a relation and a base trust rating."""
    actors = village.size
    pull = np.where(institution, INSTITUTION_PULL, 1.0)
    rate = RELATIONSHIPS_PER_ACTOR * share * pull / pull.mean()
    drawer = np.repeat(np.arange(actors), rng.poisson(rate))
    reach = rng.random(drawer.size)
    partner = np.empty(drawer.size, dtype=np.int64)
    in_village = reach >= across
    in_cluster = (reach < across) & (reach >= across * 2 / 7)
    anywhere = reach < across * 2 / 7
    for chosen, unit, size in ((in_village, village, VILLAGE_SIZE), (in_cluster, cluster, CLUSTER_SIZE)):
        start = unit[drawer[chosen]] * size
        stop = np.minimum(start + size, actors)
        partner[chosen] = start + (rng.random(chosen.sum()) * (stop - start)).astype(np.int64)
    partner[anywhere] = rng.integers(0, actors, anywhere.sum())
    first, second = np.minimum(drawer, partner), np.maximum(drawer, partner)
    pairs = pd.DataFrame({"first": first, "second": second}).loc[first != second].drop_duplicates()
    same_village = village[pairs["first"]] == village[pairs["second"]]
    base = rng.normal(3.0 + 0.5 * same_village, 1.0)
    return pairs.assign(
        relation=rng.choice(list(RELATION_SHARES), size=len(pairs), p=list(RELATION_SHARES.values())),
        trust=np.clip(np.rint(base), 1, 5).astype(int),
    ).reset_index(drop=True)


def _reports(
    relationships: pd.DataFrame, answered: np.ndarray, ids: np.ndarray, label: str, rng: np.random.Generator
) -> pd.DataFrame:
    """The rows a round's respondents report: each side that answered names the other with p = RECALL."""
    sides = []
    for source, target in (("first", "second"), ("second", "first")):
        reporter = relationships[source].to_numpy()
        reported = answered[reporter] & (rng.random(len(relationships)) < RECALL)
        chosen = relationships.loc[reported]
        trust = np.clip(chosen["trust"].to_numpy() + rng.choice([-1, 0, 0, 0, 1], size=len(chosen)), 1, 5)
        sides.append(
            pd.DataFrame(
                {
                    "source": ids[chosen[source].to_numpy()],
                    "target": ids[chosen[target].to_numpy()],
                    "round": label,
                    "relation": chosen["relation"].to_numpy(),
                    "trust": pd.array(np.where(rng.random(len(chosen)) < 0.08, -1, trust), dtype="Int64"),
                    "weight": rng.integers(1, 6, len(chosen)),
                }
            )
        )
    rows = pd.concat(sides, ignore_index=True)
    rows["trust"] = rows["trust"].mask(rows["trust"] < 0)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actors", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    folder = write_survey(generate_survey(arguments.actors, arguments.seed), arguments.out)
    print(f"wrote {folder}")


if __name__ == "__main__":
    main()
