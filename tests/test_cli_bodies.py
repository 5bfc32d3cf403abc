"""`hoering bodies`: who answered, how each sender was found, and a manifest to correct."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from hoering.cli import app

runner = CliRunner()


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("KL har den 21. juni 2024 modtaget lovforslaget i høring.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Kommunernes Landsforening takker for muligheden for at svare.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Høringssvar fra Vestegnens Jobråd\n\nVi er bekymrede.\n", encoding="utf-8")
    (folder / "d.txt").write_text("Vi er bekymrede for planen.\n", encoding="utf-8")
    return folder


def test_bodies_csv_lists_each_sender_once_across_spellings(inbox):
    result = runner.invoke(app, ["bodies", str(inbox), "--format", "csv", "--quiet"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["body_id"], r["body"], r["files"], r["in_registry"]) for r in rows] == [
        ("kl", "KL", "a.txt|b.txt", "yes"),
        ("vestegnens-jobraad", "Vestegnens Jobråd", "c.txt", "no"),
        ("", "ukendt afsender", "d.txt", "no"),
    ]
    assert rows[0]["found_by"] == "opening line"


def test_bodies_reports_senders_to_add_and_unknown_files_on_stderr(inbox):
    result = runner.invoke(app, ["bodies", str(inbox), "--format", "csv"])
    assert "not in the registry: Vestegnens Jobråd (c.txt); add it to organisations.csv\n" in result.stderr
    assert "sender unknown: d.txt\n" in result.stderr
    assert result.stderr.endswith("4 files: 3 senders, 1 not in the registry, 1 unknown\n")


def test_bodies_writes_a_manifest_the_analysis_then_follows(inbox, tmp_path):
    manifest = inbox / "manifest.csv"
    result = runner.invoke(app, ["bodies", str(inbox), "--write-manifest", str(manifest), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert manifest.read_text(encoding="utf-8") == (
        "file,body,body_type\n"
        "a.txt,KL,interesseorganisation\n"
        "b.txt,KL,interesseorganisation\n"
        "c.txt,Vestegnens Jobråd,ukendt\n"
        "d.txt,,\n"
    )
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("d.txt,,", "d.txt,Ældre Sagen,"), encoding="utf-8")
    again = runner.invoke(app, ["bodies", str(inbox), "--format", "json", "--quiet"])
    files = {f["file"]: f for f in json.loads(again.stdout)["files"]}
    assert (files["d.txt"]["body"], files["d.txt"]["found_by"]) == ("Ældre Sagen", "header or manifest")


def test_bodies_will_not_overwrite_a_manifest_without_force(inbox):
    (inbox / "manifest.csv").write_text("file,body\n", encoding="utf-8")
    result = runner.invoke(app, ["bodies", str(inbox), "--write-manifest", str(inbox / "manifest.csv")])
    assert result.exit_code != 0
    assert (
        result.stderr
        == f"hoering: error: {inbox / 'manifest.csv'}: exists; give another file name or --force to replace it\n"
    )


def test_hearing_list_says_who_did_not_answer(inbox, tmp_path):
    listed = tmp_path / "hoeringsliste.txt"
    listed.write_text(
        "Kommunernes Landsforening (KL)\nDansk Socialrådgiverforening\nVestegnens Jobråd\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["bodies", str(inbox), "--hearing-list", str(listed), "--format", "json", "--quiet"])
    data = json.loads(result.stdout)
    assert data["did_not_answer"] == ["Dansk Socialrådgiverforening"]
    listed_rows = {r["body"]: r["in_hearing_list"] for r in data["senders"]}
    assert listed_rows["KL"] == "yes" and listed_rows["Vestegnens Jobråd"] == "yes"


def test_a_hearing_list_that_names_nobody_is_one_line(inbox, tmp_path):
    empty = tmp_path / "tom.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = runner.invoke(app, ["analyse", str(inbox), "--hearing-list", str(empty)])
    assert result.exit_code != 0
    assert result.stderr == f"hoering: error: {empty}: no organisations found in the hearing list\n"


def test_analyse_with_a_hearing_list_matches_its_names_first(inbox, tmp_path):
    listed = tmp_path / "liste.csv"
    listed.write_text("navn\nVestegnens Jobråd (VJR)\n", encoding="utf-8")
    (inbox / "e.txt").write_text("VJR har modtaget planen i høring og er bekymret for økonomien.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["analyse", str(inbox), "--hearing-list", str(listed), "--format", "json", "--no-cache", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert (files["e.txt"]["bodies"], files["e.txt"]["in_registry"]) == ("Vestegnens Jobråd", "yes")
