"""The plan's parts in the commands: analyse --plan, diff --plan OLD --plan NEW, report --plan."""

from __future__ import annotations

import csv
import json
import re

import docx
import pytest
from typer.testing import CliRunner

from hoering.cli import app
from hoering.report.word import COMMENTS_TAG

from conftest import CORPUS, ROOT

PLAN_2021 = ROOT / "plans" / "beskaeftigelsesplan-2021-2022-uddrag.md"
PLAN_2022 = ROOT / "plans" / "beskaeftigelsesplan-2022-uddrag.md"


@pytest.fixture(autouse=True)
def _one_pipeline(blank_pipeline):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("hoering.cli.compare_commands.LazyPipeline", lambda model, segmentation: blank_pipeline)
        yield


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "160"})


def test_analyse_with_a_plan_shows_each_part_with_the_bodies_that_addressed_it():
    result = run("analyse", CORPUS, "--plan", PLAN_2021, "--model", "blank", "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Parts of Beskæftigelsesplan 2021-2022"))
    table = lines[start:]

    def row(part: str) -> str:
        """The part's row with its continuation lines (a cell may wrap)."""
        first = next(i for i, line in enumerate(table) if line.startswith(f"│ {part} "))
        end = next((i for i in range(first + 1, len(table)) if not table[i].startswith("│  ")), len(table))
        return "\n".join(table[first:end])

    for n in (1, 2, 3, 4, 6):
        assert "Lokalt Arbejdsmarkedsråd" in row(f"forslag-{n}") and "reference" in row(f"forslag-{n}")
    assert row("forslag-5").split("│")[3].strip() == "·"


