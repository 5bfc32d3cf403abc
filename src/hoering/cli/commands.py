"""The commands: each parses its options, calls the library, renders the result."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from ..corpus import GOLD
from ..diff import DEFAULT_THRESHOLD, diff, rounds
from ..errors import ExitCode, UsageError
from ..evaluate import TOOL, Evaluation, documents_of, evaluate, read_gold
from ..export import csv_writer, diff_to_json, json_text, to_json, write_csvs, write_diff_csvs, write_tables
from ..fs import write_atomic, write_bytes_atomic
from ..matrix import select_positions
from ..nlp import build_pipeline
from ..plan import coverage as plan_coverage
from ..plan import read_plan
from ..report import diff_section, format_of, heatmap_svg, render
from ..rules import load_rules
from .app import app
from .console import _emit, _errors, _progress, _stderr, _summarise, _warn_unredacted, refuse_overwriting_input
from .options import (
    Analysis,
    CacheDirOption,
    CorrectionsOption,
    DebugOption,
    DedupeOption,
    JobsOption,
    Language,
    ModelOption,
    NoCacheOption,
    NoControlFilesOption,
    NoRedactOption,
    OutputFormat,
    QuietOption,
    RawCsvOption,
    ReportFormat,
    RulesOption,
    StanceView,
)
from .tables import change_table, coverage_table, evaluation_tables, matrix_table, positions_table, recurrence_table


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
    rules: RulesOption = None,
    model: ModelOption = "auto",
    excel_csv: Annotated[
        bool, typer.Option("--excel-csv", help="Start CSV files with a UTF-8 byte order mark for Excel.")
    ] = False,
    delimiter: Annotated[
        str, typer.Option("--delimiter", "-d", help="CSV delimiter: ',' or ';' (Danish Excel) or a tab.")
    ] = ",",
    raw_csv: RawCsvOption = False,
    corrections: CorrectionsOption = None,
    no_redact: NoRedactOption = False,
    plot: Annotated[
        Optional[Path], typer.Option("--plot", help="Also write the body x theme heatmap to this .svg file.")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Labels of the --plot heatmap: Danish or English.")] = (
        Language.da
    ),
    plan: Annotated[
        Optional[Path],
        typer.Option(
            "--plan",
            "-p",
            help="The plan document (any format a response may have): set its themes against all the feedback.",
        ),
    ] = None,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit with {int(ExitCode.SKIPPED_FILES)} if any file was skipped.")
    ] = False,
    dedupe: DedupeOption = False,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Find positions, themes and stances in a folder of responses and print body x theme matrices."""
    with _errors(debug):
        if delimiter == "\\t":
            delimiter = "\t"
        if plot is not None and plot.suffix.lower() != ".svg":
            raise UsageError(
                f"{plot}: --plot writes SVG only; name the file .svg "
                "(browsers show it; rsvg-convert or Inkscape turn it into PNG)"
            )
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, keep_tokens=False)
        written = write_csvs(result, out, excel=excel_csv, delimiter=delimiter, raw=raw_csv) if out is not None else []
        covered = None
        if plan is not None:
            document = read_plan(plan, result.rules, model)
            covered = plan_coverage(document, result.items, result.rules.codebook.ids)
            if out is not None:
                written += write_tables({PLAN_CSV: covered}, out, csv_writer(excel_csv, raw_csv), delimiter)
        if plot is not None:
            write_atomic(plot, heatmap_svg(result, lang.value))
            written.append(plot)

        def tables(console: Console) -> None:
            console.print(matrix_table(result, stance, console.width))
            if covered is not None:
                console.print(coverage_table(covered, f"Plan {document.title} x feedback"))

        _emit(
            output_format,
            tables,
            lambda: result.matrix,
            lambda: to_json(result, plan_coverage=covered),
            delimiter,
            raw_csv,
        )
        _warn_unredacted(result)
        if not quiet:
            _summarise(result, written)
    if strict and result.skipped:
        raise typer.Exit(int(ExitCode.SKIPPED_FILES))


