"""Attacks on every anonymised output: each must fail to leak (issue 13, the attack suite).

Each attack is run as someone holding an anonymised output would run it, with the tools at hand: a
text search through every byte of every file (unzipped, inflated, PDF text extracted, escapes
undone), linear algebra on the published trust figures, a comparison of the figures under two
filters, a match of map positions against a named map, the code schemes of the past, and a
respondent looking for its own code with what it answered. Each attack is also run on the named
output (or on something it must find), to show that it reads the place where a leak would be.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pandas as pd
import pytest

from clusternet.anonymize import KEY_VARIABLE, actor_codes
from clusternet.cache import AnalysisCache
from clusternet.cli import main
from clusternet.export.feedback import feedback_sheets
from clusternet.export.formats import FORMATS, export_bytes, report_bytes
from clusternet.export.workbook import SHEETS, readable_header
from clusternet.survey import SelectionError
from clusternet.view import COMPARISON_VALUES, TIE_RATINGS, TRUST_COLUMNS, TRUST_KPIS, TRUST_METRICS, view_of
from clusternet.viz.map_style import map_style
from tests.privacy.conftest import CONTACTS, KEY, OWN_TYPE_ACTOR, RESAMPLES
from tests.privacy.disclosure import disclosures, misread, round_ratings, view_figures
from tests.privacy.reading import LINKED_BY_SHAPE, SYMMETRIES, leaks, linked_share, report_positions

ANONYMISED_FORMATS = [fmt for fmt in FORMATS if fmt not in ("survey", "feedback-pdf")]
"""Every format an anonymised audience gets as one file. The survey copy is refused anonymised; the
feedback sheets are one page per respondent, to be handed to each (tested on the pages of the actors
with the most to leak)."""

PICTURES = ("png", "strip-png")
"""Formats whose names are pixels, not text: a text search cannot show that it reads them (their
SVG and PDF twins draw the same labels as text)."""

FEEDBACK_ACTORS = [*CONTACTS, OWN_TYPE_ACTOR, "BUY01", "BUY02", "BUY03", "BUY04"]
"""The actors whose own feedback pages would hold their contact, their type or their buyer's name."""


# --- a. every byte of every anonymised file ---------------------------------------------------


@pytest.fixture(scope="module")
def hostile_files(views):
    """Every anonymised file of the hostile survey's endline, and the named file of the same view."""
    files = {}
    for audience, anonymize in (("named", False), ("anonymised", True)):
        view = views("hostile", anonymize=anonymize)
        for fmt in ANONYMISED_FORMATS:
            files[audience, fmt] = export_bytes(view, fmt)
        files[audience, "report"] = report_bytes(view)
        files[audience, "feedback-pdf"] = feedback_sheets(view, FEEDBACK_ACTORS)
    return files


@pytest.mark.parametrize("fmt", [*ANONYMISED_FORMATS, "report", "feedback-pdf"])
def test_no_anonymised_file_holds_a_name_number_note_or_file_name(hostile_files, hostile, fmt):
    if fmt not in PICTURES:
        assert leaks(hostile_files["named", fmt], hostile.needles)  # the search reads where names are
    assert leaks(hostile_files["anonymised", fmt], hostile.needles) == []


def test_the_named_workbook_holds_every_kind_of_needle(hostile_files, hostile):
    """The search finds a phone, a registration number, a contact and its words in a named file."""
    found = set(leaks(hostile_files["named", "xlsx"], hostile.needles))
    phone = str(hostile.phones["W01"])
    assert {phone, "REG-40231", CONTACTS["W05"], "Ramesh", "9437012345", "W01"} <= found


def test_the_survey_copy_is_refused_anonymised(views, hostile, tmp_path):
    with pytest.raises(SelectionError):
        export_bytes(views("hostile", anonymize=True), "survey")
    out = tmp_path / "survey.xlsx"
    assert main(["export", str(hostile.path), "--format", "survey", "--anonymize", "--out", str(out)]) == 1
    assert not out.exists()


CLI_FORMATS = [fmt for fmt in ANONYMISED_FORMATS if fmt not in PICTURES]
"""The command line's anonymised files, read as text (its pictures are those of :func:`export_bytes`)."""


