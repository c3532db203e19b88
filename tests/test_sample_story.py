"""The bundled sample survey: its two copies agree, it follows the survey format, and it tells its story.

The sample is read with pandas only, so these tests hold whatever state clusternet's own loader is
in. The story checks compute their figures directly with pandas and networkx; they pin down what
the sample must show a cluster broker, not how clusternet computes it.
"""

import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "surveys" / "sample"
GENERATOR = REPO / "surveys" / "generate_sample.py"
SHEETS = ("actors", "ties", "rounds", "respondents", "actions", "logframe")
ROUNDS = ("baseline", "midterm", "endline")
DOMINANT_MASTER_WEAVER = "MW01"
SECOND_VILLAGE = "Sonāpālī"

INSTITUTION_TYPES = {"association", "government", "ngo", "university", "training", "bds", "finance", "other"}
"""Support institutions, as in clusternet.survey.vocabulary (not imported: that loads the package)."""


def read_csv_folder(folder: Path) -> dict[str, pd.DataFrame]:
    return {sheet: pd.read_csv(folder / f"{sheet}.csv", dtype=str, encoding="utf-8") for sheet in SHEETS}


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return read_csv_folder(SAMPLE / "csv")


@pytest.fixture(scope="module")
def actors(sample) -> pd.DataFrame:
    return sample["actors"].set_index("actor_id")


@pytest.fixture(scope="module")
def ties(sample) -> pd.DataFrame:
    return sample["ties"].astype({"trust": int, "weight": int})


def ties_in(ties: pd.DataFrame, survey_round: str) -> pd.DataFrame:
    return ties[ties["round"] == survey_round]


def tie_graph(actors: pd.DataFrame, ties: pd.DataFrame, survey_round: str) -> nx.Graph:
    """Everyone on the roster, joined where either side reported any tie in the round."""
    graph = nx.Graph()
    graph.add_nodes_from(actors.index)
    round_ties = ties_in(ties, survey_round)
    graph.add_edges_from(zip(round_ties["source"], round_ties["target"]))
    return graph


def cross_village_weaver_pairs(actors: pd.DataFrame, ties: pd.DataFrame, survey_round: str) -> set:
    weavers = actors[actors["sector"] == "weaving"]
    village = weavers["village"]
    graph = tie_graph(actors, ties, survey_round).subgraph(weavers.index)
    return {frozenset(edge) for edge in graph.edges if village[edge[0]] != village[edge[1]]}


def betweenness_share(actors, ties, survey_round: str) -> pd.Series:
    """Each actor's share of all betweenness in the round, largest first."""
    betweenness = pd.Series(nx.betweenness_centrality(tie_graph(actors, ties, survey_round), normalized=False))
    return (betweenness / betweenness.sum()).sort_values(ascending=False)


def firms_reached_by_institutions(actors, ties, survey_round: str) -> set[str]:
    firms = set(actors.index[actors["type"] == "firm"])
    institutions = set(actors.index[actors["type"].isin(INSTITUTION_TYPES)])
    graph = tie_graph(actors, ties, survey_round)
    return {firm for firm in firms if institutions & set(graph[firm])}


# --- the two copies and the format ---------------------------------------------------------------


def test_workbook_and_csv_folder_hold_the_same_data(sample):
    workbook = pd.read_excel(SAMPLE / "handloom_cluster.xlsx", sheet_name=None, dtype=str)
    assert sorted(workbook) == sorted(SHEETS)
    for sheet in SHEETS:
        pd.testing.assert_frame_equal(workbook[sheet].fillna(""), sample[sheet].fillna(""), obj=f"sheet {sheet}")


def test_csv_files_are_utf8_without_bom():
    for sheet in SHEETS:
        content = (SAMPLE / "csv" / f"{sheet}.csv").read_bytes()
        assert not content.startswith(b"\xef\xbb\xbf")
        content.decode("utf-8")


def test_village_names_keep_their_diacritics(actors):
    assert {"Barpālī", SECOND_VILLAGE} <= set(actors["village"])


def test_roster_has_between_60_and_90_actors_with_unique_ids(sample):
    actor_ids = sample["actors"]["actor_id"]
    assert 60 <= len(actor_ids) <= 90
    assert actor_ids.is_unique


def test_three_rounds_with_dates_in_increasing_order(sample):
    rounds = sample["rounds"]
    assert list(rounds["round"]) == list(ROUNDS)
    dates = pd.to_datetime(rounds["date"], format="%Y-%m-%d")
    assert dates.is_monotonic_increasing and dates.is_unique


def test_response_rate_per_round_is_between_85_and_90_percent(sample):
    respondents = sample["respondents"]
    roster_size = len(sample["actors"])
    for survey_round in ROUNDS:
        answered = respondents.loc[respondents["round"] == survey_round, "actor_id"]
        assert answered.is_unique
        assert 0.85 <= len(answered) / roster_size <= 0.90, survey_round


def test_every_tie_names_actors_on_the_roster(actors, ties):
    assert set(ties["source"]) <= set(actors.index)
    assert set(ties["target"]) <= set(actors.index)
    assert not (ties["source"] == ties["target"]).any()


def test_every_tie_comes_from_a_respondent_of_its_round(sample, ties):
    respondents = set(zip(sample["respondents"]["round"], sample["respondents"]["actor_id"]))
    assert set(zip(ties["round"], ties["source"])) <= respondents


def test_trust_is_a_whole_number_from_1_to_5_or_blank(sample):
    trust = sample["ties"]["trust"].dropna()
    assert trust.str.fullmatch(r"[1-5]").all()


def test_one_trust_rating_per_pair_and_round(ties):
    assert (ties.groupby(["round", "source", "target"])["trust"].nunique() == 1).all()


