"""The report as an Excel workbook."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd

from ..models import (
    COL_SECTION,
    COL_STANCE_CUES,
    COL_TEXT,
    COL_THEME_TERMS,
)
from ..result import Result
from ..safe import output_frame
from ..version import __version__
from .view import ExtraSection, _View

SHEET_POSITIONS, SHEET_MATRIX, SHEET_FILES, SHEET_RUN = "positions", "matrix", "files", "run"


_MAX_WIDTH = {COL_TEXT: 90, COL_THEME_TERMS: 60, COL_STANCE_CUES: 60, COL_SECTION: 40}


def render_xlsx(
    result: Result, lang: str = "da", date: dt.date | None = None, extra_sections: Sequence[ExtraSection] = ()
) -> bytes:
    """The report as an Excel workbook: sheets positions, matrix (wide), files, any extra tables, and run.

    Every sheet has its header row frozen, an autofilter and column widths
    fitted to the content. Column names are those of the CSV files.
    """
    from openpyxl import Workbook

    v = _View(result, lang, date)
    book = Workbook()
    book.remove(book.active)
    _sheet(book, SHEET_POSITIONS, result.positions, frozen_columns=0)
    _sheet(book, SHEET_MATRIX, result.matrix_wide, frozen_columns=2)
    _sheet(book, SHEET_FILES, result.files_frame(), frozen_columns=0)
    for extra in extra_sections:
        if extra.table is not None:
            _sheet(book, extra.key, extra.table, frozen_columns=0)
    run = pd.DataFrame(v.run_facts(), columns=["field", "value"])
    _sheet(book, SHEET_RUN, run, frozen_columns=0)
    stamp = dt.datetime.combine(dt.date.fromisoformat(v.date), dt.time())
    book.properties.creator = f"hoering {__version__}"
    book.properties.title = v.s["title"]
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book, name: str, frame: pd.DataFrame, frozen_columns: int) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    frame = output_frame(frame)
    sheet = book.create_sheet(name[:31])
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(c)) for c in frame.columns]
    for row in frame.astype(object).where(frame.notna(), None).values.tolist():
        values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        sheet.append(values)
        for i, value in enumerate(values):
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(sheet.max_row, i + 1).data_type = "s"  # a response's text, never a formula
    for i, column in enumerate(frame.columns):
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(widths[i], _MAX_WIDTH.get(column, 50)) + 2
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(frame.columns), 1))}{len(frame) + 1}"
