"""Which store a command or the app uses: the URL from the first place that names one.

1. the ``--db URL`` given (the app: none);
2. the environment variable ``CLUSTERNET_DB_URL``;
3. ``url`` under ``[connections.clusternet]`` in ``.streamlit/secrets.toml`` of the working folder,
   else of the home folder (where Streamlit's ``st.connection("clusternet", type="sql")`` reads it);
4. ``sqlite:///clusternet.db``: a file in the working folder, nothing to install.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from clusternet.store.errors import BAD_SECRETS, StoreError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ENVIRONMENT_VARIABLE = "CLUSTERNET_DB_URL"
CONNECTION_NAME = "clusternet"
DEFAULT_URL = "sqlite:///clusternet.db"
SECRETS_FILE = Path(".streamlit") / "secrets.toml"


def secrets_files(working_folder: Path, home: Path) -> list[Path]:
    """The ``secrets.toml`` files that may name the store, the one that wins first."""
    return [working_folder / SECRETS_FILE, home / SECRETS_FILE]


def url_in_secrets(path: Path) -> str | None:
    """``[connections.clusternet] url`` of a secrets file, None when the file or the key is not there."""
    if not path.is_file():
        return None
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise StoreError(BAD_SECRETS(path=str(path), reason=str(error))) from error
    url = secrets.get("connections", {}).get(CONNECTION_NAME, {}).get("url")
    return str(url) if url else None


def store_url(
    given: str | None,
    environ: Mapping[str, str] = os.environ,
    working_folder: Path | None = None,
    home: Path | None = None,
) -> str:
    """The URL of the store to use (see the module's docstring for the order)."""
    if given:
        return given
    if environ.get(ENVIRONMENT_VARIABLE):
        return environ[ENVIRONMENT_VARIABLE]
    for path in secrets_files(working_folder or Path.cwd(), home or Path.home()):
        url = url_in_secrets(path)
        if url is not None:
            return url
    return DEFAULT_URL
