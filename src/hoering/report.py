"""The høringsnotat draft: one HTML file, Markdown or an Excel workbook from a `Result`.

Everything here returns the document (text or bytes) and never writes or
prints; the words come from `report_strings.toml` and the codebook's labels.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import UsageError
from .models import (
    COL_SECTION,
    COL_STANCE_CUES,
    COL_TEXT,
    COL_THEME_TERMS,
    OPINION_STANCES,
    STANCES,
    FileStatus,
    Position,
    Stance,
)
from .result import Result
from .version import __version__

FORMATS = ("html", "md", "xlsx")
LANGUAGES = ("da", "en")
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".xlsx": "xlsx"}

# Colours of the stances: (cell base, dark text). Green support, red concern, amber demand.
COLOURS = {
    Stance.SUPPORT: ("#2f9e44", "#166534"),
    Stance.CONCERN: ("#e03131", "#8f1717"),
    Stance.DEMAND: ("#f59f00", "#764400"),
    Stance.NEUTRAL: ("#868e96", "#5c6670"),
}
MIXED = "#7c8aa5"
INK, MUTED, RULE = "#1f2933", "#8b96a3", "#dde3ea"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


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
    """The report format: `fmt` when given, else from the file suffix, else html."""
    if fmt is None:
        return SUFFIXES.get(Path(path).suffix.lower(), "html")
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
    return fmt


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
    renderers = {"html": render_html, "md": render_markdown, "xlsx": render_xlsx}
    if fmt not in renderers:
        raise UsageError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
    return renderers[fmt](result, lang=lang, date=date, extra_sections=extra_sections)


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
        for theme in self.themes:
            for body in self.bodies:
                mine = Counter(p.stance.stance for p in self.by_theme[theme] if p.body == body)
                self.cells[body, theme] = Cell(mine[Stance.SUPPORT], mine[Stance.CONCERN], mine[Stance.DEMAND])
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


# --- the heatmap -------------------------------------------------------------


def _mix(colour: str, weight: float) -> str:
    """`colour` mixed with white: weight 0 is white, 1 the colour itself."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * weight):02x}" for c in rgb)


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width of `text` in a sans-serif font."""
    return len(text) * size * 0.56


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _cell_fill(cell: Cell, most: int) -> str:
    if cell.total == 0:
        return "#f4f6f8"
    weight = 0.2 + 0.42 * (cell.total / most if most else 0)
    dominant = cell.dominant
    return _mix(COLOURS[dominant][0] if dominant else MIXED, weight)


def _counts_tspans(cell: Cell, x: float, anchor: str = "middle") -> str:
    parts = []
    for i, stance in enumerate(OPINION_STANCES):
        value = cell.of(stance)
        fill = COLOURS[stance][1] if value else MUTED
        sep = "<tspan fill='#8b96a3'> · </tspan>" if i else ""
        parts.append(f"{sep}<tspan fill='{fill}' font-weight='{700 if value else 400}'>{value}</tspan>")
    return f"<text x='{x:g}' text-anchor='{anchor}'>{''.join(parts)}</text>"


def heatmap_svg(result: Result, lang: str = "da") -> str:
    """The body x theme heatmap as a standalone SVG document (also inlined in the HTML report).

    Themes are rows (those with any position), bodies columns; a cell counts
    support · concern · demand, coloured by the stance most frequent there.
    """
    return _heatmap(_View(result, lang, dt.date(2000, 1, 1)), standalone=True)


def _heatmap(v: _View, standalone: bool = False) -> str:
    """The heatmap's SVG; inline in HTML it needs no namespace (and so names no URL)."""
    s, size = v.s, 13
    esc = html.escape
    label_w = max([_text_width(v.label(t), size * 1.1) for t in v.themes] + [80]) + 16
    heads = [_wrap(b, 12) for b in v.bodies]
    col_ws = [max([_text_width(line, 12 * 1.12) + 14 for line in h] + [84]) for h in heads]
    col_xs = [label_w + sum(col_ws[:i]) for i in range(len(col_ws))]
    head_h = 16 * max([len(h) for h in heads] + [1]) + 14
    row_h, bar_w, gap = 30, 130, 20
    totals = {t: v.theme_total(t) for t in v.themes}
    most_total = max([c.total for c in totals.values()] + [1])
    most_cell = max([c.total for c in v.cells.values()] + [1])
    bar_x = label_w + sum(col_ws) + gap
    width = bar_x + bar_w + 80
    legend_y = head_h + row_h * len(v.themes) + 22
    height = legend_y + 40
    namespace = " xmlns='http://www.w3.org/2000/svg'" if standalone else ""
    out = [
        f"<svg{namespace} class='heatmap' width='{width:g}' height='{height:g}' "
        f"viewBox='0 0 {width:g} {height:g}' role='img' aria-labelledby='heatmap-title' "
        f"font-family=\"{FONT}\" font-size='{size}' fill='{INK}'>",
        f"<title id='heatmap-title'>{esc(s['heatmap_title'])}</title>",
        f"<rect width='{width:g}' height='{height:g}' fill='#ffffff'/>",
        f"<text x='8' y='{head_h - 10}' font-weight='600' fill='{MUTED}'>{esc(s['heatmap_theme'])}</text>",
    ]
    for i, lines in enumerate(heads):
        cx = col_xs[i] + col_ws[i] / 2
        top = head_h - 10 - 16 * (len(lines) - 1)
        spans = "".join(f"<tspan x='{cx:g}' y='{top + 16 * k:g}'>{esc(line)}</tspan>" for k, line in enumerate(lines))
        out.append(f"<text text-anchor='middle' font-size='12' font-weight='600'>{spans}</text>")
    out.append(
        f"<text x='{bar_x:g}' y='{head_h - 10}' font-weight='600' fill='{MUTED}'>{esc(s['heatmap_total'])}</text>"
    )
    for r, theme in enumerate(v.themes):
        y = head_h + row_h * r
        if r % 2 == 0:
            out.append(f"<rect x='0' y='{y}' width='{width:g}' height='{row_h}' fill='#f8fafc'/>")
        out.append(f"<text x='8' y='{y + row_h / 2 + 4.5:g}'>{esc(v.label(theme))}</text>")
        for c, body in enumerate(v.bodies):
            cell = v.cells[body, theme]
            x, col_w = col_xs[c], col_ws[c]
            title = s["cell_title"].format(
                body=body, theme=v.label(theme), support=cell.support, concern=cell.concern, demand=cell.demand
            )
            out.append(
                f"<g class='cell' transform='translate({x + 3:g},{y + 3})'><title>{esc(title)}</title>"
                f"<rect width='{col_w - 6:g}' height='{row_h - 6}' rx='4' fill='{_cell_fill(cell, most_cell)}'/>"
            )
            if cell.total:
                out.append(
                    f"<g transform='translate(0,{row_h / 2 + 1.5:g})'>{_counts_tspans(cell, (col_w - 6) / 2)}</g>"
                )
            out.append("</g>")
        out.append(_total_bar(v, theme, totals[theme], bar_x, y, row_h, bar_w, most_total))
    out.append(_legend(v, legend_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _total_bar(v: _View, theme: str, total: Cell, x: float, y: float, row_h: int, bar_w: int, most: int) -> str:
    items = v.by_theme[theme]
    title = v.s["total_title"].format(
        theme=v.label(theme),
        support=total.support,
        concern=total.concern,
        demand=total.demand,
        bodies=v.count(len({p.body for p in items}), "bodies"),
    )
    parts = [f"<g class='total'><title>{html.escape(title)}</title>"]
    left = x
    for stance in OPINION_STANCES:
        w = bar_w * total.of(stance) / most
        if w:
            parts.append(
                f"<rect x='{left:g}' y='{y + 8}' width='{w:.1f}' height='{row_h - 16}' fill='{COLOURS[stance][0]}'/>"
            )
        left += w
    parts.append(f"<g transform='translate(0,{y + row_h / 2 + 4.5:g})'>{_counts_tspans(total, left + 8, 'start')}</g>")
    parts.append("</g>")
    return "".join(parts)


def _legend(v: _View, y: float) -> str:
    s = v.s
    keys = [
        (COLOURS[Stance.SUPPORT][0], s["legend_support"]),
        (COLOURS[Stance.CONCERN][0], s["legend_concern"]),
        (COLOURS[Stance.DEMAND][0], s["legend_demand"]),
        (MIXED, s["legend_mixed"]),
    ]
    out, x = ["<g class='legend' font-size='12'>"], 8.0
    for colour, text in keys:
        out.append(
            f"<rect x='{x:g}' y='{y}' width='28' height='14' rx='3' fill='{_mix(colour, 0.22)}'/>"
            f"<rect x='{x + 14:g}' y='{y}' width='14' height='14' rx='3' fill='{_mix(colour, 0.72)}'/>"
            f"<text x='{x + 34:g}' y='{y + 11}'>{html.escape(text)}</text>"
        )
        x += 34 + _text_width(text, 12) + 22
    out.append(f"<text x='{x + 8:g}' y='{y + 11}' fill='{MUTED}'>{html.escape(s['legend_counts'])}</text>")
    out.append("</g>")
    return "".join(out)


# --- HTML ----------------------------------------------------------------------

CSS = """
:root { --ink: %(ink)s; --muted: %(muted)s; --rule: %(rule)s; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%%; }
body { margin: 0; background: #f3f5f8; color: var(--ink); font: 16px/1.55 %(font)s; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 64px; background: #fff; min-height: 100vh; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 16px; margin-bottom: 8px; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .04em; text-transform: uppercase; }
h1 { font-size: 32px; line-height: 1.2; margin: 6px 0 8px; }
h2 { font-size: 24px; margin: 44px 0 12px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 19px; margin: 32px 0 4px; }
h4 { font-size: 14px; margin: 18px 0 8px; text-transform: uppercase; letter-spacing: .05em; }
a { color: #1c5fa8; text-decoration: none; }
a:hover { text-decoration: underline; }
.meta { margin: 0; color: #3e4c59; }
.note.warning { background: #fdecec; border-left-color: %(concern_dark)s; }
.note { margin: 12px 0 0; padding: 10px 14px; background: #fff8e6; border-left: 4px solid %(demand)s; font-size: 14px; }
nav { margin-top: 14px; font-size: 14px; }
nav a { margin-right: 18px; font-weight: 600; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 24px 0 8px; }
.fig { flex: 1 1 96px; padding: 10px 14px; border: 1px solid var(--rule); border-top: 4px solid var(--ink); border-radius: 6px; }
.fig b { display: block; font-size: 28px; line-height: 1.1; }
.fig span { color: #3e4c59; font-size: 13px; white-space: nowrap; }
.scroll { overflow-x: auto; margin: 8px 0; }
svg.heatmap { display: block; max-width: 100%%; height: auto; }
.summary { margin: 0 0 6px; color: #3e4c59; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 13px; font-weight: 600; margin-right: 6px; white-space: nowrap; }
.q { margin: 0 0 10px; padding: 8px 14px; border-left: 4px solid var(--rule); background: #fafbfc; border-radius: 0 6px 6px 0; }
.q p { margin: 0; }
.q footer, li footer { margin-top: 3px; font-size: 13px; color: var(--muted); }
.q footer b, li footer b { color: #3e4c59; }
details { margin: 14px 0; }
summary { cursor: pointer; font-size: 14px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
ol.positions { padding-left: 2.2em; }
ol.positions li { margin: 0 0 12px; padding-left: 4px; }
ol.positions li p { margin: 2px 0 0; }
li.neutral p { color: #52606d; }
.themes { font-size: 13px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 12px 0 20px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%%; font-size: 14px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { border-bottom: 2px solid var(--ink); }
td.num { text-align: right; }
tr.skipped td { color: %(concern_dark)s; }
:target { outline: 2px solid #1c5fa8; outline-offset: 2px; }
@media print {
  body { background: #fff; }
  main { padding: 0; max-width: none; }
  nav { display: none; }
  h2 { break-before: page; }
  .q, li { break-inside: avoid; }
  details > *:not(summary) { display: block; }
}
"""


def _css() -> str:
    values = {"ink": INK, "muted": MUTED, "rule": RULE, "font": FONT, "demand": COLOURS[Stance.DEMAND][0]}
    values["concern_dark"] = COLOURS[Stance.CONCERN][1]
    rules = [CSS % values]
    for stance in STANCES:
        base, dark = COLOURS[stance]
        name = stance.value
        rules.append(
            f".badge.{name} {{ background: {_mix(base, 0.16)}; color: {dark}; }}\n"
            f".q.{name} {{ border-left-color: {base}; }}\n"
            f".fig.{name} {{ border-top-color: {base}; }}\n"
            f"h4.{name}, summary.{name} {{ color: {dark}; }}\n"
            f"ol.positions li.{name}::marker {{ color: {dark}; font-weight: 700; }}"
        )
    return "\n".join(rules)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.casefold()).strip("-") or "x"


class _Html:
    """HTML pieces; every text from the corpus or the rules passes through `esc`."""

    def __init__(self, v: _View, extras: Sequence[ExtraSection] = ()) -> None:
        self.v = v
        self.extras = tuple(extras)
        self.body_ids = {b: f"body-{i}" for i, b in enumerate(v.bodies, start=1)}
        self.theme_ids = {t: f"theme-{_slug(t)}" for t in v.by_theme}

    @staticmethod
    def esc(text: object) -> str:
        return html.escape(str(text), quote=True)

    def pos_id(self, p: Position) -> str:
        return f"pos-{self.v.doc_files.get(p.doc_id, 0)}-{p.index}"

    def source(self, p: Position) -> str:
        return f"<a href='#file-{self.v.doc_files.get(p.doc_id, 0)}'>{self.esc(source_ref(p))}</a>"

    def badge(self, stance: Stance, text: str | None = None) -> str:
        return f"<span class='badge {stance.value}'>{self.esc(text or self.v.stance(stance))}</span>"

    def header(self) -> str:
        v, s, esc = self.v, self.v.s, self.esc
        meta = []
        if v.plans():
            meta.append(f"{esc(s['plans'])}: {esc('; '.join(v.plans()))}")
        if v.rounds():
            meta.append(f"{esc(s['rounds'])}: {esc(', '.join(v.rounds()))}")
        links = [("overview", s["nav_overview"]), ("themes", s["nav_themes"]), ("bodies", s["nav_bodies"])]
        links += [(x.key, x.title) for x in self.extras] + [("run", s["nav_run"])]
        nav = "".join(f"<a href='#{esc(key)}'>{esc(title)}</a>" for key, title in links)
        warning = (
            "" if v.result.redaction else f"<p class='note warning'><strong>{esc(s['redaction_off'])}</strong></p>"
        )
        return (
            f"<header><p class='kicker'>hoering · {esc(s['generated'].format(date=v.date))}</p>"
            f"<h1>{esc(s['title'])}</h1><p class='meta'>{' · '.join(meta)}</p>"
            f"<p class='note'>{esc(s['draft_note'])}</p>{warning}<nav>{nav}</nav></header>"
        )

    def overview(self) -> str:
        v, s, esc = self.v, self.v.s, self.esc
        items = v.result.items
        stances = Counter(p.stance.stance for p in items)
        figures = [
            ("", len(v.bodies), s["fig_bodies"]),
            ("", len(v.result.read), s["fig_files"]),
            ("", len(items), s["fig_positions"]),
            ("", sum(1 for p in items if p.themes), s["fig_with_theme"]),
        ] + [(st.value, stances[st], v.stance(st)) for st in STANCES]
        figs = "".join(f"<div class='fig {cls}'><b>{n}</b><span>{esc(text)}</span></div>" for cls, n, text in figures)
        untouched = ""
        if v.untouched:
            names = ", ".join(v.label(t) for t in v.untouched)
            untouched = f"<p class='summary'>{esc(s['themes_untouched'].format(themes=names))}</p>"
        return (
            f"<section id='overview'><div class='figures'>{figs}</div>"
            f"<h2>{esc(s['heatmap_title'])}</h2><p class='summary'>{esc(s['heatmap_intro'])}</p>"
            f"<div class='scroll'>{_heatmap(v)}</div>{untouched}</section>"
        )

    def quote(self, p: Position) -> str:
        who = f"<a href='#{self.pos_id(p)}'><b>{self.esc(p.body)}</b></a>"
        when = f" {self.esc(p.round)}" if p.round else ""
        return (
            f"<blockquote class='q {p.stance.stance.value}'><p>{self.esc(self.v.quote(p.text))}</p>"
            f"<footer>{who}{when} · {self.source(p)}</footer></blockquote>"
        )

    def theme(self, theme: str) -> str:
        v, esc = self.v, self.esc
        items = v.by_theme[theme]
        tally = Counter(p.stance.stance for p in items)
        badges = "".join(self.badge(st, f"{tally[st]} {v.stance(st).lower()}") for st in STANCES if tally[st])
        parts = [
            f"<section class='theme' id='{self.theme_ids[theme]}'><h3>{esc(v.label(theme))}</h3>",
            f"<p class='summary'>{esc(v.theme_summary(theme))} &nbsp; {badges}</p>",
        ]
        for stance in STANCES:
            group = [p for p in items if p.stance.stance is stance]
            if not group:
                continue
            quotes = "".join(self.quote(p) for p in group)
            title = f"{esc(v.stance(stance))} ({len(group)})"
            if stance is Stance.NEUTRAL:
                parts.append(
                    f"<details class='group'><summary class='{stance.value}'>{title}</summary>{quotes}</details>"
                )
            else:
                parts.append(f"<div class='group'><h4 class='{stance.value}'>{title}</h4>{quotes}</div>")
        parts.append("</section>")
        return "".join(parts)

    def body(self, body: str) -> str:
        v, esc = self.v, self.esc
        rows = []
        for p in v.body_positions(body):
            themes = ", ".join(f"<a href='#{self.theme_ids[t]}'>{esc(v.label(t))}</a>" for t in p.theme_ids)
            rows.append(
                f"<li class='{p.stance.stance.value}' id='{self.pos_id(p)}'>{self.badge(p.stance.stance)}"
                f"<span class='themes'>{themes or esc(v.s['no_theme'])}</span>"
                f"<p>{esc(v.quote(p.text))}</p><footer>{self.source(p)}</footer></li>"
            )
        return (
            f"<section class='body' id='{self.body_ids[body]}'><h3>{esc(body)}</h3>"
            f"<p class='summary'>{esc(v.body_summary(body))}</p><ol class='positions'>{''.join(rows)}</ol></section>"
        )

    def run(self) -> str:
        v, s, esc = self.v, self.v.s, self.esc
        facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(val)}</dd>" for k, val in v.run_facts())
        head = "".join(
            f"<th>{esc(s[k])}</th>" for k in ("col_file", "col_status", "col_reason", "col_bodies", "col_positions")
        )
        rows = []
        for i, f in enumerate(v.result.files, start=1):
            status = s["status_read"] if f.status is FileStatus.READ else s["status_skipped"]
            rows.append(
                f"<tr id='file-{i}' class='{f.status.value}'><td>{esc(f.path)}</td><td>{esc(status)}</td>"
                f"<td>{esc(f.reason)}</td><td>{esc(', '.join(f.bodies))}</td><td class='num'>{f.positions}</td></tr>"
            )
        return (
            f"<section id='run'><h2>{esc(s['nav_run'])}</h2><p class='summary'>{esc(s['run_intro'])}</p>"
            f"<dl class='facts'>{facts}</dl><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>"
        )


