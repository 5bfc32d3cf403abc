"""docs/commands.md is the commands' --help, regenerated whenever an option changes."""

from __future__ import annotations

from hoering.cli import docgen

from conftest import ROOT


def test_commands_page_is_the_generated_help():
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert page == docgen.render(), "docs/commands.md is out of date: run `make docs`"


def test_commands_page_has_every_command_and_option():
    page = docgen.render()
    for name in ("analyse", "diff", "rules", "bodies", "evaluate", "positions", "report", "cache info", "cache clear"):
        assert f"## hoering {name}\n" in page
    assert "--hearing-list" in page and "--no-redact" in page
