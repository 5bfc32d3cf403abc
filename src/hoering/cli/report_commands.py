"""`hoering report`: the draft høringsnotat of one round (Word, HTML, Markdown) or an Excel workbook."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import lazy
from ..errors import UsageError
from ..fs import write_atomic, write_bytes_atomic
from .console import _errors, _progress, _stderr, _summarise, _warn_unredacted, guard_outputs
from .groups import Filters, analysis_options, selection_options
from .options import Analysis, DebugOption, Language, MkdirOption, QuietOption, ReportFormat
from .stdout import is_stdout

# The library behind the command, imported when it runs (see `analyse_commands`).
diff = lazy.function("hoering.diff", "diff")
read_plan = lazy.function("hoering.plan", "read_plan")
diff_section = lazy.function("hoering.report", "diff_section")
format_of = lazy.function("hoering.report", "format_of")
render_report = lazy.function("hoering.report", "render_report")
plan_section = lazy.function("hoering.report", "plan_section")
selection = lazy.module("hoering.selection")
select = lazy.function("hoering.selection", "select")
link_positions = lazy.function("hoering.plan_links", "link_positions")
read_hearing_list = lazy.function("hoering.roster", "read_hearing_list")
consulted_names = lazy.function("hoering.roster", "consulted_names")


ReportRound = Annotated[
    list[str],
    typer.Option(
        "--round", help="The consultation round (default: the latest; 'all' for every round; repeat for more)."
    ),
]
ReportNoRedact = Annotated[
    bool,
    typer.Option("--no-redact", help="Leave personal data in the report as written (a warning in its header)."),
]


@selection_options(round_=ReportRound)
@analysis_options(hearing_list=True, no_redact=ReportNoRedact)
def report_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The report file to write (.docx, .html, .md or .xlsx); '-' for stdout.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        Optional[ReportFormat],
        typer.Option("--format", "-f", help="docx, html, md or xlsx (default: from the --out suffix)."),
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the report: Danish or English.")] = Language.da,
    date: Annotated[
        Optional[str], typer.Option("--date", help="The date the report names, YYYY-MM-DD (default: today).")
    ] = None,
    no_diff: Annotated[
        bool, typer.Option("--no-diff", help="Leave the comparison of two rounds out of the workbook.")
    ] = False,
    *,
    filters: Filters,
    analysis: Analysis,
    mkdir: MkdirOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Draft a høringsnotat for one round: a Word document, HTML or Markdown; or an Excel workbook."""
    with _errors(debug):
        to_stdout = is_stdout(out)
        if not to_stdout and out.is_dir():
            raise UsageError(f"{out}: --out must be a file, and this is a folder")
        fmt = format_of(out, output_format.value if output_format else None)
        if to_stdout and fmt in ("xlsx", "docx") and sys.stdout.isatty():
            raise UsageError(f"--out - with --format {fmt} would print a file's bytes on the terminal; redirect it")
        guard_outputs([corpus], [], [None if to_stdout else out], mkdir)
        try:
            day = dt.date.fromisoformat(date) if date is not None else None
        except ValueError:
            raise UsageError(f"--date must be a date as YYYY-MM-DD, not '{date}'") from None
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress)
        plan_document, filters = filters.plan_document()
        selected = select(result, filters.selection(), default_round=selection.LATEST)
        extras = []
        if fmt == "xlsx" and len(selected.rounds or selected.all_rounds) >= 2 and not no_diff:
            extras = [diff_section(diff(selected.result), lang.value)]
        the_plan, links = None, []
        if plan_document is not None:
            the_plan = read_plan(plan_document, result.rules, analysis.model)
            links = link_positions(the_plan, selected.result.items)
        if fmt == "xlsx" and the_plan is not None:
            extras.insert(0, plan_section(the_plan, links, lang.value))
        hearing_list = analysis.hearing_list
        document = render_report(
            selected,
            fmt,
            lang=lang.value,
            date=day,
            consulted=consulted_names(read_hearing_list(hearing_list), result.rules) if hearing_list else None,
            extra_sections=extras,
            plan=the_plan,
            plan_links=links,
        )
        if to_stdout and isinstance(document, bytes):  # --out -: the report on stdout, as with other tools
            sys.stdout.buffer.write(document)
        elif to_stdout:
            sys.stdout.write(document)
        elif isinstance(document, bytes):
            write_bytes_atomic(out, document)
        else:
            write_atomic(out, document)
        _warn_unredacted(result)
        if not quiet:
            _summarise(selected.result, [] if to_stdout else [out])
            if selected.latest:
                _stderr().print(
                    f"round {selected.rounds[0]}: the latest of {', '.join(selected.all_rounds)} "
                    f"(--round ROUND for another, --round {selection.ALL} for every round)",
                    markup=False,
                )
