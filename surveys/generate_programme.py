"""Generate the bundled programme: three clusters of one programme, one CSV folder each.

``surveys/programme/`` is what ``clusternet portfolio surveys/programme --out results/`` reads: one
survey per cluster, named by its folder. It holds

- ``handloom_odisha/``: the bundled sample (``surveys/sample/csv``), copied byte for byte, so that
  the folder is a whole programme on its own (a template for a real one; no symbolic link, which a
  Windows checkout or a zip download would lose); ``tests/store/test_portfolio.py`` checks that the
  copy equals the sample;
- ``calzado_trujillo/``: a footwear cluster of El Porvenir, Trujillo (Peru), 90 actors with Spanish
  names: workshops, tanneries and suppliers of soles, a producers' association, CITEccal (the
  leather and footwear technology centre), the municipality and a municipal savings bank;
- ``metalwork_suame/``: a metalworking and vehicle-repair cluster of Suame Magazine, Kumasi (Ghana),
  150 actors: fitters' and welders' workshops, spare-parts dealers, the artisans' association, a
  technical institute, a BDS provider and a rural bank.

Each is drawn from a model, as the sample is: every round has true relationships (mostly within
a zone; institutions reach more actors as the programme goes on, joint action and trust grow), and
every actor that answered the round reports each of its relationships with probability 0.85.

Run from the repository root: ``python surveys/generate_programme.py``; the same seed gives the
same bytes.
"""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE_CSV = HERE / "sample" / "csv"
DEFAULT_OUT_DIR = HERE / "programme"
SAMPLE_CLUSTER = "handloom_odisha"
REPORT_PROBABILITY = 0.85
RELATIONS = ("information", "subcontracting", "joint_action", "training", "finance")
INSTITUTIONS = ("association", "government", "training", "finance", "bds", "ngo")


@dataclass(frozen=True)
class Round:
    label: str
    date: str
    description: str
    trust: float
    """Centre of the trust ratings in this round."""
    institution_reach: float
    """Chance that an institution has a relationship with a given firm."""
    joint_action: float
    """Chance that two firms of one zone act jointly."""


@dataclass(frozen=True)
class Cluster:
    name: str
    seed: int
    zones: tuple[str, ...]
    firms: int
    counts: dict[str, int]
    """Actors other than firms, by type."""
    firm_names: tuple[tuple[str, ...], tuple[str, ...]]
    """Given names and family names of the firms' owners."""
    institution_names: dict[str, tuple[str, ...]]
    trade_word: str
    rounds: tuple[Round, ...]


TRUJILLO = Cluster(
    name="calzado_trujillo",
    seed=20240611,
    zones=("El Porvenir", "Alto Trujillo", "Florencia de Mora"),
    firms=70,
    counts={"supplier": 8, "buyer": 5, "association": 2, "government": 1, "training": 1, "finance": 2, "bds": 1},
    firm_names=(
        ("José", "María", "Rosa", "Luis", "Carmen", "Jorge", "Ana", "Víctor", "Lucía", "Julio", "Nélida", "César"),
        ("Quispe", "Rodríguez", "Gutiérrez", "Sánchez", "Vásquez", "Chávez", "Mendoza", "Huamán", "Ñique", "Peña"),
    ),
    institution_names={
        "supplier": ("Curtiembre", "Suelas", "Hormas", "Insumos"),
        "buyer": ("Galería", "Distribuidora", "Comercial"),
        "association": ("Asociación de Productores de Calzado", "Gremio de Calzado"),
        "government": ("Municipalidad Distrital de El Porvenir",),
        "training": ("CITEccal Trujillo",),
        "finance": ("Caja Municipal de Trujillo", "Cooperativa de Ahorro"),
        "bds": ("Centro de Diseño y Moldes",),
    },
    trade_word="Calzados",
    rounds=(
        Round("línea_de_base", "2022-05-20", "Línea de base, antes del programa", 2.6, 0.04, 0.01),
        Round("medio_término", "2023-11-15", "Medio término: compras conjuntas de cuero", 3.0, 0.10, 0.04),
        Round("línea_final", "2025-04-30", "Línea final: feria conjunta y marca colectiva", 3.6, 0.18, 0.08),
    ),
)

SUAME = Cluster(
    name="metalwork_suame",
    seed=20240922,
    zones=("Suame North", "Suame South", "Magazine New Road", "Kronum"),
    firms=126,
    counts={"supplier": 10, "buyer": 6, "association": 2, "government": 1, "training": 2, "finance": 2, "bds": 1},
    firm_names=(
        ("Kwame", "Kofi", "Yaw", "Akosua", "Kwabena", "Ama", "Kwaku", "Abena", "Kojo", "Efua", "Fiifi", "Adwoa"),
        ("Mensah", "Owusu", "Boateng", "Asante", "Osei", "Appiah", "Agyeman", "Darko", "Ofori", "Amoako"),
    ),
    institution_names={
        "supplier": ("Spare Parts", "Steel Dealers", "Tools Depot"),
        "buyer": ("Transport Union", "Fleet Services"),
        "association": ("Suame Artisans Association", "Welders and Fitters Union"),
        "government": ("Kumasi Metropolitan Assembly",),
        "training": ("Kumasi Technical Institute", "Intermediate Technology Transfer Unit"),
        "finance": ("Ashanti Rural Bank", "Suame Savings and Loans"),
        "bds": ("Magazine Business Advisory Centre",),
    },
    trade_word="Engineering",
    rounds=(
        Round("baseline", "2022-02-10", "Baseline before the programme", 2.8, 0.03, 0.005),
        Round("midterm", "2023-08-22", "Midterm: shared machine shop and welding training", 3.1, 0.07, 0.02),
        Round("endline", "2025-02-18", "Endline: joint bidding for fleet maintenance", 3.5, 0.12, 0.04),
    ),
)

