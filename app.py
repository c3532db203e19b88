"""clusternet's Streamlit app: `streamlit run app.py` opens on the bundled sample cluster.

This file only sets the page up, draws the global controls and lists the pages; every page lives in
app_pages/ and every number comes from the clusternet library.
"""

from pathlib import Path

import streamlit as st

from app_pages.shared import _, current_survey, global_controls, require_access, start_language
from app_pages.warm_up import warm_up_once

st.set_page_config(
    page_title="clusternet", page_icon=str(Path(__file__).parent / "app_pages" / "icon.png"), layout="wide"
)

start_language()
require_access()
PAGES = [
    st.Page("app_pages/map.py", title=_("Map"), icon=":material/hub:", url_path="map", default=True),
    st.Page("app_pages/data.py", title=_("Data"), icon=":material/table_view:", url_path="data"),
    st.Page("app_pages/actors.py", title=_("Actors"), icon=":material/groups:", url_path="actors"),
    st.Page("app_pages/gaps.py", title=_("Gaps"), icon=":material/conversion_path:", url_path="gaps"),
    st.Page("app_pages/whatif.py", title=_("What if"), icon=":material/science:", url_path="whatif"),
    st.Page("app_pages/trust.py", title=_("Trust"), icon=":material/handshake:", url_path="trust"),
    st.Page("app_pages/rounds.py", title=_("Rounds"), icon=":material/timeline:", url_path="rounds"),
    st.Page("app_pages/logframe.py", title=_("Logframe"), icon=":material/flag:", url_path="logframe"),
    st.Page("app_pages/workshop.py", title=_("Workshop"), icon=":material/co_present:", url_path="workshop"),
    st.Page("app_pages/portfolio.py", title=_("Portfolio"), icon=":material/dashboard:", url_path="portfolio"),
]

page = st.navigation(PAGES)
global_controls(current_survey())
page.run()
warm_up_once()
