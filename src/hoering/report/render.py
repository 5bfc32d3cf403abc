"""One report format per renderer: `render_report` writes the notat of a selection, `render` the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from .. import lazy
from ..errors import UsageError
from ..plan import Plan
from ..plan_links import PlanLink
from ..result import Result
from ..selection import Selected
from .html import render_html
from .markdown import render_markdown
from .notat import QUOTES_PER_SECTION, Notat, build_notat
from .notat_html import render_notat_html
from .notat_markdown import render_notat_markdown
from .view import FORMATS, ExtraSection, _View

# The Word and Excel writers (python-docx, pandas and openpyxl) only for those formats.
render_docx = lazy.function("hoering.report.word", "render_docx")
render_xlsx = lazy.function("hoering.report.xlsx", "render_xlsx")

Renderer = Callable[..., str | bytes]


#: The dashboard report (key figures, heatmap, every position by theme and by body), per format.
RENDERERS: dict[str, Renderer] = {"html": render_html, "md": render_markdown, "xlsx": render_xlsx}


#: The høringsnotat, per format: a new format is a module with its writer of a `Notat`, and a line here.
NOTAT_WRITERS: dict[str, Callable[[Notat], str | bytes]] = {
    "docx": render_docx,
    "html": render_notat_html,
    "md": render_notat_markdown,
}


def render(
    result: Result,
    fmt: str = "html",
    lang: str = "da",
    date: dt.date | None = None,
    extra_sections: Sequence[ExtraSection] = (),
) -> str | bytes:
    """The dashboard report as HTML or Markdown text, or an xlsx workbook as bytes.

    Args:
        result: what `analyse` found.
        fmt: 'html', 'md' or 'xlsx'.
        lang: 'da' (default) or 'en': labels and words of the report.
        date: the date the report names (default today).
        extra_sections: sections other stages add, such as the diff of two rounds.
    """
    if fmt not in RENDERERS:
        raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(RENDERERS)})")
    return RENDERERS[fmt](result, lang=lang, date=date, extra_sections=extra_sections)


def render_report(
    selected: Selected,
    fmt: str,
    lang: str = "da",
    date: dt.date | None = None,
    consulted: Sequence[str] | None = None,
    extra_sections: Sequence[ExtraSection] = (),
    quotes_per_section: int = QUOTES_PER_SECTION,
    plan: Plan | None = None,
    plan_links: Sequence[PlanLink] = (),
) -> str | bytes:
    """What `hoering report` writes: the notat as docx, html or md; the workbook as xlsx.

    Args:
        selected: the result narrowed to what the report covers (`hoering.selection.select`).
        fmt: 'docx', 'html', 'md' or 'xlsx'.
        lang: 'da' (default) or 'en'.
        date: the date the report names (default today).
        consulted: the høringsliste, to name who did not answer (None: no list).
        extra_sections: sheets for the workbook (such as the diff of two rounds).
        quotes_per_section: quotes per section of the notat before "... og N flere".
        plan, plan_links: the plan and the selection's positions linked to its
            parts (`hoering.plan_links.link_positions`): the notat's section 4, a
            subsection per part. The workbook shows them only through a `plan_section` in `extra_sections`.

    Returns:
        Text for html and md, bytes for docx and xlsx.
    """
    if fmt == "xlsx":
        return render_xlsx(selected.result, lang=lang, date=date, extra_sections=extra_sections)
    if fmt not in NOTAT_WRITERS:
        raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
    facts = _View(selected.result, lang, date).run_facts()
    notat = build_notat(
        selected,
        lang=lang,
        date=date,
        consulted=consulted,
        quotes_per_section=quotes_per_section,
        run_facts=facts,
        plan=plan,
        plan_links=plan_links,
    )
    return NOTAT_WRITERS[fmt](notat)
