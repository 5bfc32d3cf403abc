"""hoering: who said what about which part of a plan, in Danish consultation responses."""

from . import version
from .diff import Diff, diff
from .errors import HoeringError
from .models import Stance
from .pipeline import analyse
from .plan import Plan, read_plan
from .result import Result
from .rules import Rules, load_rules

__all__ = ["Diff", "HoeringError", "Plan", "Result", "Rules", "Stance", "analyse", "diff", "load_rules", "read_plan"]
__version__ = version.__version__
