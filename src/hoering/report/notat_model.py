"""The høringsnotat's types and words: what every format (Word, HTML, Markdown) shows.

`hoering.report.notat.build_notat` fills a `Notat`; `word`, `notat_html` and
`notat_markdown` turn it into a document. The words of both languages come
from ``notat_strings.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..errors import UsageError
from ..models import OPINION_STANCES, Stance
from .view import Cell

LANGUAGES = ("da", "en")


@cache
def _all_strings() -> dict[str, dict[str, str]]:
    text = (resources.files("hoering") / "notat_strings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def notat_strings(lang: str) -> dict[str, str]:
    """The notat's words in `lang` ('da' or 'en').

    Raises:
        UsageError: the language is not one of LANGUAGES.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"unknown report language '{lang}' (known: {', '.join(LANGUAGES)})")
    return _all_strings()[lang]


@dataclass(frozen=True)
class Counts(Cell):
    """Opinion counts of one row of the matrix on one theme: the dashboard's cell, written as the notat writes it."""

    def text(self) -> str:
        """``1 · 0 · 4``, or ``·`` for an empty cell."""
        return " · ".join(str(self.of(s)) for s in OPINION_STANCES) if self.total else "·"


@dataclass(frozen=True)
class Quote:
    """A position quoted word for word, with who said it and where it stands."""

    text: str
    who: str
    round: str
    stance: Stance
    doc_id: str
    start: int
    end: int
    file_no: int  # the file's row in the run annex, for links
    link: str = ""  # in a section of a part of the plan: how the position was linked to it

    @property
    def source(self) -> str:
        """``doc [start:end]``: the file and the offsets of positions.csv."""
        return f"{self.doc_id} [{self.start}:{self.end}]"


@dataclass(frozen=True)
class Section:
    """One section of bemærkninger: a theme, a part of the plan, or the general remarks.

    Attributes:
        key: anchor id ('general', 'theme-<id>' or 'plan-<part id>').
        number: the section number as printed ('2', '3.1', '4.1', ...).
        title: the heading.
        theme: the theme id, or '' for the general remarks and the parts of the plan.
        resume: plain sentences: the opening count, then one per stance.
        quotes: the key quotes, each shown in one section only.
        more: opinion positions of the section not quoted here.
        elsewhere: positions of the section quoted under another theme (or part of the plan).
    """

    key: str
    number: str
    title: str
    theme: str
    resume: tuple[str, ...]
    quotes: tuple[Quote, ...]
    more: int = 0
    elsewhere: int = 0

    @property
    def elsewhere_key(self) -> str:
        """The string that says how many are quoted elsewhere: under another theme, or another part of the plan."""
        return "quotes_elsewhere_plan" if self.key.startswith("plan-") else "quotes_elsewhere"


@dataclass(frozen=True)
class Campaign:
    """Responses with the same (or nearly the same) text from different senders."""

    label: str  # "12 enslydende svar fra borgere"
    docs: tuple[str, ...]  # the first is the one counted and quoted
    bodies: tuple[str, ...]


@dataclass(frozen=True)
class MatrixRow:
    label: str
    cells: tuple[Counts, ...]
    total: Counts


@dataclass(frozen=True)
class Matrix:
    """Bodies (rows) x themes (columns), citizens together and campaigns once."""

    themes: tuple[str, ...]  # theme ids, in column order
    labels: tuple[str, ...]  # their labels
    rows: tuple[MatrixRow, ...]
    total: MatrixRow


@dataclass(frozen=True)
class FileRow:
    no: int
    path: str
    status: str
    reason: str
    bodies: str
    positions: int


@dataclass(frozen=True)
class Notat:
    """Everything a høringsnotat shows, in order, as plain text (writers escape it)."""

    lang: str
    strings: dict[str, str] = field(repr=False)
    date: str
    title: str
    subtitle: str
    draft_note: str
    redaction: bool
    intro: tuple[str, ...]  # paragraphs before the list of senders
    senders: tuple[str, ...]  # who answered
    intro_after: tuple[str, ...]  # paragraphs after the list
    general: Section
    themes: tuple[Section, ...]
    untouched: str  # a sentence naming the themes nobody touched, or ''
    matrix: Matrix
    campaigns: tuple[Campaign, ...]
    run_facts: tuple[tuple[str, str], ...]
    files: tuple[FileRow, ...]  # the notat's responses, and the files skipped or without positions
    files_left_out: int = 0  # responses of other rounds (or outside the filters), not listed
    plan_intro: str = ""  # given a plan: the paragraph opening section 4; '' without a plan (and no section 4)
    plan_parts: tuple[Section, ...] = ()  # a section per part of the plan the responses address
    plan_untouched: str = ""  # a sentence naming the parts no response addresses, or ''

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.general, *self.themes, *self.plan_parts)

    def s(self, key: str, **values: object) -> str:
        return self.strings[key].format(**values) if values else self.strings[key]


_SAFE_ID = re.compile(r"[^a-z0-9_-]+")


def anchor(key: str) -> str:
    """An id safe in HTML and as a Word bookmark name."""
    return _SAFE_ID.sub("-", key.casefold()).strip("-") or "x"