@app.command("diff")
def diff_command(
    corpus: Annotated[
        Path,
        typer.Argument(help="The corpus folder, or the earlier round's folder when NEW is given.", show_default=False),
    ],
    new: Annotated[
        Optional[Path], typer.Argument(help="The later round's folder (leave out to compare rounds of CORPUS).")
    ] = None,
    from_round: Annotated[
        Optional[str], typer.Option("--from", help="The earlier round (default: the one before --to).")
    ] = None,
    to_round: Annotated[Optional[str], typer.Option("--to", help="The later round (default: the last one).")] = None,
    threshold: Annotated[
        float,
        typer.Option("--threshold", "-t", min=0, max=100, help="Score (0-100) a pair of positions needs to recur."),
    ] = DEFAULT_THRESHOLD,
    plan: Annotated[
        Optional[Path],
        typer.Option(
            "--plan",
            "-p",
            help="The plan document (any format a response may have): set its themes against the feedback.",
        ),
    ] = None,
    out: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", help="Write diff_themes.csv, diff_matrix.csv, diff_positions.csv (diff_plan.csv)."),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="What stdout gets: tables, the theme changes as CSV, or everything as JSON."
        ),
    ] = OutputFormat.table,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    corrections: CorrectionsOption = None,
    no_redact: NoRedactOption = False,
    raw_csv: RawCsvOption = False,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare two rounds: changes per theme and body, and recurring, new and dropped positions."""
    with _errors(debug):
        loaded = load_rules(rules)
        pipeline = build_pipeline(model, loaded.segmentation)
        document = read_plan(plan, loaded, pipeline) if plan is not None else None
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            old = analysis.run(corpus, progress, loaded, pipeline)
            later = analysis.run(new, progress, loaded, pipeline) if new is not None else None
        result = diff(old, later, from_round=from_round, to_round=to_round, threshold=threshold, plan=document)
        written = write_diff_csvs(result, out, raw=raw_csv) if out is not None else []

        def tables(console: Console) -> None:
            console.print(change_table(result))
            console.print(recurrence_table(result, console.width))
            if result.coverage is not None:
                console.print(coverage_table(result.coverage, f"Plan {result.plan.title} x feedback {result.to_round}"))

        _emit(output_format, tables, lambda: result.themes, lambda: diff_to_json(result))
        _warn_unredacted(old)
        if not quiet:
            err = _stderr()
            for path in written:
                err.print(f"wrote {path}", markup=False)
            summary = result.summary()
            err.print(
                f"{summary['from']} -> {summary['to']}: {summary['from_positions']} -> {summary['to_positions']} positions · "
                f"{summary['recurring']} recurring, {summary['new']} new, {summary['dropped']} dropped · "
                f"threshold {result.matching.threshold:g} · model {old.model} · rules {loaded.digest[:12]}",
                markup=False,
            )


@app.command("rules")
def rules_command(
    rules: RulesOption = None,
    debug: DebugOption = False,
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


@app.command("evaluate")
def evaluate_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses the gold file annotates.", show_default=False)],
    gold: Annotated[
        Optional[Path], typer.Option("--gold", "-g", help="Gold CSV (default: gold.csv in the corpus folder).")
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Tables, or the figures as JSON ('csv' prints the per-theme scores)."),
    ] = OutputFormat.table,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o", help="Write evaluation.json, theme_scores.csv, stance_scores.csv and confusion.csv here."
        ),
    ] = None,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    corrections: Annotated[
        Optional[Path],
        typer.Option("--corrections", help="Apply this corrections file before scoring (none by default)."),
    ] = None,
    no_redact: NoRedactOption = False,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Score the analysis against hand-annotated gold positions, beside two simple baselines."""
    with _errors(debug):
        gold_path = gold if gold is not None else corpus / GOLD
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, corrections_by_default=False)
        gold_positions = read_gold(gold_path, documents_of(corpus), result.rules.codebook.ids)
        evaluation = evaluate(result, gold_positions)
        written = write_evaluation(evaluation, out) if out is not None else []

        def tables(console: Console) -> None:
            for table in evaluation_tables(evaluation):
                console.print(table)

        _emit(output_format, tables, lambda: theme_scores(evaluation), lambda: json_text(evaluation.summary()))
        _warn_unredacted(result)
        if not quiet:
            err = _stderr()
            for path in written:
                err.print(f"wrote {path}", markup=False)
            seg = evaluation.segmentation
            err.print(
                f"{seg.gold} gold positions from {gold_path}, {seg.predicted} predicted · model {result.model}",
                markup=False,
            )


