"""Golden files: the commands' outputs on fixed inputs, byte for byte.

Each case under ``tests/golden/<case>/`` holds its input (``input/``, or the
sample corpus for ``sample``), its own rules when it has any (``rules/``) and
the expected outputs (``expected/``). A change that alters any output fails
here; when the change is meant, rewrite the files on purpose with

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

and read the diff before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hoering
from hoering.cli import app

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden"
PACKAGE = str(Path(hoering.__file__).parent).encode()  # where the packaged rules are: differs by checkout
runner = CliRunner()

# case -> commands; each command is (its stdout's file name, the arguments). "{out}" is a scratch folder.
COMMON = ["--model", "blank", "--no-cache", "--quiet"]
CASES: dict[str, list[tuple[str, list[str]]]] = {
    "sample": [
        ("analyse.json", ["analyse", "corpus", "--out", "{out}", "--format", "json", *COMMON]),
        ("", ["report", "corpus", "--out", "{out}/report.md", "--date", "2026-01-15", "-m", "blank", "-q"]),
        ("", ["report", "corpus", "--out", "{out}/report.html", "--date", "2026-01-15", "-m", "blank", "-q"]),
    ],
    "rounds": [
        ("analyse.json", ["analyse", "input", "--out", "{out}", "--format", "json", *COMMON]),
        ("diff.json", ["diff", "input", "--out", "{out}", "--format", "json", "-m", "blank", "-q"]),
        ("positions.json", ["positions", "input", "--format", "json", "-m", "blank", "-q"]),
    ],
    "own_rules": [
        (
            "analyse.csv",
            ["analyse", "input", "-r", "rules", "--out", "{out}", "--format", "csv", "--excel-csv", "-d", ";", *COMMON],
        ),
    ],
}


def _run(case: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the case's commands in its folder (the sample corpus's, for `sample`), outputs into `out`."""
    monkeypatch.chdir(ROOT if case == "sample" else GOLDEN / case)
    for stdout_name, args in CASES[case]:
        result = runner.invoke(app, [a.replace("{out}", str(out)) for a in args])
        assert result.exit_code == 0, result.output
        if stdout_name:
            (out / stdout_name).write_text(result.stdout, encoding="utf-8")
    for path in out.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes().replace(PACKAGE, b"<hoering>").replace(str(out).encode(), b"<out>"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_outputs_match_the_golden_files(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    _run(case, tmp_path, monkeypatch)
    expected = GOLDEN / case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(tmp_path, expected)
    produced = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert produced == sorted(p.relative_to(expected) for p in expected.rglob("*") if p.is_file())
    for name in produced:
        assert (tmp_path / name).read_bytes() == (expected / name).read_bytes(), f"{case}/{name} differs"
