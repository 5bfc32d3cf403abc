"""One report format per renderer: `render` picks it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ..errors import UsageError
from ..result import Result
from .html import render_html
from .markdown import render_markdown
from .view import FORMATS, ExtraSection
from .xlsx import render_xlsx

Renderer = Callable[..., str | bytes]


#: One renderer per format: a new format is a module with its renderer, and a line here.
RENDERERS: dict[str, Renderer] = {"html": render_html, "md": render_markdown, "xlsx": render_xlsx}


def render(
    result: Result,
    fmt: str = "html",
    lang: str = "da",
    date: dt.date | None = None,
    extra_sections: Sequence[ExtraSection] = (),
) -> str | bytes:
    """The report as HTML or Markdown text, or an xlsx workbook as bytes.

    Args:
        result: what `analyse` found.
        fmt: 'html', 'md' or 'xlsx'.
        lang: 'da' (default) or 'en': labels and words of the report.
        date: the date the report names (default today).
        extra_sections: sections other stages add, such as the diff of two rounds.
    """
    if fmt not in RENDERERS:
        raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
    return RENDERERS[fmt](result, lang=lang, date=date, extra_sections=extra_sections)
