"""The report as Markdown."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from ..models import (
    OPINION_STANCES,
    STANCES,
    FileStatus,
)
from ..result import Result
from ..safe import markdown_code, plain
from .view import Cell, ExtraSection, _View, source_ref

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: object) -> str:
    """Text that Markdown shows as written: markup characters backslash-escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(plain(str(text)).split()))


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
                f"{n}. **{esc(v.stance(p.stance.stance))}** ({esc(themes)}): {esc(v.quote(p.text))} {markdown_code(source_ref(p))}"
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
                f"{' ' + md_escape(p.round) if p.round else ''}, {markdown_code(source_ref(p))}"
                for p in group
            ]
    return out
