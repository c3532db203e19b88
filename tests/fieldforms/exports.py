"""Exports built by hand in the layouts KoboToolbox and ODK Central write (docs/field-forms.md).

A :class:`Submission` is what one phone sends; :func:`kobo_xlsx` and :func:`odk_zip` write a list of
them as the platforms' exports: Kobo's XLSX with or without group names in headers and with select-many
answers in one column, in 0/1 columns per choice, or both; Central's zip of CSV files with or without
split select-many columns and group paths. The layouts follow kobotoolbox/formpack and
getodk/central-backend (``lib/data/briefcase.js``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

RELATIONS = ("finance", "information", "joint_action", "subcontracting", "training")
KOBO_MAIN_TAIL = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
                  "__version__", "_tags", "_index"]  # fmt: skip
KOBO_REPEAT_TAIL = ["_index", "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid",
                    "_submission__submission_time", "_submission__validation_status", "_submission__notes",
                    "_submission__status", "_submission__submitted_by", "_submission___version__",
                    "_submission__tags"]  # fmt: skip
ODK_ROOT_TAIL = ["KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
                 "ReviewState", "DeviceID", "Edits", "FormVersion"]  # fmt: skip


@dataclass
class Partner:
    partner_id: str
    relation: str  # choice names separated by spaces
    trust: int | None = None
    weight: int | None = None


@dataclass
class Submission:
    uuid: str
    respondent: str
    round: str | None
    partners: list[Partner] = field(default_factory=list)
    other_partners: str = ""
    submitted: str = "2024-09-10T10:00:00"
    status: str = ""  # Kobo: validation_status_not_approved, ...; Central: rejected, approved, ...


def sample_round_submissions(survey, round_label: str) -> list[Submission]:
    """One submission per respondent of a round of ``survey``, its ties as that respondent's partners."""
    ties = survey.ties_in(round_label)
    submissions = []
    for number, respondent in enumerate(sorted(survey.respondents_in(round_label))):
        own = ties.loc[ties["source"] == respondent]
        partners = [
            Partner(
                str(target),
                " ".join(rows["relation"]),
                None if pd.isna(rows["trust"].iloc[0]) else int(rows["trust"].iloc[0]),
                int(rows["weight"].iloc[0]),
            )
            for target, rows in own.groupby("target", sort=True)
        ]
        submitted = f"2024-09-10T{8 + number // 60:02d}:{number % 60:02d}:00"
        submissions.append(Submission(f"uuid-{number:04d}", respondent, round_label, partners, submitted=submitted))
    return submissions


def kobo_xlsx(
    path: Path,
    submissions: list[Submission],
    *,
    groups: bool = True,
    select_many: str = "both",
    relations: tuple[str, ...] = RELATIONS,
    title: str = "Cluster relationships",
) -> Path:
    """A KoboToolbox XLS export with "XML values and headers"; ``select_many`` is ``summary`` (one
    column), ``details`` (0/1 columns) or ``both``."""
    prefix = "partner/" if groups else ""
    main_header = ["round", "respondent", "partners", "partner_count", "other_partners",
                   "meta/instanceID" if groups else "instanceID", *KOBO_MAIN_TAIL]  # fmt: skip
    relation_columns = []
    if select_many in ("summary", "both"):
        relation_columns.append(f"{prefix}relation")
    if select_many in ("details", "both"):
        relation_columns += [f"{prefix}relation/{code}" for code in relations]
    repeat_header = [f"{prefix}partner_id", f"{prefix}partner_name", *relation_columns, f"{prefix}trust",
                     f"{prefix}weight", *KOBO_REPEAT_TAIL]  # fmt: skip
    main_rows, repeat_rows = [], []
    for index, submission in enumerate(submissions, start=1):
        ticked = " ".join(partner.partner_id for partner in submission.partners)
        main_rows.append([submission.round, submission.respondent, ticked, str(len(submission.partners)),
                          submission.other_partners, f"uuid:{submission.uuid}", str(index), submission.uuid,
                          submission.submitted, submission.status, "", "submitted_via_web", "", "v1", "",
                          index])  # fmt: skip
        for partner in submission.partners:
            chosen = partner.relation.split()
            cells = []
            if select_many in ("summary", "both"):
                cells.append(partner.relation)
            if select_many in ("details", "both"):
                cells += ["1" if code in chosen else "0" for code in relations]
            repeat_rows.append([partner.partner_id, partner.partner_id, *cells,
                                "" if partner.trust is None else str(partner.trust),
                                "" if partner.weight is None else str(partner.weight),
                                len(repeat_rows) + 1, title, index, str(index), submission.uuid,
                                submission.submitted, submission.status, "", "", "", "", ""])  # fmt: skip
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, header, rows in ((title[:31], main_header, main_rows), ("partner", repeat_header, repeat_rows)):
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def odk_zip(
    path: Path,
    submissions: list[Submission],
    *,
    split: bool = False,
    group_paths: bool = True,
    relations: tuple[str, ...] = RELATIONS,
    form_id: str = "clusternet_roster",
) -> Path:
    """An ODK Central CSV zip export; ``split`` adds 0/1 columns after each select-many column."""
    root_header = ["SubmissionDate", "round", "respondent", "partners", "partner_count", "other_partners",
                   "meta-instanceID" if group_paths else "instanceID", *ODK_ROOT_TAIL]  # fmt: skip
    relation_columns = ["relation", *([f"relation/{code}" for code in relations] if split else [])]
    repeat_header = ["partner_id", "partner_name", *relation_columns, "trust", "weight", "PARENT_KEY", "KEY"]
    root_rows, repeat_rows = [], []
    for submission in submissions:
        key = f"uuid:{submission.uuid}"
        ticked = " ".join(partner.partner_id for partner in submission.partners)
        root_rows.append([f"{submission.submitted}.000Z", submission.round or "", submission.respondent, ticked,
                          len(submission.partners), submission.other_partners, key, key, "5", "enumerator", "0", "0",
                          "", submission.status, "collect:abc", "0", "2026010100"])  # fmt: skip
        for position, partner in enumerate(submission.partners, start=1):
            chosen = partner.relation.split()
            split_cells = [1 if code in chosen else 0 for code in relations] if split else []
            repeat_rows.append([partner.partner_id, partner.partner_id, partner.relation, *split_cells,
                                "" if partner.trust is None else partner.trust,
                                "" if partner.weight is None else partner.weight, key,
                                f"{key}/partner[{position}]"])  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{form_id}.csv", _csv(root_header, root_rows))
        archive.writestr(f"{form_id}-partner.csv", _csv(repeat_header, repeat_rows))
    return path
