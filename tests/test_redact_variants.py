"""Personal data as people really write it: every variant is taken out, what merely looks like it stays."""

from __future__ import annotations

import pytest

import hoering
from hoering.redact import Redactor

from conftest import make_document, make_docx, make_eml


@pytest.fixture(scope="module")
def redactor(rules) -> Redactor:
    return Redactor(rules.redaction, rules.bodies)


def masked(redactor: Redactor, text: str) -> str:
    spans = redactor.find(make_document(text), [])
    return spans.mask(text, range(len(text)))


@pytest.mark.parametrize(
    "written",
    [
        "010190 1234",
        "01.01.90-1234",
        "010190\u20131234",  # en dash
        "010190\u20101234",  # Unicode hyphen
        "010190\u22121234",  # minus sign
        "010190 - 1234",
        "010190/1234",
        "010190-\n1234",  # the serial on the next line
        "0101901234",
    ],
)
def test_cpr_number_with_any_separator_is_taken_out(redactor, written):
    assert masked(redactor, f"Mit CPR-nummer er {written} og jeg er ledig.") == (
        "Mit CPR-nummer er [CPR] og jeg er ledig."
    )


@pytest.mark.parametrize(
    "kept", ["Sag 2023-123456 om planen.", "Der er 320190 1234 kr. i puljen.", "Beløb 12.345.678 kr."]
)
def test_numbers_that_are_no_cpr_stay(redactor, kept):
    assert "[CPR]" not in masked(redactor, kept)


@pytest.mark.parametrize(
    "sign_off, name",
    [
        ("Med venlig hilsen", "Mehmet Öztürk"),
        ("Med venlig hilsen", "Łukasz Nowak"),
        ("Mvh.", "Zoë Ahmadi"),
        ("Venlig hilsen", "Nguyễn Văn An"),
        ("Med venlig hilsen", "Karen McDonald"),
        ("Med venlig hilsen", "O'Brien Murphy"),
        ("MED VENLIG HILSEN", "JENS HANSEN"),
        ("Kind regards", "Karen Smith"),
        ("Best regards,", "Anne-Marie van der Berg"),
    ],
)
def test_name_after_a_sign_off_is_taken_out_whatever_its_script_or_case(redactor, sign_off, name):
    text = f"Vi støtter planen.\n\n{sign_off}\n{name}\n"
    assert masked(redactor, text) == f"Vi støtter planen.\n\n{sign_off}\n[NAVN]\n"


def test_name_below_a_title_line_is_taken_out(redactor):
    text = "Med venlig hilsen\nFormand for udvalget\nJens Hansen\n"
    assert masked(redactor, text) == "Med venlig hilsen\nFormand for udvalget\n[NAVN]\n"


@pytest.mark.parametrize("kept", ["Med venlig hilsen\nLokalt Arbejdsmarkedsråd\n", "Hilsen FOA\n"])
def test_organisation_after_a_sign_off_stays(redactor, kept):
    assert masked(redactor, kept) == kept


@pytest.mark.parametrize("written", ["23-45-67-89", "23.45.67.89", "(+45) 23456789", "+45 23 45 67 89"])
def test_phone_number_in_other_shapes_is_taken_out(redactor, written):
    assert masked(redactor, f"Du kan nå mig på {written} i dag.") == "Du kan nå mig på [TLF] i dag."


def test_phone_number_in_the_table_cell_after_telefon_is_taken_out(tmp_path, blank_pipeline):
    docx = make_docx(["Vi støtter planen."], table=[["Telefon", "23456789"], ["Navn", "Ole"]])
    (tmp_path / "svar.docx").write_bytes(docx)
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    texts = " ".join(p.text for p in result.items)
    assert "23456789" not in texts and "Vi støtter planen." in texts


@pytest.mark.parametrize(
    "written",
    ["jens (at) firma.dk", "jens [at] firma [dot] dk", "jens(snabel-a)firma.dk", "Jens.Hansen {AT} kommune.dk"],
)
def test_obfuscated_e_mail_is_taken_out(redactor, written):
    assert masked(redactor, f"Skriv til {written} hvis I vil.") == "Skriv til [EMAIL] hvis I vil."


def test_attachment_names_are_reduced_to_their_suffix(tmp_path, blank_pipeline):
    (tmp_path / "svar.eml").write_bytes(make_eml("Vi støtter planen.", attachments=["CPR 060690-6789 Ole Olsen.pdf"]))
    (tmp_path / "tom.eml").write_bytes(make_eml("", attachments=["Ole Olsen 23456789.docx"]))
    reports = {f.path: f for f in hoering.analyse(tmp_path, model=blank_pipeline).files}
    assert reports["svar.eml"].reason.endswith("; attachments not read: [BILAG].pdf (save them beside the e-mail)")
    assert "Ole" not in reports["tom.eml"].reason and "[BILAG].docx" in reports["tom.eml"].reason
    unredacted = {f.path: f for f in hoering.analyse(tmp_path, model=blank_pipeline, redact=False).files}
    assert "CPR 060690-6789 Ole Olsen.pdf" in unredacted["svar.eml"].reason
