"""Scenarios: the actions a broker wants to try on the network first, read and checked as steps.

A scenario is a table (a CSV file, or the sheet ``scenario`` of a workbook) with the columns
``step, op, source, target, relation, trust, actor_id, type, note`` (docs/whatif.md). Each row is
one :class:`Operation`; rows that share a step number form one :class:`Step`, applied together,
steps in the order of their numbers. Without step numbers every row is a step of its own.

Everything wrong is collected before anything is applied (:class:`ScenarioError` carries every
problem, each naming the file, row and column): an unknown operation, a missing field, an actor the
survey does not have (or that an earlier step removed), a trust outside the scale. Actors are
followed from step to step, so a later row may name an actor that an ``add_actor`` step adds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from clusternet.graph import Selection
from clusternet.messages import Actor, Message, message
from clusternet.rounds.network import JOINT_ACTION
from clusternet.survey import Survey
from clusternet.survey.cells import TRUST_SCALE_HINT, as_id, as_label, as_number, as_text, as_trust, is_blank
from clusternet.survey.columns import NOT_READ, UNKNOWN_FIX
from clusternet.survey.problems import ERROR, WARNING, Problem, Severity, format_problems
from clusternet.survey.reading import (
    CSV_SUFFIXES,
    NO_SUCH_PATH,
    WORKBOOK_SUFFIXES,
    RawTable,
    read_csv_table,
    read_every_sheet,
    read_file_bytes,
)
from clusternet.survey.schema import canonical_name

ADD_TIE, ADD_ARC, REMOVE_TIE = "add_tie", "add_arc", "remove_tie"
ADD_ACTOR, REMOVE_ACTOR, JOIN_ACTION = "add_actor", "remove_actor", "join_action"
OPERATIONS = (ADD_TIE, ADD_ARC, REMOVE_TIE, REMOVE_ACTOR, ADD_ACTOR, JOIN_ACTION)
"""Every operation a scenario row may hold, as the interface names them."""

SCENARIO_COLUMNS = ("step", "op", "source", "target", "relation", "trust", "actor_id", "type", "note")
"""The columns of a scenario, in the interface's order."""
PLAN_COLUMNS = (*SCENARIO_COLUMNS, "gap_key")
"""The columns of a plan: a scenario whose rows may say which gap (``key`` of ``gaps.csv``) they answer."""
SCENARIO_SHEET = "scenario"
"""The sheet of a workbook that holds a scenario."""
ACTOR_SEPARATOR = ";"
"""Separates the actors of a ``join_action`` in its ``actor_id`` cell."""

REQUIRED = {
    ADD_TIE: ("source", "target", "relation"),
    ADD_ARC: ("source", "target", "relation"),
    REMOVE_TIE: ("source", "target"),
    REMOVE_ACTOR: ("actor_id",),
    ADD_ACTOR: ("actor_id", "type"),
    JOIN_ACTION: ("actor_id",),
}
"""The fields each operation needs; a blank relation of ``remove_tie`` removes every relation."""

