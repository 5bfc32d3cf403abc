"""The `hoering` command: parse options, call the library, render the result.

| module | responsibility |
|---|---|
| `app` | the Typer app, `--version`, the entry point `main` |
| `options` | options several commands share, and their value sets |
| `console` | errors at one boundary, progress, the summary on stderr |
| `tables` | Rich tables of results |
| `commands` | one function per command |
| `cache_commands` | `hoering cache info` and `hoering cache clear` |
"""

from . import cache_commands as cache_commands  # registers `hoering cache ...`
from . import commands as commands  # registers the commands on the app
from .app import app, main

__all__ = ["app", "main"]
