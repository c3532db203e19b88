"""The ``clusternet`` command: validate a survey and analyse it.

Every command draws what it writes and prints from one :class:`~clusternet.view.View` of the survey
(``view_of``): the tables are the view's, and every sentence is a message rendered in one place.
Help texts are labels of the catalog (``_``), so that the command can be translated like the app.

Every file goes through :mod:`clusternet.export.writing` (whole or not at all, no existing file
replaced without ``--force``, every failure a message naming the file), and everything printed
through :func:`show`, which writes survey text's control characters and escape sequences as text
(:func:`~clusternet.sanitize.terminal.terminal_text`).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import datetime
from functools import cached_property
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from clusternet.constants import MIN_RATINGS_SHOWN
from clusternet.i18n import SOURCE_LANGUAGE, UnknownLanguageError, available_languages, renderer, translations
from clusternet.messages import Message, Renderer, message, plural_message
from clusternet.sanitize.terminal import terminal_text
from clusternet.store import commands as store_commands

if TYPE_CHECKING:
    from clusternet.fieldforms.roster import Roster
    from clusternet.gaps import GapsConfig
    from clusternet.graph import Selection
    from clusternet.survey import Survey
    from clusternet.survey.problems import Problem
    from clusternet.view import View

LANGUAGE: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)
"""The language of this run's prose (``--lang``), set by :func:`main` before the parser is built."""


def _(text: str) -> str:
    """A help text of the command line in the run's language (extracted by ``pybabel`` as ``_``)."""
    return translations(LANGUAGE.get()).gettext(text)


def words() -> Renderer:
    """Renders messages in the run's language."""
    return renderer(LANGUAGE.get())


SURVEY_REFUSED = plural_message(
    "cli.survey_refused",
    "The survey cannot be analysed: {count} error.",
    "The survey cannot be analysed: {count} errors.",
)
WARNINGS = plural_message("cli.validate.warnings", "{count} warning:", "{count} warnings:")
ANALYSED = message("cli.analyze.selection", "Round {round}, {relations}, {ties} ties")
ANALYSED_WITH_FLOOR = message(
    "cli.analyze.selection.trust_floor", "Round {round}, {relations}, {ties} ties, trust >= {min_trust}"
)
NETWORK_SIZE = message(
    "cli.analyze.size",
    "{actors:.0f} actors, {ties:.0f} ties, density {density:.3f}, {components:.0f} components, {isolates:.0f} isolates",
)
NETWORK_HEADLINES = message(
    "cli.analyze.headlines",
    "response rate {response_rate:.0%}, mean trust {mean_trust:.2f}, E-I by {group_by} {ei_index:+.2f}, "
    "{communities:.0f} communities",
)
TOP_BROKERS = message("cli.analyze.top_brokers", "Top brokers (betweenness, share of brokered pairs):")
WROTE = message("cli.wrote", "Wrote {path}")
WROTE_TWO = message("cli.wrote_two", "Wrote {first} and {second}")
LOGFRAME_SUMMARY = message("cli.logframe.summary", "{indicators:,} indicators, {actions:,} actions")
NO_LOGFRAME = message(
    "cli.logframe.none",
    "The survey has no logframe or actions sheet: add them to measure indicators and follow up actions "
    "(docs/logframe.md).",
)
WROTE_SIZE = message("cli.wrote_size", "Wrote {path} ({kilobytes:,.0f} kB)")
GAPS_FOUND = plural_message(
    "cli.gaps.found",
    "Round {round}: {count} opportunity:",
    "Round {round}: {count} opportunities; the ten most important:",
)
SETTING_WITHOUT_VALUE = message("cli.gaps.setting_without_value", "--set needs NAME=VALUE, not '{setting}'")
INTERRUPTED = message("cli.interrupted", "interrupted; no file was left half-written")
NO_TRUST_FLOOR_ANONYMISED = message(
    "cli.export.no_trust_floor_anonymised",
    "--min-trust is not applied to anonymised files: a map of the ties rated at least {min_trust} shows "
    "single ratings. Writing every tie of the selection.",
)
EXPORT_DESCRIPTION = message("cli.export.description", "Export one round: {formats}")
FORM_WRITTEN = message(
    "cli.xlsform.written",
    "A form of {actors} organisations, rounds {rounds}, relations {relations}, in {languages}. Upload "
    "{form} to KoboToolbox or ODK Central, with {roster} as its media file (docs/field-forms.md).",
)
IMPORT_NEEDS_OUT = message("cli.import.needs_out", "give the survey to write: --out SURVEY.xlsx, or --into SURVEY.xlsx")
IMPORT_NEEDS_ROSTER = message(
    "cli.import.needs_roster", "give the form's roster with --roster (its roster.csv, or the survey it was made from)"
)
IMPORT_NOT_XLSX = message("cli.import.not_xlsx", "{path}: the imported survey is written as a workbook: name it .xlsx")
PROBLEMS_FOUND = plural_message("cli.problems_found", "{count} error:", "{count} errors:")

TOP_BROKERS_SHOWN = 5
GAPS_SHOWN = 10
NAME_WIDTH = 40


class LibraryChoices:
    """The choices of an option, held by a library module and read from it when first needed (the
    option parsed, an invalid value refused), so that building the parser imports none of the
    library: ``clusternet --help`` and ``clusternet validate`` start without the network, the rounds
    or the export machinery. An option with such choices names them with a ``metavar``: argparse
    reads the choices of one without it as soon as it is added."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    @cached_property
    def choices(self) -> tuple[str, ...]:
        return tuple(getattr(import_module(self.module), self.name))

    def __iter__(self) -> Iterator[str]:
        return iter(self.choices)

    def __contains__(self, value: object) -> bool:
        return value in self.choices

    def __len__(self) -> int:
        return len(self.choices)


TIE_MODES = LibraryChoices("clusternet.graph", "TIE_MODES")
FORMAT_NAMES = LibraryChoices("clusternet.export.formats", "FORMATS")
GOALS = LibraryChoices("clusternet.whatif.keyplayers", "GOALS")


class CommandParser(argparse.ArgumentParser):
    """A parser whose description may be written only when its help is shown (``describe``): the
    export command's lists every format, which only the export machinery knows."""

    describe: Callable[[], str] | None = None

    def format_help(self) -> str:
        if self.describe is not None:
            self.description = self.describe()
        return super().format_help()


