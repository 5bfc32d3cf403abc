"""The `hoering` command: parse options, call the library, render the result.

| module | responsibility |
|---|---|
| `app` | the Typer app, `--version`, the entry point `main` |
| `options` | options several commands share, their value sets, and `Analysis` |
| `groups` | option groups handed to a command as one value: analysis, selection, output |
| `help`, `values` | help in the words of the command line; option values read without pydantic |
| `console` | errors at one boundary, progress, the summary on stderr |
| `tables` | Rich tables of results |
| `analyse_commands` | `hoering analyse` and `hoering positions` |
| `compare_commands` | `hoering diff` and `hoering evaluate` |
| `report_commands` | `hoering report` |
| `check_commands` | `hoering rules` and `hoering bodies` |
| `commands` | every command on the app, in the order help lists them |
| `cache_commands` | `hoering cache info` and `hoering cache clear` |
| `docgen` | docs/commands.md, generated from the commands' own help |
"""

from . import cache_commands as cache_commands  # registers `hoering cache ...`
from . import commands as commands  # registers the commands on the app
from .app import app, main

__all__ = ["app", "main"]
