"""The Typer app, its version option and the console entry point."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..version import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Read Danish consultation responses (høringssvar): who said what about which theme of a plan.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hoering {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Read Danish consultation responses (høringssvar): who said what about which theme of a plan."""


def main() -> None:
    """Console entry point."""
    app()