def export_description() -> str:
    """The export command's description: every format and what it holds."""
    from clusternet.export.formats import FORMATS

    text = words()
    formats = "; ".join(f"{name}: {text.render(item.description)}" for name, item in FORMATS.items())
    return text.render(EXPORT_DESCRIPTION(formats=formats))


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="clusternet",
        description=_("Trust, linkages and brokerage gaps in an industrial cluster, from survey files."),
    )
    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        metavar="LANG",
        help=_("language of what clusternet prints and writes: en, es or fr (also after the command)"),
    )
    # every command's parser is a CommandParser, typed as the ArgumentParser it is for the helpers that add commands
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, metavar="COMMAND"),
    )
    validate = commands.add_parser(
        "validate",
        help=_("check a survey and summarise what it holds"),
        description=_(
            "Check a survey workbook (.xlsx) or folder of CSV files. Prints a summary, or every problem found "
            "with its file, row and column. Exit 0 if it can be analysed."
        ),
    )
    add_survey_arguments(validate)
    validate.set_defaults(run=run_validate)

    analyze_command = commands.add_parser(
        "analyze",
        help=_("measures per actor and for the whole network"),
        description=_(
            "Compute linkages, trust, betweenness, structural holes, brokerage roles and communities for one "
            "round; write actors.csv and network.csv to --out."
        ),
    )
    add_survey_arguments(analyze_command)
    add_selection_arguments(analyze_command)
    analyze_command.add_argument("--out", required=True, type=Path, help=_("folder to write the CSV files to"))
    add_force_argument(analyze_command, _("replace actors.csv and network.csv in --out if they exist"))
    analyze_command.set_defaults(run=run_analyze)

    gaps_command = commands.add_parser(
        "gaps",
        help=_("where facilitation should go next: ranked, explained opportunities"),
        description=_(
            "Find isolated actors, groups that never meet, institutions without reach, dependency on one "
            "broker, trust gaps and introductions; write them ranked to gaps.csv in --out."
        ),
    )
    add_survey_arguments(gaps_command)
    add_selection_arguments(gaps_command)
    gaps_command.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=_(
            "override a threshold or weight of the gaps configuration (see docs/gaps.md), e.g. --set "
            "reach_target=0.3; repeat for several"
        ),
    )
    gaps_command.add_argument("--out", required=True, type=Path, help=_("folder to write gaps.csv to"))
    add_force_argument(gaps_command, _("replace gaps.csv in --out if it exists"))
    gaps_command.set_defaults(run=run_gaps)

    compare = commands.add_parser(
        "compare",
        help=_("what changed between two survey rounds, with intervals"),
        description=_(
            "Compare two rounds: KPIs on all actors and on the panel who answered both, with bootstrap "
            "intervals; every tie new, dropped or kept. Writes kpis.csv and tie_changes.csv to --out."
        ),
    )
    add_survey_arguments(compare)
    compare.add_argument("--from", dest="from_round", required=True, metavar="R1", help=_("the earlier round"))
    compare.add_argument("--to", dest="to_round", required=True, metavar="R2", help=_("the later round"))
    add_comparison_arguments(
        compare,
        _("relation to include; repeat for several (default: all, which must match in both rounds)"),
        _("seed of the bootstrap and QAP permutations"),
    )
    compare.add_argument("--out", required=True, type=Path, help=_("folder to write the CSV files to"))
    add_force_argument(compare, _("replace kpis.csv and tie_changes.csv in --out if they exist"))
    compare.set_defaults(run=run_compare)

    report = commands.add_parser(
        "report",
        help=_("one self-contained HTML report that works offline"),
        description=_(
            "Write an HTML report of one round: summary, KPIs across rounds, the interactive map, the ranked "
            "gaps and the actors table. Opens offline by double-clicking."
        ),
    )
    add_survey_arguments(report)
    add_selection_arguments(report)
    add_export_arguments(report)
    report.add_argument(
        "--no-static-map", action="store_true", help=_("leave out the printable picture of the map (a smaller file)")
    )
    report.add_argument("--out", required=True, type=Path, metavar="FILE.html", help=_("the report file to write"))
    report.set_defaults(run=run_report)

    export = commands.add_parser("export", help=_("tables, graph files, map pictures and feedback sheets"))
    assert isinstance(export, CommandParser)
    export.describe = export_description
    add_survey_arguments(export)
    export.add_argument("--format", required=True, choices=FORMAT_NAMES, metavar="FORMAT", help=_("what to write"))
    add_selection_arguments(export)
    add_export_arguments(export)
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("the file to write"))
    export.set_defaults(run=run_export)
    add_field_form_commands(commands)
    add_whatif_commands(commands)
    store_commands.add_store_commands(commands)
    add_logframe_command(commands)
    add_language_arguments(commands)
    return parser


