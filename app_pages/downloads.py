"""Downloads of what the Map page shows: its round and audience (the view), colour, size, filter,
highlighted actor and neighbourhood (a ``MapScope``), so that a file is the map on the screen.

The other pages keep ``shared.download_buttons``, whose files follow the view only.
"""

from __future__ import annotations

import streamlit as st

from app_pages.shared import download_labels, is_slow, offer_download
from clusternet.export.formats import FORMATS, default_file_name, export_bytes
from clusternet.graph import Selection
from clusternet.view import Audience, View
from clusternet.viz.map_style import MapScope


@st.cache_data(show_spinner=False, max_entries=32)
def _map_export(
    _view: View,
    fingerprint: str,
    selection: Selection,
    audience: Audience,
    fmt: str,
    color_by: str,
    size_by: str,
    scope: MapScope,
) -> bytes:
    return export_bytes(_view, fmt, color_by=color_by, size_by=size_by, scope=scope)


def map_download_buttons(
    view: View, formats: list[str], key: str, *, color_by: str, size_by: str, scope: MapScope
) -> None:
    """One download button per format (keys of ``FORMATS``), each file built when its button is clicked
    (then cached) with the page's ``color_by``, ``size_by`` and ``scope``: a picture draws what the map
    shows, a graph file (GEXF, GraphML, edge list) holds just its actors and the ties among them.
    Anonymised, no name is in them."""
    labels = download_labels()
    for column, fmt in zip(st.columns(len(formats)), formats):
        offer_download(
            column,
            label=labels[fmt],
            make=lambda fmt=fmt: _map_export(
                view, view.survey.fingerprint, view.selection, view.audience, fmt, color_by, size_by, scope
            ),
            token=f"{key}|{fmt}|{view.survey.fingerprint}|{view.selection!r}|{view.audience!r}|{color_by}|{size_by}|{scope!r}",
            slow=is_slow(fmt, view),
            key=f"{key}_{fmt}",
            file_name=default_file_name(view, fmt),
            mime=FORMATS[fmt].mime,
            help=view.text(FORMATS[fmt].description),
        )