UNKNOWN_OPERATION = message("whatif.problem.unknown_operation", 'there is no operation "{value}"')
UNKNOWN_OPERATION_FIX = message("whatif.problem.unknown_operation.fix", "use one of {operations}")
MISSING_FIELD = message("whatif.problem.missing_field", "the operation {op} needs a value in {column}")
MISSING_ACTOR_FIX = message("whatif.problem.missing_field.actor.fix", "write an actor_id of the survey")
MISSING_NEW_ACTOR_FIX = message(
    "whatif.problem.missing_field.new_actor.fix", "give the new actor an id that the survey does not use yet"
)
MISSING_RELATION_FIX = message(
    "whatif.problem.missing_field.relation.fix", "write the kind of tie; the survey's relations are {relations}"
)
MISSING_TYPE_FIX = message(
    "whatif.problem.missing_field.type.fix", "write the new actor's type, for example firm or association"
)
UNKNOWN_ACTOR = message("whatif.problem.unknown_actor", 'there is no actor "{actor}" in the survey')
UNKNOWN_ACTOR_FIX = message(
    "whatif.problem.unknown_actor.fix", "use an actor_id of the actors sheet, or add the actor first with add_actor"
)
REMOVED_ACTOR = message("whatif.problem.removed_actor", '"{actor}" was removed by step {step}')
REMOVED_ACTOR_FIX = message("whatif.problem.removed_actor.fix", "move this row before that step, or leave it out")
ACTOR_EXISTS = message("whatif.problem.actor_exists", 'there is already an actor "{actor}"')
ACTOR_EXISTS_FIX = message("whatif.problem.actor_exists.fix", "give the new actor an id of its own")
SAME_ACTOR = message("whatif.problem.same_actor", '"{actor}" is both source and target')
SAME_ACTOR_FIX = message("whatif.problem.same_actor.fix", "name two different actors")
TOO_FEW_IN_JOINT_ACTION = message(
    "whatif.problem.too_few_in_joint_action", "a joint action needs two or more different actors"
)
TOO_FEW_IN_JOINT_ACTION_FIX = message(
    "whatif.problem.too_few_in_joint_action.fix", "list their ids in actor_id, separated by ;"
)
NOT_A_STEP = message("whatif.problem.not_a_step", '"{value}" is not a step number')
NOT_A_STEP_FIX = message(
    "whatif.problem.not_a_step.fix",
    "number the steps 1, 2, 3, ...; the rows of one step share its number (or leave every step blank)",
)
NO_OPERATION_COLUMN = message("whatif.problem.no_operation_column", 'the scenario has no column "op"')
NO_OPERATION_COLUMN_FIX = message(
    "whatif.problem.no_operation_column.fix", "the header row needs the columns {columns}"
)
NO_STEPS = message("whatif.problem.no_steps", "the scenario has no rows")
NO_STEPS_FIX = message("whatif.problem.no_steps.fix", "write one row per operation below the header row")
NO_SCENARIO_SHEET = message("whatif.problem.no_scenario_sheet", 'the workbook has no sheet "scenario"')
NO_SCENARIO_SHEET_FIX = message(
    "whatif.problem.no_scenario_sheet.fix", 'name the sheet that holds the steps "scenario", or save it as CSV'
)
NOT_A_SCENARIO_FILE = message(
    "whatif.problem.not_a_scenario_file", "a scenario is a .csv file or an .xlsx workbook with a sheet scenario"
)
NOT_A_SCENARIO_FILE_FIX = message(
    "whatif.problem.not_a_scenario_file.fix", "save the steps as CSV, or give the workbook that holds them"
)
NO_SCENARIO_PATH_FIX = message("whatif.problem.no_path.fix", "check the spelling, or give the full path to the file")
RELATION_NOT_SELECTED = message(
    "whatif.problem.relation_not_selected",
    'the relation "{relation}" is not among the selected relations ({relations}), so this tie changes no KPI',
)
RELATION_NOT_SELECTED_FIX = message(
    "whatif.problem.relation_not_selected.fix", "select it too with --relation, or use a selected relation"
)
BELOW_TRUST_FLOOR = message(
    "whatif.problem.below_trust_floor",
    "the selection keeps only ties rated {min_trust} or more, so this tie, rated {trust}, changes no KPI",
)
UNRATED_BELOW_TRUST_FLOOR = message(
    "whatif.problem.below_trust_floor.unrated",
    "the selection keeps only ties rated {min_trust} or more, so this tie, not rated, changes no KPI",
)
BELOW_TRUST_FLOOR_FIX = message(
    "whatif.problem.below_trust_floor.fix", "give the tie a trust of {min_trust} or more, or drop --min-trust"
)
NEW_RELATION = message(
    "whatif.problem.new_relation", 'the survey has no relation "{relation}"; the tie is added as a new relation'
)
NEW_RELATION_FIX = message(
    "whatif.problem.new_relation.fix", "check the spelling: the survey's relations are {relations}"
)
SCENARIO_REFUSED = message("whatif.problem.refused", "the scenario cannot be applied:")


@dataclass(frozen=True)
class Operation:
    """One row of a scenario: an operation on the round's ties or actors.

    ``actors`` holds the ``actor_id`` cell: one id, or several for ``join_action``; ``row`` is the
    row of the file (header on row 1), for problems found when it is applied.
    """

    op: str
    source: str | None = None
    target: str | None = None
    relation: str | None = None
    trust: int | None = None
    actors: tuple[str, ...] = ()
    type: str | None = None
    note: str = ""
    gap_key: str = ""
    row: int | None = None


@dataclass(frozen=True)
class Step:
    """The operations applied together as one step of a scenario, numbered as in the scenario (1 or more)."""

    number: int
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class Scenario:
    """Checked steps in the order they are applied, where they come from, and what the user should know."""

    steps: tuple[Step, ...]
    where: str = ""
    warnings: tuple[Problem, ...] = ()


