"""CSV and JSON export: schemas, Excel options, atomic writes."""

from __future__ import annotations

import json
import os

import pytest

from hoering import export
from hoering.errors import OutputError
from hoering.export import FILES_CSV, MATRIX_CSV, MATRIX_WIDE_CSV, POSITIONS_CSV, to_json, write_csvs
from hoering.models import FILE_COLUMNS, MATRIX_COLUMNS, POSITION_COLUMNS


def header(path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def test_csv_files_have_the_documented_columns(sample_result, tmp_path):
    written = write_csvs(sample_result, tmp_path)
    assert [p.name for p in written] == [POSITIONS_CSV, MATRIX_CSV, MATRIX_WIDE_CSV, FILES_CSV]
    assert header(tmp_path / POSITIONS_CSV) == ",".join(POSITION_COLUMNS)
    assert header(tmp_path / MATRIX_CSV) == ",".join(MATRIX_COLUMNS)
    assert header(tmp_path / FILES_CSV) == ",".join(FILE_COLUMNS)
    wide = header(tmp_path / MATRIX_WIDE_CSV).split(",")
    assert wide[:3] == ["body", "body_type", "sygedagpenge_support"]
    assert len(wide) == 2 + 17 * 4


def test_positions_csv_keeps_the_evidence(sample_result, tmp_path):
    write_csvs(sample_result, tmp_path)
    text = (tmp_path / POSITIONS_CSV).read_text(encoding="utf-8")
    assert "sygedagpenge: sygedagpengemodtagerne [" in text
    assert "Sektor MED,med,2017" in text


def test_excel_option_writes_a_byte_order_mark_and_semicolons(sample_result, tmp_path):
    write_csvs(sample_result, tmp_path, excel=True, delimiter=";")
    raw = (tmp_path / MATRIX_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == "body;body_type;theme;stance;count"


def test_unknown_delimiter_is_refused_before_anything_is_written(sample_result, tmp_path):
    with pytest.raises(OutputError, match="delimiter"):
        write_csvs(sample_result, tmp_path / "out", delimiter="|")
    assert not (tmp_path / "out").exists()


def test_out_path_that_is_a_file_is_an_error(sample_result, tmp_path):
    (tmp_path / "results").write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match="must be a folder"):
        write_csvs(sample_result, tmp_path / "results")


def test_a_failed_write_leaves_the_old_file_whole_and_no_temp_file(sample_result, tmp_path, monkeypatch):
    target = tmp_path / MATRIX_CSV
    target.write_text("old content\n", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        export.write_atomic(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == [MATRIX_CSV]


def test_json_holds_summary_files_positions_and_matrix(sample_result):
    document = json.loads(to_json(sample_result))
    assert list(document) == ["summary", "files", "positions", "matrix"]
    assert document["summary"]["read"] == 5
    assert document["positions"][0]["doc"] == sample_result.positions.iloc[0]["doc"]
    assert "æ" in to_json(sample_result)  # Danish letters as they are, not \u00e6


def test_bytes_are_written_atomically_and_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "notat.xlsx"
    export.write_bytes_atomic(target, b"PK\x03\x04 first")
    assert target.read_bytes() == b"PK\x03\x04 first"

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        export.write_bytes_atomic(target, b"second")
    assert target.read_bytes() == b"PK\x03\x04 first"
    assert [p.name for p in tmp_path.iterdir()] == ["notat.xlsx"]
