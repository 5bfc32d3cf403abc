"""Terminal tables fit 80 and 160 columns: names shortened or wrapped between words, never split inside one."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()
LONG = "2023_ledergruppen-og-fagmed_beskaeftigelsespolitik-2023-2026.txt"
BODIES = [
    "Fagforening for Offentligt Ansatte",
    "Lokalt Arbejdsmarkedsråd",
    "Handicaprådet",
    "Ældrerådet",
    "Integrationsrådet",
    "Erhvervsforeningen",
    "Ungerådet",
    "Sektor MED Beskæftigelse",
    "Ledergruppen",
    "Dansk Socialrådgiverforening",
]


# Touches many themes, so that ten bodies x themes cannot fit 80 columns as it is.
TEXT = (
    "Vi støtter en tidlig indsats for unge ledige. Vi er bekymrede for sagsantallet pr. sagsbehandler. "
    "Vi støtter mere digital selvbetjening. Vi støtter hjælpen til sygemeldte på sygedagpenge. "
    "Vi støtter opkvalificering og uddannelse. Vi støtter kontakten til virksomhederne. "
    "Vi støtter indsatsen for borgere med psykisk sårbarhed. Vi støtter indsatsen for borgere med handicap. "
    "Vi støtter de hyppige samtaler med borgerne. Vi støtter investeringen i beskæftigelsesindsatsen.\n"
)


@pytest.fixture(scope="module")
def ten_bodies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ten")
    for n, body in enumerate(BODIES):
        (folder / f"svar_{n:02d}.txt").write_text(
            f"---\nbody: {body}\n---\n{TEXT}",
            encoding="utf-8",
        )
    return folder


def run(columns: int, *args: object):
    return runner.invoke(app, [*map(str, args)], env={"COLUMNS": str(columns)})


@pytest.mark.parametrize("columns", [80, 160])
def test_positions_table_fits_and_keeps_the_text(columns):
    result = run(columns, "positions", CORPUS, "--body", "Ledergruppen", "-q", "--model", "blank")
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= columns
    assert "Politikken blev drøftet" in result.stdout  # the text column is not squeezed away
    assert "2023_leder" in result.stdout and LONG not in result.stdout if columns == 80 else True


@pytest.mark.parametrize("columns", [80, 160])
def test_matrix_of_ten_bodies_fits_without_splitting_a_name(ten_bodies, columns):
    result = run(columns, "analyse", ten_bodies, "-q", "--model", "blank", "--no-cache")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in result.stdout  # no count cut short
    words = {w.strip("│┃,;:()") for line in lines for w in line.split()}
    for body in BODIES:
        for word in body.split():
            assert word in words, f"{word!r} of {body!r} is split or missing at {columns} columns"
