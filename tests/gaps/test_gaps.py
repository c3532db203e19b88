"""Each kind of gap on a small survey where the right answer is obvious; the sample's story; the
gaps' messages (ids and params, no English, no names) rendered as the broker reads them."""

import pytest

from clusternet.analysis import analyze
from clusternet.constants import HIGH_TRUST, LOW_TRUST
from clusternet.gaps import GAP_COLUMNS, GapsConfig, action_of, explanation_of, gaps_table, total_score
from clusternet.gaps.isolation import ISOLATED
from clusternet.graph import Selection
from clusternet.messages import ENGLISH, Actor, Renderer, message_from_json, params_json, templates
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
    assert "has no tie in this round" in found.text(isolated.explanation)
    [peripheral] = of_kind(found, "peripheral_actor")
    assert peripheral.actors[:2] == ("P", "F1")
    assert "a single tie, to F1 and none to a support institution" in found.text(peripheral.explanation)
    assert peripheral.score == pytest.approx(0.5)


def test_isolate_that_did_not_answer_scores_half(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "I,firm,A"]
    found = gaps_of(actors, CLIQUE, respondents=["F1", "F2", "F3"])
    [isolated] = of_kind(found, "isolated_actor")
    assert isolated.score == pytest.approx(0.35)
    assert "did not answer this round" in found.text(isolated.explanation)


def test_two_villages_meeting_only_through_one_broker(gaps_of):
    north, south = ["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"]
    actors = [f"{a},firm,North" for a in north] + [f"{b},firm,South" for b in south] + ["M,firm,North"]
    ties = complete(north) + complete(south) + [("M", x, 3, 3) for x in ["A1", "A2", "B1", "B2"]]
    found = gaps_of(actors, ties)
    [bridge] = [item for item in of_kind(found, "weak_bridge") if item.key == "village:North|South"]
    assert "The 4 actors of village South have 2 ties to the 5 actors of village North" in found.text(
        bridge.explanation
    )
    assert "2 of them run through M alone; without it 0 remain" in found.text(bridge.explanation)
    assert "M" in bridge.actors
    [dependency] = of_kind(found, "broker_dependency")
    assert dependency.actors[0] == "M"
    assert "without it 4 actors would be cut off" in found.text(dependency.explanation)
    assert dependency.score == pytest.approx(0.9)


