"""`hoering report` and `hoering analyse --plot` through Typer's CliRunner."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import docx
import openpyxl
import pytest
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
    assert result.stderr.endswith(
        "round 2023: the latest of 2017, 2020, 2021, 2023 (--round ROUND for another, --round all for every round)\n"
    )
    document = out.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>")
    assert "<h1>Høringsnotat</h1>" in document and "hoering 2024-05-01" in document
    assert "1. Indledning" in document and "Administrationens bemærkninger" in document


def test_report_date_defaults_to_today(tmp_path):
    out = tmp_path / "notat.md"
    result = run("report", CORPUS, "-o", out, "-m", "blank", "-q")
    assert result.exit_code == 0, result.output
    assert f"hoering {dt.date.today().isoformat()}." in out.read_text(encoding="utf-8")


def test_report_format_follows_the_suffix(tmp_path):
    md, xlsx, word = tmp_path / "notat.md", tmp_path / "notat.xlsx", tmp_path / "notat.docx"
    assert run("report", CORPUS, "-o", md, "-m", "blank", "-q").exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# Høringsnotat\n")
    assert run("report", CORPUS, "-o", xlsx, "-m", "blank", "-q", "--round", "all").exit_code == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["positions", "matrix", "files", "diff", "run"]
    assert run("report", CORPUS, "-o", word, "-m", "blank", "-q").exit_code == 0
    assert docx.Document(str(word)).paragraphs[0].text == "Høringsnotat"


def test_report_format_option_wins_over_the_suffix(tmp_path):
    out = tmp_path / "notat.txt"
    result = run("report", CORPUS, "-o", out, "--format", "md", "-m", "blank", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    assert out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("name", ["notat.pdf", "notat.txt", "notat"])
def test_report_unknown_suffix_is_an_error_and_writes_nothing(tmp_path, name):
    out = tmp_path / name
    result = run("report", CORPUS, "-o", out, "-m", "blank", "-q")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"hoering: error: {out}: cannot tell the report format from ")
    assert "name the file .docx, .htm, .html, .markdown, .md, .xlsx, or give --format" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_report_in_english(tmp_path):
    out = tmp_path / "summary.html"
    result = run("report", CORPUS, "-o", out, "--lang", "en", "-m", "blank", "-q", "--round", "all")
    assert result.exit_code == 0
    document = out.read_text(encoding="utf-8")
    assert "Consultation summary" in document and "Investment and budget" in document
    assert "The administration&#x27;s comments" in document


def test_report_round_plan_body_and_theme_narrow_the_notat(tmp_path):
    out = tmp_path / "notat.md"
    assert run("report", CORPUS, "-o", out, "-m", "blank", "-q", "--round", "2021").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Notatet dækker høringsrunden 2021." in text
    assert "- Fagforening\n- FagMED\n" in text and "Ledergruppen" not in text.split("## 2.")[0]
    assert run("report", CORPUS, "-o", out, "-m", "blank", "-q", "--round", "all", "--plan", "2021-2022").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Høringen vedrører Beskæftigelsesplan 2021-2022." in text
    assert "- Lokalt Arbejdsmarkedsråd\n\n" in text
    result = run("report", CORPUS, "-o", out, "-m", "blank", "-q", "--round", "all", "--theme", "unge", "-b", "fagmed")
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "### 3.1 Unge" in text and "### 3.2" not in text
    assert "Notatet er afgrænset til afsenderne FagMED og temaerne Unge." in text


def test_report_unknown_round_is_one_line(tmp_path):
    result = run("report", CORPUS, "-o", tmp_path / "n.md", "-m", "blank", "--round", "1999")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "hoering: error: --round: no responses in round '1999' (rounds: 2017, 2020, 2021, 2023, or all, latest)\n"
    )


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


def test_two_rounds_give_a_diff_sheet_unless_left_out(tmp_path):
    with_diff, without = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("report", CORPUS, "--out", with_diff, "-q", "-m", "blank", "--round", "all").exit_code == 0
    assert run("report", CORPUS, "--out", without, "-q", "-m", "blank", "--round", "all", "--no-diff").exit_code == 0
    assert "diff" in openpyxl.load_workbook(with_diff).sheetnames
    assert "diff" not in openpyxl.load_workbook(without).sheetnames


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


def test_hearing_list_names_who_did_not_answer_in_the_notat(tmp_path):
    listed = tmp_path / "hoeringsliste.txt"
    listed.write_text("FagMED\nÆldrerådet\nDansk Socialrådgiverforening (DS)\n", encoding="utf-8")
    out = tmp_path / "notat.md"
    result = CliRunner().invoke(
        app,
        ["report", str(CORPUS), "--out", str(out), "--hearing-list", str(listed), "--date", "2024-01-01", "-q"],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    # The latest round answered by FagMED; the abbreviation on the list is named as the registry names the body.
    assert "Følgende på høringslisten har ikke afgivet høringssvar: Ældrerådet og Dansk Socialrådgiverforening." in text
