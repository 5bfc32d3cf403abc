"""The body x theme heatmap as SVG, standalone or inside the HTML report."""

from __future__ import annotations

import datetime as dt
import html

from ..models import (
    OPINION_STANCES,
    Stance,
)
from ..result import Result
from ..safe import xml_text
from .view import Cell, _View

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


def _esc(text: object) -> str:
    """Text for SVG: escaped, and without the characters XML cannot hold (a C0 control in a body name)."""
    return html.escape(xml_text(str(text)))


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
    esc = _esc
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
    parts = [f"<g class='total'><title>{_esc(title)}</title>"]
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
            f"<text x='{x + 34:g}' y='{y + 11}'>{_esc(text)}</text>"
        )
        x += 34 + _text_width(text, 12) + 22
    out.append(f"<text x='{x + 8:g}' y='{y + 11}' fill='{MUTED}'>{_esc(s['legend_counts'])}</text>")
    out.append("</g>")
    return "".join(out)
