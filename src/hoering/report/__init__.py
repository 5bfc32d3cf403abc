"""The høringsnotat draft: one HTML file, Markdown or an Excel workbook from a `Result`.

Everything here returns the document (text or bytes) and never writes or
prints; the words come from `report_strings.toml` and the codebook's labels.

| module | responsibility |
|---|---|
| `view` | the view model every format shows: counts, quotes, the run's facts, strings |
| `heatmap` | the body x theme heatmap as SVG |
| `html`, `markdown`, `xlsx` | one format each |
| `render` | the registry of formats: `render(result, fmt)` |
| `rounds` | the section comparing two rounds |
"""

from .heatmap import COLOURS, heatmap_svg
from .html import render_html
from .markdown import md_escape, render_markdown
from .render import RENDERERS, render
from .rounds import diff_section
from .view import FORMATS, LANGUAGES, SUFFIXES, Cell, ExtraSection, format_of, load_strings, source_ref
from .xlsx import render_xlsx

__all__ = [
    "COLOURS",
    "FORMATS",
    "LANGUAGES",
    "RENDERERS",
    "SUFFIXES",
    "Cell",
    "ExtraSection",
    "diff_section",
    "format_of",
    "heatmap_svg",
    "load_strings",
    "md_escape",
    "render",
    "render_html",
    "render_markdown",
    "render_xlsx",
    "source_ref",
]
