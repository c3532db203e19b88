"""Generate the bundled sample survey: a fictional handloom weavers' cluster in western Odisha.

The sample shows what clusternet finds in a cluster programme's monitoring data, so its story is
built in on purpose. At baseline two weaving villages, Barpālī and Sonāpālī, connect almost only
through one dominant master weaver (MW01) who passes orders and yarn to the weaver households; trust
is low and support institutions reach few firms. At midterm the weavers' cooperative starts joint
purchasing of yarn in Barpālī and an NGO trains weavers in Sonāpālī. By endline the cooperative and
the NGO run joint actions across both villages (joint purchasing, a joint stand at a handloom expo),
institutions reach many firms, trust is higher and brokerage no longer rests on one master weaver.

The survey is drawn from a model rather than typed in: each round has a set of true relationships,
and each endpoint that answered the survey reports each relationship with probability 0.85. So, as in
a real survey, some ties are one-sided (unconfirmed), ties to non-respondents appear only from the
respondent's side, and relationships between two non-respondents are missing.

Run from the repository root: ``python surveys/generate_sample.py [--out DIR]``. The same seed gives
the same bytes, for the CSV files and the workbook alike.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import itertools
import math
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

SEED = 20230315
DEFAULT_OUT_DIR = Path(__file__).resolve().parent / "sample"
WORKBOOK_NAME = "handloom_cluster.xlsx"

REPORT_PROBABILITY = 0.85
"""Chance that a respondent names a partner it really has: recall with a roster is good, not perfect."""

BARPALI = "Barpālī"
SONAPALI = "Sonāpālī"
TOWN = "Sambalpur town"

ISOLATED_AT_BASELINE = ("W09", "W21", "W38")
"""Weaver households that answer the baseline survey but have no tie at all: a gap for the broker."""

ALWAYS_RESPONDING = ("MW01", "COOP01", "NGO01")
"""Actors whose answers the story hangs on; the field team made sure to reach them every round."""


@dataclass(frozen=True)
class SurveyRound:
    label: str
    date: str
    description: str
    trust_level: float
    """Centre of the trust ratings; weavers rate their master weaver lower (see TrustRatings)."""
    nonrespondents: int


ROUNDS = (
    SurveyRound("baseline", "2023-03-15", "Baseline before the cluster programme started", 2.75, 8),
    SurveyRound(
        "midterm", "2024-09-10", "Midterm: cooperative yarn purchasing in Barpālī, NGO trainings in Sonāpālī", 3.15, 9
    ),
    SurveyRound(
        "endline", "2026-03-20", "Endline: joint purchasing and a joint expo stand across both villages", 3.9, 7
    ),
)

RELATION_ORDER = ("subcontracting", "information", "joint_action", "training", "finance")

WEIGHT_RANGE = {
    "subcontracting": (3, 5),
    "information": (1, 3),
    "joint_action": (2, 4),
    "training": (1, 3),
    "finance": (1, 3),
}
"""Typical frequency (1 = rarely .. 5 = constantly) of each kind of relationship."""

ACTOR_COLUMNS = ("actor_id", "name", "type", "village", "sector", "size", "women_led", "looms")
TIE_COLUMNS = ("source", "target", "round", "relation", "trust", "weight")
ROUND_COLUMNS = ("round", "date", "description")
RESPONDENT_COLUMNS = ("round", "actor_id")
ACTION_COLUMNS = (
    "action_id", "date", "kind", "participants", "lead_actor", "gap_key", "indicator_id", "title", "notes", "status"
)  # fmt: skip
LOGFRAME_COLUMNS = (
    "indicator_id", "level", "name", "kpi", "basis", "baseline_round", "target", "target_round",
    "value_baseline", "value_midterm", "value_endline",
)  # fmt: skip
VILLAGES_GAP = f"village:{BARPALI}|{SONAPALI}"
"""The key of the baseline's weak bridge between the two villages in gaps.csv, which the meetings answer."""


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    type: str
    village: str
    sector: str | None = None
    size: str | None = None
    women_led: str | None = None
    looms: int | None = None


@dataclass(frozen=True)
class Relationship:
    """A true relationship between two actors in one round, whether or not anyone reports it."""

    first: str
    second: str
    relation: str
    weight: int