@pytest.fixture(scope="module")
def cli_files(hostile, tmp_path_factory):
    """Every anonymised file the command line writes for the hostile survey, with a key of its own."""
    folder = tmp_path_factory.mktemp("cli")
    files = {}
    for fmt in [*CLI_FORMATS, "report"]:
        out = folder / f"{fmt}{'.html' if fmt == 'report' else FORMATS[fmt].suffix}"
        command = ["report"] if fmt == "report" else ["export", "--format", fmt]
        assert main([*command[:1], str(hostile.path), *command[1:], "--anonymize", "--out", str(out)]) == 0
        files[fmt] = out.read_bytes()
    return files


@pytest.mark.parametrize("fmt", [*CLI_FORMATS, "report"])
def test_no_file_the_command_line_writes_anonymised_holds_a_needle(cli_files, hostile, fmt):
    assert leaks(cli_files[fmt], hostile.needles) == []


# --- b. recomputing a hidden mean by linear algebra --------------------------------------------


@pytest.fixture(scope="module")
def audits(surveys, views):
    """For each survey and k: per round, the published figures, the ratings and what they disclose."""
    found = {}
    for name, survey in surveys.items():
        for k in (3, 5):
            for round_label in survey.round_labels:
                view = views(name, anonymize=True, min_ratings=k, round=round_label)
                ratings = round_ratings(survey, round_label)
                figures = view_figures(view, ratings)
                found[name, k, round_label] = (view, ratings, figures, disclosures(view, ratings, figures))
    return found


AUDITS = [(name, k) for name in ("sample", "hostile") for k in (3, 5)]


@pytest.mark.parametrize("name, k", AUDITS)
def test_the_audit_reads_every_published_trust_figure(audits, surveys, name, k):
    """Each published figure is the sum of the ratings the audit says it holds: the audit's equations
    are the view's tables, and every table the view publishes is among them."""
    for round_label in surveys[name].round_labels:
        view, ratings, figures, _ = audits[name, k, round_label]
        assert misread(figures, ratings) == []
        published = {figure.name.split(":")[0].split(" by ")[0] for figure in figures if figure.value is not None}
        assert {"trust received", "trust given", "network.csv mean_trust", "trust between groups"} <= published
        assert len(ratings) == view.network_values["trust_ratings"]


@pytest.mark.parametrize("name, k", AUDITS)
def test_nothing_of_fewer_than_k_ratings_follows_from_the_published_figures(audits, surveys, name, k):
    """Unknowns: the round's ratings. Equations: every published trust figure. Targets: every hidden
    figure of fewer than k ratings (an actor's trust received or given, a cell, a map line) and every
    single rating. A figure of k ratings or more hidden only to protect another may follow: its mean
    could have been published on its own."""
    found = [
        f"{round_label}: {disclosure}"
        for round_label in surveys[name].round_labels
        for disclosure in audits[name, k, round_label][3]
        if disclosure.ratings < k
    ]
    assert found == [], "\n".join(found)


# --- c. differencing across filters ------------------------------------------------------------


SAMPLE_RELATIONS = ("finance", "information", "joint_action", "subcontracting", "training")

FILTERS = (
    [{"relations": (relation,)} for relation in SAMPLE_RELATIONS]
    + [{"relations": tuple(other for other in SAMPLE_RELATIONS if other != relation)} for relation in SAMPLE_RELATIONS]
    + [{"ties": ties} for ties in ("any", "confirmed")]
    + [{"min_trust": floor} for floor in range(1, 6)]
)
"""Each single relation, each set of all relations but one, each tie mode, each trust floor."""


def _plain(value: object) -> object:
    """A value as compared: NaN and None alike, numbers to 12 digits, tables as nested dicts."""
    if isinstance(value, pd.DataFrame):
        return {str(column): _plain(value[column]) for column in value.columns}
    if isinstance(value, pd.Series):
        return {str(index): _plain(item) for index, item in value.items()}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return round(float(value), 12)
    return value


