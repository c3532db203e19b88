"""The command line of the programme store: ``clusternet db upgrade|import|list|export``,
``clusternet portfolio``, and ``--db URL --cluster NAME`` in place of a survey path.

:mod:`clusternet.cli` builds the parser and hooks these in (:func:`add_store_commands`,
:func:`add_store_source`, :func:`load_from_store`); the helpers that print, fail and translate are
the command line's own, so every store command reads, prints and refuses like the others. Every
expected failure (a bad URL, a server that cannot be reached, a store not upgraded, an unknown
cluster) is one line on standard error and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from clusternet import cli
from clusternet.export.survey_files import survey_workbook
from clusternet.export.tables import table_csv
from clusternet.export.writing import OutputError, write_export
from clusternet.messages import message, plural_message
from clusternet.portfolio import PortfolioError, portfolio, programme_surveys
from clusternet.rounds.bootstrap import DEFAULT_RESAMPLES
from clusternet.store.audit import os_user
from clusternet.store.clusters import (
    SurveyFile,
    cluster_names,
    clusters_table,
    import_survey,
    load_cluster,
    survey_checksum,
)
from clusternet.store.engine import open_store, parsed_url, shown_url
from clusternet.store.errors import StoreError
from clusternet.store.migrate import current_revision, require_current, upgrade
from clusternet.store.url import store_url
from clusternet.survey import Survey, SurveyError, load_survey
from clusternet.survey.problems import format_problems

SOURCE_NEEDED = message(
    "store.cli.source_needed",
    "give a survey (a workbook or a folder of CSV files), or a cluster of the store with --cluster NAME (and --db URL)",
)
SOURCE_TWICE = message("store.cli.source_twice", "give either a survey path or --cluster NAME, not both")
UPGRADED = message("store.cli.upgraded", "The store at {url} is now at revision {revision} (it was at {before}).")
ALREADY_CURRENT = message("store.cli.already_current", "The store at {url} is at revision {revision}: nothing to do.")
EMPTY_REVISION = message("store.cli.empty_revision", "none: a new store")
IMPORTED = message(
    "store.cli.imported",
    'Imported {path} as cluster "{cluster}" into {url}: {actors} actors, {ties} tie rows, {rounds} rounds.',
)
REPLACED = message(
    "store.cli.replaced",
    'Replaced cluster "{cluster}" in {url} with {path}: {actors} actors, {ties} tie rows, {rounds} rounds.',
)
LISTED_NONE = message(
    "store.cli.listed_none", "The store at {url} holds no cluster yet; add one with: clusternet db import SURVEY "
    "--cluster NAME"
)  # fmt: skip
EXPORT_NOT_XLSX = message(
    "store.cli.export_not_xlsx", "{path}: a cluster is exported as a survey workbook: name it .xlsx"
)
STORE_FAILED = message(
    "store.cli.failed",
    "the store at {url} failed ({reason}); nothing was changed: check the server or the file, then try again",
)
PORTFOLIO_SOURCE = message(
    "store.cli.portfolio_source", "give the folder of the programme's surveys, or the store with --db URL, not both"
)
PORTFOLIO_EMPTY = message(
    "store.cli.portfolio_empty",
    "{where} holds no cluster survey; put one workbook or CSV folder per cluster there, named by the cluster",
)
PORTFOLIO_REFUSED = message("store.cli.portfolio_refused", 'The survey of cluster "{cluster}" ({path}) cannot be used:')
PORTFOLIO_NOT_COMPARABLE = message("store.cli.portfolio_not_comparable", 'cluster "{cluster}": {reason}')
PORTFOLIO_WRITTEN = plural_message(
    "store.cli.portfolio_written",
    "{count} cluster in the portfolio.",
    "{count} clusters in the portfolio.",
)

KPIS_FILE = "portfolio_kpis.csv"
CHANGE_FILE = "portfolio_change.csv"


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help=cli._(
            "the programme store (default: CLUSTERNET_DB_URL, else .streamlit/secrets.toml, else "
            "sqlite:///clusternet.db); see docs/store.md"
        ),
    )


def add_store_source(parser: argparse.ArgumentParser) -> None:
    """``--db URL --cluster NAME``: a cluster of the store in place of the survey path."""
    add_db_argument(parser)
    parser.add_argument("--cluster", metavar="NAME", help=cli._("the cluster of the store to use, in place of a path"))


def add_store_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``db upgrade|import|list|export`` and ``portfolio``."""
    database = commands.add_parser(
        "db",
        help=cli._("the programme store: many clusters in SQLite or PostgreSQL"),
        description=cli._("Set up, fill, list and export the programme store (docs/store.md)."),
    )
    actions = database.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrading = actions.add_parser(
        "upgrade",
        help=cli._("create the store, or bring its tables up to this version of clusternet"),
        description=cli._("Create the store's tables, or migrate them to this version of clusternet."),
    )
    add_db_argument(upgrading)
    upgrading.set_defaults(run=run_upgrade)

    importing = actions.add_parser(
        "import",
        help=cli._("add a survey to the store as a cluster, or replace the cluster's data"),
        description=cli._(
            "Validate a survey and store it as the cluster NAME, replacing all the cluster held, in one "
            "transaction: a survey with problems changes nothing."
        ),
    )
    importing.add_argument("survey", type=Path, help=cli._("survey workbook (.xlsx) or folder of CSV files"))
    importing.add_argument("--cluster", required=True, metavar="NAME", help=cli._("the cluster's name in the store"))
    importing.add_argument(
        "--add-missing-actors",
        action="store_true",
        help=cli._("add actors named in ties but missing from actors (type unknown) instead of refusing the survey"),
    )
    add_db_argument(importing)
    importing.set_defaults(run=run_import)

    listing = actions.add_parser(
        "list", help=cli._("the clusters of the store"), description=cli._("List the clusters: rounds, actors, ties.")
    )
    add_db_argument(listing)
    listing.set_defaults(run=run_list)

    exporting = actions.add_parser(
        "export",
        help=cli._("a cluster of the store as a survey workbook"),
        description=cli._("Write a cluster of the store as a survey workbook whose tables equal the imported ones."),
    )
    exporting.add_argument("--cluster", required=True, metavar="NAME", help=cli._("the cluster to export"))
    exporting.add_argument(
        "--out", required=True, type=Path, metavar="SURVEY.xlsx", help=cli._("the workbook to write")
    )
    cli.add_force_argument(exporting, cli._("replace the workbook if it exists"))
    add_db_argument(exporting)
    exporting.set_defaults(run=run_export)

    programme = commands.add_parser(
        "portfolio",
        help=cli._("every cluster's KPIs by round, and each cluster's change"),
        description=cli._(
            "Write portfolio_kpis.csv (every KPI of every round of every cluster) and portfolio_change.csv "
            "(each cluster's change from its first round to its latest, with intervals) to --out, from a folder "
            "holding one survey per cluster (a workbook or a CSV folder, named by the cluster) or from the store."
        ),
    )
    programme.add_argument("folder", nargs="?", type=Path, metavar="DIR", help=cli._("folder of the cluster surveys"))
    add_db_argument(programme)
    programme.add_argument(
        "--resamples", type=int, default=DEFAULT_RESAMPLES, help=cli._("bootstrap resamples (default: 2000)")
    )
    programme.add_argument("--seed", type=int, default=0, help=cli._("seed of the bootstrap"))
    programme.add_argument("--out", required=True, type=Path, help=cli._("folder to write the CSV files to"))
    cli.add_force_argument(programme, cli._("replace the portfolio files in --out if they exist"))
    programme.set_defaults(run=run_portfolio)