def add_language_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``--lang`` on every command that has none of its own (``xlsform`` takes a list of languages)."""
    for command in commands.choices.values():
        nested = [action for action in command._actions if isinstance(action, argparse._SubParsersAction)]
        if nested:
            for inner in nested:
                add_language_arguments(inner)
        elif not any("--lang" in action.option_strings for action in command._actions):
            command.add_argument(
                "--lang",
                default=SOURCE_LANGUAGE,
                choices=available_languages(),
                help=_("language of what the command prints and writes (default: en)"),
            )


def add_field_form_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``xlsform`` (a field form from a roster) and ``import kobo|odk`` (its submissions as a survey)."""
    xlsform = commands.add_parser(
        "xlsform",
        help=_("a field form (XLSForm) and its roster, for KoboToolbox or ODK"),
        description=_(
            "Write clusternet_roster.xlsx (an XLSForm) and roster.csv (its media file) to --out, from the actors "
            "of a survey or of a CSV file of actors: the respondent picks its organisation and its partners from "
            "the roster, then the relations and trust for each partner."
        ),
    )
    xlsform.add_argument("path", help=_("survey workbook (.xlsx) or folder, or a CSV file of actors"))
    xlsform.add_argument("--out", required=True, type=Path, help=_("folder to write the form and roster.csv to"))
    xlsform.add_argument(
        "--lang", default="en", metavar="LANG,...", help=_("languages of the form, the first its default (default: en)")
    )
    xlsform.add_argument(
        "--rounds", metavar="R,...", help=_("rounds to choose from (default: the survey's; required for a CSV file)")
    )
    xlsform.add_argument(
        "--relations", metavar="REL,...", help=_("relations to ask about (default: the survey's, else the recommended)")
    )
    xlsform.add_argument(
        "--frequency", action="store_true", help=_("also ask how often each partner was met (the weight, 1-5)")
    )
    add_force_argument(xlsform, _("replace the form and roster.csv in --out if they exist"))
    xlsform.set_defaults(run=run_xlsform)

    importer = commands.add_parser(
        "import",
        help=_("the field form's submissions from KoboToolbox or ODK Central, as a survey"),
        description=_(
            "Turn the submissions of the clusternet form into a survey workbook (one tie row per partner and "
            "relation), and write the organisations written in as free text to unmatched.csv beside it."
        ),
    )
    platforms = importer.add_subparsers(dest="platform", required=True, metavar="PLATFORM")
    helps = {
        "kobo": (_("KoboToolbox's XLSX export"), _("the XLS export with 'XML values and headers' (.xlsx)")),
        "odk": (_("ODK Central's CSV zip export"), _("the export: a .zip of CSV files")),
    }
    for platform, (command_help, export_help) in helps.items():
        command = platforms.add_parser(platform, help=command_help, description=command_help)
        command.add_argument("export", type=Path, help=export_help)
        command.add_argument("--roster", help=_("the form's roster.csv, or the survey or actors file it was made from"))
        command.add_argument("--out", type=Path, metavar="SURVEY.xlsx", help=_("the survey workbook to write"))
        command.add_argument(
            "--into",
            type=Path,
            metavar="SURVEY.xlsx",
            help=_("add the rounds to this survey (written anew, with --force, unless --out names another file)"),
        )
        command.add_argument("--round", help=_("round of the submissions that answer none"))
        command.add_argument(
            "--replace-round",
            action="store_true",
            help=_("with --into: replace the ties and respondents of a round the survey already holds"),
        )
        add_force_argument(command, _("replace the survey and unmatched.csv if they exist"))
        command.set_defaults(run=run_import)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--anonymize",
        action="store_true",
        help=_("codes by type instead of names everywhere, free-text attributes left out"),
    )
    parser.add_argument(
        "--anonymize-key",
        metavar="KEY",
        help=_(
            "secret that fixes the codes and the map of anonymised files, so that files made with the same key "
            "match (default: CLUSTERNET_ANONYMIZE_KEY, else a new key for each run); never share it"
        ),
    )
    parser.add_argument(
        "--color-by", default="type", metavar="ATTR", help=_("colour of the map's actors (default: type)")
    )
    parser.add_argument(
        "--size-by",
        default="degree",
        metavar="MEASURE",
        help=_("size of the map's actors: any measure of actors.csv (default: degree)"),
    )
    parser.add_argument("--title", help=_("title of the map or report"))
    parser.add_argument(
        "--min-ratings",
        type=int,
        default=MIN_RATINGS_SHOWN,
        metavar="K",
        help=_(
            "anonymised and on feedback sheets, hide trust figures backed by fewer than K ratings (default: {k})"
        ).format(k=MIN_RATINGS_SHOWN),
    )
    add_force_argument(parser, _("replace the output file if it exists"))


def add_force_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--force", action="store_true", help=help_text)


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--round", help=_("round to analyse (default: the latest)"))
    parser.add_argument(
        "--relation", action="append", metavar="REL", help=_("relation to include; repeat for several (default: all)")
    )
    parser.add_argument(
        "--ties",
        choices=TIE_MODES,
        metavar="MODE",
        default="reported",
        help=_("reported: directed as reported; any: either side reports; confirmed: both do"),
    )
    parser.add_argument(
        "--min-trust",
        type=int,
        choices=range(1, 6),
        metavar="T",
        help=_("keep only ties rated at least T (1-5) by the reporting side"),
    )
    parser.add_argument(
        "--group-by",
        default="type",
        metavar="ATTR",
        help=_("actor attribute for brokerage roles and the E-I index (default: type)"),
    )
    parser.add_argument("--seed", type=int, default=0, help=_("seed of the community detection (default: 0)"))


def selection_from(arguments: argparse.Namespace) -> Selection:
    from clusternet.graph import Selection

    relations = tuple(arguments.relation) if arguments.relation else None
    return Selection(
        round=arguments.round,
        relations=relations,
        ties=arguments.ties,
        min_trust=arguments.min_trust,
        group_by=arguments.group_by,
        seed=arguments.seed,
    )


def add_survey_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        help=_("survey workbook (.xlsx) or folder holding actors.csv and ties.csv (or --db URL --cluster NAME)"),
    )
    store_commands.add_store_source(parser)
    parser.add_argument(
        "--add-missing-actors",
        action="store_true",
        help=_("add actors named in ties but missing from actors (type unknown) instead of refusing the survey"),
    )


