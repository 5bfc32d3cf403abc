"""Option values read from the command line without pydantic.

Typer checks every option that takes a value with a pydantic TypeAdapter,
built when the command parses its options: importing pydantic and building
the adapters costs about as much as a cached ``hoering analyse`` of the
sample corpus does besides. The options of hoering take a few plain kinds of
value (text, yes or no, a path, a whole number or a number within bounds, one of a
closed set, a list of these), which `plain_value` reads here with Click's
`BadParameter` for a bad one, as Typer does. An option of any other kind, or
with path checks Typer makes (``exists``, ``resolve_path`` ...), is left to
Typer, and so is every option if Typer no longer reads values where
`plain_value` hands them in (``_runtime_param``): then the values are read as
before, only slower.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperArgument, TyperOption

try:
    from typer._click.exceptions import BadParameter
except ImportError:  # a Typer that no longer carries its own Click
    from click.exceptions import BadParameter  # type: ignore[assignment, no-redef]

Read = Callable[[Any], Any]  # a value as given -> the value the command receives; ValueError when bad

#: Path settings under which Typer makes a plain Path of the value and checks nothing.
_PLAIN_PATH = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}


@dataclass(frozen=True)
class PlainValue:
    """Reads one option's value as Typer's own coercion does (the same values, the same Nones and lists)."""

    read: Read
    many: bool  # a list option: every value read, the list returned

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:
            return () if multiple else None
        if multiple and isinstance(value, str):
            raise BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        try:
            if self.many:
                return [self.read(v) for v in (value if isinstance(value, list | tuple) else [value])]
            return self.read(value)
        except ValueError as exc:
            raise BadParameter(str(exc), ctx=ctx, param=param) from None


def install(param: Any) -> None:
    """Let `param` read its value with `plain_value`, where it can; otherwise leave it to Typer."""
    if not isinstance(param, TyperOption | TyperArgument) or getattr(param, "_runtime_param", False) is not None:
        return  # not Typer's, already reading, or a Typer that reads values elsewhere
    described = getattr(param, "type_descriptor", None)
    plain = None if described is None else plain_value(described.annotation, described.parameter_info)
    if plain is not None:
        param._runtime_param = plain


def plain_value(annotation: Any, info: Any) -> PlainValue | None:
    """How to read a value of `annotation` with the option's settings `info`; None: leave it to Typer."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation) or (None,)
    read = _reader(annotation, info)
    return None if read is None else PlainValue(read, many)


def _reader(annotation: Any, info: Any) -> Read | None:
    if annotation is str:
        return _text
    if annotation is bool:
        return _yes_no
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(tuple(annotation), bool(getattr(info, "case_sensitive", True)))
    if annotation is Path:
        plain = all(getattr(info, name, default) == default for name, default in _PLAIN_PATH.items())
        return _path if plain else None
    if annotation in (int, float) and not getattr(info, "clamp", False):
        return _number(annotation, getattr(info, "min", None), getattr(info, "max", None))
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


#: The words Typer (through pydantic) takes for a yes or a no, as from an environment variable.
_BOOLEANS = {
    **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True),
    **dict.fromkeys(("", "0", "off", "f", "false", "n", "no"), False),
}


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    found = _BOOLEANS.get(str(value).strip().lower())
    if found is None:
        raise ValueError(f"{value!r} is neither yes nor no.")
    return found


def _path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(value)


def _choice(choices: tuple[Enum, ...], case_sensitive: bool) -> Read:
    def fold(text: str) -> str:
        return text if case_sensitive else text.casefold()

    by_value = {fold(str(c.value)): c for c in choices}

    def read(value: Any) -> Enum:
        if isinstance(value, Enum) and value in choices:
            return value
        found = by_value.get(fold(str(value)))
        if found is None:
            raise ValueError(f"{value!r} is not one of {', '.join(repr(str(c.value)) for c in choices)}.")
        return found

    return read


def _number(kind: type, low: float | None, high: float | None) -> Read:
    what = "a whole number" if kind is int else "a number"

    def read(value: Any) -> int | float:
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not {what}.")
        try:
            number = kind(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not {what}.") from None
        if kind is float and not math.isfinite(number):
            raise ValueError(f"{value!r} is not {what}.")
        if low is not None and number < low:
            raise ValueError(f"{value} is less than {low}.")
        if high is not None and number > high:
            raise ValueError(f"{value} is more than {high}.")
        return number

    return read
