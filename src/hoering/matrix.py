"""Tables from positions: the positions frame and body x theme x stance matrices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from . import lazy, tally
from .bodies import normalise_name
from .models import (
    COL_BODY,
    COL_BODY_CONFIDENCE,
    COL_BODY_ID,
    COL_BODY_SOURCE,
    COL_BODY_TYPE,
    COL_CORRECTED,
    COL_COUNT,
    COL_DOC,
    COL_END,
    COL_PLAN,
    COL_POSITION,
    COL_ROUND,
    COL_SECTION,
    COL_STANCE,
    COL_STANCE_CUES,
    COL_STANCE_SCORE,
    COL_START,
    COL_TEXT,
    COL_THEME,
    COL_THEME_LIST,
    COL_THEME_TERMS,
    COL_THEMES,
    FILE_COLUMNS,
    MATRIX_COLUMNS,
    POSITION_COLUMNS,
    STANCES,
    Evidence,
    FileReport,
    Position,
)
from .rows import Rows

if TYPE_CHECKING:
    import pandas as pd

# Imported when a frame is first built: the CSV files are written from `Rows`, without pandas.
pd = lazy.module("pandas")

#: Positions per (body, theme, stance), as `tally.cells` counts them.
Counts = Mapping[tuple[str, str, str], int]

THEME_SEPARATOR = "|"
#: The order of the stance column's categories.
STANCE_ORDER = [s.value for s in STANCES]


def render_evidence(evidence: Sequence[Evidence]) -> str:
    """``label: matched [start:end] (note); ...`` grouped by label, in order."""
    return "; ".join(f"{e.label}: {e.render()}" for e in evidence)


def positions_rows(positions: Sequence[Position]) -> Rows:
    """One row per position, with the evidence behind every tag."""
    # Column by column: a dict per row would cost more memory than the positions themselves.
    columns: dict[str, list[Any]] = {
        COL_DOC: [p.doc_id for p in positions],
        COL_BODY: [p.body for p in positions],
        COL_BODY_TYPE: [p.body_type for p in positions],
        COL_BODY_ID: [p.body_id for p in positions],
        COL_BODY_SOURCE: [p.body_source for p in positions],
        COL_BODY_CONFIDENCE: [p.body_confidence for p in positions],
        COL_ROUND: [p.round for p in positions],
        COL_PLAN: [p.plan for p in positions],
        COL_SECTION: [p.section for p in positions],
        COL_POSITION: [p.index for p in positions],
        COL_START: [p.start for p in positions],
        COL_END: [p.end for p in positions],
        COL_TEXT: [p.text for p in positions],
        COL_THEMES: [THEME_SEPARATOR.join(p.theme_ids) for p in positions],
        COL_THEME_TERMS: [render_evidence(p.themes) for p in positions],
        COL_STANCE: [p.stance.stance.value for p in positions],
        COL_STANCE_SCORE: [p.stance.score for p in positions],
        COL_STANCE_CUES: [render_evidence(p.stance.cues) for p in positions],
        COL_CORRECTED: [p.corrected for p in positions],
    }
    # Ordered as the codebook orders stances, so a notebook sorts support, concern, demand, neutral.
    return Rows({c: columns[c] for c in POSITION_COLUMNS}, categories={COL_STANCE: STANCE_ORDER})


def positions_frame(positions: Sequence[Position]) -> pd.DataFrame:
    """One row per position, with the evidence behind every tag, and the themes also as a list (`theme_list`)."""
    frame = positions_rows(positions).frame()
    frame[COL_BODY_CONFIDENCE] = frame[COL_BODY_CONFIDENCE].astype("float64")
    frame[COL_THEME_LIST] = [list(p.theme_ids) for p in positions]
    return frame


def matrix_long_rows(positions: Sequence[Position], theme_ids: Sequence[str], counts: Counts | None = None) -> Rows:
    """Tidy counts: every body x theme x stance, zeros included.

    A position with two themes counts once under each; bodies are told apart by
    their id (`tally.body_key`); `counts`, when given, are the positions'
    `tally.cells`, counted once for all tables.
    """
    counts = tally.cells(tally.rows(positions)) if counts is None else counts
    rows = [
        (body, body_type, theme, stance.value, counts.get((key, theme, stance.value), 0))
        for key, (body, body_type) in tally.names(positions).items()
        for theme in theme_ids
        for stance in STANCES
    ]
    return Rows(
        {name: [row[i] for row in rows] for i, name in enumerate(MATRIX_COLUMNS)}, categories={COL_STANCE: STANCE_ORDER}
    )


def matrix_long(positions: Sequence[Position], theme_ids: Sequence[str]) -> pd.DataFrame:
    """Tidy counts: every body x theme x stance, zeros included.

    A position with two themes counts once under each.
    """
    frame = matrix_long_rows(positions, theme_ids).frame()
    if frame.empty:  # no positions: the stance column categorical all the same
        frame[COL_STANCE] = pd.Categorical(frame[COL_STANCE], categories=STANCE_ORDER, ordered=True)
    return frame.astype({COL_COUNT: "int64"})


def wide_column(theme: str, stance: str) -> str:
    return f"{theme}_{stance}"


def matrix_wide(long: pd.DataFrame, theme_ids: Sequence[str]) -> pd.DataFrame:
    """One row per body, one column per theme x stance."""
    columns = [wide_column(t, s.value) for t in theme_ids for s in STANCES]
    if long.empty:
        return pd.DataFrame(columns=[COL_BODY, COL_BODY_TYPE, *columns])
    keyed = long.assign(column=[wide_column(t, s) for t, s in zip(long[COL_THEME], long[COL_STANCE])])
    # Summed: two bodies of one name and type (told apart by id in the long form) share a row here.
    wide = keyed.pivot_table(index=[COL_BODY, COL_BODY_TYPE], columns="column", values=COL_COUNT, aggfunc="sum")
    wide = wide.reindex(columns=columns, fill_value=0).reset_index()
    wide.columns.name = None
    order = sorted(range(len(wide)), key=lambda i: str(wide.loc[i, COL_BODY]).casefold())
    return wide.iloc[order].reset_index(drop=True)


def matrix_wide_rows(positions: Sequence[Position], theme_ids: Sequence[str], counts: Counts | None = None) -> Rows:
    """`matrix_wide` of the positions' `matrix_long`, as rows: one per body, one column per theme x stance."""
    counts = tally.cells(tally.rows(positions)) if counts is None else counts
    # As the frame orders them: by name, then by name whatever its case (a stable sort).
    # Summed as `matrix_wide` sums: two bodies of one name and type (told apart by id) share a row.
    keys: dict[tuple[str, str], list[Any]] = {}
    for key, named in tally.names(positions).items():
        keys.setdefault(named, []).append(key)
    bodies = sorted(sorted(keys), key=lambda kv: kv[0].casefold())
    columns: dict[str, list[Any]] = {COL_BODY: [b for b, _ in bodies], COL_BODY_TYPE: [t for _, t in bodies]}
    for theme in theme_ids:
        for stance in STANCES:
            columns[wide_column(theme, stance.value)] = [
                sum(counts.get((k, theme, stance.value), 0) for k in keys[body]) for body in bodies
            ]
    return Rows(columns)


