"""hoering: who said what about which part of a plan, in Danish consultation responses."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from . import version

__all__ = ["Diff", "HoeringError", "Plan", "Result", "Rules", "Stance", "analyse", "diff", "load_rules", "read_plan"]
__version__ = version.__version__

# Each public name is imported when first used: `hoering --help` and a cached run
# need none of pandas or spaCy, which take a second to import.
_WHERE = {
    "Diff": "diff",
    "HoeringError": "errors",
    "Stance": "models",
    "Result": "result",
    "analyse": "pipeline",
    "Plan": "plan",
    "read_plan": "plan",
    "Rules": "rules",
    "load_rules": "rules",
}

if TYPE_CHECKING:
    from .diff import Diff, diff
    from .errors import HoeringError
    from .models import Stance
    from .pipeline import analyse
    from .plan import Plan, read_plan
    from .result import Result
    from .rules import Rules, load_rules


#: Modules a notebook reaches as attributes, ``hoering.report.render(...)``, without importing them first.
_MODULES = ("report", "export", "matrix", "evaluate", "corpus", "readers")


def __getattr__(name: str) -> object:
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'hoering' has no attribute '{name}'")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


class _Package(types.ModuleType):
    """The package, whose `diff` stays the function even after the `hoering.diff` module is imported
    (importing a submodule sets the package attribute of its name)."""

    @property
    def diff(self):  # type: ignore[override]
        return importlib.import_module(".diff", __name__).diff

    @diff.setter
    def diff(self, value: object) -> None:
        pass


sys.modules[__name__].__class__ = _Package
