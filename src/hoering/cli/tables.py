"""Rich tables of results for the terminal; the CSV and JSON outputs hold the same data whole."""

from __future__ import annotations

import pandas as pd
from rich.markup import escape
from rich.table import Table

from ..diff import COL_CHANGE, COL_FROM, COL_STATUS, COL_TO, Diff, Recurrence
from ..evaluate import STANCE_BASELINE, THEME_BASELINE, TOOL, Evaluation
from ..models import COL_THEME, OPINION_STANCES
from ..plan import COL_COVERAGE, COL_FEEDBACK, COL_PLAN_SECTIONS, COL_PLAN_SENTENCES, Coverage
from ..safe import plain
from .matrix_table import _t
from .matrix_table import matrix_table as matrix_table
from .position_table import positions_table as positions_table
from .position_table import theme_labels as theme_labels


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
    stances = Table(
        title=f"Stance (hoering): rows gold, columns predicted; stance model '{evaluation.stance_model(TOOL)}'",
        title_justify="left",
    )
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


TREND_STYLE = {"appeared": "green", "disappeared": "red", "changed": "yellow", "same": "dim"}


RECURRENCE_STYLE = {
    Recurrence.RECURRING: "cyan",
    Recurrence.MOVED: "magenta",
    Recurrence.NEW: "green",
    Recurrence.DROPPED: "red",
}


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
        score = f"{m.score:.0f}" if m.paired else ""
        rows.append((m, score, body, [f"{label}: {p.text}" for label, p in sides]))
    fixed = [len("recurring"), len("score"), max((len(r[2]) for r in rows), default=4)]
    text_width = max(20, width - sum(fixed) - (len(fixed) + 2) - 2 * (len(fixed) + 1))
    for column, justify in (("status", "left"), ("score", "right"), ("body", "left")):
        table.add_column(column, justify=justify, no_wrap=True)
    table.add_column("text", no_wrap=True)
    recurring = [r for r in rows if r[0].paired]
    for row in rows:
        m, score, body, texts = row
        table.add_row(
            f"[{RECURRENCE_STYLE[m.status]}]{m.status.value}[/]",
            score,
            _t(body),
            _t("\n".join(_short(plain(t), text_width) for t in texts)),
            end_section=bool(recurring) and row is recurring[-1],
        )
    return table


BODY_WIDTH = 24


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


def senders_table(frame: pd.DataFrame, hearing_list: bool = False) -> Table:
    """`hoering bodies`: one row per sender."""
    table = Table(title="Senders", title_justify="left")
    for column in ("body", "type", "files", "found by", "in registry", *(("on hearing list",) if hearing_list else ())):
        table.add_column(column)
    for row in frame.itertuples(index=False):
        cells = [
            row.body,
            row.body_type,
            str(len(row.files.split("|"))),
            row.found_by.replace("|", ", "),
            row.in_registry,
        ]
        table.add_row(*(escape(c) for c in cells), *((row.in_hearing_list,) if hearing_list else ()))
    return table