# --- the roster ---------------------------------------------------------------------------------

WOMEN_GIVEN_NAMES = (
    "Sunitā",
    "Jānakī",
    "Pramilā",
    "Kamalā",
    "Sabitri",
    "Rukmiṇī",
    "Basanti",
    "Gitā",
    "Sarojini",
    "Hemalatā",
    "Lakshmi",
    "Mālati",
    "Nirmalā",
    "Puṣpā",
    "Urmilā",
    "Champā",
    "Sasmitā",
    "Kuntalā",
)
MEN_GIVEN_NAMES = (
    "Ramesh",
    "Bhagaban",
    "Dhaneswar",
    "Sudām",
    "Kailāsh",
    "Pitāmbar",
    "Nārāyaṇ",
    "Haribandhu",
    "Jagannāth",
    "Prafulla",
    "Sushil",
    "Bipin",
    "Manoj",
    "Santosh",
    "Kārtik",
    "Debendra",
    "Rabindra",
    "Bisikesan",
    "Lalit",
    "Ashok",
    "Duryodhan",
    "Hrushikesh",
    "Akshay",
    "Sañjay",
    "Tapan",
    "Umākānta",
    "Chittaranjan",
    "Purna",
)
WEAVER_SURNAMES = ("Meher", "Bhuliā", "Guru", "Kuli", "Dās", "Pātra")

OTHER_ACTORS = (
    Actor("MW01", "Gopāl Meher & Sons", "firm", BARPALI, "master weaving", "medium", "no", 35),
    Actor("MW02", "Trilochan Bhuliā", "firm", SONAPALI, "master weaving", "small", "no", 14),
    Actor("MW03", "Dayānidhi Guru", "firm", BARPALI, "master weaving", "small", "no", 10),
    Actor("DY01", "Barpālī Tie-Dye Works", "firm", BARPALI, "dyeing", "small", "no", 0),
    Actor("DY02", "Maa Samaleswari Dyeing Unit", "firm", BARPALI, "dyeing", "micro", "no", 0),
    Actor("DY03", "Sonāpālī Rang Ghar", "firm", SONAPALI, "dyeing", "micro", "yes", 0),
    Actor("COOP01", "Barpālī Weavers' Cooperative Society", "association", BARPALI),
    Actor("COOP02", "Sonāpālī Primary Weavers' Cooperative Society", "association", SONAPALI),
    Actor("SUP01", "Mahānadī Silk Yarn Depot", "supplier", TOWN, "yarn trade", "small"),
    Actor("SUP02", "Kosal Cotton Yarn Traders", "supplier", TOWN, "yarn trade", "medium"),
    Actor("SUP03", "Sharma Dyes & Chemicals", "supplier", TOWN, "dye trade", "small"),
    Actor("BUY01", "Hari Agrawal, saree trader", "buyer", BARPALI, "saree trade", "micro"),
    Actor("BUY02", "Samaleswari Saree Emporium", "buyer", TOWN, "saree trade", "small"),
    Actor("BUY03", "Utkal Handloom Showroom", "buyer", TOWN, "saree trade", "medium"),
    Actor("BUY04", "Kalinga Ikat Exports Pvt Ltd", "buyer", "Bhubaneswar", "export", "medium"),
    Actor("GOV01", "Handloom & Textiles Office, Sambalpur circle", "government", TOWN),
    Actor("GOV02", "District Industries Centre, Sambalpur", "government", TOWN),
    Actor("NGO01", "Grāmya Vikās Trust", "ngo", TOWN),
    Actor("BANK01", "Mahānadī Grāmīṇ Bank", "finance", TOWN),
    Actor("UNI01", "Kosala Institute of Handloom Design", "university", TOWN),
    Actor("BDS01", "Ikat Design & Market Link Services", "bds", TOWN),
    Actor("TRN01", "Weavers' Service Centre, Sambalpur", "training", TOWN),
)
"""Master weavers, dyeing units, associations, institutions and market actors of the cluster."""

WEAVERS_PER_VILLAGE = ((BARPALI, 24, 9), (SONAPALI, 20, 8))
"""Village, number of weaver households and units, of which women-led."""

