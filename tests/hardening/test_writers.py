"""The one output writer: whole files or none, no overwrite without --force, one writer per file,
temporary files cleaned, and every failure a message that names the file.

Disk faults are simulated by making ``os.write``, ``os.open`` or ``os.replace`` raise the error a full,
read-only or forbidden disk gives (the tests run as root, whom permissions do not stop).
"""

from __future__ import annotations

import errno
import os
import threading

import pytest

from clusternet.cli import main
from clusternet.export import writing
from clusternet.export.writing import (
    OutputBusyError,
    OutputError,
    OutputExistsError,
    ensure_folder,
    lock_path,
    write_export,
    write_outputs,
)
from tests.conftest import SAMPLE_CSV


def names(folder):
    return sorted(path.name for path in folder.iterdir())


def failing(error_number, calls=None):
    def fail(*arguments, **keywords):
        if calls is not None:
            calls.append(arguments)
        raise OSError(error_number, os.strerror(error_number))

    return fail


@pytest.mark.parametrize(
    ("error_number", "message_id"),
    [
        (errno.ENOSPC, "export.problem.disk_full"),
        (errno.EDQUOT, "export.problem.disk_full"),
        (errno.EROFS, "export.problem.read_only"),
        (errno.EIO, "export.problem.not_written"),
    ],
)
def test_a_failed_write_names_the_file_keeps_the_old_one_and_leaves_nothing_behind(
    tmp_path, monkeypatch, error_number, message_id
):
    target = tmp_path / "report.html"
    target.write_bytes(b"last week's report")
    monkeypatch.setattr(os, "write", failing(error_number))
    with pytest.raises(OutputError) as raised:
        write_export(b"this week's report", target, force=True)
    assert raised.value.message.id == message_id
    assert str(target) in str(raised.value)
    assert target.read_bytes() == b"last week's report"
    assert names(tmp_path) == ["report.html"]


