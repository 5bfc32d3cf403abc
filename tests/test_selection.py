"""Rounds, plans, bodies and themes: one Selection for report, analyse and positions."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from hoering.cli import app
from hoering.errors import ExitCode, UsageError
from hoering.selection import ALL, LATEST, Selection, round_key, select

from conftest import CORPUS

runner = CliRunner()


def test_the_latest_round_by_default_and_every_round_without_a_default(sample_result):
    latest = select(sample_result, Selection(), default_round=LATEST)
    assert latest.rounds == ("2023",) and latest.latest
    assert {p.round for p in latest.result.items} == {"2023"}
    assert latest.all_rounds == ("2017", "2020", "2021", "2023")
    everything = select(sample_result, Selection())
    assert everything.result is sample_result and not everything.latest
    assert select(sample_result, Selection(rounds=(ALL,)), default_round=LATEST).result is sample_result


def test_a_round_narrows_positions_and_matrices_but_keeps_every_file(sample_result):
    selected = select(sample_result, Selection(rounds=("2021",)))
    assert {p.round for p in selected.result.items} == {"2021"}
    assert set(selected.result.positions["round"]) == {"2021"}
    assert set(selected.result.matrix_wide["body"]) == {"Fagforening", "FagMED"}
    assert selected.result.files == sample_result.files
    assert selected.docs == ("2021_fagforening_maerkesag.txt", "2021_fagmed_beskaeftigelsesplan-2022.txt")


def test_rounds_sort_as_numbers():
    assert sorted(["10", "9", "2021b", "2021"], key=round_key) == ["9", "10", "2021", "2021b"]


def test_a_plan_by_its_whole_name_or_a_part_naming_one_plan(sample_result):
    by_part = select(sample_result, Selection(plans=("politik 2023",)))
    assert by_part.plans == ("Beskæftigelsespolitik 2023-2026",)
    assert select(sample_result, Selection(plans=("BESKÆFTIGELSESPLAN 2022",))).plans == ("Beskæftigelsesplan 2022",)
    with pytest.raises(UsageError, match=r"^--plan: 'Beskæftigelsesplan' names more than one plan \(plans: "):
        select(sample_result, Selection(plans=("Beskæftigelsesplan",)))


def test_bodies_match_any_spelling_and_themes_must_be_known(sample_result):
    selected = select(sample_result, Selection(bodies=("sektor-med",), themes=("unge", "sagsantal")))
    assert {p.body for p in selected.result.items} == {"Sektor MED"}
    assert all({"unge", "sagsantal"} & set(p.theme_ids) for p in selected.result.items)
    with pytest.raises(UsageError, match=r"^unknown theme 'trivsel' \(known: sygedagpenge, unge,"):
        select(sample_result, Selection(themes=("trivsel",)))
    with pytest.raises(UsageError, match=r"^--body: no positions of 'FOA' \(bodies: Fagforening, FagMED,"):
        select(sample_result, Selection(bodies=("FOA",)))


def test_an_unknown_round_names_the_known_ones(sample_result):
    with pytest.raises(UsageError) as error:
        select(sample_result, Selection(rounds=("1999",)))
    assert str(error.value) == "--round: no responses in round '1999' (rounds: 2017, 2020, 2021, 2023, or all, latest)"


def cli(*args: object):
    return runner.invoke(app, [*map(str, args)], env={"COLUMNS": "200"})


def test_analyse_takes_the_filters(tmp_path):
    result = cli("analyse", CORPUS, "-m", "blank", "-q", "--round", "2021", "--out", tmp_path, "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["body"] for r in rows} == {"Fagforening", "FagMED"}
    positions = list(csv.DictReader(io.StringIO((tmp_path / "positions.csv").read_text(encoding="utf-8"))))
    assert {r["round"] for r in positions} == {"2021"}
    assert len((tmp_path / "files.csv").read_text(encoding="utf-8").splitlines()) - 1 == 5
    by_plan = cli("analyse", CORPUS, "-m", "blank", "-q", "--plan", "Råderumskatalog", "-f", "csv")
    assert {r["body"] for r in csv.DictReader(io.StringIO(by_plan.stdout))} == {"Sektor MED"}


def test_analyse_plan_file_is_still_the_plan_document(tmp_path):
    plan = CORPUS.parent / "plans" / "beskaeftigelsesplan-2023-uddrag.md"
    result = cli("analyse", CORPUS, "-m", "blank", "-q", "--plan", plan, "--round", "2023", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan_coverage.csv").exists()


def test_positions_takes_round_and_plan(tmp_path):
    result = cli("positions", CORPUS, "-m", "blank", "--round", "2023", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["round"] for r in rows} == {"2023"}
    assert result.stderr.endswith(f"{len(rows)} of 125 positions\n")
    bad = cli("positions", CORPUS, "-m", "blank", "--plan", "Kommuneplan")
    assert bad.exit_code == ExitCode.USAGE
    assert bad.stderr.startswith("hoering: error: --plan: 'Kommuneplan' is no plan of the corpus (plans: ")