def gap_trust(view) -> set[tuple[str, float]]:
    """Every (actor, trust) a gap of the view states: low trust received, a weak bridge's host."""
    stated = set()

    def walk(params: object) -> None:
        if isinstance(params, dict):
            if "trust" in params and isinstance(params["trust"], (int, float)):
                actor = params.get("actor", params.get("host"))
                stated.add((str(actor), round(float(params["trust"]), 12)))
            for item in params.values():
                walk(item)

    for params in view.gaps_table()["params"]:
        walk(json.loads(params))
    return stated


def trust_lines(view, color_by: str) -> dict[frozenset, tuple]:
    graph = view.group_graph(map_style(view, color_by=color_by).groups, color_by)
    return {
        frozenset((one, other)): (_plain(line["trust"]), line["rated"])
        for one, other, line in graph.edges(data=True)
        if line["trust"] is not None
    }


def published_trust(view) -> dict[str, object]:
    """Every trust figure an anonymised view publishes, by where it is published."""
    actors = view.actors_table()
    columns = [column for column in TRUST_COLUMNS if column in actors.columns]
    figures: dict[str, object] = {
        "actors table": actors.set_index("actor_id")[columns].sort_index(),
        "network.csv": {metric: view.network_values.get(metric) for metric in TRUST_METRICS},
        "trust summary": view.trust_summary(),
        "rating distribution": view.rating_distribution(),
        "one-sided trust pairs": len(view.one_sided_trust()),
    }
    for attribute in view.attributes:
        means, counts = view.with_selection(group_by=attribute).trust_between_groups()
        figures[f"trust between groups by {attribute}"] = {"means": means, "counts": counts}
    kpis = view.kpi_table()
    figures["kpis.csv"] = kpis.loc[kpis["kpi"].isin(TRUST_KPIS), ["kpi", "basis", *COMPARISON_VALUES]]
    series = view.kpi_series
    figures["KPI series"] = series.loc[series["kpi"].isin(TRUST_KPIS)].drop(columns=["meaning"])
    return {name: _plain(value) for name, value in figures.items()}


@pytest.fixture(scope="module")
def unfiltered(views):
    view = views("sample", anonymize=True)
    lines = {color_by: trust_lines(view, color_by) for color_by in ["type", "community", *view.attributes]}
    stated = gap_trust(view) | {
        (str(code), round(float(trust), 12))
        for code, trust in zip(view.actors_table()["actor_id"], view.actors_table()["trust_received"])
        if not pd.isna(trust)
    }
    return view, published_trust(view), lines, stated


def filter_id(changes: dict) -> str:
    ((name, value),) = changes.items()
    return f"{name}={'+'.join(value) if isinstance(value, tuple) else value}"


@pytest.mark.parametrize("changes", FILTERS, ids=filter_id)
def test_no_filter_changes_a_published_trust_figure(unfiltered, views, surveys, changes):
    assert surveys["sample"].relation_labels == list(SAMPLE_RELATIONS)
    _, figures, lines, stated = unfiltered
    view = views("sample", anonymize=True, **changes)
    shown = published_trust(view)
    changed = [name for name in figures if shown[name] != figures[name]]
    for color_by, unfiltered_lines in lines.items():
        for pair, line in trust_lines(view, color_by).items():
            before = unfiltered_lines.get(pair)
            if before != line:
                changed.append(f"map line by {color_by} {sorted(pair)}: {line}, unfiltered {before}")
    changed += [f"a gap states trust {trust} of {actor}" for actor, trust in sorted(gap_trust(view) - stated)]
    assert changed == []


UNMOVED = ("ties=any", "ties=confirmed", "min_trust=1", "min_trust=2")
"""The filters that move no trust figure even for the broker: trust is read from every reported
rating whatever ties the map shows, and no endline rating is below 2."""


@pytest.mark.parametrize("changes", FILTERS, ids=filter_id)
def test_the_comparison_reads_the_figures_a_filter_moves(views, surveys, changes):
    """The comparison above reads figures that move: each filter but those of :data:`UNMOVED` changes
    one in the broker's (named) view, where nothing stops it."""
    named, filtered = published_trust(views("sample")), published_trust(views("sample", **changes))
    moved = [name for name in named if filtered[name] != named[name]]
    endline = surveys["sample"].ties.loc[lambda ties: ties["round"] == surveys["sample"].latest_round, "trust"]
    assert endline.min() == 2
    assert bool(moved) == (filter_id(changes) not in UNMOVED)


