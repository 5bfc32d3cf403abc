"""The documentation stays true: README's first lines, its links, and every command and option documented."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hoering.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
# The hand-written pages: commands.md is generated from --help, so a command or
# option found only there would be documented by nobody.
WRITTEN = "\n".join(
    p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")) if p.name not in {"commands.md", "architecture.md"}
)


def test_readme_opens_with_the_setup_and_test_commands():
    lines = README.splitlines()
    assert lines[0] == "```"
    assert lines[1].startswith("make analyse ")
    assert lines[2].startswith("make test ")


def test_readme_stays_short():
    assert len(README.encode("utf-8")) < 8_000
    assert "## Contents" in README


def test_readme_commands_are_make_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("setup", "analyse", "test", "lint", "check", "docs"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_make_analyse_installs_without_the_test_tools():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run_recipe = re.search(r"^\$\(RUN\):.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert run_recipe and "pip install --quiet -e .\n" in run_recipe.group(1)
    assert "[dev]" not in run_recipe.group(1)
    assert re.search(r"^analyse: \$\(RUN\)", makefile, re.MULTILINE)
    assert re.search(r"^test: \$\(STAMP\)", makefile, re.MULTILINE)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented():
    commands = [c.name for c in app.registered_commands]
    assert commands == ["analyse", "diff", "rules", "bodies", "evaluate", "positions", "report"]
    for name in commands:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
        assert f"hoering {name}" in WRITTEN


@pytest.mark.parametrize("command", ["analyse", "diff", "report", "bodies"])
def test_every_option_is_documented(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    options = set(re.findall(r"(--[a-z][a-z-]+)", result.stdout)) - {"--help"}
    assert options, result.stdout
    missing = sorted(o for o in options if f"`{o}" not in WRITTEN)
    assert missing == []


def test_the_docs_show_the_notat_screenshots():
    assert "](docs/notat-html.png)" in README
    tutorial = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    for name in ("notat-docx.png", "notat-html.png"):
        assert f"]({name})" in tutorial
        assert (DOCS / name).read_bytes().startswith(b"\x89PNG")


def _anchors(page: Path) -> set[str]:
    """GitHub's heading anchors of a Markdown page (headings in code blocks are not headings)."""
    anchors, fenced = set(), False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            text = unicodedata.normalize("NFC", line.lstrip("#").strip().lower())
            anchors.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return anchors


PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_leads_somewhere(page):
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if dest.name == "architecture.md" and not dest.exists():
            continue  # written with the module split; until that lands the link points ahead
        if not dest.exists() or (anchor and dest.suffix == ".md" and anchor not in _anchors(dest)):
            broken.append(target)
    assert broken == []