def files_rows(files: Sequence[FileReport]) -> Rows:
    """One row per input file: read or skipped, and why."""
    rows = [
        (
            f.path,
            f.status.value,
            f.reason,
            f.doc_id,
            f.format,
            THEME_SEPARATOR.join(f.bodies),
            f.body_source,
            f.positions,
            f.duplicate_of,
            f.redacted_text(),
            f.body_id,
            f.body_evidence,
            "" if f.body_confidence is None else f"{f.body_confidence:.2f}",
            "" if f.in_registry is None else ("yes" if f.in_registry else "no"),
        )
        for f in files
    ]
    return Rows({name: [row[i] for row in rows] for i, name in enumerate(FILE_COLUMNS)})


def files_frame(files: Sequence[FileReport]) -> pd.DataFrame:
    """One row per input file: read or skipped, and why."""
    return files_rows(files).frame()


def select_positions(
    frame: pd.DataFrame,
    themes: Sequence[str] = (),
    stances: Sequence[str] = (),
    bodies: Sequence[str] = (),
    docs: Sequence[str] = (),
) -> pd.DataFrame:
    """Rows of a positions frame with any of the themes, stances, bodies and documents given.

    Bodies match whatever their spelling of case, spaces and hyphens; an empty
    selector selects everything.
    """
    keep = pd.Series(True, index=frame.index)
    if themes:
        wanted = set(themes)
        keep &= frame[COL_THEMES].map(lambda value: bool(wanted & set(value.split(THEME_SEPARATOR))))
    if stances:
        keep &= frame[COL_STANCE].isin(list(stances))
    if bodies:
        names = {normalise_name(b) for b in bodies}
        keep &= frame[COL_BODY].map(lambda body: normalise_name(body) in names)
    if docs:
        keep &= frame[COL_DOC].isin(list(docs))
    return frame[keep].reset_index(drop=True)


def select_items(
    positions: Sequence[Position], stances: Sequence[str] = (), docs: Sequence[str] = ()
) -> list[Position]:
    """The positions with any of the stances and in any of the documents given, as `select_positions` picks rows.

    An empty selector selects everything; no frame is made (and no pandas imported).
    """
    wanted_stances, wanted_docs = set(stances), set(docs)
    return [
        p
        for p in positions
        if (not wanted_stances or p.stance.stance.value in wanted_stances)
        and (not wanted_docs or p.doc_id in wanted_docs)
    ]