# --- d. codes linked to names by map position -------------------------------------------------


def gexf_positions(data: bytes) -> dict[str, tuple[float, float]]:
    root = ElementTree.fromstring(data)
    return {
        str(node.get("id")): (float(position.get("x", 0)), float(position.get("y", 0)))
        for node in root.iter()
        if node.tag.endswith("}node")
        for position in node
        if position.tag.endswith("}position")
    }


@pytest.fixture(scope="module")
def maps(views):
    """Named and anonymised positions of every actor (by id) in the GEXF and in the report's map."""
    positions = {}
    for name in ("sample", "hostile"):
        named, anonymised = views(name), views(name, anonymize=True)
        ids_by_label = {
            audience: {label: actor for actor, label in view.labels.items()}
            for audience, view in (("named", named), ("anonymised", anonymised))
        }
        for audience, view in (("named", named), ("anonymised", anonymised)):
            ids = {view.key(actor): actor for actor in view.labels}
            gexf = gexf_positions(export_bytes(view, "gexf"))
            positions[name, audience, "gexf"] = {ids[key]: point for key, point in gexf.items()}
            report = report_positions(report_bytes(view))
            labels = ids_by_label[audience]
            positions[name, audience, "report"] = {labels[label]: point for label, point in report.items()}
    return positions


@pytest.mark.parametrize("name", ["sample", "hostile"])
@pytest.mark.parametrize("output", ["gexf", "report"])
def test_map_positions_do_not_link_codes_to_names(maps, name, output):
    named, anonymised = maps[name, "named", output], maps[name, "anonymised", output]
    assert set(named) == set(anonymised)
    near = [actor for actor in named if math.dist(named[actor], anonymised[actor]) < 1]
    assert near == []
    assert linked_share(anonymised, named) <= LINKED_BY_SHAPE


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_the_position_match_links_a_map_drawn_turned_mirrored_or_scaled(maps, name):
    """The match finds every actor of the same layout, whether read from another file or turned."""
    named = maps[name, "named", "gexf"]
    assert linked_share(maps[name, "named", "report"], named) == 1.0
    for symmetry in SYMMETRIES:
        moved = {actor: tuple(2.5 * symmetry @ np.array(point) + 40) for actor, point in named.items()}
        assert linked_share(moved, named) == 1.0


# --- e. codes cannot be rebuilt ----------------------------------------------------------------


def chance_matches(guessed: dict[str, str], codes: dict[str, str]) -> bool:
    """Whether ``guessed`` gives no more actors their code than a random numbering would: a random
    numbering within a prefix gives about one actor its code (a permutation's fixed points), so no
    more than three per prefix."""
    prefixes = {code.rpartition("-")[0] for code in codes.values()}
    return sum(guessed[actor] == code for actor, code in codes.items()) <= 3 * len(prefixes)


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_codes_cannot_be_rebuilt_from_the_survey(surveys, views, name):
    survey, view = surveys[name], views(name, anonymize=True)
    assert actor_codes(view.survey.actors, salt=KEY, min_actors=3) == view.codes  # with the key they are
    for actors in (survey.actors, view.survey.actors):
        for salt in (survey.fingerprint, view.survey.fingerprint, ""):
            rebuilt = actor_codes(actors, salt=salt, min_actors=3)
            assert rebuilt != view.codes
            assert chance_matches(rebuilt, view.codes)


def digest_of(fingerprint: str, actor: str) -> str:
    return hashlib.sha256(f"{fingerprint}|{actor}".encode()).hexdigest()


