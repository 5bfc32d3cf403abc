"""Every command on the app, in the order ``hoering --help`` lists them.

The commands live by what they do: `analyse_commands` (analyse, positions),
`compare_commands` (diff, evaluate), `report_commands` (report) and
`check_commands` (rules, bodies); the options they share come in groups
(`groups`).
"""

from __future__ import annotations

from .analyse_commands import PLAN_CSV, analyse_command, positions_command
from .app import app
from .check_commands import bodies_command, rules_command
from .compare_commands import diff_command, evaluate_command, theme_scores, write_evaluation
from .help import PlainCommand
from .report_commands import report_command
from .stdout import STDOUT

COMMANDS = {
    "analyse": analyse_command,
    "diff": diff_command,
    "rules": rules_command,
    "bodies": bodies_command,
    "evaluate": evaluate_command,
    "positions": positions_command,
    "report": report_command,
}

for _name, _command in COMMANDS.items():
    app.command(_name, cls=PlainCommand)(_command)

__all__ = ["COMMANDS", "PLAN_CSV", "STDOUT", "theme_scores", "write_evaluation"]
