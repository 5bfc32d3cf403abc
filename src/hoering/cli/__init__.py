"""The `hoering` command: parse options, call the library, render the result.

| module | responsibility |
|---|---|
| `app` | the Typer app, `--version`, the entry point `main` |
| `options` | options several commands share, and their value sets |
| `console` | errors at one boundary, progress, the summary on stderr |
| `tables` | Rich tables of results |
| `commands` | one function per command |
"""

from . import commands as commands  # registers the commands on the app
from .app import app, main

__all__ = ["app", "main"]
