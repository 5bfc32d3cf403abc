"""Rich tables of results for the terminal; the CSV and JSON outputs hold the same data whole."""

from __future__ import annotations

import pandas as pd
from rich.markup import escape
from rich.table import Table

from ..diff import COL_CHANGE, COL_FROM, COL_STATUS, COL_TO, Diff, Recurrence
from ..evaluate import STANCE_BASELINE, THEME_BASELINE, TOOL, Evaluation
from ..models import COL_BODY, COL_COUNT, COL_STANCE, COL_THEME, OPINION_STANCES, Stance
from ..plan import COL_COVERAGE, COL_FEEDBACK, COL_PLAN_SECTIONS, COL_PLAN_SENTENCES, Coverage
from ..result import Result
from ..safe import plain, plain_block
from .options import StanceView

STANCE_STYLE = {Stance.SUPPORT: "green", Stance.CONCERN: "red", Stance.DEMAND: "yellow", Stance.NEUTRAL: "dim"}


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
            f"{_t(row.doc)}\n#{row.position} [{row.char_start}:{row.char_end}]", _t(row.body),
            f"[{style}]{row.stance}[/] {row.stance_score:g}{mark}\n{_t(row.themes)}", _t(row.text), _t(evidence),
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
        table.add_column(_t(column), justify="center", no_wrap=not turned, overflow="fold")
    for row in rows:
        table.add_row(_t(row), *(cell(c, row) if turned else cell(row, c) for c in columns))
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
            _t(body),
            _t("\n".join(_short(plain(t), text_width) for t in texts)),
            end_section=bool(recurring) and row is recurring[-1],
        )
    return table


BODY_WIDTH = 24


def _t(text: object) -> str:
    """Text from the input for a Rich cell: shown as written ("[sic]", "Fag[/]MED"), no control characters."""
    return escape(plain_block(str(text)))


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
