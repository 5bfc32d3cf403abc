"""Finding and reading response files: header, manifest, rounds, files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

import hoering
from hoering.corpus import parse_header, read_corpus, read_manifest
from hoering.errors import CorpusError, InputFileError
from hoering.models import Document, FileReport, FileStatus, Metadata

HEADER = """---
body: Lokalt Arbejdsmarkedsråd
body_type: raad
round: 2020
plan: Beskæftigelsesplan 2021-2022
date: 2020-10-20
---
"""
RESPONSE = "Rådet er enige i, at det er afgørende med en tidlig indsats for at kunne fastholde sygemeldte.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_all(folder: Path) -> tuple[dict[str, Document], dict[str, FileReport]]:
    """Documents and skip reports of a corpus folder, keyed by relative path."""
    documents: dict[str, Document] = {}
    reports: dict[str, FileReport] = {}
    for item in read_corpus(folder):
        if isinstance(item, Document):
            documents[item.doc_id] = item
        else:
            reports[item.path] = item
    return documents, reports


# --- header -----------------------------------------------------------------


def test_header_keys_become_metadata():
    meta, start = parse_header(HEADER + RESPONSE)
    assert meta == Metadata(
        body="Lokalt Arbejdsmarkedsråd",
        body_type="raad",
        round="2020",
        plan="Beskæftigelsesplan 2021-2022",
        date="2020-10-20",
    )
    assert (HEADER + RESPONSE)[start:] == RESPONSE


def test_header_comment_lines_are_ignored():
    text = "---\nround: 2023\n# To afsendere i én fil: body: Ledergruppen\nplan: Beskæftigelsespolitik 2023-2026\n---\nTekst.\n"
    meta, _ = parse_header(text)
    assert meta.body is None
    assert meta.round == "2023"
    assert meta.plan == "Beskæftigelsespolitik 2023-2026"


def test_header_value_may_contain_a_colon():
    meta, _ = parse_header("---\ntitle: CASE: Hjørringmodellen\n---\nTekst.\n")
    assert meta.title == "CASE: Hjørringmodellen"


def test_text_without_header_starts_at_zero():
    meta, start = parse_header(RESPONSE)
    assert (meta, start) == (Metadata(), 0)


def test_header_unknown_key_names_key_and_line():
    with pytest.raises(InputFileError) as info:
        parse_header("---\nbody: FagMED\nauthor: Jens\n---\nTekst.\n")
    message = str(info.value)
    assert "'author'" in message
    assert "line 3" in message


def test_header_without_closing_line_is_an_error():
    with pytest.raises(InputFileError, match="no closing '---'"):
        parse_header("---\nbody: FagMED\nround: 2021\n")


def test_unterminated_header_running_into_the_text_names_the_line():
    with pytest.raises(InputFileError, match="header line 5"):
        parse_header("---\nbody: FagMED\nround: 2021\n\nVi har læst planen.\n")


def test_header_unknown_key_skips_the_file_with_the_reason(tmp_path):
    write(tmp_path, "svar.txt", "---\nbody: FagMED\nauthor: Jens\n---\n" + RESPONSE)
    documents, reports = read_all(tmp_path)
    assert documents == {}
    assert reports["svar.txt"].status is FileStatus.SKIPPED
    assert "'author'" in reports["svar.txt"].reason
    assert "line 3" in reports["svar.txt"].reason


def test_document_text_keeps_the_header_and_body_start_points_past_it(tmp_path):
    write(tmp_path, "svar.txt", HEADER + RESPONSE)
    documents, _ = read_all(tmp_path)
    document = documents["svar.txt"]
    assert document.text == HEADER + RESPONSE
    assert document.text[document.body_start :] == RESPONSE
    assert document.meta.body == "Lokalt Arbejdsmarkedsråd"


# --- manifest -----------------------------------------------------------------


def test_manifest_overrides_header_fields(tmp_path):
    write(tmp_path, "svar.txt", HEADER + RESPONSE)
    write(tmp_path, "manifest.csv", "file,body,round\nsvar.txt,FagMED,2021\n")
    documents, reports = read_all(tmp_path)
    meta = documents["svar.txt"].meta
    assert (meta.body, meta.round) == ("FagMED", "2021")
    assert meta.plan == "Beskæftigelsesplan 2021-2022"  # not in the manifest: kept from the header
    assert "manifest.csv" not in reports


def test_manifest_empty_cell_keeps_the_header_value(tmp_path):
    write(tmp_path, "svar.txt", HEADER + RESPONSE)
    write(tmp_path, "manifest.csv", "file,body,round\nsvar.txt,,2021\n")
    documents, _ = read_all(tmp_path)
    assert documents["svar.txt"].meta.body == "Lokalt Arbejdsmarkedsråd"


def test_manifest_gives_metadata_to_a_file_without_header(tmp_path):
    write(tmp_path, "svar.txt", RESPONSE)
    write(tmp_path, "manifest.csv", "file,body,body_type\nsvar.txt,Handicaprådet,raad\n")
    documents, _ = read_all(tmp_path)
    assert documents["svar.txt"].meta.body == "Handicaprådet"
    assert documents["svar.txt"].body_start == 0


def test_manifest_unknown_column_names_manifest_and_line_1(tmp_path):
    write(tmp_path, "svar.txt", RESPONSE)
    manifest = write(tmp_path, "manifest.csv", "file,afsender\nsvar.txt,FagMED\n")
    with pytest.raises(CorpusError) as info:
        read_manifest(tmp_path)
    message = str(info.value)
    assert f"{manifest}:1:" in message
    assert "'afsender'" in message


def test_manifest_unknown_column_stops_the_corpus_read(tmp_path):
    write(tmp_path, "svar.txt", RESPONSE)
    write(tmp_path, "manifest.csv", "file,afsender\nsvar.txt,FagMED\n")
    with pytest.raises(CorpusError, match=r"manifest\.csv:1:"):
        list(read_corpus(tmp_path))


def test_manifest_without_file_column_is_an_error(tmp_path):
    write(tmp_path, "manifest.csv", "navn,body\nsvar.txt,FagMED\n")
    with pytest.raises(CorpusError, match="'file' column"):
        read_manifest(tmp_path)


def test_manifest_listing_a_missing_file_gives_a_skipped_report(tmp_path):
    write(tmp_path, "svar.txt", RESPONSE)
    write(tmp_path, "manifest.csv", "file,body\nsvar.txt,FagMED\nborte.txt,Ungerådet\n")
    documents, reports = read_all(tmp_path)
    assert list(documents) == ["svar.txt"]
    assert reports["borte.txt"].status is FileStatus.SKIPPED
    assert "not found" in reports["borte.txt"].reason


# --- rounds -------------------------------------------------------------------


def test_round_comes_from_a_year_folder(tmp_path):
    write(tmp_path, "2021/fagmed.txt", RESPONSE)
    documents, _ = read_all(tmp_path)
    assert documents["2021/fagmed.txt"].meta.round == "2021"


def test_header_round_wins_over_the_folder(tmp_path):
    write(tmp_path, "2021/fagmed.txt", "---\nround: 2022\n---\n" + RESPONSE)
    documents, _ = read_all(tmp_path)
    assert documents["2021/fagmed.txt"].meta.round == "2022"


def test_folder_that_is_not_a_year_gives_no_round(tmp_path):
    write(tmp_path, "svar/fagmed.txt", RESPONSE)
    documents, _ = read_all(tmp_path)
    assert documents["svar/fagmed.txt"].meta.round is None


# --- files that are skipped -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("tom.txt", "", "empty file"),
        ("blank.txt", "  \n\n \n", "empty file"),
        ("kun-header.txt", "---\nbody: FagMED\n---\n\n", "no response text"),
        ("binaer.txt", b"PK\x03\x04\x00\x00binary", "binary"),
        ("svar.docx", b"PK\x03\x04\x00\x00", "truncated or not a .docx"),
        ("regneark.xlsx", b"PK\x03\x04\x00\x00", "unsupported format (.xlsx)"),
        ("README", "Tekst uden filtype.", "unsupported format"),
        (".skjult.txt", RESPONSE, "hidden file"),
    ],
)
def test_unreadable_file_is_skipped_with_reason_while_others_are_read(tmp_path, name, content, reason):
    write(tmp_path, "svar.txt", HEADER + RESPONSE)
    write(tmp_path, name, content)
    documents, reports = read_all(tmp_path)
    assert list(documents) == ["svar.txt"]
    assert reports[name].status is FileStatus.SKIPPED
    assert reason in reports[name].reason


def test_hidden_folder_is_skipped(tmp_path):
    write(tmp_path, "svar.txt", RESPONSE)
    write(tmp_path, ".git/svar.txt", RESPONSE)
    documents, reports = read_all(tmp_path)
    assert list(documents) == ["svar.txt"]
    assert "hidden folder" in reports[".git"].reason


def test_markdown_files_are_read(tmp_path):
    write(tmp_path, "svar.md", RESPONSE)
    documents, _ = read_all(tmp_path)
    assert list(documents) == ["svar.md"]


def test_byte_order_mark_is_dropped(tmp_path):
    write(tmp_path, "svar.txt", b"\xef\xbb\xbf" + (HEADER + RESPONSE).encode("utf-8"))
    documents, _ = read_all(tmp_path)
    assert documents["svar.txt"].meta.round == "2020"


def test_crlf_line_ends_are_read_as_newlines(tmp_path):
    write(tmp_path, "svar.txt", (HEADER + RESPONSE).replace("\n", "\r\n").encode("utf-8"))
    documents, _ = read_all(tmp_path)
    document = documents["svar.txt"]
    assert "\r" not in document.text
    assert document.meta.body == "Lokalt Arbejdsmarkedsråd"
    assert document.text[document.body_start :] == RESPONSE


def test_crlf_response_gives_the_same_positions(tmp_path, blank_pipeline):
    text = HEADER + "Til BSU\n\nVi har læst planen.\n" + RESPONSE
    write(tmp_path / "lf", "svar.txt", text)
    write(tmp_path / "crlf", "svar.txt", text.replace("\n", "\r\n").encode("utf-8"))
    lf = hoering.analyse(tmp_path / "lf", model=blank_pipeline)
    crlf = hoering.analyse(tmp_path / "crlf", model=blank_pipeline)
    assert [p.text for p in crlf.items] == [p.text for p in lf.items] == ["Vi har læst planen.", RESPONSE.strip()]
    assert [p.section for p in crlf.items] == ["Til BSU", "Til BSU"]


def test_analyse_accounts_for_every_file(tmp_path, blank_pipeline):
    write(tmp_path, "svar.txt", HEADER + RESPONSE)
    write(tmp_path, "svar.docx", b"PK\x03\x04")
    write(tmp_path, "tom.txt", "")
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    status = {f.path: f.status for f in result.files}
    assert status == {"svar.docx": FileStatus.SKIPPED, "svar.txt": FileStatus.READ, "tom.txt": FileStatus.SKIPPED}
    assert [p.doc_id for p in result.items] == ["svar.txt"]


# --- the corpus folder ----------------------------------------------------------


def test_missing_corpus_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        list(read_corpus(tmp_path / "findes-ikke"))


def test_corpus_path_that_is_a_file_is_an_error(tmp_path):
    path = write(tmp_path, "svar.txt", RESPONSE)
    with pytest.raises(CorpusError, match="not a folder"):
        list(read_corpus(path))


def test_analyse_of_a_missing_folder_is_a_corpus_error(tmp_path, blank_pipeline):
    with pytest.raises(CorpusError):
        hoering.analyse(tmp_path / "findes-ikke", model=blank_pipeline)


def test_analyse_of_a_folder_with_only_unreadable_files_is_a_corpus_error(tmp_path, blank_pipeline):
    write(tmp_path, "tom.txt", "")
    with pytest.raises(CorpusError, match="no readable response files"):
        hoering.analyse(tmp_path, model=blank_pipeline)


def test_sample_corpus_headers_are_read(corpus_dir):
    documents, reports = read_all(corpus_dir)
    assert reports == {}
    assert len(documents) == 5
    lar = documents["2020_lar_beskaeftigelsesplan-2021-2022.txt"].meta
    assert (lar.body, lar.body_type, lar.round, lar.date) == ("Lokalt Arbejdsmarkedsråd", "raad", "2020", "2020-10-20")
    both = documents["2023_ledergruppen-og-fagmed_beskaeftigelsespolitik-2023-2026.txt"].meta
    assert both.body is None
    assert both.plan == "Beskæftigelsespolitik 2023-2026"
