"""One reader per format: the text each gives, the hints it keeps, and the files it refuses."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from hoering.errors import InputFileError
from hoering.readers import MAX_TEXT_CHARS, read
from hoering.readers import pdf as pdf_reader

from conftest import make_docx, make_eml, make_odt, make_pdf, make_rtf, make_scanned_pdf, replace_zip_member

DANISH = "Rådet er enige i, at “den tidlige indsats” er afgørende – også for de ældste."
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
).encode("utf-8")


# --- plain text and its encodings ------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (DANISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + DANISH.encode("utf-8"), "utf-8 with BOM"),
        (DANISH.encode("utf-16"), "utf-16"),  # Python writes the byte order mark
        (codecs.BOM_UTF16_BE + DANISH.encode("utf-16-be"), "utf-16"),
        (DANISH.encode("cp1252"), "cp1252"),
    ],
)
def test_text_encoding_is_detected_and_the_text_is_the_same(encoded, encoding):
    extracted = read(encoded, ".txt")
    assert extracted.text == DANISH
    assert extracted.encoding == encoding


def test_latin1_text_is_read_with_its_danish_letters():
    text = "Ældrerådet bemærker, at færre sager pr. sagsbehandler giver bedre samtaler."
    extracted = read(text.encode("latin-1"), ".txt")
    assert extracted.text == text
    assert extracted.encoding in ("cp1252", "latin_1", "iso8859_15")  # identical for these bytes


def test_cp1252_windows_line_ends_become_newlines():
    extracted = read("Første linje.\r\nAnden linje.\r\n".encode("cp1252"), ".md")
    assert extracted.text == "Første linje.\nAnden linje.\n"
    assert extracted.format == "md"


def test_binary_file_named_txt_is_refused_for_its_nul_bytes():
    with pytest.raises(InputFileError, match=r"binary file, not text \(NUL bytes\)"):
        read(bytes(range(256)) * 10, ".txt")


def test_binary_file_without_nul_bytes_is_refused_not_decoded_to_mojibake():
    noise = bytes((i * 151 + 7) % 256 or 1 for i in range(4000))
    with pytest.raises(InputFileError, match="binary file"):
        read(noise, ".txt")


def test_text_beyond_the_character_limit_is_refused_not_truncated():
    with pytest.raises(InputFileError, match=r"text too long \(1 000 001 characters; the limit is 1 000 000\)"):
        read(b"a" * (MAX_TEXT_CHARS + 1), ".txt")


def test_unknown_suffix_names_the_supported_ones():
    with pytest.raises(InputFileError, match=r"unsupported format \(\.xlsx\); supported: \.txt, \.md, \.docx"):
        read(b"PK", ".xlsx")


# --- .docx ---------------------------------------------------------------------------


def test_docx_paragraphs_list_items_and_table_cells_in_order():
    data = make_docx(
        paragraphs=["Høringssvar", "Vi støtter planen."],
        items=["Flere samtaler.", "Færre sager."],
        table=[["Tema", "Holdning"], ["Unge", "Enig"]],
    )
    text = read(data, ".docx").text
    assert text == (
        "Høringssvar\n\nVi støtter planen.\n\n- Flere samtaler.\n- Færre sager.\n\nTema\n\nHoldning\n\nUnge\n\nEnig\n"
    )


def test_docx_page_header_and_footer_are_left_out():
    text = read(make_docx(["Vi støtter planen."], header="Slagelse Kommune", footer="Side 1"), ".docx").text
    assert text == "Vi støtter planen.\n"


def test_docx_author_and_title_are_kept_as_hints():
    extracted = read(make_docx(["Vi støtter planen."], author="Handicaprådet", title="Høringssvar 2021"), ".docx")
    assert extracted.hints[0] == "Handicaprådet"
    assert extracted.title == "Høringssvar 2021"


def test_truncated_docx_is_refused_as_a_bad_zip_file():
    data = make_docx(["Vi støtter planen."])
    with pytest.raises(InputFileError, match=r"^truncated or not a \.docx \(bad zip file"):
        read(data[: len(data) // 2], ".docx")


def test_zip_bomb_disguised_as_docx_is_refused_before_inflating():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))  # 50 MB of zeros in about 50 KB
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(
        InputFileError, match=r"^possible zip bomb \(\.docx part word/document\.xml is compressed \d+:1; limit 200:1\)$"
    ):
        read(bomb.getvalue(), ".docx")


def test_docx_unpacking_beyond_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr("hoering.readers._zip.MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(
        InputFileError, match=r"^possible zip bomb \(\.docx would unpack to [\d.]+ MB; limit 0\.0 MB\)$"
    ):
        read(make_docx(["Vi støtter planen."] * 400), ".docx")


def test_docx_with_entity_expansion_payload_is_refused():
    data = replace_zip_member(make_docx(["Vi støtter planen."]), "word/document.xml", BILLION_LAUGHS)
    with pytest.raises(
        InputFileError,
        match=r"^unsafe XML \(DTD or entity declarations, DTDForbidden\) in \.docx part word/document\.xml: refusing",
    ):
        read(data, ".docx")


def test_docx_with_malformed_xml_is_refused():
    data = replace_zip_member(make_docx(["Vi støtter planen."]), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(InputFileError, match=r"malformed XML in \.docx part word/document\.xml"):
        read(data, ".docx")


# --- .pdf -------------------------------------------------------------------------------


def test_pdf_pages_in_order_without_running_header_and_page_numbers():
    data = make_pdf(
        [["Høringssvar til planen", "Vi støtter planen."], ["Side to har et afsnit."], ["Tredje side."]],
        running_header="Slagelse Kommune - Høringssvar",
        numbered=True,
    )
    text = read(data, ".pdf").text
    assert text == "Høringssvar til planen\n\nVi støtter planen.\n\nSide to har et afsnit.\n\nTredje side.\n"


def test_pdf_word_hyphenated_over_a_page_break_runs_on_without_a_blank_line():
    data = make_pdf(
        [["Vi støtter planen.", "Det er vigtigt at undgå et formåls-"], ["løst forløb for de ledige.", "Nyt afsnit."]],
        numbered=True,
    )
    text = read(data, ".pdf").text
    assert "et formåls-\nløst forløb for de ledige.\n\nNyt afsnit." in text


def test_pdf_bare_page_number_lines_are_removed_even_on_one_page():
    text = read(make_pdf([["Vi støtter planen.", "3"]]), ".pdf").text
    assert text == "Vi støtter planen.\n"


def test_pdf_author_is_a_hint():
    assert read(make_pdf([["Vi støtter planen."]], author="Ungerådet"), ".pdf").hints == ("Ungerådet",)


def test_scanned_pdf_is_reported_as_without_text_layer():
    with pytest.raises(InputFileError, match=r"^no text layer \(scanned\?\): 2 pages without text$"):
        read(make_scanned_pdf(2), ".pdf")


def test_pdf_that_raises_inside_the_parser_is_one_reason(monkeypatch):
    class Exploding:
        def __init__(self, *args, **kwargs) -> None:
            raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pdf_reader, "PdfReader", Exploding)
    with pytest.raises(InputFileError, match=r"^not a readable \.pdf \(RecursionError: maximum recursion"):
        read(make_pdf([["Vi støtter planen."]]), ".pdf")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", b"not a pdf"],
)
def test_malformed_pdf_bytes_are_one_reason(data):
    with pytest.raises(InputFileError, match=r"not a readable \.pdf|no text layer"):
        read(data, ".pdf")


def test_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 2)
    with pytest.raises(InputFileError, match=r"\.pdf has 3 pages \(limit 2\)"):
        read(make_pdf([["Et."], ["To."], ["Tre."]]), ".pdf")


# --- .odt, .rtf, .eml -------------------------------------------------------------------------


def test_odt_headings_paragraphs_and_list_items():
    body = (
        "<text:h>Høringssvar</text:h>"
        '<text:p>Vi<text:s text:c="2"/>støtter <text:span>planen</text:span>.<text:note><text:note-body>'
        "<text:p>Fodnote.</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>Flere samtaler.</text:p></text:list-item>"
        "<text:list-item><text:p>Færre sager.</text:p></text:list-item></text:list>"
    )
    extracted = read(make_odt(body, creator="Ungerådet"), ".odt")
    assert extracted.text == "Høringssvar\n\nVi  støtter planen.\n\n- Flere samtaler.\n- Færre sager.\n"
    assert extracted.hints == ("Ungerådet",)


def test_odt_with_entity_declarations_is_refused():
    data = make_odt("<text:p>&lol;</text:p>", prolog='<!DOCTYPE x [<!ENTITY lol "lol">]>')
    with pytest.raises(InputFileError, match=r"^unsafe XML .* in \.odt part content\.xml"):
        read(data, ".odt")


def test_odt_space_count_is_bounded():
    text = read(make_odt('<text:p>a<text:s text:c="999999999"/>b</text:p>'), ".odt").text
    assert len(text) < 200


def test_rtf_escapes_are_decoded_in_the_declared_code_page():
    extracted = read(make_rtf("Rådet er “enige”.", "Ønsker færre sager – tak."), ".rtf")
    assert extracted.text == "Rådet er “enige”.\nØnsker færre sager – tak.\n"


def test_rtf_without_its_header_is_refused():
    with pytest.raises(InputFileError, match=r"not an RTF file"):
        read("Rådet er enige.".encode(), ".rtf")


def test_eml_body_and_organisation_hint():
    extracted = read(make_eml("Vi støtter planen.\n", organization="Handicaprådet"), ".eml")
    assert extracted.text == "Vi støtter planen.\n"
    assert extracted.hints == ("Handicaprådet", "Jens Hansen")
    assert extracted.title == "Høringssvar"


def test_eml_html_only_body_becomes_text_with_bullets():
    html = "<html><head><style>p {}</style></head><body><p>Vi støtter <b>planen</b>.</p><ul><li>Et</li><li>To</li></ul></body></html>"
    assert read(make_eml(html, html=True), ".eml").text == "Vi støtter planen.\n\n- Et\n- To\n"


def test_eml_attachments_are_named_as_not_read():
    extracted = read(make_eml("Se vedhæftede svar.\n", attachments=["høringssvar.pdf"]), ".eml")
    assert extracted.text == "Se vedhæftede svar.\n"
    assert extracted.notes == ("attachments not read: høringssvar.pdf (save them beside the e-mail)",)


def test_eml_with_only_attachments_is_refused_naming_them():
    with pytest.raises(InputFileError, match=r"^e-mail body is empty; attachments not read: svar\.pdf, bilag\.pdf"):
        read(make_eml("", attachments=["svar.pdf", "bilag.pdf"]), ".eml")


def test_bytes_that_are_no_email_are_refused():
    with pytest.raises(InputFileError, match="not an e-mail"):
        read(b"\n\nJust text, no headers.", ".eml")
