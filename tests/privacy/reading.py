"""How an attacker reads an anonymised output: every text in it, and the map positions of its actors."""

from __future__ import annotations

import html
import io
import json
import math
import re
import zipfile

import numpy as np

from tests.export.conftest import pdf_text, readable_forms
from tests.privacy.conftest import Needles

BASE64_DATA = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")
XML_TAG = re.compile(r"<[^>]*>")


def text_forms(data: bytes) -> list[str]:
    """``data`` as the text a reader sees (no picture bytes, font programs or base64 blobs), escapes
    undone: where an id written as a word would be a leak rather than a chance sequence of bytes."""
    if data.startswith(b"\x89PNG"):
        return []
    if data.startswith(b"%PDF"):
        return [pdf_text(data)]
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # the text between a member's tags: its attributes are cell references (W10) and styles
            members = [archive.read(member).decode("utf-8", errors="ignore") for member in archive.namelist()]
            texts = [XML_TAG.sub(" ", member) for member in members]
    else:
        texts = [BASE64_DATA.sub("", data.decode("utf-8", errors="ignore"))]
    unescaped = [html.unescape(html.unescape(text)) for text in texts]
    unescaped = [re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text) for text in unescaped]
    return texts + unescaped


def leaks(data: bytes, needles: Needles) -> list[str]:
    """Every needle that can be read in ``data``: its texts anywhere, its words in the readable text."""
    found = {needle for form in readable_forms(data) for needle in needles.texts if needle in form}
    words = Needles(texts=(), words=needles.words)
    found |= {word for form in text_forms(data) for word in words.found_in(form)}
    return sorted(found)


def map_positions(page: str) -> dict[str, tuple[float, float]]:
    """The position of every actor of an interactive map's page, by its label (name or code)."""
    start = page.index("nodes = new vis.DataSet(") + len("nodes = new vis.DataSet(")
    nodes, _ = json.JSONDecoder().raw_decode(page[start:])
    return {str(node["label"]): (float(node["x"]), float(node["y"])) for node in nodes}


def report_positions(data: bytes) -> dict[str, tuple[float, float]]:
    """The position of every actor of the report's interactive map (a frame of the report)."""
    return map_positions(html.unescape(re.search(r'srcdoc="(.*?)"', data.decode("utf-8"), re.DOTALL).group(1)))


LINKED_BY_SHAPE = 0.2
"""The share of actors a position match may link between two layouts of their own: the shape of the
network, which no layout hides, puts hubs in the middle and isolates at the edge of any drawing
(twelve keys link 5% to 14% of the sample; the same layout links all)."""

SYMMETRIES = [
    np.array([[cos, -sin], [sin, cos]]) @ np.diag([1, flip])
    for cos, sin in ((1, 0), (0, 1), (-1, 0), (0, -1))
    for flip in (1, -1)
]
"""The 8 rotations by quarter turns and reflections about an axis: a layout drawn again may come out
turned or mirrored."""


def _normalised(points: np.ndarray) -> np.ndarray:
    centred = points - points.mean(axis=0)
    return centred / math.sqrt((centred**2).sum(axis=1).mean())


def linked_share(guessed: dict[str, tuple[float, float]], named: dict[str, tuple[float, float]]) -> float:
    """The largest share of actors whose nearest named actor is itself, over the 8 symmetries, both
    maps centred on their centroid and scaled to the same spread."""
    actors = sorted(named)
    shown, known = (_normalised(np.array([points[actor] for actor in actors])) for points in (guessed, named))
    best = 0.0
    for symmetry in SYMMETRIES:
        turned = shown @ symmetry.T
        nearest = ((turned[:, None, :] - known[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        best = max(best, float((nearest == np.arange(len(actors))).mean()))
    return best
