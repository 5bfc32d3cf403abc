"""`Result`, what an analysis returns, and the corpus-level step that makes it.

The stages work document by document; what needs the whole corpus (private
persons numbered across files, bodies per file, corrections, the frames)
happens here, once every document is analysed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import matrix, tally
from .corpus import CORRECTIONS
from .corrections import apply_corrections, read_corrections
from .errors import CorpusError
from .models import UNKNOWN_BODY, FileReport, FileStatus, PersonalData, Position
from .redact import Redactor, citizen_id, citizen_identities, rename_citizens
from .rows import Rows
from .rules import Rules

if TYPE_CHECKING:
    import pandas as pd

#: Bodies named in a result's repr; the rest are counted.
REPR_BODIES = 8


@dataclass(frozen=True)
class Result:
    """What `analyse` found: positions, matrices, and an account of every file.

    The frames (`positions`, `matrix`, `matrix_wide`, `files_frame()`) are made
    from `items` and `files` when first read: a run that only writes CSV files
    never imports pandas.
    """

    items: tuple[Position, ...]
    files: tuple[FileReport, ...]
    rules: Rules
    model: str
    corpus: str
    corrections: str = ""  # the corrections file applied, if any
    stale_corrections: tuple[str, ...] = ()  # corrections that matched no position
    redaction: bool = True  # False: the texts hold personal data as written
    cached: int | None = None  # documents whose results came from the cache; None: no cache used
    cache_problem: str = ""  # why results could not be stored in the cache, if they could not
    control_files: tuple[str, ...] = ()  # the control files applied: "using manifest.csv: 1 row"
    controls: tuple[FileReport, ...] = ()  # the same files as files.csv lists them (status "control")
    # "Borger N" -> an opaque identity of the person (see `redact.citizen_identities`), to number across corpora.
    citizens: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    stance_model: str = "rules"  # the name of the StanceModel that scored the positions

    def __repr__(self) -> str:
        """A few lines a notebook shows for `r`: counts, rounds and bodies, never the texts."""
        bodies = self.bodies
        shown = ", ".join(bodies[:REPR_BODIES]) + (
            f", … ({len(bodies) - REPR_BODIES} more)" if len(bodies) > REPR_BODIES else ""
        )
        rounds = sorted({p.round for p in self.items if p.round})
        with_theme = sum(1 for p in self.items if p.theme_ids)
        return (
            f"<hoering.Result {self.corpus}: {len(self.files)} files ({len(self.read)} read, {len(self.skipped)} skipped), "
            f"{len(self.items)} positions ({with_theme} with a theme)\n"
            f"  rounds: {', '.join(rounds) or 'none'}\n"
            f"  bodies ({len(bodies)}): {shown or 'none'}\n"
            f"  model {self.model}; {'redacted' if self.redaction else 'NOT redacted'}; "
            f"see .positions, .matrix, .matrix_wide, .files_frame, .summary()>"
        )

    @property
    def redacted(self) -> dict[str, int]:
        """How much personal data was taken out of the output, by kind, over all files."""
        totals = {kind: 0 for kind in PersonalData}
        for report in self.files:
            for kind, count in report.redacted:
                totals[kind] += count
        return {kind.value: n for kind, n in totals.items() if n}

    @property
    def read(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.READ)

    @property
    def skipped(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.SKIPPED)

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(sorted({p.body for p in self.items}, key=str.casefold))

    @cached_property
    def positions(self) -> pd.DataFrame:
        """One row per position, with the evidence behind every tag."""
        return matrix.positions_frame(self.items)

    @cached_property
    def matrix(self) -> pd.DataFrame:
        """Tidy counts: every body x theme x stance, zeros included."""
        return matrix.matrix_long(self.items, self.rules.codebook.ids)

    @cached_property
    def matrix_wide(self) -> pd.DataFrame:
        """One row per body, one column per theme x stance."""
        return matrix.matrix_wide(self.matrix, self.rules.codebook.ids)

    def files_frame(self) -> pd.DataFrame:
        """files.csv: a row per input file, then one per control file applied."""
        return matrix.files_frame((*self.files, *self.controls))

    @cached_property
    def counts(self) -> matrix.Counts:
        """Positions per (body, theme id, stance value); a position with two themes counts under each."""
        return tally.cells(tally.rows(self.items))

    def tables(self) -> dict[str, Rows]:
        """The result's tables as plain rows (what the CSV files hold): positions, matrix, matrix_wide, files."""
        ids = self.rules.codebook.ids
        return {
            "positions": matrix.positions_rows(self.items),
            "matrix": matrix.matrix_long_rows(self.items, ids, self.counts),
            "matrix_wide": matrix.matrix_wide_rows(self.items, ids, self.counts),
            "files": matrix.files_rows((*self.files, *self.controls)),
        }

    def summary(self) -> dict[str, object]:
        """Counts for the one-line summary and the JSON output."""
        reasons: dict[str, int] = {}
        for report in self.skipped:
            reasons[report.reason] = reasons.get(report.reason, 0) + 1
        return {
            "corpus": self.corpus,
            "files": len(self.files),
            "read": len(self.read),
            "skipped": len(self.skipped),
            "skip_reasons": dict(sorted(reasons.items())),
            "duplicates": sum(1 for f in self.read if f.duplicate_of),
            "unknown_body": sum(1 for f in self.read if UNKNOWN_BODY in f.bodies),
            "positions": len(self.items),
            "positions_with_theme": sum(1 for p in self.items if p.themes),
            "bodies": len(self.bodies),
            "model": self.model,
            "rules": self.rules.digest[:12],
            "corrected": sum(1 for p in self.items if p.corrected),
            "stale_corrections": len(self.stale_corrections),
            "redaction": self.redaction,
            "redacted": self.redacted,
        }