def render_html(
    result: Result, lang: str = "da", date: dt.date | None = None, extra_sections: Sequence[ExtraSection] = ()
) -> str:
    """The report as one self-contained HTML file: inline CSS and SVG, no script, no network."""
    v = _View(result, lang, date)
    h = _Html(v, extra_sections)
    esc = h.esc
    themes = "".join(h.theme(t) for t in v.themes)
    bodies = "".join(h.body(b) for b in v.bodies)
    extras = "".join(f"<section id='{esc(x.key)}'><h2>{esc(x.title)}</h2>{x.html}</section>" for x in h.extras)
    return (
        f"<!DOCTYPE html>\n<html lang='{lang}'>\n<head>\n<meta charset='utf-8'>\n"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<meta name='generator' content='hoering {__version__}'>\n"
        f"<title>{esc(v.s['title'])}</title>\n<style>{_css()}</style>\n</head>\n<body>\n<main>\n"
        f"{h.header()}\n{h.overview()}\n"
        f"<section id='themes'><h2>{esc(v.s['nav_themes'])}</h2>{themes}</section>\n"
        f"<section id='bodies'><h2>{esc(v.s['nav_bodies'])}</h2>{bodies}</section>\n"
        f"{extras}\n{h.run()}\n</main>\n</body>\n</html>\n"
    )


