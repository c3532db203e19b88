"""The headline cards of a comparison: values, change, interval and reading in words, and why a card is blank."""

import math

import pandas as pd
import pytest

from clusternet.kpis import KPI_BY_CODE
from clusternet.rounds import compare_rounds
from clusternet.rounds.comparison import Comparison
from clusternet.rounds.headlines import HEADLINE_KPIS, headlines
from clusternet.rounds.scales import SCALES, scale_of

NAN = math.nan


def kpi_row(kpi, basis, before, after, low, high, assessment):
    return {
        "kpi": kpi,
        "basis": basis,
        "from_value": before,
        "to_value": after,
        "change": after - before,
        "low": low,
        "high": high,
        "relative_change": NAN,
        "assessment": assessment,
        "good_direction": KPI_BY_CODE[kpi].good_direction,
        "meaning": KPI_BY_CODE[kpi].meaning_for("type"),
    }


def comparison(rows, relations=None):
    """A comparison of "before" and "after" whose KPI table is ``rows``, the rest empty."""
    return Comparison(
        from_round="before",
        to_round="after",
        relations=relations,
        ties="reported",
        group_by="type",
        resamples=2000,
        permutations=2000,
        seed=0,
        level=0.95,
        kpis=pd.DataFrame(rows),
        tie_changes=pd.DataFrame(),
        actor_changes=pd.DataFrame(),
        qap=pd.DataFrame(),
        panel=(),
        notes=(),
    )


HAND_MADE = [
    kpi_row("actors", "all", 10, 10, 0, 0, "no clear change"),
    kpi_row("actors", "panel", 8, 8, 0, 0, "no clear change"),
    kpi_row("mean_trust", "all", 2.5, 3.5, 0.4, 1.6, "better"),
    kpi_row("mean_trust", "panel", NAN, NAN, NAN, NAN, ""),
    kpi_row("joint_action_ties", "all", NAN, NAN, NAN, NAN, ""),
    kpi_row("joint_action_ties", "panel", NAN, NAN, NAN, NAN, ""),
    kpi_row("firm_institution_linkage", "all", 0.5, 0.25, -0.4, -0.1, "worse"),
    kpi_row("firm_institution_linkage", "panel", 0.5, 0.5, NAN, NAN, ""),
    kpi_row("isolates", "all", 3, 2, -3, 1, "no clear change"),
    kpi_row("isolates", "panel", 2, 2, 0, 0, "no clear change"),
]
"""Trust better, linkage worse, isolates not distinguishable, joint action not compared; on the panel
trust is blank and linkage has no interval."""


def shown(headline):
    return {
        "kpi": headline.kpi,
        "name": str(headline.name),
        "values": None if headline.values is None else str(headline.values),
        "delta": None if headline.delta is None else str(headline.delta),
        "verdict": None if headline.verdict is None else str(headline.verdict),
        "sentence": str(headline.sentence),
    }


def test_headlines_write_values_change_interval_and_reading_on_each_kpis_scale():
    cards = [shown(headline) for headline in headlines(comparison(HAND_MADE))]
    assert cards == [
        {
            "kpi": "mean_trust",
            "name": "Mean trust",
            "values": "2.50 → 3.50",
            "delta": "+1.00",
            "verdict": "better",
            "sentence": "before: 2.50; after: 3.50. Change +1.00, 95% interval +0.40 to +1.60. "
            "Better: the interval excludes 0.",
        },
        {
            "kpi": "joint_action_ties",
            "name": "Joint-action ties",
            "values": None,
            "delta": None,
            "verdict": None,
            "sentence": 'Blank: the survey has no relation "joint_action".',
        },
        {
            "kpi": "firm_institution_linkage",
            "name": "Firms tied to a support institution",
            "values": "50% → 25%",
            "delta": "-25 points",
            "verdict": "worse",
            "sentence": "before: 50%; after: 25%. Change -25 points, 95% interval -40 points to -10 points. "
            "Worse: the interval excludes 0.",
        },
        {
            "kpi": "isolates",
            "name": "Actors with no tie",
            "values": "3 → 2",
            "delta": "-1",
            "verdict": "no clear change",
            "sentence": "before: 3; after: 2. Change -1, 95% interval -3 to +1. "
            "Not distinguishable from no change: the interval includes 0.",
        },
    ]