CLUSTERS = (TRUJILLO, SUAME)


def roster(cluster: Cluster, rng: random.Random) -> list[dict[str, object]]:
    """The actors: firms with an owner's name, zone, size and employees, then the other actors."""
    given, family = cluster.firm_names
    actors: list[dict[str, object]] = []
    for number in range(1, cluster.firms + 1):
        owner = f"{rng.choice(given)} {rng.choice(family)}"
        actors.append({
            "actor_id": f"F{number:03d}", "name": f"{cluster.trade_word} {owner}", "type": "firm",
            "zone": cluster.zones[(number - 1) % len(cluster.zones)],
            "size": rng.choices(("micro", "small", "medium"), (0.6, 0.3, 0.1))[0],
            "employees": rng.randint(1, 40),
        })  # fmt: skip
    for kind, count in cluster.counts.items():
        names = cluster.institution_names[kind]
        for number in range(1, count + 1):
            base = names[(number - 1) % len(names)]
            name = base if count <= len(names) else f"{base} {number}"
            actors.append({
                "actor_id": f"{kind[:3].upper()}{number:02d}", "name": name, "type": kind,
                "zone": cluster.zones[(number - 1) % len(cluster.zones)], "size": "", "employees": "",
            })  # fmt: skip
    return actors


def relationships(cluster: Cluster, actors: list[dict[str, object]], survey_round: Round, rng: random.Random):
    """The round's true relationships: (first, second, relation)."""
    found = []
    for first_index, first in enumerate(actors):
        for second in actors[first_index + 1 :]:
            same_zone = first["zone"] == second["zone"]
            kinds = {first["type"], second["type"]}
            if kinds == {"firm"}:
                if rng.random() < (0.07 if same_zone else 0.012):
                    found.append((first, second, rng.choices(("information", "subcontracting"), (0.7, 0.3))[0]))
                elif same_zone and rng.random() < survey_round.joint_action:
                    found.append((first, second, "joint_action"))
            elif "firm" in kinds and kinds & set(INSTITUTIONS):
                institution = first if first["type"] != "firm" else second
                if rng.random() < survey_round.institution_reach:
                    relation = {"training": "training", "finance": "finance"}.get(
                        str(institution["type"]), "information"
                    )
                    found.append((first, second, relation))
            elif "firm" in kinds and rng.random() < 0.08:
                found.append((first, second, "subcontracting"))
            elif rng.random() < 0.15:
                found.append((first, second, "information"))
    return found


def reported_ties(
    relations: list[tuple[dict[str, object], dict[str, object], str]],
    answered: set[str],
    survey_round: Round,
    rng: random.Random,
) -> list[dict[str, object]]:
    """What the respondents report: each side that answered names the other with p = 0.85."""
    rows = []
    for first, second, relation in relations:
        for source, target in ((first, second), (second, first)):
            if source["actor_id"] in answered and rng.random() < REPORT_PROBABILITY:
                trust = min(5, max(1, round(rng.gauss(survey_round.trust, 0.9))))
                rows.append({
                    "source": source["actor_id"], "target": target["actor_id"], "round": survey_round.label,
                    "relation": relation, "trust": trust, "weight": rng.randint(1, 5),
                })  # fmt: skip
    return rows


def write_csv(path: Path, rows: list[dict[str, object]], columns: tuple[str, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_cluster(cluster: Cluster, folder: Path) -> None:
    """The cluster's survey as actors.csv, ties.csv, rounds.csv and respondents.csv in ``folder``."""
    rng = random.Random(cluster.seed)
    actors = roster(cluster, rng)
    ties, respondents = [], []
    for survey_round in cluster.rounds:
        answered = {str(actor["actor_id"]) for actor in actors if actor["type"] != "firm" or rng.random() < 0.88}
        ties += reported_ties(relationships(cluster, actors, survey_round, rng), answered, survey_round, rng)
        respondents += [{"round": survey_round.label, "actor_id": actor} for actor in sorted(answered)]
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "actors.csv", actors, ("actor_id", "name", "type", "zone", "size", "employees"))
    write_csv(folder / "ties.csv", ties, ("source", "target", "round", "relation", "trust", "weight"))
    rounds = [{"round": item.label, "date": item.date, "description": item.description} for item in cluster.rounds]
    write_csv(folder / "rounds.csv", rounds, ("round", "date", "description"))
    write_csv(folder / "respondents.csv", respondents, ("round", "actor_id"))


def main(out: Path = DEFAULT_OUT_DIR) -> None:
    sample = out / SAMPLE_CLUSTER
    sample.mkdir(parents=True, exist_ok=True)
    for file in sorted(SAMPLE_CSV.glob("*.csv")):
        shutil.copyfile(file, sample / file.name)
    for cluster in CLUSTERS:
        write_cluster(cluster, out / cluster.name)


if __name__ == "__main__":
    main()