def show(text: str, stream: TextIO | None = None) -> None:
    """Print ``text`` (standard output by default) with every control character and escape sequence
    of survey text written as text; the line breaks of the command's own layout are kept."""
    print(terminal_text(text, line_breaks=True), file=stream or sys.stdout)


def say(item: Message, stream: TextIO | None = None) -> None:
    """Print a message of the command for its reader (actors by id, as in the files it writes)."""
    show(words().render(item), stream)


def fail(arguments: argparse.Namespace, problem: str | Message) -> int:
    """Print what went wrong to standard error, prefixed by the command, and return the exit code 1."""
    text = words().render(problem) if isinstance(problem, Message) else problem
    show(f"clusternet {arguments.command}: {text}", sys.stderr)
    return 1


def refuse_existing(arguments: argparse.Namespace, paths: list[Path]) -> int | None:
    """Exit code 1 after saying so if one of ``paths`` exists and ``--force`` was not given (checked
    before the survey is read, so that a refusal is immediate; the writer checks again)."""
    from clusternet.export.writing import OutputExistsError

    if not arguments.force:
        for path in paths:
            if path.exists():
                return fail(arguments, OutputExistsError(path).message)
    return None


def write_tables(arguments: argparse.Namespace, tables: Mapping[Path, bytes]) -> int | None:
    """Write the CSV files of a command into ``--out`` (created if missing); exit code 1 after the
    message when that fails, None when all were written."""
    from clusternet.export.writing import OutputError, ensure_folder, write_outputs

    try:
        ensure_folder(arguments.out)
        write_outputs(tables, force=arguments.force)
    except OutputError as error:
        return fail(arguments, error.message)
    return None


def report_problems(problems: tuple[Problem, ...], text: Callable[[Message], str]) -> None:
    """Print every problem of a refused file to standard error, errors first."""
    from clusternet.survey.problems import format_problems

    errors = sum(problem.severity == "error" for problem in problems)
    show(text(PROBLEMS_FOUND(count=errors)), sys.stderr)
    show(format_problems(problems, words()), sys.stderr)


def load_or_report(arguments: argparse.Namespace) -> Survey | None:
    """The survey (of the path, or of ``--cluster`` in the store), or None after printing every
    problem to standard error."""
    from clusternet.survey import SurveyError, load_survey
    from clusternet.survey.problems import format_problems

    if arguments.path is None or store_commands.names_store(arguments):
        return store_commands.load_from_store(arguments)
    try:
        return load_survey(arguments.path, add_missing_actors=arguments.add_missing_actors)
    except SurveyError as error:
        say(SURVEY_REFUSED(count=len(error.errors)), sys.stderr)
        show(format_problems(error.problems, words()), sys.stderr)
        return None


def run_validate(arguments: argparse.Namespace) -> int:
    from clusternet.survey.problems import format_problems
    from clusternet.survey.summary import summary_text

    survey = load_or_report(arguments)
    if survey is None:
        return 1
    show(summary_text(survey, words()))
    if survey.warnings:
        show("")
        say(WARNINGS(count=len(survey.warnings)))
        show(format_problems(survey.warnings, words()))
    return 0


def analysis_text(view: View) -> str:
    """A few lines for people: what was analysed, the headline figures and the top brokers."""
    from clusternet.view import ALL_RELATIONS, TIE_MODE_WORDS

    network = view.network_values
    selection = view.selection
    relations: str | Message = ", ".join(selection.relations) if selection.relations else ALL_RELATIONS()
    chosen = {"round": selection.round, "relations": relations, "ties": TIE_MODE_WORDS[selection.ties]()}
    headlines = [
        ANALYSED_WITH_FLOOR(**chosen, min_trust=selection.min_trust) if selection.min_trust else ANALYSED(**chosen),
        NETWORK_SIZE.bind(network),
        NETWORK_HEADLINES.bind({**network, "group_by": selection.group_by}),
        TOP_BROKERS(),
    ]
    lines = [words().render(line) for line in headlines]
    actors = view.actors_table()
    top = actors.nlargest(TOP_BROKERS_SHOWN, "betweenness")
    for actor, name, share in zip(top["actor_id"], top["name"], top["betweenness_norm"]):
        shown_name = terminal_text(str(name))[:NAME_WIDTH]
        lines.append(f"  {terminal_text(str(actor)):10} {shown_name:{NAME_WIDTH}} {share:.3f}")
    return "\n".join(lines)


def run_analyze(arguments: argparse.Namespace) -> int:
    from clusternet.export.tables import table_csv
    from clusternet.survey import SelectionError
    from clusternet.view import view_of

    actors_file, network_file = arguments.out / "actors.csv", arguments.out / "network.csv"
    refused = refuse_existing(arguments, [actors_file, network_file])
    if refused is not None:
        return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        view = view_of(survey, selection_from(arguments), language=LANGUAGE.get())
    except SelectionError as error:
        return fail(arguments, error.message)
    tables = {actors_file: table_csv(view.actors_table()), network_file: table_csv(view.network_table())}
    failed = write_tables(arguments, tables)
    if failed is not None:
        return failed
    show(analysis_text(view))
    say(WROTE_TWO(first=str(actors_file), second=str(network_file)))
    return 0


def gaps_config_from(settings: list[str]) -> GapsConfig:
    from clusternet.gaps import GapsConfig
    from clusternet.survey import SelectionError

    overrides: dict[str, str | float] = {}
    for setting in settings:
        name, separator, value = setting.partition("=")
        if not separator:
            raise SelectionError(SETTING_WITHOUT_VALUE(setting=setting))
        overrides[name.strip()] = value.strip()
    return GapsConfig().with_overrides(overrides)


