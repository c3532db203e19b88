"""The app's anonymised pages attacked as ``tests/privacy`` attacks the files (issue 13).

The hostile survey (the sample with phones, registration numbers, contact notes, buyers' names, a
type of one and a telling file name) is uploaded as a user would. Then every string and byte the app
sends the browser, on every page, is searched for its needles; the trust figures the pages show are
compared across every filter of the sidebar; the map's positions are matched against the named
map's; and each actor's profile is read for what its partners said of it. Each attack is also run on
the named app, to show that it reads where a leak would be.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd
import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from clusternet import load_survey
from clusternet.view import view_of
from tests.app.test_pages import PAGES, on_page
from tests.conftest import REPO
from tests.privacy.conftest import HOSTILE_STEM, Needles, needles_of, write_hostile_workbook
from tests.privacy.reading import LINKED_BY_SHAPE, linked_share, map_positions

TIE_MODES = ("any", "confirmed")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile workbook, its survey and its needles."""
    path, phones, comments = write_hostile_workbook(tmp_path_factory.mktemp("hostile-upload"))
    survey = load_survey(path)
    return path, survey, needles_of(survey, phones, comments)


def uploaded(path, *, anonymise: bool) -> AppTest:
    """The app with ``path`` uploaded on the Data page, anonymised or named."""
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    page = on_page(app, "data")
    page.session_state["upload"] = (path.read_bytes(), path.name)
    page.session_state["anonymise"] = anonymise
    page = page.run()
    assert not page.exception and not page.error, [error.value for error in page.error]
    return page


def _strings(message: Message) -> list[str]:
    """Every string of a protobuf message and of the messages in it; bytes (a table's Arrow data) as text."""
    found = []
    for _, value in message.ListFields():
        values = [value] if isinstance(value, (str, bytes, Message)) or not hasattr(value, "__len__") else value
        for item in values:
            if isinstance(item, Message):
                found += _strings(item)
            elif isinstance(item, str):
                found.append(item)
            elif isinstance(item, bytes):
                found.append(item.decode("utf-8", errors="ignore"))
    return found


def sent_texts(page: AppTest) -> list[str]:
    """Every text the app sends the browser for ``page`` (each element's every string, tables as CSV
    too), and the same with HTML and JSON escapes undone."""

    def walk(node) -> list[str]:
        proto = getattr(node, "proto", None)
        found = _strings(proto) if isinstance(proto, Message) else []
        for child in getattr(node, "children", {}).values():
            found += walk(child)
        return found

    texts = walk(page._tree)
    texts += [frame.value.to_csv() for frame in page.dataframe]
    unescaped = [html.unescape(html.unescape(text)) for text in texts]
    unescaped = [re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text) for text in unescaped]
    return texts + unescaped


def shown_needles(page: AppTest, needles: Needles) -> list[str]:
    return sorted({found for text in sent_texts(page) for found in needles.found_in(text)})


@pytest.fixture(scope="module")
def pages(hostile):
    """Every page of the app on the hostile upload, named and anonymised."""
    path = hostile[0]
    shown = {}
    for audience, anonymise in (("named", False), ("anonymised", True)):
        app = uploaded(path, anonymise=anonymise)
        for name in PAGES:
            page = on_page(app, name)
            assert not page.exception, page.exception
            shown[audience, name] = shown_needles(page, hostile[2])
    return shown


@pytest.mark.parametrize("name", PAGES)
def test_no_anonymised_page_sends_a_name_number_note_or_the_file_name(pages, name):
    assert pages["anonymised", name] == []


def test_the_search_reads_where_the_named_pages_show_names_phones_and_notes(pages, hostile):
    """The named pages show every kind of needle somewhere: the search reads what the browser gets."""
    survey = hostile[1]
    found = set().union(*(pages["named", name] for name in PAGES))
    assert {survey.actors["name"].iat[0], "W01", HOSTILE_STEM} <= found
    assert all(pages["named", name] for name in ("map", "actors", "gaps"))


@pytest.mark.parametrize("audience", ["named", "anonymised"])
def test_group_by_and_colour_by_offer_no_private_attribute(hostile, audience):
    """The phone, registration, contact and buyer columns are private (numbers, free text, names)."""
    page = on_page(uploaded(hostile[0], anonymise=audience == "anonymised"), "map")
    offered = {*page.sidebar.selectbox(key="group_by").options, *page.selectbox(key="map_color_by").options}
    private = {"phone", "registration", "contact", "main_buyer"}
    assert (offered & private == set()) == (audience == "anonymised")


# --- differencing across the sidebar's filters ---------------------------------------------------


def shown_trust(page: AppTest) -> dict[str, object]:
    """The trust figures the Actors and Trust pages show: each actor's trust received and given with
    their counts, and every cell of trust between groups."""
    actors = on_page(page, "actors").dataframe[0].value.set_index("actor_id").sort_index()
    columns = [column for column in actors.columns if column.startswith(("trust_received", "trust_given"))]
    cells = on_page(page, "trust").dataframe[0].value
    return {"actors": _rounded(actors[columns]), "cells": _rounded(cells)}


