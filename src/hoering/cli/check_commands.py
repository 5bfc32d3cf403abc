"""`hoering rules` and `hoering bodies`: check the rules and the senders before an analysis."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import lazy
from .console import _errors, _stderr, guard_outputs
from .groups import Output, output_options
from .options import DebugOption, HearingListOption, MkdirOption, QuietOption, RulesOption
from .stdout import is_stdout

if TYPE_CHECKING:
    from ..rules import Rules

# Imported when a command runs: `hoering --help` reads no rules and needs no Rich.
load_rules = lazy.function("hoering.rules", "load_rules")
Console = lazy.function("rich.console", "Console")
Table = lazy.function("rich.table", "Table")

# The library behind the commands, imported when a command runs (see `analyse_commands`).
read_hearing_list = lazy.function("hoering.roster", "read_hearing_list")
roster_json = lazy.function("hoering.roster", "roster_json")
senders_frame = lazy.function("hoering.roster", "senders_frame")
survey = lazy.function("hoering.roster", "survey")
with_hearing_list = lazy.function("hoering.roster", "with_hearing_list")
write_manifest = lazy.function("hoering.roster", "write_manifest")
manifest_text = lazy.function("hoering.roster", "manifest_text")
senders_table = lazy.function("hoering.cli.tables", "senders_table")


def rules_command(
    rules: RulesOption = None,
    debug: DebugOption = False,
) -> None:
    """Check a rules folder and list its themes (the defaults without --rules)."""
    with _errors(debug):
        loaded = load_rules(rules)
        table = Table(title="Themes", title_justify="left")
        for column in ("id", "label (da)", "label (en)", "terms"):
            table.add_column(column)
        for theme in loaded.codebook.themes:
            table.add_row(theme.id, theme.label_da, theme.label_en, str(len(theme.terms)))
        Console(highlight=False).print(table)
        cues = ", ".join(f"{s.value} {len(t)}" for s, t in loaded.stance.cues.items())
        _stderr().print(
            f"rules OK: {len(loaded.codebook.themes)} themes; stance cues: {cues}; {len(loaded.bodies.bodies)} known bodies",
            markup=False,
        )


@output_options("A table, one CSV row per sender, or JSON.", excel=False, raw_csv=False)
def bodies_command(
    corpus: Annotated[Path, typer.Argument(help="Folder of responses.", show_default=False)],
    hearing_list: HearingListOption = None,
    rules: RulesOption = None,
    manifest: Annotated[
        Optional[Path],
        typer.Option(
            "--write-manifest",
            help="Write a manifest.csv (file, body, body_type) of the senders to correct; '-' prints it to stdout instead of the table.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --write-manifest file.")] = False,
    *,
    output: Output,
    mkdir: MkdirOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """List who answered: each sender with its type, files, how it was found, and whether it is in the registry."""
    with _errors(debug):
        guard_outputs([corpus], [], [manifest], mkdir, allow=[manifest])
        loaded: Rules | Path | None = rules
        if hearing_list is not None:
            loaded = with_hearing_list(load_rules(rules), read_hearing_list(hearing_list))
        roster = survey(corpus, loaded)
        if is_stdout(manifest):  # the manifest is stdout's one table
            typer.echo(manifest_text(roster), nl=False)
            return
        written = [write_manifest(roster, manifest, force=force)] if manifest is not None else []

        def tables(console: Console) -> None:
            console.print(senders_table(senders_frame(roster), roster.hearing_list))
            if roster.hearing_list:
                names = ", ".join(o.name for o in roster.unanswered)
                console.print(f"Did not answer ({len(roster.unanswered)}): {names}", markup=False)

        output.emit(tables, lambda: senders_frame(roster), lambda: roster_json(roster))
        if not quiet:
            err = _stderr()
            for path in written:
                err.print(f"wrote {path}", markup=False)
            for sender in roster.not_in_registry:
                files = ", ".join(sender.files)
                err.print(f"not in the registry: {sender.body} ({files}); add it to organisations.csv", markup=False)
            unknown = [f.file for f in roster.files if f.found_by == "unknown" and not f.marked]
            for name in unknown:
                err.print(f"sender unknown: {name}", markup=False)
            answered = f" · {len(roster.unanswered)} on the hearing list did not answer" if roster.hearing_list else ""
            err.print(
                f"{len(roster.files)} files: {len(roster.senders)} senders, "
                f"{len(roster.not_in_registry)} not in the registry, {len(unknown)} unknown{answered}",
                markup=False,
            )
