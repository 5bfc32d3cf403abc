"""docs/commands.md, generated from the commands' own help.

``python -m hoering.cli.docgen > docs/commands.md`` (or ``make docs``) writes
it; ``tests/test_docs_commands.py`` fails when the file and the help differ, so
the reference can never drift from what ``hoering CMD --help`` prints.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import typer

from .app import app

WIDTH = 80  # help wrapped as in an 80-column terminal, whatever the terminal running this

HEADER = """\
# Commands

Generated from the commands' own `--help` by `python -m hoering.cli.docgen`
(`make docs`); do not edit by hand, a test compares this page with the help.
How the options are used, with examples: [the tutorial](tutorial.md); what the
output files hold: [inputs and outputs](formats.md).
"""


# Typer's commands are click commands (vendored by recent Typer), so they are
# reached through the objects Typer hands back rather than through `click`.
Command = Any


def _walk(command: Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Command]]:
    yield path, command
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from _walk(sub, (*path, name))


def _help(root: Command, command: Command, path: tuple[str, ...]) -> str:
    parent = None
    for name in path[:-1]:  # the parents only name the usage line: `hoering cache info`
        parent = typer.Context(root, info_name=name, parent=parent)
    ctx = typer.Context(command, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH)
    return command.get_help(ctx).rstrip()


def render() -> str:
    """The whole of docs/commands.md: one section per command, its help in a code block."""
    root = typer.main.get_command(app)
    parts = [HEADER]
    entries = list(_walk(root, ("hoering",)))
    parts.append("## Contents\n")
    for path, _ in entries:
        name = " ".join(path)
        parts.append(f"- [`{name}`](#{name.replace(' ', '-')})")
    parts.append("")
    for path, command in entries:
        name = " ".join(path)
        parts.append(f"## {name}\n\n```text\n{_help(root, command, path)}\n```\n")
    return "\n".join(parts).rstrip("\n") + "\n"


def main() -> None:
    """Print docs/commands.md to stdout."""
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
