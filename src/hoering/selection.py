"""Which part of a corpus a command looks at: rounds, plans, bodies and themes.

`report`, `analyse` and `positions` share these filters. A `Selection` is
checked against what the corpus holds (an unknown round, plan, body or theme
is a one-line error naming the known ones) and applied to a `Result`: the
positions outside it are dropped and the matrices counted again; the account
of every file stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .bodies import normalise_name
from .errors import UsageError
from .models import Position
from .result import Result

#: `--round latest` (the default of `report`): the last round of the corpus.
LATEST = "latest"
#: `--round all`: every round.
ALL = "all"


@dataclass(frozen=True)
class Selection:
    """The filters of a command; an empty tuple selects everything.

    Attributes:
        rounds: round names from the metadata, or `LATEST` / `ALL`.
        plans: plan names from the metadata, whole or a part that names one plan, any case.
        bodies: body names, any spelling of case, spaces and hyphens.
        themes: theme ids of the codebook.
    """

    rounds: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.rounds or self.plans or self.bodies or self.themes)


@dataclass(frozen=True)
class Selected:
    """A result narrowed to a selection, and what the selection came to.

    Attributes:
        result: the result with only the selected positions (files all kept).
        rounds: the rounds the selection covers, in order (empty: all, or the corpus has none).
        all_rounds: every round of the corpus, in order.
        latest: True when the round was not given and the last one was taken.
        plans: the plans of the selected positions.
        bodies: the selected bodies (empty: all).
        themes: the selected theme ids (empty: all).
    """

    result: Result
    rounds: tuple[str, ...]
    all_rounds: tuple[str, ...]
    latest: bool
    plans: tuple[str, ...]
    bodies: tuple[str, ...]
    themes: tuple[str, ...]

    @property
    def docs(self) -> tuple[str, ...]:
        """The responses with a position in the selection, in file order."""
        return tuple(dict.fromkeys(p.doc_id for p in self.result.items))


def round_key(name: str) -> tuple:
    """Sort key for round names: numbers as numbers, so 2021 < 2021b < 2023 and 9 < 10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", name))


def corpus_rounds(result: Result) -> tuple[str, ...]:
    """The rounds of a result's positions, in order (positions without a round left out)."""
    return tuple(sorted({p.round for p in result.items if p.round}, key=round_key))


def select(result: Result, selection: Selection, default_round: str | None = None) -> Selected:
    """Narrow `result` to `selection`.

    Args:
        result: what `analyse` found.
        selection: the filters.
        default_round: the round when the selection names none: `LATEST`, or
            None for every round.

    Raises:
        UsageError: a round, plan, body or theme the corpus does not hold.
    """
    all_rounds = corpus_rounds(result)
    wanted_rounds = selection.rounds or ((default_round,) if default_round else ())
    latest = not selection.rounds and default_round == LATEST
    rounds = _rounds(wanted_rounds, all_rounds)
    plans = _plans(selection.plans, sorted({p.plan for p in result.items if p.plan}))
    bodies = _bodies(selection.bodies, result.bodies)
    themes = _themes(selection.themes, result.rules.codebook.ids)

    def keep(p: Position) -> bool:
        return (
            (not rounds or p.round in rounds)
            and (not plans or p.plan in plans)
            and (not bodies or p.body in bodies)
            and (not themes or bool(set(p.theme_ids) & set(themes)))
        )

    items = tuple(p for p in result.items if keep(p))
    narrowed = result if len(items) == len(result.items) else _with_items(result, items)
    return Selected(
        narrowed,
        rounds=tuple(r for r in all_rounds if r in rounds),
        all_rounds=all_rounds,
        latest=latest and bool(rounds),
        plans=tuple(sorted({p.plan for p in items if p.plan})),
        bodies=tuple(sorted(bodies, key=str.casefold)),
        themes=tuple(themes),
    )


def _with_items(result: Result, items: tuple[Position, ...]) -> Result:
    return replace(result, items=items)  # the frames are counted again from the items when read


def _known(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(values) if values else "none"


def _rounds(wanted: tuple[str, ...], known: tuple[str, ...]) -> set[str]:
    if not wanted or ALL in wanted or not known:
        return set()
    chosen: set[str] = set()
    for name in wanted:
        if name == LATEST:
            chosen.add(known[-1])
        elif name in known:
            chosen.add(name)
        else:
            raise UsageError(f"--round: no responses in round '{name}' (rounds: {_known(known)}, or all, latest)")
    return chosen


def _plans(wanted: tuple[str, ...], known: list[str]) -> set[str]:
    chosen: set[str] = set()
    for name in wanted:
        key = name.casefold().strip()
        exact = [p for p in known if p.casefold() == key]
        partial = [p for p in known if key and key in p.casefold()]
        found = exact or partial
        if len(found) != 1:
            what = "names more than one plan" if found else "is no plan of the corpus"
            raise UsageError(f"--plan: '{name}' {what} (plans: {_known(known)})")
        chosen.add(found[0])
    return chosen


def _bodies(wanted: tuple[str, ...], known: tuple[str, ...]) -> set[str]:
    by_key = {normalise_name(b): b for b in known}
    chosen: set[str] = set()
    for name in wanted:
        if normalise_name(name) not in by_key:
            raise UsageError(f"--body: no positions of '{name}' (bodies: {_known(list(known))})")
        chosen.add(by_key[normalise_name(name)])
    return chosen


def _themes(wanted: tuple[str, ...], known: tuple[str, ...]) -> list[str]:
    unknown = [t for t in wanted if t not in known]
    if unknown:
        raise UsageError(f"unknown theme '{unknown[0]}' (known: {', '.join(known)})")
    return list(dict.fromkeys(wanted))