# --- Markdown ------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: object) -> str:
    """Text that Markdown shows as written: markup characters backslash-escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(
    result: Result, lang: str = "da", date: dt.date | None = None, extra_sections: Sequence[ExtraSection] = ()
) -> str:
    """The report as Markdown: the matrix as a table, a heading per theme and per body."""
    v = _View(result, lang, date)
    s, esc = v.s, md_escape
    out = [f"# {esc(s['title'])}", "", f"*{esc(s['generated'].format(date=v.date))}*", ""]
    if v.plans():
        out.append(f"- {esc(s['plans'])}: {esc('; '.join(v.plans()))}")
    if v.rounds():
        out.append(f"- {esc(s['rounds'])}: {esc(', '.join(v.rounds()))}")
    if not result.redaction:
        out += ["", f"> **{esc(s['redaction_off'])}**"]
    out += ["", f"> {esc(s['draft_note'])}", "", f"## {esc(s['heatmap_title'])}", "", esc(s["heatmap_intro"]), ""]
    out += _md_matrix(v)
    if v.untouched:
        out += ["", esc(s["themes_untouched"].format(themes=", ".join(v.label(t) for t in v.untouched)))]
    out += ["", f"## {esc(s['nav_themes'])}"]
    for theme in v.themes:
        out += _md_theme(v, theme)
    out += ["", f"## {esc(s['nav_bodies'])}"]
    for body in v.bodies:
        out += ["", f"### {esc(body)}", "", esc(v.body_summary(body)), ""]
        for n, p in enumerate(v.body_positions(body), start=1):
            themes = ", ".join(v.label(t) for t in p.theme_ids) or s["no_theme"]
            out.append(
                f"{n}. **{esc(v.stance(p.stance.stance))}** ({esc(themes)}): {esc(v.quote(p.text))} `{source_ref(p)}`"
            )
    for extra in extra_sections:
        out += ["", f"## {esc(extra.title)}", "", extra.markdown.rstrip("\n")]
    out += ["", f"## {esc(s['nav_run'])}", "", esc(s["run_intro"]), ""]
    out += [f"- **{esc(k)}**: {esc(val)}" for k, val in v.run_facts()]
    out += ["", _md_row([s[k] for k in ("col_file", "col_status", "col_reason", "col_bodies", "col_positions")])]
    out.append("|---|---|---|---|---:|")
    for f in result.files:
        status = s["status_read"] if f.status is FileStatus.READ else s["status_skipped"]
        out.append(_md_row([f.path, status, f.reason, ", ".join(f.bodies), str(f.positions)]))
    return "\n".join(out) + "\n"


def _md_row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(md_escape(c) for c in cells) + " |"


def _md_matrix(v: _View) -> list[str]:
    def counts(cell: Cell) -> str:
        return " / ".join(str(cell.of(st)) for st in OPINION_STANCES) if cell.total else "·"

    rows = [_md_row([v.s["heatmap_theme"], *v.bodies, v.s["heatmap_total"]])]
    rows.append("|---|" + "---:|" * (len(v.bodies) + 1))
    for theme in v.themes:
        cells = [counts(v.cells[b, theme]) for b in v.bodies]
        rows.append(_md_row([v.label(theme), *cells, counts(v.theme_total(theme))]))
    legend = " / ".join(v.stance(st) for st in OPINION_STANCES)
    return [*rows, "", f"*{md_escape(legend)}*"]


def _md_theme(v: _View, theme: str) -> list[str]:
    items = v.by_theme[theme]
    tally = Counter(p.stance.stance for p in items)
    counts = ", ".join(f"{tally[st]} {v.stance(st).lower()}" for st in STANCES if tally[st])
    out = ["", f"### {md_escape(v.label(theme))}", "", md_escape(f"{v.theme_summary(theme)}: {counts}.")]
    for stance in STANCES:
        group = [p for p in items if p.stance.stance is stance]
        if group:
            out += ["", f"#### {md_escape(v.stance(stance))} ({len(group)})", ""]
            out += [
                f"- {md_escape(v.quote(p.text))} — **{md_escape(p.body)}**"
                f"{' ' + md_escape(p.round) if p.round else ''}, `{source_ref(p)}`"
                for p in group
            ]
    return out


# --- Excel ---------------------------------------------------------------------

SHEET_POSITIONS, SHEET_MATRIX, SHEET_FILES, SHEET_RUN = "positions", "matrix", "files", "run"
_MAX_WIDTH = {COL_TEXT: 90, COL_THEME_TERMS: 60, COL_STANCE_CUES: 60, COL_SECTION: 40}


def render_xlsx(
    result: Result, lang: str = "da", date: dt.date | None = None, extra_sections: Sequence[ExtraSection] = ()
) -> bytes:
    """The report as an Excel workbook: sheets positions, matrix (wide), files, any extra tables, and run.

    Every sheet has its header row frozen, an autofilter and column widths
    fitted to the content. Column names are those of the CSV files.
    """
    from openpyxl import Workbook

    v = _View(result, lang, date)
    book = Workbook()
    book.remove(book.active)
    _sheet(book, SHEET_POSITIONS, result.positions, frozen_columns=0)
    _sheet(book, SHEET_MATRIX, result.matrix_wide, frozen_columns=2)
    _sheet(book, SHEET_FILES, result.files_frame(), frozen_columns=0)
    for extra in extra_sections:
        if extra.table is not None:
            _sheet(book, extra.key, extra.table, frozen_columns=0)
    run = pd.DataFrame(v.run_facts(), columns=["field", "value"])
    _sheet(book, SHEET_RUN, run, frozen_columns=0)
    stamp = dt.datetime.combine(dt.date.fromisoformat(v.date), dt.time())
    book.properties.creator = f"hoering {__version__}"
    book.properties.title = v.s["title"]
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book, name: str, frame: pd.DataFrame, frozen_columns: int) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name[:31])
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(c)) for c in frame.columns]
    for row in frame.astype(object).where(frame.notna(), None).values.tolist():
        values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
        sheet.append(values)
        for i, value in enumerate(values):
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(sheet.max_row, i + 1).data_type = "s"  # a response's text, never a formula
    for i, column in enumerate(frame.columns):
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(widths[i], _MAX_WIDTH.get(column, 50)) + 2
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(frame.columns), 1))}{len(frame) + 1}"