SMALL_UNITS_PER_VILLAGE = 3
"""Weaving units with hired weavers on 6-10 looms; the other weavers are household units."""


def weaver_roster(rng: random.Random) -> list[Actor]:
    """Weaver households and small weaving units of both villages, numbered W01, W02, ..."""
    women_names = rng.sample(WOMEN_GIVEN_NAMES, len(WOMEN_GIVEN_NAMES))
    men_names = rng.sample(MEN_GIVEN_NAMES, len(MEN_GIVEN_NAMES))
    weavers = []
    for village, count, women_led_count in WEAVERS_PER_VILLAGE:
        women_led_flags = [True] * women_led_count + [False] * (count - women_led_count)
        rng.shuffle(women_led_flags)
        men_led_positions = [i for i, women_led in enumerate(women_led_flags) if not women_led]
        small_units = set(rng.sample(men_led_positions, SMALL_UNITS_PER_VILLAGE))
        for position, women_led in enumerate(women_led_flags):
            given = women_names.pop() if women_led else men_names.pop()
            name = f"{given} {rng.choice(WEAVER_SURNAMES)}"
            if position in small_units:
                name, size, looms = f"{name} Looms", "small", rng.randint(6, 10)
            else:
                size, looms = "micro", rng.randint(1, 4)
            weavers.append(
                Actor(
                    actor_id=f"W{len(weavers) + 1:02d}",
                    name=name,
                    type="firm",
                    village=village,
                    sector="weaving",
                    size=size,
                    women_led="yes" if women_led else "no",
                    looms=looms,
                )
            )
    return weavers


# --- the true relationships of each round -------------------------------------------------------


