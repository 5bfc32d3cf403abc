"""A corpus with personal data in every form: none of it reaches any output, and nothing else changes."""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import hoering
from hoering.cli import app

from conftest import CORPUS

runner = CliRunner()

CITIZEN = """---
body: Jens Peter Hansen
body_type: borger
round: 2023
plan: Beskæftigelsesplan 2024
---
Høringssvar vedr. beskæftigelsesplanen

Jeg støtter, at jobcentret holder flere samtaler med sygedagpengemodtagere. Min sag har sag nr. 2023-123456, og kommunen har sparet 40 mio. kr. på området.

Jeg er bekymret for, at unge ledige ikke får hjælp nok. Mit CPR-nr. er 010190-1234, hvis I vil se min sag.

Med venlig hilsen

Jens Peter Hansen
Nørregade 12, 4200 Slagelse
Tlf. 23 45 67 89
jens.hansen@example.dk
"""

SECOND_CITIZEN = """---
body: Anne Sørensen
body_type: borger
round: 2023
---
Jeg er enig i, at der skal investeres i opkvalificering af ledige. Nummeret 310299-1234 på brevet er ikke mit CPR-nummer.

Venlig hilsen Anne Sørensen, Strandvejen 100 st. tv., 2900 Hellerup, mobil 2012 3456.
"""

COUNCIL = """---
body: Handicaprådet
round: 2023
---
Handicaprådet bakker op om planens fokus på fastholdelse af sygemeldte.

Rådet anbefaler, at der afsættes flere midler til virksomhedsrettede forløb for borgere med handicap.

Venlig hilsen
Mette Kirstine Olsen-Berg
Formand for Handicaprådet
Mail: mko@handicapraadet-slagelse.dk · Mobil: +45 20 12 34 56
"""

SECRETS = (
    "Jens",
    "Hansen",
    "Anne",
    "Sørensen",
    "Mette",
    "Olsen-Berg",
    "010190-1234",
    "Nørregade",
    "Strandvejen",
    "23 45 67 89",
    "2012 3456",
    "20 12 34 56",
    "example.dk",
    "mko@",
)
# Contact lines of a signature ("Tlf. 23 45 67 89", an e-mail address alone on its line) are a letterhead
# block and no position (rules/segmentation.toml [letterhead]), and the name and address lines above them are
# headings, short lines that head nothing (the annotation guide: signatures are no position): no output shows
# them, redacted or not.
ON_CONTACT_LINES = ("Nørregade", "23 45 67 89", "example.dk")
KEPT = ("Handicaprådet", "2023-123456", "40 mio.", "310299-1234", "Lokalt Arbejdsmarkedsråd", "Mploys")
SAMPLE = "2020_lar_beskaeftigelsesplan-2021-2022.txt"


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def outputs(corpus: Path, out: Path, *options: str, table: bool = True) -> str:
    """Everything `hoering analyse` writes: the CSV files, the JSON and (with `table`) the table."""
    texts = []
    for output_format in ("json", "table") if table else ("json",):
        args = ["analyse", str(corpus), "--model", "blank", "-q", "-f", output_format, *options]
        if output_format == "json":
            args += ["--out", str(out)]
        result = runner.invoke(app, args, env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        texts.append(result.stdout)
    texts += [path.read_text(encoding="utf-8") for path in sorted(out.iterdir())]
    return "\n".join(texts)


@pytest.fixture(scope="module")
def personal_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("personal") / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / SAMPLE, folder / SAMPLE)
    return write_corpus(folder, {"borger_a.txt": CITIZEN, "borger_b.txt": SECOND_CITIZEN, "raad.txt": COUNCIL})


@pytest.fixture(scope="module")
def redacted(personal_corpus, blank_pipeline):
    return hoering.analyse(personal_corpus, model=blank_pipeline)


@pytest.fixture(scope="module")
def unredacted(personal_corpus, blank_pipeline):
    return hoering.analyse(personal_corpus, model=blank_pipeline, redact=False)


def test_no_personal_data_in_any_output(personal_corpus, tmp_path):
    shown = outputs(personal_corpus, tmp_path / "out")
    assert [s for s in SECRETS if s in shown] == []
    assert [k for k in KEPT if k not in shown] == []
    for placeholder in ("[CPR]", "[NAVN]", "[EMAIL]", "[TLF]", "[ADRESSE]"):
        assert placeholder in shown


def test_no_redact_leaves_everything_as_written(personal_corpus, tmp_path):
    shown = outputs(personal_corpus, tmp_path / "out", "--no-redact")
    assert [s for s in SECRETS if s not in shown] == list(ON_CONTACT_LINES)
    assert "[CPR]" not in shown


def test_citizens_are_numbered_in_path_order(redacted):
    bodies = {f.path: f.bodies for f in redacted.files}
    assert bodies["borger_a.txt"] == ("Borger 1",)
    assert bodies["borger_b.txt"] == ("Borger 2",)
    assert bodies["raad.txt"] == ("Handicaprådet",)
    assert {"Borger 1", "Borger 2", "Handicaprådet", "Lokalt Arbejdsmarkedsråd"} <= set(redacted.matrix["body"])


