"""Portfolio: every cluster of the programme side by side; the change of each KPI with its interval as a heat
table, the KPIs of every round, flags for figures to read with care, and a small map of each cluster.

The clusters are those of the programme store this session may open; while the store holds none, the
bundled programme of three sample clusters (surveys/programme/). Everything is computed once per store
content (a save to the store computes it again).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.shared import (
    PROGRAMME,
    _,
    analysis_cache,
    current_access,
    current_audience,
    read_cluster,
    say,
    store_clusters,
    store_engine,
)
from clusternet.export.snapshot import map_image
from clusternet.export.tables import table_csv
from clusternet.graph import Selection
from clusternet.kpis import KPI_BY_CODE
from clusternet.messages import message, plural_message
from clusternet.portfolio import (
    HEAT_FILLS,
    LOW_RESPONSE_RATE,
    SMALL_CLUSTER_ACTORS,
    Portfolio,
    PortfolioError,
    change_heat,
    kpis_side_by_side,
    portfolio,
    portfolio_flags,
    programme_surveys,
)
from clusternet.store.opening import content_key
from clusternet.survey import Survey, load_survey
from clusternet.view import Audience, view_for

FROM_STORE = plural_message(
    "page.portfolio.from_store",
    "The {count} cluster of the programme store.",
    "The {count} clusters of the programme store, side by side.",
)
FROM_FOLDER = message(
    "page.portfolio.from_folder",
    "The programme store holds no cluster yet: this is the bundled sample programme of {count} clusters "
    "(surveys/programme/). Save a survey as a cluster on the Data page to see your own.",
)
SIZES_NOTE = message(
    "page.portfolio.sizes",
    "Density and centralisation do not compare across clusters of different sizes: a large cluster is "
    "sparser for the same effort. Compare their changes, and shares such as firm-institution linkage or "
    "high trust, rather than their levels.",
)
NO_FLAGS = message(
    "page.portfolio.no_flags",
    "No flags: in every round at least {rate:.0%} of each cluster's actors answered, and every cluster has at "
    "least {actors} actors.",
)
HEAT_LEGEND = message(
    "page.portfolio.heat_legend",
    "Change from each cluster's first round to its latest, with its 95 % bootstrap interval. Blue: better "
    "(the interval excludes 0); orange: worse; grey: no clear change (the interval includes 0); white: a KPI "
    "that is better neither way, or no interval.",
)
NOT_COMPARED = message("page.portfolio.not_compared", "{cluster} is left out: {problem}")
MAP_CAPTION = message("page.portfolio.map_caption", "{cluster}, {round}: {actors} actors")

MAPS_PER_ROW = 3  # three small maps fit a 1280-pixel screen side by side
MAP_DPI = 60  # a 12 x 7.5-inch snapshot at 60 dpi: 720 x 450 pixels, sharp enough at a third of the page
SMALL_MAP_SELECTION = Selection(ties="any")  # who works with whom (either side reporting): no arrows to draw


@st.cache_data(show_spinner=False, max_entries=4)
def read_programme_survey(name: str) -> Survey:
    return load_survey(dict(programme_surveys(PROGRAMME))[name])


def programme() -> tuple[bool, list[str]]:
    """Whether the clusters come from the store, and their names (the bundled programme's when it holds none)."""
    stored = store_clusters()
    if stored:
        return True, stored
    return False, [name for name, _path in programme_surveys(PROGRAMME)]


def cluster_survey(from_store: bool, name: str) -> Survey:
    return read_cluster(name) if from_store else read_programme_survey(name)


@st.cache_data(show_spinner=False, max_entries=4)
def programme_portfolio(
    content: str, from_store: bool, names: tuple[str, ...]
) -> tuple[Portfolio, list[tuple[str, PortfolioError]]]:
    """The portfolio of the clusters, once per store content; clusters whose rounds cannot be compared apart."""
    tables, refused = [], []
    for name in names:
        try:
            tables.append(portfolio([(name, cluster_survey(from_store, name))]))
        except PortfolioError as error:
            refused.append((name, error))
    if not tables:
        return portfolio([]), refused
    joined = Portfolio(
        pd.concat([table.kpis for table in tables], ignore_index=True),
        pd.concat([table.change for table in tables], ignore_index=True),
    )
    return joined, refused


@st.cache_data(show_spinner=False, max_entries=64)
def small_map(_survey: Survey, fingerprint: str, anonymised: bool, min_ratings: int, language: str, key: str) -> bytes:
    audience = Audience(anonymised, min_ratings, language, key)
    view = view_for(analysis_cache(_survey), SMALL_MAP_SELECTION.resolved(_survey), audience)
    return map_image(view, "png", show_labels=False, dpi=MAP_DPI)


st.title(_("Portfolio"))
from_store, names = programme()
content = content_key(store_engine()) if from_store else ""
with st.spinner(_("Computing every cluster's KPIs and intervals: a few seconds, once.")):
    found, refused = programme_portfolio(content, from_store, tuple(names))
st.caption(say(FROM_STORE(count=len(names)) if from_store else FROM_FOLDER(count=len(names))))
for name, error in refused:
    st.warning(say(NOT_COMPARED(cluster=name, problem=error.message)))

flags = portfolio_flags(found.kpis)
if flags.empty:
    st.caption(say(NO_FLAGS(rate=LOW_RESPONSE_RATE, actors=SMALL_CLUSTER_ACTORS)))
for flagged in flags["message"]:
    st.warning(say(flagged))
st.info(say(SIZES_NOTE()))

st.subheader(_("What changed, with its interval"))
st.caption(say(HEAT_LEGEND()))
cells, readings = change_heat(found.change)
kpi_names = [say(KPI_BY_CODE[code].label()) for code in cells.index]
heat = cells.map(lambda cell: "" if pd.isna(cell) else say(cell))
heat.insert(0, _("KPI"), kpi_names)
fills = readings.map(lambda reading: f"background-color: {HEAT_FILLS[reading]}" if reading in HEAT_FILLS else "")
fills.insert(0, _("KPI"), "")
st.dataframe(
    heat.style.apply(lambda _table: fills.to_numpy(), axis=None),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(heat), 780),
    column_config={_("KPI"): st.column_config.TextColumn(_("KPI"), pinned=True, width="medium")},
)

