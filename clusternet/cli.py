"""The ``clusternet`` command: validate a survey and analyse it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clusternet.analysis import Analysis, analyze
from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.export.formats import FORMATS, export_bytes, report_bytes
from clusternet.export.tables import write_csv
from clusternet.export.writing import OutputExistsError, write_export
from clusternet.gaps import GapsConfig, gaps_table
from clusternet.graph import TIE_MODES, Selection
from clusternet.rounds import compare_rounds, comparison_text
from clusternet.survey import SelectionError, SurveyError, load_survey
from clusternet.survey.problems import format_problems
from clusternet.survey.summary import summary_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clusternet",
        description="Trust, linkages and brokerage gaps in an industrial cluster, from survey files.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check a survey and summarise what it holds",
        description="Check a survey workbook (.xlsx) or folder of CSV files. Prints a summary, or "
        "every problem found with its file, row and column. Exit 0 if it can be analysed.",
    )
    add_survey_arguments(validate)
    validate.set_defaults(run=run_validate)

    analyze_command = commands.add_parser(
        "analyze",
        help="measures per actor and for the whole network",
        description="Compute linkages, trust, betweenness, structural holes, brokerage roles and "
        "communities for one round; write actors.csv and network.csv to --out.",
    )
    add_survey_arguments(analyze_command)
    add_selection_arguments(analyze_command)
    analyze_command.add_argument("--out", required=True, type=Path, help="folder to write the CSV files to")
    analyze_command.set_defaults(run=run_analyze)

    gaps_command = commands.add_parser(
        "gaps",
        help="where facilitation should go next: ranked, explained opportunities",
        description="Find isolated actors, groups that never meet, institutions without reach, dependency "
        "on one broker, trust gaps and introductions; write them ranked to gaps.csv in --out.",
    )
    add_survey_arguments(gaps_command)
    add_selection_arguments(gaps_command)
    gaps_command.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a threshold or weight of the gaps configuration (see docs/gaps.md), "
        "e.g. --set reach_target=0.3; repeat for several",
    )
    gaps_command.add_argument("--out", required=True, type=Path, help="folder to write gaps.csv to")
    gaps_command.set_defaults(run=run_gaps)

    compare = commands.add_parser(
        "compare",
        help="what changed between two survey rounds, with intervals",
        description="Compare two rounds: KPIs on all actors and on the panel who answered both, with "
        "bootstrap intervals; every tie new, dropped or kept. Writes kpis.csv and "
        "tie_changes.csv to --out.",
    )
    add_survey_arguments(compare)
    compare.add_argument("--from", dest="from_round", required=True, metavar="R1", help="the earlier round")
    compare.add_argument("--to", dest="to_round", required=True, metavar="R2", help="the later round")
    compare.add_argument(
        "--relation",
        action="append",
        metavar="REL",
        help="relation to include; repeat for several (default: all, which must match in both rounds)",
    )
    compare.add_argument("--ties", choices=TIE_MODES, default="reported", help="tie mode, as for analyze")
    compare.add_argument(
        "--group-by",
        metavar="ATTR",
        help="attribute for the E-I index (default: village if the survey has it, else type)",
    )
    compare.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples (default: 2000)")
    compare.add_argument("--seed", type=int, default=0, help="seed of the bootstrap and QAP permutations")
    compare.add_argument("--out", required=True, type=Path, help="folder to write the CSV files to")
    compare.set_defaults(run=run_compare)

    report = commands.add_parser(
        "report",
        help="one self-contained HTML report that works offline",
        description="Write an HTML report of one round: summary, KPIs across rounds, the interactive "
        "map, the ranked gaps and the actors table. Opens offline by double-clicking.",
    )
    add_survey_arguments(report)
    add_selection_arguments(report)
    add_export_arguments(report)
    report.add_argument(
        "--no-static-map", action="store_true", help="leave out the printable picture of the map (a smaller file)"
    )
    report.add_argument("--out", required=True, type=Path, metavar="FILE.html", help="the report file to write")
    report.set_defaults(run=run_report)

    export = commands.add_parser(
        "export",
        help="tables, graph files, map pictures and feedback sheets",
        description="Export one round: " + "; ".join(f"{name}: {item.description}" for name, item in FORMATS.items()),
    )
    add_survey_arguments(export)
    export.add_argument("--format", required=True, choices=list(FORMATS), help="what to write")
    add_selection_arguments(export)
    add_export_arguments(export)
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write")
    export.set_defaults(run=run_export)
    return parser


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--anonymize",
        action="store_true",
        help="codes by type instead of names everywhere, free-text attributes left out",
    )
    parser.add_argument("--color-by", default="type", metavar="ATTR", help="colour of the map's actors (default: type)")
    parser.add_argument(
        "--size-by",
        default="degree",
        metavar="MEASURE",
        help="size of the map's actors: any measure of actors.csv (default: degree)",
    )
    parser.add_argument("--title", help="title of the map or report")
    parser.add_argument(
        "--min-ratings",
        type=int,
        default=MIN_RATINGS_SHOWN,
        metavar="K",
        help="anonymised and on feedback sheets, hide trust figures backed by fewer than K ratings "
        f"(default: {MIN_RATINGS_SHOWN})",
    )
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--round", help="round to analyse (default: the latest)")
    parser.add_argument(
        "--relation", action="append", metavar="REL", help="relation to include; repeat for several (default: all)"
    )
    parser.add_argument(
        "--ties",
        choices=TIE_MODES,
        default="reported",
        help="reported: directed as reported; any: either side reports; confirmed: both do",
    )
    parser.add_argument(
        "--min-trust",
        type=int,
        choices=range(1, 6),
        metavar="T",
        help="keep only ties rated at least T (1-5) by the reporting side",
    )
    parser.add_argument(
        "--group-by",
        default="type",
        metavar="ATTR",
        help="actor attribute for brokerage roles and the E-I index (default: type)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the community detection (default: 0)")


def selection_from(arguments: argparse.Namespace) -> Selection:
    relations = tuple(arguments.relation) if arguments.relation else None
    return Selection(
        arguments.round, relations, arguments.ties, arguments.min_trust, arguments.group_by, arguments.seed
    )


def add_survey_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="survey workbook (.xlsx) or folder holding actors.csv and ties.csv")
    parser.add_argument(
        "--add-missing-actors",
        action="store_true",
        help="add actors named in ties but missing from actors (type unknown) instead of refusing the survey",
    )


def load_or_report(arguments: argparse.Namespace):
    """The survey, or None after printing every problem to standard error."""
    try:
        return load_survey(arguments.path, add_missing_actors=arguments.add_missing_actors)
    except SurveyError as error:
        errors = len(error.errors)
        print(f"The survey cannot be analysed: {errors} error{'s' if errors != 1 else ''}.", file=sys.stderr)
        print(format_problems(error.problems), file=sys.stderr)
        return None


def run_validate(arguments: argparse.Namespace) -> int:
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    print(summary_text(survey))
    if survey.warnings:
        print(f"\n{len(survey.warnings)} warning(s):")
        print(format_problems(survey.warnings))
    return 0


def analysis_text(analysis: Analysis) -> str:
    """A few lines for people: what was analysed, the headline figures and the top brokers."""
    network = dict(zip(analysis.network["metric"], analysis.network["value"]))
    selection = analysis.selection
    relations = ", ".join(selection.relations) if selection.relations else "all relations"
    lines = [
        f"Round {selection.round}, {relations}, {selection.ties} ties"
        + (f", trust >= {selection.min_trust}" if selection.min_trust else ""),
        f"{network['actors']:.0f} actors, {network['ties']:.0f} ties, density {network['density']:.3f}, "
        f"{network['components']:.0f} components, {network['isolates']:.0f} isolates",
        f"response rate {network['response_rate']:.0%}, mean trust {network['mean_trust']:.2f}, "
        f"E-I by {selection.group_by} {network['ei_index']:+.2f}, {network['communities']:.0f} communities",
        "Top brokers (betweenness, share of brokered pairs):",
    ]
    top = analysis.actors.nlargest(5, "betweenness")
    for row in top.itertuples():
        lines.append(f"  {row.actor_id:10} {row.name[:40]:40} {row.betweenness_norm:.3f}")
    return "\n".join(lines)


def run_analyze(arguments: argparse.Namespace) -> int:
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        analysis = analyze(survey, selection_from(arguments))
    except SelectionError as error:
        print(f"clusternet analyze: {error}", file=sys.stderr)
        return 1
    arguments.out.mkdir(parents=True, exist_ok=True)
    write_csv(analysis.actors, arguments.out / "actors.csv")
    write_csv(analysis.network, arguments.out / "network.csv")
    print(analysis_text(analysis))
    print(f"Wrote {arguments.out / 'actors.csv'} and {arguments.out / 'network.csv'}")
    return 0


def gaps_config_from(settings: list[str]) -> GapsConfig:
    overrides = {}
    for setting in settings:
        name, separator, value = setting.partition("=")
        if not separator:
            raise SelectionError(f"--set needs NAME=VALUE, not {setting!r}")
        overrides[name.strip()] = value.strip()
    return GapsConfig().with_overrides(overrides)


def run_gaps(arguments: argparse.Namespace) -> int:
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        config = gaps_config_from(arguments.set)
        analysis = analyze(survey, selection_from(arguments))
    except SelectionError as error:
        print(f"clusternet gaps: {error}", file=sys.stderr)
        return 1
    table = gaps_table(analysis, config)
    arguments.out.mkdir(parents=True, exist_ok=True)
    write_csv(table, arguments.out / "gaps.csv")
    selection = analysis.selection
    print(f"Round {selection.round}: {len(table)} opportunities; the ten most important:")
    for row in table.head(10).itertuples():
        print(f"  {row.score:.2f}  {row.kind:22} {row.explanation}")
    print(f"Wrote {arguments.out / 'gaps.csv'}")
    return 0


def run_compare(arguments: argparse.Namespace) -> int:
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        comparison = compare_rounds(
            survey,
            arguments.from_round,
            arguments.to_round,
            relations=arguments.relation,
            ties=arguments.ties,
            group_by=arguments.group_by,
            resamples=arguments.resamples,
            seed=arguments.seed,
        )
    except SelectionError as error:
        print(f"clusternet compare: {error}", file=sys.stderr)
        return 1
    arguments.out.mkdir(parents=True, exist_ok=True)
    write_csv(comparison.kpis, arguments.out / "kpis.csv")
    write_csv(comparison.tie_changes, arguments.out / "tie_changes.csv")
    print(comparison_text(comparison))
    print(f"Wrote {arguments.out / 'kpis.csv'} and {arguments.out / 'tie_changes.csv'}")
    return 0


def write_output(arguments: argparse.Namespace, build) -> int:
    """Build the file's bytes and write them safely; every expected failure exits 1 with a message."""
    command = f"clusternet {arguments.command}"
    if arguments.out.exists() and not arguments.force:
        print(
            f"{command}: {arguments.out} already exists; choose another file name, or replace it with --force",
            file=sys.stderr,
        )
        return 1
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        data = build(survey, selection_from(arguments))
        write_export(data, arguments.out, force=arguments.force)
    except (SelectionError, ValueError, OutputExistsError, FileNotFoundError) as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {arguments.out} ({len(data) / 1024:,.0f} kB)")
    return 0


def run_report(arguments: argparse.Namespace) -> int:
    return write_output(
        arguments,
        lambda survey, selection: report_bytes(
            survey,
            selection,
            anonymize=arguments.anonymize,
            color_by=arguments.color_by,
            size_by=arguments.size_by,
            title=arguments.title,
            static_map=not arguments.no_static_map,
            min_ratings=arguments.min_ratings,
        ),
    )


def run_export(arguments: argparse.Namespace) -> int:
    return write_output(
        arguments,
        lambda survey, selection: export_bytes(
            survey,
            selection,
            arguments.format,
            anonymize=arguments.anonymize,
            color_by=arguments.color_by,
            size_by=arguments.size_by,
            title=arguments.title,
            min_ratings=arguments.min_ratings,
        ),
    )


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.run(arguments)
