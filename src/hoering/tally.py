"""The one place that counts body x theme x stance.

The matrix, the comparison of rounds, the plan's coverage, the report and the
evaluation all count the same way: a position (or gold position) with two
themes counts once under each. Positions count under their body's stable id
(`body_key`), so two spellings of one body are one body and one name shared
by two bodies stays two; `names` gives each key the name and type to show.
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


def body_key(position: Position) -> str:
    """The key the positions of one body share: its `body_id`; a body without one (unknown, or a
    private person while redacting, "Borger 1") by its name."""
    return position.body_id or f"name:{position.body}"


def rows(positions: Sequence[Position] | Iterable[Position]) -> Iterator[Row[str]]:
    """Each position as (body key, themes, stance value)."""
    return ((body_key(p), p.theme_ids, p.stance.stance.value) for p in positions)


def names(positions: Iterable[Position]) -> dict[str, tuple[str, str]]:
    """Each body key -> (name, body type) as the first of its positions shows them, ordered by name."""
    shown: dict[str, tuple[str, str]] = {}
    for p in positions:
        shown.setdefault(body_key(p), (p.body, p.body_type))
    return dict(sorted(shown.items(), key=lambda kv: (kv[1][0].casefold(), kv[0])))
