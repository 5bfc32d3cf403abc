"""`hoering report` and `hoering analyse --plot` through Typer's CliRunner."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import openpyxl
from typer.testing import CliRunner

from hoering.cli import app
from hoering.errors import ExitCode

from conftest import CORPUS

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [*map(str, args)], env={"COLUMNS": "200"})


def test_report_writes_html_and_says_so_on_stderr(tmp_path):
    out = tmp_path / "notat.html"
    result = run("report", CORPUS, "--out", out, "--model", "blank", "--date", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {out}\n5 files: 5 read, 0 skipped · ")
    document = out.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>")
    assert "Dannet 2024-05-01" in document and "Høringsnotat – udkast" in document


def test_report_date_defaults_to_today(tmp_path):
    out = tmp_path / "notat.md"
    result = run("report", CORPUS, "-o", out, "-m", "blank", "-q")
    assert result.exit_code == 0, result.output
    assert f"*Dannet {dt.date.today().isoformat()}*" in out.read_text(encoding="utf-8")


def test_report_format_follows_the_suffix(tmp_path):
    md, xlsx = tmp_path / "notat.md", tmp_path / "notat.xlsx"
    assert run("report", CORPUS, "-o", md, "-m", "blank", "-q").exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# Høringsnotat – udkast\n")
    assert run("report", CORPUS, "-o", xlsx, "-m", "blank", "-q").exit_code == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["positions", "matrix", "files", "diff", "run"]


def test_report_format_option_wins_over_the_suffix(tmp_path):
    out = tmp_path / "notat.txt"
    result = run("report", CORPUS, "-o", out, "--format", "md", "-m", "blank", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_report_unknown_suffix_writes_html(tmp_path):
    out = tmp_path / "notat.txt"
    assert run("report", CORPUS, "-o", out, "-m", "blank", "-q").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_in_english(tmp_path):
    out = tmp_path / "summary.html"
    result = run("report", CORPUS, "-o", out, "--lang", "en", "-m", "blank", "-q")
    assert result.exit_code == 0
    document = out.read_text(encoding="utf-8")
    assert "Consultation summary – draft" in document and "Investment and budget" in document


def test_report_without_out_is_a_usage_error():
    result = run("report", CORPUS)
    assert result.exit_code == ExitCode.USAGE
    assert "--out" in result.stderr


def test_report_bad_date_is_one_line(tmp_path):
    result = run("report", CORPUS, "-o", tmp_path / "n.html", "--date", "1. maj")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "hoering: error: --date must be a date as YYYY-MM-DD, not '1. maj'\n"
    assert not (tmp_path / "n.html").exists()


def test_report_out_that_is_a_folder_is_an_error(tmp_path):
    result = run("report", CORPUS, "-o", tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"hoering: error: {tmp_path}: --out must be a file, and this is a folder\n"


def test_report_missing_corpus_is_one_line(tmp_path):
    result = run("report", tmp_path / "nowhere", "-o", tmp_path / "n.html")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith("hoering: error: ") and len(result.stderr.splitlines()) == 1


def test_analyse_plot_writes_the_heatmap_svg(tmp_path):
    out = tmp_path / "heatmap.svg"
    result = run("analyse", CORPUS, "--plot", out, "-m", "blank", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert f"wrote {out}\n" in result.stderr
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Investering og økonomi" in "".join(root.itertext())


def test_analyse_plot_in_english(tmp_path):
    out = tmp_path / "heatmap.svg"
    assert run("analyse", CORPUS, "--plot", out, "--lang", "en", "-m", "blank", "-q").exit_code == 0
    assert "Investment and budget" in out.read_text(encoding="utf-8")


def test_analyse_plot_other_than_svg_is_refused_before_reading(tmp_path):
    result = run("analyse", tmp_path / "nowhere", "--plot", tmp_path / "heatmap.png")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        f"hoering: error: {tmp_path / 'heatmap.png'}: --plot writes SVG only; name the file .svg "
        "(browsers show it; rsvg-convert or Inkscape turn it into PNG)\n"
    )


def test_two_rounds_give_a_changes_section_unless_left_out(tmp_path):
    with_diff, without = tmp_path / "a.md", tmp_path / "b.md"
    assert runner.invoke(app, ["report", str(CORPUS), "--out", str(with_diff), "-q"]).exit_code == 0
    assert runner.invoke(app, ["report", str(CORPUS), "--out", str(without), "-q", "--no-diff"]).exit_code == 0
    text = with_diff.read_text(encoding="utf-8")
    assert "## Ændringer fra 2021 til 2023" in text
    assert "### Går igen" in text and "### Faldet bort" in text
    assert "Ændringer fra" not in without.read_text(encoding="utf-8")


def test_no_redact_puts_a_warning_in_the_report_header(tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(CORPUS), "--out", str(out), "-q", "--no-redact"])
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    header = page[page.index("<header>") : page.index("</header>")]
    assert "Personoplysninger er IKKE skjult" in header
    redacted = tmp_path / "s.html"
    runner.invoke(app, ["report", str(CORPUS), "--out", str(redacted), "-q"])
    assert "IKKE skjult" not in redacted.read_text(encoding="utf-8")
    assert "skjult (ingen fundet)" in redacted.read_text(encoding="utf-8")


def test_out_dash_writes_the_report_on_stdout_and_no_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", str(CORPUS), "--out", "-", "--format", "md", "-q", "--model", "blank"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert not (tmp_path / "-").exists()