def test_files_csv_counts_what_was_redacted_per_file(redacted):
    frame = redacted.files_frame().set_index("path")
    assert frame.loc["borger_a.txt", "redacted"] == "CPR:1 NAVN:1 EMAIL:1 TLF:1 ADRESSE:1"
    assert frame.loc["borger_b.txt", "redacted"] == "NAVN:1 TLF:1 ADRESSE:1"
    assert frame.loc["raad.txt", "redacted"] == "NAVN:1 EMAIL:1 TLF:1"
    assert frame.loc[SAMPLE, "redacted"] == ""
    assert redacted.summary()["redacted"] == {"CPR": 1, "NAVN": 3, "EMAIL": 2, "TLF": 3, "ADRESSE": 2}
    assert redacted.summary()["redaction"] is True


def test_redaction_changes_no_analysis_result(redacted, unredacted):
    analysis = ["doc", "body_type", "round", "position", "char_start", "char_end", "themes", "stance", "stance_score"]
    pd.testing.assert_frame_equal(redacted.positions[analysis], unredacted.positions[analysis])
    counts = ["body_type", "theme", "stance", "count"]
    citizens = {"Jens Peter Hansen": "Borger 1", "Anne Sørensen": "Borger 2"}
    renamed = unredacted.matrix.assign(body=unredacted.matrix["body"].replace(citizens))
    merged = redacted.matrix.merge(renamed, on=["body", *counts[:-1]], suffixes=("", "_plain"))
    assert len(merged) == len(redacted.matrix) and (merged["count"] == merged["count_plain"]).all()
    assert unredacted.summary()["redaction"] is False
    assert unredacted.summary()["redacted"] == {}


def test_sample_corpus_is_unchanged_by_redaction(sample_result, blank_pipeline):
    plain = hoering.analyse(CORPUS, model=blank_pipeline, redact=False)
    pd.testing.assert_frame_equal(sample_result.positions, plain.positions)
    pd.testing.assert_frame_equal(sample_result.matrix, plain.matrix)
    assert sample_result.redacted == {}


# --- property: no CPR number with a real date survives ------------------------------------

CPR_SHAPE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})-?(\d{4})(?!\d)")


def is_cpr(dd: str, mm: str, yy: str, serial: str) -> bool:
    """The CPR rule, written out again here: the century from the first serial digit."""
    year, first = int(yy), int(serial[0])
    centuries = {0: 1900, 1: 1900, 2: 1900, 3: 1900}
    century = centuries.get(first) or (
        (2000 if year <= 36 else 1900) if first in (4, 9) else (2000 if year <= 57 else 1800)
    )
    try:
        date(century + year, int(mm), int(dd))
    except ValueError:
        return False
    return True


def serial_digits(day: date) -> list[int]:
    """First serial digits that give this date's century."""
    yy = day.year % 100
    if day.year < 1900:
        return [5, 6, 7, 8]
    if day.year < 2000:
        return [0, 1, 2, 3] + ([4, 9] if yy > 36 else []) + ([5, 6, 7, 8] if yy > 57 else [])
    return ([4, 9] if yy <= 36 else []) + [5, 6, 7, 8]


@st.composite
def cpr_numbers(draw) -> str:
    day = draw(st.dates(min_value=date(1858, 1, 1), max_value=date(2057, 12, 31)))
    serial = f"{draw(st.sampled_from(serial_digits(day)))}{draw(st.integers(0, 999)):03d}"
    hyphen = draw(st.sampled_from(["-", ""]))
    return f"{day:%d%m}{day.year % 100:02d}{hyphen}{serial}"


PLACES = [
    "Jeg støtter flere samtaler med sygedagpengemodtagere, mit CPR-nr. er {cpr}.",
    "Vi er bekymrede for de unge ({cpr}) og for sag nr. 2023-123456.",
    "Henvendelse vedr. {cpr}",
    "- {cpr} ønsker, at der investeres 40 mio. kr. i opkvalificering.",
    "Med venlig hilsen\n{cpr}\nNørregade 12, 4200 Slagelse",
    "CPR: {cpr}",
    "Borgeren med personnummer {cpr} bør få en mentor.",
    '"{cpr}" står på brevet.',
    "Jobcentret skal ringe til {cpr}, som er ledig.",
]


@st.composite
def responses(draw) -> str:
    paragraphs = draw(
        st.lists(st.tuples(st.sampled_from(PLACES), cpr_numbers()), min_size=1, max_size=4).map(
            lambda items: [place.format(cpr=cpr) for place, cpr in items]
        )
    )
    header = draw(st.sampled_from(["", "---\nbody_type: borger\nbody: {cpr}\n---\n", "---\nplan: Plan {cpr}\n---\n"]))
    return header.format(cpr=draw(cpr_numbers())) + "\n\n".join(paragraphs) + "\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(responses(), min_size=1, max_size=3))
def test_no_cpr_number_with_a_real_date_survives_into_any_output(texts):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus", {f"svar_{n}.txt": text for n, text in enumerate(texts)})
        shown = outputs(corpus, Path(tmp) / "out", table=False)
    survivors = [m.group() for m in CPR_SHAPE.finditer(shown) if is_cpr(*m.groups())]
    assert survivors == []


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx"])
def test_no_personal_data_in_any_report_format(personal_corpus, tmp_path, suffix):
    import openpyxl

    out = tmp_path / f"notat{suffix}"
    result = runner.invoke(app, ["report", str(personal_corpus), "--out", str(out), "--model", "blank", "-q"])
    assert result.exit_code == 0, result.output
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(out, read_only=True)
        shown = "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v)
        book.close()
    else:
        shown = out.read_text(encoding="utf-8")
    assert [s for s in SECRETS if s in shown] == []
    assert "Borger 1" in shown and "Handicaprådet" in shown
