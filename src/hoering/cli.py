"""The `hoering` command: parse options, call the library, render the result."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from . import __version__
from .errors import ExitCode, HoeringError
from .export import csv_text, to_json, write_csvs
from .models import COL_BODY, COL_COUNT, COL_STANCE, COL_THEME, OPINION_STANCES, Stance
from .pipeline import Result, analyse
from .rules import load_rules

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Read Danish consultation responses (høringssvar): who said what about which theme of a plan.",
)

STANCE_STYLE = {Stance.SUPPORT: "green", Stance.CONCERN: "red", Stance.DEMAND: "yellow", Stance.NEUTRAL: "dim"}


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class StanceView(str, Enum):
    all = "all"
    support = "support"
    concern = "concern"
    demand = "demand"
    neutral = "neutral"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Meet errors at one boundary: one line on stderr and an exit code."""
    try:
        yield
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


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    if not show:
        yield None
        return
    bar = Progress(
        TextColumn("reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=_stderr(),
        transient=True,
    )
    task = bar.add_task("", total=None)
    with bar:

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=path)

        yield update


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hoering {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Read Danish consultation responses (høringssvar): who said what about which theme of a plan."""


@app.command("analyse")
def analyse_command(
    corpus: Annotated[
        Path,
        typer.Argument(
            help="Folder of responses (.txt, .md, .docx, .pdf, .odt, .rtf, .eml; optional manifest.csv).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o", help="Write positions.csv, matrix.csv, matrix_wide.csv and files.csv into this folder."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="What stdout gets: a table, the matrix as CSV, or everything as JSON."),
    ] = OutputFormat.table,
    stance: Annotated[
        StanceView, typer.Option("--stance", "-s", help="Table: one stance only, or all three side by side.")
    ] = StanceView.all,
    rules: Annotated[
        Optional[Path],
        typer.Option("--rules", "-r", help="Folder with your own rules files; missing files come from the defaults."),
    ] = None,
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            help="'auto' (da_core_news_sm if installed, else blank), 'blank', or a spaCy model name or path.",
        ),
    ] = "auto",
    excel_csv: Annotated[
        bool, typer.Option("--excel-csv", help="Start CSV files with a UTF-8 byte order mark for Excel.")
    ] = False,
    delimiter: Annotated[
        str, typer.Option("--delimiter", "-d", help="CSV delimiter: ',' or ';' (Danish Excel) or a tab.")
    ] = ",",
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit with {int(ExitCode.SKIPPED_FILES)} if any file was skipped.")
    ] = False,
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Count a file whose text and metadata repeat an earlier file's once.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    """Find positions, themes and stances in a folder of responses and print body x theme matrices."""
    with _errors(debug):
        if delimiter == "\\t":
            delimiter = "\t"
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analyse(corpus, rules=rules, model=model, progress=progress, dedupe=dedupe)
        written = write_csvs(result, out, excel=excel_csv, delimiter=delimiter) if out is not None else []
        if output_format is OutputFormat.json:
            sys.stdout.write(to_json(result))
        elif output_format is OutputFormat.csv:
            sys.stdout.write(csv_text(result.matrix, delimiter))
        else:
            console = Console(highlight=False)
            console.print(matrix_table(result, stance, console.width))
        if not quiet:
            _summarise(result, written)
    if strict and result.skipped:
        raise typer.Exit(int(ExitCode.SKIPPED_FILES))


@app.command("rules")
def rules_command(
    rules: Annotated[Optional[Path], typer.Option("--rules", "-r", help="Folder with your own rules files.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    """Check a rules folder and list its themes (the defaults without --rules)."""
    with _errors(debug):
        loaded = load_rules(rules)
        table = Table(title="Themes", title_justify="left")
        for column in ("id", "label (da)", "label (en)", "terms"):
            table.add_column(column)
        for theme in loaded.codebook.themes:
            table.add_row(theme.id, theme.label_da, theme.label_en, str(len(theme.terms)))
        Console(highlight=False).print(table)
        cues = ", ".join(f"{s.value} {len(t)}" for s, t in loaded.stance.cues.items())
        _stderr().print(
            f"rules OK: {len(loaded.codebook.themes)} themes; stance cues: {cues}; {len(loaded.bodies.bodies)} known bodies",
            markup=False,
        )


def matrix_table(result: Result, view: StanceView = StanceView.all, width: int = 200) -> Table:
    """Bodies x themes; cells count positions by stance.

    Bodies are rows and themes columns when that fits in `width` characters;
    otherwise the table is turned, themes as rows, so it stays readable.
    """
    frame = result.matrix
    stances = OPINION_STANCES if view is StanceView.all else (Stance(view.value),)
    shown = frame[frame[COL_STANCE].isin([s.value for s in stances])]
    counts = {
        (b, t, s): c for b, t, s, c in zip(shown[COL_BODY], shown[COL_THEME], shown[COL_STANCE], shown[COL_COUNT])
    }
    themes = [t for t in result.rules.codebook.ids if any(c for (_, th, _), c in counts.items() if th == t)]
    bodies = list(result.bodies)

    def cell(body: str, theme: str) -> str:
        values = [counts.get((body, theme, s.value), 0) for s in stances]
        if not any(values):
            return "[dim]·[/]"
        return "/".join(f"[{STANCE_STYLE[s]}]{v}[/]" if v else "[dim]0[/]" for s, v in zip(stances, values))

    cell_width = 2 * len(stances) + 1
    needed = max((len(b) for b in bodies), default=4) + sum(max(len(t), cell_width) + 3 for t in themes) + 4
    turned = needed > width
    if view is StanceView.all:
        legend = "cells: [green]support[/] / [red]concern[/] / [yellow]demand[/] (number of positions)"
    else:
        legend = f"cells: number of [{STANCE_STYLE[stances[0]]}]{stances[0].value}[/] positions"
    table = Table(
        title="Themes x bodies" if turned else "Bodies x themes",
        title_justify="left",
        caption=legend,
        caption_justify="left",
    )
    rows, columns = (themes, bodies) if turned else (bodies, themes)
    table.add_column("theme" if turned else "body", no_wrap=True)
    for column in columns:
        table.add_column(column, justify="center", no_wrap=not turned, overflow="fold")
    for row in rows:
        table.add_row(row, *(cell(c, row) if turned else cell(row, c) for c in columns))
    if not themes:
        table.add_column("(no theme found)")
    return table


def _summarise(result: Result, written: list[Path]) -> None:
    err = _stderr()
    summary = result.summary()
    for report in result.skipped:
        err.print(f"skipped {report.path}: {report.reason}", markup=False)
    for report in result.read:
        if report.reason:
            err.print(f"read {report.path}: {report.reason}", markup=False)
        if report.duplicate_of:
            err.print(
                f"duplicate {report.path}: same text as {report.duplicate_of} (--dedupe counts it once)", markup=False
            )
    for path in written:
        err.print(f"wrote {path}", markup=False)
    tally = Counter(_short_reason(report.reason) for report in result.skipped)
    why = f" ({', '.join(f'{n} {reason}' for reason, n in sorted(tally.items()))})" if tally else ""
    err.print(
        f"{summary['files']} files: {summary['read']} read, {summary['skipped']} skipped{why} · "
        f"{summary['positions']} positions ({summary['positions_with_theme']} with a theme) · "
        f"{summary['bodies']} bodies · model {summary['model']} · rules {summary['rules']}",
        markup=False,
    )


def _short_reason(reason: str) -> str:
    """'unsupported format (.docx); supported: ...' -> 'unsupported format'."""
    return reason.split(" (")[0].split(";")[0].split(":")[0]


def main() -> None:
    """Console entry point."""
    app()
