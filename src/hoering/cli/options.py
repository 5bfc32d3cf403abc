"""Options several commands share, declared once, and the closed sets of their values."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

# Options several commands share, declared once.
RulesOption = Annotated[
    Optional[Path],
    typer.Option("--rules", "-r", help="Folder with your own rules files; missing files come from the defaults."),
]


ModelOption = Annotated[
    str,
    typer.Option(
        "--model",
        "-m",
        help="'auto' (da_core_news_sm if installed, else blank), 'blank', or a spaCy model name or path.",
    ),
]


CorrectionsOption = Annotated[
    Optional[Path],
    typer.Option("--corrections", help="Corrections file (default: corrections.csv in the corpus folder, if any)."),
]


QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")]


DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    xlsx = "xlsx"


class Language(str, Enum):
    da = "da"
    en = "en"


class StanceView(str, Enum):
    all = "all"
    support = "support"
    concern = "concern"
    demand = "demand"
    neutral = "neutral"