st.subheader(_("Every KPI in every round"))
side_by_side = kpis_side_by_side(found.kpis)
side_by_side.insert(0, _("KPI"), [say(KPI_BY_CODE[code].label()) for code in side_by_side.index])
st.dataframe(
    side_by_side,
    hide_index=True,
    width="stretch",
    column_config={
        _("KPI"): st.column_config.TextColumn(_("KPI"), pinned=True, width="medium"),
        **{column: st.column_config.NumberColumn(column, format="%.3g") for column in side_by_side.columns[1:]},
    },
)

st.subheader(_("The clusters at their latest round"))
st.caption(_("Every actor and tie, either side reporting; colours by type, as on the Map page."))
audience = current_audience()
access = current_access()
for start in range(0, len(names), MAPS_PER_ROW):
    for column, name in zip(st.columns(MAPS_PER_ROW), names[start : start + MAPS_PER_ROW]):
        survey = cluster_survey(from_store, name)
        anonymised, k = access.audience(name if from_store else None, audience.anonymized, audience.min_ratings)
        picture = small_map(survey, survey.fingerprint, anonymised, k, audience.language, audience.key)
        column.image(picture, width="stretch")
        column.caption(say(MAP_CAPTION(cluster=name, round=survey.latest_round, actors=len(survey.actors))))

st.subheader(_("Take it out"))
left, right = st.columns(2)
left.download_button(
    _("Download portfolio_kpis.csv"),
    table_csv(found.kpis),
    file_name="portfolio_kpis.csv",
    mime="text/csv",
    key="portfolio_kpis_download",
)
right.download_button(
    _("Download portfolio_change.csv"),
    table_csv(found.change),
    file_name="portfolio_change.csv",
    mime="text/csv",
    key="portfolio_change_download",
)
