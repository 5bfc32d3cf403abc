"""The report's view model: what every format shows, computed once from a Result."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import tally
from ..errors import UsageError
from ..models import (
    OPINION_STANCES,
    Position,
    Stance,
)
from ..result import Result
from ..version import __version__

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("docx", "html", "md", "xlsx")


LANGUAGES = ("da", "en")


SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".xlsx": "xlsx"}


@dataclass(frozen=True)
class ExtraSection:
    """A section another stage adds to the report, such as the comparison of two rounds.

    Attributes:
        key: anchor id in HTML and sheet name in the workbook (letters, digits, '-', '_').
        title: the heading, plain text.
        html: the section's body as HTML, already escaped.
        markdown: the same as Markdown.
        table: the rows for a workbook sheet of its own, or None.
    """

    key: str
    title: str
    html: str
    markdown: str
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class Cell:
    """Opinion counts of one body on one theme (or of all bodies on a theme)."""

    support: int = 0
    concern: int = 0
    demand: int = 0

    @property
    def total(self) -> int:
        return self.support + self.concern + self.demand

    def of(self, stance: Stance) -> int:
        return {Stance.SUPPORT: self.support, Stance.CONCERN: self.concern, Stance.DEMAND: self.demand}.get(stance, 0)

    @property
    def dominant(self) -> Stance | None:
        """The stance with most positions; None when empty or tied at the top."""
        counts = sorted(((self.of(s), s) for s in OPINION_STANCES), key=lambda c: -c[0])
        if counts[0][0] == 0 or counts[0][0] == counts[1][0]:
            return None
        return counts[0][1]


@cache
def _all_strings() -> dict[str, dict[str, str]]:
    text = (resources.files("hoering") / "report_strings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_strings(lang: str) -> dict[str, str]:
    """The report's words in `lang` ('da' or 'en').

    Raises:
        UsageError: the language is not one of LANGUAGES.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"unknown report language '{lang}' (known: {', '.join(LANGUAGES)})")
    return _all_strings()[lang]


def format_of(path: str | Path, fmt: str | None = None) -> str:
    """The format of the report file: `fmt` when given, else from the suffix.

    Raises:
        UsageError: `fmt` is unknown, or it is not given and the suffix names no
            format: never a file in another format under a misleading name.
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise UsageError(
            f"{path}: cannot tell the report format from '{suffix or 'no suffix'}' (name the file {known}, or give --format)"
        )
    return SUFFIXES[suffix]


class _View:
    """What every format shows, computed once from a Result."""

    def __init__(self, result: Result, lang: str, date: dt.date | None) -> None:
        self.result = result
        self.lang = lang
        self.s = load_strings(lang)
        self.date = (date or dt.date.today()).isoformat()
        self.labels = {t.id: (t.label_da if lang == "da" else t.label_en) for t in result.rules.codebook.themes}
        self.bodies = result.bodies
        self.by_theme: dict[str, list[Position]] = {t: [] for t in result.rules.codebook.ids}
        for p in result.items:
            for theme in p.theme_ids:
                self.by_theme.setdefault(theme, []).append(p)
        self.themes = [t for t, items in self.by_theme.items() if items]
        self.untouched = [t for t, items in self.by_theme.items() if not items]
        self.cells: dict[tuple[str, str], Cell] = {}
        counted = tally.cells((p.body, p.theme_ids, p.stance.stance) for p in result.items)
        for theme in self.themes:
            for body in self.bodies:
                self.cells[body, theme] = Cell(*(counted[body, theme, s] for s in OPINION_STANCES))
        self.doc_files = {f.doc_id: i for i, f in enumerate(result.files, start=1) if f.doc_id}

    def label(self, theme: str) -> str:
        return self.labels.get(theme, theme)

    def stance(self, stance: Stance) -> str:
        return self.s[f"stance_{stance.value}"]

    def count(self, n: int, key: str) -> str:
        return self.s[f"{key}_one"] if n == 1 else self.s[f"{key}_many"].format(n=n)

    def theme_total(self, theme: str) -> Cell:
        cells = [self.cells[b, theme] for b in self.bodies]
        return Cell(*(sum(c.of(s) for c in cells) for s in OPINION_STANCES))

    def theme_summary(self, theme: str) -> str:
        items = self.by_theme[theme]
        return self.s["theme_summary"].format(
            bodies=self.count(len({p.body for p in items}), "bodies"),
            positions=self.count(len(items), "positions"),
        )

    def body_positions(self, body: str) -> list[Position]:
        return [p for p in self.result.items if p.body == body]

    def body_summary(self, body: str) -> str:
        mine = self.body_positions(body)
        return self.s["body_summary"].format(
            positions=self.count(len(mine), "positions"), files=self.count(len({p.doc_id for p in mine}), "files")
        )

    def plans(self) -> list[str]:
        return sorted({p.plan for p in self.result.items if p.plan})

    def rounds(self) -> list[str]:
        return sorted({p.round for p in self.result.items if p.round})

    def quote(self, text: str) -> str:
        return f"{self.s['quote_open']}{text}{self.s['quote_close']}"

    def run_facts(self) -> list[tuple[str, str]]:
        """The run summary as (label, value) pairs, plain text."""
        summary = self.result.summary()
        s = self.s
        facts = [
            (s["run_date"], self.date),
            (s["run_corpus"], str(summary["corpus"])),
            (s["run_files"], s["run_files_value"].format(**summary)),
            (
                s["run_positions"],
                s["run_positions_value"].format(
                    positions=summary["positions"], with_theme=summary["positions_with_theme"]
                ),
            ),
            (s["run_rules"], f"{self.result.rules.digest[:12]} ({', '.join(self.result.rules.sources)})"),
            (s["run_model"], str(summary["model"])),
        ]
        if self.result.corrections:
            facts.append(
                (
                    s["run_corrections"],
                    s["run_corrections_value"].format(file=self.result.corrections, corrected=summary["corrected"]),
                )
            )
        facts.extend((s["run_stale"], message) for message in self.result.stale_corrections)
        if not self.result.redaction:
            facts.append((s["run_redaction"], s["run_redaction_off"]))
        elif self.result.redacted:
            counts = ", ".join(f"{kind} {n}" for kind, n in self.result.redacted.items())
            facts.append((s["run_redaction"], s["run_redaction_value"].format(counts=counts)))
        else:
            facts.append((s["run_redaction"], s["run_redaction_none"]))
        facts.append((s["run_version"], f"hoering {__version__}"))
        return facts


def source_ref(p: Position) -> str:
    """``doc [start:end]``: where a position stands in its file."""
    return f"{p.doc_id} [{p.start}:{p.end}]"
