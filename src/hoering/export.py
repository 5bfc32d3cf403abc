"""Write results as CSV and JSON; every file write is atomic."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import lazy
from .errors import OutputError
from .fs import write_atomic as write_atomic
from .fs import write_bytes_atomic as write_bytes_atomic
from .rows import Rows
from .safe import FORMULA_START, csv_cell, csv_frame, output_frame

if TYPE_CHECKING:
    import pandas as pd

    from .diff import Diff
    from .result import Result

# Imported when a frame is written: the CSV files of `write_csvs` are written from plain rows.
pd = lazy.module("pandas")

POSITIONS_CSV = "positions.csv"
MATRIX_CSV = "matrix.csv"
MATRIX_WIDE_CSV = "matrix_wide.csv"
FILES_CSV = "files.csv"
DELIMITERS = (",", ";", "\t")


def csv_text(frame: pd.DataFrame | Rows, delimiter: str = ",", raw: bool = False) -> str:
    """A frame as CSV text with \\n line ends.

    A text cell that a spreadsheet would run as a formula (it starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, the
    OWASP defence against CSV injection; `raw` writes every cell as it is.
    """
    if delimiter not in DELIMITERS:
        raise OutputError(f"delimiter must be one of {', '.join(repr(d) for d in DELIMITERS)}, not {delimiter!r}")
    if isinstance(frame, Rows):
        return frame.csv_text(delimiter, cell=None if raw else csv_cell, starts=FORMULA_START)
    buffer = io.StringIO()
    frame = output_frame(frame)
    (frame if raw else csv_frame(frame)).to_csv(buffer, index=False, sep=delimiter, lineterminator="\n")
    return buffer.getvalue()


def excel_text(frame: pd.DataFrame | Rows, delimiter: str = ";", raw: bool = False) -> str:
    """A frame as CSV the way Danish Excel opens it: ``;`` between fields and a decimal comma.

    `delimiter` is ignored: Excel with Danish settings reads ``;`` only, and ``1.5`` as a date.
    Cells that start like a formula are neutralised as in `csv_text` unless `raw`.
    """
    if isinstance(frame, Rows):
        return frame.csv_text(";", decimal=",", cell=None if raw else csv_cell, starts=FORMULA_START)
    buffer = io.StringIO()
    frame = output_frame(frame)
    (frame if raw else csv_frame(frame)).to_csv(buffer, index=False, sep=";", decimal=",", lineterminator="\n")
    return buffer.getvalue()


def raw_csv_text(frame: pd.DataFrame | Rows, delimiter: str = ",") -> str:
    """A frame as CSV text with every cell as it is (``--raw-csv``)."""
    return csv_text(frame, delimiter, raw=True)


def raw_excel_text(frame: pd.DataFrame | Rows, delimiter: str = ";") -> str:
    """`excel_text` with every cell as it is (``--excel --raw-csv``)."""
    return excel_text(frame, delimiter, raw=True)


@dataclass(frozen=True)
class TableWriter:
    """One way to write a table: text from a frame, and whether the file starts with a byte order mark."""

    name: str
    suffix: str
    text: Callable[[pd.DataFrame | Rows, str], str]
    bom: bool = False


def json_text(document: Any) -> str:
    """JSON as every command writes it: frames as lists of records, indented, UTF-8 as is."""
    return json.dumps(_jsonable(document), ensure_ascii=False, indent=2) + "\n"


def _json_table(frame: pd.DataFrame | Rows, delimiter: str = ",") -> str:
    return json_text(frame)


#: The table writers every command uses; a new table format is one entry here.
WRITERS: dict[str, TableWriter] = {
    "csv": TableWriter("csv", ".csv", csv_text),
    "excel-csv": TableWriter("excel-csv", ".csv", csv_text, bom=True),  # Excel reads æøå right only with a BOM
    "excel": TableWriter("excel", ".csv", excel_text, bom=True),  # --excel: Danish Excel opens it as it is
    "raw-csv": TableWriter("raw-csv", ".csv", raw_csv_text),
    "raw-excel-csv": TableWriter("raw-excel-csv", ".csv", raw_csv_text, bom=True),
    "raw-excel": TableWriter("raw-excel", ".csv", raw_excel_text, bom=True),
    "json": TableWriter("json", ".json", _json_table),
}


def write_tables(tables: Mapping[str, Any], out: str | Path, writer: str = "csv", delimiter: str = ",") -> list[Path]:
    """Write each table into `out` under its name, all texts made before any file is written.

    A table is a frame; the "json" writer also takes any JSON document (a summary of figures).

    Raises:
        OutputError: `out` is a file, the delimiter is unknown, or the folder cannot be written.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: --out must be a folder, and this is a file")
    chosen = WRITERS[writer]
    texts = {name: chosen.text(frame, delimiter) for name, frame in tables.items()}  # fail before writing any
    written = []
    for name, text in texts.items():
        write_atomic(folder / name, text, bom=chosen.bom)
        written.append(folder / name)
    return written


def _jsonable(value: Any) -> Any:
    if isinstance(value, Rows):
        return _records(value.frame())
    if not isinstance(value, dict | list | str | int | float | bool | type(None)) and isinstance(value, pd.DataFrame):
        return _records(output_frame(value))
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def csv_writer(excel: bool = False, excel_csv: bool = False, raw: bool = False) -> str:
    """The name in `WRITERS` of the CSV writer for ``--excel``, ``--excel-csv`` and ``--raw-csv``."""
    return ("raw-" if raw else "") + ("excel" if excel else "excel-csv" if excel_csv else "csv")


def write_csvs(
    result: Result,
    out: str | Path,
    excel: bool = False,
    delimiter: str = ",",
    writer: str | None = None,
    raw: bool = False,
) -> list[Path]:
    """Write positions, matrix, wide matrix and file accounts as CSV into `out`.

    Args:
        excel: start each file with a UTF-8 byte order mark, so that Excel
            reads æøå right.
        delimiter: "," (default), ";" (Danish Excel) or a tab.
        writer: a name in `WRITERS` ("excel": BOM, ``;``, decimal comma); it wins over `excel`.
        raw: leave cells that start like a formula as they are (see `csv_text`).
    """
    rows = result.tables()  # plain rows: writing them needs no pandas
    tables = {
        POSITIONS_CSV: rows["positions"],
        MATRIX_CSV: rows["matrix"],
        MATRIX_WIDE_CSV: rows["matrix_wide"],
        FILES_CSV: rows["files"],
    }
    return write_tables(tables, out, writer or csv_writer(excel_csv=excel, raw=raw), delimiter)


def to_json(
    result: Result, plan_coverage: pd.DataFrame | None = None, plan_parts: dict[str, pd.DataFrame] | None = None
) -> str:
    """The whole result as one JSON document, with the plan's coverage and parts when given."""
    document: dict[str, Any] = {
        "summary": result.summary(),
        "files": result.files_frame(),
        "positions": result.positions,
        "matrix": result.matrix,
    }
    if plan_coverage is not None:
        document["plan_coverage"] = plan_coverage
    if plan_parts is not None:
        document["plan_parts"] = dict(plan_parts)
    return json_text(document)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


DIFF_THEMES_CSV = "diff_themes.csv"
DIFF_MATRIX_CSV = "diff_matrix.csv"
DIFF_POSITIONS_CSV = "diff_positions.csv"
DIFF_PLAN_CSV = "diff_plan.csv"


def write_diff_csvs(
    result: Diff, out: str | Path, delimiter: str = ",", writer: str | None = None, raw: bool = False
) -> list[Path]:
    """Write the theme changes, body x theme changes, matched positions and (with a plan) coverage into `out`."""
    tables = {DIFF_THEMES_CSV: result.themes, DIFF_MATRIX_CSV: result.matrix, DIFF_POSITIONS_CSV: result.positions}
    if result.coverage is not None:
        tables[DIFF_PLAN_CSV] = result.coverage
    return write_tables(tables, out, writer or csv_writer(raw=raw), delimiter)


def diff_to_json(result: Diff, extra: dict[str, pd.DataFrame] | None = None) -> str:
    """The whole comparison as one JSON document, with `extra` frames under their keys."""
    document: dict[str, Any] = {
        "summary": result.summary(),
        "themes": result.themes,
        "matrix": result.matrix,
        "positions": result.positions,
    }
    if result.coverage is not None:
        document["plan"] = result.coverage
    document.update(extra or {})
    return json_text(document)