def connected(arguments: argparse.Namespace) -> Engine:
    """The engine on the store of ``--db`` (or of the environment, the secrets, the default), checked
    to be reachable and upgraded; :class:`StoreError` otherwise."""
    engine = open_store(store_url(arguments.db))
    try:
        require_current(engine)
    except (StoreError, SQLAlchemyError):
        engine.dispose()
        raise
    return engine


def _store_failed(arguments: argparse.Namespace, error: SQLAlchemyError) -> int:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    try:
        url = shown_url(parsed_url(store_url(arguments.db)))
    except StoreError:
        url = "?"
    return cli.fail(arguments, STORE_FAILED(url=url, reason=reason))


def names_store(arguments: argparse.Namespace) -> bool:
    """Whether the command is to read its survey from the store (``--db`` or ``--cluster`` given)."""
    return getattr(arguments, "cluster", None) is not None or getattr(arguments, "db", None) is not None


def load_from_store(arguments: argparse.Namespace) -> Survey | None:
    """The survey of ``--cluster`` from the store, or None after saying what is wrong."""
    if arguments.path is not None and names_store(arguments):
        cli.fail(arguments, SOURCE_TWICE())
        return None
    if arguments.cluster is None:
        cli.fail(arguments, SOURCE_NEEDED())
        return None
    try:
        engine = connected(arguments)
        try:
            return load_cluster(engine, arguments.cluster)
        finally:
            engine.dispose()
    except StoreError as error:
        cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        _store_failed(arguments, error)
    return None


def run_upgrade(arguments: argparse.Namespace) -> int:
    try:
        engine = open_store(store_url(arguments.db), create=True)
        try:
            before = current_revision(engine)
            upgrade(engine)
            after = current_revision(engine)
        finally:
            engine.dispose()
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    url = shown_url(engine.url)
    if before == after:
        cli.say(ALREADY_CURRENT(url=url, revision=after))
    else:
        cli.say(UPGRADED(url=url, revision=after, before=before or EMPTY_REVISION()))
    return 0


