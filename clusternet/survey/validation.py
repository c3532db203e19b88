"""Check the raw tables of a survey and turn them into a :class:`Survey`.

Every problem of every sheet is collected before anything is raised, so that a field team fixes
a file in one pass. Rows with an error are never dropped quietly: the survey is refused and the
problem names the row. Warnings (a repeated tie row counted once, spaces stripped from an id)
describe what was done so that nothing changes unseen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusternet.survey.cells import (
    TRUST_SCALE_HINT,
    as_attribute_column,
    as_date,
    as_id,
    as_label,
    as_text,
    as_trust,
    as_weight,
    display,
    is_blank,
    read_each,
)
from clusternet.survey.model import Survey
from clusternet.survey.problems import ERROR, WARNING, Problem
from clusternet.survey.reading import RawSurvey, RawTable
from clusternet.survey.schema import (
    ACTORS,
    SHEETS,
    TIES,
    SheetSpec,
    canonical_name,
    near_matches,
)
from clusternet.survey.vocabulary import (
    ACTOR_TYPES,
    DEFAULT_RELATION,
    DEFAULT_ROUND,
    UNKNOWN_TYPE,
)


@dataclass(frozen=True)
class Columns:
    """Where the columns of a sheet are: canonical name -> (index, header as written)."""

    table: RawTable
    positions: dict[str, tuple[int, str]]

    def __contains__(self, name: str) -> bool:
        return name in self.positions

    def header(self, name: str) -> str:
        return self.positions[name][1]

    def value(self, values: tuple, name: str) -> object:
        return values[self.positions[name][0]] if name in self.positions else None

    def extra(self, spec: SheetSpec) -> list[str]:
        """Columns beyond the format's own, in file order."""
        return [name for name in self.positions if name not in spec.columns]

    def cells(self, name: str) -> list:
        """Every row's cell of a column (None for every row when the column is absent)."""
        if name not in self.positions:
            return [None] * len(self.table.rows)
        index = self.positions[name][0]
        return [values[index] for _, values in self.table.rows]

    def read(self, name: str, reader) -> list:
        """``reader(cell)`` for every row's cell of a column, each distinct cell read once."""
        return read_each(self.cells(name), reader)


def sheet_label(raw: RawSurvey, name: str) -> str:
    return f"{name}.csv" if raw.kind == "folder" else f"sheet {name}"


def locate_sheets(raw: RawSurvey, problems: list[Problem]) -> dict[str, RawTable]:
    """The format's sheets found in the source; missing required ones are errors."""
    found = {}
    for spec in SHEETS:
        if spec.name in raw.tables:
            found[spec.name] = raw.tables[spec.name]
            continue
        if spec.name in raw.names or not spec.required:
            continue  # present but unreadable (already reported), or optional and absent
        others = [written for key, written in raw.names.items() if key not in {s.name for s in SHEETS}]
        suggestions = near_matches(spec.name, others)
        wanted = sheet_label(raw, spec.name)
        fix = (
            f'rename "{suggestions[0]}" to "{spec.name}"'
            if suggestions
            else f"add {wanted} with the columns {', '.join(spec.columns)}"
        )
        holds = ", ".join(f'"{name}"' for name in raw.names.values()) or "nothing readable"
        problems.append(Problem(ERROR, raw.source, None, None, None, f"{wanted} is missing (found: {holds})", fix))
    return found


def locate_columns(table: RawTable, spec: SheetSpec, problems: list[Problem]) -> Columns | None:
    """Map the header to the format's columns; None when a required column is missing."""
    positions: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(table.headers):
        if not header:
            continue
        name = canonical_name(header)
        if name in positions:
            problems.append(
                Problem(
                    ERROR,
                    table.where,
                    table.header_row,
                    header,
                    header,
                    f'two columns mean "{name}" (the other is "{positions[name][1]}")',
                    "keep one of them, or rename the other",
                )
            )
            continue
        positions[name] = (index, header)
    missing = [name for name in spec.required_columns if name not in positions]
    for name in missing:
        suggestions = near_matches(name, [header for header in table.headers if header])
        fix = (
            f'rename column "{suggestions[0]}" to "{name}"'
            if suggestions
            else f'add a column "{name}" to the header row'
        )
        problems.append(
            Problem(ERROR, table.where, table.header_row, name, None, f'the required column "{name}" is missing', fix)
        )
    if not table.rows and spec.name in (ACTORS.name, TIES.name):
        what = "every actor of the cluster, one per row" if spec is ACTORS else "the ties reported, one per row"
        problems.append(Problem(ERROR, table.where, None, None, None, "there is a header but no rows", f"list {what}"))
    return None if missing else Columns(table, positions)


