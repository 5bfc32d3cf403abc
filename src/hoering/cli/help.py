"""Help text in the words of the command line, not of Python.

Typer describes an option by its Python type (``--theme <list[str]>``,
``--rules <path>``) and a required argument in braces (``{corpus}``). `PlainCommand`
gives every parameter without a metavar of its own a plain one: the option's
name in capitals (``--theme THEME``), the choices of a closed set
(``--format table|csv|json``), and arguments as ``CORPUS`` or ``[NEW]``.
Both also read their options' values without pydantic (`hoering.cli.values`).
"""

from __future__ import annotations

from typing import Any

import typer.core

from . import values


def metavar_of(param: Any) -> str:
    """The plain metavar for `param`: its choices, else its name in capitals."""
    described = getattr(param, "type_descriptor", None)
    if described is not None and described.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in described.choices or ())
    long = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
    name = long[0][2:] if long else (param.name or "value").replace("_", "-")
    return name.upper()


class PlainCommand(typer.core.TyperCommand):
    """A Typer command whose help names values plainly (see the module docstring)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            values.install(param)
            if isinstance(param, typer.core.TyperArgument):
                _plain_argument(param)
            elif isinstance(param, typer.core.TyperOption) and not param.is_flag and param.metavar is None:
                param.metavar = metavar_of(param)
        return params


class PlainGroup(typer.core.TyperGroup):
    """A Typer group (``hoering``, ``hoering cache``) whose own options are read as `PlainCommand`'s are."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            values.install(param)
        return params


def _plain_argument(param: typer.core.TyperArgument) -> None:
    name = (param.metavar or param.name or "value").upper()
    usage = name if param.required else f"[{name}]"
    param.metavar = name
    # Typer braces a required argument in the usage line and adds its type; say the name only.
    param._usage_display_name = lambda: usage  # type: ignore[method-assign]
    param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
