"""hoering: who said what about which part of a plan, in Danish consultation responses."""

from .errors import HoeringError
from .models import Stance
from .pipeline import Result, analyse
from .rules import Rules, load_rules

__all__ = ["HoeringError", "Result", "Rules", "Stance", "analyse", "load_rules"]
__version__ = "0.1.0"
