"""The `hoering` command: parse options, call the library, render the result."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from . import __version__
from .cache import ENV_DIR, default_dir
from .corpus import GOLD
from .diff import COL_CHANGE, COL_FROM, COL_STATUS, COL_TO, DEFAULT_THRESHOLD, Diff, Recurrence, diff, rounds
from .errors import ExitCode, HoeringError, UsageError
from .evaluate import (
    STANCE_BASELINE,
    THEME_BASELINE,
    TOOL,
    Evaluation,
    documents_of,
    evaluate,
    read_gold,
    select_split,
)
from .export import csv_text, diff_to_json, to_json, write_atomic, write_bytes_atomic, write_csvs, write_diff_csvs
from .matrix import select_positions
from .models import COL_BODY, COL_COUNT, COL_STANCE, COL_THEME, OPINION_STANCES, Stance
from .nlp import build_pipeline
from .pipeline import Result, analyse
from .plan import COL_COVERAGE, COL_FEEDBACK, COL_PLAN_SECTIONS, COL_PLAN_SENTENCES, Coverage, read_plan
from .plan import coverage as plan_coverage
from .report import format_of, heatmap_svg, render
from .report_diff import diff_section
from .rules import load_rules

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Read Danish consultation responses (høringssvar): who said what about which theme of a plan.",
)

NO_REDACTION_WARNING = (
    "warning: --no-redact: the output holds personal data (CPR numbers, names, addresses, phone numbers, "
    "e-mails) as written in the responses; do not share it"
)
# Options several commands share, declared once.
RulesOption = Annotated[
    Optional[Path],
    typer.Option("--rules", "-r", help="Folder with your own rules files; missing files come from the defaults."),
]
ModelOption = Annotated[
    str,
    typer.Option(
        "--model",
        "-m",
        help="'auto' (da_core_news_sm if installed, else blank), 'blank', or a spaCy model name or path.",
    ),
]
CorrectionsOption = Annotated[
    Optional[Path],
    typer.Option("--corrections", help="Corrections file (default: corrections.csv in the corpus folder, if any)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]


STANCE_STYLE = {Stance.SUPPORT: "green", Stance.CONCERN: "red", Stance.DEMAND: "yellow", Stance.NEUTRAL: "dim"}


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    xlsx = "xlsx"


class Language(str, Enum):
    da = "da"
    en = "en"


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
    rules: RulesOption = None,
    model: ModelOption = "auto",
    excel_csv: Annotated[
        bool, typer.Option("--excel-csv", help="Start CSV files with a UTF-8 byte order mark for Excel.")
    ] = False,
    delimiter: Annotated[
        str, typer.Option("--delimiter", "-d", help="CSV delimiter: ',' or ';' (Danish Excel) or a tab.")
    ] = ",",
    corrections: CorrectionsOption = None,
    no_redact: Annotated[
        bool,
        typer.Option(
            "--no-redact",
            help="Leave personal data (CPR numbers, names, addresses, phone numbers, e-mails) in the output as written.",
        ),
    ] = False,
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
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Processes analysing files at once (0: one per CPU core)."),
    ] = 1,
    cache_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--cache-dir",
            help=f"Folder for per-file results (default: ${ENV_DIR}, else the user cache folder, ~/.cache/hoering).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Analyse every file afresh; read and write no cache.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit with {int(ExitCode.SKIPPED_FILES)} if any file was skipped.")
    ] = False,
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Count a file whose text and metadata repeat an earlier file's once.")
    ] = False,
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
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analyse(
                corpus,
                rules=rules,
                model=model,
                progress=progress,
                corrections=corrections,
                keep_tokens=False,
                redact=not no_redact,
                dedupe=dedupe,
                jobs=jobs,
                cache=None if no_cache else (cache_dir or default_dir()),
            )
        written = write_csvs(result, out, excel=excel_csv, delimiter=delimiter) if out is not None else []
        covered = None
        if plan is not None:
            document = read_plan(plan, result.rules, model)
            covered = plan_coverage(document, result.items, result.rules.codebook.ids)
            if out is not None:
                write_atomic(out / PLAN_CSV, csv_text(covered, delimiter), bom=excel_csv)
                written.append(out / PLAN_CSV)
        if plot is not None:
            write_atomic(plot, heatmap_svg(result, lang.value))
            written.append(plot)
        if output_format is OutputFormat.json:
            sys.stdout.write(to_json(result, plan_coverage=covered))
        elif output_format is OutputFormat.csv:
            sys.stdout.write(csv_text(result.matrix, delimiter))
        else:
            console = Console(highlight=False)
            console.print(matrix_table(result, stance, console.width))
            if covered is not None:
                console.print(coverage_table(covered, f"Plan {document.title} x feedback"))
        if not result.redaction:
            _stderr().print(NO_REDACTION_WARNING, markup=False)  # even with --quiet: it matters
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
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare two rounds: changes per theme and body, and recurring, new and dropped positions."""
    with _errors(debug):
        loaded = load_rules(rules)
        pipeline = build_pipeline(model, loaded.segmentation)
        document = read_plan(plan, loaded, pipeline) if plan is not None else None
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            old = analyse(corpus, rules=loaded, model=pipeline, progress=progress)
            later = analyse(new, rules=loaded, model=pipeline, progress=progress) if new is not None else None
        result = diff(old, later, from_round=from_round, to_round=to_round, threshold=threshold, plan=document)
        written = write_diff_csvs(result, out) if out is not None else []
        if output_format is OutputFormat.json:
            sys.stdout.write(diff_to_json(result))
        elif output_format is OutputFormat.csv:
            sys.stdout.write(csv_text(result.themes))
        else:
            console = Console(highlight=False)
            console.print(change_table(result))
            console.print(recurrence_table(result, console.width))
            if result.coverage is not None:
                console.print(coverage_table(result.coverage, f"Plan {result.plan.title} x feedback {result.to_round}"))
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
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analyse(corpus, rules=rules, model=model, progress=progress, corrections=corrections or False)
        gold_positions = read_gold(gold_path, documents_of(corpus), result.rules.codebook.ids)
        gold_positions = select_split(gold_positions, split, gold_path)
        evaluation = evaluate(result, gold_positions)
        written = write_evaluation(evaluation, out) if out is not None else []
        if output_format is OutputFormat.json:
            sys.stdout.write(json.dumps(evaluation.summary(), ensure_ascii=False, indent=2) + "\n")
        elif output_format is OutputFormat.csv:
            sys.stdout.write(csv_text(theme_scores(evaluation)))
        else:
            console = Console(highlight=False)
            for table in evaluation_tables(evaluation):
                console.print(table)
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
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List positions with the evidence behind their tags, to review and correct them."""
    with _errors(debug):
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analyse(corpus, rules=rules, model=model, progress=progress, corrections=corrections)
        unknown = sorted(set(theme) - set(result.rules.codebook.ids))
        if unknown:
            raise UsageError(f"unknown theme '{unknown[0]}' (known: {', '.join(result.rules.codebook.ids)})")
        selected = select_positions(
            result.positions, theme, [s.value for s in stance if s is not StanceView.all], body, doc
        )
        if output_format is OutputFormat.json:
            sys.stdout.write(
                json.dumps(
                    json.loads(selected.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=2
                )
                + "\n"
            )
        elif output_format is OutputFormat.csv:
            sys.stdout.write(csv_text(selected))
        else:
            Console(highlight=False).print(positions_table(selected))
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
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Draft a høringsnotat: one self-contained HTML file, Markdown, or an Excel workbook."""
    with _errors(debug):
        fmt = format_of(out, output_format.value if output_format else None)
        if out.is_dir():
            raise UsageError(f"{out}: --out must be a file, and this is a folder")
        try:
            day = dt.date.fromisoformat(date) if date is not None else None
        except ValueError:
            raise UsageError(f"--date must be a date as YYYY-MM-DD, not '{date}'") from None
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analyse(
                corpus, rules=rules, model=model, progress=progress, corrections=corrections, redact=not no_redact
            )
        extras = [diff_section(diff(result), lang.value)] if len(rounds(result)) >= 2 and not no_diff else []
        document = render(result, fmt, lang=lang.value, date=day, extra_sections=extras)
        if isinstance(document, bytes):
            write_bytes_atomic(out, document)
        else:
            write_atomic(out, document)
        if not quiet:
            _summarise(result, [out])


