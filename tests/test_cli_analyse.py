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
    assert result.stderr.endswith(" · redacted nothing\n")


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
        "skipped budget.xlsx: unsupported format (.xlsx); supported: .txt, .md, .docx, .pdf, .odt, .rtf, .eml, .msg, .doc\n"
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


@pytest.fixture
def corpus_with_personal_data(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "borger.txt").write_text(
        "---\nbody: Jens Hansen\nbody_type: borger\n---\n"
        "Jeg støtter flere samtaler med ledige. Mit CPR-nr. er 010190-1234.\n\n"
        "Med venlig hilsen\nJens Hansen\n",
        encoding="utf-8",
    )
    return folder


def test_summary_counts_what_was_redacted_per_file(corpus_with_personal_data):
    result = run(corpus_with_personal_data, "--model", "blank")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "redacted borger.txt: CPR:1 NAVN:1"
    assert lines[-1].endswith(" · redacted 1 CPR, 1 NAVN")
    assert "Borger 1" in result.stdout and "Jens" not in result.stdout


def test_no_redact_warns_even_when_quiet_and_says_so_in_json(corpus_with_personal_data):
    result = run(corpus_with_personal_data, "--no-redact", "-q", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: --no-redact: the output holds personal data")
    document = json.loads(result.stdout)
    assert document["summary"]["redaction"] is False
    assert "010190-1234" in result.stdout and "Jens Hansen" in result.stdout


def test_json_summary_says_redaction_was_on(corpus_with_personal_data):
    document = json.loads(run(corpus_with_personal_data, "-q", "-f", "json").stdout)
    assert document["summary"]["redaction"] is True
    assert document["summary"]["redacted"] == {"CPR": 1, "NAVN": 1}
    assert document["files"][0]["redacted"] == "CPR:1 NAVN:1"
    assert document["positions"][1]["text"] == "Mit CPR-nr. er [CPR]."


def test_plan_coverage_beside_the_matrix(tmp_path):
    plan = CORPUS.parent / "plans" / "beskaeftigelsesplan-2023-uddrag.md"
    result = run(CORPUS, "--plan", plan, "--out", tmp_path, "-q")
    assert result.exit_code == 0, result.output
    assert "x feedback" in result.stdout
    rows = list(csv.DictReader(io.StringIO((tmp_path / "plan_coverage.csv").read_text(encoding="utf-8"))))
    coverage = {r["theme"]: r["coverage"] for r in rows}
    assert coverage["digitalisering"] == "both"  # the plan's digital self-service, and FagMED on it
    assert coverage["sagsantal"] == "feedback only"  # caseloads: raised by bodies, not in the plan excerpt
    as_json = json.loads(run(CORPUS, "--plan", plan, "-f", "json", "-q").stdout)
    assert [r["theme"] for r in as_json["plan_coverage"]] == [r["theme"] for r in rows]
