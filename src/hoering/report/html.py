"""The report as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Sequence

from ..models import (
    STANCES,
    FileStatus,
    Position,
    Stance,
)
from ..result import Result
from ..safe import plain_block
from ..version import __version__
from .heatmap import COLOURS, FONT, INK, MUTED, RULE, _heatmap, _mix
from .view import ExtraSection, _View, source_ref

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
        return html.escape(plain_block(str(text)), quote=True)

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
