"""What a command writes: never over the corpus, no folders made far away, the set whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hoering.cli import app

runner = CliRunner()
OUTPUTS = ("positions.csv", "matrix.csv", "matrix_wide.csv", "files.csv")


def invoke(*args: object):
    model = [] if args[0] == "bodies" else ["--model", "blank"]  # bodies runs no pipeline
    return runner.invoke(app, [*map(str, args), *model], env={"COLUMNS": "200"})


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def corpus(tmp_path):
    return write(
        tmp_path / "corpus",
        {
            "a.txt": "---\nbody: FagMED\nround: 2021\n---\nVi støtter planen for de unge.\n",
            "b.txt": "---\nbody: Sektor MED\nround: 2023\n---\nVi er imod lukningen af skolen.\n",
        },
    )


# --- --out never replaces a file of the corpus (finding 17) -------------------------------


@pytest.mark.parametrize("control", ["manifest.csv", "corrections.csv", "gold.csv"])
def test_write_manifest_never_replaces_another_control_file_or_a_response(corpus, control):
    (corpus / control).write_text("kept\n", encoding="utf-8")
    target = "a.txt" if control == "manifest.csv" else control  # the manifest itself may be replaced with --force
    run = invoke("bodies", corpus, "--write-manifest", corpus / target, "--force", "-q")
    assert run.exit_code == 2 and "is a file of the corpus" in run.stderr
    assert (corpus / control).read_text(encoding="utf-8") == "kept\n"
    assert (corpus / "a.txt").read_text(encoding="utf-8").startswith("---\nbody: FagMED")


def test_write_manifest_replaces_the_corpus_manifest_only_with_force(corpus):
    (corpus / "manifest.csv").write_text("file,body\n", encoding="utf-8")
    assert invoke("bodies", corpus, "--write-manifest", corpus / "manifest.csv", "-q").exit_code == 1
    assert invoke("bodies", corpus, "--write-manifest", corpus / "manifest.csv", "--force", "-q").exit_code == 0
    assert "a.txt" in (corpus / "manifest.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["manifest.csv", "gold.csv", "a.txt"])
def test_report_out_refuses_a_control_file_or_response_of_the_corpus(corpus, name):
    if name != "a.txt":
        (corpus / name).write_text("kept\n", encoding="utf-8")
    before = (corpus / name).read_bytes()
    run = invoke("report", corpus, "--out", corpus / name, "--format", "md", "-q")
    assert run.exit_code == 2 and "is a file of the corpus" in run.stderr
    assert (corpus / name).read_bytes() == before


# --- parents of --out and --plot (finding 19) ----------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["analyse", "{corpus}", "--out", "{far}/out"],
        ["analyse", "{corpus}", "--plot", "{far}/map.svg"],
        ["report", "{corpus}", "--out", "{far}/notat.md"],
        ["diff", "{corpus}", "--out", "{far}/out"],
        ["bodies", "{corpus}", "--write-manifest", "{far}/manifest.csv"],
        ["evaluate", "{corpus}", "--out", "{far}/out"],
    ],
)
def test_a_missing_folder_outside_the_current_one_is_an_error_without_mkdir(tmp_path, corpus, command, monkeypatch):
    monkeypatch.chdir(write(tmp_path / "work", {}))
    far = tmp_path / "elsewhere" / "deeper"
    args = [a.format(corpus=corpus, far=far) for a in command]
    run = invoke(*args, "-q")
    assert run.exit_code == 2, run.output
    assert run.stderr.count("\n") == 1 and "does not exist; create it or give --mkdir" in run.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_mkdir_creates_the_missing_folders_and_inside_the_current_folder_they_are_made_anyway(
    tmp_path, corpus, monkeypatch
):
    monkeypatch.chdir(write(tmp_path / "work", {}))
    far = tmp_path / "elsewhere" / "deeper" / "out"
    assert invoke("analyse", corpus, "--out", far, "--mkdir", "-q").exit_code == 0
    assert sorted(p.name for p in far.iterdir()) == sorted(OUTPUTS)
    assert invoke("analyse", corpus, "--out", "results/2024", "--plot", "fig/map.svg", "-q").exit_code == 0
    assert (tmp_path / "work" / "results" / "2024" / "files.csv").is_file()
    assert (tmp_path / "work" / "fig" / "map.svg").is_file()
    # A new --out folder whose parent exists is fine anywhere: it is the output, not a parent.
    assert invoke("analyse", corpus, "--out", tmp_path / "new", "-q").exit_code == 0


# --- the output set is whole or untouched (finding 19) -------------------------------------

KILLER = """
import os, signal, sys
call, nth, out = sys.argv[1], int(sys.argv[2]), sys.argv[-1]
calls = []
real = getattr(os, call)
def hooked(*args, **kwargs):
    # Only what goes into the output folder counts: Python itself may rename its bytecode files.
    if call == "fsync" or str(args[1]).startswith(out):
        calls.append(1)
        if len(calls) == nth:
            os.kill(os.getpid(), signal.SIGTERM)
    return real(*args, **kwargs)
