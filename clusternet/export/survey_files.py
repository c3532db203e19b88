"""The survey itself, validated, written back in its own format: a clean copy to share or keep.

After ``--add-missing-actors`` or a cleaning round, the copy holds what clusternet analysed: ids
stripped and unified, labels in their canonical form, repeats counted once, respondents complete.
It holds every individual rating, so it is never anonymised: share it only where names may go.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from clusternet.export.workbook import add_table_sheet
from clusternet.survey import Survey


def survey_workbook(survey: Survey) -> bytes:
    """The survey as an .xlsx workbook with sheets actors, ties, rounds and respondents, attributes
    when the survey marks some attributes safe or private, and actions and logframe when it has them.

    Headers are the format's column names, numbers are numbers, dates are dates and every text
    is stored as text (a name starting with ``=`` stays a name). Loading the workbook gives the same
    survey back, marks included.
    """
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "clusternet"
    tables = {name: getattr(survey, name) for name in ("actors", "ties", "rounds", "respondents")}
    if survey.attribute_privacy:
        tables["attributes"] = pd.DataFrame(list(survey.attribute_privacy.items()), columns=["attribute", "privacy"])
    for name in ("actions", "logframe"):
        if len(table := getattr(survey, name)):
            tables[name] = table
    for name, table in tables.items():
        add_table_sheet(workbook, name, table, verbatim=tuple(table.columns))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
