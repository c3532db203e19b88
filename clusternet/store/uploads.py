"""A survey from the app saved as a cluster: the files it came from, for the import log.

The app holds an upload as ``(name, bytes)`` pairs (a workbook, or the CSV files of its sheets); the
facilitation log edited in the app is saved as the workbook of the edited survey. The import log
keeps their name and checksum as it does for a file imported by ``clusternet db import``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from clusternet.store.clusters import SurveyFile

UploadedFiles = Sequence[tuple[str, bytes]]


def uploaded_source(files: UploadedFiles, imported_by: str) -> SurveyFile:
    """The import log's record of files uploaded together: their names joined by ``+`` and the
    SHA-256 of names and contents in name order (one workbook: the SHA-256 of its bytes, as
    :func:`~clusternet.store.clusters.survey_checksum` gives for the file).

    >>> uploaded_source([("b.csv", b"2"), ("a.csv", b"1")], "me").name
    'a.csv + b.csv'
    """
    ordered = sorted(files)
    if len(ordered) == 1:
        name, data = ordered[0]
        return SurveyFile(name, hashlib.sha256(data).hexdigest(), imported_by)
    digest = hashlib.sha256()
    for name, data in ordered:
        digest.update(name.encode() + b"\0" + data + b"\0")
    return SurveyFile(" + ".join(name for name, _data in ordered), digest.hexdigest(), imported_by)