class ScenarioError(Exception):
    """A scenario that cannot be applied, with every problem found in it (errors and warnings).

    The command line prints ``problems`` with :func:`~clusternet.survey.problems.format_problems`;
    the app shows them as a table.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(SCENARIO_REFUSED()) + "\n" + format_problems(self.problems))


def load_scenario(path: str | Path, survey: Survey, selection: Selection) -> Scenario:
    """The scenario of a CSV file or of the sheet ``scenario`` of a workbook, checked against the
    selected round of ``survey``; raises :class:`ScenarioError` with every problem found."""
    problems: list[Problem] = []
    table = read_scenario_table(Path(path), problems)
    if table is None:
        raise ScenarioError(problems)
    return scenario_from_table(table, survey, selection, problems)


def read_scenario_table(path: Path, problems: list[Problem]) -> RawTable | None:
    """The scenario's rows as written, or None after adding the problem to ``problems``."""
    where = str(path)
    if not path.is_file():
        problems.append(Problem(ERROR, where, None, None, None, NO_SUCH_PATH(), NO_SCENARIO_PATH_FIX()))
        return None
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + WORKBOOK_SUFFIXES:
        problems.append(Problem(ERROR, where, None, None, None, NOT_A_SCENARIO_FILE(), NOT_A_SCENARIO_FILE_FIX()))
        return None
    data = read_file_bytes(path, problems)
    if data is None:
        return None
    if suffix in CSV_SUFFIXES:
        return read_csv_table(data, path.name, problems)
    return _scenario_sheet(data, path.name, problems)


def _scenario_sheet(data: bytes, name: str, problems: list[Problem]) -> RawTable | None:
    """The sheet ``scenario`` of a workbook, read as survey sheets are (bounded, damage named)."""
    tables = read_every_sheet(data, name, problems)
    if tables is None:
        return None
    found = next((table for title, table in tables.items() if canonical_name(title) == SCENARIO_SHEET), None)
    if found is None:
        problems.append(Problem(ERROR, name, None, None, None, NO_SCENARIO_SHEET(), NO_SCENARIO_SHEET_FIX()))
    return found


def scenario_from_table(
    table: RawTable, survey: Survey, selection: Selection, problems: list[Problem] | None = None
) -> Scenario:
    """The checked scenario of a table as written (see the module's docstring); raises
    :class:`ScenarioError` with every problem of the table (and those already in ``problems``)."""
    problems = [] if problems is None else problems
    columns = _Columns(table, problems)
    if "op" not in columns.positions:
        problems.append(
            Problem(
                ERROR,
                table.where,
                table.header_row,
                None,
                None,
                NO_OPERATION_COLUMN(),
                NO_OPERATION_COLUMN_FIX(columns=", ".join(SCENARIO_COLUMNS)),
            )
        )
        raise ScenarioError(problems)
    if not table.rows:
        problems.append(Problem(ERROR, table.where, None, None, None, NO_STEPS(), NO_STEPS_FIX()))
        raise ScenarioError(problems)
    unnumbered = all(is_blank(columns.cell(values, "step")) for _, values in table.rows)
    rows: list[tuple[int, int, Operation]] = []
    for position, (row, values) in enumerate(table.rows, start=1):
        number = position if unnumbered else columns.step_number(row, values)
        operation = columns.operation(row, values)
        if number is not None and operation is not None:
            rows.append((number, row, operation))
    return checked_scenario(rows, survey, selection, table.where, problems)


