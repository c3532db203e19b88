"""Generate `surveys/template.xlsx`: the empty survey workbook a field team fills in.

The workbook has an `instructions` sheet in plain language and the five survey sheets with their
headers, and drop-down lists that keep the entries within the recommended vocabulary and the trust
scale, so that fewer mistakes reach the analysis. The vocabularies come from
`clusternet/survey/vocabulary.py`, so the template, the documentation and the validation agree.

Run from the repository root: ``python surveys/generate_template.py [--out PATH]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing clusternet

from generate_sample import format_header_row, save_workbook_reproducibly  # noqa: E402

from clusternet.constants import MIN_RATINGS_SHOWN, TRUST_LABELS, TRUST_MAX, TRUST_MIN  # noqa: E402
from clusternet.survey.vocabulary import ACTOR_TYPES, ATTRIBUTE_PRIVACY, RELATIONS  # noqa: E402

DEFAULT_OUT = REPO / "surveys" / "template.xlsx"

LAST_ROW = 5000
"""Drop-downs and checks cover rows 2..LAST_ROW: far more rows than a cluster survey needs."""

SHEET_HEADERS = {
    "actors": ("actor_id", "name", "type", "location", "sector", "size"),
    "ties": ("source", "target", "round", "relation", "trust", "weight"),
    "rounds": ("round", "date", "description"),
    "respondents": ("round", "actor_id"),
    "attributes": ("attribute", "privacy", "note"),
}

COLUMN_WIDTHS = {
    "actor_id": 12,
    "name": 40,
    "type": 16,
    "location": 20,
    "sector": 20,
    "size": 12,
    "source": 12,
    "target": 12,
    "round": 14,
    "relation": 18,
    "trust": 10,
    "weight": 10,
    "date": 14,
    "description": 60,
    "attribute": 20,
    "privacy": 12,
    "note": 60,
}

TRUST_SCALE = ", ".join(f"{value} = {label()}" for value, label in TRUST_LABELS.items())

INSTRUCTIONS = (
    ("Cluster survey workbook", ""),
    (
        "",
        "Fill in one workbook per cluster. Keep the sheet names and the column headers as they are. "
        "The sample survey surveys/sample/handloom_cluster.xlsx shows a filled workbook; "
        "docs/survey-format.md explains the format in full.",
    ),
    (
        "Before the survey",
        "List ALL organisations of the cluster on the actors sheet: firms, associations, "
        "public agencies, NGOs, training and design institutes, service providers, banks, "
        "buyers and suppliers. Show the list to every respondent: people asked from memory "
        "alone forget about a fifth of their ties.",
    ),
    (
        "During the survey",
        "Ask every actor about every other actor on the list. Each respondent reports its "
        "OWN ties only: who it works with, and how much it trusts each of them. Actors "
        "who do not answer stay on the actors sheet: the ties others report to them "
        "still count.",
    ),
    (
        "Across rounds",
        "Use the same actor_id for the same organisation in every round, and add new organisations with new ids.",
    ),
    ("", ""),
    ("Sheet actors", "One row per organisation of the cluster, whether it answered or not."),
    ("actor_id", "Short code that never changes between rounds, e.g. W01, COOP01, GOV01. Unique."),
    ("name", "Name of the organisation or household. Optional; the actor_id is shown when blank."),
    ("type", "Kind of actor: choose from the drop-down list (see the types below)."),
    (
        "other columns",
        "Any further column (here location, sector, size) is kept as a description of the "
        "actor and can be used to compare groups. Rename, delete or add such columns as "
        "needed.",
    ),
    ("", ""),
    ("Sheet ties", "One row per relationship that a respondent reports, and per kind of relationship."),
    ("source", "actor_id of the respondent who reports the tie."),
    ("target", "actor_id of the partner the respondent names. Must be on the actors sheet."),
    ("round", "Survey round, as written on the rounds sheet (e.g. baseline)."),
    (
        "relation",
        "Kind of relationship: choose from the drop-down list (see the relations below). "
        "If two actors have two kinds of relationship, write two rows.",
    ),
    (
        "trust",
        f"How much the respondent trusts the partner, a whole number from {TRUST_MIN} to {TRUST_MAX}: "
        f"{TRUST_SCALE}. Give the same rating on every row of one partner in a round. "
        "Leave blank only if the question was not asked.",
    ),
    (
        "weight",
        "How often the two work together, e.g. 1 = rarely to 5 = constantly. Any number 0 or more; leave blank for 1.",
    ),
    ("", ""),
    ("Sheet rounds", "One row per survey round, in any order."),
    ("round", "Short label of the round, e.g. baseline, midterm, endline."),
    ("date", "Date of the round, e.g. 2024-03-15. Rounds are put in order by date."),
    ("description", "What the round is, in a few words."),
    ("", ""),
    (
        "Sheet respondents",
        "One row per actor that answered the survey in a round, including actors that "
        "answered but reported no ties. If this sheet is left empty, only the actors that "
        "reported at least one tie count as respondents.",
    ),
    ("round", "Survey round, as on the rounds sheet."),
    ("actor_id", "actor_id of the respondent."),
    ("", ""),
    (
        "Sheet attributes",
        "Optional. One row per column of the actors sheet (here location, sector, size) whose privacy "
        "you decide yourself. A column not listed follows the rule: anonymised results keep a text column "
        f"only if each of its values, blank included, is held by at least k actors ({MIN_RATINGS_SHOWN} "
        "unless changed) and names no actor, and drop a column of numbers.",
    ),
    ("attribute", "Header of the actors column, as on the actors sheet."),
    ("privacy", "Choose from the drop-down list (see the privacy marks below)."),
    ("note", "Why you chose it, for the next person. Optional; not used in the analysis."),
    ("", ""),
    ("Actor types", ""),
    *((kind, str(meaning())) for kind, meaning in ACTOR_TYPES.items()),
    ("", ""),
    ("Relations", ""),
    *((relation, str(meaning())) for relation, meaning in RELATIONS.items()),
    ("", ""),
    ("Trust scale", ""),
    *((str(value), str(label())) for value, label in TRUST_LABELS.items()),
    ("", ""),
    ("Privacy marks", ""),
    *((mark, str(meaning())) for mark, meaning in ATTRIBUTE_PRIVACY.items()),
)
"""Rows of the instructions sheet: (term, explanation); a term with no explanation is a heading."""


def write_instructions(worksheet: Worksheet) -> None:
    """Two columns, term and explanation; headings in bold, long text wrapped."""
    worksheet.column_dimensions["A"].width = 22
    worksheet.column_dimensions["B"].width = 100
    for term, explanation in INSTRUCTIONS:
        worksheet.append([term, explanation])
        term_cell, explanation_cell = worksheet[worksheet.max_row]
        term_cell.font = Font(bold=True)
        term_cell.alignment = Alignment(vertical="top")
        explanation_cell.alignment = Alignment(wrap_text=True, vertical="top")
    worksheet["A1"].font = Font(bold=True, size=14)


def drop_down(values, title: str, prompt: str) -> DataValidation:
    """A list of recommended values; other values get a warning the user may override."""
    return DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        errorStyle="warning",
        showErrorMessage=True,
        errorTitle=f"Not a recommended {title}",
        error=f"This is not one of the recommended {title}s. Keep it only if none of the list fits "
        "(Yes keeps it, No lets you correct it).",
        showInputMessage=True,
        promptTitle=title.capitalize(),
        prompt=prompt,
    )


def add_validations(workbook: Workbook) -> None:
    """Drop-downs for actors.type, ties.relation and attributes.privacy; checks on ties.trust and ties.weight."""
    actor_type = drop_down(ACTOR_TYPES, "actor type", "Choose the kind of actor from the list.")
    workbook["actors"].add_data_validation(actor_type)
    actor_type.add(f"C2:C{LAST_ROW}")

    relation = drop_down(RELATIONS, "relation", "Choose the kind of relationship from the list.")
    workbook["ties"].add_data_validation(relation)
    relation.add(f"D2:D{LAST_ROW}")

    trust = DataValidation(
        type="whole",
        operator="between",
        formula1=str(TRUST_MIN),
        formula2=str(TRUST_MAX),
        allow_blank=True,
        errorStyle="stop",
        showErrorMessage=True,
        errorTitle="Trust out of scale",
        error=f"Trust is a whole number from {TRUST_MIN} to {TRUST_MAX}: {TRUST_SCALE}. "
        "Leave the cell blank if the question was not asked.",
        showInputMessage=True,
        promptTitle="Trust",
        prompt=f"{TRUST_MIN} ({TRUST_LABELS[TRUST_MIN]()}) to {TRUST_MAX} ({TRUST_LABELS[TRUST_MAX]()})",
    )
    workbook["ties"].add_data_validation(trust)
    trust.add(f"E2:E{LAST_ROW}")

    weight = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        errorStyle="stop",
        showErrorMessage=True,
        errorTitle="Weight must be a number",
        error="Weight is a number, 0 or more (e.g. 1 = rarely to 5 = constantly). Leave blank for 1.",
    )
    workbook["ties"].add_data_validation(weight)
    weight.add(f"F2:F{LAST_ROW}")

    privacy = DataValidation(
        type="list",
        formula1='"' + ",".join(ATTRIBUTE_PRIVACY) + '"',
        allow_blank=True,
        errorStyle="stop",
        showErrorMessage=True,
        errorTitle="Not a privacy mark",
        error="Privacy is " + " or ".join(ATTRIBUTE_PRIVACY) + ": choose from the list.",
        showInputMessage=True,
        promptTitle="Privacy",
        prompt="; ".join(f"{mark}: {meaning()}" for mark, meaning in ATTRIBUTE_PRIVACY.items()),
    )
    workbook["attributes"].add_data_validation(privacy)
    privacy.add(f"B2:B{LAST_ROW}")


def build_template() -> Workbook:
    workbook = Workbook()
    write_instructions(workbook.active)
    workbook.active.title = "instructions"
    for sheet, headers in SHEET_HEADERS.items():
        worksheet = workbook.create_sheet(sheet)
        worksheet.append(list(headers))
        format_header_row(worksheet, COLUMN_WIDTHS)
    # A column style rather than styled empty cells, which readers would take for filled rows.
    workbook["rounds"].column_dimensions["B"].number_format = "yyyy-mm-dd"
    add_validations(workbook)
    return workbook


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="workbook to write (default: surveys/template.xlsx)"
    )
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_workbook_reproducibly(build_template(), args.out)


if __name__ == "__main__":
    main()
