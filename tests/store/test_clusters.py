"""A survey stored as a cluster reads back exactly; re-importing replaces; a failed import changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
import sqlalchemy as sa

from clusternet.store import clusters as store_clusters
from clusternet.store.clusters import SurveyFile, cluster_names, clusters_table, import_survey, load_cluster
from clusternet.store.errors import StoreError
from clusternet.store.tables import audit, imports, ties
from tests.store.surveys import assert_same_survey, every_kind_of_value, sample

FILE = SurveyFile("handloom_cluster.xlsx", "0" * 64, "broker")


def test_the_sample_reads_back_exactly(store):
    survey = sample()
    import_survey(store, survey, "handloom", FILE)
    assert_same_survey(load_cluster(store, "handloom"), survey)


def test_every_kind_of_value_reads_back_with_its_dtype_and_order(store):
    survey = every_kind_of_value()
    import_survey(store, survey, "Odisha handloom", FILE)
    read = load_cluster(store, "Odisha handloom")
    assert_same_survey(read, survey)
    mixed = read.actors["mixed"].tolist()[:10]
    assert [type(value) for value in mixed[:3]] == [int, str, float]
    assert mixed[3] is None and mixed[5] is pd.NA and mixed[6] is True


def test_reimporting_replaces_the_cluster_and_leaves_others_alone(store):
    survey = sample()
    import_survey(store, survey, "a", FILE)
    import_survey(store, survey, "b", FILE)
    smaller = survey.select("baseline")
    import_survey(store, smaller, "a", FILE)
    assert_same_survey(load_cluster(store, "a"), smaller)
    assert_same_survey(load_cluster(store, "b"), survey)
    listed = clusters_table(store)
    assert listed.to_dict("list") == {
        "cluster": ["a", "b"],
        "rounds": [1, 3],
        "actors": [66, 66],
        "ties": [len(smaller.ties), len(survey.ties)],
    }
    with store.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(imports)).scalar() == 3
        assert connection.execute(sa.select(audit.c.action, audit.c.cluster, audit.c.who)).all()[-1] == (
            "import",
            "a",
            "broker",
        )


def test_a_crash_in_the_middle_of_an_import_leaves_the_store_as_it_was(store, monkeypatch):
    survey = sample()
    import_survey(store, survey, "handloom", FILE)
    real_rows = store_clusters.table_rows

    def crashing_rows(sheet, frame, cluster_id):
        if sheet == "respondents":  # after actors, ties and rounds were written
            raise RuntimeError("power cut")
        return real_rows(sheet, frame, cluster_id)

    monkeypatch.setattr(store_clusters, "table_rows", crashing_rows)
    with pytest.raises(RuntimeError, match="power cut"):
        import_survey(store, survey.select("baseline"), "handloom", FILE)
    with pytest.raises(RuntimeError, match="power cut"):
        import_survey(store, survey, "new cluster", FILE)
    assert cluster_names(store) == ["handloom"]
    assert_same_survey(load_cluster(store, "handloom"), survey)
    with store.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(imports)).scalar() == 1


def test_an_unknown_cluster_names_the_clusters_there_are(store):
    with pytest.raises(StoreError, match="holds none yet"):
        load_cluster(store, "nowhere")
    import_survey(store, sample(), "b", FILE)
    import_survey(store, sample(), "a", FILE)
    with pytest.raises(StoreError) as refused:
        load_cluster(store, "nowhere")
    assert str(refused.value) == 'there is no cluster "nowhere" in the store; the clusters are "a", "b"'


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "x" * 201])
def test_a_cluster_name_must_be_usable(store, name):
    with pytest.raises(StoreError, match="cluster name"):
        import_survey(store, sample(), name, FILE)


def test_deleting_a_cluster_row_cascades_to_its_tables(store):
    import_survey(store, replace(sample()), "handloom", FILE)
    with store.begin() as connection:
        connection.exec_driver_sql("DELETE FROM imports")
        connection.exec_driver_sql("DELETE FROM clusters")
    with store.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(ties)).scalar() == 0
