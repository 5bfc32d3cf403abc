"""The Typer app, its version option and the console entry point."""

from __future__ import annotations

import signal
from typing import Annotated, Optional

import typer

from ..version import __version__
from .help import PlainGroup

app = typer.Typer(
    cls=PlainGroup,
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
    _stop_cleanly_on_signals()
    app()


def _stop_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP end the command as Ctrl-C does, so half-written outputs are cleared away.

    By default they stop Python on the spot: a staging folder would stay behind.
    """

    def stop(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