def run_gaps(arguments: argparse.Namespace) -> int:
    from clusternet.export.tables import table_csv
    from clusternet.survey import SelectionError
    from clusternet.view import view_of

    gaps_file = arguments.out / "gaps.csv"
    refused = refuse_existing(arguments, [gaps_file])
    if refused is not None:
        return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        view = view_of(
            survey, selection_from(arguments), config=gaps_config_from(arguments.set), language=LANGUAGE.get()
        )
    except SelectionError as error:
        return fail(arguments, error.message)
    table = view.gaps_table()
    failed = write_tables(arguments, {gaps_file: table_csv(table)})
    if failed is not None:
        return failed
    say(GAPS_FOUND(round=view.selection.round, count=len(table)))
    for score, kind, explanation in zip(
        table["score"].head(GAPS_SHOWN), table["kind"].head(GAPS_SHOWN), table["explanation"].head(GAPS_SHOWN)
    ):
        show(f"  {score:.2f}  {kind:22} {terminal_text(str(explanation))}")
    say(WROTE(path=str(gaps_file)))
    return 0


def run_compare(arguments: argparse.Namespace) -> int:
    from clusternet.export.tables import table_csv
    from clusternet.rounds import comparison_text
    from clusternet.rounds.changes import TIE_CHANGE_COLUMNS
    from clusternet.survey import SelectionError

    kpis_file, ties_file = arguments.out / "kpis.csv", arguments.out / "tie_changes.csv"
    refused = refuse_existing(arguments, [kpis_file, ties_file])
    if refused is not None:
        return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        view = comparison_view(arguments, survey)
        comparison = view.compare(arguments.from_round, arguments.to_round)
    except SelectionError as error:
        return fail(arguments, error.message)
    kpis, tie_changes = view.kpi_table(comparison), view.tie_changes_table(comparison)
    assert kpis is not None and tie_changes is not None  # given a comparison, the view has both tables
    tables = {kpis_file: table_csv(kpis), ties_file: table_csv(tie_changes[TIE_CHANGE_COLUMNS])}
    failed = write_tables(arguments, tables)
    if failed is not None:
        return failed
    for line in comparison_text(comparison):
        say(line)
    say(WROTE_TWO(first=str(kpis_file), second=str(ties_file)))
    return 0


def write_output(arguments: argparse.Namespace, build: Callable[[View], bytes]) -> int:
    """Build the file's bytes from the view of the arguments and write them safely; every expected
    failure exits 1 with a message."""
    from clusternet.export.writing import OutputError, write_export
    from clusternet.survey import SelectionError
    from clusternet.view import view_of

    refused = refuse_existing(arguments, [arguments.out])
    if refused is not None:
        return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    if arguments.anonymize and arguments.min_trust is not None:
        say(NO_TRUST_FLOOR_ANONYMISED(min_trust=arguments.min_trust), sys.stderr)
    try:
        view = view_of(
            survey,
            selection_from(arguments),
            anonymize=arguments.anonymize,
            min_ratings=arguments.min_ratings,
            language=LANGUAGE.get(),
            key=arguments.anonymize_key,
        )
        data = build(view)
        write_export(data, arguments.out, force=arguments.force)
    except SelectionError as error:
        return fail(arguments, error.message)
    except OutputError as error:
        return fail(arguments, error.message)
    except ValueError as error:
        problem = getattr(error, "message", None)
        return fail(arguments, problem if isinstance(problem, Message) else str(error))
    say(WROTE_SIZE(path=str(arguments.out), kilobytes=len(data) / 1024))
    return 0


def run_report(arguments: argparse.Namespace) -> int:
    from clusternet.export.formats import report_bytes

    return write_output(
        arguments,
        lambda view: report_bytes(
            view,
            color_by=arguments.color_by,
            size_by=arguments.size_by,
            title=arguments.title,
            static_map=not arguments.no_static_map,
        ),
    )


def run_export(arguments: argparse.Namespace) -> int:
    from clusternet.export.formats import export_bytes

    return write_output(
        arguments,
        lambda view: export_bytes(
            view, arguments.format, color_by=arguments.color_by, size_by=arguments.size_by, title=arguments.title
        ),
    )


def run_xlsform(arguments: argparse.Namespace) -> int:
    from clusternet.fieldforms.roster import read_roster
    from clusternet.fieldforms.xlsform import (
        FORM_FILE,
        ROSTER_FILE,
        FormError,
        checked_languages,
        field_form,
        form_version,
        form_workbook,
        roster_csv,
    )
    from clusternet.survey import SurveyError
    from clusternet.survey.problems import format_problems

    form_file, roster_file = arguments.out / FORM_FILE, arguments.out / ROSTER_FILE
    refused = refuse_existing(arguments, [form_file, roster_file])
    if refused is not None:
        return refused
    try:
        languages = checked_languages(arguments.lang.split(","))
        roster = read_roster(arguments.path)
        form = field_form(
            roster,
            version=form_version(datetime.now()),
            languages=languages,
            rounds=arguments.rounds.split(",") if arguments.rounds else None,
            relations=arguments.relations.split(",") if arguments.relations else None,
            frequency=arguments.frequency,
        )
    except (FormError, UnknownLanguageError) as error:
        return fail(arguments, error.message)
    except SurveyError as error:
        report_problems(error.problems, words().render)
        return 1
    failed = write_tables(arguments, {form_file: form_workbook(form), roster_file: roster_csv(form)})
    if failed is not None:
        return failed
    if roster.warnings:
        say(WARNINGS(count=len(roster.warnings)))
        show(format_problems(roster.warnings, words()))
    choices = form.choices
    written = FORM_WRITTEN(
        actors=len(form.roster),
        rounds=", ".join(choices.loc[choices["list_name"] == "round", "name"]),
        relations=", ".join(choices.loc[choices["list_name"] == "relation", "name"]),
        languages=", ".join(languages),
        form=str(form_file),
        roster=str(roster_file),
    )
    show(words().render(WROTE_TWO(first=str(form_file), second=str(roster_file))))
    show(words().render(written))
    return 0