def test_a_read_only_disk_met_at_the_rename_is_a_message_too(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", failing(errno.EROFS))
    with pytest.raises(OutputError, match="read-only") as raised:
        write_export(b"data", tmp_path / "map.svg")
    assert raised.value.path == tmp_path / "map.svg"
    assert names(tmp_path) == []


def test_a_folder_one_may_not_write_to_is_named_with_what_to_do(tmp_path, monkeypatch):
    real_open = os.open

    def forbidden(path, flags, *mode):
        if str(path).startswith(str(tmp_path)):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *mode)

    monkeypatch.setattr(os, "open", forbidden)
    with pytest.raises(OutputError) as raised:
        write_export(b"data", tmp_path / "tables.xlsx")
    assert raised.value.message.id == "export.problem.no_permission"
    assert str(raised.value) == (
        f"{tmp_path / 'tables.xlsx'} could not be written: you may not write to the folder {tmp_path}; choose "
        "another folder, or ask for permission to write to it"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any folder: only a real user's permissions show it")
def test_a_really_read_only_folder_is_a_message(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError) as raised:
            write_export(b"data", folder / "map.png")
        assert raised.value.message.id == "export.problem.no_permission"
    finally:
        folder.chmod(0o700)


def test_an_interrupt_while_writing_removes_the_temporary_and_the_lock_file(tmp_path, monkeypatch):
    def interrupted(*arguments):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(b"data", tmp_path / "report.html")
    assert names(tmp_path) == []


def test_files_are_written_without_hard_links(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "link", failing(errno.EPERM, calls := []))
    write_export(b"data", tmp_path / "a.gexf")
    assert (tmp_path / "a.gexf").read_bytes() == b"data"
    assert calls == []


def test_a_file_is_not_replaced_without_force_even_among_several(tmp_path):
    (tmp_path / "network.csv").write_text("old")
    with pytest.raises(OutputExistsError, match=r"network\.csv"):
        write_outputs({tmp_path / "actors.csv": b"new", tmp_path / "network.csv": b"new"})
    assert names(tmp_path) == ["network.csv"]
    assert (tmp_path / "network.csv").read_text() == "old"


def test_a_folder_in_place_of_the_file_is_named(tmp_path):
    (tmp_path / "report.html").mkdir()
    with pytest.raises(OutputError, match="is a folder") as raised:
        write_export(b"x", tmp_path / "report.html", force=True)
    assert raised.value.message.id == "export.problem.is_a_folder"


def test_a_file_in_place_of_the_output_folder_is_named(tmp_path):
    (tmp_path / "out").write_text("a file")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        ensure_folder(tmp_path / "out")


def test_a_second_writer_while_the_first_writes_fails_clearly_and_the_first_wins(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    writing_started, second_done = threading.Event(), threading.Event()
    real_write = os.write

    def held(handle, data):
        if threading.current_thread().name == "first":
            writing_started.set()
            assert second_done.wait(30)
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", held)
    results = {}

    def first():
        results["first"] = write_export(b"first", target, force=True)

    thread = threading.Thread(target=first, name="first")
    thread.start()
    assert writing_started.wait(30)
    try:
        with pytest.raises(OutputBusyError) as raised:
            write_export(b"second", target, force=True)
    finally:
        second_done.set()
        thread.join(30)
    assert raised.value.message.id == "export.problem.output_busy"
    assert str(lock_path(target)) in str(raised.value)
    assert results["first"] == target
    assert target.read_bytes() == b"first"
    assert names(tmp_path) == ["report.html"]


@pytest.mark.parametrize("force", [False, True])
def test_concurrent_writers_to_one_file_never_both_succeed_with_a_mixed_file(tmp_path, force):
    target = tmp_path / "tables.xlsx"
    contents = {index: bytes([65 + index]) * 200_000 for index in range(8)}
    start = threading.Barrier(len(contents))
    succeeded, refused = [], []

    def writer(index):
        start.wait(30)
        try:
            write_export(contents[index], target, force=force)
            succeeded.append(index)
        except (OutputBusyError, OutputExistsError):
            refused.append(index)

    threads = [threading.Thread(target=writer, args=(index,)) for index in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(succeeded + refused) == list(contents)
    assert target.read_bytes() in [contents[index] for index in succeeded]
    if not force:
        assert len(succeeded) == 1
    assert names(tmp_path) == ["tables.xlsx"]


def test_a_stale_lock_is_named_so_that_it_can_be_removed(tmp_path):
    target = tmp_path / "map.pdf"
    lock_path(target).write_text("")
    with pytest.raises(OutputBusyError, match=r"delete .*\.map\.pdf\.lock"):
        write_export(b"x", target)


def test_the_lock_and_temporary_names_are_hidden_files_beside_the_target(tmp_path):
    assert lock_path(tmp_path / "report.html") == tmp_path / ".report.html.lock"
    staged = writing._staged(tmp_path / "report.html", b"x")
    assert staged.parent == tmp_path and staged.name.startswith(".report.html.") and staged.suffix == ".part"
    assert oct(staged.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())


def current_umask():
    umask = os.umask(0)
    os.umask(umask)
    return umask


# --- the commands -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "outputs"),
    [
        (["analyze"], ["actors.csv", "network.csv"]),
        (["gaps"], ["gaps.csv"]),
        (["compare", "--from", "baseline", "--to", "endline", "--resamples", "20"], ["kpis.csv", "tie_changes.csv"]),
    ],
)
def test_folder_commands_do_not_overwrite_without_force(tmp_path, capsys, command, outputs):
    out = tmp_path / "out"
    arguments = [command[0], str(SAMPLE_CSV), *command[1:], "--out", str(out)]
    assert main(arguments) == 0
    assert names(out) == sorted(outputs)
    (out / outputs[-1]).write_text("kept")
    capsys.readouterr()
    assert main(arguments) == 1
    error = capsys.readouterr().err
    assert f"{out / outputs[0]} already exists" in error and "--force" in error
    assert (out / outputs[-1]).read_text() == "kept"
    assert main([*arguments, "--force"]) == 0
    assert (out / outputs[-1]).read_text() != "kept"
    assert names(out) == sorted(outputs)


def test_a_full_disk_ends_a_command_with_the_file_named_and_no_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC))
    assert main(["analyze", str(SAMPLE_CSV), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert error == (
        f"clusternet analyze: {tmp_path / 'out' / 'actors.csv'} could not be written: the disk is full; free some "
        "space or write elsewhere\n"
    )
    assert names(tmp_path / "out") == []


def test_an_export_to_a_read_only_disk_ends_with_a_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(os, "replace", failing(errno.EROFS))
    target = tmp_path / "ties.csv"
    assert main(["export", str(SAMPLE_CSV), "--format", "csv", "--out", str(target)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert names(tmp_path) == []


def test_an_output_folder_that_cannot_be_created_is_named(tmp_path, capsys):
    (tmp_path / "out").write_text("a file")
    assert main(["gaps", str(SAMPLE_CSV), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (
        f"clusternet gaps: {tmp_path / 'out'} is a file, not a folder; give the name of a folder to write the "
        "files to\n"
    )


def test_ctrl_c_ends_a_command_with_exit_130_and_no_partial_file(tmp_path, capsys, monkeypatch):
    def interrupted(*arguments):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    assert main(["analyze", str(SAMPLE_CSV), "--out", str(tmp_path / "out")]) == 130
    assert capsys.readouterr().err == "interrupted; no file was left half-written\n"
    assert names(tmp_path / "out") == []
