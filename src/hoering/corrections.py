"""Corrections a user makes to positions, applied on every run.

A corrections file (CSV, ``corrections.csv`` in the corpus folder or given
with ``--corrections``) has one row per corrected position: ``doc``, ``text``
(the position's text as in positions.csv), optionally ``char_start`` and
``char_end``, then ``themes`` and/or ``stance`` and a free ``note``. A row
finds its position by document and text, so it survives a re-segmentation that
leaves the text as it was; where the text is not found, the offsets are tried.
An empty ``themes`` or ``stance`` keeps what the rules found; ``themes`` set to
``-`` removes all themes. A row that matches no position is reported, never
dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import HoeringError
from .fs import read_control_csv
from .models import Evidence, Position, Stance, StanceCall

CORRECTION_COLUMNS = ("doc", "char_start", "char_end", "text", "themes", "stance", "note")
NO_THEMES = "-"
CORRECTION_TERM = "correction"


class CorrectionsError(HoeringError):
    """The corrections file cannot be read or has a malformed row."""


@dataclass(frozen=True)
class Correction:
    source: str  # "corrections.csv:4", for evidence and reports
    doc: str
    text: str  # white space collapsed
    start: int | None
    end: int | None
    themes: frozenset[str] | None  # None: keep the themes the rules found
    stance: Stance | None  # None: keep the stance
    note: str


def _key(text: str) -> str:
    return " ".join(text.split())


def read_corrections(path: str | Path, theme_ids: Iterable[str]) -> list[Correction]:
    """Read and check a corrections file.

    Raises:
        CorrectionsError: the file is unreadable or a row is malformed.
    """
    path = Path(path)
    control = read_control_csv(path, "corrections file", CorrectionsError)
    columns = control.columns
    unknown = [c for c in columns if c not in CORRECTION_COLUMNS]
    if unknown or "doc" not in columns or ("text" not in columns and "char_start" not in columns):
        raise CorrectionsError(
            f"{path}:1: corrections need the columns doc, text (or char_start, char_end), themes, stance"
            + (f"; unknown column '{unknown[0]}'" if unknown else "")
        )
    known = set(theme_ids)
    return [_row(path, line, row, known) for line, row in control.rows()]


def _row(path: Path, line: int, row: dict[str, str], known: set[str]) -> Correction:
    where = f"{path.name}:{line}"
    raw_themes = (row.get("themes") or "").strip()
    themes: frozenset[str] | None = None
    if raw_themes == NO_THEMES:
        themes = frozenset()
    elif raw_themes:
        themes = frozenset(t.strip() for t in raw_themes.split("|") if t.strip())
        if themes - known:
            raise CorrectionsError(f"{path}:{line}: unknown theme '{sorted(themes - known)[0]}'")
    raw_stance = (row.get("stance") or "").strip()
    try:
        stance = Stance(raw_stance) if raw_stance else None
    except ValueError:
        raise CorrectionsError(f"{path}:{line}: unknown stance '{raw_stance}'") from None
    if themes is None and stance is None:
        raise CorrectionsError(f"{path}:{line}: the row corrects nothing (give themes and/or stance)")
    try:
        start = int(row["char_start"]) if (row.get("char_start") or "").strip() else None
        end = int(row["char_end"]) if (row.get("char_end") or "").strip() else None
    except ValueError:
        raise CorrectionsError(f"{path}:{line}: char_start and char_end must be whole numbers") from None
    text = _key(row.get("text") or "")
    if not text and start is None:
        raise CorrectionsError(f"{path}:{line}: give the position's text or its char_start and char_end")
    return Correction(
        where, (row.get("doc") or "").strip(), text, start, end, themes, stance, (row.get("note") or "").strip()
    )


def apply_corrections(
    positions: Sequence[Position], corrections: Sequence[Correction]
) -> tuple[list[Position], list[str]]:
    """Apply corrections; return the positions and one message per correction that matched nothing."""
    by_text: dict[tuple[str, str], list[int]] = {}
    by_span: dict[tuple[str, int, int], list[int]] = {}
    for i, p in enumerate(positions):
        by_text.setdefault((p.doc_id, _key(p.text)), []).append(i)
        by_span.setdefault((p.doc_id, p.start, p.end), []).append(i)
    result = list(positions)
    stale: list[str] = []
    for correction in corrections:
        hits = by_text.get((correction.doc, correction.text)) if correction.text else None
        if not hits and correction.start is not None and correction.end is not None:
            hits = by_span.get((correction.doc, correction.start, correction.end))
        if not hits:
            shown = correction.text[:60] or f"{correction.start}:{correction.end}"
            stale.append(f"{correction.source}: no position in '{correction.doc}' matches '{shown}' any more")
            continue
        for i in hits:
            result[i] = _corrected(result[i], correction)
    return result, stale


def _corrected(position: Position, correction: Correction) -> Position:
    note = f"corrected ({correction.source})" + (f": {correction.note}" if correction.note else "")
    themes = position.themes
    if correction.themes is not None:
        themes = tuple(
            Evidence(theme, CORRECTION_TERM, "", position.start, position.end, note)
            for theme in sorted(correction.themes)
        )
    stance = position.stance
    if correction.stance is not None:
        mark = Evidence(correction.stance.value, CORRECTION_TERM, "", position.start, position.end, note)
        stance = StanceCall(correction.stance, 1.0, (mark, *position.stance.cues))
    return replace(position, themes=themes, stance=stance, corrected=correction.source)