def import_roster(arguments: argparse.Namespace, into: Survey | None) -> Roster:
    """The roster of an import: ``--roster``, else the survey it goes into (:class:`SurveyError` on problems)."""
    from clusternet.fieldforms.roster import read_roster, roster_from_survey

    if arguments.roster is not None:
        return read_roster(arguments.roster)
    assert into is not None  # checked by run_import
    return roster_from_survey(into)


def run_import(arguments: argparse.Namespace) -> int:
    from clusternet.export.survey_files import survey_workbook
    from clusternet.export.writing import OutputError, ensure_folder, write_outputs
    from clusternet.fieldforms.imports import import_export, unmatched_csv
    from clusternet.survey import SurveyError, load_survey
    from clusternet.survey.problems import format_problems
    from clusternet.survey.reading import read_file_bytes

    out: Path | None = arguments.out or arguments.into
    if out is None:
        return fail(arguments, IMPORT_NEEDS_OUT())
    if arguments.roster is None and arguments.into is None:
        return fail(arguments, IMPORT_NEEDS_ROSTER())
    if out.suffix.lower() != ".xlsx":
        return fail(arguments, IMPORT_NOT_XLSX(path=str(out)))
    unmatched_file = out.parent / "unmatched.csv"
    refused = refuse_existing(arguments, [out, unmatched_file])
    if refused is not None:
        return refused
    export: Path = arguments.export
    problems: list[Problem] = []
    data = read_file_bytes(export, problems)
    if data is None:
        report_problems(tuple(problems), words().render)
        return 1
    try:
        into = load_survey(arguments.into) if arguments.into is not None else None
        result = import_export(
            arguments.platform,
            data,
            export.name,
            import_roster(arguments, into),
            into=into,
            round_label=arguments.round,
            replace_rounds=arguments.replace_round,
            survey_name=out.name,
        )
    except SurveyError as error:
        report_problems(error.problems, words().render)
        return 1
    try:
        ensure_folder(out.parent)
        write_outputs(
            {out: survey_workbook(result.survey), unmatched_file: unmatched_csv(result)}, force=arguments.force
        )
    except OutputError as error:
        return fail(arguments, error.message)
    show(result.summary.text(words()))
    if result.warnings:
        say(WARNINGS(count=len(result.warnings)))
        show(format_problems(result.warnings, words()))
    say(WROTE_TWO(first=str(out), second=str(unmatched_file)))
    return 0


WHATIF_TRIED = plural_message(
    "cli.whatif.tried",
    "Round {round}: {count} step tried on a copy of the round (the survey is not changed):",
    "Round {round}: {count} steps tried on a copy of the round (the survey is not changed):",
)
WHATIF_KPI = message("cli.whatif.kpi", "{name}: {before:.4g} -> {after:.4g} ({effect})")
WHATIF_KPI_NO_EFFECT = message("cli.whatif.kpi.no_effect", "{name}: {before:.4g} -> {after:.4g}")
WHATIF_APPROXIMATE = message(
    "cli.whatif.approximate",
    "On a network this large betweenness and distance-weighted fragmentation are estimated from sampled "
    "actors (column approximate of whatif.csv).",
)
KEYPLAYERS_FRAGMENT = plural_message(
    "cli.keyplayers.fragment",
    "Round {round}: the actor whose removal fragments the network most ({method}):",
    "Round {round}: the {count} actors whose removal fragments the network most ({method}):",
)
KEYPLAYERS_REACH = plural_message(
    "cli.keyplayers.reach",
    "Round {round}: the actor who reaches the most firms, {steps}-step reach ({method}):",
    "Round {round}: the {count} actors who together reach the most firms, {steps}-step reach ({method}):",
)
KEYPLAYERS_EXACT = plural_message(
    "cli.keyplayers.method.exact",
    "exact: the only set measured",
    "exact: every one of the {count:,} sets measured",
)
KEYPLAYERS_GREEDY = message(
    "cli.keyplayers.method.greedy", "greedy search with swaps from {starts} starts, seed {seed}, {sets:,} sets measured"
)
KEYPLAYERS_FRAGMENT_RESULT = message(
    "cli.keyplayers.fragment.result",
    "Without them: fragmentation {before:.3f} -> {after:.3f}, distance-weighted fragmentation "
    "{distance_weighted_before:.3f} -> {distance_weighted:.3f}.",
)
KEYPLAYERS_REACH_RESULT = plural_message(
    "cli.keyplayers.reach.result",
    "Together they reach {share:.0%} of the {firms} firms within {steps} step (distance-weighted reach "
    "{distance_weighted:.3f}).",
    "Together they reach {share:.0%} of the {firms} firms within {steps} steps (distance-weighted reach "
    "{distance_weighted:.3f}).",
    count="steps",
)
UNKNOWN_TYPES = message("cli.keyplayers.unknown_types", "no actor is of type {types}; the types are {known}")


def add_comparison_arguments(parser: argparse.ArgumentParser, relation_help: str, seed_help: str) -> None:
    """The options of a command that compares rounds: relations, tie mode, groups, resamples, seed."""
    parser.add_argument("--relation", action="append", metavar="REL", help=relation_help)
    parser.add_argument(
        "--ties", choices=TIE_MODES, metavar="MODE", default="reported", help=_("tie mode, as for analyze")
    )
    parser.add_argument(
        "--group-by",
        metavar="ATTR",
        help=_("attribute for the E-I index (default: village if the survey has it, else type)"),
    )
    parser.add_argument("--resamples", type=int, default=2000, help=_("bootstrap resamples (default: 2000)"))
    parser.add_argument("--seed", type=int, default=0, help=seed_help)


