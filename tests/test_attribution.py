"""A section is attributed once, and every position carries its body's stable id and how it was found."""

from __future__ import annotations

from pathlib import Path

import pytest

import hoering
from hoering import bodies
from hoering.diff import diff

MIXED = (
    "Ungerådet har drøftet planen og støtter den øgede indsats for unge.\n\n"
    "Referatet fra FagMED den 3. marts 2023:\n\n"
    "Vi er bekymrede for ventetiden på sygedagpengeområdet.\n"
)


def write(folder: Path, name: str, text: str, **header: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = "".join(f"{key}: {value}\n" for key, value in header.items())
    (folder / name).write_text(f"---\n{head}---\n{text}" if header else text, encoding="utf-8")


def test_a_positions_body_id_is_the_files_body_id_of_its_document(tmp_path, blank_pipeline):
    write(tmp_path, "ds.txt", "Vi støtter den øgede indsats for unge ledige.\n", body="DS")
    write(tmp_path, "lar.txt", "Lokalt Arbejdsmarkedsråd har drøftet planen og støtter den.\n")
    write(tmp_path, "ny.txt", "Vi er bekymrede for ventetiden.\n", body="Vestegnens Ungeråd")
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    files = result.files_frame().set_index("doc")
    assert dict(files["body_id"]) == {
        "ds.txt": "ds",
        "lar.txt": "lokalt-arbejdsmarkedsraad",
        "ny.txt": "vestegnens-ungeraad",
    }
    for doc, frame in result.positions.groupby("doc"):
        assert set(frame["body_id"]) == {files.loc[doc, "body_id"]}
        assert set(frame["body_source"]) == {files.loc[doc, "body_source"]}
    assert set(result.positions[result.positions["doc"] == "lar.txt"]["body_confidence"]) == {
        float(files.loc["lar.txt", "body_confidence"])
    }


def test_a_mixed_file_attributes_each_section_once(tmp_path, blank_pipeline, monkeypatch):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    write(corpus, "blandet.txt", MIXED)
    calls: list[str] = []
    attribute = bodies.attribute

    def counted(document, resolver, end=None):
        calls.append(document.doc_id)
        return attribute(document, resolver, end)

    monkeypatch.setattr(bodies, "attribute", counted)
    result = hoering.analyse(corpus, model=blank_pipeline, cache=cache)
    assert calls == ["blandet.txt"]  # the opening section, once: the file's report does not find it again
    shown = [(p.body, p.body_id, p.body_source) for p in result.items]
    assert shown == [("Ungerådet", "ungeraadet", "opening line"), ("FagMED", "fagmed", "markers")]
    (report,) = result.files
    assert (report.body_id, report.body_source) == ("ungeraadet", "opening line + markers")
    again = hoering.analyse(corpus, model=blank_pipeline, cache=cache)
    # The cache stores no body name (a private person's among them): a cached document's
    # sections are found again from its text, once per run, and come out the same.
    assert again.cached == 1 and calls == ["blandet.txt", "blandet.txt"]
    assert again.files == result.files
    assert [(p.body_id, p.body_source, p.body_confidence) for p in again.items] == [
        (p.body_id, p.body_source, p.body_confidence) for p in result.items
    ]


def test_two_spellings_of_a_body_pair_by_body_id_across_rounds(tmp_path, blank_pipeline):
    text = "Vi støtter den hyppige kontakt med borgerne i samtalerne."
    write(tmp_path / "old", "svar.txt", text + "\n", body="Dansk Socialrådgiverforening", round="2021")
    write(tmp_path / "new", "svar.txt", text + "\n", body="DS", round="2023")
    old = hoering.analyse(tmp_path / "old", model=blank_pipeline)
    new = hoering.analyse(tmp_path / "new", model=blank_pipeline)
    assert {p.body_id for p in old.items} == {p.body_id for p in new.items} == {"ds"}
    (match,) = diff(old, new).matches
    assert match.paired and match.same_body


def test_two_private_persons_are_never_one_body_across_rounds(tmp_path, blank_pipeline):
    text = "Jeg støtter den hyppige kontakt med borgerne i samtalerne."
    write(tmp_path / "old", "svar.txt", text + "\n", body="Jens Hansen", body_type="borger", round="2021")
    write(tmp_path / "new", "svar.txt", text + "\n", body="Else Nielsen", body_type="borger", round="2023")
    old = hoering.analyse(tmp_path / "old", model=blank_pipeline)
    new = hoering.analyse(tmp_path / "new", model=blank_pipeline)
    assert [p.body for p in old.items] == [p.body for p in new.items] == ["Borger 1"]
    # A private person's id is their number, never their name (which the id would spell).
    assert {p.body_id for p in [*old.items, *new.items]} == {"borger-1"}
    (match,) = diff(old, new).matches
    assert match.paired and not match.same_body


@pytest.mark.parametrize("redact", [True, False])
def test_a_private_persons_id_shows_only_without_redaction(tmp_path, blank_pipeline, redact):
    write(tmp_path, "svar.txt", "Jeg støtter planen.\n", body="Jens Hansen", body_type="borger")
    result = hoering.analyse(tmp_path, model=blank_pipeline, redact=redact)
    (position,) = result.items
    assert result.files[0].body_id == ("" if redact else "jens-hansen")
    assert position.body_id == ("borger-1" if redact else "jens-hansen")  # while redacting: the number
