"""The commands: each parses its options, calls the library, renders the result."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import lazy
from ..errors import ExitCode, UsageError
from ..fs import DELIMITERS, write_atomic, write_bytes_atomic
from ..models import DEFAULT_THRESHOLD
from .app import app
from .console import _emit, _errors, _progress, _stderr, _summarise, _warn_unredacted, refuse_overwriting_input
from .help import PlainCommand
from .options import (
    Analysis,
    BodyFilter,
    CacheDirOption,
    CorrectionsOption,
    DebugOption,
    DedupeOption,
    ExcelOption,
    HearingListOption,
    JobsOption,
    Language,
    ModelOption,
    NoCacheOption,
    NoControlFilesOption,
    NoRedactOption,
    OutputFormat,
    PlanFilter,
    QuietOption,
    RawCsvOption,
    ReportFormat,
    RoundFilter,
    RulesOption,
    StanceView,
    ThemeFilter,
    csv_writer,
    plan_file,
    selection_of,
)

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from ..evaluate import Evaluation
    from ..rules import Rules

# The library behind the commands, imported when a command runs: `hoering --help`,
# `--version` and a mistyped option need neither pandas nor the pipeline.
pd = lazy.module("pandas")
Table = lazy.function("rich.table", "Table")
Console = lazy.function("rich.console", "Console")
load_rules = lazy.function("hoering.rules", "load_rules")
LazyPipeline = lazy.function("hoering.nlp", "LazyPipeline")
theme_names = lazy.function("hoering.labels", "theme_names")
corpus_files = lazy.module("hoering.corpus")
evaluation_module = lazy.module("hoering.evaluate")
diff = lazy.function("hoering.diff", "diff")
rounds = lazy.function("hoering.diff", "rounds")
documents_of = lazy.function("hoering.evaluate", "documents_of")
evaluate = lazy.function("hoering.evaluate", "evaluate")
read_gold = lazy.function("hoering.evaluate", "read_gold")
select_split = lazy.function("hoering.evaluate", "select_split")
diff_to_json = lazy.function("hoering.export", "diff_to_json")
json_text = lazy.function("hoering.export", "json_text")
to_json = lazy.function("hoering.export", "to_json")
write_csvs = lazy.function("hoering.export", "write_csvs")
write_diff_csvs = lazy.function("hoering.export", "write_diff_csvs")
write_tables = lazy.function("hoering.export", "write_tables")
select_positions = lazy.function("hoering.matrix", "select_positions")
plan_coverage = lazy.function("hoering.plan", "coverage")
read_plan = lazy.function("hoering.plan", "read_plan")
diff_section = lazy.function("hoering.report", "diff_section")
format_of = lazy.function("hoering.report", "format_of")
heatmap_svg = lazy.function("hoering.report", "heatmap_svg")
change_table = lazy.function("hoering.cli.tables", "change_table")
coverage_table = lazy.function("hoering.cli.tables", "coverage_table")
evaluation_tables = lazy.function("hoering.cli.tables", "evaluation_tables")
matrix_table = lazy.function("hoering.cli.matrix_table", "matrix_table")
positions_table = lazy.function("hoering.cli.tables", "positions_table")
recurrence_table = lazy.function("hoering.cli.tables", "recurrence_table")
render_report = lazy.function("hoering.report", "render_report")
plan_section = lazy.function("hoering.report", "plan_section")
selection = lazy.module("hoering.selection")
select = lazy.function("hoering.selection", "select")
plan_diff_frame = lazy.function("hoering.plan_diff", "plan_diff_frame")
link_positions = lazy.function("hoering.plan_links", "link_positions")
links_frame = lazy.function("hoering.plan_links", "links_frame")
section_matrix = lazy.function("hoering.plan_links", "section_matrix")
plan_view = lazy.module("hoering.plan_view")
plan_diff_table = lazy.function("hoering.plan_view", "plan_diff_table")
recurrence_scores_table = lazy.function("hoering.plan_view", "recurrence_scores_table")
section_table = lazy.function("hoering.plan_view", "section_table")
evaluate_recurrence = lazy.function("hoering.recurrence", "evaluate_recurrence")
recurrence_summary = lazy.function("hoering.recurrence", "recurrence_summary")
read_hearing_list = lazy.function("hoering.roster", "read_hearing_list")
roster_json = lazy.function("hoering.roster", "roster_json")
senders_frame = lazy.function("hoering.roster", "senders_frame")
survey = lazy.function("hoering.roster", "survey")
with_hearing_list = lazy.function("hoering.roster", "with_hearing_list")
write_manifest = lazy.function("hoering.roster", "write_manifest")
consulted_names = lazy.function("hoering.roster", "consulted_names")
senders_table = lazy.function("hoering.cli.tables", "senders_table")


@app.command("analyse", cls=PlainCommand)
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
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="What stdout gets: a table, the matrix as CSV, or everything as JSON."),
    ] = OutputFormat.table,
    stance: Annotated[
        StanceView, typer.Option("--stance", "-s", help="Table: one stance only, or all three side by side.")
    ] = StanceView.all,
    rules: RulesOption = None,
    model: ModelOption = "auto",
    excel: ExcelOption = False,
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
    hearing_list: HearingListOption = None,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Find positions, themes and stances in a folder of responses and print body x theme matrices."""
    with _errors(debug):
        if delimiter == "\\t":
            delimiter = "\t"
        if delimiter not in DELIMITERS:  # checked before the analysis, not after it
            raise UsageError(f"--delimiter must be ',', ';' or a tab ('\\t'), not {delimiter!r}")
        writer = csv_writer(excel, excel_csv, raw_csv)
        if plot is not None and plot.suffix.lower() != ".svg":
            raise UsageError(
                f"{plot}: --plot writes SVG only; name the file .svg "
                "(browsers show it; rsvg-convert or Inkscape turn it into PNG)"
            )
        plan_document, plan_names = plan_file(plan)
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, hearing_list, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, keep_tokens=plan_document is not None)  # plan links compare words
        result = select(result, selection_of(round_, plan_names, body, theme)).result
        written = write_csvs(result, out, delimiter=delimiter, writer=writer) if out is not None else []
        covered = links = plan_parts = None
        if plan_document is not None:
            document = read_plan(plan_document, result.rules, model)
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
            console.print(matrix_table(result, stance, console.width))
            if covered is not None:
                console.print(coverage_table(covered, f"Plan {document.title} x feedback"))
                console.print(section_table(document, links, f"Parts of {document.title} x bodies"))

        _emit(
            output_format,
            tables,
            lambda: result.matrix,
            lambda: to_json(result, plan_coverage=covered, plan_parts=plan_parts),
            delimiter,
            excel,
            raw_csv,
        )
        _warn_unredacted(result)
        if not quiet:
            _summarise(result, written)
    if strict and result.skipped:
        raise typer.Exit(int(ExitCode.SKIPPED_FILES))


