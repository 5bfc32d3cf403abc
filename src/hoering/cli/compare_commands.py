"""`hoering diff` and `hoering evaluate`: an analysis set against another round, or against gold."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import lazy
from ..errors import UsageError
from ..models import DEFAULT_THRESHOLD
from .console import _errors, _progress, _stderr, _warn_unredacted, guard_outputs
from .groups import Output, analysis_options, output_options
from .options import Analysis, DebugOption, MkdirOption, QuietOption

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from ..evaluate import Evaluation

# The library behind the commands, imported when a command runs (see `analyse_commands`).
load_rules = lazy.function("hoering.rules", "load_rules")
LazyPipeline = lazy.function("hoering.nlp", "LazyPipeline")
corpus_files = lazy.module("hoering.corpus")
pd = lazy.module("pandas")
evaluation_module = lazy.module("hoering.evaluate")
diff = lazy.function("hoering.diff", "diff")
disagreements = lazy.function("hoering.disagreements", "disagreements")
documents_of = lazy.function("hoering.evaluate", "documents_of")
evaluate = lazy.function("hoering.evaluate", "evaluate")
read_gold = lazy.function("hoering.evaluate", "read_gold")
select_split = lazy.function("hoering.evaluate", "select_split")
diff_to_json = lazy.function("hoering.export", "diff_to_json")
json_text = lazy.function("hoering.export", "json_text")
write_diff_csvs = lazy.function("hoering.export", "write_diff_csvs")
write_tables = lazy.function("hoering.export", "write_tables")
read_plan = lazy.function("hoering.plan", "read_plan")
change_table = lazy.function("hoering.cli.tables", "change_table")
coverage_table = lazy.function("hoering.cli.tables", "coverage_table")
evaluation_tables = lazy.function("hoering.cli.tables", "evaluation_tables")
recurrence_table = lazy.function("hoering.cli.tables", "recurrence_table")
plan_diff_frame = lazy.function("hoering.plan_diff", "plan_diff_frame")
plan_view = lazy.module("hoering.plan_view")
plan_diff_table = lazy.function("hoering.plan_view", "plan_diff_table")
recurrence_scores_table = lazy.function("hoering.plan_view", "recurrence_scores_table")
evaluate_recurrence = lazy.function("hoering.recurrence", "evaluate_recurrence")
recurrence_summary = lazy.function("hoering.recurrence", "recurrence_summary")

EvaluateCorrections = Annotated[
    Optional[Path],
    typer.Option("--corrections", help="Apply this corrections file before scoring (none by default)."),
]


@output_options("What stdout gets: tables, the theme changes as CSV, or everything as JSON.")
@analysis_options()
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
    *,
    output: Output,
    analysis: Analysis,
    mkdir: MkdirOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Compare two rounds: changes per theme and body, and recurring, new and dropped positions."""
    with _errors(debug):
        guard_outputs([corpus, new], [out], [], mkdir, command="diff")
        loaded = load_rules(analysis.rules, lazy=True)  # the stance rules only if a file is not cached
        pipeline = LazyPipeline(analysis.model, loaded.segmentation)
        plans = [read_plan(p, loaded, pipeline) for p in plan or []]
        if len(plans) > 2:
            raise UsageError("--plan is given once (the plan) or twice (the old and the new version), not more")
        document = plans[-1] if plans else None
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            old = analysis.run(corpus, progress, loaded, pipeline)
            later = analysis.run(new, progress, loaded, pipeline) if new is not None else None
        result = diff(old, later, from_round=from_round, to_round=to_round, threshold=threshold, plan=document)
        written = write_diff_csvs(result, out, writer=output.writer()) if out is not None else []
        versions = plan_diff_frame(plans[0], plans[1], result.new) if len(plans) == 2 else None
        if versions is not None and out is not None:
            written += write_tables({plan_view.PLAN_DIFF_CSV: versions}, out, output.writer())

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

        output.emit(tables, lambda: result.themes, as_json)  # --raw-csv on stdout as in the files
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


@output_options("Tables, or the figures as JSON ('csv' prints the per-theme scores).", raw_csv=False)
@analysis_options(corrections=EvaluateCorrections)
def evaluate_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses the gold file annotates.", show_default=False)],
    gold: Annotated[
        Optional[Path], typer.Option("--gold", "-g", help="Gold CSV (default: gold.csv in the corpus folder).")
    ] = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out",
            "-o",
            help="Write evaluation.json, theme_scores.csv, stance_scores.csv, confusion.csv and disagreements.csv here.",
        ),
    ] = None,
    pairs: Annotated[
        Optional[Path],
        typer.Option(
            "--pairs", help="Also measure matching across rounds on this pairs gold (devset/recurrence/pairs.csv)."
        ),
    ] = None,
    split: Annotated[
        Optional[str],
        typer.Option("--split", help="Score only the gold rows whose split column is this (tune, test)."),
    ] = None,
    *,
    output: Output,
    analysis: Analysis,
    mkdir: MkdirOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Score the analysis against hand-annotated gold positions, beside two simple baselines."""
    with _errors(debug):
        guard_outputs([corpus], [out], [], mkdir, command="evaluate")
        gold_path = gold if gold is not None else corpus / corpus_files.GOLD
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            result = analysis.run(corpus, progress, corrections_by_default=False)
        gold_positions = read_gold(gold_path, documents_of(corpus), result.rules.codebook.themes)
        gold_positions = select_split(gold_positions, split, gold_path)
        evaluation = evaluate(result, gold_positions)
        written = write_evaluation(evaluation, out, output.writer()) if out is not None else []
        recurrence = None
        if pairs is not None:
            pipeline = LazyPipeline(analysis.model, result.rules.segmentation)
            recurrence = evaluate_recurrence(pairs, result.rules, pipeline)

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

        output.emit(tables, lambda: theme_scores(evaluation), as_json)
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
        "disagreements.csv": disagreements(evaluation),
    }
    return [
        *write_tables({"evaluation.json": evaluation.summary()}, out, writer="json"),
        *write_tables(tables, out, writer),
    ]