@app.command("positions")
def positions_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    theme: Annotated[
        list[str], typer.Option("--theme", "-t", help="Only positions with this theme (repeat for more).")
    ] = [],  # noqa: B006
    stance: Annotated[
        list[StanceView], typer.Option("--stance", "-s", help="Only positions with this stance (repeat for more).")
    ] = [],  # noqa: B006
    body: Annotated[
        list[str], typer.Option("--body", "-b", help="Only positions of this body (repeat for more).")
    ] = [],  # noqa: B006
    doc: Annotated[list[str], typer.Option("--doc", help="Only positions of this file (repeat for more).")] = [],  # noqa: B006
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="A table with the evidence, CSV rows of positions.csv, or JSON."),
    ] = OutputFormat.table,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    corrections: CorrectionsOption = None,
    no_redact: NoRedactOption = False,
    raw_csv: RawCsvOption = False,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List positions with the evidence behind their tags, to review and correct them."""
    with _errors(debug):
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, keep_tokens=False)
        unknown = sorted(set(theme) - set(result.rules.codebook.ids))
        if unknown:
            raise UsageError(f"unknown theme '{unknown[0]}' (known: {', '.join(result.rules.codebook.ids)})")
        selected = select_positions(
            result.positions, theme, [s.value for s in stance if s is not StanceView.all], body, doc
        )
        _emit(
            output_format,
            lambda console: console.print(positions_table(selected)),
            lambda: selected,
            lambda: json_text(selected),
            raw_csv=raw_csv,
        )
        _warn_unredacted(result)
        if not quiet:
            for message in result.stale_corrections:
                _stderr().print(f"warning: {message}", markup=False)
            _stderr().print(f"{len(selected)} of {len(result.positions)} positions", markup=False)


@app.command("report")
def report_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The report file to write (.html, .md or .xlsx).", show_default=False)
    ],
    output_format: Annotated[
        Optional[ReportFormat],
        typer.Option("--format", "-f", help="html, md or xlsx (default: from the --out suffix, else html)."),
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the report: Danish or English.")] = Language.da,
    date: Annotated[
        Optional[str], typer.Option("--date", help="The date the report names, YYYY-MM-DD (default: today).")
    ] = None,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    corrections: CorrectionsOption = None,
    no_diff: Annotated[
        bool, typer.Option("--no-diff", help="Leave out the comparison of the last two rounds.")
    ] = False,
    no_redact: Annotated[
        bool,
        typer.Option("--no-redact", help="Leave personal data in the report as written (a warning in its header)."),
    ] = False,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Draft a høringsnotat: one self-contained HTML file, Markdown, or an Excel workbook."""
    with _errors(debug):
        fmt = format_of(out, output_format.value if output_format else None)
        if out.is_dir():
            raise UsageError(f"{out}: --out must be a file, and this is a folder")
        refuse_overwriting_input([out], corpus)
        try:
            day = dt.date.fromisoformat(date) if date is not None else None
        except ValueError:
            raise UsageError(f"--date must be a date as YYYY-MM-DD, not '{date}'") from None
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress)
        extras = [diff_section(diff(result), lang.value)] if len(rounds(result)) >= 2 and not no_diff else []
        document = render(result, fmt, lang=lang.value, date=day, extra_sections=extras)
        if isinstance(document, bytes):
            write_bytes_atomic(out, document)
        else:
            write_atomic(out, document)
        _warn_unredacted(result)
        if not quiet:
            _summarise(result, [out])


def theme_scores(evaluation: Evaluation) -> pd.DataFrame:
    """Per-theme precision, recall and F1 of every system, long format."""
    frames = [s.themes.assign(system=name) for name, s in evaluation.systems.items()]
    frame = pd.concat(frames, ignore_index=True)
    return frame[["system", "theme", "precision", "recall", "f1", "gold", "predicted"]].round(4)


def write_evaluation(evaluation: Evaluation, out: Path) -> list[Path]:
    """Write the figures as JSON and CSV files into `out`."""
    tool = evaluation.systems[TOOL]
    stance_frames = [s.stances.assign(system=name) for name, s in evaluation.systems.items()]
    stances = pd.concat(stance_frames, ignore_index=True)[["system", "stance", "precision", "recall", "f1", "gold"]]
    tables = {
        "theme_scores.csv": theme_scores(evaluation),
        "stance_scores.csv": stances.round(4),
        "confusion.csv": tool.confusion.rename_axis("gold").reset_index(),
    }
    write_atomic(out / "evaluation.json", json_text(evaluation.summary()))
    return [out / "evaluation.json", *write_tables(tables, out)]


PLAN_CSV = "plan_coverage.csv"
