"""The file system at the edges: bounded reads, atomic writes, control CSV files.

Every module that reads a file it did not choose (a response, a manifest, a
gold or corrections file) or writes an output goes through here, so limits,
atomicity and ``file:line`` error messages are the same everywhere.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import outputs
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
    Inside an `hoering.outputs.output_set` block an output (not `private`) is staged instead,
    and moves into place with the others of its set when the block ends.

    Raises:
        OutputError: the folder cannot be written.
    """
    staging = None if private else outputs.ACTIVE.get()
    if staging is not None:
        staging.stage(path, data, 0o666 & ~_umask())
        return
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
    """Open a control CSV file, bounded in size, as Excel or any other tool saved it.

    UTF-8 (a byte order mark allowed), UTF-16 with a byte order mark, or else cp1252
    (Danish Excel's "CSV (semikolonsepareret)"); the separator, ``,``, ``;`` or a tab,
    is judged by the header line. Rows with no value at all (Excel's ``;;;;``) are passed over.

    Args:
        what: the file's kind for messages: "manifest", "gold file", "corrections file".
        error: the error raised, so each caller keeps its own exit code.

    Raises:
        error: the file cannot be read or decoded, or its header line is not CSV.
    """
    path = Path(path)
    try:
        text, _ = decode_control_text(read_bytes(path, MAX_CONTROL_BYTES))
    except (InputFileError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read {what} ({exc})") from None
    reader = ControlReader(text)
    try:
        columns = tuple(reader.fieldnames or ())
    except csv.Error as exc:
        raise error(f"{path}:1: bad CSV in the {what} ({exc})") from None
    return ControlCsv(path, columns, reader, what, error)


def decode_control_text(data: bytes) -> tuple[str, str]:
    """The text of a control file's bytes and the encoding it was read in.

    Raises:
        UnicodeDecodeError: the bytes are in none of the encodings tried.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


#: Field separators a control file may use, in the order a tie is decided.
DELIMITERS = (";", ",", "\t")


def delimiter_of(text: str) -> str:
    """The field separator of a CSV text, judged by its header line (outside quotes)."""
    header, quoted = [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


class ControlReader(csv.DictReader):
    """A DictReader with stripped column names that passes over rows with no value at all."""

    def __init__(self, text: str) -> None:
        super().__init__(text.splitlines(keepends=True), delimiter=delimiter_of(text))

    @property
    def fieldnames(self):  # type: ignore[override]
        names = super().fieldnames
        return None if names is None else [(n or "").strip() for n in names]

    @fieldnames.setter
    def fieldnames(self, value) -> None:
        self._fieldnames = value

    def __next__(self) -> dict[str, str]:
        while True:
            row = super().__next__()
            if any((v or "").strip() for k, v in row.items() if k is not None and isinstance(v, str)):
                return row
