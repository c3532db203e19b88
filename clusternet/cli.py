"""The ``clusternet`` command: validate a survey (analyses are added as subcommands)."""

from __future__ import annotations

import argparse
import sys

from clusternet.survey import SurveyError, load_survey
from clusternet.survey.problems import format_problems
from clusternet.survey.summary import summary_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clusternet",
        description="Trust, linkages and brokerage gaps in an industrial cluster, from survey files.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check a survey and summarise what it holds",
        description="Check a survey workbook (.xlsx) or folder of CSV files. Prints a summary, or "
                    "every problem found with its file, row and column. Exit 0 if it can be analysed.",
    )
    add_survey_arguments(validate)
    validate.set_defaults(run=run_validate)
    return parser


def add_survey_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="survey workbook (.xlsx) or folder holding actors.csv and ties.csv")
    parser.add_argument("--add-missing-actors", action="store_true",
                        help="add actors named in ties but missing from actors (type unknown) instead of "
                             "refusing the survey")


def run_validate(arguments: argparse.Namespace) -> int:
    try:
        survey = load_survey(arguments.path, add_missing_actors=arguments.add_missing_actors)
    except SurveyError as error:
        errors = len(error.errors)
        print(f"The survey cannot be analysed: {errors} error{'s' if errors != 1 else ''}.", file=sys.stderr)
        print(format_problems(error.problems), file=sys.stderr)
        return 1
    print(summary_text(survey))
    if survey.warnings:
        print(f"\n{len(survey.warnings)} warning(s):")
        print(format_problems(survey.warnings))
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.run(arguments)