class HandloomCluster:
    """The true relationships of the sample cluster, round by round, before anyone is asked.

    Each programme (the cooperative's joint purchasing, the NGO's trainings, ...) takes weavers up
    in a fixed order drawn once, so each round's group extends the previous round's group: ties
    persist from round to round, as they do in a real cluster.
    """

    def __init__(self, weavers: list[Actor], rng: random.Random):
        self.rng = rng
        self.barpali = [w.actor_id for w in weavers if w.village == BARPALI]
        self.sonapali = [w.actor_id for w in weavers if w.village == SONAPALI]
        women_led = {w.actor_id for w in weavers if w.women_led == "yes"}
        self.isolated_barpali = [w for w in ISOLATED_AT_BASELINE if w in self.barpali]
        self.isolated_sonapali = [w for w in ISOLATED_AT_BASELINE if w in self.sonapali]

        def men_led_first(ids):
            return self._order([w for w in ids if w not in women_led]) + self._order([w for w in ids if w in women_led])

        # Who works for which master weaver; MW01 loses clients as the cooperative grows.
        self.mw01_barpali = self._order(self.barpali)
        self.mw01_sonapali = self._order(self.sonapali)
        baseline_mw01_clients = set(self.mw01_barpali[:15] + self.mw01_sonapali[:9])
        self.mw03_clients = [w for w in self._order(self.barpali) if w not in baseline_mw01_clients][:4]
        self.mw02_clients = [w for w in self._order(self.sonapali) if w not in baseline_mw01_clients][:6]
        # Weavers working for no master weaver sell their sarees to a trader themselves.
        self.independent_barpali = [
            w
            for w in self.barpali
            if w not in baseline_mw01_clients and w not in self.mw03_clients and w not in ISOLATED_AT_BASELINE
        ]
        self.independent_sonapali = [
            w
            for w in self.sonapali
            if w not in baseline_mw01_clients and w not in self.mw02_clients and w not in ISOLATED_AT_BASELINE
        ]

        self.coop01_barpali = self._order(self.barpali)
        self.coop01_sonapali = self._order(self.sonapali)
        # At baseline only men-led households take part in the Sonāpālī cooperative and in the
        # service centre's courses; the NGO seeks out the women-led households first.
        self.coop02_members = men_led_first(self.sonapali)
        self.trn01_barpali = men_led_first(self.barpali)
        self.trn01_sonapali = self._order(self.sonapali)
        self.ngo_sonapali = self._order([w for w in self.sonapali if w in women_led]) + self._order(
            [w for w in self.sonapali if w not in women_led]
        )
        self.ngo_barpali = self._order(self.barpali)
        self.expo_weavers = self._order(self.coop01_barpali[:8] + self.ngo_sonapali[:8])

        self.neighbours_barpali = self._order(list(itertools.combinations(self.barpali, 2)))
        self.neighbours_sonapali = self._order(list(itertools.combinations(self.sonapali, 2)))
        self.across_villages = self._order(list(itertools.product(self.barpali, self.sonapali)))

    def _order(self, items: list) -> list:
        """A random uptake order, drawn once and reused in every round.

        Items involving the households isolated at baseline come last, so that no baseline group
        reaches them; the later rounds bring them in explicitly.
        """

        def involves_isolate(item) -> bool:
            members = item if isinstance(item, tuple) else (item,)
            return any(member in ISOLATED_AT_BASELINE for member in members)

        order = self.rng.sample(items, len(items))
        return [i for i in order if not involves_isolate(i)] + [i for i in order if involves_isolate(i)]

    def _relationship(self, first: str, second: str, relation: str) -> Relationship:
        low, high = WEIGHT_RANGE[relation]
        return Relationship(first, second, relation, self.rng.randint(low, high))

    def _links(self, hub: str, partners, relation: str) -> list[Relationship]:
        return [self._relationship(hub, partner, relation) for partner in partners]

    def _pairs(self, pairs, relation: str) -> list[Relationship]:
        return [self._relationship(first, second, relation) for first, second in pairs]

    def _master_weavers_and_markets(self, mw01_barpali: int, mw01_sonapali: int) -> list[Relationship]:
        """The putting-out system: master weavers pass orders and yarn, buy from dyers, sell to traders."""
        mw01_clients = self.mw01_barpali[:mw01_barpali] + self.mw01_sonapali[:mw01_sonapali]
        return (
            self._links("MW01", mw01_clients, "subcontracting")
            + self._links("MW01", mw01_clients[:5], "information")
            + self._links("MW02", self.mw02_clients, "subcontracting")
            + self._links("MW03", self.mw03_clients, "subcontracting")
            + self._links("MW01", ["MW02", "MW03"], "information")
            + self._links("MW01", ["DY01", "DY02"], "subcontracting")
            + self._links("MW03", ["DY02"], "subcontracting")
            + self._links("MW02", ["DY03"], "subcontracting")
            + self._links("MW01", ["SUP01", "SUP02"], "finance")
            + self._links("MW01", ["SUP01"], "information")
            + self._links("SUP02", ["MW02", "MW03"], "subcontracting")
            + self._links("SUP03", ["DY01", "DY02", "DY03"], "subcontracting")
            + self._links("MW01", ["BUY01", "BUY02", "BUY03", "BUY04"], "subcontracting")
            + self._links("BUY01", ["MW03"] + self.independent_barpali, "subcontracting")
            + self._links("BUY02", ["MW02"] + self.independent_sonapali, "subcontracting")
        )

    def baseline(self) -> list[Relationship]:
        """Two villages joined by MW01; institutions talk to MW01 and the cooperative only."""
        return (
            self._master_weavers_and_markets(15, 9)
            + self._pairs(self.neighbours_barpali[:10], "information")
            + self._pairs(self.neighbours_barpali[:1], "joint_action")
            + self._pairs(self.neighbours_sonapali[:7], "information")
            + self._pairs(self.across_villages[:1], "information")
            + self._links("COOP01", self.coop01_barpali[:5], "information")
            + self._links("COOP01", ["MW01"], "information")
            + self._links("COOP02", self.coop02_members[:2], "information")
            + self._links("GOV01", ["MW01", "MW02", "COOP01", "UNI01"], "information")
            + self._links("GOV02", ["MW01", "COOP01", "BDS01", "NGO01"], "information")
            + self._links("TRN01", ["MW01"] + self.trn01_barpali[:2], "training")
            + self._links("BANK01", ["MW01"], "finance")
        )

    def midterm(self) -> list[Relationship]:
        """Cooperative joint purchasing in Barpālī, NGO trainings in Sonāpālī, first bridges."""
        joint_purchasing = self.coop01_barpali[:10] + self.isolated_barpali[:1]
        ngo_trainees = self.ngo_sonapali[:11] + self.isolated_sonapali
        return (
            self._master_weavers_and_markets(14, 8)
            + self._pairs(self.neighbours_barpali[:13], "information")
            + self._pairs(self.neighbours_barpali[:1], "joint_action")
            + self._pairs(self.neighbours_sonapali[:9], "information")
            + self._pairs(self.across_villages[:5], "information")
            + self._links("COOP01", joint_purchasing, "joint_action")
            + self._links("COOP01", self.coop01_barpali[:5], "information")
            + self._links("COOP01", ["SUP01"], "joint_action")
            + self._links("COOP01", ["MW01", "COOP02"], "information")
            + self._links("COOP02", self.coop02_members[:4], "information")
            + self._links("NGO01", ngo_trainees, "training")
            + self._links("NGO01", ["COOP02"], "joint_action")
            + self._links("GOV01", ["MW01", "MW02", "COOP01", "NGO01", "UNI01"], "information")
            + self._links("GOV02", ["MW01", "COOP01", "BDS01", "NGO01"], "information")
            + self._links("TRN01", ["MW01"] + self.trn01_barpali[:4], "training")
            + self._links("BANK01", ["MW01", "COOP01"], "finance")
            + self._links("UNI01", ["NGO01"], "information")
            + self._links("BDS01", ["COOP01"], "information")
        )

    def endline(self) -> list[Relationship]:
        """Joint actions across both villages; institutions reach many firms; MW01 one broker of many."""
        joint_purchasing = self.coop01_barpali[:16] + self.coop01_sonapali[:10] + self.isolated_barpali
        ngo_trainees = self.ngo_sonapali[:12] + self.ngo_barpali[:5] + self.isolated_sonapali
        # Each household isolated at baseline now swaps news with a neighbour who brought it in.
        isolates_neighbours = [(w, self.coop01_barpali[0]) for w in self.isolated_barpali] + [
            (w, self.ngo_sonapali[0]) for w in self.isolated_sonapali
        ]
        expo_partners = [(a, b) for a, b in itertools.combinations(self.expo_weavers, 2) if self.rng.random() < 0.15]
        return (
            self._master_weavers_and_markets(11, 5)
            + self._pairs(self.neighbours_barpali[:13], "information")
            + self._pairs(self.neighbours_barpali[:1], "joint_action")
            + self._pairs(self.neighbours_sonapali[:10], "information")
            + self._pairs(self.across_villages[:14], "information")
            + self._pairs(isolates_neighbours, "information")
            + self._pairs(expo_partners, "joint_action")
            + self._links("COOP01", joint_purchasing, "joint_action")
            + self._links("COOP01", ["SUP01", "SUP02", "COOP02", "NGO01"], "joint_action")
            + self._links("COOP01", ["MW01"], "information")
            + self._links("COOP01", ["DY01", "DY03"], "subcontracting")
            + self._links("COOP02", self.coop02_members[:7], "information")
            + self._links("NGO01", ngo_trainees, "training")
            + self._links("NGO01", self.expo_weavers + ["COOP02", "BUY04", "BUY03"], "joint_action")
            + self._links("BUY04", ["COOP01"] + self.expo_weavers[:6], "subcontracting")
            + self._links("BUY03", ["COOP01"] + self.expo_weavers[6:9], "subcontracting")
            + self._links("BUY02", ["COOP01"], "subcontracting")
            + self._links("TRN01", ["MW01", "COOP01"] + self.trn01_barpali[:6] + self.trn01_sonapali[:5], "training")
            + self._links("UNI01", ["COOP01"] + self.expo_weavers[:8], "training")
            + self._links("BANK01", ["MW01", "COOP01"] + joint_purchasing[::4], "finance")
            + self._links("BDS01", ["COOP01", "DY01"] + joint_purchasing[1::5], "information")
            + self._links(
                "GOV01", ["MW01", "MW02", "COOP01", "COOP02", "NGO01", "UNI01"] + ngo_trainees[::4], "information"
            )
            + self._links(
                "GOV02", ["COOP01", "NGO01", "BDS01", "DY01", "DY02", "DY03"] + joint_purchasing[2::9], "information"
            )
            + self._links("UNI01", ["NGO01"], "information")
        )


