"""Options several commands share, declared once, and the closed sets of their values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import lazy
from ..cache import ENV_DIR, default_dir

if TYPE_CHECKING:
    from ..nlp import Pipeline
    from ..pipeline import Progress
    from ..result import Result
    from ..rules import Rules

analyse = lazy.function("hoering.pipeline", "analyse")  # pandas and the pipeline: imported when a command runs
read_hearing_list = lazy.function("hoering.roster", "read_hearing_list")
with_hearing_list = lazy.function("hoering.roster", "with_hearing_list")
load_rules = lazy.function("hoering.rules", "load_rules")

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


NoControlFilesOption = Annotated[
    bool,
    typer.Option(
        "--no-control-files",
        help="Ignore manifest.csv and corrections.csv in the corpus folder (a --corrections file still applies).",
    ),
]


RawCsvOption = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="Write CSV cells as they are; by default a cell starting with = + - @ or a tab gets a leading ' "
        "so that Excel does not run it as a formula.",
    ),
]


MkdirOption = Annotated[
    bool,
    typer.Option(
        "--mkdir",
        help="Create the missing folders of the output path (only inside the current folder without it).",
    ),
]


QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")]


DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]


# The filters report, analyse and positions share; `groups.Filters` makes the one Selection of them.
RoundFilter = Annotated[
    list[str],
    typer.Option("--round", help="Only this consultation round (repeat for more; 'all', 'latest')."),
]
PlanFilter = Annotated[
    list[str],
    typer.Option("--plan", "-p", help="Only responses on this plan (its name in the metadata, or a part of it)."),
]
BodyFilter = Annotated[list[str], typer.Option("--body", "-b", help="Only positions of this body (repeat for more).")]
ThemeFilter = Annotated[
    list[str], typer.Option("--theme", "-t", help="Only positions with this theme (repeat for more).")
]


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(str, Enum):
    docx = "docx"
    html = "html"
    md = "md"
    xlsx = "xlsx"


class Language(str, Enum):
    da = "da"
    en = "en"


class StanceModelName(str, Enum):
    rules = "rules"
    linear = "linear"


StanceModelOption = Annotated[
    StanceModelName,
    typer.Option(
        "--stance-model",
        help="What decides each stance: 'rules' (the cues and structure rules), or 'linear' (learned weights "
        "over what the rules found, rules/stance_weights.toml; the features behind each call in the evidence).",
    ),
]


class StanceView(str, Enum):
    all = "all"
    support = "support"
    concern = "concern"
    demand = "demand"
    neutral = "neutral"


ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV for Danish Excel: UTF-8 with a byte order mark, ';' between fields, decimal comma.",
    ),
]


#: The table writer the CSV options name: csv_writer(excel, excel_csv, raw) (see `hoering.export.WRITERS`).
csv_writer = lazy.function("hoering.export", "csv_writer")


NoRedactOption = Annotated[
    bool,
    typer.Option(
        "--no-redact",
        help="Leave personal data (CPR numbers, names, addresses, phone numbers, e-mails) in the output as written.",
    ),
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=0, help="Processes analysing files at once (0: one per CPU core).")
]
CacheDirOption = Annotated[
    Optional[Path],
    typer.Option(
        "--cache-dir",
        help=f"Folder for per-file results (default: ${ENV_DIR}, else the user cache folder, ~/.cache/hoering).",
    ),
]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Analyse every file afresh; read and write no cache.")]
HearingListOption = Annotated[
    Optional[Path],
    typer.Option(
        "--hearing-list",
        help="The høringsliste: a .txt/.csv list, or a høringsnotat (.txt/.docx/.pdf) with its list; matched first.",
    ),
]
DedupeOption = Annotated[
    bool, typer.Option("--dedupe", help="Count a file whose text and metadata repeat an earlier file's once.")
]


@dataclass(frozen=True)
class Analysis:
    """How the commands that analyse a corpus analyse it: the same options, the same behaviour in each.

    Attributes:
        corrections: the corrections file given, or None for the command's default.
        cache: the cache folder, or None for no cache.
    """

    rules: Path | None = None
    model: str = "auto"
    corrections: Path | None = None
    redact: bool = True
    jobs: int = 1
    cache: Path | None = None
    dedupe: bool = False
    hearing_list: Path | None = None  # the høringsliste, whose names are matched first
    control_files: bool = True
    stance_model: str = "rules"  # the name of the stance model (see `hoering.stance_linear.STANCE_MODELS`)

    @classmethod
    def of(
        cls,
        rules: Path | None,
        model: str,
        corrections: Path | None,
        no_redact: bool,
        jobs: int,
        cache_dir: Path | None,
        no_cache: bool,
        dedupe: bool,
        hearing_list: Path | None = None,
        no_control_files: bool = False,
        stance_model: StanceModelName = StanceModelName.rules,
    ) -> Analysis:
        """The options as the commands receive them."""
        cache = None if no_cache else (cache_dir or default_dir())
        cores = os.cpu_count() or 1
        if jobs > cores:
            # More processes than cores only share the cores and multiply the memory of the pipeline.
            typer.echo(f"note: --jobs {jobs} is more than the {cores} CPU cores here; using {cores}", err=True)
            jobs = cores
        return cls(
            rules,
            model,
            corrections,
            not no_redact,
            jobs,
            cache,
            dedupe,
            hearing_list,
            not no_control_files,
            StanceModelName(stance_model).value,
        )

    def loaded_rules(self, rules: Rules | None = None) -> Rules | Path | None:
        """The rules to analyse with: a høringsliste's names added when one is given."""
        if self.hearing_list is None:
            return rules if rules is not None else self.rules
        base = rules if rules is not None else load_rules(self.rules)
        return with_hearing_list(base, read_hearing_list(self.hearing_list))

    def run(
        self,
        corpus: Path,
        progress: Progress | None,
        rules: Rules | None = None,
        pipeline: Pipeline | None = None,
        keep_tokens: bool = True,
        corrections_by_default: bool = True,
    ) -> Result:
        """`hoering.analyse` with these options.

        Args:
            rules, pipeline: already loaded, when the command needs them for more than one corpus.
            corrections_by_default: take ``corrections.csv`` of the corpus when no file is given.
        """
        corrections: Path | bool | None = self.corrections
        if corrections is None and not corrections_by_default:
            corrections = False
        return analyse(
            corpus,
            rules=self.loaded_rules(rules),
            model=pipeline if pipeline is not None else self.model,
            progress=progress,
            corrections=corrections,
            keep_tokens=keep_tokens,
            redact=self.redact,
            dedupe=self.dedupe,
            jobs=self.jobs,
            cache=self.cache,
            control_files=self.control_files,
            stance=self.stance_model,
        )
