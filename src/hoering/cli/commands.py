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
from ..diff import DEFAULT_THRESHOLD, diff
from ..errors import ExitCode, UsageError
from ..evaluate import TOOL, Evaluation, documents_of, evaluate, read_gold, select_split
from ..export import diff_to_json, json_text, to_json, write_csvs, write_diff_csvs, write_tables
from ..fs import write_atomic, write_bytes_atomic
from ..matrix import select_positions
from ..nlp import build_pipeline
from ..plan import coverage as plan_coverage
from ..plan import read_plan
from ..plan_diff import plan_diff_frame
from ..plan_links import link_positions, links_frame, section_matrix
from ..plan_view import (
    PLAN_DIFF_CSV,
    PLAN_LINKS_CSV,
    PLAN_MATRIX_CSV,
    plan_diff_table,
    recurrence_scores_table,
    section_table,
)
from ..recurrence import evaluate_recurrence, recurrence_summary
from ..report import diff_section, format_of, heatmap_svg, plan_section, render_report
from ..rules import load_rules
from ..selection import ALL, LATEST, select
from .app import app
from .console import _emit, _errors, _progress, _stderr, _summarise, _warn_unredacted
from .options import (
    Analysis,
    BodyFilter,
    CacheDirOption,
    CorrectionsOption,
    DebugOption,
    DedupeOption,
    JobsOption,
    Language,
    ModelOption,
    NoCacheOption,
    NoRedactOption,
    OutputFormat,
    PlanFilter,
    QuietOption,
    ReportFormat,
    RoundFilter,
    RulesOption,
    StanceView,
    ThemeFilter,
    plan_file,
    selection_of,
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
    corrections: CorrectionsOption = None,
    no_redact: NoRedactOption = False,
    plot: Annotated[
        Optional[Path], typer.Option("--plot", help="Also write the body x theme heatmap to this .svg file.")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Labels of the --plot heatmap: Danish or English.")] = (
        Language.da
    ),
    plan: Annotated[
        list[str],
        typer.Option(
            "--plan",
            "-p",
            help="A plan document (a file, any format a response may have): set its themes against the feedback; "
            "or a plan name from the metadata: only responses on that plan.",
        ),
    ] = [],  # noqa: B006
    round_: RoundFilter = [],  # noqa: B006
    body: BodyFilter = [],  # noqa: B006
    theme: ThemeFilter = [],  # noqa: B006
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit with {int(ExitCode.SKIPPED_FILES)} if any file was skipped.")
    ] = False,
    dedupe: DedupeOption = False,
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
        plan_document, plan_names = plan_file(plan)
        analysis = Analysis.of(rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe)
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, keep_tokens=plan_document is not None)  # plan links compare words
        result = select(result, selection_of(round_, plan_names, body, theme)).result
        written = write_csvs(result, out, excel=excel_csv, delimiter=delimiter) if out is not None else []
        covered = links = plan_parts = None
        if plan_document is not None:
            document = read_plan(plan_document, result.rules, model)
            covered = plan_coverage(document, result.items, result.rules.codebook.ids)
            links = link_positions(document, result.items)
            plan_parts = {"links": links_frame(document, links), "matrix": section_matrix(document, links)}
            if out is not None:
                tables_out = {
                    PLAN_CSV: covered,
                    PLAN_LINKS_CSV: plan_parts["links"],
                    PLAN_MATRIX_CSV: plan_parts["matrix"],
                }
                written += write_tables(tables_out, out, "excel-csv" if excel_csv else "csv", delimiter)
        if plot is not None:
            write_atomic(plot, heatmap_svg(result, lang.value))
            written.append(plot)

        def tables(console: Console) -> None:
            console.print(matrix_table(result, stance, console.width))
            if covered is not None:
                console.print(coverage_table(covered, f"Plan {document.title} x feedback"))
                console.print(section_table(document, links, f"Parts of {document.title} x bodies"))

        def as_json() -> str:
            return to_json(result, plan_coverage=covered, plan_parts=plan_parts)

        _emit(output_format, tables, lambda: result.matrix, as_json, delimiter)
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
        Optional[list[Path]],
        typer.Option(
            "--plan",
            "-p",
            help="The plan document: its themes against the feedback. Twice (--plan OLD --plan NEW): the two versions' parts compared.",
        ),
    ] = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            "-o",
            help="Write diff_themes.csv, diff_matrix.csv, diff_positions.csv (diff_plan.csv; plan_diff.csv with two plans).",
        ),
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
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare two rounds: changes per theme and body, and recurring, new and dropped positions."""
    with _errors(debug):
        loaded = load_rules(rules)
        pipeline = build_pipeline(model, loaded.segmentation)
        plans = [read_plan(p, loaded, pipeline) for p in plan or []]
        if len(plans) > 2:
            raise UsageError("--plan is given once (the plan) or twice (the old and the new version), not more")
        document = plans[-1] if plans else None
        analysis = Analysis.of(rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe)
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            old = analysis.run(corpus, progress, loaded, pipeline)
            later = analysis.run(new, progress, loaded, pipeline) if new is not None else None
        result = diff(old, later, from_round=from_round, to_round=to_round, threshold=threshold, plan=document)
        written = write_diff_csvs(result, out) if out is not None else []
        versions = plan_diff_frame(plans[0], plans[1], result.new) if len(plans) == 2 else None
        if versions is not None and out is not None:
            written += write_tables({PLAN_DIFF_CSV: versions}, out)

        def tables(console: Console) -> None:
            console.print(change_table(result))
            console.print(recurrence_table(result, console.width))
            if result.coverage is not None:
                console.print(coverage_table(result.coverage, f"Plan {result.plan.title} x feedback {result.to_round}"))
            if versions is not None:
                title = f"Plan {plans[0].title} -> {plans[1].title} x feedback {result.to_round}"
                console.print(plan_diff_table(versions, title))

        def as_json() -> str:
            return diff_to_json(result, {"plan_diff": versions} if versions is not None else None)

        _emit(output_format, tables, lambda: result.themes, as_json)
        _warn_unredacted(old)
        if not quiet:
            err = _stderr()
            for path in written:
                err.print(f"wrote {path}", markup=False)
            summary = result.summary()
            err.print(
                f"{summary['from']} -> {summary['to']}: {summary['from_positions']} -> {summary['to_positions']} positions · "
                f"{summary['recurring']} recurring, {summary['moved']} moved, {summary['new']} new, {summary['dropped']} dropped · "
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
    pairs: Annotated[
        Optional[Path],
        typer.Option(
            "--pairs", help="Also measure matching across rounds on this pairs gold (devset/recurrence/pairs.csv)."
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
    split: Annotated[
        Optional[str],
        typer.Option("--split", help="Score only the gold rows whose split column is this (tune, test)."),
    ] = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Score the analysis against hand-annotated gold positions, beside two simple baselines."""
    with _errors(debug):
        gold_path = gold if gold is not None else corpus / GOLD
        analysis = Analysis.of(rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe)
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, corrections_by_default=False)
        gold_positions = read_gold(gold_path, documents_of(corpus), result.rules.codebook.ids)
        gold_positions = select_split(gold_positions, split, gold_path)
        evaluation = evaluate(result, gold_positions)
        written = write_evaluation(evaluation, out) if out is not None else []
        recurrence = None
        if pairs is not None:
            recurrence = evaluate_recurrence(pairs, result.rules, build_pipeline(model, result.rules.segmentation))

        def tables(console: Console) -> None:
            for table in evaluation_tables(evaluation):
                console.print(table)
            if recurrence is not None:
                console.print(recurrence_scores_table(recurrence, pairs))

        def as_json() -> str:
            summary = evaluation.summary()
            if recurrence is not None:
                summary["recurrence"] = recurrence_summary(recurrence)
            return json_text(summary)

        _emit(output_format, tables, lambda: theme_scores(evaluation), as_json)
        _warn_unredacted(result)
        if not quiet:
            err = _stderr()
            for path in written:
                err.print(f"wrote {path}", markup=False)
            seg = evaluation.segmentation
            err.print(
                f"{seg.gold} gold positions from {gold_path}"
                + (f" (split {split})" if split else "")
                + f", {seg.predicted} predicted · model {result.model}",
                markup=False,
            )