def positions_table(frame: pd.DataFrame) -> Table:
    """Positions with body, stance and the evidence behind every tag."""
    table = Table(title="Positions", title_justify="left", show_lines=True)
    table.add_column("doc · #", no_wrap=True)
    table.add_column("body")
    table.add_column("stance")
    table.add_column("text", ratio=3)
    table.add_column("evidence", ratio=2)
    for row in frame.itertuples(index=False):
        style = STANCE_STYLE[Stance(row.stance)]
        evidence = "\n".join(part.replace("; ", "\n") for part in (row.theme_terms, row.stance_cues) if part)
        mark = " ✎" if row.corrected else ""
        table.add_row(
            f"{row.doc}\n#{row.position} [{row.char_start}:{row.char_end}]", row.body,
            f"[{style}]{row.stance}[/] {row.stance_score:g}{mark}\n{row.themes}", escape(row.text), escape(evidence),
        )  # fmt: skip
    return table


def evaluation_tables(evaluation: Evaluation) -> list[Table]:
    """The headline figures, segmentation, per-theme and per-stance scores, confusion matrix."""
    head = Table(title="Accuracy against the gold standard", title_justify="left")
    for column in (
        "system",
        "theme micro-F1",
        "theme macro-F1",
        "stance accuracy",
        "matrix cells equal",
        "cells in both",
    ):
        head.add_column(column, justify="left" if column == "system" else "right")
    for name, s in evaluation.systems.items():
        head.add_row(
            name, f"{s.theme_micro_f1:.3f}", f"{s.theme_macro_f1:.3f}", f"{s.stance_accuracy:.3f}",
            f"{s.cell_agreement:.3f}", f"{s.cell_presence:.3f}",
        )  # fmt: skip
    seg = evaluation.segmentation
    head.caption = (
        f"segmentation: {seg.same} of {seg.gold} gold positions cut the same ({seg.agreement:.1%}); "
        f"{seg.split} split, {seg.merged} merged, {seg.shifted} shifted, {seg.missed} missed; "
        f"{seg.spurious} predicted positions outside any gold position. "
        f"Baselines: themes by label substrings, stance by AFINN."
    )
    head.caption_justify = "left"
    tool = evaluation.systems[TOOL]
    themes = Table(title="Themes (hoering)", title_justify="left")
    for column in ("theme", "precision", "recall", "F1", "gold", "predicted", f"F1 {THEME_BASELINE}"):
        themes.add_column(column, justify="left" if column == "theme" else "right")
    baseline = evaluation.systems[THEME_BASELINE].themes.set_index("theme")["f1"]
    for row in tool.themes.itertuples(index=False):
        themes.add_row(
            row.theme, f"{row.precision:.2f}", f"{row.recall:.2f}", f"{row.f1:.2f}", str(row.gold),
            str(row.predicted), f"{baseline[row.theme]:.2f}",
        )  # fmt: skip
    stances = Table(title="Stance (hoering): rows gold, columns predicted", title_justify="left")
    stances.add_column("gold \\ predicted")
    for column in tool.confusion.columns:
        stances.add_column(column, justify="right")
    for column in ("precision", "recall", "F1", f"F1 {STANCE_BASELINE}"):
        stances.add_column(column, justify="right")
    afinn_f1 = evaluation.systems[STANCE_BASELINE].stances.set_index("stance")["f1"]
    per_stance = tool.stances.set_index("stance")
    for stance, counts in tool.confusion.iterrows():
        row = per_stance.loc[stance]
        stances.add_row(
            str(stance), *(str(v) for v in counts), f"{row.precision:.2f}", f"{row.recall:.2f}", f"{row.f1:.2f}",
            f"{afinn_f1[stance]:.2f}",
        )  # fmt: skip
    return [head, themes, stances]


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
    files = {
        "evaluation.json": json.dumps(evaluation.summary(), ensure_ascii=False, indent=2) + "\n",
        "theme_scores.csv": csv_text(theme_scores(evaluation)),
        "stance_scores.csv": csv_text(stances.round(4)),
        "confusion.csv": csv_text(tool.confusion.rename_axis("gold").reset_index()),
    }
    written = []
    for name, text in files.items():
        write_atomic(out / name, text)
        written.append(out / name)
    return written


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