# --- the programme's facilitation log and logframe ----------------------------------------------


def facilitation_log(cluster: HandloomCluster) -> list[dict]:
    """What the programme did between the rounds, as the story tells it: a diagnostic, a meeting of
    both villages to answer the baseline's weak bridge, joint purchasing in Barpālī and trainings in
    Sonāpālī before the midterm; then a buyers' meet, joint purchasing across both villages, a service
    clinic and a joint expo stand before the endline; one training still planned after it."""

    def action(action_id, date, kind, lead, others, title, gap_key="", indicator="", status="done"):
        participants = list(dict.fromkeys([lead, *others]))
        return {
            "action_id": action_id, "date": date, "kind": kind, "participants": ";".join(participants),
            "lead_actor": lead, "gap_key": gap_key, "indicator_id": indicator, "title": title, "notes": "",
            "status": status,
        }  # fmt: skip

    joint_purchasing = cluster.coop01_barpali[:16] + cluster.coop01_sonapali[:10] + cluster.isolated_barpali
    return [
        action("A01", "2023-05-18", "diagnostic", "GOV01", ["GOV02", "COOP01", "NGO01", "MW01", "TRN01"],
               "Cluster diagnostic and action plan", indicator="OUT1"),
        action("A02", "2023-08-24", "meeting", "GOV01", ["W08", "COOP01", "NGO01"] + cluster.coop01_barpali[:3]
               + cluster.ngo_sonapali[:3], f"Joint meeting of {BARPALI} and {SONAPALI} weavers", VILLAGES_GAP, "OC3"),
        action("A03", "2023-11-09", "joint_action", "COOP01",
               cluster.coop01_barpali[:10] + cluster.isolated_barpali[:1], f"Joint yarn purchasing, {BARPALI}",
               indicator="OC2"),
        action("A04", "2024-02-12", "training", "NGO01", cluster.ngo_sonapali[:11] + cluster.isolated_sonapali,
               f"Design and dyeing training, {SONAPALI}", indicator="OUT2"),
        action("A05", "2024-11-14", "b2b_matchmaking", "NGO01", ["COOP01", "BUY03", "BUY04"] + cluster.expo_weavers[:6],
               "Buyer-seller meet with two exporters", indicator="OC2"),
        action("A06", "2025-02-20", "joint_action", "COOP01", joint_purchasing,
               "Joint yarn purchasing across both villages", VILLAGES_GAP, "OC3"),
        action("A07", "2025-06-12", "service_linkage", "BDS01", ["DY01"] + joint_purchasing[1::5],
               "Costing and marketing clinic", "BDS01", "OC1"),
        action("A08", "2025-10-08", "joint_action", "NGO01", ["COOP01"] + cluster.expo_weavers,
               "Joint stand at the state handloom expo", VILLAGES_GAP, "OC3"),
        action("A09", "2026-06-15", "training", "NGO01", cluster.ngo_barpali[:5],
               f"Design training, {BARPALI}", indicator="OUT2", status="planned"),
    ]  # fmt: skip


