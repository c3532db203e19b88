"""Putting outputs on disk: never half-written, never over an existing file by accident, and every
failure a message that names the file and says what to do.

Every command that writes (``analyze``, ``gaps``, ``compare``, ``report``, ``export``) goes through
:func:`write_outputs` (or :func:`write_export` for one file):

- **whole or not at all**: the data go to a temporary file beside the target (created with
  ``O_EXCL``, so never shared with another writer), which is renamed over the target in one step
  (``os.replace``); readers see the old file or the new one, never a mix. On any failure, an
  interrupt (Ctrl-C) included, the temporary file is removed.
- **no overwrite without force**: a trainer who exports the workshop map twice must not lose last
  week's M&E report because both were called ``report.html``. Without ``force`` an existing target
  is left untouched and :class:`OutputExistsError` names it and says to use ``--force``. When
  several files are written together, all are checked before the first is written.
- **one writer per file at a time**, without hard links (USB sticks and network shares often
  have none): a writer first creates a lock file ``.<name>.lock`` beside the target with
  ``O_EXCL``. A second writer to the same target meanwhile fails with :class:`OutputBusyError`
  instead of both reporting success; the lock is removed when the writer is done, whatever
  happened. A program other than clusternet that creates the target between the check and the
  rename is the one case left: it is then replaced.
- **disk full, read-only disk, no permission, a folder in the way**: an :class:`OutputError`
  whose ``message`` names the file and what to do.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

from clusternet.messages import Message, Template, message

OUTPUT_EXISTS = message(
    "export.problem.output_exists", "{path} already exists; choose another file name, or replace it with --force"
)
FOLDER_MISSING = message("export.problem.folder_missing", "the folder {folder} does not exist; create it first")
OUTPUT_BUSY = message(
    "export.problem.output_busy",
    "{path} is being written by another clusternet command right now; wait until it has finished and try again "
    "(if none is running, delete {lock})",
)
DISK_FULL = message(
    "export.problem.disk_full", "{path} could not be written: the disk is full; free some space or write elsewhere"
)
READ_ONLY = message(
    "export.problem.read_only",
    "{path} could not be written: the disk is read-only; write to another folder, or make the disk writable",
)
NO_PERMISSION = message(
    "export.problem.no_permission",
    "{path} could not be written: you may not write to the folder {folder}; choose another folder, or ask for "
    "permission to write to it",
)
IS_A_FOLDER = message(
    "export.problem.is_a_folder", "{path} is a folder; give the name of a file to write, or remove the folder"
)
NOT_A_FOLDER = message(
    "export.problem.not_a_folder", "{path} is a file, not a folder; give the name of a folder to write the files to"
)
NOT_WRITTEN = message(
    "export.problem.not_written", "{path} could not be written ({reason}); check the disk and the folder, then retry"
)

_REASONS: dict[int, Template] = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EFBIG: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EISDIR: IS_A_FOLDER,
    errno.ENOTDIR: FOLDER_MISSING,
    errno.ENOENT: FOLDER_MISSING,
}
"""What each operating-system error means for the person writing a file."""


class OutputError(OSError):
    """A file could not be written; ``message`` (a :class:`~clusternet.messages.Message`) names it
    and says what to do, ``str(error)`` is its English, ``path`` is the file."""

    def __init__(self, path: str | os.PathLike[str], problem: Message) -> None:
        self.path = Path(path)
        self.message: Message = problem
        super().__init__(str(problem))


class OutputExistsError(OutputError, FileExistsError):
    """The output would replace an existing file and ``force`` was not given."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, OUTPUT_EXISTS(path=str(path)))


class OutputFolderMissingError(OutputError, FileNotFoundError):
    """The folder an output should go to does not exist."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(folder, FOLDER_MISSING(folder=str(folder)))


class OutputBusyError(OutputError):
    """Another writer holds the lock of the file (see the module's docstring)."""

    def __init__(self, path: Path, lock: Path) -> None:
        self.lock = lock
        super().__init__(path, OUTPUT_BUSY(path=str(path), lock=str(lock)))


def output_error(path: Path, error: OSError) -> OutputError:
    """The :class:`OutputError` for an operating-system ``error`` met while writing ``path``."""
    if isinstance(error, OutputError):
        return error
    reason = _REASONS.get(error.errno or 0)
    if reason is FOLDER_MISSING:
        return OutputFolderMissingError(path.parent)
    if reason is None:
        return OutputError(path, NOT_WRITTEN(path=str(path), reason=error.strerror or str(error)))
    return OutputError(path, reason.bind({"path": str(path), "folder": str(path.parent)}))


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``.<name>.lock`` beside it."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = lock_path(path)
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        raise OutputBusyError(path, lock) from None
    except OSError as error:
        raise output_error(path, error) from error
    try:
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _staged(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path`` (mode as for a normally created file)."""
    while True:
        staging = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            handle = os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            break
        except FileExistsError:
            continue
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return staging


def _put_in_place(path: Path, data: bytes) -> None:
    staging = _staged(path, data)
    try:
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def ensure_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` (and its parents) if it does not exist; a failure is an :class:`OutputError`."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(folder, NOT_A_FOLDER(path=str(folder))) from None
    except OSError as error:
        raise output_error(folder, error) from error
    return folder


def write_outputs(files: Mapping[Path, bytes], force: bool = False) -> list[Path]:
    """Write each ``path -> data`` safely (see the module's docstring); return the paths.

    Without ``force``, nothing is written if any of the paths exists. A missing folder raises
    :class:`OutputFolderMissingError`; every other failure an :class:`OutputError` (the files
    already put in place stay, whole).
    """
    paths = [Path(path) for path in files]
    for path in paths:
        if not path.parent.is_dir():
            raise OutputFolderMissingError(path.parent)
    with ExitStack() as locks:
        for path in paths:
            locks.enter_context(_locked(path))
        for path in paths:
            if path.is_dir():
                raise OutputError(path, IS_A_FOLDER(path=str(path)))
            if not force and os.path.lexists(path):
                raise OutputExistsError(path)
        for path, data in zip(paths, files.values()):
            try:
                _put_in_place(path, data)
            except OSError as error:
                raise output_error(path, error) from error
    return paths


def write_export(data: bytes, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write ``data`` to ``path`` safely (:func:`write_outputs` of one file); return the path.

    Without ``force`` an existing ``path`` is left untouched and ``OutputExistsError`` is raised;
    with ``force`` the file is replaced in one step: readers see the old file or the new one.
    """
    path = Path(path)
    write_outputs({path: data}, force=force)
    return path
