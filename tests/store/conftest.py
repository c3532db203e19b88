"""The store's backends for its tests: a SQLite file, and a real PostgreSQL server.

Every store test that takes ``store_url`` (or ``store``) runs twice, on SQLite and on PostgreSQL.
The PostgreSQL server is a throwaway one, started once per test session (per xdist worker) from
Debian's binaries (``/usr/lib/postgresql/<version>/bin``, installed by ``scripts/setup-system
postgresql`` when missing): a data folder in a temporary directory, a free port on 127.0.0.1, the
unix socket in that directory, no fsync. ``initdb`` refuses to run as root, so as root (CI) the
server runs as the ``postgres`` user (``runuser -u postgres --``). It is stopped when the session
ends, and also at exit and on SIGTERM, so an interrupted run leaves no server behind. Each test
gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from clusternet.store.engine import open_store
from clusternet.store.migrate import upgrade
from tests.conftest import setup_system

BACKENDS = ("sqlite", "postgresql")
SERVER_USER = "postgres"


def postgres_binaries() -> Path:
    """The folder of Debian's newest PostgreSQL server binaries, installed when missing."""

    def found() -> list[Path]:
        return sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))

    if not found():
        result = setup_system("postgresql")
        if not found():
            pytest.fail(f"PostgreSQL is needed for the store tests and could not be installed:\n{result.stderr}")
    return found()[-1].parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_server_user(command: list[str]) -> list[str]:
    """The command as run by the server's user: ``postgres`` when we are root (initdb refuses root)."""
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


class ThrowawayServer:
    """A PostgreSQL server in a temporary folder, for one test session."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="clusternet-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.running = False
        if os.geteuid() == 0:
            shutil.chown(self.folder, SERVER_USER, SERVER_USER)
        self.folder.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *arguments: str) -> None:
        result = subprocess.run(as_server_user(list(arguments)), capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{arguments[0]} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        self._run(
            str(self.binaries / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "-N"
        )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
            "-w", "start",
        )  # fmt: skip
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.running = False
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of the session's throwaway PostgreSQL server (superuser ``postgres``, no password)."""
    server = ThrowawayServer(postgres_binaries())
    atexit.register(server.stop)
    previous = signal.getsignal(signal.SIGTERM)

    def stop_and_exit(signum: int, frame: object) -> None:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop_and_exit)
    try:
        server.start()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store: a SQLite file, or a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'programme.db'}"
        return
    server_url = request.getfixturevalue("postgres_server")
    database = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {database}")
    yield sa.make_url(server_url).set(database=database).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {database} WITH (FORCE)")
    admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    """An engine on an upgraded, empty store."""
    engine = open_store(store_url, create=True)
    upgrade(engine)
    yield engine
    engine.dispose()