def test_analyse_out_writes_plan_links_and_the_body_x_part_matrix(tmp_path):
    result = run("analyse", CORPUS, "--plan", PLAN_2021, "--out", tmp_path, "--model", "blank", "-f", "csv")
    assert result.exit_code == 0, result.output
    with (tmp_path / "plan_links.csv").open(encoding="utf-8") as handle:
        links = list(csv.DictReader(handle))
    references = [r for r in links if r["how"] == "reference"]
    assert sorted(r["section_id"] for r in references) == [f"forslag-{n}" for n in (1, 2, 3, 4, 6)]
    assert all(r["evidence"].startswith("Forslag ") and r["strength"] == "100.0" for r in references)
    with (tmp_path / "plan_matrix.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["body", "section_id", "section_title", "support", "concern", "demand", "neutral", "positions"]


def test_analyse_json_holds_the_plan_parts():
    result = run("analyse", CORPUS, "--plan", PLAN_2021, "--model", "blank", "-f", "json", "-q")
    document = json.loads(result.stdout)
    assert {"links", "matrix"} <= set(document["plan_parts"])
    assert any(row["section_id"] == "forslag-4" for row in document["plan_parts"]["links"])


def test_diff_with_two_plans_compares_their_parts(tmp_path):
    result = run(
        "diff", CORPUS, "--from", "2020", "--to", "2021", "--plan", PLAN_2021, "--plan", PLAN_2022, "--out", tmp_path
    )
    assert result.exit_code == 0, result.output
    assert "Plan Beskæftigelsesplan 2021-2022 (uddrag) -> Beskæftigelsesplan 2022 (uddrag)" in result.stdout
    with (tmp_path / "plan_diff.csv").open(encoding="utf-8") as handle:
        rows = {(r["old_id"], r["new_id"]): r for r in csv.DictReader(handle)}
    assert rows[("forslag-4", "forslag-4")]["status"] == "same"
    assert rows[("forslag-2", "forslag-2")]["status"] == "changed"
    assert rows[("", "punkt-3")]["status"] == "new" and "FagMED" in rows[("", "punkt-3")]["bodies"]
    assert rows[("forslag-5", "")]["status"] == "dropped"


def test_diff_with_three_plans_is_a_usage_error():
    result = run("diff", CORPUS, "--plan", PLAN_2021, "--plan", PLAN_2022, "--plan", PLAN_2021)
    assert result.exit_code == 2
    assert "--plan is given once (the plan) or twice" in result.stderr


def report(tmp_path, suffix: str, *extra):
    out = tmp_path / f"notat.{suffix}"
    result = run(
        "report", CORPUS, "--plan", PLAN_2021, "--round", "2020", "--out", out, "--date", "2024-01-01", "-q", *extra
    )
    assert result.exit_code == 0, result.output
    return out


def test_report_with_a_plan_has_a_section_per_part(tmp_path):
    text = report(tmp_path, "md").read_text(encoding="utf-8")
    themes = text.index("## 3. Bemærkninger tema for tema")
    parts = text.index("## 4. Bemærkninger til planens dele")
    assert themes < parts < text.index("## Bilag 1")
    section = text[parts : text.index("## Bilag 1")]
    headings = re.findall(r"^### 4\.\d+ (.+)$", section, flags=re.MULTILINE)
    assert [h for h in headings if h.startswith("Forslag")] == [
        "Forslag 1: Styrket indsats til de jobparate ledige (forslag-1)",
        "Forslag 2: Tidlig indsats og fastholdelse af sygemeldte (forslag-2)",
        "Forslag 3: Sårbare borgere med psykiske udfordringer (forslag-3)",
        "Forslag 4: Unge med psykiske udfordringer (forslag-4)",
        "Forslag 6: Flere virksomhedsrettede forløb (forslag-6)",
    ]
    forslag_4 = section.split("Forslag 4: Unge med psykiske udfordringer (forslag-4)")[1].split("\n### ")[0]
    assert "Lokalt Arbejdsmarkedsråd" in forslag_4 and "(Forslag 4)" in forslag_4
    assert "eksplicit henvisning: Forslag 4" in forslag_4 and "Administrationens bemærkninger" in forslag_4
    untouched = section.split("Dele af planen, som ingen høringssvar berører:")[1]
    assert "Forslag 5: Digital kontakt (forslag-5)" in untouched and "forslag-4" not in untouched


def test_report_with_a_plan_in_word_has_the_parts_as_headings_with_comments_fields(tmp_path):
    document = docx.Document(str(report(tmp_path, "docx")))
    paragraphs = document.paragraphs
    level_1 = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert level_1[2:4] == ["3. Bemærkninger tema for tema", "4. Bemærkninger til planens dele"]
    start = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text.startswith("4. "))
    end = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text.startswith("Bilag 1"))
    parts = [p.text for p in paragraphs[start:end] if p.style.name == "Heading 2"]
    assert any(re.fullmatch(r"4\.\d+ Forslag 4: Unge med psykiske udfordringer \(forslag-4\)", h) for h in parts)
    assert not any("forslag-5" in h for h in parts)
    assert any(p.text.startswith("Dele af planen, som ingen") and "forslag-5" in p.text for p in paragraphs[start:end])
    quotes = [p.text for p in paragraphs[start:end] if p.style.name == "Quote"]
    assert any("(Forslag 4)" in q for q in quotes)
    boxes = [t for t in document.tables if COMMENTS_TAG in t._tbl.tblPr.xml]
    assert len(boxes) == 1 + sum(1 for p in paragraphs[:end] if p.style.name == "Heading 2")  # general, themes, parts
    assert all(box.cell(0, 0).paragraphs[0].text == "Administrationens bemærkninger" for box in boxes)
    contents = [p.text for p in paragraphs[:start]]  # the table of contents as shown before Word updates it
    assert "4. Bemærkninger til planens dele" in contents and all(h in contents for h in parts)


def test_report_with_a_plan_in_english_html(tmp_path):
    text = report(tmp_path, "html", "--lang", "en").read_text(encoding="utf-8")
    assert "<h2>4. Remarks on the parts of the plan</h2>" in text
    assert "Forslag 4: Unge med psykiske udfordringer (forslag-4)</h3>" in text
    assert "href='#plan-forslag-4'" in text  # in the table of contents
    assert "Parts of the plan no response addresses: Forslag 5: Digital kontakt (forslag-5)." in text