LOGFRAME = [
    ("IMP1", "impact", "Firms trust each other and their institutions", "mean_trust", "all", 3.5),
    ("OC1", "outcome", "Firms reached by support institutions", "firm_institution_linkage", "all", 0.6),
    ("OC2", "outcome", "Joint-action ties", "joint_action_ties", "all", 60),
    ("OC3", "outcome", "Ties across the villages (E-I index)", "ei_index", "all", 0),
    ("OC4", "outcome", "No single broker holds the cluster together", "brokerage_top_share", "all", 0.35),
    ("OC5", "outcome", "Local institutions broker the cluster's ties", "local_brokerage_share", "all", 0.5),
    ("OUT1", "output", "Active actors", "active_actors", "all", 40),
    ("OUT2", "output", "Weavers trained (training records)", "", "all", 40),
]
"""The programme's indicators with their endline targets (the logframe sheet)."""
TRAINED_BY_ROUND = {"value_baseline": 0, "value_midterm": 14, "value_endline": 33}
"""Weavers trained, from the programme's own records: typed by hand, not measured by the survey."""


def logframe_rows() -> list[dict]:
    rows = []
    for indicator_id, level, name, kpi, basis, target in LOGFRAME:
        typed = TRAINED_BY_ROUND if not kpi else dict.fromkeys(TRAINED_BY_ROUND, "")
        rows.append(
            {"indicator_id": indicator_id, "level": level, "name": name, "kpi": kpi, "basis": basis,
             "baseline_round": "baseline", "target": target, "target_round": "endline", **typed}
        )  # fmt: skip
    return rows