class _Columns:
    """The columns of a scenario table by canonical name, and its cells read as operation fields;
    every problem of a cell goes to ``problems``."""

    def __init__(self, table: RawTable, problems: list[Problem]) -> None:
        self.where = table.where
        self.problems = problems
        self.positions = {canonical_name(header): at for at, header in enumerate(table.headers) if header}
        for header in table.headers:
            if header and canonical_name(header) not in PLAN_COLUMNS:
                problems.append(
                    Problem(
                        WARNING,
                        table.where,
                        table.header_row,
                        header,
                        None,
                        NOT_READ(column=header, sheet=SCENARIO_SHEET),
                        UNKNOWN_FIX(columns=", ".join(SCENARIO_COLUMNS)),
                    )
                )

    def cell(self, values: Sequence[object], column: str) -> object:
        return values[self.positions[column]] if column in self.positions else None

    def text(self, values: Sequence[object], column: str) -> str:
        value = self.cell(values, column)
        return "" if is_blank(value) else as_text(value)

    def step_number(self, row: int, values: Sequence[object]) -> int | None:
        number = as_number(self.cell(values, "step"))
        if number is None or not number.is_integer() or number < 1:
            value = self.text(values, "step")
            self.problems.append(
                Problem(ERROR, self.where, row, "step", value, NOT_A_STEP(value=value), NOT_A_STEP_FIX())
            )
            return None
        return int(number)

    def operation(self, row: int, values: Sequence[object]) -> Operation | None:
        """The row as an operation, or None after noting why it is none (an unknown op, a bad trust)."""
        op = as_label(self.cell(values, "op"))
        if op not in OPERATIONS:
            value = self.text(values, "op")
            self.problems.append(
                Problem(
                    ERROR,
                    self.where,
                    row,
                    "op",
                    value,
                    UNKNOWN_OPERATION(value=value),
                    UNKNOWN_OPERATION_FIX(operations=", ".join(OPERATIONS)),
                )
            )
            return None
        trust, reason = as_trust(self.cell(values, "trust"))
        if reason is not None:
            self.problems.append(
                Problem(ERROR, self.where, row, "trust", self.text(values, "trust"), reason, TRUST_SCALE_HINT)
            )
            return None
        listed = (as_id(part)[0] for part in self.text(values, "actor_id").split(ACTOR_SEPARATOR))
        return Operation(
            op,
            source=as_id(self.cell(values, "source"))[0],
            target=as_id(self.cell(values, "target"))[0],
            relation=as_label(self.cell(values, "relation")),
            trust=trust,
            actors=tuple(actor for actor in listed if actor is not None),
            type=as_label(self.cell(values, "type")),
            note=self.text(values, "note"),
            gap_key=self.text(values, "gap_key"),
            row=row,
        )


def checked_scenario(
    rows: Iterable[tuple[int, int, Operation]],
    survey: Survey,
    selection: Selection,
    where: str,
    problems: list[Problem] | None = None,
) -> Scenario:
    """The scenario of ``(step number, row, operation)`` triples, checked step by step against the
    selected round of ``survey``: the fields each operation needs, and that every actor it names
    exists at that step. Raises :class:`ScenarioError` when any problem is an error."""
    problems = [] if problems is None else problems
    ordered = sorted(rows, key=lambda item: item[0])  # stable: a step's rows keep their order
    check = _Check(survey, selection.resolved(survey), where, problems)
    for number, row, operation in ordered:
        check.operation(number, row, operation)
    if any(problem.severity == ERROR for problem in problems):
        raise ScenarioError(problems)
    steps: dict[int, list[Operation]] = {}
    for number, _, operation in ordered:
        steps.setdefault(number, []).append(operation)
    return Scenario(
        tuple(Step(number, tuple(operations)) for number, operations in steps.items()),
        where,
        tuple(problems),
    )


