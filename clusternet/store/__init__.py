"""The programme store: many clusters, each a whole survey, in SQLite or PostgreSQL (docs/store.md).

- :mod:`~clusternet.store.url`: which store (``--db``, ``CLUSTERNET_DB_URL``, secrets, the default file);
- :mod:`~clusternet.store.engine`: opening it (WAL and busy timeout on SQLite), write transactions;
- :mod:`~clusternet.store.migrate`: its schema migrations (``clusternet db upgrade``);
- :mod:`~clusternet.store.tables`: its tables; :mod:`~clusternet.store.frames` and
  :mod:`~clusternet.store.values`: survey tables as rows and cells, and back, unchanged;
- :mod:`~clusternet.store.clusters`: importing a survey as a cluster, reading it back, listing, deleting;
- :mod:`~clusternet.store.roles`: who may do what (viewer, analyst, admin);
- :mod:`~clusternet.store.audit`: the audit log; :mod:`~clusternet.store.commands`: the ``db`` commands;
- for the app: :mod:`~clusternet.store.access` (what a session may see and do),
  :mod:`~clusternet.store.opening` (the store read when it exists, created by the first save) and
  :mod:`~clusternet.store.uploads` (an upload's record in the import log).
"""
