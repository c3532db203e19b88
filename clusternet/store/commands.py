"""The command line of the programme store: ``clusternet db upgrade|import|list|export|delete|role|roles``,
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from clusternet import cli
from clusternet.messages import Template, message, plural_message

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.survey import Survey

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

WOULD_DELETE = message(
    "store.cli.would_delete",
    'Deleting cluster "{cluster}" from {url} removes its survey (actors: {actors}, tie rows: {ties}, rounds: '
    "{rounds}), its import log (entries: {imports}) and the roles given for it ({roles}).",
)
CONFIRM_DELETE = message("store.cli.confirm_delete", "Type the cluster's name to delete it: ")
NOT_CONFIRMED = message("store.cli.not_confirmed", "nothing was deleted; to delete the cluster, add --yes")
DELETED = message(
    "store.cli.deleted",
    'Deleted cluster "{cluster}" from {url} (actors: {actors}, tie rows: {ties}, rounds: {rounds}, import log '
    "entries: {imports}, roles: {roles}); the audit log keeps the deletion.",
)
ROLE_NEEDED = message("store.cli.role_needed", "give the ROLE (viewer, analyst or admin), or --remove to take it away")
ROLE_AND_REMOVE = message("store.cli.role_and_remove", "give a ROLE or --remove, not both")
EVERY_CLUSTER_SCOPE = message("store.cli.scope.every", "every cluster")
ONE_CLUSTER_SCOPE = message("store.cli.scope.cluster", 'the cluster "{cluster}"')
ROLE_SET = message("store.cli.role_set", "{email} is now {role} for {scope} in {url}.")
ROLE_REMOVED = message("store.cli.role_removed", "{email} no longer has a role for {scope} in {url}.")
ROLE_ABSENT = message("store.cli.role_absent", "{email} had no role for {scope} in {url}: nothing to take away.")
ROLES_NONE = message(
    "store.cli.roles_none", "The store at {url} gives no role yet; give one with: clusternet db role EMAIL ROLE"
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
    """``db upgrade|import|list|export|delete|role|roles`` and ``portfolio``."""
    from clusternet.rounds.bootstrap import DEFAULT_RESAMPLES

    database = commands.add_parser(
        "db",
        help=cli._("the programme store: many clusters in SQLite or PostgreSQL"),
        description=cli._("Set up, fill, list, export and administer the programme store (docs/store.md)."),
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

    deleting = actions.add_parser(
        "delete",
        help=cli._("delete a cluster from the store, with its import log and its roles"),
        description=cli._(
            "Delete the cluster NAME from the store in one transaction: its survey, its import log and the roles "
            "given for it. Without --yes it says what would be deleted and asks for the cluster's name (or, not "
            "run from a terminal, deletes nothing)."
        ),
    )
    deleting.add_argument("--cluster", required=True, metavar="NAME", help=cli._("the cluster to delete"))
    deleting.add_argument("--yes", action="store_true", help=cli._("delete without asking"))
    add_db_argument(deleting)
    deleting.set_defaults(run=run_delete)

    giving = actions.add_parser(
        "role",
        help=cli._("give an e-mail address a role, or take it away with --remove"),
        description=cli._(
            "Give EMAIL the role viewer, analyst or admin for one cluster (--cluster NAME) or for every cluster "
            "(the default, *), replacing the role it had there; --remove takes that role away. The last "
            "administrator of every cluster is kept."
        ),
    )
    giving.add_argument("email", metavar="EMAIL", help=cli._("the address the person signs in with"))
    giving.add_argument("role", nargs="?", metavar="ROLE", help=cli._("viewer, analyst or admin"))
    giving.add_argument(
        "--cluster", default="*", metavar="NAME", help=cli._("the cluster the role is for (default: *, every cluster)")
    )
    giving.add_argument("--remove", action="store_true", help=cli._("take the role away instead of giving one"))
    add_db_argument(giving)
    giving.set_defaults(run=run_role)

    listing_roles = actions.add_parser(
        "roles", help=cli._("the roles given"), description=cli._("List the roles: e-mail address, cluster, role.")
    )
    add_db_argument(listing_roles)
    listing_roles.set_defaults(run=run_roles)

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
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.engine import open_store
    from clusternet.store.errors import StoreError
    from clusternet.store.migrate import require_current
    from clusternet.store.url import store_url

    engine = open_store(store_url(arguments.db))
    try:
        require_current(engine)
    except (StoreError, SQLAlchemyError):
        engine.dispose()
        raise
    return engine


def _show_table(arguments: argparse.Namespace, read: Callable[[Engine], pd.DataFrame], none: Template) -> int:
    """Print a table the store gives (``read``), or ``none`` naming the store when it is empty."""
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.engine import shown_url
    from clusternet.store.errors import StoreError

    try:
        engine = connected(arguments)
        try:
            listed = read(engine)
        finally:
            engine.dispose()
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    if listed.empty:
        cli.say(none(url=shown_url(engine.url)))
    else:
        cli.show(listed.to_string(index=False))
    return 0


def _store_failed(arguments: argparse.Namespace, error: SQLAlchemyError) -> int:
    from clusternet.store.engine import parsed_url, shown_url
    from clusternet.store.errors import StoreError
    from clusternet.store.url import store_url

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
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.clusters import load_cluster
    from clusternet.store.errors import StoreError

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
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.engine import open_store, shown_url
    from clusternet.store.errors import StoreError
    from clusternet.store.migrate import current_revision, upgrade
    from clusternet.store.url import store_url

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
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.audit import os_user
    from clusternet.store.clusters import SurveyFile, cluster_names, import_survey, survey_checksum
    from clusternet.store.engine import shown_url
    from clusternet.store.errors import StoreError
    from clusternet.survey import SurveyError, load_survey
    from clusternet.survey.problems import format_problems

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
    from clusternet.store.clusters import clusters_table

    return _show_table(arguments, clusters_table, LISTED_NONE)


def run_export(arguments: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.export.survey_files import survey_workbook
    from clusternet.export.writing import OutputError, write_export
    from clusternet.store.clusters import load_cluster
    from clusternet.store.errors import StoreError

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


def _confirmed(arguments: argparse.Namespace) -> bool:
    """Whether the deletion may go ahead: ``--yes``, or the cluster's name typed at the terminal."""
    if arguments.yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        typed = input(cli.words().render(CONFIRM_DELETE()))
    except EOFError:
        return False
    return typed.strip() == str(arguments.cluster).strip()