def comparison_view(arguments: argparse.Namespace, survey: Survey) -> View:
    """The view of the options of :func:`add_comparison_arguments`; raises ``SelectionError``."""
    from clusternet.graph import Selection
    from clusternet.rounds.comparability import group_attribute
    from clusternet.view import view_of

    selection = Selection(
        relations=tuple(arguments.relation) if arguments.relation else None,
        ties=arguments.ties,
        group_by=group_attribute(survey, arguments.group_by),
        seed=arguments.seed,
    )
    return view_of(survey, selection, resamples=arguments.resamples, language=LANGUAGE.get())


def add_logframe_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    logframe = commands.add_parser(
        "logframe",
        help=_("the logframe's indicators per round, and what followed each action"),
        description=_(
            "Measure the survey's logframe sheet in every round (value, baseline, target, progress) and "
            "follow up each action of its actions sheet (ties among its participants before and after). "
            "Writes logframe.csv and action_followup.csv to --out."
        ),
    )
    add_survey_arguments(logframe)
    add_comparison_arguments(
        logframe,
        _("relation to include; repeat for several (default: all, which must match in every round)"),
        _("seed of the bootstrap"),
    )
    logframe.add_argument("--out", required=True, type=Path, help=_("folder to write the CSV files to"))
    add_force_argument(logframe, _("replace logframe.csv and action_followup.csv in --out if they exist"))
    logframe.set_defaults(run=run_logframe)


def run_logframe(arguments: argparse.Namespace) -> int:
    from clusternet.export.tables import table_csv
    from clusternet.survey import SelectionError

    logframe_file, followup_file = arguments.out / "logframe.csv", arguments.out / "action_followup.csv"
    refused = refuse_existing(arguments, [logframe_file, followup_file])
    if refused is not None:
        return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        view = comparison_view(arguments, survey)
        indicators, followup = view.logframe_table(), view.followup_table()
    except SelectionError as error:
        return fail(arguments, error.message)
    failed = write_tables(arguments, {logframe_file: table_csv(indicators), followup_file: table_csv(followup)})
    if failed is not None:
        return failed
    say(LOGFRAME_SUMMARY(indicators=len(survey.logframe), actions=len(survey.actions)))
    if survey.logframe.empty and survey.actions.empty:
        say(NO_LOGFRAME())
    say(WROTE_TWO(first=str(logframe_file), second=str(followup_file)))
    return 0


def add_whatif_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``whatif`` (a scenario tried on a copy of one round) and ``keyplayers`` (Borgatti's key players)."""
    whatif = commands.add_parser(
        "whatif",
        help=_("try a facilitation plan on a copy of the network: every KPI before and after each step"),
        description=_(
            "Apply the steps of a scenario (ties and arcs added or removed, actors added or removed, joint "
            "actions) one after another to a copy of the selected round, and write every KPI before and after "
            "each step to whatif.csv and the actors whose measures change to actor_changes.csv in --out. The "
            "survey is never changed; see docs/whatif.md."
        ),
    )
    add_survey_arguments(whatif)
    whatif.add_argument(
        "--scenario",
        required=True,
        type=Path,
        metavar="FILE",
        help=_("the steps: a CSV file, or a workbook with a sheet scenario"),
    )
    add_selection_arguments(whatif)
    whatif.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=_("override a setting of the gaps, whose total score is a KPI (as for clusternet gaps)"),
    )
    whatif.add_argument(
        "--project-attribute",
        metavar="ATTR",
        help=_("actor attribute marking the project's own actors (default: is_project)"),
    )
    whatif.add_argument("--out", required=True, type=Path, help=_("folder to write the CSV files to"))
    add_force_argument(whatif, _("replace whatif.csv and actor_changes.csv in --out if they exist"))
    whatif.set_defaults(run=run_whatif)

    keyplayers = commands.add_parser(
        "keyplayers",
        help=_("the few actors the network hangs on, or who together reach most firms"),
        description=_(
            "Find the K actors whose removal most fragments the network (--goal fragment: a dependency risk), "
            "or who together reach the most firms (--goal reach: whom to train as local brokers). Exact when "
            "there are few sets to try, else a greedy search with swaps seeded by --seed (Borgatti 2006)."
        ),
    )
    add_survey_arguments(keyplayers)
    keyplayers.add_argument("--k", required=True, type=int, metavar="K", help=_("how many key players"))
    keyplayers.add_argument("--goal", required=True, choices=GOALS, metavar="GOAL", help=_("fragment or reach"))
    keyplayers.add_argument(
        "--among",
        action="append",
        metavar="TYPE",
        help=_("choose only among actors of this type; repeat for several (default: every actor)"),
    )
    keyplayers.add_argument(
        "--steps", type=int, default=1, metavar="M", help=_("--goal reach: most steps to a firm reached (default: 1)")
    )
    add_selection_arguments(keyplayers)
    keyplayers.add_argument("--out", type=Path, help=_("folder to write keyplayers.csv to (optional)"))
    add_force_argument(keyplayers, _("replace keyplayers.csv in --out if it exists"))
    keyplayers.set_defaults(run=run_keyplayers)