# --- asking the actors --------------------------------------------------------------------------


class TrustRatings:
    """The trust (1..5) each actor has in each partner, one rating per ordered pair and round.

    A rating is the round's trust level plus a lasting affinity of the pair plus noise of the moment.
    Weavers trust the master weavers they depend on a little less than other partners.
    """

    def __init__(self, master_weavers: set[str], weavers: set[str], rng: random.Random):
        self.master_weavers = master_weavers
        self.weavers = weavers
        self.rng = rng
        self.affinity: dict[tuple[str, str], float] = {}
        self.ratings: dict[tuple[str, str, str], int] = {}

    def rating(self, survey_round: SurveyRound, source: str, target: str) -> int:
        key = (survey_round.label, source, target)
        if key not in self.ratings:
            affinity = self.affinity.setdefault((source, target), self.rng.gauss(0, 0.45))
            dependency = -0.5 if source in self.weavers and target in self.master_weavers else 0.0
            latent = survey_round.trust_level + affinity + dependency + self.rng.gauss(0, 0.55)
            self.ratings[key] = min(5, max(1, math.floor(latent + 0.5)))
        return self.ratings[key]


def choose_respondents(actor_ids: list[str], survey_round: SurveyRound, rng: random.Random) -> list[str]:
    """Everyone but a random few: non-response of 10-15 % per round, as in the field."""
    protected = set(ALWAYS_RESPONDING)
    if survey_round.label == "baseline":
        protected |= set(ISOLATED_AT_BASELINE)
    missed = set(rng.sample([a for a in actor_ids if a not in protected], survey_round.nonrespondents))
    return [a for a in actor_ids if a not in missed]


def reported_ties(
    relationships: list[Relationship],
    respondents: list[str],
    survey_round: SurveyRound,
    trust: TrustRatings,
    rng: random.Random,
) -> list[dict]:
    """The tie rows: each responding endpoint names its partner with probability REPORT_PROBABILITY.

    Both endpoints see roughly the same frequency; one in four remembers it one step off.
    """
    answered = set(respondents)
    rows = []
    for relationship in relationships:
        ends = ((relationship.first, relationship.second), (relationship.second, relationship.first))
        for source, target in ends:
            if source not in answered or rng.random() >= REPORT_PROBABILITY:
                continue
            weight = relationship.weight
            if rng.random() < 0.25:
                weight = min(5, max(1, weight + rng.choice((-1, 1))))
            rows.append(
                {
                    "source": source,
                    "target": target,
                    "round": survey_round.label,
                    "relation": relationship.relation,
                    "trust": trust.rating(survey_round, source, target),
                    "weight": weight,
                }
            )
    return rows


def without_duplicates(rows: list[dict], roster_position: dict[str, int]) -> list[dict]:
    """One row per source, target and relation, sorted as questionnaires are entered.

    Two programmes can create the same relationship (e.g. neighbours who also share the expo stand);
    a respondent reports it once.
    """
    unique = {}
    for row in rows:
        unique.setdefault((row["source"], row["target"], row["relation"]), row)
    return sorted(
        unique.values(),
        key=lambda row: (
            roster_position[row["source"]],
            roster_position[row["target"]],
            RELATION_ORDER.index(row["relation"]),
        ),
    )