def test_headlines_keep_the_comparisons_figures_and_reading():
    trust = headlines(comparison(HAND_MADE))[0]
    assert (trust.from_value, trust.to_value, trust.change, trust.low, trust.high) == (2.5, 3.5, 1.0, 0.4, 1.6)
    assert trust.reading == "better" and not trust.blank
    assert str(trust.meaning) == "mean trust rating over all rated ties, 1 no trust .. 5 full trust"


def test_a_change_without_an_interval_says_so():
    linkage = headlines(comparison(HAND_MADE), "panel", kpis=["firm_institution_linkage"])[0]
    assert linkage.reading == "" and linkage.verdict is None
    assert str(linkage.delta) == "+0 points"
    assert str(linkage.sentence) == (
        "before: 50%; after: 50%. Change +0 points; no interval: too few actors to resample."
    )


def test_anonymised_panel_trust_is_blank_by_design_and_says_so():
    anonymised = headlines(comparison(HAND_MADE), "panel", kpis=["mean_trust"], anonymized=True)[0]
    named = headlines(comparison(HAND_MADE), "panel", kpis=["mean_trust"])[0]
    assert anonymised.blank and anonymised.values is None and math.isnan(anonymised.from_value)
    assert str(anonymised.sentence).startswith("Not shown on the panel in the anonymised view, by design")
    assert (
        str(named.sentence) == "Blank: a round compared has no trust rating on the relations compared (see the notes)."
    )


def test_joint_action_left_out_of_the_chosen_relations_says_where_to_add_it():
    chosen = headlines(comparison(HAND_MADE, relations=("information",)), kpis=["joint_action_ties"])[0]
    assert str(chosen.sentence) == (
        'Blank: "joint_action" is not among the relations chosen in the sidebar; add it there to see joint action.'
    )


def test_an_empty_panel_blanks_every_card_with_its_reason():
    rows = [row for row in HAND_MADE if row["basis"] == "all"] + [
        kpi_row(code, "panel", NAN, NAN, NAN, NAN, "") for code in ("actors", *HEADLINE_KPIS)
    ]
    cards = headlines(comparison(rows), "panel", anonymized=True)
    assert [str(card.sentence) for card in cards] == ["Blank: nobody answered both rounds, so the panel is empty."] * 4


def test_headlines_of_a_real_comparison_read_its_kpi_table(two_rounds):
    compared = compare_rounds(two_rounds, "before", "after", group_by="type")
    trust, joint_action, linkage, isolates = headlines(compared)
    assert str(trust.values) == "2.25 → 4.33"  # (2 + 2 + 3 + 2) / 4 and 26 / 6, see conftest
    assert trust.change == pytest.approx(13 / 3 - 2.25)
    assert trust.reading == compared.kpi("mean_trust")["assessment"]
    assert str(joint_action.values) == "1 → 2"  # A->C, then A->C and C->A
    assert str(isolates.values) == "0 → 0" and isolates.delta is not None and str(isolates.delta) == "+0"
    assert linkage.kpi == "firm_institution_linkage"


def test_every_kpi_has_a_scale():
    assert set(SCALES) == set(KPI_BY_CODE)
    assert [scale_of(code).kind for code in HEADLINE_KPIS] == ["trust", "count", "share", "count"]
    with pytest.raises(KeyError, match="no KPI"):
        scale_of("trust")


def test_scales_write_values_and_changes():
    assert [str(scale_of("high_trust_share").value(0.689)), str(scale_of("high_trust_share").change(0.601))] == [
        "69%",
        "+60 points",
    ]
    assert [str(scale_of("ei_index").value(-0.308)), str(scale_of("mean_degree").change(-4.24))] == ["-0.31", "-4.24"]
    assert [str(scale_of("mean_trust").axis_title()), str(scale_of("ties").axis_title())] == [
        "mean rating (1-5)",
        "count",
    ]