def run_whatif(arguments: argparse.Namespace) -> int:
    from clusternet.export.tables import table_csv
    from clusternet.survey import SelectionError
    from clusternet.survey.problems import format_problems
    from clusternet.view import view_of
    from clusternet.whatif import ScenarioError, load_scenario
    from clusternet.whatif.kpis import HEADLINE_KPIS, PROJECT_ATTRIBUTE, kpi_name
    from clusternet.whatif.simulation import ACTOR_CHANGE_COLUMNS, EFFECT_WORDS

    whatif_file, changes_file = arguments.out / "whatif.csv", arguments.out / "actor_changes.csv"
    refused = refuse_existing(arguments, [whatif_file, changes_file])
    if refused is not None:
        return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        view = view_of(
            survey, selection_from(arguments), config=gaps_config_from(arguments.set), language=LANGUAGE.get()
        )
        project_attribute = arguments.project_attribute or PROJECT_ATTRIBUTE
        if project_attribute != PROJECT_ATTRIBUTE:
            survey.check_attribute(project_attribute)
        scenario = load_scenario(arguments.scenario, view.survey, view.selection)
        simulation = view.simulate(scenario, project_attribute)
    except SelectionError as error:
        return fail(arguments, error.message)
    except ScenarioError as error:
        report_problems(error.problems, words().render)
        return 1
    table = view.whatif_table(simulation)
    changes = view.whatif_actor_changes(simulation)[ACTOR_CHANGE_COLUMNS]
    failed = write_tables(arguments, {whatif_file: table_csv(table), changes_file: table_csv(changes)})
    if failed is not None:
        return failed
    say(WHATIF_TRIED(round=view.selection.round, count=len(scenario.steps)))
    overall = view.whatif_overall(simulation).set_index("kpi")
    headline = overall.loc[list(HEADLINE_KPIS)]
    for code, before, after, effect_code in zip(
        HEADLINE_KPIS,
        headline["before"].to_numpy(dtype=float).tolist(),
        headline["after"].to_numpy(dtype=float).tolist(),
        headline["effect"],
    ):
        if math.isnan(before) and math.isnan(after):
            continue
        name, effect = kpi_name(code), EFFECT_WORDS.get(str(effect_code))
        line = (
            WHATIF_KPI_NO_EFFECT(name=name, before=before, after=after)
            if effect is None
            else WHATIF_KPI(name=name, before=before, after=after, effect=effect())
        )
        show("  " + words().render(line))
    if overall["approximate"].any():
        say(WHATIF_APPROXIMATE())
    if simulation.warnings:
        say(WARNINGS(count=len(simulation.warnings)))
        show(format_problems(simulation.warnings, words()))
    say(WROTE_TWO(first=str(whatif_file), second=str(changes_file)))
    return 0


def run_keyplayers(arguments: argparse.Namespace) -> int:
    from clusternet.export.tables import table_csv
    from clusternet.graph import build_graph
    from clusternet.survey import SelectionError
    from clusternet.survey.vocabulary import FIRM_TYPES
    from clusternet.view import view_of
    from clusternet.whatif.keyplayers import FRAGMENT, RANDOM_STARTS, key_players

    keyplayers_file = arguments.out / "keyplayers.csv" if arguments.out is not None else None
    if keyplayers_file is not None:
        refused = refuse_existing(arguments, [keyplayers_file])
        if refused is not None:
            return refused
    survey = load_or_report(arguments)
    if survey is None:
        return 1
    try:
        view = view_of(survey, selection_from(arguments), language=LANGUAGE.get())
        actors = view.survey.actors
        types = sorted(actors["type"].unique())
        unknown = [kind for kind in arguments.among or () if kind not in types]
        if unknown:
            return fail(arguments, UNKNOWN_TYPES(types=", ".join(unknown), known=", ".join(types)))
        chosen = actors if not arguments.among else actors.loc[actors["type"].isin(arguments.among)]
        firms = actors.loc[actors["type"].isin(FIRM_TYPES), "actor_id"]
        found = key_players(
            build_graph(view.survey, view.selection),
            arguments.k,
            arguments.goal,
            candidates=list(chosen["actor_id"]),
            targets=list(firms),
            steps=arguments.steps,
            seed=arguments.seed,
        )
    except SelectionError as error:
        return fail(arguments, error.message)
    table = view.key_players_table(found)
    if keyplayers_file is not None:
        failed = write_tables(arguments, {keyplayers_file: table_csv(table)})
        if failed is not None:
            return failed
    if found.method == "exact":
        method = KEYPLAYERS_EXACT(count=found.sets_tried)
    else:
        method = KEYPLAYERS_GREEDY(starts=1 + RANDOM_STARTS, seed=found.seed, sets=found.sets_tried)
    chosen_round = view.selection.round
    if found.goal == FRAGMENT:
        say(KEYPLAYERS_FRAGMENT(round=chosen_round, count=len(found.actors), method=method))
    else:
        say(KEYPLAYERS_REACH(round=chosen_round, count=len(found.actors), steps=found.steps, method=method))
    for actor, name, kind, alone in zip(table["actor_id"], table["name"], table["type"], table["alone"]):
        shown_name = terminal_text(str(name))[:NAME_WIDTH]
        show(f"  {terminal_text(str(actor)):10} {shown_name:{NAME_WIDTH}} {terminal_text(str(kind)):12} {alone:.3f}")
    if found.goal == FRAGMENT:
        say(KEYPLAYERS_FRAGMENT_RESULT(before=found.before, after=found.score,
                                       distance_weighted_before=found.distance_weighted_before,
                                       distance_weighted=found.distance_weighted))  # fmt: skip
    else:
        say(KEYPLAYERS_REACH_RESULT(share=found.score, firms=found.targets, steps=found.steps,
                                    distance_weighted=found.distance_weighted))  # fmt: skip
    if keyplayers_file is not None:
        say(WROTE(path=str(keyplayers_file)))
    return 0


def chosen_language(argv: list[str] | None) -> str:
    """The ``--lang`` of the command line (of ``xlsform --lang es,en``, the first), read before the
    parser is built so that its help is in that language too; :class:`UnknownLanguageError` if
    clusternet has no such catalog."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default=SOURCE_LANGUAGE)
    known, _rest = early.parse_known_args(sys.argv[1:] if argv is None else argv)
    language = str(known.lang).split(",")[0].strip() or SOURCE_LANGUAGE
    if language not in available_languages():
        raise UnknownLanguageError(language)
    return language


def main(argv: list[str] | None = None) -> int:
    try:
        LANGUAGE.set(chosen_language(argv))
    except UnknownLanguageError as error:
        show(f"clusternet: {terminal_text(words().render(error.message))}", sys.stderr)
        return 1
    arguments = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = arguments.run
    try:
        return run(arguments)
    except KeyboardInterrupt:
        say(INTERRUPTED(), sys.stderr)
        return 130
