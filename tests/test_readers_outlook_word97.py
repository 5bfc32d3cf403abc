"""Outlook .msg and Word 97-2003 .doc, the two formats municipal inboxes export most."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import hoering
from hoering.errors import InputFileError
from hoering.models import FileStatus
from hoering.readers import msword, read

from conftest import make_docx, make_rtf
from msgfile import make_msg

DOC = Path(__file__).parent / "fixtures" / "svar.doc"
needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None, reason="antiword is not installed (apt-get install antiword)"
)


# --- .msg ------------------------------------------------------------------------


def test_msg_body_subject_and_sender_hints():
    data = make_msg(
        "Ældrerådet støtter planen.\r\nVi savner dog penge til hjemmebesøg.",
        sender="Karen Jensen",
        headers="From: Karen Jensen <kj@example.org>\r\nOrganization: Ældrerådet\r\n\r\n",
    )
    extracted = read(data, ".msg")
    assert extracted.text == "Ældrerådet støtter planen.\nVi savner dog penge til hjemmebesøg."
    assert extracted.format == "msg"
    assert extracted.title == "Høringssvar"
    assert extracted.hints[0] == "Ældrerådet"
    assert "Karen Jensen" in extracted.hints


def test_msg_html_only_body_becomes_text_with_bullets():
    extracted = read(make_msg(html="<p>Vi støtter planen.</p><ul><li>flere hænder</li></ul>"), ".msg")
    assert extracted.text == "Vi støtter planen.\n\n- flere hænder\n"


def test_msg_attachments_are_named_as_not_read_like_an_eml():
    data = make_msg("Se vedhæftede svar.", attachments=[("svar.pdf", b"%PDF-1.4"), ("bilag.docx", b"PK")])
    assert read(data, ".msg").notes == ("attachments not read: svar.pdf, bilag.docx (save them beside the e-mail)",)


def test_msg_with_only_attachments_is_refused_naming_them():
    with pytest.raises(InputFileError, match=r"e-mail body is empty; attachments not read: svar\.pdf"):
        read(make_msg("", attachments=[("svar.pdf", b"%PDF-1.4")]), ".msg")


@pytest.mark.parametrize("data", [b"", b"Vi st\xf8tter planen.", b"/etc/passwd", b"PK\x03\x04" + b"\0" * 2000])
def test_bytes_that_are_no_outlook_message_are_refused(data):
    # Short bytes must never be taken for a file name by the parser underneath.
    with pytest.raises(InputFileError, match=r"not an Outlook \.msg \(no compound-file header\)"):
        read(data, ".msg")


@pytest.mark.parametrize("cut", [600, 1600, 3000])
def test_truncated_msg_is_one_reason(cut):
    with pytest.raises(InputFileError, match=r"^not a readable \.msg \("):
        read(make_msg("Vi støtter planen. " * 50)[:cut], ".msg")


def test_word_document_named_msg_is_refused_as_no_message():
    with pytest.raises(InputFileError, match=r"^not a readable \.msg \("):
        read(DOC.read_bytes(), ".msg")


# --- .doc ------------------------------------------------------------------------


@needs_antiword
def test_doc_paragraphs_in_order_with_author_and_title():
    extracted = read(DOC.read_bytes(), ".doc")
    paragraphs = [p for p in extracted.text.split("\n") if p]
    assert paragraphs[:3] == [
        "Høringssvar fra Ældrerådet",
        "Ældrerådet støtter planens mål om en tidlig indsats for sygemeldte borgere.",
        "Vi er dog bekymrede for økonomien – især for de ældste, som har brug for hjælp i eget hjem.",
    ]
    assert extracted.format == "doc"
    assert extracted.hints == ("Ældrerådet",)
    assert extracted.title == "Høringssvar"


def test_doc_without_antiword_is_refused_saying_how_to_read_it(monkeypatch):
    monkeypatch.setattr(msword.shutil, "which", lambda name: None)
    with pytest.raises(
        InputFileError, match=r"antiword is not installed \(apt-get install antiword\), or save the file as \.docx"
    ):
        read(DOC.read_bytes(), ".doc")


def test_doc_that_is_really_rtf_or_docx_is_read_for_what_it_is():
    assert read(make_rtf("Vi støtter planen."), ".doc").format == "rtf"
    assert read(make_docx(["Vi støtter planen."]), ".doc").format == "docx"


def test_bytes_that_are_no_word_document_are_refused():
    with pytest.raises(InputFileError, match=r"not a Word \.doc \(no compound-file header\)"):
        read(b"Vi st\xf8tter planen.\n" * 100, ".doc")


@needs_antiword
@pytest.mark.parametrize("cut", [2000, 8000])
def test_truncated_doc_is_one_reason_without_the_temporary_path(cut):
    with pytest.raises(InputFileError, match=r"^not a readable \.doc \(antiword: ") as caught:
        read(DOC.read_bytes()[:cut], ".doc")
    assert "/tmp" not in str(caught.value)


@needs_antiword
def test_outlook_message_named_doc_is_refused():
    with pytest.raises(InputFileError, match=r"^not a readable \.doc \(antiword: "):
        read(make_msg("Vi støtter planen."), ".doc")


# --- in a corpus ---------------------------------------------------------------------


@needs_antiword
def test_msg_and_doc_are_analysed_beside_the_other_formats_and_broken_ones_skipped(tmp_path, blank_pipeline):
    (tmp_path / "mail.msg").write_bytes(make_msg("Vi støtter en tidlig indsats for sygemeldte."))
    (tmp_path / "svar.doc").write_bytes(DOC.read_bytes())
    (tmp_path / "lar.txt").write_text("Rådet støtter planen.\n", encoding="utf-8")
    (tmp_path / "afkortet.msg").write_bytes(make_msg("Vi støtter planen. " * 50)[:1600])
    (tmp_path / "afkortet.doc").write_bytes(DOC.read_bytes()[:2000])
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    status = {f.path: f.status for f in result.files}
    assert status["mail.msg"] == status["svar.doc"] == status["lar.txt"] == FileStatus.READ
    assert status["afkortet.msg"] == status["afkortet.doc"] == FileStatus.SKIPPED
    assert {p.doc_id for p in result.items} >= {"mail.msg", "svar.doc"}
