"""The body x theme matrix for the terminal: what `analyse` prints, so it imports neither pandas nor
the modules behind the other commands' tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .. import tally
from ..models import OPINION_STANCES, Stance
from ..safe import plain_block
from ..textfit import longest_word
from .options import StanceView

if TYPE_CHECKING:
    from ..result import Result

STANCE_STYLE = {Stance.SUPPORT: "green", Stance.CONCERN: "red", Stance.DEMAND: "yellow", Stance.NEUTRAL: "dim"}


def _t(text: object) -> str:
    """Text from the input for a Rich cell: shown as written ("[sic]", "Fag[/]MED"), no control characters."""
    return escape(plain_block(str(text)))


def matrix_table(
    result: Result, view: StanceView = StanceView.all, width: int = 200, labels: Mapping[str, str] | None = None
) -> Table | Group:
    """Bodies x themes; cells count positions by stance.

    Bodies are rows and themes columns when that fits in `width` characters;
    otherwise the table is turned, themes as rows, with body names wrapped only
    between words; when even that does not fit, the body columns are numbered
    and the caption says which body each number is; with more bodies than
    `width` holds, they are shown in several tables of numbered columns.
    """
    stances = OPINION_STANCES if view is StanceView.all else (Stance(view.value),)
    wanted = {s.value for s in stances}
    # Counted as the matrix counts (`result.matrix` holds the same figures, but needs pandas).
    # Keyed by body id in the tally; shown by name (two bodies of one name share a row, as in matrix_wide).
    shown = tally.names(result.items)
    counts: dict[tuple[str, str, str], int] = {}
    for (key, theme, stance), n in result.counts.items():
        if stance in wanted:
            named = (shown[key][0], theme, stance)
            counts[named] = counts.get(named, 0) + n
    ids = [t for t in result.rules.codebook.ids if any(c for (_, th, _), c in counts.items() if th == t)]
    # A theme is shown by its label when asked (`--labels`); the counts stay keyed by id.
    names = {t: (labels or {}).get(t, t) for t in ids}
    counts = {(b, names.get(t, t), s): c for (b, t, s), c in counts.items()}
    themes = [names[t] for t in ids]
    bodies = list(result.bodies)

    def cell(body: str, theme: str) -> str:
        values = [counts.get((body, theme, s.value), 0) for s in stances]
        if not any(values):
            return "[dim]·[/]"
        return "/".join(f"[{STANCE_STYLE[s]}]{v}[/]" if v else "[dim]0[/]" for s, v in zip(stances, values))

    cell_width = 2 * len(stances) + 1
    theme_width = max((len(t) for t in themes), default=5)
    needed = max((len(b) for b in bodies), default=4) + sum(max(len(t), cell_width) + 3 for t in themes) + 4
    turned = needed > width
    wrapped = theme_width + sum(max(longest_word(b), cell_width) + 3 for b in bodies) + 4
    keyed = turned and wrapped > width
    if view is StanceView.all:
        legend = "cells: [green]support[/] / [red]concern[/] / [yellow]demand[/] (number of positions)"
    else:
        legend = f"cells: number of [{STANCE_STYLE[stances[0]]}]{stances[0].value}[/] positions"
    if keyed:
        legend += "; bodies: " + ", ".join(f"{n} {escape(b)}" for n, b in enumerate(bodies, start=1))
    if keyed:
        return _keyed_matrix(themes, bodies, cell, legend, width)
    table = Table(
        title="Themes x bodies" if turned else "Bodies x themes",
        title_justify="left",
        caption=legend,
        caption_justify="left",
    )
    rows, columns = (themes, bodies) if turned else (bodies, themes)
    table.add_column("theme" if turned else "body", no_wrap=True)
    for column in columns:
        # A name wraps between its words, never inside one ("Fagforenin" / "g").
        table.add_column(_t(column), justify="center", no_wrap=not turned, min_width=longest_word(column))
    for row in rows:
        table.add_row(_t(row), *(cell(c, row) if turned else cell(row, c) for c in columns))
    if not themes:
        table.add_column("(no theme found)")
    return table


def _keyed_matrix(themes: list[str], bodies: list[str], cell, legend: str, width: int) -> Table | Group:
    """Themes as rows, bodies as numbered columns, in as many tables as `width` needs."""
    cells = {(b, t): cell(b, t) for b in bodies for t in themes}
    cell_width = max((len(Text.from_markup(c).plain) for c in cells.values()), default=1)
    theme_width = max((len(t) for t in themes), default=5)
    per_table = max(1, (width - theme_width - 4) // (max(cell_width, len(str(len(bodies)))) + 3))
    tables = []
    for first in range(0, len(bodies), per_table):
        shown = list(enumerate(bodies, start=1))[first : first + per_table]
        table = Table(title="Themes x bodies" if first == 0 else None, title_justify="left")
        table.add_column("theme", no_wrap=True)
        for n, _ in shown:
            table.add_column(str(n), justify="center", no_wrap=True, min_width=cell_width)
        for theme in themes:
            table.add_row(theme, *(cells[(b, theme)] for _, b in shown))
        tables.append(table)
    return Group(*tables, Text.from_markup(legend))  # the legend in the full width, not the last table's