TREND_STYLE = {"appeared": "green", "disappeared": "red", "changed": "yellow", "same": "dim"}
RECURRENCE_STYLE = {Recurrence.RECURRING: "cyan", Recurrence.NEW: "green", Recurrence.DROPPED: "red"}


def change_table(result: Diff) -> Table:
    """Themes as rows: support/concern/demand in each round, the change, and whether the theme came or went."""
    table = Table(
        title=f"Themes {result.from_round} -> {result.to_round}",
        title_justify="left",
        caption="cells: [green]support[/] / [red]concern[/] / [yellow]demand[/] (number of positions)",
        caption_justify="left",
    )
    for column in ("theme", result.from_round, result.to_round, "change", "status"):
        table.add_column(column, justify="left" if column in ("theme", "status") else "center", no_wrap=True)
    frame = result.themes
    for theme in dict.fromkeys(frame[COL_THEME]):
        rows = frame[frame[COL_THEME] == theme]
        status = str(rows[COL_STATUS].iloc[0])
        table.add_row(
            theme,
            "/".join(str(v) for v in rows[COL_FROM]),
            "/".join(str(v) for v in rows[COL_TO]),
            "/".join(f"{v:+d}" if v else "0" for v in rows[COL_CHANGE]),
            f"[{TREND_STYLE[status]}]{status}[/]",
        )
    if frame.empty:
        table.add_column("(no opinion on any theme in either round)")
    return table


