"""The CSV files written from plain rows, without pandas, are the files pandas writes from the frames."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hoering import export, matrix
from hoering.export import WRITERS
from hoering.models import Evidence, Stance, StanceCall
from hoering.rows import Rows

CSV_WRITERS = [name for name, writer in WRITERS.items() if writer.suffix == ".csv"]


@pytest.mark.parametrize("writer", CSV_WRITERS)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_table_of_the_sample_is_written_as_pandas_writes_its_frame(sample_result, writer, delimiter):
    text = WRITERS[writer].text
    frames = {
        "positions": sample_result.positions,
        "matrix": sample_result.matrix,
        "matrix_wide": sample_result.matrix_wide,
        "files": sample_result.files_frame(),
    }
    for name, rows in sample_result.tables().items():
        assert text(rows, delimiter) == text(frames[name], delimiter), (writer, name)


def _hostile(sample_result):
    """Positions whose cells quote, break lines, start like formulas or numbers, and score whole and fractional."""
    first = sample_result.items[0]
    texts = ['=HYPERLINK("x")', 'He said "no"; then, left', "two\nlines", "-3", "+45 12 34 56", "@SUM(A1)", ""]
    scores = [0.0, 1.0, 0.125, 2.5, 1e-05, 1e16, 0.30000000000000004]
    return [
        replace(
            first,
            body=f"Fag;MED {n}" if n % 2 else "fagmed",
            text=text,
            index=n,
            stance=StanceCall(
                Stance.CONCERN if n % 2 else Stance.SUPPORT, score, (Evidence("concern", "c", text or "=1", 0, 1),)
            ),
            corrected="corrections.csv:2" if n == 3 else "",
        )
        for n, (text, score) in enumerate(zip(texts, scores))
    ]


@pytest.mark.parametrize("writer", CSV_WRITERS)
def test_hostile_cells_are_written_as_pandas_writes_them(sample_result, writer):
    items = _hostile(sample_result)
    ids = sample_result.rules.codebook.ids
    pairs = [
        (matrix.positions_rows(items), matrix.positions_frame(items)),
        (matrix.matrix_long_rows(items, ids), matrix.matrix_long(items, ids)),
        (matrix.matrix_wide_rows(items, ids), matrix.matrix_wide(matrix.matrix_long(items, ids), ids)),
    ]
    for rows, frame in pairs:
        assert WRITERS[writer].text(rows, ";") == WRITERS[writer].text(frame, ";")


def test_a_column_of_whole_numbers_with_a_gap_is_written_as_floats_as_pandas_does():
    rows = Rows({"n": [1, None, 3], "x": [1, 2.5, 3], "ok": [True, False, True], "t": ["a", None, "c"]})
    assert (
        export.csv_text(rows)
        == export.csv_text(rows.frame())
        == "n,x,ok,t\n1.0,1.0,True,a\n,2.5,False,\n3.0,3.0,True,c\n"
    )


def test_no_positions_write_the_header_only(sample_result):
    for rows in (matrix.positions_rows([]), matrix.matrix_long_rows([], ["a"]), matrix.matrix_wide_rows([], ["a"])):
        assert export.csv_text(rows) == export.csv_text(rows.frame()) == ",".join(rows.names) + "\n"


def test_the_frames_keep_the_ordered_stance_categories(sample_result):
    for frame in (sample_result.positions, sample_result.matrix):
        assert list(frame["stance"].cat.categories) == ["support", "concern", "demand", "neutral"]
        assert frame["stance"].cat.ordered