def _rounded(table: pd.DataFrame) -> list[list[object]]:
    return [
        [None if isinstance(value, float) and math.isnan(value) else value for value in row]
        for row in table.round(9).astype(object).where(table.notna(), None).values.tolist()
    ]


def filters(survey) -> list[tuple[str, object]]:
    """Each relation alone, all relations but one, and each tie mode but the default."""
    relations = survey.relation_labels
    return (
        [("relations", [relation]) for relation in relations]
        + [("relations", [other for other in relations if other != relation]) for relation in relations]
        + [("ties", mode) for mode in TIE_MODES]
    )


def filtered(page: AppTest, widget: str, value: object) -> AppTest:
    """``page`` with one filter of the sidebar set (the other at its default), in the same session:
    the same key, so that the same codes name the same actors."""
    page.sidebar.multiselect(key="relations").set_value(value if widget == "relations" else [])
    page.sidebar.radio(key="ties").set_value(value if widget == "ties" else "reported")
    return page.run()


def test_no_filter_of_the_sidebar_changes_a_trust_figure_of_the_anonymised_pages(hostile):
    path, survey, _ = hostile
    page = uploaded(path, anonymise=True)
    unfiltered = shown_trust(page)
    changed = []
    for widget, value in filters(survey):
        shown = shown_trust(filtered(page, widget, value))
        changed += [f"{widget}={value}: {name}" for name in shown if shown[name] != unfiltered[name]]
    assert changed == []


def test_the_filters_move_the_named_trust_figures(hostile):
    """The comparison reads figures that move: a single relation changes the broker's trust figures."""
    path, survey, _ = hostile
    page = uploaded(path, anonymise=False)
    unfiltered = shown_trust(page)
    assert shown_trust(filtered(page, "relations", [survey.relation_labels[0]])) != unfiltered


# --- codes linked to names by the map's positions ---------------------------------------------


def app_map_positions(page: AppTest, survey, *, anonymised: bool) -> dict[str, tuple[float, float]]:
    """The Map page's position of every actor, by its id (names or codes read back to ids)."""
    (frame,) = on_page(page, "map").get("iframe")
    by_label = map_positions(frame.proto.srcdoc)
    if anonymised:
        view = view_of(survey, anonymize=True, key=page.session_state["anonymisation_key"], resamples=10)
        ids = {code: actor for actor, code in view.codes.items()}
    else:
        ids = dict(zip(survey.actors["name"], survey.actors["actor_id"]))
    return {ids[label]: point for label, point in by_label.items()}


def test_the_anonymised_map_shares_no_position_with_the_named_map(hostile):
    path, survey, _ = hostile
    named = app_map_positions(uploaded(path, anonymise=False), survey, anonymised=False)
    anonymised = app_map_positions(uploaded(path, anonymise=True), survey, anonymised=True)
    assert set(named) == set(anonymised) == set(survey.actors["actor_id"])
    assert [actor for actor in named if math.dist(named[actor], anonymised[actor]) < 1] == []
    assert linked_share(anonymised, named) <= LINKED_BY_SHAPE
    assert linked_share(named, named) == 1.0  # the match links a map to itself


def test_two_sessions_get_their_own_codes_and_positions(hostile):
    """Each session draws its own key: two workshops' screenshots cannot be laid over each other."""
    path, survey, _ = hostile
    first, second = uploaded(path, anonymise=True), uploaded(path, anonymise=True)
    assert first.session_state["anonymisation_key"] != second.session_state["anonymisation_key"]
    one = app_map_positions(first, survey, anonymised=True)
    other = app_map_positions(second, survey, anonymised=True)
    assert [actor for actor in one if math.dist(one[actor], other[actor]) < 1] == []


# --- a respondent reads its own profile --------------------------------------------------------


def test_no_profile_shows_a_partners_rating_or_a_mean_of_fewer_than_k(hostile):
    """Whoever finds its code reads its profile: its partners' ratings of it are not there, and the
    mean it received is shown only when at least k ratings are behind it."""
    page = on_page(uploaded(hostile[0], anonymise=True), "actors")
    table = page.dataframe[0].value.set_index("actor_id")
    problems = []
    for code in page.selectbox(key="profile_actor").options:
        page.selectbox(key="profile_actor").set_value(code)
        shown = page.run()
        partners = shown.dataframe[1].value
        if {"trust", "trust_given", "trust_received"} & set(partners.columns):
            problems.append(f"{code}: partners' ratings {list(partners.columns)}")
        metrics = {metric.label: metric.value for metric in shown.metric}
        for label, count in (("Trust received", "trust_received_n"), ("Trust given", "trust_given_n")):
            if metrics[label] != "–" and not table.at[code, count] >= 3:
                problems.append(f"{code}: {label} {metrics[label]} of {table.at[code, count]} ratings")
    assert problems == []
