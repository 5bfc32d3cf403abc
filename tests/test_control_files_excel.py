"""Control files saved by Danish Excel (`;`, cp1252, labels instead of ids) read as the plain ones do."""

from __future__ import annotations

import codecs
import csv
import io
import shutil

import pytest

import hoering
from hoering.corpus import read_manifest
from hoering.corrections import CorrectionsError, read_corrections
from hoering.evaluate import documents_of, read_gold
from hoering.fs import delimiter_of
from hoering.models import Stance

from conftest import CORPUS

LAR = "2020_lar_beskaeftigelsesplan-2021-2022.txt"
SENTENCE = "Der er behov for at kigge mere på den enkelte borger."


def excel_csv(rows: list[list[str]], encoding: str = "cp1252", delimiter: str = ";") -> bytes:
    """What Excel on a Danish Windows saves as "CSV (semikolonsepareret)": `;`, CRLF, cp1252."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("gold.csv", "corrections.csv"))
    return folder


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("utf-8-sig", ",")]
)
def test_corrections_saved_by_danish_excel_are_applied_with_danish_labels(corpus, blank_pipeline, encoding, delimiter):
    (corpus / "corrections.csv").write_bytes(
        excel_csv(
            [
                ["doc", "text", "themes", "stance", "note"],
                [LAR, SENTENCE, "Psykisk sundhed og sårbare borgere|samtaler", "støtte", "læst af sekretariatet"],
                ["", "", "", "", ""],
            ],
            encoding,
            delimiter,
        )
    )
    result = hoering.analyse(corpus, model=blank_pipeline)
    (row,) = result.positions[result.positions["text"] == SENTENCE].to_dict("records")
    assert row["stance"] == Stance.SUPPORT.value
    assert row["themes"] == "psykisk|samtaler"
    assert row["corrected"] == "corrections.csv:2"
    assert result.stale_corrections == ()


@pytest.mark.parametrize(
    ("label", "stance"),
    [
        ("Støtte", Stance.SUPPORT),
        ("BEKYMRING", Stance.CONCERN),
        ("Krav og  ønsker", Stance.DEMAND),
        ("Beskrivende", Stance.NEUTRAL),
        ("concern", Stance.CONCERN),
    ],
)
def test_corrections_stance_as_the_report_writes_it(tmp_path, label, stance):
    path = tmp_path / "corrections.csv"
    path.write_bytes(excel_csv([["doc", "text", "stance"], ["a.txt", "Vi støtter.", label]]))
    (correction,) = read_corrections(path, ["unge"])
    assert correction.stance is stance


def test_unknown_stance_lists_the_ids_and_labels_accepted(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_bytes(excel_csv([["doc", "text", "stance"], ["a.txt", "Vi støtter.", "glad"]]))
    with pytest.raises(
        CorrectionsError,
        match=r":2: unknown stance 'glad' \(use support, concern, demand, neutral or the labels støtte, ",
    ):
        read_corrections(path, ["unge"])


def test_manifest_saved_by_danish_excel_gives_its_bodies(tmp_path):
    (tmp_path / "svar.txt").write_text("Vi støtter planen.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(
        excel_csv([["file", "body", "round"], ["svar.txt", "Ældrerådet", "2021"], ["", "", ""]])
    )
    manifest = read_manifest(tmp_path)
    assert list(manifest) == ["svar.txt"]
    assert manifest["svar.txt"].body == "Ældrerådet"
    assert manifest["svar.txt"].round == "2021"


def test_manifest_error_keeps_the_line_of_the_file(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(excel_csv([["file", "body"], ["a.txt", "A"], ["", ""], ["a.txt", "B"]]))
    with pytest.raises(hoering.HoeringError, match=r"manifest.csv:4: 'a.txt' is listed twice"):
        read_manifest(tmp_path)


def test_gold_saved_by_danish_excel_with_labels_reads_as_the_original(tmp_path, rules):
    documents = documents_of(CORPUS)
    themes = rules.codebook.themes
    label = {t.id: t.label_da for t in themes}
    rows = list(csv.reader(io.StringIO((CORPUS / "gold.csv").read_text(encoding="utf-8"), newline="")))
    stances = {"support": "Støtte", "concern": "Bekymring", "demand": "Krav og ønsker", "neutral": "Beskrivende"}
    danish = [rows[0]] + [[*r[:4], "|".join(label[t] for t in r[4].split("|") if t), stances[r[5]]] for r in rows[1:]]
    path = tmp_path / "gold.csv"
    path.write_bytes(excel_csv(danish))
    assert read_gold(path, documents, themes) == read_gold(CORPUS / "gold.csv", documents, rules.codebook.ids)


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("doc;text;themes", ";"),
        ("doc,text,themes", ","),
        ('"doc;x",text,themes', ","),
        ("doc\ttext", "\t"),
        ("doc", ","),
    ],
)
def test_separator_is_judged_by_the_header_outside_quotes(header, delimiter):
    assert delimiter_of(header + "\r\na;b,c\n") == delimiter