def run_delete(arguments: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.audit import os_user
    from clusternet.store.clusters import cluster_contents, delete_cluster
    from clusternet.store.engine import shown_url
    from clusternet.store.errors import StoreError

    cluster = arguments.cluster.strip()
    try:
        engine = connected(arguments)
        try:
            url = shown_url(engine.url)
            held = cluster_contents(engine, cluster)
            if not arguments.yes:
                cli.say(WOULD_DELETE(cluster=cluster, url=url, actors=held.actors, ties=held.ties,
                                     rounds=held.rounds, imports=held.imports, roles=held.roles))  # fmt: skip
            if not _confirmed(arguments):
                return cli.fail(arguments, NOT_CONFIRMED())
            deleted = delete_cluster(engine, cluster, by=os_user())
        finally:
            engine.dispose()
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    cli.say(DELETED(cluster=cluster, url=url, actors=deleted.actors, ties=deleted.ties, rounds=deleted.rounds,
                    imports=deleted.imports, roles=deleted.roles))  # fmt: skip
    return 0


def run_role(arguments: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.store.audit import os_user
    from clusternet.store.engine import shown_url
    from clusternet.store.errors import StoreError
    from clusternet.store.roles import EVERY_CLUSTER, Role, checked_email, checked_scope, remove_role, set_role

    if arguments.remove == (arguments.role is not None):
        return cli.fail(arguments, ROLE_AND_REMOVE() if arguments.remove else ROLE_NEEDED())
    try:
        email, cluster = checked_email(arguments.email), checked_scope(arguments.cluster)
        role = None if arguments.remove else Role.of(arguments.role)
        engine = connected(arguments)
        try:
            if role is None:
                removed = remove_role(engine, email, cluster=cluster, by=os_user())
            else:
                set_role(engine, email, role, cluster=cluster, by=os_user())
        finally:
            engine.dispose()
    except StoreError as error:
        return cli.fail(arguments, error.message)
    except SQLAlchemyError as error:
        return _store_failed(arguments, error)
    scope = EVERY_CLUSTER_SCOPE() if cluster == EVERY_CLUSTER else ONE_CLUSTER_SCOPE(cluster=cluster)
    url = shown_url(engine.url)
    if role is not None:
        cli.say(ROLE_SET(email=email, role=role.code, scope=scope, url=url))
    else:
        cli.say((ROLE_REMOVED if removed else ROLE_ABSENT)(email=email, scope=scope, url=url))
    return 0


def run_roles(arguments: argparse.Namespace) -> int:
    from clusternet.store.roles import roles_table

    return _show_table(arguments, roles_table, ROLES_NONE)


def _folder_clusters(folder: Path) -> Iterator[tuple[str, Survey]]:
    """The folder's surveys one at a time; a survey with problems ends it with :class:`SurveyError`
    after saying which cluster it is."""
    from clusternet.portfolio import programme_surveys
    from clusternet.survey import SurveyError, load_survey

    for cluster, path in programme_surveys(folder):
        try:
            yield cluster, load_survey(path)
        except SurveyError:
            cli.say(PORTFOLIO_REFUSED(cluster=cluster, path=str(path)), sys.stderr)
            raise


def _store_clusters(engine: Engine) -> Iterator[tuple[str, Survey]]:
    from clusternet.store.clusters import cluster_names, load_cluster

    for cluster in cluster_names(engine):
        yield cluster, load_cluster(engine, cluster)


def run_portfolio(arguments: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from clusternet.export.tables import table_csv
    from clusternet.portfolio import PortfolioError, portfolio, programme_surveys
    from clusternet.store.clusters import cluster_names
    from clusternet.store.engine import shown_url
    from clusternet.store.errors import StoreError
    from clusternet.survey import SurveyError
    from clusternet.survey.problems import format_problems

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
