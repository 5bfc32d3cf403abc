"""`hoering positions`: list positions with their evidence, filtered."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["positions", str(CORPUS), *args], env={"COLUMNS": "200"})


def test_filters_by_theme_stance_and_body_with_any_spelling(sample_result):
    result = run("--theme", "sagsantal", "--stance", "concern", "--body", "fag-med", "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    frame = sample_result.positions
    expected = frame[
        frame["themes"].str.split("|").map(lambda t: "sagsantal" in t)
        & (frame["stance"] == "concern")
        & (frame["body"] == "FagMED")
    ]
    assert [r["text"] for r in rows] == expected["text"].tolist()
    assert rows and all(r["body"] == "FagMED" for r in rows)


def test_table_shows_text_and_evidence_and_a_count(sample_result):
    result = run("--body", "Ledergruppen")
    assert result.exit_code == 0
    assert "Ledergruppen" in result.stdout and "positivt [" in result.stdout
    frame = sample_result.positions
    assert result.stderr == f"{(frame['body'] == 'Ledergruppen').sum()} of {len(frame)} positions\n"


def test_unknown_theme_is_a_usage_error():
    result = run("--theme", "trivsel")
    assert result.exit_code == 2
    assert result.stderr.startswith("hoering: error: unknown theme 'trivsel' (known: sygedagpenge, unge,")


def test_theme_by_label_or_any_case_selects_as_the_id_does():
    by_id = run("--theme", "unge", "--format", "csv", "-q")
    assert by_id.exit_code == 0
    for spelling in ("Unge", "UNGE", "Young people"):
        again = run("--theme", spelling, "--format", "csv", "-q")
        assert again.exit_code == 0, again.output
        assert again.stdout == by_id.stdout


def test_unknown_theme_fails_before_the_corpus_is_analysed(monkeypatch):
    import hoering.pipeline

    monkeypatch.setattr(hoering.pipeline, "analyse", lambda *a, **k: pytest.fail("analysed before checking --theme"))
    result = run("--theme", "trivsel")
    assert result.exit_code == 2


def test_unknown_body_is_an_error_listing_the_bodies_of_the_corpus():
    result = run("--body", "Ældrerådet", "-q")
    assert result.exit_code == 2
    assert result.stderr == (
        "hoering: error: --body: no positions of 'Ældrerådet' "
        "(bodies: Fagforening, FagMED, Ledergruppen, Lokalt Arbejdsmarkedsråd, Sektor MED)\n"
    )
