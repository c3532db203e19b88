"""What can go wrong when opening the store, as messages that say what to do."""

from __future__ import annotations

from clusternet.messages import Message, message

BAD_URL = message(
    "store.problem.bad_url",
    '"{url}" is not a database URL; give one like sqlite:///programme.db or postgresql+psycopg://user@server/database',
)
UNSUPPORTED = message(
    "store.problem.unsupported",
    "{url}: clusternet keeps a programme in SQLite or PostgreSQL; give a sqlite:/// or a postgresql+psycopg:// URL",
)
UNREACHABLE = message(
    "store.problem.unreachable",
    "cannot reach the store at {url} ({reason}); check that the server runs and that the URL, user and password "
    "are right",
)
MISSING = message(
    "store.problem.missing", "there is no store at {path}; create it with: clusternet db upgrade --db {url}"
)
NOT_UPGRADED = message(
    "store.problem.not_upgraded",
    "the store at {url} is not ready for this version of clusternet; run: clusternet db upgrade --db {url}",
)
NEWER = message(
    "store.problem.newer",
    "the store at {url} was upgraded by a newer clusternet (revision {revision}); install that version of "
    "clusternet to use it",
)
UNKNOWN_CLUSTER = message(
    "store.problem.unknown_cluster", 'there is no cluster "{cluster}" in the store; the clusters are {clusters}'
)
NO_CLUSTERS = message(
    "store.problem.no_clusters",
    'there is no cluster "{cluster}": the store holds none yet; add one with: clusternet db import SURVEY --cluster '
    "NAME",
)
BAD_SECRETS = message(
    "store.problem.bad_secrets", "{path} cannot be read ({reason}); correct it, or give the store with --db URL"
)
BAD_CLUSTER_NAME = message(
    "store.problem.bad_cluster_name",
    'a cluster name needs 1 to 200 characters and no line breaks, not "{cluster}"; choose another name',
)


class StoreError(Exception):
    """The store cannot be used as asked; ``message`` says why and what to do."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))
