"""Each kind of gap on a small survey where the right answer is obvious; the sample's story."""

import pytest

from clusternet.analysis import analyze
from clusternet.gaps import GapsConfig, gaps_table
from clusternet.graph import Selection
from clusternet.survey import SelectionError, load_survey
from tests.conftest import SAMPLE_WORKBOOK
from tests.gaps.conftest import of_kind

CLIQUE = [(a, b, 5, 5) for a, b in [("F1", "F2"), ("F1", "F3"), ("F2", "F3")]]


def complete(ids):
    return [(a, b, 5, 5) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def test_complete_high_trust_network_has_no_opportunities(gaps_of):
    ids = ["F1", "F2", "F3", "F4", "N1", "N2"]
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,B", "F4,firm,B", "N1,ngo,A", "N2,finance,B"]
    assert gaps_of(actors, complete(ids)) == []


def test_isolated_firm_and_pendant_firm(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "P,firm,A", "I,firm,A", "N,ngo,A"]
    found = gaps_of(actors, CLIQUE + [("P", "F1", 4, 4), ("N", "F1", 4, 4), ("N", "F2", 4, 4), ("N", "F3", 4, 4)])
    [isolated] = of_kind(found, "isolated_actor")
    assert isolated.actors[0] == "I" and isolated.score == pytest.approx(0.7)
    assert "has no tie in this round" in isolated.explanation
    [peripheral] = of_kind(found, "peripheral_actor")
    assert peripheral.actors[:2] == ("P", "F1")
    assert "a single tie, to F1 and none to a support institution" in peripheral.explanation
    assert peripheral.score == pytest.approx(0.5)


def test_isolate_that_did_not_answer_scores_half(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "I,firm,A"]
    found = gaps_of(actors, CLIQUE, respondents=["F1", "F2", "F3"])
    [isolated] = of_kind(found, "isolated_actor")
    assert isolated.score == pytest.approx(0.35)
    assert "did not answer this round" in isolated.explanation


def test_two_villages_meeting_only_through_one_broker(gaps_of):
    north, south = ["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"]
    actors = [f"{a},firm,North" for a in north] + [f"{b},firm,South" for b in south] + ["M,firm,North"]
    ties = complete(north) + complete(south) + [("M", x, 3, 3) for x in ["A1", "A2", "B1", "B2"]]
    found = gaps_of(actors, ties)
    [bridge] = [item for item in of_kind(found, "weak_bridge") if item.key == "village:North|South"]
    assert "The 4 actors of village South have 2 ties to the 5 actors of village North" in bridge.explanation
    assert "2 of them run through M alone; without it 0 remain" in bridge.explanation
    assert "M" in bridge.actors
    [dependency] = of_kind(found, "broker_dependency")
    assert dependency.actors[0] == "M"
    assert "without it 4 actors would be cut off" in dependency.explanation
    assert dependency.score == pytest.approx(0.9)


def test_disconnected_component_is_named(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "G1,firm,B", "G2,firm,B"]
    found = gaps_of(actors, CLIQUE + [("G1", "G2", 4, 4)])
    [component] = of_kind(found, "disconnected_component")
    assert component.actors[:2] == ("G1", "G2")
    assert (
        "2 actors (G1 and G2) are tied among themselves but to no one in the main network of 3" in component.explanation
    )


def test_institution_without_firms_and_segment_without_institutions(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "G1,firm,B", "G2,firm,B", "G3,firm,B", "N,ngo,A", "U,university,A"]
    ties = (
        CLIQUE
        + complete(["G1", "G2", "G3"])
        + [("F1", "G1", 4, 4), ("N", "F1", 4, 4), ("N", "F2", 4, 4), ("U", "N", 4, 4)]
    )
    found = gaps_of(actors, ties)
    [reach] = of_kind(found, "institution_reach")
    assert reach.actors[0] == "U" and reach.score == pytest.approx(0.85)
    assert "reaches no firm" in reach.explanation
    [segment] = of_kind(found, "unreached_segment")
    assert segment.key == "village B"
    assert "None of the 3 firms with village B has a tie to a support institution" in segment.explanation
    assert segment.actors == ("G1", "G2", "G3", "N")


def test_trust_gaps(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "L,firm,A"]
    ties = [
        ("F1", "F2", 5, 1),
        ("F1", "F3", 4, 4),
        ("F2", "F3", 4, 4),
        ("F1", "L", 1, 4),
        ("F2", "L", 2, 4),
        ("F3", "L", 3),
    ]
    found = gaps_of(actors, ties)
    [low] = of_kind(found, "low_trust")
    assert low.actors == ("L",)
    assert "a mean rating of 2.0 from 3 partners" in low.explanation
    assert low.score == pytest.approx(0.55 * 2 / 3)
    asymmetric = of_kind(found, "trust_asymmetry")
    assert sorted(item.actors for item in asymmetric) == [("F1", "F2"), ("L", "F1"), ("L", "F2")]
    asymmetry = asymmetric[0]
    assert asymmetry.actors == ("F1", "F2")
    assert "F1 trusts F2 (5 of 5) but F2 trusts F1 little (1 of 5)" in asymmetry.explanation
    assert asymmetry.score == pytest.approx(0.45)
    [unconfirmed] = of_kind(found, "unconfirmed_tie")
    assert unconfirmed.actors == ("F3", "L")


def test_introduction_through_shared_trusted_partners(gaps_of):
    actors = ["A,firm,North", "B,firm,North", "C,association,North", "D,firm,North", "E,firm,South", "G,firm,South"]
    ties = [("A", "C", 5, 4), ("B", "C", 4, 4), ("A", "D", 4, 4), ("B", "D", 5, 4), ("C", "D", 4, 4), ("E", "G", 3, 3)]
    found = gaps_of(actors, ties)
    [introduction] = of_kind(found, "introduction")
    assert introduction.actors == ("A", "B", "C")
    assert introduction.explanation.startswith("A and B are not tied, yet both trust C and D")
    assert "both are firms with village North: candidates for a joint action" in introduction.explanation
    assert introduction.action == "Introduce A to B, through C."
    assert introduction.score == pytest.approx(0.25)


def test_scores_are_in_unit_interval_and_ranked(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "I,firm,A", "N,ngo,B"]
    found = gaps_of(actors, CLIQUE + [("N", "F1", 2, 1)])
    scores = [item.score for item in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 for score in scores)


def test_overrides_change_thresholds_and_unknown_names_are_refused(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "N,ngo,A"]
    ties = CLIQUE + [("N", "F1", 4, 4)]
    assert of_kind(gaps_of(actors, ties), "institution_reach") == []
    assert len(of_kind(gaps_of(actors, ties, config=GapsConfig(reach_target=0.5)), "institution_reach")) == 1
    assert GapsConfig().with_overrides({"reach_target": "0.5", "min_ratings": "3"}).min_ratings == 3
    with pytest.raises(SelectionError, match="no gaps setting 'reach'"):
        GapsConfig().with_overrides({"reach": 1})


def test_labels_replace_names_in_explanations(gaps_of, csv_survey):
    survey = load_survey(
        csv_survey(
            actors="actor_id,name,type\nA,Secret Weavers,firm\nB,Hidden Ltd,firm\nC,Lone,firm\n",
            ties="source,target\nA,B\nB,A\n",
        )
    )
    table = gaps_table(analyze(survey), labels={"A": "F-01", "B": "F-02", "C": "F-03"})
    text = " ".join(table["explanation"]) + " ".join(table["action"])
    assert "F-03" in text
    assert not any(name in text for name in ["Secret", "Hidden", "Lone"])


@pytest.fixture(scope="module")
def sample_gaps():
    survey = load_survey(SAMPLE_WORKBOOK)
    return {
        round_label: gaps_table(analyze(survey, Selection(round=round_label)))
        for round_label in ("baseline", "endline")
    }


def test_sample_baseline_top_tells_the_story(sample_gaps):
    top = sample_gaps["baseline"].head(5)
    assert top.loc[0, "key"] == "village:Barpālī|Sonāpālī"
    assert "run through Gopāl Meher & Sons alone" in top.loc[0, "explanation"]
    assert top.loc[1, ["kind", "key"]].tolist() == ["broker_dependency", "MW01"]
    assert set(top.loc[2:, "kind"]) == {"institution_reach"}


def test_sample_story_gaps_score_lower_at_endline(sample_gaps):
    baseline, endline = (
        dict(zip(table["kind"] + " " + table["key"], table["score"]))
        for table in (sample_gaps["baseline"], sample_gaps["endline"])
    )
    for key in [
        "weak_bridge village:Barpālī|Sonāpālī",
        "broker_dependency MW01",
        "institution_reach BDS01",
        "institution_reach UNI01",
        "institution_reach NGO01",
        "isolated_actor W09",
    ]:
        assert endline.get(key, 0) < baseline[key] - 0.3, key


def test_gaps_table_has_the_interface_columns(sample_gaps):
    assert sample_gaps["baseline"].columns[:5].tolist() == ["kind", "actors", "score", "explanation", "action"]