@app.command("diff", cls=PlainCommand)
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
        typer.Option("--threshold", min=0, max=100, help="Score (0-100) a pair of positions needs to recur."),
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
    excel: ExcelOption = False,
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
        pipeline = LazyPipeline(model, loaded.segmentation)
        plans = [read_plan(p, loaded, pipeline) for p in plan or []]
        if len(plans) > 2:
            raise UsageError("--plan is given once (the plan) or twice (the old and the new version), not more")
        document = plans[-1] if plans else None
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files=no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            old = analysis.run(corpus, progress, loaded, pipeline)
            later = analysis.run(new, progress, loaded, pipeline) if new is not None else None
        result = diff(old, later, from_round=from_round, to_round=to_round, threshold=threshold, plan=document)
        written = write_diff_csvs(result, out, writer=csv_writer(excel, raw=raw_csv)) if out is not None else []
        versions = plan_diff_frame(plans[0], plans[1], result.new) if len(plans) == 2 else None
        if versions is not None and out is not None:
            written += write_tables({plan_view.PLAN_DIFF_CSV: versions}, out, csv_writer(excel, raw=raw_csv))

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

        _emit(output_format, tables, lambda: result.themes, as_json, excel=excel)
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


@app.command("rules", cls=PlainCommand)
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


@app.command("bodies", cls=PlainCommand)
def bodies_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    hearing_list: HearingListOption = None,
    rules: RulesOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="A table, one CSV row per sender, or JSON.")
    ] = OutputFormat.table,
    manifest: Annotated[
        Optional[Path],
        typer.Option(
            "--write-manifest", help="Write a manifest.csv (file, body, body_type) of the senders to correct."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --write-manifest file.")] = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List who answered: each sender with its type, files, how it was found, and whether it is in the registry."""
    with _errors(debug):
        loaded: Rules | Path | None = rules
        if hearing_list is not None:
            loaded = with_hearing_list(load_rules(rules), read_hearing_list(hearing_list))
        roster = survey(corpus, loaded)
        written = [write_manifest(roster, manifest, force=force)] if manifest is not None else []

        def tables(console: Console) -> None:
            console.print(senders_table(senders_frame(roster), roster.hearing_list))
            if roster.hearing_list:
                names = ", ".join(o.name for o in roster.unanswered)
                console.print(f"Did not answer ({len(roster.unanswered)}): {names}", markup=False)

        _emit(output_format, tables, lambda: senders_frame(roster), lambda: roster_json(roster))
        if not quiet:
            err = _stderr()
            for path in written:
                err.print(f"wrote {path}", markup=False)
            for sender in roster.not_in_registry:
                files = ", ".join(sender.files)
                err.print(f"not in the registry: {sender.body} ({files}); add it to organisations.csv", markup=False)
            unknown = [f.file for f in roster.files if f.found_by == "unknown" and not f.marked]
            for name in unknown:
                err.print(f"sender unknown: {name}", markup=False)
            answered = f" · {len(roster.unanswered)} on the hearing list did not answer" if roster.hearing_list else ""
            err.print(
                f"{len(roster.files)} files: {len(roster.senders)} senders, "
                f"{len(roster.not_in_registry)} not in the registry, {len(unknown)} unknown{answered}",
                markup=False,
            )


@app.command("evaluate", cls=PlainCommand)
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
    excel: ExcelOption = False,
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
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Score the analysis against hand-annotated gold positions, beside two simple baselines."""
    with _errors(debug):
        gold_path = gold if gold is not None else corpus / corpus_files.GOLD
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files=no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, corrections_by_default=False)
        gold_positions = read_gold(gold_path, documents_of(corpus), result.rules.codebook.themes)
        gold_positions = select_split(gold_positions, split, gold_path)
        evaluation = evaluate(result, gold_positions)
        written = write_evaluation(evaluation, out, csv_writer(excel)) if out is not None else []
        recurrence = None
        if pairs is not None:
            recurrence = evaluate_recurrence(pairs, result.rules, LazyPipeline(model, result.rules.segmentation))

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

        _emit(output_format, tables, lambda: theme_scores(evaluation), as_json, excel=excel)
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


@app.command("positions", cls=PlainCommand)
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
    excel: ExcelOption = False,
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
        loaded = load_rules(rules)
        themes = _theme_ids(theme, loaded)  # before the analysis: a typo costs no waiting
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, no_control_files=no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, rules=loaded, keep_tokens=False)
        narrowed = select(result, selection_of(round_, plan, body, themes)).result
        selected = select_positions(
            narrowed.positions, stances=[s.value for s in stance if s is not StanceView.all], docs=doc
        )
        _emit(
            output_format,
            lambda console: console.print(positions_table(selected, console.width)),
            lambda: selected,
            lambda: json_text(selected),
            excel=excel,
            raw_csv=raw_csv,
        )
        _warn_unredacted(result)
        if not quiet:
            for message in result.stale_corrections:
                _stderr().print(f"warning: {message}", markup=False)
            _stderr().print(f"{len(selected)} of {len(result.positions)} positions", markup=False)


@app.command("report", cls=PlainCommand)
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
    hearing_list: HearingListOption = None,
    no_control_files: NoControlFilesOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Draft a høringsnotat for one round: a Word document, HTML or Markdown; or an Excel workbook."""
    with _errors(debug):
        to_stdout = str(out) == STDOUT
        if not to_stdout and out.is_dir():
            raise UsageError(f"{out}: --out must be a file, and this is a folder")
        fmt = format_of(out, output_format.value if output_format else None)
        if to_stdout and fmt in ("xlsx", "docx") and sys.stdout.isatty():
            raise UsageError(f"--out - with --format {fmt} would print a file's bytes on the terminal; redirect it")
        if not to_stdout:
            refuse_overwriting_input([out], corpus)
        try:
            day = dt.date.fromisoformat(date) if date is not None else None
        except ValueError:
            raise UsageError(f"--date must be a date as YYYY-MM-DD, not '{date}'") from None
        analysis = Analysis.of(
            rules, model, corrections, no_redact, jobs, cache_dir, no_cache, dedupe, hearing_list, no_control_files
        )
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress)
        plan_document, plan_names = plan_file(plan)
        selected = select(result, selection_of(round_, plan_names, body, theme), default_round=selection.LATEST)
        extras = []
        if fmt == "xlsx" and len(selected.rounds or selected.all_rounds) >= 2 and not no_diff:
            extras = [diff_section(diff(selected.result), lang.value)]
        the_plan, links = None, []
        if plan_document is not None:
            the_plan = read_plan(plan_document, result.rules, model)
            links = link_positions(the_plan, selected.result.items)
        if fmt == "xlsx" and the_plan is not None:
            extras.insert(0, plan_section(the_plan, links, lang.value))
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


#: The --out value that means standard output.
STDOUT = "-"


def _theme_ids(given: list[str], rules: Rules) -> list[str]:
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


def theme_scores(evaluation: Evaluation) -> pd.DataFrame:
    """Per-theme precision, recall and F1 of every system, long format."""
    frames = [s.themes.assign(system=name) for name, s in evaluation.systems.items()]
    frame = pd.concat(frames, ignore_index=True)
    return frame[["system", "theme", "precision", "recall", "f1", "gold", "predicted"]].round(4)


def write_evaluation(evaluation: Evaluation, out: Path, writer: str = "csv") -> list[Path]:
    """Write the figures as JSON and CSV files into `out`."""
    tool = evaluation.systems[evaluation_module.TOOL]
    stance_frames = [s.stances.assign(system=name) for name, s in evaluation.systems.items()]
    stances = pd.concat(stance_frames, ignore_index=True)[["system", "stance", "precision", "recall", "f1", "gold"]]
    tables = {
        "theme_scores.csv": theme_scores(evaluation),
        "stance_scores.csv": stances.round(4),
        "confusion.csv": tool.confusion.rename_axis("gold").reset_index(),
    }
    return [
        *write_tables({"evaluation.json": evaluation.summary()}, out, writer="json"),
        *write_tables(tables, out, writer),
    ]


PLAN_CSV = "plan_coverage.csv"