def test_disconnected_component_is_named(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "G1,firm,B", "G2,firm,B"]
    found = gaps_of(actors, CLIQUE + [("G1", "G2", 4, 4)])
    [component] = of_kind(found, "disconnected_component")
    assert component.actors[:2] == ("G1", "G2")
    assert "2 actors (G1 and G2) are tied among themselves but to no one in the main network of 3" in found.text(
        component.explanation
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
    assert "reaches no firm" in found.text(reach.explanation)
    [segment] = of_kind(found, "unreached_segment")
    assert segment.key == "village B"
    assert "None of the 3 firms with village B has a tie to a support institution" in found.text(segment.explanation)
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
    assert "a mean rating of 2.0 from 3 partners" in found.text(low.explanation)
    assert low.score == pytest.approx(0.55 * 2 / 3)
    asymmetric = of_kind(found, "trust_asymmetry")
    assert sorted(item.actors for item in asymmetric) == [("F1", "F2"), ("L", "F1"), ("L", "F2")]
    asymmetry = asymmetric[0]
    assert asymmetry.actors == ("F1", "F2")
    assert "F1 trusts F2 (5 of 5) but F2 trusts F1 little (1 of 5)" in found.text(asymmetry.explanation)
    assert asymmetry.score == pytest.approx(0.45)
    [unconfirmed] = of_kind(found, "unconfirmed_tie")
    assert unconfirmed.actors == ("F3", "L")


def test_introduction_through_shared_trusted_partners(gaps_of):
    actors = ["A,firm,North", "B,firm,North", "C,association,North", "D,firm,North", "E,firm,South", "G,firm,South"]
    ties = [("A", "C", 5, 4), ("B", "C", 4, 4), ("A", "D", 4, 4), ("B", "D", 5, 4), ("C", "D", 4, 4), ("E", "G", 3, 3)]
    found = gaps_of(actors, ties)
    [introduction] = of_kind(found, "introduction")
    assert introduction.actors == ("A", "B", "C")
    assert found.text(introduction.explanation).startswith("A and B are not tied, yet both trust C and D")
    assert "both are firms with village North: candidates for a joint action" in found.text(introduction.explanation)
    assert found.text(introduction.action) == "Introduce A to B, through C."
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
    with pytest.raises(SelectionError, match="no gaps setting 'reach'") as refused:
        GapsConfig().with_overrides({"reach": 1})
    assert refused.value.message.id == "gap.config.unknown_setting"
    with pytest.raises(SelectionError, match="the gaps setting low_trust needs a number, not 'low'") as refused:
        GapsConfig().with_overrides({"low_trust": "low"})
    assert refused.value.message.id == "gap.config.not_a_number"


def test_trust_thresholds_default_to_the_constants():
    assert (GapsConfig().low_trust, GapsConfig().high_trust) == (float(LOW_TRUST), float(HIGH_TRUST)) == (2.0, 4.0)


def test_codes_replace_names_when_gaps_are_rendered_for_an_anonymised_audience(csv_survey):
    survey = load_survey(
        csv_survey(
            actors="actor_id,name,type\nA,Secret Weavers,firm\nB,Hidden Ltd,firm\nC,Lone,firm\n",
            ties="source,target\nA,B\nB,A\n",
        )
    )
    table = gaps_table(analyze(survey))
    coded = Renderer(actor_label={"A": "F-01", "B": "F-02", "C": "F-03"}.get).render
    text = " ".join(coded(explanation_of(item)) for item in table["message"]) + " ".join(
        coded(action_of(item)) for item in table["message"]
    )
    assert "F-03" in text
    assert not any(name in text for name in ["Secret", "Hidden", "Lone"])
    params = " ".join(params_json(item) for item in table["message"])
    assert "C" in {actor for item in table["message"] for actor in item.actor_ids()}
    assert not any(name in params for name in ["Secret", "Hidden", "Lone"])


def test_an_isolate_without_any_connected_actor_is_visited_without_a_host(gaps_of):
    found = gaps_of(["F1,firm,A", "F2,firm,A"], [("F1", "F2", 3, 3)], min_trust=5)
    isolated = of_kind(found, "isolated_actor")[0]
    assert isolated.message.id == "gap.isolated_actor"
    assert (
        found.text(isolated.explanation) == "F1 (firm) has no tie in this round: it named no one and no one named it."
    )
    assert found.text(isolated.action) == "Visit F1 and invite it to the next cluster meeting."


def test_groups_bridged_by_an_unrated_actor(csv_survey):
    actors = ["A1,firm,North", "A2,firm,North", "A3,firm,North", "M,firm,North", "B1,firm,South", "B2,firm,South"]
    actors += ["B3,firm,South"]
    pairs = [("A1", "A2"), ("A1", "A3"), ("A2", "A3"), ("B1", "B2"), ("B1", "B3"), ("B2", "B3"), ("M", "A1")]
    survey = load_survey(
        csv_survey(
            actors="actor_id,type,village\n" + "\n".join(actors) + "\n",
            ties="source,target\n" + "".join(f"{a},{b}\n{b},{a}\n" for a, b in [*pairs, ("M", "B1")]),
        )
    )
    [bridge] = [item for item in gaps_table(analyze(survey)).itertuples() if item.kind == "weak_bridge"]
    assert bridge.message.id == "gap.weak_bridge"
    assert str(explanation_of(bridge.message)) == (
        "The 3 actors of village South have 1 tie to the 4 actors of village North: 22% of what random "
        "mixing at this density would give (4.6). B1 is tied to both."
    )
    assert str(action_of(bridge.message)) == (
        "A joint meeting hosted by B1 would bridge them; follow it with one small joint action across the groups."
    )


def test_an_institution_of_another_type_is_asked_to_present_itself(gaps_of):
    actors = ["F1,firm,A", "F2,firm,A", "F3,firm,A", "O,other,A"]
    ties = [("F1", "F2", 4, 4), ("F1", "F3", 4, 4), ("F2", "F3", 4, 4), ("O", "F1", 4)]
    found = gaps_of(actors, ties, config=GapsConfig(reach_target=0.5))
    [reach] = of_kind(found, "institution_reach")
    assert found.text(reach.explanation) == (
        "O (other) is tied to 1 of the 3 firms (33%); a support institution should reach at least 50% of them."
    )
    assert found.text(reach.action) == (
        "Ask O to present what it offers at a cluster meeting with firms; F1, a well-trusted firm, can bring others."
    )


def test_a_gap_message_takes_exactly_the_parameters_of_its_two_sentences():
    with pytest.raises(TypeError, match=r"gap\.isolated_actor"):
        ISOLATED(actor=Actor("W1"), type="firm")
    isolated = ISOLATED(actor=Actor("W1"), type="firm", silent="")
    assert (explanation_of(isolated).id, action_of(isolated).id) == (
        "gap.isolated_actor.explanation",
        "gap.isolated_actor.action",
    )
    assert str(action_of(isolated)) == "Visit W1 and invite it to the next cluster meeting."


def test_every_gap_id_declares_an_explanation_and_an_action():
    gap_templates = [name for name in templates() if name.startswith("gap.")]
    explained = {name.removesuffix(".explanation") for name in gap_templates if name.endswith(".explanation")}
    acted = {name.removesuffix(".action") for name in gap_templates if name.endswith(".action")}
    assert "gap.isolated_actor.with_host" in explained
    assert explained == acted


@pytest.fixture(scope="module")
def sample():
    survey = load_survey(SAMPLE_WORKBOOK)
    names = dict(zip(survey.actors["actor_id"], survey.actors["name"]))
    return survey, Renderer(actor_label=names.get).render


@pytest.fixture(scope="module")
def sample_gaps(sample):
    survey, _ = sample
    return {
        round_label: gaps_table(analyze(survey, Selection(round=round_label)))
        for round_label in ("baseline", "endline")
    }


def test_sample_baseline_top_tells_the_story(sample_gaps, sample):
    _, text = sample
    top = sample_gaps["baseline"].head(5)
    assert top.loc[0, "key"] == "village:Barpālī|Sonāpālī"
    assert "run through Gopāl Meher & Sons alone" in text(explanation_of(top.loc[0, "message"]))
    assert top.loc[1, ["kind", "key"]].tolist() == ["broker_dependency", "MW01"]
    assert set(top.loc[2:, "kind"]) == {"institution_reach"}


def test_the_total_score_is_the_sum_of_the_tables_scores(sample):
    survey, _ = sample
    analysis = analyze(survey, Selection(round="baseline"))
    table = gaps_table(analysis)
    assert table["score"].is_monotonic_decreasing
    assert total_score(analysis) == table["score"].sum()
    left_out = ("institution_reach", "low_trust")
    assert total_score(analysis, left_out=left_out) == table.loc[~table["kind"].isin(left_out), "score"].sum()
    assert total_score(analysis, left_out=left_out) < total_score(analysis)


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
    assert GAP_COLUMNS == ["kind", "actors", "score", "explanation", "action"]
    assert sample_gaps["baseline"].columns.tolist() == ["kind", "actors", "score", "message", "key"]


def test_every_sample_gap_renders_again_from_its_id_and_json_params(sample_gaps, sample):
    survey, text = sample
    names = set(survey.actors["name"]) - set(survey.actors["actor_id"])
    for table in sample_gaps.values():
        for item in table["message"]:
            plain = params_json(item)
            again = message_from_json(item.id, plain)
            for sentence in (explanation_of, action_of):
                assert ENGLISH.render(sentence(again)) == ENGLISH.render(sentence(item))
                assert "{" not in text(sentence(item))
            assert not any(name in plain for name in names), item.id


def test_equally_trusted_hosts_are_taken_in_the_survey_order(gaps_of):
    actors = ["A2,firm,North", "A1,firm,North", "A3,firm,North", "B3,firm,South", "B1,firm,South", "B2,firm,South"]
    found = gaps_of(actors, complete(["A1", "A2", "A3"]) + complete(["B1", "B2", "B3"]))
    [bridge] = of_kind(found, "weak_bridge")
    assert found.text(bridge.action) == (
        "Convene both groups at a neutral venue, co-hosted by A2 and B3, the most trusted actor of each side."
    )
    [component] = of_kind(found, "disconnected_component")
    assert found.text(component.action).startswith("Introduce B3 to A2")