def run_import(arguments: argparse.Namespace) -> int:
    try:
        survey = load_survey(arguments.survey, add_missing_actors=arguments.add_missing_actors)
    except SurveyError as error:
        cli.say(cli.SURVEY_REFUSED(count=len(error.errors)), sys.stderr)
        cli.show(format_problems(error.problems, cli.words()), sys.stderr)
        return 1
    source = SurveyFile(arguments.survey.name, survey_checksum(arguments.survey), os_user())
    try:
        engine = connected(arguments)
        try:
            replacing = arguments.cluster.strip() in cluster_names(engine)
            import_survey(engine, survey, arguments.cluster, source)
        finally:
            engine.dispose()
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    done = REPLACED if replacing else IMPORTED
    cli.say(done(path=str(arguments.survey), cluster=arguments.cluster.strip(), url=shown_url(engine.url),
                 actors=len(survey.actors), ties=len(survey.ties), rounds=len(survey.rounds)))  # fmt: skip
    if survey.warnings:
        cli.say(cli.WARNINGS(count=len(survey.warnings)))
        cli.show(format_problems(survey.warnings, cli.words()))
    return 0


def run_list(arguments: argparse.Namespace) -> int:
    try:
        engine = connected(arguments)
        try:
            listed = clusters_table(engine)
        finally:
            engine.dispose()
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    if listed.empty:
        cli.say(LISTED_NONE(url=shown_url(engine.url)))
    else:
        cli.show(listed.to_string(index=False))
    return 0


def run_export(arguments: argparse.Namespace) -> int:
    if arguments.out.suffix.lower() != ".xlsx":
        return cli.fail(arguments, EXPORT_NOT_XLSX(path=str(arguments.out)))
    refused = cli.refuse_existing(arguments, [arguments.out])
    if refused is not None:
        return refused
    try:
        engine = connected(arguments)
        try:
            survey = load_cluster(engine, arguments.cluster)
        finally:
            engine.dispose()
        data = survey_workbook(survey)
        write_export(data, arguments.out, force=arguments.force)
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    except OutputError as error:
        return cli.fail(arguments, error.message)
    cli.say(cli.WROTE_SIZE(path=str(arguments.out), kilobytes=len(data) / 1024))
    return 0


def _folder_clusters(folder: Path) -> Iterator[tuple[str, Survey]]:
    """The folder's surveys one at a time; a survey with problems ends it with :class:`SurveyError`
    after saying which cluster it is."""
    for cluster, path in programme_surveys(folder):
        try:
            yield cluster, load_survey(path)
        except SurveyError:
            cli.say(PORTFOLIO_REFUSED(cluster=cluster, path=str(path)), sys.stderr)
            raise


def _store_clusters(engine: Engine) -> Iterator[tuple[str, Survey]]:
    for cluster in cluster_names(engine):
        yield cluster, load_cluster(engine, cluster)


def run_portfolio(arguments: argparse.Namespace) -> int:
    folder: Path | None = arguments.folder
    if (folder is None) == (arguments.db is None):
        return cli.fail(arguments, PORTFOLIO_SOURCE())
    kpis_file, change_file = arguments.out / KPIS_FILE, arguments.out / CHANGE_FILE
    refused = cli.refuse_existing(arguments, [kpis_file, change_file])
    if refused is not None:
        return refused
    options = {"resamples": arguments.resamples, "seed": arguments.seed}
    try:
        if folder is not None:
            if not folder.is_dir() or not programme_surveys(folder):
                return cli.fail(arguments, PORTFOLIO_EMPTY(where=str(folder)))
            built = portfolio(_folder_clusters(folder), **options)
            count = len(programme_surveys(folder))
        else:
            engine = connected(arguments)
            try:
                count = len(cluster_names(engine))
                if not count:
                    return cli.fail(arguments, PORTFOLIO_EMPTY(where=shown_url(engine.url)))
                built = portfolio(_store_clusters(engine), **options)
            finally:
                engine.dispose()
    except SurveyError as error:
        cli.show(format_problems(error.problems, cli.words()), sys.stderr)
        return 1
    except PortfolioError as error:
        return cli.fail(arguments, PORTFOLIO_NOT_COMPARABLE(cluster=error.cluster, reason=error.message))
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    failed = cli.write_tables(arguments, {kpis_file: table_csv(built.kpis), change_file: table_csv(built.change)})
    if failed is not None:
        return failed
    cli.say(PORTFOLIO_WRITTEN(count=count))
    cli.say(cli.WROTE_TWO(first=str(kpis_file), second=str(change_file)))
    return 0
