"""`hoering analyse` and `hoering positions`: the analysis of a corpus, as matrices or as positions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import lazy
from ..errors import ExitCode, UsageError
from ..fs import DELIMITERS, write_atomic
from .console import _errors, _progress, _stderr, _summarise, _warn_unredacted, guard_outputs
from .groups import Filters, Output, analysis_options, output_options, selection_options
from .options import Analysis, DebugOption, Language, MkdirOption, QuietOption, StanceView

if TYPE_CHECKING:
    from rich.console import Console

    from ..rules import Rules

# The library behind the commands, imported when a command runs: `hoering --help`,
# `--version` and a mistyped option need neither pandas nor the pipeline.
load_rules = lazy.function("hoering.rules", "load_rules")
theme_names = lazy.function("hoering.labels", "theme_names")
json_text = lazy.function("hoering.export", "json_text")
to_json = lazy.function("hoering.export", "to_json")
write_csvs = lazy.function("hoering.export", "write_csvs")
write_tables = lazy.function("hoering.export", "write_tables")
select_items = lazy.function("hoering.matrix", "select_items")
positions_rows = lazy.function("hoering.matrix", "positions_rows")
positions_frame = lazy.function("hoering.matrix", "positions_frame")
plan_coverage = lazy.function("hoering.plan", "coverage")
read_plan = lazy.function("hoering.plan", "read_plan")
heatmap_svg = lazy.function("hoering.report", "heatmap_svg")
coverage_table = lazy.function("hoering.cli.tables", "coverage_table")
matrix_table = lazy.function("hoering.cli.matrix_table", "matrix_table")  # imports neither pandas nor diff
positions_table = lazy.function("hoering.cli.position_table", "positions_table")  # imports neither pandas nor diff
theme_labels = lazy.function("hoering.cli.position_table", "theme_labels")
select = lazy.function("hoering.selection", "select")
link_positions = lazy.function("hoering.plan_links", "link_positions")
links_frame = lazy.function("hoering.plan_links", "links_frame")
section_matrix = lazy.function("hoering.plan_links", "section_matrix")
plan_view = lazy.module("hoering.plan_view")
section_table = lazy.function("hoering.plan_view", "section_table")

#: The file `analyse --plan --out` writes the plan's themes against the feedback to.
PLAN_CSV = "plan_coverage.csv"

LabelsOption = Annotated[
    bool, typer.Option("--labels", help="Terminal tables: themes by their label (Unge) instead of their id (unge).")
]

AnalysePlan = Annotated[
    list[str],
    typer.Option(
        "--plan",
        "-p",
        help="A plan document (a file, any format a response may have): set its themes against the feedback; "
        "or a plan name from the metadata: only responses on that plan.",
    ),
]


@selection_options(plan=AnalysePlan)
@output_options("What stdout gets: a table, the matrix as CSV, or everything as JSON.")
@analysis_options(hearing_list=True)
def analyse_command(
    corpus: Annotated[
        Path,
        typer.Argument(
            help="Folder of responses (.txt, .md, .docx, .doc, .pdf, .odt, .rtf, .eml, .msg; optional manifest.csv).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o", help="Write positions.csv, matrix.csv, matrix_wide.csv and files.csv into this folder."
        ),
    ] = None,
    stance: Annotated[
        StanceView, typer.Option("--stance", "-s", help="Table: one stance only, or all three side by side.")
    ] = StanceView.all,
    excel_csv: Annotated[
        bool, typer.Option("--excel-csv", help="Start CSV files with a UTF-8 byte order mark for Excel.")
    ] = False,
    delimiter: Annotated[
        str, typer.Option("--delimiter", "-d", help="CSV delimiter: ',' or ';' (Danish Excel) or a tab.")
    ] = ",",
    plot: Annotated[
        Optional[Path], typer.Option("--plot", help="Also write the body x theme heatmap to this .svg file.")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Labels of the --plot heatmap: Danish or English.")] = (
        Language.da
    ),
    labels: LabelsOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit with {int(ExitCode.SKIPPED_FILES)} if any file was skipped.")
    ] = False,
    *,
    filters: Filters,
    output: Output,
    analysis: Analysis,
    mkdir: MkdirOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Find positions, themes and stances in a folder of responses and print body x theme matrices."""
    with _errors(debug):
        guard_outputs([corpus], [out], [plot], mkdir, command="analyse")
        if delimiter == "\\t":
            delimiter = "\t"
        if delimiter not in DELIMITERS:  # checked before the analysis, not after it
            raise UsageError(f"--delimiter must be ',', ';' or a tab ('\\t'), not {delimiter!r}")
        writer = output.writer(excel_csv)
        if plot is not None and plot.suffix.lower() != ".svg":
            raise UsageError(
                f"{plot}: --plot writes SVG only; name the file .svg "
                "(browsers show it; rsvg-convert or Inkscape turn it into PNG)"
            )
        plan_document, filters = filters.plan_document()
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, keep_tokens=plan_document is not None)  # plan links compare words
        result = select(result, filters.selection()).result
        written = write_csvs(result, out, delimiter=delimiter, writer=writer) if out is not None else []
        covered = links = plan_parts = None
        if plan_document is not None:
            document = read_plan(plan_document, result.rules, analysis.model)
            covered = plan_coverage(document, result.items, result.rules.codebook.ids)
            links = link_positions(document, result.items)
            plan_parts = {"links": links_frame(document, links), "matrix": section_matrix(document, links)}
            if out is not None:
                tables_out = {
                    PLAN_CSV: covered,
                    plan_view.PLAN_LINKS_CSV: plan_parts["links"],
                    plan_view.PLAN_MATRIX_CSV: plan_parts["matrix"],
                }
                written += write_tables(tables_out, out, writer, delimiter)
        if plot is not None:
            write_atomic(plot, heatmap_svg(result, lang.value))
            written.append(plot)

        def tables(console: Console) -> None:
            shown = theme_labels(result.rules.codebook.themes, lang.value) if labels else None
            console.print(matrix_table(result, stance, console.width, shown))
            if covered is not None:
                console.print(coverage_table(covered, f"Plan {document.title} x feedback"))
                console.print(section_table(document, links, f"Parts of {document.title} x bodies"))

        output.emit(
            tables,
            lambda: result.matrix,
            lambda: to_json(result, plan_coverage=covered, plan_parts=plan_parts),
            delimiter,
        )
        _warn_unredacted(result)
        if not quiet:
            _summarise(result, written)
    if strict and result.skipped:
        raise typer.Exit(int(ExitCode.SKIPPED_FILES))


