"""The positions table `positions` prints, from plain rows or a frame: neither pandas nor the diff modules needed."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rich.table import Table

from ..models import Stance
from ..rows import Rows
from ..textfit import longest_word, shorten_name
from .matrix_table import STANCE_STYLE, _t

if TYPE_CHECKING:
    import pandas as pd

#: Below this many columns the evidence goes under the text instead of beside it.
WIDE = 120


def theme_labels(themes: Iterable[Any], lang: str = "da") -> dict[str, str]:
    """Theme id -> its label in `lang` (``da`` or ``en``), for tables that show themes by label."""
    return {t.id: getattr(t, f"label_{lang}", "") or t.id for t in themes}


def positions_table(frame: pd.DataFrame | Rows, width: int = 200, labels: Mapping[str, str] | None = None) -> Table:
    """Positions with body, stance and the evidence behind every tag, fitted to `width` columns.

    `frame` holds the columns of positions.csv (`hoering.matrix.positions_rows`, or its frame).
    Long file names are shortened (start and suffix kept), body names wrap only
    between words, and below `WIDE` columns the evidence goes under the text, so
    the text keeps most of the width.
    """
    columns = frame.columns if isinstance(frame, Rows) else frame
    table = Table(title="Positions", title_justify="left", show_lines=True)
    names = [str(d) for d in columns["doc"]] if len(frame) else []
    doc_width = min(max((len(n) for n in names), default=8), max(14, width // (6 if width < WIDE else 5)))
    bodies = [str(b) for b in columns["body"]] if len(frame) else []
    body_width = min(max((longest_word(b) for b in bodies), default=4), 16)
    table.add_column("doc · #", no_wrap=True, max_width=doc_width)
    table.add_column("body", min_width=body_width, max_width=max(body_width, 20))
    table.add_column("stance", no_wrap=width >= WIDE, max_width=24 if width >= WIDE else 15)
    table.add_column("text", ratio=3, min_width=20)
    if width >= WIDE:
        table.add_column("evidence", ratio=2)
    for row in _records(frame):
        style = STANCE_STYLE[Stance(row.stance)]
        evidence = "\n".join(part.replace("; ", "\n") for part in (row.theme_terms, row.stance_cues) if part)
        mark = " ✎" if row.corrected else ""
        ids = [t for t in str(row.themes).split("|") if t]
        themes = ", ".join(labels.get(t, t) for t in ids) if labels else " ".join(ids)
        cells = [
            f"{_t(shorten_name(str(row.doc), doc_width))}\n#{row.position} [{row.char_start}:{row.char_end}]",
            _t(row.body),
            f"[{style}]{row.stance}[/] {row.stance_score:g}{mark}\n{_t(themes)}",
        ]
        if width >= WIDE:
            cells += [_t(row.text), _t(evidence)]
        else:
            cells.append(_t(row.text) + (f"\n[dim]{_t(evidence)}[/]" if evidence else ""))
        table.add_row(*cells)
    return table


def _records(frame: pd.DataFrame | Rows) -> Iterator[Any]:
    """The rows of `frame` as named tuples, by column name."""
    if not isinstance(frame, Rows):
        yield from frame.itertuples(index=False)
        return
    record = namedtuple("Row", frame.names)  # type: ignore[misc]
    yield from map(record._make, zip(*frame.columns.values()))
