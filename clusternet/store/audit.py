"""The audit log: who changed what in the store, and when (imports, role changes)."""

from __future__ import annotations

import datetime
import getpass
import json
from collections.abc import Mapping

from sqlalchemy.engine import Connection

from clusternet.store.tables import audit

UNKNOWN_USER = "unknown"


def os_user() -> str:
    """Who runs the command, as the operating system names them (the import log's ``who`` for the CLI)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor in the password database
        return UNKNOWN_USER


def now() -> datetime.datetime:
    """The time of a change, in UTC."""
    return datetime.datetime.now(datetime.timezone.utc)


def record(connection: Connection, who: str, action: str, cluster: str | None, detail: Mapping[str, object]) -> None:
    """Add one entry to the audit log, inside the transaction of the change it records."""
    connection.execute(
        audit.insert().values(at=now(), who=who, action=action, cluster=cluster, detail=json.dumps(dict(detail)))
    )