def recurrence_table(result: Diff, width: int = 120) -> Table:
    """Recurring pairs, both texts and their score, then new and dropped positions; one line per text.

    Texts are shortened to fit `width` characters; the CSV and JSON outputs hold them whole.
    """
    table = Table(
        title=f"Positions {result.from_round} -> {result.to_round} (threshold {result.matching.threshold:g})",
        title_justify="left",
    )
    rows = []
    for m in result.matches:
        sides = [(result.from_round, p) for p in (m.old,) if p is not None]
        sides += [(result.to_round, p) for p in (m.new,) if p is not None]
        body = _short(" -> ".join(dict.fromkeys(p.body for _, p in sides)), BODY_WIDTH)
        score = f"{m.score:.0f}" if m.status is Recurrence.RECURRING else ""
        rows.append((m, score, body, [f"{label}: {p.text}" for label, p in sides]))
    fixed = [len("recurring"), len("score"), max((len(r[2]) for r in rows), default=4)]
    text_width = max(20, width - sum(fixed) - (len(fixed) + 2) - 2 * (len(fixed) + 1))
    for column, justify in (("status", "left"), ("score", "right"), ("body", "left")):
        table.add_column(column, justify=justify, no_wrap=True)
    table.add_column("text", no_wrap=True)
    recurring = [r for r in rows if r[0].status is Recurrence.RECURRING]
    for row in rows:
        m, score, body, texts = row
        table.add_row(
            f"[{RECURRENCE_STYLE[m.status]}]{m.status.value}[/]",
            score,
            body,
            "\n".join(_short(t, text_width) for t in texts),
            end_section=bool(recurring) and row is recurring[-1],
        )
    return table


BODY_WIDTH = 24
PLAN_CSV = "plan_coverage.csv"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def coverage_table(frame: pd.DataFrame, title: str) -> Table:
    """Per theme: how much the plan says against how much feedback the responses give."""
    table = Table(
        title=title,
        title_justify="left",
        caption="plan: sections and sentences on the theme; feedback: positions, "
        "[green]support[/] / [red]concern[/] / [yellow]demand[/]",
        caption_justify="left",
    )
    for column in ("theme", "sections", "sentences", "positions", "s/c/d", "coverage"):
        table.add_column(column, justify="left" if column in ("theme", "coverage") else "right", no_wrap=True)
    style = {Coverage.BOTH.value: "dim", Coverage.PLAN_ONLY.value: "yellow", Coverage.FEEDBACK_ONLY.value: "red"}
    for row in frame.itertuples(index=False):
        values = row._asdict()
        status = str(values[COL_COVERAGE])
        table.add_row(
            str(values[COL_THEME]),
            str(values[COL_PLAN_SECTIONS]),
            str(values[COL_PLAN_SENTENCES]),
            str(values[COL_FEEDBACK]),
            "/".join(str(values[s.value]) for s in OPINION_STANCES),
            f"[{style[status]}]{status}[/]",
        )
    return table


def _summarise(result: Result, written: list[Path]) -> None:
    err = _stderr()
    summary = result.summary()
    for report in result.skipped:
        err.print(f"skipped {report.path}: {report.reason}", markup=False)
    for message in result.stale_corrections:
        err.print(f"warning: {message}", markup=False)
    for report in result.read:
        if report.reason:
            err.print(f"read {report.path}: {report.reason}", markup=False)
        if report.duplicate_of:
            err.print(
                f"duplicate {report.path}: same text as {report.duplicate_of} (--dedupe counts it once)", markup=False
            )
        if report.redacted:
            err.print(f"redacted {report.path}: {report.redacted_text()}", markup=False)
    for path in written:
        err.print(f"wrote {path}", markup=False)
    if result.cache_problem:
        err.print(f"warning: {result.cache_problem}", markup=False)
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


def main() -> None:
    """Console entry point."""
    app()
