"""What `hoering report` writes: the notat as .docx, .html or .md, or the workbook as .xlsx.

The format comes from `--format` or the suffix of the file; an unknown suffix
is an error, never a file in another format under a misleading name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .errors import UsageError
from .notat import QUOTES_PER_SECTION, build_notat
from .notat_docx import render_docx
from .notat_html import render_notat_html, render_notat_markdown
from .report import ExtraSection, _View, render_xlsx
from .selection import Selected

FORMATS = ("docx", "html", "md", "xlsx")
SUFFIXES = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".xlsx": "xlsx",
}


def report_format(path: str | Path, fmt: str | None = None) -> str:
    """The format of the report file: `fmt` when given, else from the suffix.

    Raises:
        UsageError: `fmt` is unknown, or it is not given and the suffix names no format.
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


def render_report(
    selected: Selected,
    fmt: str,
    lang: str = "da",
    date: dt.date | None = None,
    consulted: Sequence[str] | None = None,
    extra_sections: Sequence[ExtraSection] = (),
    quotes_per_section: int = QUOTES_PER_SECTION,
) -> str | bytes:
    """The report of a selection: text for html and md, bytes for docx and xlsx.

    Args:
        selected: the result narrowed to what the report covers (`hoering.selection.select`).
        fmt: 'docx', 'html', 'md' or 'xlsx'.
        lang: 'da' (default) or 'en'.
        date: the date the report names (default today).
        consulted: the høringsliste, to name who did not answer (None: no list).
        extra_sections: sheets for the workbook (such as the diff of two rounds).
        quotes_per_section: quotes per section of the notat before "... og N flere".
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
    if fmt == "xlsx":
        return render_xlsx(selected.result, lang=lang, date=date, extra_sections=extra_sections)
    facts = _View(selected.result, lang, date).run_facts()
    notat = build_notat(
        selected, lang=lang, date=date, consulted=consulted, quotes_per_section=quotes_per_section, run_facts=facts
    )
    if fmt == "docx":
        return render_docx(notat)
    return render_notat_html(notat) if fmt == "html" else render_notat_markdown(notat)
