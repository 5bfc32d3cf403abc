"""The file system at the edges: bounded reads, atomic writes, control CSV files.

Every module that reads a file it did not choose (a response, a manifest, a
gold or corrections file) or writes an output goes through here, so limits,
atomicity and ``file:line`` error messages are the same everywhere.
"""

from __future__ import annotations

import csv
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import HoeringError, InputFileError, OutputError

#: A control file (manifest, gold, corrections) larger than this is not read.
MAX_CONTROL_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path, limit: int) -> bytes:
    """A file's bytes, never more than `limit`.

    Raises:
        InputFileError: the file is too large, has gone, or cannot be read.
    """
    most = f"the limit is {limit // (1024 * 1024)} MB"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError("not a regular file (a pipe, socket or device would block or never end)")
        size = info.st_size
        if size > limit:
            raise InputFileError(f"file too large ({size / (1024 * 1024):.0f} MB; {most})")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise InputFileError("file disappeared before it could be read") from None
    except OSError as exc:
        raise InputFileError(f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputFileError(f"file too large (over {most})")
    return data


def write_atomic(path: Path, text: str, bom: bool = False) -> None:
    """Write text as UTF-8 so that `path` holds either the old or the whole new content.

    Raises:
        OutputError: the folder cannot be written.
    """
    write_bytes_atomic(path, text.encode("utf-8-sig" if bom else "utf-8"))


def write_bytes_atomic(path: Path, data: bytes, private: bool = False) -> None:
    """Write bytes through a temporary file renamed into place: the old or the whole new content.

    The file gets the permissions the umask gives; `private` keeps it readable by its owner only.

    Raises:
        OutputError: the folder cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod") and not private:  # as open() would make it, not mkstemp's 0600
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class ControlCsv:
    """A control file read and split into rows; `rows` yields (line number, row)."""

    path: Path
    columns: tuple[str, ...]
    reader: csv.DictReader[str]
    what: str = "control file"
    error: type[HoeringError] = HoeringError

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row with the number of its (last) line in the file, for ``file:line`` messages.

        Raises:
            error: a row the CSV reader cannot split (a field over the size limit, a stray NUL).
        """
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                line = self.reader.line_num + 1  # the reader counts the lines it finished, not the one that failed
                raise self.error(f"{self.path}:{line}: bad CSV in the {self.what} ({exc})") from None
            yield self.reader.line_num, row


def read_control_csv(path: str | Path, what: str, error: type[HoeringError]) -> ControlCsv:
    """Open a control CSV file (UTF-8, a byte order mark allowed), bounded in size.

    Args:
        what: the file's kind for messages: "manifest", "gold file", "corrections file".
        error: the error raised, so each caller keeps its own exit code.

    Raises:
        error: the file cannot be read or decoded, or its header line is not CSV.
    """
    path = Path(path)
    try:
        text = read_bytes(path, MAX_CONTROL_BYTES).decode("utf-8-sig")
    except (InputFileError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read {what} ({exc})") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    try:
        columns = tuple(reader.fieldnames or ())
    except csv.Error as exc:
        raise error(f"{path}:1: bad CSV in the {what} ({exc})") from None
    return ControlCsv(path, columns, reader, what, error)
