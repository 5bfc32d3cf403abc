"""``--out -``: stdout where a command writes one table, a clear error where it writes a folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError

#: The file name that means stdout, as in most command-line tools.
STDOUT = "-"


def is_stdout(path: str | Path | None) -> bool:
    """Whether `path` is ``-``, stdout."""
    return path is not None and str(path) == STDOUT


def refuse_stdout_folder(out: str | Path | None, command: str, option: str = "--out") -> None:
    """A command that writes a folder of files has no stdout form of `option`: say what to use instead.

    Raises:
        UsageError: `out` is ``-``.
    """
    if is_stdout(out):
        raise UsageError(
            f"{option} -: hoering {command} writes a folder of files, not one table; "
            "for stdout use --format csv or --format json, or give a folder"
        )
