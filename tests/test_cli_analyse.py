"""`hoering analyse` through Typer's CliRunner: exit codes, stdout per format, stderr."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from hoering.cli import app
from hoering.errors import ExitCode

from conftest import CORPUS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["analyse", *map(str, args)], env={"COLUMNS": "200"})


@pytest.fixture
def corpus_with_bad_file(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # cut off after the zip signature
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04")
    return folder


def test_table_shows_bodies_and_themes_and_summary_goes_to_stderr():
    result = run(CORPUS, "--model", "blank")
    assert result.exit_code == 0, result.output
    for name in ("Fagforening", "FagMED", "Ledergruppen", "Sektor MED", "sygedagpenge", "unge", "sagsantal"):
        assert name in result.stdout
    assert "support / concern / demand" in result.stdout
    assert "Lokalt Arbejdsmarkedsråd" in result.stdout
    assert result.stderr.startswith("5 files: 5 read, 0 skipped · ")
    assert " positions (" in result.stderr and "5 bodies · model blank:da + lookups · rules " in result.stderr


def test_csv_format_prints_the_tidy_matrix(sample_result):
    result = run(CORPUS, "--format", "csv", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["body", "body_type", "theme", "stance", "count"]
    assert len(rows) == len(sample_result.matrix)
    assert result.stdout.splitlines()[1] == "Fagforening,fagforening,sygedagpenge,support,0"


def test_json_format_is_one_parseable_document():
    result = run(CORPUS, "-f", "json", "-q")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["summary"]["read"] == 5
    assert {p["body"] for p in document["positions"]} >= {"Ledergruppen", "FagMED"}


def test_narrow_terminal_turns_the_table_to_themes_as_rows():
    result = runner.invoke(app, ["analyse", str(CORPUS), "-q"], env={"COLUMNS": "80"})
    assert result.stdout.startswith("Themes x bodies")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert any(line.startswith("│ sygedagpenge ") for line in result.stdout.splitlines())


def test_single_stance_table():
    result = run(CORPUS, "--stance", "concern", "-q")
    assert result.exit_code == 0
    assert "number of concern positions" in result.stdout


def test_out_writes_the_csv_files_and_says_so(tmp_path):
    result = run(CORPUS, "--out", tmp_path / "results", "--excel-csv", "--delimiter", ";")
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert names == ["files.csv", "matrix.csv", "matrix_wide.csv", "positions.csv"]
    assert f"wrote {tmp_path / 'results' / 'positions.csv'}" in result.stderr
    assert (tmp_path / "results" / "matrix.csv").read_bytes().startswith("\ufeffbody;".encode())


def test_missing_folder_is_one_line_and_exit_1(tmp_path):
    result = run(tmp_path / "nowhere")
    assert result.exit_code == ExitCode.ERROR
    assert result.stdout == ""
    assert result.stderr == f"hoering: error: {tmp_path / 'nowhere'}: corpus folder not found\n"


def test_a_file_instead_of_a_folder_is_one_line(tmp_path):
    (tmp_path / "svar.txt").write_text("Vi støtter planen.", encoding="utf-8")
    result = run(tmp_path / "svar.txt")
    assert result.exit_code == ExitCode.ERROR
    assert "not a folder" in result.stderr and "Traceback" not in result.stderr


def test_bad_rules_file_names_file_and_line(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "stance.toml").write_text("[settings]\ncontrast_weight = 2.0\nsurprise = 1\n", encoding="utf-8")
    result = run(CORPUS, "--rules", rules)
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith(f"hoering: error: {rules / 'stance.toml'}:3: [settings] unknown key 'surprise'")
    assert len(result.stderr.splitlines()) == 1


def test_unknown_model_is_one_line():
    result = run(CORPUS, "--model", "da_no_such_model")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith("hoering: error: spaCy model 'da_no_such_model' is not installed")


def test_skipped_file_is_reported_and_the_run_succeeds(corpus_with_bad_file):
    result = run(corpus_with_bad_file)
    assert result.exit_code == 0
    assert (
        "skipped budget.xlsx: unsupported format (.xlsx); supported: .txt, .md, .docx, .pdf, .odt, .rtf, .eml\n"
        in result.stderr
    )
    assert "skipped notes.docx: truncated or not a .docx (bad zip file: File is not a zip file)\n" in result.stderr
    assert "7 files: 5 read, 2 skipped (1 truncated or not a .docx, 1 unsupported format) · " in result.stderr


def test_strict_makes_a_skipped_file_a_failure(corpus_with_bad_file):
    result = run(corpus_with_bad_file, "--strict", "-q")
    assert result.exit_code == ExitCode.SKIPPED_FILES


def test_debug_shows_the_exception_instead_of_one_line(tmp_path):
    result = run(tmp_path / "nowhere", "--debug")
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "CorpusError"


def test_bad_option_value_is_a_usage_error():
    result = run(CORPUS, "--format", "xml")
    assert result.exit_code == ExitCode.USAGE
