"""Write results as CSV and JSON; every file write is atomic."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .diff import Diff
from .errors import OutputError
from .pipeline import Result

POSITIONS_CSV = "positions.csv"
MATRIX_CSV = "matrix.csv"
MATRIX_WIDE_CSV = "matrix_wide.csv"
FILES_CSV = "files.csv"
DELIMITERS = (",", ";", "\t")


def csv_text(frame: pd.DataFrame, delimiter: str = ",") -> str:
    """A frame as CSV text with \\n line ends."""
    if delimiter not in DELIMITERS:
        raise OutputError(f"delimiter must be one of {', '.join(repr(d) for d in DELIMITERS)}, not {delimiter!r}")
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, sep=delimiter, lineterminator="\n")
    return buffer.getvalue()


def write_atomic(path: Path, text: str, bom: bool = False) -> None:
    """Write text as UTF-8 so that `path` holds either the old or the whole new content.

    Raises:
        OutputError: the folder cannot be written.
    """
    write_bytes_atomic(path, text.encode("utf-8-sig" if bom else "utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes through a temporary file renamed into place: the old or the whole new content.

    Raises:
        OutputError: the folder cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write output ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csvs(result: Result, out: str | Path, excel: bool = False, delimiter: str = ",") -> list[Path]:
    """Write positions, matrix, wide matrix and file accounts as CSV into `out`.

    Args:
        excel: start each file with a UTF-8 byte order mark, so that Excel
            reads æøå right.
        delimiter: "," (default), ";" (Danish Excel) or a tab.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: --out must be a folder, and this is a file")
    tables = {
        POSITIONS_CSV: result.positions,
        MATRIX_CSV: result.matrix,
        MATRIX_WIDE_CSV: result.matrix_wide,
        FILES_CSV: result.files_frame(),
    }
    texts = {name: csv_text(frame, delimiter) for name, frame in tables.items()}  # fail before writing any
    written = []
    for name, text in texts.items():
        write_atomic(folder / name, text, bom=excel)
        written.append(folder / name)
    return written


def to_json(
    result: Result, plan_coverage: pd.DataFrame | None = None, plan_parts: dict[str, pd.DataFrame] | None = None
) -> str:
    """The whole result as one JSON document, with the plan's coverage and parts when given."""
    document: dict[str, Any] = {
        "summary": result.summary(),
        "files": _records(result.files_frame()),
        "positions": _records(result.positions),
        "matrix": _records(result.matrix),
    }
    if plan_coverage is not None:
        document["plan_coverage"] = _records(plan_coverage)
    if plan_parts is not None:
        document["plan_parts"] = {key: _records(frame) for key, frame in plan_parts.items()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


DIFF_THEMES_CSV = "diff_themes.csv"
DIFF_MATRIX_CSV = "diff_matrix.csv"
DIFF_POSITIONS_CSV = "diff_positions.csv"
DIFF_PLAN_CSV = "diff_plan.csv"


def write_diff_csvs(result: Diff, out: str | Path, delimiter: str = ",") -> list[Path]:
    """Write the theme changes, body x theme changes, matched positions and (with a plan) coverage into `out`."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: --out must be a folder, and this is a file")
    tables = {DIFF_THEMES_CSV: result.themes, DIFF_MATRIX_CSV: result.matrix, DIFF_POSITIONS_CSV: result.positions}
    if result.coverage is not None:
        tables[DIFF_PLAN_CSV] = result.coverage
    texts = {name: csv_text(frame, delimiter) for name, frame in tables.items()}
    written = []
    for name, text in texts.items():
        write_atomic(folder / name, text)
        written.append(folder / name)
    return written


def diff_to_json(result: Diff, extra: dict[str, pd.DataFrame] | None = None) -> str:
    """The whole comparison as one JSON document, with `extra` frames under their keys."""
    document: dict[str, Any] = {
        "summary": result.summary(),
        "themes": _records(result.themes),
        "matrix": _records(result.matrix),
        "positions": _records(result.positions),
    }
    if result.coverage is not None:
        document["plan"] = _records(result.coverage)
    for key, frame in (extra or {}).items():
        document[key] = _records(frame)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
