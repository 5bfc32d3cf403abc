"""The plan's parts in the commands: analyse --plan, diff --plan OLD --plan NEW, report --plan."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import CORPUS, ROOT

PLAN_2021 = ROOT / "plans" / "beskaeftigelsesplan-2021-2022-uddrag.md"
PLAN_2022 = ROOT / "plans" / "beskaeftigelsesplan-2022-uddrag.md"


@pytest.fixture(autouse=True)
def _one_pipeline(blank_pipeline):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("hoering.cli.commands.build_pipeline", lambda model, segmentation: blank_pipeline)
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


def test_report_with_a_plan_has_a_section_per_part(tmp_path):
    out = tmp_path / "notat.md"
    result = run("report", CORPUS, "--plan", PLAN_2021, "--out", out, "--date", "2024-01-01", "-q")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## Planens dele: Beskæftigelsesplan 2021-2022 (uddrag)" in text
    section = text[text.index("### Forslag 4: Unge med psykiske udfordringer (forslag-4)") :]
    assert "(Forslag 4)" in section.split("###")[1]
    assert "Forslag 5: Digital kontakt (forslag-5)" in text.split("Dele, ingen afsender har skrevet om")[1]