def workbook_actor_column(data: bytes) -> list[str]:
    """The Actors sheet's first column (ids, or codes when anonymised), in the file's row order."""
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)[SHEETS["Actors"].text]
    rows = sheet.iter_rows(values_only=True)
    assert next(rows)[0] == readable_header("actor_id")
    return [str(row[0]) for row in rows]


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_the_row_order_of_anonymised_files_cannot_be_rebuilt_from_the_survey(surveys, views, name):
    """Someone holding the survey file knows its fingerprint: an order of the actors fixed by it (and
    not by the secret key) would give the actor of every row of an anonymised file, code and all."""
    survey = surveys[name]
    named = workbook_actor_column(export_bytes(views(name), "xlsx"))
    assert named == list(survey.actors["actor_id"])  # the sheet's rows are read in order
    view = views(name, anonymize=True)
    rows = workbook_actor_column(export_bytes(view, "xlsx"))
    actor_of = {code: actor for actor, code in view.codes.items()}
    for fingerprint in (survey.fingerprint, view.survey.fingerprint):
        guess = sorted(survey.actors["actor_id"], key=lambda actor: digest_of(fingerprint, actor))
        linked = sum(actor_of[code] == actor for code, actor in zip(rows, guess))
        assert linked <= 0.10 * len(rows), f"{linked} of {len(rows)} rows linked to their actor"


OTHER_KEY = "another-anonymised-set"


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_another_key_gives_other_codes_and_other_positions(views, name):
    one, other = views(name, anonymize=True), views(name, anonymize=True, key=OTHER_KEY)
    assert one.codes != other.codes
    assert chance_matches(one.codes, other.codes)
    assert all(math.dist(one.positions[actor], other.positions[actor]) >= 1 for actor in one.positions)


SAME_KEY_FORMATS = ["xlsx", "gexf", "graphml", "csv", "svg", "report"]


def _without_creation_time(data: bytes) -> bytes:
    """A file without the moment it was written (an xlsx's docProps/core.xml), the rest byte for byte."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(archive.read(member) for member in archive.namelist() if member != "docProps/core.xml")


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_the_same_key_gives_the_same_codes_positions_and_files_in_another_run(surveys, views, name):
    """Files that belong together: a second run (a cache of its own, as another command) with the key."""
    first = views(name, anonymize=True)
    again = view_of(surveys[name], anonymize=True, key=KEY, cache=AnalysisCache(surveys[name]), resamples=RESAMPLES)
    assert again.codes == first.codes and again.positions == first.positions
    for fmt in SAME_KEY_FORMATS:
        build = report_bytes if fmt == "report" else lambda view, fmt=fmt: export_bytes(view, fmt)
        assert _without_creation_time(build(again)) == _without_creation_time(build(first)), fmt


def test_the_command_line_gives_the_same_files_with_the_same_key(hostile, tmp_path, monkeypatch):
    files = []
    for run, key_from in enumerate(("option", "environment")):
        out = tmp_path / f"ties-{run}.csv"
        if key_from == "environment":
            monkeypatch.setenv(KEY_VARIABLE, KEY)
            options = []
        else:
            options = ["--anonymize-key", KEY]
        assert main(["export", str(hostile.path), "--format", "csv", "--anonymize", *options, "--out", str(out)]) == 0
        files.append(out.read_bytes())
    assert files[0] == files[1]
    monkeypatch.delenv(KEY_VARIABLE)
    out = tmp_path / "ties-new-key.csv"
    assert main(["export", str(hostile.path), "--format", "csv", "--anonymize", "--out", str(out)]) == 0
    assert out.read_bytes() != files[0]


# --- f. a respondent finds its own code --------------------------------------------------------


def edge_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def answers_by_code(rows: list[dict[str, str]]) -> dict[str, Counter]:
    """Each source's reported ties as a respondent remembers them: how many, and with which relations."""
    answers: dict[str, Counter] = {}
    for row in rows:
        answers.setdefault(row["source"], Counter())[frozenset(row["relations"].split(";"))] += 1
    return answers


def own_answers(survey, round_label: str) -> dict[str, Counter]:
    ties = survey.ties.loc[survey.ties["round"] == round_label]
    relations = ties.groupby(["source", "target"])["relation"].agg(frozenset)
    answers: dict[str, Counter] = {}
    for (source, _), named in relations.items():
        answers.setdefault(source, Counter())[named] += 1
    return answers


