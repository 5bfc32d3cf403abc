"""One reader per file format, each turning a file's bytes into text.

`read` dispatches by suffix. Every reader returns an `Extracted`: the text the
analysis runs on (its offsets index into it) and the hints the format's own
metadata gives. Any failure, a library's own included, is an `InputFileError`
with a reason a user can act on; the limits in `_base` keep hostile files
(zip bombs, huge single lines, endless PDFs) bounded in time and memory.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace

from ..errors import InputFileError
from ._base import MAX_FILE_BYTES, MAX_TEXT_CHARS, Extracted


def _reader(module: str, *args: str) -> Callable[[bytes], Extracted]:
    """The `read` of a reader module, imported on first use: pypdf, python-docx and the
    others cost start-up time that a run of cached or plain-text files does not need."""

    def read(data: bytes) -> Extracted:
        return importlib.import_module(f".{module}", __name__).read(data, *args)

    return read


READERS: dict[str, Callable[[bytes], Extracted]] = {
    ".txt": _reader("plain", "txt"),
    ".md": _reader("plain", "md"),
    ".docx": _reader("word"),
    ".pdf": _reader("pdf"),
    ".odt": _reader("opendoc"),
    ".rtf": _reader("rtf"),
    ".eml": _reader("mail"),
    ".msg": _reader("outlook"),
    ".doc": _reader("msword"),
}
SUFFIXES: tuple[str, ...] = tuple(READERS)

__all__ = ["MAX_FILE_BYTES", "MAX_TEXT_CHARS", "READERS", "SUFFIXES", "Extracted", "read"]


def read(data: bytes, suffix: str) -> Extracted:
    """The text of a file's bytes, read by the reader for its suffix.

    Raises:
        InputFileError: unsupported suffix, unreadable or hostile content, no text, or text beyond the limit.
    """
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise InputFileError(
            f"unsupported format ({suffix.lower() or 'no extension'}); supported: {', '.join(SUFFIXES)}"
        )
    try:
        extracted = reader(data)
    except InputFileError:
        raise
    except RecursionError:
        raise InputFileError(f"structure nested too deep to read (not a real {suffix.lower()} file)") from None
    except Exception as exc:  # untrusted input: a library may fail in ways its reader did not foresee
        raise InputFileError(f"not a readable {suffix.lower()} ({type(exc).__name__}: {exc})") from None
    if len(extracted.text) > MAX_TEXT_CHARS:
        raise InputFileError(
            f"text too long ({len(extracted.text):,} characters; the limit is {MAX_TEXT_CHARS:,})".replace(",", " ")
        )
    text = valid_text(extracted.text)
    return extracted if text is extracted.text else replace(extracted, text=text)


def valid_text(text: str) -> str:
    """`text` as it can be written: surrogate pairs joined, lone surrogates replaced by U+FFFD.

    RTF writes a character beyond U+FFFF as two escapes (``\\u-10179?\\u-8707?``),
    which come out as two surrogates; written as UTF-8 they would fail the run.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text
