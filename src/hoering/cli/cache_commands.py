"""`hoering cache info` and `hoering cache clear`: see and empty the per-document cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import cache
from .app import app
from .console import _errors
from .help import PlainCommand, PlainGroup
from .options import DebugOption

cache_app = typer.Typer(
    cls=PlainGroup, no_args_is_help=True, rich_markup_mode=None, help="See or empty the cache of per-document results."
)
app.add_typer(cache_app, name="cache")

CacheFolder = Annotated[
    Optional[Path],
    typer.Option("--cache-dir", help=f"The cache folder (default: ${cache.ENV_DIR}, else the user cache folder)."),
]


@cache_app.command("info", cls=PlainCommand)
def cache_info(cache_dir: CacheFolder = None, debug: DebugOption = False) -> None:
    """Where the cache is, how many entries it holds and how large it is."""
    with _errors(debug):
        found = cache.info(cache_dir or cache.default_dir())
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))


@cache_app.command("clear", cls=PlainCommand)
def cache_clear(cache_dir: CacheFolder = None, debug: DebugOption = False) -> None:
    """Delete every entry of the cache (redacted texts of the responses; no file or sender names)."""
    with _errors(debug):
        folder = cache_dir or cache.default_dir()
        removed = cache.clear(folder)
        typer.echo(f"removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {folder}", err=True)
