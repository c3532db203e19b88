"""Two writers at once on one SQLite store: the second waits for the first instead of failing."""

from __future__ import annotations

import threading

from clusternet.store.clusters import SurveyFile, cluster_names, import_survey, load_cluster
from clusternet.store.engine import open_store
from clusternet.store.migrate import upgrade
from tests.store.surveys import assert_same_survey, sample

FILE = SurveyFile("sample.xlsx", "0" * 64, "test")


def test_two_writers_at_once_on_sqlite_both_succeed(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    setup = open_store(url, create=True)
    upgrade(setup)
    survey = sample()
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(cluster: str) -> None:
        engine = open_store(url)  # a connection of its own, as another process would have
        try:
            start.wait()
            for _ in range(4):
                import_survey(engine, survey, cluster, FILE)
                load_cluster(engine, cluster)
        except BaseException as error:
            failures.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert cluster_names(setup) == ["first", "second"]
    assert_same_survey(load_cluster(setup, "second"), survey)
    setup.dispose()