def read_id(columns: Columns, number: int, values: tuple, name: str, problems: list[Problem], what: str) -> str | None:
    """An id cell; blank is an error, surrounding spaces a warning."""
    raw_value = columns.value(values, name)
    identifier, had_spaces = as_id(raw_value)
    header = columns.header(name)
    if identifier is None:
        problems.append(
            Problem(
                ERROR,
                columns.table.where,
                number,
                header,
                None,
                f"the {what} is blank",
                f"fill in the {what}, or delete the row",
            )
        )
    elif had_spaces:
        problems.append(
            Problem(
                WARNING,
                columns.table.where,
                number,
                header,
                display(raw_value),
                f'spaces around the id were removed: read as "{identifier}"',
            )
        )
    return identifier


def parse_actors(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The actors table: ids unique, names defaulting to the id, types as labels."""
    where = columns.table.where
    found: list[tuple[int, int, Problem]] = []
    actor_ids = read_id_column(columns, "actor_id", "actor id", found, 0)
    names = columns.read("name", lambda cell: None if is_blank(cell) else as_text(cell))
    types = columns.read("type", lambda cell: as_label(cell) or UNKNOWN_TYPE)
    extra = columns.extra(ACTORS)
    first_row: dict[str, int] = {}
    kept = []
    for at, ((number, _), actor_id) in enumerate(zip(columns.table.rows, actor_ids)):
        if actor_id is None:
            continue
        if actor_id in first_row:
            found.append(
                (
                    at,
                    1,
                    Problem(
                        ERROR,
                        where,
                        number,
                        columns.header("actor_id"),
                        actor_id,
                        f'the actor id "{actor_id}" is already used on row {first_row[actor_id]}',
                        "give each actor one row and its own id",
                    ),
                )
            )
            continue
        first_row[actor_id] = number
        kept.append(at)
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for _, _, problem in found)
    actors = pd.DataFrame(
        {
            "actor_id": [actor_ids[at] for at in kept],
            "name": [actor_ids[at] if names[at] is None else names[at] for at in kept],
            "type": [types[at] for at in kept],
            "file_row": [columns.table.rows[at][0] for at in kept],
        },
        columns=["actor_id", "name", "type", "file_row"],
    )
    for attribute in extra:
        cells = columns.cells(attribute)
        actors[attribute] = as_attribute_column([cells[at] for at in kept])
    if "type" in columns:
        warn_near_miss_types(actors, columns, problems)
    return actors


def warn_near_miss_types(actors: pd.DataFrame, columns: Columns, problems: list[Problem]) -> None:
    """A warning for each type that looks like a misspelt recommended type ("firms")."""
    recommended = list(ACTOR_TYPES) + [UNKNOWN_TYPE]
    for actor_type, rows in actors.groupby("type", sort=False)["file_row"]:
        if actor_type in recommended:
            continue
        suggestions = near_matches(actor_type, recommended)
        if suggestions:
            problems.append(
                Problem(
                    WARNING,
                    columns.table.where,
                    int(rows.iloc[0]),
                    columns.header("type"),
                    actor_type,
                    f'the type "{actor_type}" ({len(rows)} actors) is not a recommended type; kept as it is',
                    f'did you mean "{suggestions[0]}"?',
                )
            )


def parse_ties(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The ties table with ids, round and relation labels, trust and weight checked.

    Columns are read one at a time, each distinct cell once; the problems come out row by row,
    in the order of the checks within a row, as a field team reads them.
    """
    where = columns.table.where
    extra = columns.extra(TIES)
    numbers = [number for number, _ in columns.table.rows]
    found: list[tuple[int, int, Problem]] = []  # (row position, check, problem), sorted below

    sources = read_id_column(columns, "source", "source (the respondent's actor id)", found, 0)
    targets = read_id_column(columns, "target", "target (the partner's actor id)", found, 1)
    if "round" in columns:
        round_labels = read_id_column(columns, "round", "round", found, 2)
    else:
        round_labels = [DEFAULT_ROUND] * len(numbers)
    if "relation" in columns:
        relations = columns.read("relation", as_label)
        header = columns.header("relation")
        found += [
            (
                at,
                3,
                Problem(
                    ERROR,
                    where,
                    numbers[at],
                    header,
                    None,
                    "the relation is blank",
                    "name the kind of tie (for example information or joint_action)",
                ),
            )
            for at, relation in enumerate(relations)
            if relation is None
        ]
    else:
        relations = [DEFAULT_RELATION] * len(numbers)
    trusts = columns.read("trust", as_trust)
    for at, (_, trust_problem) in enumerate(trusts):
        if trust_problem:
            found.append(
                (
                    at,
                    4,
                    Problem(
                        ERROR,
                        where,
                        numbers[at],
                        columns.header("trust"),
                        display(columns.table.rows[at][1][columns.positions["trust"][0]]),
                        trust_problem,
                        TRUST_SCALE_HINT,
                    ),
                )
            )
    weights = columns.read("weight", as_weight)
    for at, (_, weight_problem) in enumerate(weights):
        if weight_problem:
            found.append(
                (
                    at,
                    5,
                    Problem(
                        ERROR,
                        where,
                        numbers[at],
                        columns.header("weight"),
                        display(columns.table.rows[at][1][columns.positions["weight"][0]]),
                        weight_problem,
                        "use a number of 0 or more (frequency or strength), or leave blank for 1",
                    ),
                )
            )
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for _, _, problem in found)
    ties = pd.DataFrame(
        {
            "source": sources,
            "target": targets,
            "round": round_labels,
            "relation": relations,
            "trust": [trust for trust, _ in trusts],
            "weight": [weight for weight, _ in weights],
            "file_row": numbers,
            **{name: columns.cells(name) for name in extra},
        },
        columns=["source", "target", "round", "relation", "trust", "weight", "file_row", *extra],
    )
    ties["trust"] = ties["trust"].astype("Int64")
    ties["weight"] = ties["weight"].astype(float)
    for name in extra:
        ties[name] = as_attribute_column(list(ties[name]))
    return ties


