"""The høringsnotat draft as Word, HTML or Markdown, the Excel workbook, and the dashboard report.

Everything here returns the document (text or bytes) and never writes or
prints; the words come from `notat_strings.toml` (the notat),
`report_strings.toml` (the dashboard, the workbook, the run) and the
codebook's labels.

| module | responsibility |
|---|---|
| `view` | the dashboard's view model: counts, quotes, the run's facts, strings |
| `heatmap` | the body x theme heatmap as SVG |
| `html`, `markdown`, `xlsx` | the dashboard (and the workbook) in one format each |
| `render` | the registries of formats: `render_report(selected, fmt)` (the notat), `render(result, fmt)` (the dashboard) |
| `rounds` | the section comparing two rounds |
| `notat` | the høringsnotat's view model built: `build_notat(selected)` -> `Notat` |
| `notat_model` | the notat's frozen types and its words (`notat_strings.toml`) |
| `notat_voices` | who speaks: bodies, citizens together, campaigns once; the annex's matrix |
| `notat_sections` | a section's resumé and quotes; the positions of each part of the plan |
| `notat_intro` | the Indledning: round, plan, period, who answered and who did not |
| `word`, `notat_html`, `notat_markdown` | the notat in one format each |
| `plan` | the section (workbook sheet, dashboard section) per part of the plan |
"""

from .. import lazy
from .heatmap import COLOURS, heatmap_svg
from .html import render_html
from .markdown import md_escape, render_markdown
from .notat import Notat, build_notat
from .plan import plan_section
from .render import NOTAT_WRITERS, RENDERERS, render, render_report
from .view import FORMATS, LANGUAGES, SUFFIXES, Cell, ExtraSection, format_of, load_strings, source_ref

# Comparing rounds (pandas, rapidfuzz) and the workbook (pandas, openpyxl) only when asked for.
diff_section = lazy.function("hoering.report.rounds", "diff_section")
render_xlsx = lazy.function("hoering.report.xlsx", "render_xlsx")

__all__ = [
    "COLOURS",
    "FORMATS",
    "LANGUAGES",
    "NOTAT_WRITERS",
    "RENDERERS",
    "SUFFIXES",
    "Cell",
    "ExtraSection",
    "Notat",
    "build_notat",
    "diff_section",
    "format_of",
    "heatmap_svg",
    "load_strings",
    "md_escape",
    "plan_section",
    "render",
    "render_html",
    "render_markdown",
    "render_report",
    "render_xlsx",
    "source_ref",
]
