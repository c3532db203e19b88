"""Putting an export on disk: never half-written, and never over an existing file by accident.

A trainer who exports the workshop map twice must not lose last week's M&E report because both
were called ``report.html``: an existing file is only replaced when asked (``force``, the command
line's ``--force``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from clusternet.messages import Message, message

OUTPUT_EXISTS = message(
    "export.problem.output_exists", "{path} already exists; choose another file name, or replace it with --force"
)
FOLDER_MISSING = message("export.problem.folder_missing", "the folder {folder} does not exist; create it first")


class OutputExistsError(FileExistsError):
    """The export would replace an existing file and ``force`` was not given.

    ``message`` is the :class:`~clusternet.messages.Message` to show; ``str(error)`` is its English.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.message: Message = OUTPUT_EXISTS(path=str(self.path))
        super().__init__(str(self.message))


class OutputFolderMissingError(FileNotFoundError):
    """The folder an export should go to does not exist; ``message`` says so for people."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.message: Message = FOLDER_MISSING(folder=str(folder))
        super().__init__(str(self.message))


def _staged(path: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``path``, readable as a normally created file would be."""
    handle, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o666 & ~umask)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return Path(staging)


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    An interrupted write leaves the previous file as it was.
    """
    path = Path(path)
    staging = _staged(path, data)
    try:
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def write_export(data: bytes, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename; return the path.

    Without ``force`` an existing ``path`` is left untouched and ``OutputExistsError`` is raised;
    this holds even when another program creates the file while the data are being written (the
    temporary file is then linked to ``path``, which fails rather than replaces). With ``force``
    the file is replaced in one step: readers see the old file or the new one, never a mix.
    A missing folder raises ``OutputFolderMissingError``, a ``FileNotFoundError``.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputFolderMissingError(path.parent)
    if force:
        write_atomically(path, data)
        return path
    if path.exists():
        raise OutputExistsError(path)
    staging = _staged(path, data)
    try:
        try:
            os.link(staging, path)
        except FileExistsError:
            raise OutputExistsError(path) from None
        except OSError:
            # a file system without hard links (some USB sticks): the check above has to do
            if path.exists():
                raise OutputExistsError(path) from None
            os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    return path
