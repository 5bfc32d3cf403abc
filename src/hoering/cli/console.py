"""The terminal around the commands: errors at one boundary, progress, the summary on stderr."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import lazy, outputs
from ..errors import ExitCode, HoeringError, UsageError
from .options import OutputFormat
from .stdout import refuse_stdout_folder

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from ..result import Result

# Imported when a command prints or reads: `hoering --help` and `--version` need none of them.
rich_console = lazy.module("rich.console")
rich_progress = lazy.module("rich.progress")
corpus_files = lazy.module("hoering.corpus")

export = lazy.module("hoering.export")  # pandas: imported when a command writes, not at start-up
plain = lazy.function("hoering.safe", "plain")

NO_REDACTION_WARNING = (
    "warning: --no-redact: the output holds personal data (CPR numbers, names, addresses, phone numbers, "
    "e-mails) as written in the responses; do not share it"
)


def _stderr() -> Console:
    return rich_console.Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Meet errors at one boundary: one line on stderr and an exit code."""
    broken = False
    try:
        with outputs.output_set():  # the files a command writes move into place together, or not at all
            try:
                yield
            except BrokenPipeError:
                broken = True  # the reader of stdout went away: the files are written all the same
    except HoeringError as exc:
        if debug:
            raise
        _stderr().print(f"hoering: error: {exc}", markup=False)
        raise typer.Exit(int(exc.exit_code)) from None
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away: stop quietly
        raise typer.Exit(int(ExitCode.OK)) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except Exception as exc:  # a bug: still one line, unless asked for more
        if debug:
            raise
        _stderr().print(
            f"hoering: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", markup=False
        )
        raise typer.Exit(int(ExitCode.ERROR)) from None
    if broken:
        sys.stderr.close()  # stop quietly
        raise typer.Exit(int(ExitCode.OK))


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    if not show:
        yield None
        return
    bars = rich_progress
    bar = bars.Progress(
        bars.TextColumn("reading"),
        bars.BarColumn(),
        bars.MofNCompleteColumn(),
        bars.TimeElapsedColumn(),
        bars.TextColumn("left"),
        bars.TimeRemainingColumn(),
        bars.TextColumn("{task.description}"),
        console=_stderr(),
        transient=True,
    )
    task = bar.add_task("", total=None)
    with bar:

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=path)

        yield update


def _summarise(result: Result, written: list[Path]) -> None:
    err = _stderr()
    summary = result.summary()
    for note in result.control_files:
        err.print(plain(note), markup=False)
    for report in result.skipped:
        err.print(f"skipped {plain(report.path)}: {plain(report.reason)}", markup=False)
    for message in result.stale_corrections:
        err.print(f"warning: {plain(message)}", markup=False)
    for report in result.read:
        if report.reason:
            err.print(f"read {plain(report.path)}: {plain(report.reason)}", markup=False)
        if report.duplicate_of:
            err.print(
                f"duplicate {plain(report.path)}: same text as {plain(report.duplicate_of)} (--dedupe counts it once)",
                markup=False,
            )
        if report.redacted:
            err.print(f"redacted {plain(report.path)}: {report.redacted_text()}", markup=False)
    for path in written:
        err.print(f"wrote {plain(str(path))}", markup=False)
    if result.cache_problem:
        err.print(f"warning: {plain(result.cache_problem)}", markup=False)
    corrected = f" · {summary['corrected']} corrected" if result.corrections else ""
    cached = f" · {result.cached} of {summary['read']} from cache" if result.cached is not None else ""
    tally = Counter(_short_reason(report.reason) for report in result.skipped)
    why = f" ({', '.join(f'{n} {reason}' for reason, n in sorted(tally.items()))})" if tally else ""
    err.print(
        f"{summary['files']} files: {summary['read']} read, {summary['skipped']} skipped{why} · "
        f"{summary['positions']} positions ({summary['positions_with_theme']} with a theme){corrected} · "
        f"{summary['bodies']} bodies · model {summary['model']} · rules {summary['rules']}{cached} · "
        f"{_redaction(result)}",
        markup=False,
    )