def corpus_result(
    path: str | Path,
    positions: list[Position],
    files: list[FileReport],
    loaded: Rules,
    model: str,
    redactor: Redactor | None,
    corrections: str | Path | bool | None,
    cached: int | None = None,
    cache_problem: str = "",
    control_files: tuple[str, ...] = (),
    controls: tuple[FileReport, ...] = (),
) -> Result:
    """The corpus-level step: rename bodies, account files, apply corrections, build the frames.

    Args:
        positions: every document's positions, in corpus order.
        files: a report for every file, read or skipped.
        redactor: the redaction in force, None when the texts stay as written.
        corrections: as for `hoering.analyse`.
        control_files, controls: the manifest applied, as a note and as files.csv's row.

    Raises:
        CorpusError: no file could be read.
    """
    redact = redactor is not None
    citizens: tuple[tuple[str, str], ...] = ()
    if redactor is not None:
        positions, citizens = _rename_bodies(positions, redactor, str(Path(path).resolve()))
    bodies: dict[str, dict[str, None]] = {}
    for p in positions:
        bodies.setdefault(p.doc_id, {}).setdefault(p.body, None)
    files = sorted(
        (replace(f, bodies=tuple(bodies.get(f.doc_id, ()))) if f.status is FileStatus.READ else f for f in files),
        key=lambda f: f.path,
    )
    if not any(f.status is FileStatus.READ for f in files):
        raise CorpusError(
            f"{path}: no readable response files ({len(files)} skipped: {files[0].path}: {files[0].reason})"
        )
    corrections_file = _corrections_file(path, corrections)
    stale: list[str] = []
    if corrections_file is not None:
        rows = read_corrections(corrections_file, loaded.codebook.themes)
        positions, stale = apply_corrections(positions, rows)
        control_files += (using(corrections_file.name, len(rows)),)
        controls += (control_report(_shown(corrections_file, path), "corrections", len(rows), len(stale)),)
    return Result(
        items=tuple(positions),
        files=tuple(files),
        rules=loaded,
        model=model,
        corpus=str(path),
        corrections=str(corrections_file or ""),
        stale_corrections=tuple(stale),
        redaction=redact,
        cached=cached,
        cache_problem=cache_problem,
        control_files=control_files,
        controls=controls,
        citizens=citizens,
    )


def using(name: str, rows: int) -> str:
    """The note that says a control file is applied, and to how many rows: a file that arrives
    in an inbox changes the result, so it is never applied without a word."""
    return f"using {name}: {rows} row{'' if rows == 1 else 's'}"


def control_report(path: str, role: str, rows: int, unmatched: int = 0) -> FileReport:
    """files.csv's row of a control file: its role and the rows it applied."""
    plural = "" if rows == 1 else "s"
    if unmatched:
        reason = f"{role}: {rows - unmatched} of {rows} row{plural} used ({unmatched} matched no position)"
    else:
        reason = f"{role}: {rows} row{plural} used"
    return FileReport(path, FileStatus.CONTROL, reason, format=role)


def _shown(file: Path, corpus: str | Path) -> str:
    """A control file's path as files.csv shows paths: within the corpus, else as given."""
    try:
        return file.resolve().relative_to(Path(corpus).resolve()).as_posix()
    except (ValueError, OSError):
        return str(file)


def _corrections_file(corpus: str | Path, corrections: str | Path | bool | None) -> Path | None:
    if corrections is False:
        return None
    if corrections is None or corrections is True:
        default = Path(corpus) / CORRECTIONS
        return default if default.is_file() else None
    return Path(corrections)


def _rename_bodies(
    positions: list[Position], redactor: Redactor, corpus: str
) -> tuple[list[Position], tuple[tuple[str, str], ...]]:
    """Private persons as "Borger 1", "Borger 2", ...; other names and metadata masked by the patterns.

    Returns:
        The positions renamed, and each "Borger N" with the person's opaque identity.
    """
    citizens = rename_citizens(positions, redactor.rules)
    identities = citizen_identities(positions, citizens, corpus)
    scrubbed: dict[str, str] = {}  # bodies, rounds and plans repeat: each is scrubbed once

    def scrub(text: str) -> str:
        found = scrubbed.get(text)
        if found is None:
            found = scrubbed[text] = redactor.scrub(text)
        return found

    renamed = []
    for p in positions:
        citizen = citizens.get((p.doc_id, p.body))
        body, round_, plan = citizen or scrub(p.body), scrub(p.round), scrub(p.plan)
        body_id = citizen_id(citizen) if citizen else p.body_id
        same = body == p.body and round_ == p.round and plan == p.plan and body_id == p.body_id
        renamed.append(p if same else replace(p, body=body, round=round_, plan=plan, body_id=body_id))
    return renamed, identities