@app.command("positions")
def positions_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    theme: ThemeFilter = [],  # noqa: B006
    stance: Annotated[
        list[StanceView], typer.Option("--stance", "-s", help="Only positions with this stance (repeat for more).")
    ] = [],  # noqa: B006
    body: BodyFilter = [],  # noqa: B006
    doc: Annotated[list[str], typer.Option("--doc", help="Only positions of this file (repeat for more).")] = [],  # noqa: B006
    round_: RoundFilter = [],  # noqa: B006
    plan: PlanFilter = [],  # noqa: B006
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="A table with the evidence, CSV rows of positions.csv, or JSON."),
    ] = OutputFormat.table,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    corrections: CorrectionsOption = None,
    no_redact: NoRedactOption = False,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List positions with the evidence behind their tags, to review and correct them."""
    with _errors(debug):
        analysis = Analysis.of(rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe)
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, keep_tokens=False)
        narrowed = select(result, selection_of(round_, plan, body, theme)).result
        selected = select_positions(
            narrowed.positions, stances=[s.value for s in stance if s is not StanceView.all], docs=doc
        )
        _emit(
            output_format,
            lambda console: console.print(positions_table(selected)),
            lambda: selected,
            lambda: json_text(selected),
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
        Path,
        typer.Option("--out", "-o", help="The report file to write (.docx, .html, .md or .xlsx).", show_default=False),
    ],
    output_format: Annotated[
        Optional[ReportFormat],
        typer.Option("--format", "-f", help="docx, html, md or xlsx (default: from the --out suffix)."),
    ] = None,
    round_: Annotated[
        list[str],
        typer.Option(
            "--round", help="The consultation round (default: the latest; 'all' for every round; repeat for more)."
        ),
    ] = [],  # noqa: B006
    plan: PlanFilter = [],  # noqa: B006
    body: BodyFilter = [],  # noqa: B006
    theme: ThemeFilter = [],  # noqa: B006
    lang: Annotated[Language, typer.Option("--lang", help="Language of the report: Danish or English.")] = Language.da,
    date: Annotated[
        Optional[str], typer.Option("--date", help="The date the report names, YYYY-MM-DD (default: today).")
    ] = None,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    corrections: CorrectionsOption = None,
    no_diff: Annotated[
        bool, typer.Option("--no-diff", help="Leave the comparison of two rounds out of the workbook.")
    ] = False,
    no_redact: Annotated[
        bool,
        typer.Option("--no-redact", help="Leave personal data in the report as written (a warning in its header)."),
    ] = False,
    jobs: JobsOption = 1,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    dedupe: DedupeOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Draft a høringsnotat for one round: a Word document, HTML or Markdown; or an Excel workbook."""
    with _errors(debug):
        if out.is_dir():
            raise UsageError(f"{out}: --out must be a file, and this is a folder")
        fmt = format_of(out, output_format.value if output_format else None)
        try:
            day = dt.date.fromisoformat(date) if date is not None else None
        except ValueError:
            raise UsageError(f"--date must be a date as YYYY-MM-DD, not '{date}'") from None
        analysis = Analysis.of(rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe)
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress)
        plan_document, plan_names = plan_file(plan)
        selected = select(result, selection_of(round_, plan_names, body, theme), default_round=LATEST)
        extras = []
        if fmt == "xlsx" and len(selected.rounds or selected.all_rounds) >= 2 and not no_diff:
            extras = [diff_section(diff(selected.result), lang.value)]
        if fmt == "xlsx" and plan_document is not None:
            the_plan = read_plan(plan_document, result.rules, model)
            extras.insert(0, plan_section(the_plan, link_positions(the_plan, selected.result.items), lang.value))
        document = render_report(selected, fmt, lang=lang.value, date=day, extra_sections=extras)
        if isinstance(document, bytes):
            write_bytes_atomic(out, document)
        else:
            write_atomic(out, document)
        _warn_unredacted(result)
        if not quiet:
            _summarise(selected.result, [out])
            if selected.latest:
                _stderr().print(
                    f"round {selected.rounds[0]}: the latest of {', '.join(selected.all_rounds)} "
                    f"(--round ROUND for another, --round {ALL} for every round)",
                    markup=False,
                )


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
