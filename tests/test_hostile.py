"""Hostile and broken files in a corpus: each is skipped with its reason, the others read as before."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import hoering
from hoering.cli import app
from hoering.corpus import read_corpus
from hoering.errors import ExitCode
from hoering.models import Document, FileReport, FileStatus
from hoering.readers import pdf as pdf_reader

from conftest import make_docx, make_eml, make_odt, make_pdf, make_rtf, make_scanned_pdf, replace_zip_member

GOOD = {
    "lar.txt": (
        "Lokalt Arbejdsmarkedsråd har drøftet planen.\n\n"
        "Rådet støtter en tidlig indsats for sygemeldte. Der er dog behov for flere ressourcer.\n"
    ).encode(),
    "fagmed.txt": (b"---\nbody: FagMED\nround: 2021\n---\nVi bakker op om den hyppige kontakt med borgerne.\n"),
}
BOMB = io.BytesIO()
with zipfile.ZipFile(BOMB, "w", zipfile.ZIP_DEFLATED) as _archive:
    _archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
ENTITIES = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
)
HOSTILE = {
    "tom.txt": (b"", "empty file"),
    "binaer.txt": (bytes(range(256)) * 4, "binary file, not text (NUL bytes)"),
    "afkortet.docx": (make_docx(["Vi støtter planen."])[:600], "truncated or not a .docx (bad zip file"),
    "bombe.docx": (BOMB.getvalue(), "possible zip bomb (.docx part word/document.xml is compressed"),
    "entiteter.docx": (
        replace_zip_member(make_docx(["Vi støtter planen."]), "word/document.xml", ENTITIES),
        "unsafe XML (DTD or entity declarations, DTDForbidden) in .docx part word/document.xml",
    ),
    "skannet.pdf": (make_scanned_pdf(1), "no text layer (scanned?)"),
    "ødelagt.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<\n", "not a readable .pdf"),
}


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def by_path(result: hoering.Result) -> dict[str, object]:
    return {f.path: f for f in result.files}


def position_rows(result: hoering.Result) -> list[tuple]:
    return [(p.doc_id, p.body, p.start, p.end, p.text, p.theme_ids, p.stance.stance) for p in result.items]


@pytest.fixture(scope="module")
def clean(tmp_path_factory, blank_pipeline) -> hoering.Result:
    folder = tmp_path_factory.mktemp("clean")
    write_files(folder, GOOD)
    return hoering.analyse(folder, model=blank_pipeline)


def test_every_hostile_file_is_skipped_with_its_reason_and_the_others_are_unchanged(tmp_path, blank_pipeline, clean):
    write_files(tmp_path, GOOD)
    write_files(tmp_path, {name: data for name, (data, _) in HOSTILE.items()})
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    reports = by_path(result)
    for name, (_, reason) in HOSTILE.items():
        assert reports[name].status is FileStatus.SKIPPED, name
        assert reason in reports[name].reason, (name, reports[name].reason)
    assert sorted(r.path for r in result.read) == sorted(GOOD)
    assert position_rows(result) == position_rows(clean)
    assert result.summary()["skipped"] == len(HOSTILE)


def test_pdf_that_raises_inside_the_parser_is_skipped_and_the_rest_read(tmp_path, blank_pipeline, monkeypatch, clean):
    def explode(*args, **kwargs):
        raise KeyError("/Root")

    monkeypatch.setattr(pdf_reader, "PdfReader", explode)
    write_files(tmp_path, {**GOOD, "svar.pdf": make_pdf([["Vi støtter planen."]])})
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    assert by_path(result)["svar.pdf"].reason == "not a readable .pdf (KeyError: '/Root')"
    assert position_rows(result) == position_rows(clean)


def test_50_mb_single_line_text_file_is_skipped_as_too_large_without_reading_it(tmp_path, blank_pipeline, clean):
    write_files(tmp_path, GOOD)
    with (tmp_path / "en-linje.txt").open("wb") as handle:
        handle.write(b"ord " * (50 * 1024 * 1024 // 4))
    began = time.monotonic()
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    assert time.monotonic() - began < 30
    assert by_path(result)["en-linje.txt"].reason == "file too large (50 MB; the limit is 20 MB)"
    assert position_rows(result) == position_rows(clean)


def test_long_single_line_under_the_size_limit_is_skipped_as_too_long_text(tmp_path, blank_pipeline):
    write_files(tmp_path, {**GOOD, "en-linje.txt": b"ord " * 300_000})
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    assert by_path(result)["en-linje.txt"].reason.startswith("text too long (1 200 000 characters")


def test_path_with_spaces_and_danish_letters_is_read(tmp_path, blank_pipeline):
    write_files(tmp_path, {"Svar 2021/Høringssvar fra Ældrerådet.docx": make_docx(["Vi støtter en tidlig indsats."])})
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    (report,) = result.files
    assert (report.path, report.status, report.format) == (
        "Svar 2021/Høringssvar fra Ældrerådet.docx",
        FileStatus.READ,
        "docx",
    )
    assert [p.text for p in result.items] == ["Vi støtter en tidlig indsats."]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop_in_the_corpus_folder_is_reported_not_followed(tmp_path, blank_pipeline):
    write_files(tmp_path, GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "tilbage").symlink_to(tmp_path, target_is_directory=True)  # sub/tilbage -> the corpus
    (tmp_path / "sløjfe.txt").symlink_to(tmp_path / "sløjfe.txt")  # a link to itself
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    reports = by_path(result)
    assert reports["sub/tilbage"].reason == "link to a folder, not followed"
    assert reports["sløjfe.txt"].status is FileStatus.SKIPPED
    assert reports["sløjfe.txt"].reason.startswith("cannot read file (Too many levels of symbolic links")
    assert sorted(r.path for r in result.read) == sorted(GOOD)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_skipped_instead_of_blocking_the_run(tmp_path, blank_pipeline):
    write_files(tmp_path, GOOD)
    os.mkfifo(tmp_path / "rør.txt")  # reading it would wait for a writer forever
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    assert by_path(result)["rør.txt"].reason.startswith("not a regular file")
    assert sorted(r.path for r in result.read) == sorted(GOOD)


def test_file_that_disappears_between_scan_and_read_is_reported(tmp_path):
    write_files(tmp_path, {"a.txt": GOOD["lar.txt"], "b.txt": GOOD["fagmed.txt"]})
    items = read_corpus(tmp_path)
    first = next(items)
    (tmp_path / "b.txt").unlink()  # the folder was scanned when the first file was read
    rest = list(items)
    assert isinstance(first, Document) and first.doc_id == "a.txt"
    assert rest == [FileReport("b.txt", FileStatus.SKIPPED, "file disappeared before it could be read", format="txt")]


def test_duplicate_file_is_reported_and_counted_once_with_dedupe(tmp_path, blank_pipeline):
    write_files(tmp_path, {"a.txt": GOOD["lar.txt"], "kopi/a.txt": GOOD["lar.txt"].replace(b"\n\n", b"\r\n\r\n")})
    kept = hoering.analyse(tmp_path, model=blank_pipeline)
    assert by_path(kept)["kopi/a.txt"].status is FileStatus.READ
    assert by_path(kept)["kopi/a.txt"].duplicate_of == "a.txt"
    assert kept.summary()["duplicates"] == 1
    once = hoering.analyse(tmp_path, model=blank_pipeline, dedupe=True)
    report = by_path(once)["kopi/a.txt"]
    assert (report.status, report.reason, report.duplicate_of) == (
        FileStatus.SKIPPED,
        "duplicate (same text and metadata as a.txt)",
        "a.txt",
    )
    assert len(once.items) * 2 == len(kept.items)


def test_same_text_under_another_body_is_not_a_duplicate(tmp_path, blank_pipeline):
    text = "Vi bakker op om den hyppige kontakt med borgerne.\n"
    write_files(
        tmp_path,
        {"a.txt": f"---\nbody: FagMED\n---\n{text}".encode(), "b.txt": f"---\nbody: Ungerådet\n---\n{text}".encode()},
    )
    result = hoering.analyse(tmp_path, model=blank_pipeline, dedupe=True)
    assert [r.path for r in result.read] == ["a.txt", "b.txt"]
    assert not any(r.duplicate_of for r in result.files)


# --- the command line -------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(app, ["analyse", *map(str, args)], env={"COLUMNS": "200"})


def test_strict_exits_3_for_hostile_files_after_writing_every_file_to_files_csv(tmp_path):
    corpus = tmp_path / "corpus"
    write_files(corpus, GOOD)
    write_files(corpus, {name: data for name, (data, _) in HOSTILE.items()})
    result = run(corpus, "--model", "blank", "--strict", "--out", tmp_path / "out", "--format", "csv")
    assert result.exit_code == ExitCode.SKIPPED_FILES, result.output
    files = pd.read_csv(tmp_path / "out" / "files.csv", keep_default_na=False)
    assert sorted(files["path"]) == sorted([*GOOD, *HOSTILE])
    lines = {line.split(": ")[0]: line for line in result.stderr.splitlines() if line.startswith("skipped ")}
    for name, (_, reason) in HOSTILE.items():
        assert reason in lines[f"skipped {name}"]


def test_dedupe_option_counts_a_duplicate_once(tmp_path):
    write_files(tmp_path, {"a.txt": GOOD["lar.txt"], "b.txt": GOOD["lar.txt"]})
    plain = run(tmp_path, "--model", "blank", "--format", "json")
    assert "duplicate b.txt: same text as a.txt (--dedupe counts it once)" in plain.stderr
    deduped = run(tmp_path, "--model", "blank", "--format", "json", "--dedupe")
    assert deduped.exit_code == 0, deduped.output
    assert "skipped b.txt: duplicate (same text and metadata as a.txt)" in deduped.stderr
    assert "2 files: 1 read, 1 skipped (1 duplicate) · " in deduped.stderr


def test_mixed_format_corpus_is_analysed_in_one_command_and_every_file_accounted_for(tmp_path):
    corpus = tmp_path / "corpus"
    sentence = "Vi støtter en tidlig indsats for sygemeldte."
    write_files(
        corpus,
        {
            "1 tekst.txt": f"Handicaprådet har drøftet planen.\n\n{sentence}\n".encode("cp1252"),
            "2 noter.md": ("\ufeff" + f"Ungerådet har læst planen.\n\n{sentence}\n").encode("utf-8"),
            "3 utf16.txt": f"Sektor MED har drøftet planen.\n\n{sentence}\n".encode("utf-16"),
            "4 word.docx": make_docx(["Høringssvar", sentence], author="Erhvervsforeningen"),
            "5 pdf.pdf": make_pdf([["Høringssvar", sentence], ["Med venlig hilsen", "Ledergruppen"]], numbered=True),
            "6 odt.odt": make_odt(f"<text:p>{sentence}</text:p>", creator="Lokalt Arbejdsmarkedsråd"),
            "7 rtf.rtf": make_rtf("FagMED har drøftet planen.", "", sentence),
            "8 mail.eml": make_eml(f"{sentence}\n", organization="Handicaprådet", attachments=["bilag.pdf"]),
            "9 ukendt.txt": f"{sentence}\n".encode(),
            "tom.txt": b"",
            "skannet.pdf": make_scanned_pdf(1),
            "regneark.xlsx": b"PK\x03\x04",
        },
    )
    result = run(corpus, "--model", "blank", "--out", tmp_path / "out", "--format", "json")
    assert result.exit_code == 0, result.output
    files = pd.read_csv(tmp_path / "out" / "files.csv", keep_default_na=False).set_index("path")
    assert len(files) == 12
    read = files[files["status"] == "read"]
    assert dict(zip(read.index, read["bodies"])) == {
        "1 tekst.txt": "Handicaprådet",
        "2 noter.md": "Ungerådet",
        "3 utf16.txt": "Sektor MED",
        "4 word.docx": "Erhvervsforeningen",
        "5 pdf.pdf": "Ledergruppen",
        "6 odt.odt": "Lokalt Arbejdsmarkedsråd",
        "7 rtf.rtf": "FagMED",
        "8 mail.eml": "Handicaprådet",
        "9 ukendt.txt": "ukendt afsender",
    }
    assert dict(zip(read.index, read["format"])) == {
        "1 tekst.txt": "txt (cp1252)",
        "2 noter.md": "md (utf-8 with BOM)",
        "3 utf16.txt": "txt (utf-16)",
        "4 word.docx": "docx",
        "5 pdf.pdf": "pdf",
        "6 odt.odt": "odt",
        "7 rtf.rtf": "rtf (cp1252)",
        "8 mail.eml": "eml",
        "9 ukendt.txt": "txt (utf-8)",
    }
    assert files.loc["9 ukendt.txt", "body_source"] == "unknown"
    assert files.loc["9 ukendt.txt", "reason"].startswith("body unknown")
    assert "read 9 ukendt.txt: body unknown" in result.stderr
    assert files.loc["8 mail.eml", "reason"] == "attachments not read: [BILAG].pdf (save them beside the e-mail)"
    skipped = files[files["status"] == "skipped"]
    assert sorted(skipped.index) == ["regneark.xlsx", "skannet.pdf", "tom.txt"]
    positions = pd.read_csv(tmp_path / "out" / "positions.csv", keep_default_na=False)
    assert (positions["text"] == sentence).sum() == 9  # the same claim found in every format