@selection_options()
@output_options("A table with the evidence, CSV rows of positions.csv, or JSON.")
@analysis_options()
def positions_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    stance: Annotated[
        list[StanceView], typer.Option("--stance", "-s", help="Only positions with this stance (repeat for more).")
    ] = [],  # noqa: B006
    doc: Annotated[list[str], typer.Option("--doc", help="Only positions of this file (repeat for more).")] = [],  # noqa: B006
    labels: LabelsOption = False,
    *,
    filters: Filters,
    output: Output,
    analysis: Analysis,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List positions with the evidence behind their tags, to review and correct them."""
    with _errors(debug):
        loaded = load_rules(analysis.rules, lazy=True)  # the stance rules only if a file is not cached
        themes = _theme_ids(filters.themes, loaded)  # before the analysis: a typo costs no waiting
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, rules=loaded, keep_tokens=False)
        narrowed = select(result, filters.selection(themes)).result
        chosen = select_items(narrowed.items, stances=[s.value for s in stance if s is not StanceView.all], docs=doc)
        selected = positions_rows(chosen)  # plain rows: the table and CSV need no pandas
        output.emit(
            lambda console: console.print(
                positions_table(selected, console.width, theme_labels(loaded.codebook.themes) if labels else None)
            ),
            lambda: selected,
            lambda: json_text(positions_frame(chosen)),
        )
        _warn_unredacted(result)
        if not quiet:
            for message in result.stale_corrections:
                _stderr().print(f"warning: {message}", markup=False)
            _stderr().print(f"{len(selected)} of {len(result.items)} positions", markup=False)


def _theme_ids(given: tuple[str, ...], rules: Rules) -> list[str]:
    """The theme ids `given` names, by id or label in any case.

    Raises:
        UsageError: a value names no theme; the message lists the ids.
    """
    names = theme_names(rules.codebook.themes)
    unknown = [t for t in given if " ".join(t.split()).casefold() not in names]
    if unknown:
        raise UsageError(
            f"unknown theme '{unknown[0]}' (known: {', '.join(rules.codebook.ids)}; a theme's label works too)"
        )
    return [names[" ".join(t.split()).casefold()] for t in given]
