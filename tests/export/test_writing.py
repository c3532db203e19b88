"""Writing an export: temporary file then rename, and no overwriting without force."""

import pytest

from clusternet.export.writing import OutputExistsError, write_export


def test_an_export_is_written_whole(tmp_path):
    target = tmp_path / "report.html"
    assert write_export(b"<html></html>", target) == target
    assert target.read_bytes() == b"<html></html>"
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


def test_an_existing_file_is_kept_and_the_error_says_to_use_force(tmp_path):
    target = tmp_path / "map.png"
    target.write_bytes(b"last week's map")
    with pytest.raises(OutputExistsError, match="--force") as raised:
        write_export(b"new map", target)
    assert raised.value.path == target
    assert raised.value.message.id == "export.problem.output_exists"
    assert target.read_bytes() == b"last week's map"
    assert [path.name for path in tmp_path.iterdir()] == ["map.png"]


def test_force_replaces_an_existing_file(tmp_path):
    target = tmp_path / "tables.xlsx"
    target.write_bytes(b"old")
    write_export(b"new", target, force=True)
    assert target.read_bytes() == b"new"
    assert [path.name for path in tmp_path.iterdir()] == ["tables.xlsx"]


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_export(b"x", tmp_path / "nowhere" / "map.svg")


def test_the_exists_error_is_a_file_exists_error_for_callers_that_catch_those(tmp_path):
    (tmp_path / "a.csv").write_text("x")
    with pytest.raises(FileExistsError):
        write_export(b"y", tmp_path / "a.csv")


def test_an_interrupted_export_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    import os

    import pytest

    from clusternet.export.writing import write_export

    target = tmp_path / "report.html"
    target.write_bytes(b"last week's report")

    def power_cut(*arguments):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(KeyboardInterrupt):
        write_export(b"half of this week's", target, force=True)
    assert target.read_bytes() == b"last week's report"
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]