def test_some_ties_are_one_sided_as_in_a_real_survey(sample, ties):
    for survey_round in ROUNDS:
        round_ties = ties_in(ties, survey_round)
        arcs = set(zip(round_ties["source"], round_ties["target"]))
        answered = set(sample["respondents"].query("round == @survey_round")["actor_id"])
        unconfirmed = {(s, t) for s, t in arcs if (t, s) not in arcs and t in answered}
        unconfirmable = {(s, t) for s, t in arcs if t not in answered}
        assert unconfirmed and unconfirmable, survey_round


def workbook_parts(path: Path) -> dict[str, bytes]:
    """The files inside an .xlsx, uncompressed: equal parts mean an equal workbook, whatever zlib did."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_regenerating_gives_identical_files(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path)], check=True, cwd=REPO)
    for sheet in SHEETS:
        regenerated = (tmp_path / "csv" / f"{sheet}.csv").read_bytes()
        assert regenerated == (SAMPLE / "csv" / f"{sheet}.csv").read_bytes(), sheet
    workbook = "handloom_cluster.xlsx"
    assert workbook_parts(tmp_path / workbook) == workbook_parts(SAMPLE / workbook)


# --- the story -----------------------------------------------------------------------------------


def test_weavers_of_the_two_villages_barely_connect_at_baseline_and_often_at_endline(actors, ties):
    counts = [len(cross_village_weaver_pairs(actors, ties, r)) for r in ROUNDS]
    baseline, midterm, endline = counts
    assert baseline <= 2
    assert baseline < midterm < endline
    assert endline >= 15


def test_at_baseline_firms_of_the_two_villages_connect_through_the_dominant_master_weaver(actors, ties):
    firms = actors[actors["type"] == "firm"]
    graph = tie_graph(actors, ties, "baseline").subgraph(firms.index)
    village = firms["village"]
    cross_village = [edge for edge in graph.edges if village[edge[0]] != village[edge[1]]]
    through_master_weaver = [edge for edge in cross_village if DOMINANT_MASTER_WEAVER in edge]
    assert len(through_master_weaver) >= 5
    assert len(cross_village) - len(through_master_weaver) <= 2


def test_mean_trust_rises_round_by_round(ties):
    mean_trust = [ties_in(ties, r)["trust"].mean() for r in ROUNDS]
    assert mean_trust == sorted(mean_trust) and len(set(mean_trust)) == 3
    assert mean_trust[0] < 2.8
    assert mean_trust[2] > 3.5
    assert mean_trust[2] - mean_trust[0] >= 1.0


def test_dominant_master_weaver_brokers_most_at_baseline_and_much_less_at_endline(actors, ties):
    baseline = betweenness_share(actors, ties, "baseline")
    endline = betweenness_share(actors, ties, "endline")
    assert baseline.index[0] == DOMINANT_MASTER_WEAVER
    assert baseline.iloc[0] >= 3 * baseline.iloc[1]
    assert endline[DOMINANT_MASTER_WEAVER] <= 0.5 * baseline[DOMINANT_MASTER_WEAVER]
    assert endline.iloc[0] <= 0.7 * baseline.iloc[0], "brokerage should be less concentrated"


def test_share_of_ties_involving_the_dominant_master_weaver_falls(ties):
    def share(survey_round):
        round_ties = ties_in(ties, survey_round)
        return round_ties[["source", "target"]].eq(DOMINANT_MASTER_WEAVER).any(axis=1).mean()

    assert share("baseline") > share("midterm") > share("endline")
    assert share("endline") <= 0.5 * share("baseline")


def test_firms_in_joint_actions_rise_sharply(actors, ties):
    firms = set(actors.index[actors["type"] == "firm"])

    def firms_in_joint_action(survey_round):
        joint = ties_in(ties, survey_round).query("relation == 'joint_action'")
        return firms & (set(joint["source"]) | set(joint["target"]))

    assert len(firms_in_joint_action("baseline")) <= 3
    assert len(firms_in_joint_action("endline")) >= 25


def test_institutions_reach_many_more_firms_at_endline(actors, ties):
    firm_count = (actors["type"] == "firm").sum()
    assert len(firms_reached_by_institutions(actors, ties, "baseline")) <= 0.25 * firm_count
    assert len(firms_reached_by_institutions(actors, ties, "endline")) >= 0.7 * firm_count


def test_design_institute_bds_and_bank_reach_almost_no_firm_at_baseline(actors, ties):
    graph = tie_graph(actors, ties, "baseline")
    firms = set(actors.index[actors["type"] == "firm"])
    for institution in actors.index[actors["type"].isin({"university", "bds", "finance"})]:
        assert len(firms & set(graph[institution])) <= 1, institution


def test_some_weaver_households_answer_but_have_no_tie_at_baseline(sample, actors, ties):
    graph = tie_graph(actors, ties, "baseline")
    answered = set(sample["respondents"].query("round == 'baseline'")["actor_id"])
    weavers = actors.index[actors["sector"] == "weaving"]
    isolated = [w for w in weavers if w in answered and graph.degree(w) == 0]
    assert 2 <= len(isolated) <= 6
    assert not list(nx.isolates(tie_graph(actors, ties, "endline")))


def test_women_led_weavers_of_second_village_lack_support_institutions_at_baseline(actors, ties):
    segment = set(
        actors.index[
            (actors["sector"] == "weaving") & (actors["village"] == SECOND_VILLAGE) & (actors["women_led"] == "yes")
        ]
    )
    assert len(segment) >= 5
    assert not segment & firms_reached_by_institutions(actors, ties, "baseline")
    assert len(segment & firms_reached_by_institutions(actors, ties, "endline")) >= 0.75 * len(segment)
