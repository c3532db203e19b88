"""The Workshop page as AppTest runs it: the slides, stepping, the slide's own selection, the audience."""

import pytest

from tests.app.test_pages import SAMPLE_NAMES, app, on_page, page_text

__all__ = ["app"]  # the app fixture, shared with test_pages

DECK_TITLES = [
    "The cluster at baseline",
    "The cluster at midterm",
    "The cluster at endline",
    "What changed\\: baseline → midterm",
    "What changed\\: midterm → endline",
    "Key messages\\: baseline → endline",
    "Where to act next \\(endline\\)",
]


def unescaped(markdown: str) -> str:
    """Text as shown: the page escapes survey text inside Markdown with backslashes."""
    return markdown.replace("\\", "")


@pytest.fixture
def workshop(app):
    return on_page(app, "workshop")


def test_next_steps_through_every_slide_and_previous_steps_back(workshop):
    titles = []
    for _ in DECK_TITLES:
        assert not workshop.exception, workshop.exception
        titles.append(workshop.title[0].value)
        if not workshop.button(key="workshop_next").disabled:
            workshop.button(key="workshop_next").click().run()
    assert titles == DECK_TITLES
    assert workshop.button(key="workshop_next").disabled
    workshop.button(key="workshop_previous").click().run()
    assert workshop.title[0].value == DECK_TITLES[-2]


def test_the_caption_names_the_slides_round_not_the_sidebars(workshop):
    workshop.sidebar.selectbox(key="round").set_value("endline").run()
    assert workshop.title[0].value == "The cluster at baseline"
    assert any("This slide\\: Round baseline" in caption.value for caption in workshop.caption)
    assert not any("Round endline" in caption.value for caption in workshop.caption)


def test_a_round_slide_gives_its_facts_and_the_first_key_messages_since_the_first_round(workshop):
    workshop.button(key="workshop_next").click().run()
    text = page_text(workshop)
    assert "66 actors\\, 207 ties\\, 1 with no tie at all\\." in text
    assert "Since baseline" in text
    assert "Mean trust rose from 2\\.6 to 3\\.1 \\(baseline → midterm\\)\\." in text


def test_the_key_messages_slide_has_every_headline_and_a_change_slide_the_first_three(workshop):
    workshop.session_state["workshop_step"] = 3
    change = [line for line in workshop.run().markdown[-1].value.splitlines() if line.startswith("- ")]
    workshop.session_state["workshop_step"] = 5
    every = [line for line in workshop.run().markdown[-1].value.splitlines() if line.startswith("- ")]
    assert len(change) == 3
    assert len(every) == 7
    assert every[0] == "- Mean trust rose from 2\\.6 to 3\\.8 \\(baseline → endline\\)\\."


def test_the_opportunities_slide_shows_the_first_three_gaps_as_cards(workshop):
    workshop.session_state["workshop_step"] = 6
    workshop.run()
    cards = [item.value for item in workshop.markdown if item.value.startswith("**")]
    assert [card[:6] for card in cards] == ["**1.**", "**2.**", "**3.**"]
    assert all("*Action:*" in card for card in cards)


def test_the_page_is_anonymised_by_default_and_shows_names_when_turned_off(workshop):
    workshop.session_state["workshop_step"] = 6
    workshop.run()
    assert not any(name in page_text(workshop) for name in SAMPLE_NAMES)
    assert "FIRM\\-" in page_text(workshop)
    workshop.toggle(key="workshop_anonymised").set_value(False).run()
    assert "FIRM\\-" not in page_text(workshop)


def test_the_sidebars_anonymise_cannot_be_turned_off_on_the_page(workshop):
    workshop.sidebar.toggle(key="anonymise").set_value(True).run()
    assert workshop.toggle(key="workshop_anonymised").disabled


def test_the_minimum_trust_says_where_it_does_not_apply(workshop):
    workshop.sidebar.select_slider(key="min_trust").set_value(3).run()
    assert any("(3) is not applied: anonymised" in unescaped(caption.value) for caption in workshop.caption)
    workshop.toggle(key="workshop_anonymised").set_value(False).run()
    assert any(
        "(3) applies to the maps of a round, not to the key messages" in unescaped(caption.value)
        for caption in workshop.caption
    )


def test_a_grouping_the_anonymised_audience_may_not_see_is_named(workshop):
    workshop.sidebar.selectbox(key="group_by").set_value("village").run()
    assert not workshop.exception
    assert any(
        "village is not shown to an anonymised audience" in unescaped(caption.value) for caption in workshop.caption
    )


def test_presentation_mode_hides_the_sidebar_until_turned_off(workshop):
    styles = " ".join(str(element.proto) for element in workshop.get("html"))
    assert "stSidebarCollapsedControl" in styles
    workshop.toggle(key="workshop_presenting").set_value(False).run()
    styles = " ".join(str(element.proto) for element in workshop.get("html"))
    assert "stSidebarCollapsedControl" not in styles


def test_named_the_key_messages_follow_the_sidebars_group_by(workshop):
    workshop.toggle(key="workshop_anonymised").set_value(False).run()
    workshop.session_state["workshop_step"] = 5
    by_type = workshop.run().markdown[-1].value
    workshop.sidebar.selectbox(key="group_by").set_value("village").run()
    assert workshop.title[0].value == "Key messages\\: baseline → endline"
    by_village = workshop.markdown[-1].value
    assert by_village != by_type
    assert "Reach across groups (E-I index)" in unescaped(by_type)
    assert "Reach across groups (E-I index)" in unescaped(by_village)