def generate_sample(seed: int = SEED) -> dict[str, list[dict]]:
    """The six sheets of the sample survey as lists of rows, keyed by sheet name."""
    rng = random.Random(seed)
    weavers = weaver_roster(rng)
    actors = weavers + list(OTHER_ACTORS)
    actor_ids = [a.actor_id for a in actors]
    roster_position = {actor_id: i for i, actor_id in enumerate(actor_ids)}
    cluster = HandloomCluster(weavers, rng)
    trust = TrustRatings(
        {a.actor_id for a in actors if a.sector == "master weaving"}, {w.actor_id for w in weavers}, rng
    )
    true_relationships = {"baseline": cluster.baseline, "midterm": cluster.midterm, "endline": cluster.endline}

    ties, respondents = [], []
    for survey_round in ROUNDS:
        relationships = true_relationships[survey_round.label]()
        answered = choose_respondents(actor_ids, survey_round, rng)
        respondents += [{"round": survey_round.label, "actor_id": a} for a in answered]
        rows = reported_ties(relationships, answered, survey_round, trust, rng)
        ties += without_duplicates(rows, roster_position)

    return {
        "actors": [{column: getattr(a, column) for column in ACTOR_COLUMNS} for a in actors],
        "ties": ties,
        "rounds": [{"round": r.label, "date": r.date, "description": r.description} for r in ROUNDS],
        "respondents": respondents,
        "actions": facilitation_log(cluster),
        "logframe": logframe_rows(),
    }


# --- writing the files --------------------------------------------------------------------------

SHEET_COLUMNS = {
    "actors": ACTOR_COLUMNS,
    "ties": TIE_COLUMNS,
    "rounds": ROUND_COLUMNS,
    "respondents": RESPONDENT_COLUMNS,
    "actions": ACTION_COLUMNS,
    "logframe": LOGFRAME_COLUMNS,
}

SAMPLE_COLUMN_WIDTHS = {
    "name": 44, "village": 16, "sector": 16, "description": 70, "relation": 16, "participants": 40, "title": 44,
}  # fmt: skip

FIXED_TIMESTAMP = datetime.datetime(2026, 3, 31, 12, 0, 0)
"""Stands in for the creation and save time, so that regenerating gives the same workbook bytes."""


def write_csv_folder(sheets: dict[str, list[dict]], folder: Path) -> None:
    """One UTF-8 CSV file (no BOM, LF line ends) per sheet; blank cells stay empty."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, columns in SHEET_COLUMNS.items():
        with open(folder / f"{sheet}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(sheets[sheet])


def format_header_row(worksheet: Worksheet, widths: dict[str, int]) -> None:
    """Bold header row that stays in view while scrolling; column widths by header name."""
    worksheet.freeze_panes = "A2"
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        worksheet.column_dimensions[get_column_letter(cell.column)].width = widths.get(cell.value, 12)


def save_workbook_reproducibly(workbook: Workbook, path: Path) -> None:
    """Save a workbook so that the same content gives the same bytes.

    openpyxl stamps the save time into docProps/core.xml and each zip entry; both are replaced by
    FIXED_TIMESTAMP, so a regenerated file differs from the committed one only if its content does.
    """
    workbook.properties.creator = "clusternet"
    workbook.properties.created = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook.properties.modified = FIXED_TIMESTAMP
    with zipfile.ZipFile(buffer) as saved, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in saved.infolist():
            content = saved.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = tostring(workbook.properties.to_tree())
            fixed_entry = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed_entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed_entry, content)


def write_workbook(sheets: dict[str, list[dict]], path: Path) -> None:
    """The same sheets as one workbook; numbers stay numbers, blank cells stay empty."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet, columns in SHEET_COLUMNS.items():
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(list(columns))
        for row in sheets[sheet]:
            worksheet.append([row[column] for column in columns])
        format_header_row(worksheet, SAMPLE_COLUMN_WIDTHS)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook_reproducibly(workbook, path)


def write_sample(out_dir: Path = DEFAULT_OUT_DIR, seed: int = SEED) -> None:
    """Write the sample as `out_dir/handloom_cluster.xlsx` and the CSV folder `out_dir/csv/`."""
    sheets = generate_sample(seed)
    out_dir = Path(out_dir)
    write_workbook(sheets, out_dir / WORKBOOK_NAME)
    write_csv_folder(sheets, out_dir / "csv")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT_DIR, help="folder to write to (default: surveys/sample)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    args = parser.parse_args(argv)
    write_sample(args.out, args.seed)


if __name__ == "__main__":
    main()