def read_id_column(columns: Columns, name: str, what: str, found: list, check: int) -> list[str | None]:
    """Every row's id in a column (as :func:`read_id` reads one), problems added to ``found``."""
    where, header = columns.table.where, columns.header(name)
    ids = columns.read(name, as_id)
    for at, (identifier, had_spaces) in enumerate(ids):
        if identifier is None:
            found.append(
                (
                    at,
                    check,
                    Problem(
                        ERROR,
                        where,
                        columns.table.rows[at][0],
                        header,
                        None,
                        f"the {what} is blank",
                        f"fill in the {what}, or delete the row",
                    ),
                )
            )
        elif had_spaces:
            raw_value = columns.table.rows[at][1][columns.positions[name][0]]
            found.append(
                (
                    at,
                    check,
                    Problem(
                        WARNING,
                        where,
                        columns.table.rows[at][0],
                        header,
                        display(raw_value),
                        f'spaces around the id were removed: read as "{identifier}"',
                    ),
                )
            )
    return [identifier for identifier, _ in ids]


def drop_self_ties(ties: pd.DataFrame, where: str, columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """Ties from an actor to itself say nothing about relationships: left out, with a warning."""
    own = ties["source"].notna() & (ties["source"] == ties["target"])
    for row in ties.loc[own].itertuples():
        problems.append(
            Problem(
                WARNING,
                where,
                row.file_row,
                columns.header("target"),
                row.target,
                f'"{row.source}" names itself as a partner; this tie is left out',
                "delete the row, or correct the target id",
            )
        )
    return ties.loc[~own]


def drop_repeated_ties(ties: pd.DataFrame, where: str, columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """Exact repeats are counted once (warning); repeats of a tie that disagree are errors."""
    key = ["source", "target", "round", "relation"]
    content = [column for column in ties.columns if column != "file_row"]
    complete = ties.dropna(subset=key)
    first_row = complete.groupby(content, dropna=False, sort=False)["file_row"].transform("first")
    exact_repeat = complete["file_row"] != first_row
    for number, first in zip(complete.loc[exact_repeat, "file_row"], first_row[exact_repeat]):
        problems.append(
            Problem(WARNING, where, number, None, None, f"this row repeats row {first} exactly; it is counted once")
        )
    kept = complete.loc[~exact_repeat]
    first_of_key = kept.groupby(key, sort=False)["file_row"].transform("first")
    by_row = kept.set_index("file_row")
    for number, first in zip(kept["file_row"], first_of_key):
        if number == first:
            continue
        row, first_values = by_row.loc[number], by_row.loc[first]
        differ = [
            name
            for name in content
            if name not in key
            and not (pd.isna(row[name]) and pd.isna(first_values[name]))
            and row[name] != first_values[name]
        ]
        problems.append(
            Problem(
                ERROR,
                where,
                number,
                ", ".join(columns.header(name) if name in columns else name for name in differ),
                None,
                f"row {first} also reports {row['source']} -> {row['target']} ({row['relation']}, "
                f"round {row['round']}) but with a different {' and '.join(differ)}",
                "keep the row that is right and delete the other",
            )
        )
    return ties.drop(complete.index[exact_repeat])


def parse_rounds(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The rounds sheet: unique labels, optional ISO dates and descriptions."""
    where = columns.table.where
    first_row: dict[str, int] = {}
    records = []
    for number, values in columns.table.rows:
        label = read_id(columns, number, values, "round", problems, "round")
        date, date_problem = as_date(columns.value(values, "date"))
        if date_problem:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    number,
                    columns.header("date"),
                    display(columns.value(values, "date")),
                    date_problem,
                    "write the date as YYYY-MM-DD (for example 2024-03-15)",
                )
            )
        if label is None:
            continue
        if label in first_row:
            problems.append(
                Problem(
                    ERROR,
                    where,
                    number,
                    columns.header("round"),
                    label,
                    f'the round "{label}" is already listed on row {first_row[label]}',
                    "list each round once",
                )
            )
            continue
        first_row[label] = number
        description = columns.value(values, "description")
        records.append(
            {"round": label, "date": date, "description": "" if is_blank(description) else as_text(description)}
        )
    return pd.DataFrame(records, columns=["round", "date", "description"])


def parse_respondents(columns: Columns, problems: list[Problem]) -> pd.DataFrame:
    """The respondents sheet: one row per actor who answered, per round; repeats counted once."""
    where = columns.table.where
    found: list[tuple[int, int, Problem]] = []
    labels = read_id_column(columns, "round", "round", found, 0)
    actor_ids = read_id_column(columns, "actor_id", "actor id", found, 1)
    seen: dict[tuple[str, str], int] = {}
    records = []
    for at, ((number, _), label, actor_id) in enumerate(zip(columns.table.rows, labels, actor_ids)):
        if label is None or actor_id is None:
            continue
        if (label, actor_id) in seen:
            found.append(
                (
                    at,
                    2,
                    Problem(
                        WARNING,
                        where,
                        number,
                        None,
                        None,
                        f"this row repeats row {seen[label, actor_id]}; it is counted once",
                    ),
                )
            )
            continue
        seen[label, actor_id] = number
        records.append((label, actor_id, number))
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for _, _, problem in found)
    return pd.DataFrame(records, columns=["round", "actor_id", "file_row"])


def check_actor_references(
    frame: pd.DataFrame,
    id_columns: list[str],
    table_columns: Columns,
    actors: pd.DataFrame,
    add_missing: bool,
    problems: list[Problem],
) -> list[str]:
    """Ids that name no actor: each occurrence an error, or (``add_missing``) added as actors."""
    known = set(actors["actor_id"])
    known_list = list(actors["actor_id"])
    unknown = {name: frame[name].notna().to_numpy() & ~frame[name].isin(known).to_numpy() for name in id_columns}
    flagged = np.flatnonzero(np.logical_or.reduce(list(unknown.values()))) if id_columns else []
    missing: list[str] = []
    suggestion: dict[str, str] = {}
    for at in flagged:
        for name in id_columns:
            if not unknown[name][at]:
                continue
            actor_id = frame[name].iat[at]
            if add_missing:
                if actor_id not in missing:
                    missing.append(actor_id)
                continue
            if actor_id not in suggestion:
                suggestions = near_matches(actor_id, known_list, limit=1)
                suggestion[actor_id] = f'; did you mean "{suggestions[0]}"?' if suggestions else ""
            problems.append(
                Problem(
                    ERROR,
                    table_columns.table.where,
                    int(frame["file_row"].iat[at]),
                    table_columns.header(name),
                    actor_id,
                    f'"{actor_id}" is not in the actors list{suggestion[actor_id]}',
                    "add this actor to actors, correct the id, or load with --add-missing-actors",
                )
            )
    return missing


def order_rounds(
    rounds: pd.DataFrame | None,
    ties: pd.DataFrame,
    respondents: pd.DataFrame | None,
    where: str,
    problems: list[Problem],
) -> pd.DataFrame:
    """Rounds in chronological order: by date when every round has one, else as first listed.

    Dates are always ``datetime64[ns]``, whether or not the survey has a rounds sheet.
    """
    if rounds is None:
        labels = list(
            dict.fromkeys(list(ties["round"].dropna()) + ([] if respondents is None else list(respondents["round"])))
        )
        rounds = pd.DataFrame({"round": labels, "date": None, "description": ""}, index=range(len(labels)))
    rounds = rounds.assign(date=pd.to_datetime(rounds["date"]).astype("datetime64[ns]"))
    dated = rounds["date"].notna()
    if dated.all() and len(rounds):
        rounds = rounds.sort_values("date", kind="stable")
    elif dated.any():
        problems.append(
            Problem(
                WARNING,
                where,
                None,
                "date",
                None,
                "only some rounds have a date, so rounds are ordered as listed",
                "give every round a date",
            )
        )
    return rounds.reset_index(drop=True)


def check_round_references(
    frame: pd.DataFrame, table_columns: Columns, rounds: pd.DataFrame, problems: list[Problem]
) -> None:
    """A round label that the rounds sheet does not list: one error per label, with its rows."""
    listed = list(rounds["round"])
    unknown = frame.loc[frame["round"].notna() & ~frame["round"].isin(listed)]
    for label, rows in unknown.groupby("round", sort=False)["file_row"]:
        suggestions = near_matches(label, listed, limit=1)
        hint = f' Did you mean "{suggestions[0]}"?' if suggestions else ""
        rows_text = ", ".join(map(str, rows.iloc[:10])) + (", ..." if len(rows) > 10 else "")
        problems.append(
            Problem(
                ERROR,
                table_columns.table.where,
                int(rows.iloc[0]),
                table_columns.header("round"),
                label,
                f'the round "{label}" is not in the rounds sheet ({", ".join(listed)}); '
                f"{len(rows)} row(s) use it: {rows_text}.{hint}",
                "correct the round label, or add the round to the rounds sheet",
            )
        )


def complete_respondents(
    respondents: pd.DataFrame, ties: pd.DataFrame, where: str, problems: list[Problem]
) -> pd.DataFrame:
    """Actors who reported ties answered the survey: add those the respondents sheet lacks."""
    listed = pd.MultiIndex.from_arrays([respondents["round"], respondents["actor_id"]])
    reporters = ties[["round", "source"]].drop_duplicates()
    absent = reporters.loc[~pd.MultiIndex.from_frame(reporters).isin(listed)]
    for label, group in absent.groupby("round", sort=False)["source"]:
        ids = ", ".join(group)
        problems.append(
            Problem(
                WARNING,
                where,
                None,
                None,
                label,
                f'{len(group)} actor(s) reported ties in round "{label}" but are not listed as respondents '
                f"({ids}); they are counted as respondents",
                "add them to the respondents sheet",
            )
        )
    added = absent.rename(columns={"source": "actor_id"})
    return pd.concat([respondents[["round", "actor_id"]], added], ignore_index=True)


def build_survey(raw: RawSurvey, problems: list[Problem], add_missing_actors: bool = False) -> Survey | None:
    """Validate every sheet of ``raw``; returns the survey, or None when any error was found.

    Problems (errors and warnings) are appended to ``problems``.
    """
    sheets = locate_sheets(raw, problems)
    columns = {
        name: locate_columns(table, spec, problems)
        for spec in SHEETS
        if (name := spec.name) in sheets and (table := sheets[name]) is not None
    }
    actors = parse_actors(columns["actors"], problems) if columns.get("actors") else None
    ties_columns = columns.get("ties")
    ties = parse_ties(ties_columns, problems) if ties_columns else None
    rounds = parse_rounds(columns["rounds"], problems) if columns.get("rounds") else None
    respondents_columns = columns.get("respondents")
    respondents = parse_respondents(respondents_columns, problems) if respondents_columns else None

    if (
        actors is None
        or ties is None
        or any(name in sheets and columns.get(name) is None for name in ("rounds", "respondents"))
    ):
        return None

    ties = drop_self_ties(ties, ties_columns.table.where, ties_columns, problems)
    ties = drop_repeated_ties(ties, ties_columns.table.where, ties_columns, problems)
    missing = check_actor_references(ties, ["source", "target"], ties_columns, actors, add_missing_actors, problems)
    if respondents is not None:
        for actor_id in check_actor_references(
            respondents, ["actor_id"], respondents_columns, actors, add_missing_actors, problems
        ):
            if actor_id not in missing:
                missing.append(actor_id)
    if missing:
        problems.append(
            Problem(
                WARNING,
                ties_columns.table.where,
                None,
                None,
                ", ".join(missing),
                f"{len(missing)} actor(s) named in ties or respondents were not in the actors list and "
                f'were added with type "{UNKNOWN_TYPE}": {", ".join(missing)}',
                "add them to the actors sheet with their name and type",
            )
        )
        added = pd.DataFrame({"actor_id": missing, "name": missing, "type": UNKNOWN_TYPE})
        actors = pd.concat([actors, added], ignore_index=True)

    rounds_where = columns["rounds"].table.where if rounds is not None else raw.source
    rounds = order_rounds(rounds, ties, respondents, rounds_where, problems)
    if "rounds" in columns:
        check_round_references(ties, ties_columns, rounds, problems)
        if respondents is not None:
            check_round_references(respondents, respondents_columns, rounds, problems)

    if any(problem.severity == ERROR for problem in problems):
        return None

    inferred = respondents is None
    if inferred:
        respondents = ties[["round", "source"]].drop_duplicates().rename(columns={"source": "actor_id"})
    else:
        respondents = complete_respondents(respondents, ties, respondents_columns.table.where, problems)
    round_order = {label: position for position, label in enumerate(rounds["round"])}
    respondents = (
        respondents.assign(_order=respondents["round"].map(round_order))
        .sort_values(["_order"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    return Survey(
        actors=actors.drop(columns="file_row").reset_index(drop=True),
        ties=ties.drop(columns="file_row").reset_index(drop=True),
        rounds=rounds,
        respondents=respondents[["round", "actor_id"]],
        source=raw.source,
        warnings=tuple(problem for problem in problems if problem.severity == WARNING),
        respondents_inferred=inferred,
    )