def _redaction(result: Result) -> str:
    """'redacted 2 CPR, 3 NAVN', 'redacted nothing' or 'NOT redacted'."""
    if not result.redaction:
        return "NOT redacted"
    found = result.redacted
    return "redacted " + (", ".join(f"{n} {kind}" for kind, n in found.items()) if found else "nothing")


def _short_reason(reason: str) -> str:
    """'unsupported format (.docx); supported: ...' -> 'unsupported format'."""
    return reason.split(" (")[0].split(";")[0].split(":")[0]


def _warn_unredacted(result: Result) -> None:
    """Say that the output holds personal data, even with --quiet: it matters."""
    if not result.redaction:
        _stderr().print(NO_REDACTION_WARNING, markup=False)


def _emit(
    output_format: OutputFormat,
    tables: Callable[[Console], None],
    frame: Callable[[], pd.DataFrame],
    document: Callable[[], str],
    delimiter: str = ",",
    excel: bool = False,
    raw_csv: bool = False,
) -> None:
    """What stdout gets, the same way in every command: Rich tables, one frame as CSV, or the JSON document."""
    if output_format is OutputFormat.json:
        sys.stdout.write(document())
    elif output_format is OutputFormat.csv:
        writer = export.csv_writer(excel=excel, raw=raw_csv)
        sys.stdout.write(export.WRITERS[writer].text(frame(), delimiter))
    else:
        tables(rich_console.Console(highlight=False))


def guard_outputs(
    corpora: list[Path | None],
    folders: list[Path | None] = (),  # type: ignore[assignment]
    files: list[Path | None] = (),  # type: ignore[assignment]
    mkdir: bool = False,
    allow: list[Path | None] = (),  # type: ignore[assignment]
    command: str = "",
) -> None:
    """Check a command's outputs before it runs, and guard every file it writes.

    An ``--out`` folder given as ``-`` is refused first (`refuse_stdout_folder`: the
    command named by `command` writes several files).

    An output never replaces a response or control file of a corpus the command
    reads; a missing folder is created only inside the current folder or with
    ``--mkdir`` (an ``--out`` folder itself may be new when its parent exists).

    Args:
        corpora: the folders the command reads.
        folders: ``--out`` folders; files: ``--out``/``--plot``/``--write-manifest`` files.
        allow: a ``manifest.csv`` the command is asked to write (``--write-manifest``, which
            replaces an existing one only with ``--force``); no other control file.

    Raises:
        UsageError: a target is a file of a corpus, or its folder is missing and may not be created.
    """
    for folder in folders:
        refuse_stdout_folder(folder, command)
    for target, parent in [*((f, f.parent) for f in folders if f), *((f, f.parent) for f in files if f)]:
        if not mkdir and not parent.exists() and not _inside(parent, Path.cwd()):
            raise UsageError(f"{target}: the folder {parent} does not exist; create it or give --mkdir")
    roots = [c.resolve() for c in corpora if c is not None]
    allowed = {a.resolve() for a in allow if a is not None and a.name == corpus_files.MANIFEST}

    def guard(target: Path) -> None:
        resolved = target.resolve()
        if resolved in allowed or not resolved.exists():
            return
        for root, corpus in zip(roots, [c for c in corpora if c is not None]):
            if root in resolved.parents and (
                resolved.suffix.lower() in corpus_files.SUFFIXES or resolved.name in corpus_files.CONTROL_FILES
            ):
                raise UsageError(
                    f"{target}: this is a file of the corpus {corpus} (a response or control file); "
                    "write the output elsewhere"
                )

    for file in files:
        if file is not None:
            guard(file)  # before the analysis: a wrong --out costs no waiting
    staged = outputs.ACTIVE.get()
    if staged is not None:
        staged.guards.append(guard)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