class _Check:
    """Follows the actors from step to step and notes what is wrong with each operation."""

    def __init__(self, survey: Survey, selection: Selection, where: str, problems: list[Problem]) -> None:
        self.actors = set(survey.actors["actor_id"])
        self.removed: dict[str, int] = {}
        self.relations = survey.relation_labels
        self.selected = selection.relations
        self.min_trust = selection.min_trust
        self.where = where
        self.problems = problems

    def add(
        self,
        row: int,
        column: str,
        value: str | None,
        problem: Message,
        fix: Message,
        severity: Severity = ERROR,
    ) -> None:
        self.problems.append(Problem(severity, self.where, row, column, value, problem, fix))

    def operation(self, number: int, row: int, operation: Operation) -> None:
        fields = {
            "source": operation.source,
            "target": operation.target,
            "relation": operation.relation,
            "actor_id": ACTOR_SEPARATOR.join(operation.actors) or None,
            "type": operation.type,
        }
        missing = [column for column in REQUIRED[operation.op] if fields[column] is None]
        for column in missing:
            fix = MISSING_NEW_ACTOR_FIX() if operation.op == ADD_ACTOR and column == "actor_id" else None
            self.add(row, column, "", MISSING_FIELD(op=operation.op, column=column), fix or self._missing_fix(column))
        if missing:
            return
        if operation.op == ADD_ACTOR:
            for actor in operation.actors:
                if actor in self.actors:
                    self.add(row, "actor_id", actor, ACTOR_EXISTS(actor=Actor(actor)), ACTOR_EXISTS_FIX())
                self.actors.add(actor)
                self.removed.pop(actor, None)
            return
        named = [("source", operation.source), ("target", operation.target)]
        if operation.op in (REMOVE_ACTOR, JOIN_ACTION):
            named = [("actor_id", actor) for actor in operation.actors]
        known = [self._exists(row, column, actor) for column, actor in named]  # each unknown actor named
        if not all(known):
            return
        if operation.op == REMOVE_ACTOR:
            for actor in operation.actors:
                self.actors.discard(actor)
                self.removed[actor] = number
        elif operation.op == JOIN_ACTION:
            if len(set(operation.actors)) < 2:
                self.add(row, "actor_id", fields["actor_id"], TOO_FEW_IN_JOINT_ACTION(), TOO_FEW_IN_JOINT_ACTION_FIX())
            else:
                self._counted(row, JOINT_ACTION, operation.trust)
        elif operation.source == operation.target:
            self.add(row, "target", operation.target, SAME_ACTOR(actor=Actor(str(operation.source))), SAME_ACTOR_FIX())
        elif operation.op in (ADD_TIE, ADD_ARC):
            self._counted(row, str(operation.relation), operation.trust)

    def _exists(self, row: int, column: str, actor: str | None) -> bool:
        if actor is None or actor in self.actors:
            return True
        if actor in self.removed:
            self.add(
                row,
                column,
                actor,
                REMOVED_ACTOR(actor=Actor(actor), step=self.removed[actor]),
                REMOVED_ACTOR_FIX(),
            )
        else:  # not an actor of the survey: written as typed, never as a name
            self.add(row, column, actor, UNKNOWN_ACTOR(actor=actor), UNKNOWN_ACTOR_FIX())
        return False

    def _counted(self, row: int, relation: str, trust: int | None) -> None:
        """Warn when the ties a row adds will not count: the selection leaves their relation out, the
        relation is new, or the selection's trust floor drops them."""
        listed = ", ".join(self.relations)
        if self.selected is not None and relation not in self.selected:
            selected = ", ".join(self.selected)
            self.add(
                row,
                "relation",
                relation,
                RELATION_NOT_SELECTED(relation=relation, relations=selected),
                RELATION_NOT_SELECTED_FIX(),
                WARNING,
            )
        elif relation not in self.relations and relation != JOINT_ACTION:
            self.add(
                row, "relation", relation, NEW_RELATION(relation=relation), NEW_RELATION_FIX(relations=listed), WARNING
            )
        if self.min_trust is not None and (trust is None or trust < self.min_trust):
            problem = (
                UNRATED_BELOW_TRUST_FLOOR(min_trust=self.min_trust)
                if trust is None
                else BELOW_TRUST_FLOOR(min_trust=self.min_trust, trust=trust)
            )
            value = "" if trust is None else str(trust)
            self.add(row, "trust", value, problem, BELOW_TRUST_FLOOR_FIX(min_trust=self.min_trust), WARNING)

    def _missing_fix(self, column: str) -> Message:
        if column == "relation":
            return MISSING_RELATION_FIX(relations=", ".join(self.relations))
        if column == "type":
            return MISSING_TYPE_FIX()
        return MISSING_ACTOR_FIX()


def scenario_of(steps: Iterable[Step], survey: Survey, selection: Selection, where: str = "") -> Scenario:
    """Steps written by a program (the What-if page, the gaps) checked as a scenario, each operation
    numbered by the row it takes in their plan (:func:`plan_table`, header on row 1), so that a
    problem names the row of the downloaded plan; raises :class:`ScenarioError` as
    :func:`checked_scenario` does."""
    rows = [
        (step.number, row, replace(operation, row=row))
        for row, (step, operation) in enumerate(
            ((step, operation) for step in steps for operation in step.operations), start=2
        )
    ]
    return checked_scenario(rows, survey, selection, where)


def plan_table(steps: Iterable[Step], actor_key: Callable[[str], str] = str, gap_keys: bool = True) -> pd.DataFrame:
    """The steps as a plan: one row per operation with the columns :data:`PLAN_COLUMNS`, actors as
    ``actor_key`` writes them (their ids, or their codes for an anonymised audience), so that it can
    be run again as a scenario and taken into the facilitation log. ``gap_keys`` False leaves the
    gaps' keys blank (they hold ids)."""
    rows = [
        {
            "step": step.number,
            "op": operation.op,
            "source": None if operation.source is None else actor_key(operation.source),
            "target": None if operation.target is None else actor_key(operation.target),
            "relation": operation.relation,
            "trust": operation.trust,
            "actor_id": ACTOR_SEPARATOR.join(actor_key(actor) for actor in operation.actors) or None,
            "type": operation.type,
            "note": operation.note,
            "gap_key": operation.gap_key if gap_keys else "",
        }
        for step in steps
        for operation in step.operations
    ]
    table = pd.DataFrame(rows, columns=list(PLAN_COLUMNS))
    table["trust"] = table["trust"].astype("Int64")
    return table