setattr(os, call, hooked)
sys.argv = ["hoering", *sys.argv[3:]]
from hoering.cli import main
main()
"""


def _old_set(out: Path) -> dict[str, str]:
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    (out / "mine.txt").write_text("the user's own file\n", encoding="utf-8")
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def _kill(tmp_path: Path, corpus: Path, call: str, nth: int) -> subprocess.CompletedProcess:
    out = tmp_path / "out"
    args = [sys.executable, "-c", KILLER, call, str(nth), "analyse", str(corpus), "-m", "blank", "--no-cache"]
    return subprocess.run([*args, "-q", "-o", str(out)], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="needs POSIX signals")
def test_a_kill_while_the_files_are_written_leaves_the_old_set_and_no_tmp(tmp_path, corpus):
    before = _old_set(tmp_path / "out")
    run = _kill(tmp_path, corpus, "fsync", 2)  # SIGTERM as the second output file is written
    assert run.returncode != 0
    assert {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="needs POSIX signals")
def test_a_kill_while_the_files_are_moved_in_leaves_the_whole_new_set(tmp_path, corpus):
    before = _old_set(tmp_path / "out")
    run = _kill(tmp_path, corpus, "replace", 1)  # SIGTERM as the first file moves into place
    assert run.returncode != 0, run.stderr
    assert "Error" not in run.stderr, run.stderr
    after = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert after.keys() == before.keys() and after["mine.txt"] == before["mine.txt"]
    assert all(not after[name].startswith("old ") for name in OUTPUTS), after


def test_a_failure_after_the_first_file_writes_nothing(tmp_path, corpus):
    before = _old_set(tmp_path / "out")
    # The plot cannot be written (its name is a folder): the CSVs written before it do not move in either.
    (tmp_path / "map.svg").mkdir()
    run = invoke("analyse", corpus, "-o", tmp_path / "out", "--plot", tmp_path / "map.svg", "-q")
    assert run.exit_code != 0
    assert {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()} == before
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


# --- control files in files.csv (finding 18) -----------------------------------------------


def test_control_files_applied_have_a_row_in_files_csv(corpus, tmp_path):
    (corpus / "manifest.csv").write_text("file,body,round\na.txt,FagMED,2021\n", encoding="utf-8")
    (corpus / "corrections.csv").write_text(
        "doc,text,themes,stance\na.txt,Vi støtter planen for de unge.,,concern\nb.txt,Ikke i svaret.,,concern\n",
        encoding="utf-8",
    )
    assert invoke("analyse", corpus, "-o", tmp_path / "out", "-q").exit_code == 0
    found = {r["path"]: r for r in rows(tmp_path / "out" / "files.csv")}
    assert (found["manifest.csv"]["status"], found["manifest.csv"]["reason"]) == ("control", "manifest: 1 row used")
    assert found["corrections.csv"]["status"] == "control"
    assert found["corrections.csv"]["reason"] == "corrections: 1 of 2 rows used (1 matched no position)"
    assert {found["a.txt"]["status"], found["b.txt"]["status"]} == {"read"}
    ignored = invoke("analyse", corpus, "-f", "json", "--no-control-files", "-q")
    assert {f["status"] for f in json.loads(ignored.stdout)["files"]} == {"read"}


# --- citizens across the two sides of a diff (finding 19) ----------------------------------


def test_diff_numbers_private_persons_across_both_folders(tmp_path):
    def citizen(name: str, text: str) -> str:
        return f"---\nbody: {name}\nbody_type: borger\n---\n{text}\n"

    old = write(
        tmp_path / "old",
        {
            "a.txt": citizen("Ole Olsen", "Jeg støtter cykelstien langs skolen."),
            "svar.txt": citizen("Jens Hansen", "Jeg er imod den nye vej ved skolen."),
        },
    )
    new = write(
        tmp_path / "new",
        {
            "c.txt": citizen("Ole Olsen", "Jeg støtter stadig cykelstien langs skolen."),
            "svar.txt": citizen("Karen Jensen", "Jeg er imod den nye vej ved skolen."),
        },
    )
    run = invoke("diff", old, new, "-f", "json", "--no-cache", "-q")
    assert run.exit_code == 0, run.output
    pairs = {(p["from_doc"], p["to_doc"]): p for p in json.loads(run.stdout)["positions"]}
    ole, other = pairs[("a.txt", "c.txt")], pairs[("svar.txt", "svar.txt")]
    assert ole["from_body"] == ole["to_body"] and ole["same_body"]  # one person, one number
    assert other["from_body"] != other["to_body"] and not other["same_body"]  # two persons, two numbers
    assert {ole["from_body"], other["from_body"], other["to_body"]} == {"Borger 1", "Borger 2", "Borger 3"}
    assert "Jens" not in run.stdout and "Karen" not in run.stdout and "Ole" not in run.stdout
