"""The one place that counts body x theme x stance.

The matrix, the comparison of rounds, the plan's coverage, the report and the
evaluation all count the same way: a position (or gold position) with two
themes counts once under each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from .models import Position

S = TypeVar("S")
#: (body, themes, stance) of one position.
Row = tuple[str, Iterable[str], S]


def cells(rows: Iterable[Row[S]]) -> Counter[tuple[str, str, S]]:
    """Counts per (body, theme, stance); a row counts once under each of its themes."""
    return Counter((body, theme, stance) for body, themes, stance in rows for theme in themes)


def rows(positions: Sequence[Position] | Iterable[Position]) -> Iterator[Row[str]]:
    """Each position as (body, themes, stance value)."""
    return ((p.body, p.theme_ids, p.stance.stance.value) for p in positions)