@pytest.fixture(scope="module")
def discovered(surveys, views):
    """For each survey: each respondent of the endline, the codes that answered as it did."""
    found = {}
    for name, survey in surveys.items():
        view = views(name, anonymize=True)
        by_code = answers_by_code(edge_rows(export_bytes(view, "csv")))
        own = own_answers(survey, survey.latest_round)
        found[name] = {actor: [code for code, answers in by_code.items() if answers == own[actor]] for actor in own}
    return found


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_a_respondent_finds_its_code_from_its_own_answers(discovered, views, name):
    """The attack works: every respondent is among its candidates, most are the only one, and the named
    edge list would show it its partners' ratings."""
    view = views(name, anonymize=True)
    candidates = discovered[name]
    assert all(view.codes[actor] in codes for actor, codes in candidates.items())
    alone = [actor for actor, codes in candidates.items() if len(codes) == 1]
    assert len(alone) > len(candidates) / 2
    named_rows = edge_rows(export_bytes(views(name), "csv"))
    assert all(row["trust"] for row in named_rows if row["target"] in alone)


@pytest.mark.parametrize("name", ["sample", "hostile"])
def test_nothing_published_about_a_respondents_candidate_codes_is_a_single_rating(discovered, views, surveys, name):
    view, k = views(name, anonymize=True), 3
    ids = {code: actor for actor, code in view.codes.items()}
    header = next(csv.reader(io.StringIO(export_bytes(view, "csv").decode("utf-8"))))
    assert not {"trust", *TIE_RATINGS} & set(header)
    workbook = openpyxl.load_workbook(io.BytesIO(export_bytes(view, "xlsx")), read_only=True)
    for sheet in ("Ties", "Tie changes"):
        headers = {str(cell.value) for cell in next(workbook[SHEETS[sheet].text].iter_rows(max_row=1))}
        assert not headers & {readable_header(column) for column in ("trust", *TIE_RATINGS)}, sheet
    table = view.actors_table().set_index("actor_id")
    ratings = round_ratings(surveys[name], surveys[name].latest_round)
    about = {figure.name: figure for figure in view_figures(view, ratings) if figure.value is not None}
    problems = []
    for code in sorted({code for codes in discovered[name].values() for code in codes}):
        row = table.loc[code]
        for mean, count in (("trust_received", "trust_received_n"), ("trust_given", "trust_given_n")):
            if not pd.isna(row[mean]) and row[count] < k:
                problems.append(f"{code}: {mean} of {row[count]} ratings")
        if {"trust_given", "trust_received"} & set(view.partners_table(ids[code]).columns):
            problems.append(f"{code}: its partners' ratings")
        for figure_name, figure in about.items():
            if not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", figure_name):
                continue
            if figure_name.startswith("trust asymmetry") and figure.ratings // 2 < k:  # its mutual partners
                problems.append(f"{code}: {figure_name}")
            if figure_name.startswith("gap") and figure.ratings < k:
                problems.append(f"{code}: {figure_name}, from {figure.ratings} ratings")
    assert problems == [], "\n".join(problems)


def received_by(code: str):
    """Which targets are ratings of the actor coded ``code``."""
    return lambda target: target.endswith(f"-> {code}")


@pytest.mark.parametrize("name", ["sample", "hostile"])
@pytest.mark.parametrize("k", [3, 5])
def test_a_respondent_who_knows_its_own_ratings_works_out_none_it_received(audits, surveys, name, k):
    """The audit of (b), with every rating the respondent gave known to it: no rating it received
    follows (what its partners said of it stays theirs)."""
    found = []
    for round_label in surveys[name].round_labels:
        view, ratings, figures, _ = audits[name, k, round_label]
        for actor in sorted(set(ratings.sources)):
            known = [np.eye(1, len(ratings), index).ravel() for index in np.flatnonzero(ratings.sources == actor)]
            code = view.codes[actor]
            about_it = disclosures(view, ratings, figures, known, only=received_by(code))
            found += [f"{round_label}, {code} knowing its {len(known)} ratings: {item}" for item in about_it]
    assert found == [], "\n".join(found)
