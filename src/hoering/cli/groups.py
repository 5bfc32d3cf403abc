"""Option groups: options several commands share, declared once and handed to a command as one value.

A command names the value it wants as a keyword-only parameter (``analysis: Analysis``)
and takes the group's decorator; the decorator puts the group's options into the
command's signature in that parameter's place, so Typer parses and documents them
as any option, and calls the command with the one value built of them::

    @analysis_options()
    def positions_command(corpus: Path, *, analysis: Analysis, quiet: QuietOption = False) -> None: ...
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .. import lazy
from ..errors import UsageError
from .console import _emit, _errors
from .options import (
    Analysis,
    BodyFilter,
    CacheDirOption,
    CorrectionsOption,
    DedupeOption,
    ExcelOption,
    HearingListOption,
    JobsOption,
    ModelOption,
    NoCacheOption,
    NoControlFilesOption,
    NoRedactOption,
    OutputFormat,
    PlanFilter,
    RawCsvOption,
    RoundFilter,
    RulesOption,
    StanceModelName,
    StanceModelOption,
    ThemeFilter,
    csv_writer,
)

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from ..selection import Selection

new_selection = lazy.function("hoering.selection", "Selection")

Command = TypeVar("Command", bound=Callable[..., Any])


@dataclass(frozen=True)
class Filters:
    """``--round``, ``--plan``, ``--body`` and ``--theme`` as the user gave them."""

    rounds: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()

    @classmethod
    def of(cls, round_: list[str], plan: list[str], body: list[str], theme: list[str]) -> Filters:
        """The filters as Typer passes them."""
        return cls(tuple(round_), tuple(plan), tuple(body), tuple(theme))

    def plan_document(self) -> tuple[Path | None, Filters]:
        """A ``--plan`` value naming a file is the plan document; the others stay filters by plan name.

        Raises:
            UsageError: more than one value names a file.
        """
        files = [Path(v) for v in self.plans if Path(v).is_file()]
        if len(files) > 1:
            raise UsageError(f"--plan: one plan document at a time, not {len(files)} ({', '.join(map(str, files))})")
        names = tuple(v for v in self.plans if not Path(v).is_file())
        return (files[0] if files else None), replace(self, plans=names)

    def selection(self, themes: Iterable[str] | None = None) -> Selection:
        """The one `Selection` of the filters; `themes`, when given, in place of ``--theme`` (ids it was resolved to)."""
        chosen = self.themes if themes is None else tuple(themes)
        return new_selection(self.rounds, self.plans, self.bodies, chosen)


@dataclass(frozen=True)
class Output:
    """What stdout gets (``--format``) and how CSV is written (``--excel``, ``--raw-csv``)."""

    output_format: OutputFormat = OutputFormat.table
    excel: bool = False
    raw_csv: bool = False

    def writer(self, excel_csv: bool = False) -> str:
        """The name of the table writer for the CSV files a command writes (see `hoering.export.WRITERS`)."""
        return csv_writer(self.excel, excel_csv, self.raw_csv)

    def emit(
        self,
        tables: Callable[[Console], None],
        frame: Callable[[], pd.DataFrame],
        document: Callable[[], str],
        delimiter: str = ",",
    ) -> None:
        """Print the Rich tables, one frame as CSV, or the JSON document, as ``--format`` asks."""
        _emit(self.output_format, tables, frame, document, delimiter, self.excel, self.raw_csv)


@dataclass(frozen=True)
class Group:
    """Options that reach a command as one value.

    Attributes:
        name: the command's keyword-only parameter that receives the value.
        options: (parameter name, annotated type, default) of each option, in the order help lists them.
        build: makes the value of the options, called with them as keywords.
    """

    name: str
    options: tuple[tuple[str, Any, Any], ...]
    build: Callable[..., Any]

    def __call__(self, command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        if self.name not in signature.parameters:
            raise TypeError(f"{command.__name__} has no parameter {self.name!r} for its option group")
        kind = inspect.Parameter.KEYWORD_ONLY
        options = [inspect.Parameter(n, kind, annotation=a, default=d) for n, a, d in self.options]
        params: list[inspect.Parameter] = []
        for param in signature.parameters.values():
            params.extend(options if param.name == self.name else [param])

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            values = {n: kwargs.pop(n) for n, _, _ in self.options}
            with _errors(kwargs.get("debug", False)):  # a bad value meets the user as any error does
                value = self.build(**values)
            return command(*args, **kwargs, **{self.name: value})

        run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        return run  # type: ignore[return-value]


def analysis_options(
    hearing_list: bool = False,
    corrections: Any = CorrectionsOption,
    no_redact: Any = NoRedactOption,
) -> Group:
    """How the corpus is analysed, the same in every command that analyses one (see `Analysis`).

    Args:
        hearing_list: offer ``--hearing-list`` too.
        corrections, no_redact: the option's annotated type, where a command words its help its own way.
    """
    options = [
        ("rules", RulesOption, None),
        ("model", ModelOption, "auto"),
        ("corrections", corrections, None),
        ("no_redact", no_redact, False),
        ("jobs", JobsOption, 1),
        ("cache_dir", CacheDirOption, None),
        ("no_cache", NoCacheOption, False),
        ("dedupe", DedupeOption, False),
        *([("hearing_list", HearingListOption, None)] if hearing_list else []),
        ("no_control_files", NoControlFilesOption, False),
        ("stance_model", StanceModelOption, StanceModelName.rules),
    ]
    return Group("analysis", tuple(options), Analysis.of)


def selection_options(round_: Any = RoundFilter, plan: Any = PlanFilter) -> Group:
    """The filters ``--round``, ``--plan``, ``--body`` and ``--theme`` (see `Filters`).

    Args:
        round_, plan: the option's annotated type, where a command words its help its own way.
    """
    options = (("round_", round_, []), ("plan", plan, []), ("body", BodyFilter, []), ("theme", ThemeFilter, []))
    return Group("filters", options, Filters.of)


def output_options(format_help: str, excel: bool = True, raw_csv: bool = True) -> Group:
    """What stdout gets: ``--format`` (in the command's words), and ``--excel`` and ``--raw-csv`` where offered."""
    output_format = Annotated[OutputFormat, typer.Option("--format", "-f", help=format_help)]
    options = [
        ("output_format", output_format, OutputFormat.table),
        *([("excel", ExcelOption, False)] if excel else []),
        *([("raw_csv", RawCsvOption, False)] if raw_csv else []),
    ]
    return Group("output", tuple(options), Output)
