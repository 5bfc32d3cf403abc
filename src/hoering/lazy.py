"""Names whose module is imported the first time they are used.

The command line imports its commands at start-up, and most commands need pandas
and the pipeline; `hoering --help`, `--version` and a wrong option need neither.
A command module names the library functions it calls with `function` (and whole
modules with `module`), so they are imported when a command runs, not before.
The import graph stays visible: every lazy name is declared at module level.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any


class _Module:
    """A stand-in for a module, imported on the first attribute read."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"


def module(name: str) -> ModuleType:
    """`name` (``"hoering.export"``, ``"pandas"``), imported when an attribute is first read."""
    return _Module(name)  # type: ignore[return-value]


def function(module_name: str, name: str) -> Callable[..., Any]:
    """The function `name` of `module_name`, imported when first called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module_name), name)(*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = name
    call.__doc__ = f"{module_name}.{name}, imported when first called."
    return call
