"""An export's answers turned into the survey's tables: ties, respondents, rounds, and free text to reconcile.

- **Submissions left out on the server** (not approved in KoboToolbox, rejected in ODK Central) are
  left out, and counted in the summary.
- **One respondent, one round, one submission**: when a respondent submitted twice in a round, the
  latest submission (by submission time, then by row) is kept, with a warning on each one left out.
- **One tie row per partner and relation**: a partner row whose ``relation`` holds
  ``information joint_action`` gives two rows with the same trust and weight.
- **One respondents row per accepted submission**, including those that named no partner: "we work
  with no one" is an answer (docs/survey-format.md).
- **Free text is never turned into ids**: the names written in ``other_partners`` (separated by ``;``)
  go to ``unmatched`` for the broker to reconcile.

Every answer that cannot be read is a problem naming the file, sheet, row and column: a respondent or
partner not on the roster, a blank respondent, round or relation, a trust outside 1-5 are errors; a
partner row the form left behind (no ``partner_id``, or an organisation no longer ticked) is left out
with a warning.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pandas as pd

from clusternet.fieldforms.answers import Answers, labels_problem
from clusternet.fieldforms.fields import (
    OTHER_PARTNERS,
    PARTNER_FIELDS,
    PARTNER_ID,
    PARTNERS,
    RELATION,
    RESPONDENT,
    ROUND,
    TRUST,
    WEIGHT,
)
from clusternet.fieldforms.roster import Roster
from clusternet.fieldforms.summary import ImportSummary
from clusternet.messages import Message, message
from clusternet.survey.cells import TRUST_SCALE_HINT, as_id, as_label, as_text, as_trust, as_weight, display, is_blank
from clusternet.survey.problems import ERROR, WARNING, Problem, Severity
from clusternet.survey.validation import WEIGHT_FIX

TIE_COLUMNS = ["source", "target", "round", "relation", "trust", "weight"]
UNMATCHED_COLUMNS = ["round", "respondent", "text"]
FREE_TEXT_SEPARATORS = re.compile(r"[;\n]")

CORRECT_AND_EXPORT_AGAIN = message(
    "fieldform.problem.correct_and_export_again",
    "correct the submission on the server (or in this file) and export again",
)
KEY_BLANK = message(
    "fieldform.problem.key_blank", "the submission has no key ({key}), so its partner rows cannot be found"
)
KEY_BLANK_FIX = message("fieldform.problem.key_blank.fix", "give the export as it was downloaded, unchanged")
RESPONDENT_BLANK = message("fieldform.problem.respondent_blank", "the respondent is blank")
RESPONDENT_UNKNOWN = message("fieldform.problem.respondent_unknown", 'the respondent "{actor}" is not on the roster')
NOT_ON_ROSTER_FIX = message(
    "fieldform.problem.not_on_roster.fix",
    "give the roster the form was made with (--roster), or add the organisation to it with this id",
)
ROUND_BLANK = message("fieldform.problem.round_blank", "the round is blank")
ROUND_BLANK_FIX = message(
    "fieldform.problem.round_blank.fix", "give the round of these submissions with --round, or correct the submission"
)
NO_ROUND_COLUMN = message("fieldform.problem.no_round_column", "the export has no round column")
NO_ROUND_COLUMN_FIX = message("fieldform.problem.no_round_column.fix", "give the round with --round")
SUBMITTED_AGAIN = message(
    "fieldform.problem.submitted_again",
    '"{actor}" submitted again in round {round} (row {kept_row}); this earlier submission is left out',
)
SUBMITTED_AGAIN_FIX = message(
    "fieldform.problem.submitted_again.fix",
    "check with the field team which answers are right; to keep this one, reject the other on the server and "
    "import again",
)
ORPHAN_PARTNER_ROW = message(
    "fieldform.problem.orphan_partner_row",
    "this partner row belongs to no submission of the export (key {key}); it is left out",
)
PARTNER_BLANK = message(
    "fieldform.problem.partner_blank",
    "this partner row has no partner_id (the respondent unticked organisations after answering about them); "
    "it is left out",
)
PARTNER_NOT_TICKED = message(
    "fieldform.problem.partner_not_ticked",
    '"{partner}" is not among the organisations ticked in this submission (row {row}); this partner row is left out',
)
PARTNER_UNKNOWN = message("fieldform.problem.partner_unknown", 'the partner "{partner}" is not on the roster')
PARTNER_IS_RESPONDENT = message(
    "fieldform.problem.partner_is_respondent", '"{actor}" names itself as a partner; this partner row is left out'
)
RELATION_BLANK = message("fieldform.problem.relation_blank", "no relation was ticked for this partner")


@dataclass(frozen=True)
class Imported:
    """The survey tables of an export: ``ties`` (``source``, ``target``, ``round``, ``relation``,
    ``trust``, ``weight``), ``respondents`` (``round``, ``actor_id``), ``rounds`` (``round``, ``date``:
    the day of the round's first accepted submission), ``unmatched`` (``round``, ``respondent``,
    ``text``) and the summary."""

    ties: pd.DataFrame
    respondents: pd.DataFrame
    rounds: pd.DataFrame
    unmatched: pd.DataFrame
    summary: ImportSummary


def submitted_at(cell: object) -> datetime | None:
    """A submission time as the platforms write it (ISO text, ``Z`` or an offset, or a date cell), in UTC."""
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, str) and cell.strip():
        try:
            moment = datetime.fromisoformat(cell.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


@dataclass(frozen=True)
class Submission:
    """One accepted submission, read: its row, key, time (UTC), respondent, round, the organisations it
    ticked (None when the export has no ``partners`` column) and its free text."""

    row: int
    key: object
    moment: datetime | None
    respondent: str
    round: str
    ticked: frozenset[str] | None
    other_partners: object


class _Collector:
    """Problems of one export, located in its sheets with the headers as written."""

    def __init__(self, answers: Answers, problems: list[Problem]) -> None:
        self.answers = answers
        self.problems = problems

    def submission(self, severity: Severity, row: int, field: str | None, value: object, *texts: Message) -> None:
        column = None if field is None else self.answers.submission_headers.get(field, field)
        self._add(severity, self.answers.submissions_where, row, column, value, texts)

    def partner(self, severity: Severity, row: int, field: str | None, value: object, *texts: Message) -> None:
        column = None if field is None else self.answers.partner_headers.get(field, field)
        self._add(severity, self.answers.partners_where, row, column, value, texts)

    def _add(
        self, severity: Severity, where: str, row: int, column: str | None, value: object, texts: tuple[Message, ...]
    ) -> None:
        fix = texts[1] if len(texts) > 1 else None
        shown = None if is_blank(value) else display(value)
        self.problems.append(Problem(severity, where, row, column, shown, texts[0], fix))

    @property
    def errors(self) -> int:
        return sum(problem.severity == ERROR for problem in self.problems)


def imported_rounds(
    answers: Answers, roster: Roster, problems: list[Problem], round_label: str | None = None
) -> Imported | None:
    """The survey tables of ``answers`` on ``roster``; None when an error was found (every problem is
    appended to ``problems``). ``round_label`` is the round of submissions without a round answer."""
    collect = _Collector(answers, problems)
    errors_before = collect.errors
    table = answers.submissions
    kept = table.loc[~table["excluded"].astype(bool)]
    accepted = _accepted_submissions(kept, roster, round_label, collect)
    if accepted is None or collect.errors > errors_before:
        return None
    latest = _latest_per_respondent(accepted, collect)
    ties, partners, left_out = _ties(latest, set(table["key"]), answers.partners, roster, collect)
    if collect.errors > errors_before:
        return None
    respondents = pd.DataFrame(
        [(submission.round, submission.respondent) for submission in latest], columns=["round", "actor_id"]
    )
    first_day: dict[str, date | None] = {}
    for submission in latest:
        day = None if submission.moment is None else submission.moment.date()
        known = first_day.get(submission.round)
        first_day[submission.round] = day if known is None or (day is not None and day < known) else known
    rounds = pd.DataFrame(list(first_day.items()), columns=["round", "date"])
    rounds = rounds.sort_values("date", na_position="last", kind="stable").reset_index(drop=True)
    unmatched = _unmatched(latest)
    counts = respondents.groupby("round", sort=False).size()
    summary = ImportSummary(
        source=answers.source,
        platform=answers.platform,
        read=len(table),
        accepted=len(latest),
        excluded=len(table) - len(kept),
        replaced=len(accepted) - len(latest),
        partners=partners,
        partner_rows_left_out=left_out,
        ties=len(ties),
        unmatched=len(unmatched),
        respondents=tuple((str(label), int(count)) for label, count in counts.items()),
        actors=len(roster.actors),
    )
    return Imported(ties, respondents, rounds, unmatched, summary)


def _accepted_submissions(
    kept: pd.DataFrame, roster: Roster, round_label: str | None, collect: _Collector
) -> list[Submission] | None:
    """The submissions kept on the server, read; an error for each that cannot be. None when the export
    cannot be read at all (labels instead of ids, no round)."""
    ids = roster.ids
    names = set(roster.actors["name"].astype(str)) - ids
    if ROUND not in kept.columns and round_label is None and len(kept):
        where = collect.answers.submissions_where
        collect.problems.append(Problem(ERROR, where, None, None, None, NO_ROUND_COLUMN(), NO_ROUND_COLUMN_FIX()))
        return None
    blanks = [None] * len(kept)
    accepted = []
    for row, key, submitted, respondent_cell, round_cell, ticked_cell, other_partners in zip(
        kept["row"],
        kept["key"],
        kept["submitted"],
        kept[RESPONDENT],
        kept[ROUND] if ROUND in kept.columns else blanks,
        kept[PARTNERS] if PARTNERS in kept.columns else blanks,
        kept[OTHER_PARTNERS] if OTHER_PARTNERS in kept.columns else blanks,
    ):
        respondent, _ = as_id(respondent_cell)
        label = as_id(round_cell)[0] or round_label
        if is_blank(key):
            collect.submission(ERROR, row, None, None, KEY_BLANK(key=collect.answers.platform), KEY_BLANK_FIX())
        if respondent is None:
            collect.submission(ERROR, row, RESPONDENT, None, RESPONDENT_BLANK(), CORRECT_AND_EXPORT_AGAIN())
        elif respondent not in ids:
            if respondent in names:
                collect.problems.append(labels_problem(collect.answers.submissions_where, row))
                return None
            collect.submission(
                ERROR, row, RESPONDENT, respondent, RESPONDENT_UNKNOWN(actor=respondent), NOT_ON_ROSTER_FIX()
            )
        if label is None:
            collect.submission(ERROR, row, ROUND, None, ROUND_BLANK(), ROUND_BLANK_FIX())
        if respondent is None or label is None:
            continue
        ticked = None
        if PARTNERS in kept.columns:
            ticked = frozenset() if is_blank(ticked_cell) else frozenset(as_text(ticked_cell).split())
        accepted.append(Submission(row, key, submitted_at(submitted), respondent, label, ticked, other_partners))
    return accepted


def _latest_per_respondent(accepted: list[Submission], collect: _Collector) -> list[Submission]:
    """One submission per respondent and round: the latest, with a warning on each one left out."""

    def order(at: int) -> tuple[float, int]:
        moment = accepted[at].moment
        return (moment.timestamp() if moment is not None else -math.inf, at)

    latest: dict[tuple[str, str], int] = {}
    for at in sorted(range(len(accepted)), key=order):
        latest[(accepted[at].round, accepted[at].respondent)] = at
    chosen = set(latest.values())
    for at, submission in enumerate(accepted):
        if at in chosen:
            continue
        kept = accepted[latest[(submission.round, submission.respondent)]]
        again = SUBMITTED_AGAIN(actor=submission.respondent, round=submission.round, kept_row=kept.row)
        collect.submission(WARNING, submission.row, RESPONDENT, submission.respondent, again, SUBMITTED_AGAIN_FIX())
    return [submission for at, submission in enumerate(accepted) if at in chosen]


def _ties(
    latest: list[Submission], all_keys: set[object], partner_rows: pd.DataFrame, roster: Roster, collect: _Collector
) -> tuple[pd.DataFrame, int, int]:
    """The tie rows of the kept submissions' partner rows; also the partners named and the rows left out."""
    by_key = {submission.key: submission for submission in latest}
    ids = roster.ids
    records: list[tuple[object, ...]] = []
    partners = left_out = 0
    blanks = [None] * len(partner_rows)
    cells = {name: partner_rows[name] if name in partner_rows.columns else blanks for name in PARTNER_FIELDS}
    for row, key, partner_cell, relation_cell, trust_cell, weight_cell in zip(
        partner_rows["row"], partner_rows["key"], *(cells[name] for name in PARTNER_FIELDS)
    ):
        submission = by_key.get(key)
        if submission is None:
            if key not in all_keys:
                collect.partner(WARNING, row, None, key, ORPHAN_PARTNER_ROW(key=display(key)))
                left_out += 1
            continue  # a row of a submission left out, counted with it
        partner, _ = as_id(partner_cell)
        if partner is None:
            collect.partner(WARNING, row, PARTNER_ID, None, PARTNER_BLANK())
            left_out += 1
            continue
        if submission.ticked and partner not in submission.ticked:
            collect.partner(WARNING, row, PARTNER_ID, partner, PARTNER_NOT_TICKED(partner=partner, row=submission.row))
            left_out += 1
            continue
        if partner not in ids:
            collect.partner(ERROR, row, PARTNER_ID, partner, PARTNER_UNKNOWN(partner=partner), NOT_ON_ROSTER_FIX())
            continue
        if partner == submission.respondent:
            collect.partner(WARNING, row, PARTNER_ID, partner, PARTNER_IS_RESPONDENT(actor=partner))
            left_out += 1
            continue
        relations = [] if is_blank(relation_cell) else [as_label(code) for code in as_text(relation_cell).split()]
        trust, trust_problem = as_trust(trust_cell)
        weight, weight_problem = as_weight(weight_cell)
        if not relations:
            collect.partner(ERROR, row, RELATION, None, RELATION_BLANK(), CORRECT_AND_EXPORT_AGAIN())
        if trust_problem is not None:
            collect.partner(ERROR, row, TRUST, trust_cell, trust_problem, TRUST_SCALE_HINT)
        if weight_problem is not None:
            collect.partner(ERROR, row, WEIGHT, weight_cell, weight_problem, WEIGHT_FIX())
        partners += 1
        weight_kept = None if is_blank(weight_cell) else weight
        for relation in dict.fromkeys(relations):
            records.append((submission.respondent, partner, submission.round, relation, trust, weight_kept))
    return pd.DataFrame(records, columns=TIE_COLUMNS), partners, left_out


def _unmatched(latest: list[Submission]) -> pd.DataFrame:
    """Every name written in ``other_partners``, one row each, as written (stripped)."""
    records = [
        (submission.round, submission.respondent, name.strip())
        for submission in latest
        if not is_blank(submission.other_partners)
        for name in FREE_TEXT_SEPARATORS.split(as_text(submission.other_partners))
        if name.strip()
    ]
    return pd.DataFrame(records, columns=UNMATCHED_COLUMNS)
