"""The høringsnotat as one self-contained HTML file (inline CSS, no script).

The HTML prints on A4: headings keep with what follows, a quote or a comments
field is never split, the annexes start on a new page and the matrix gets a
landscape page of its own. The matrix is a table whose numbers keep their
size however many bodies there are (rows grow, theme names stand upright).
"""

from __future__ import annotations

import html

from ..models import OPINION_STANCES, STANCES
from ..version import __version__
from .heatmap import COLOURS, FONT, INK, MUTED, RULE, _mix
from .notat_model import Counts, Notat, Quote, Section, anchor


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f5; color: %(ink)s; font: 11pt/1.5 %(font)s; }
main { max-width: 46rem; margin: 1.5rem auto; background: #fff; padding: 2.5rem 3rem 3rem;
       box-shadow: 0 1px 3px rgba(15,23,42,.12); }
h1 { font-size: 24pt; margin: 0; letter-spacing: -.01em; }
.subtitle { font-size: 13pt; color: %(muted)s; margin: .1rem 0 1rem; }
h2 { font-size: 15pt; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid %(rule)s; }
h3 { font-size: 12.5pt; margin: 1.6rem 0 .4rem; }
h4 { font-size: 10.5pt; margin: .9rem 0 .3rem; }
p { margin: .35rem 0; }
.note { font-size: 9.5pt; color: %(muted)s; font-style: italic; }
.warning { color: #b00020; font-style: normal; font-weight: 700; }
nav.toc ol { list-style: none; padding-left: 0; margin: .3rem 0 0; font-size: 10pt; }
nav.toc ol ol { padding-left: 1.2rem; }
nav.toc a { color: inherit; text-decoration: none; }
ul.senders { margin: .3rem 0 .6rem; }
.resume p { margin: .15rem 0; }
.resume b { font-weight: 700; }
blockquote { margin: .5rem 0 .6rem; padding: .25rem .8rem; border-left: 4px solid %(rule)s;
             break-inside: avoid; }
blockquote p { margin: 0; font-style: italic; }
blockquote footer { font-size: 8.5pt; color: %(muted)s; margin-top: .15rem; }
blockquote footer a { color: inherit; }
.more { font-size: 9.5pt; color: %(muted)s; font-style: italic; }
.comments { border: 1px solid #e2c458; background: #fff8db; padding: .5rem .8rem; margin: .8rem 0 1.2rem;
            break-inside: avoid; min-height: 4.5rem; }
.comments h4 { margin: 0 0 .2rem; }
.comments .placeholder { color: %(muted)s; font-style: italic; }
table { border-collapse: collapse; font-size: 9pt; }
th, td { border: 1px solid %(rule)s; padding: .2rem .35rem; vertical-align: bottom; text-align: left; }
table.matrix { width: 100%%; table-layout: fixed; }
table.matrix th.theme { height: 11rem; padding: .3rem .1rem; vertical-align: bottom; }
table.matrix th.theme span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block;
                             max-height: 10.5rem; font-weight: 600; font-size: 8.5pt; line-height: 1.15; }
table.matrix th.body { width: 10rem; }
table.matrix td { text-align: center; white-space: nowrap; font-size: 9pt; font-variant-numeric: tabular-nums; }
table.matrix td.name { text-align: left; white-space: normal; }
table.matrix tr.total td { font-weight: 700; border-top: 2px solid %(ink)s; }
table.matrix td.empty { color: %(muted)s; }
table.files { width: 100%%; font-size: 8.5pt; }
table.files td { vertical-align: top; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: 9.5pt; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.annex { break-before: page; }
@page { size: A4; margin: 18mm 17mm 20mm; }
@page wide { size: A4 landscape; margin: 15mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  .annex.matrix-page { page: wide; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
"""


def _css() -> str:
    rules = [CSS % {"ink": INK, "muted": MUTED, "rule": RULE, "font": FONT}]
    for stance in STANCES:
        base, dark = COLOURS[stance]
        rules.append(
            f"blockquote.{stance.value} {{ border-left-color: {base}; }}\n"
            f".stance.{stance.value} {{ color: {dark}; font-weight: 700; }}\n"
            f"td.{stance.value} {{ background: {_mix(base, 0.22)}; }}"
        )
    rules.append(f"td.mixed {{ background: {_mix('#7c8aa5', 0.22)}; }}")
    return "\n".join(rules)


def _quote(notat: Notat, q: Quote) -> str:
    when = f" {esc(q.round)}" if q.round else ""
    return (
        f"<blockquote class='{q.stance.value}'><p>{esc(notat.s('quote_open') + q.text + notat.s('quote_close'))}</p>"
        f"<footer><span class='stance {q.stance.value}'>{esc(notat.s('stance_' + q.stance.value))}</span> · "
        f"{esc(q.who)}{when} · <a href='#file-{q.file_no}'>{esc(q.source)}</a>"
        f"{f' · {esc(q.link)}' if q.link else ''}</footer></blockquote>"
    )


def _resume(section: Section) -> str:
    lines = []
    for i, sentence in enumerate(section.resume):
        head, sep, rest = sentence.partition(": ")
        lines.append(f"<p><b>{esc(head + sep)}</b>{esc(rest)}</p>" if i and sep else f"<p>{esc(sentence)}</p>")
    return f"<div class='resume'>{''.join(lines)}</div>"


def _section(notat: Notat, section: Section, tag: str) -> str:
    number = f"{section.number}." if tag == "h2" else section.number
    parts = [f"<section id='{anchor(section.key)}'><{tag}>{esc(number)} {esc(section.title)}</{tag}>"]
    parts.append(_resume(section) if section.resume else f"<p>{esc(notat.s('general_none'))}</p>")
    if section.quotes:
        parts.append(f"<h4>{esc(notat.s('quotes'))}</h4>")
        parts.extend(_quote(notat, q) for q in section.quotes)
    if section.more:
        parts.append(f"<p class='more'>{esc(notat.s('quotes_more', n=section.more))}</p>")
    if section.elsewhere:
        parts.append(f"<p class='more'>{esc(notat.s(section.elsewhere_key, n=section.elsewhere))}</p>")
    parts.append(
        f"<div class='comments'><h4>{esc(notat.s('comments'))}</h4>"
        f"<p class='placeholder'>{esc(notat.s('comments_placeholder'))}</p></div></section>"
    )
    return "".join(parts)


def _cell(notat: Notat, counts: Counts) -> str:
    if not counts.total:
        return "<td class='empty'>·</td>"
    dominant = counts.dominant
    kind = dominant.value if dominant else "mixed"
    words = ", ".join(f"{notat.s('stance_' + s.value)}: {counts.of(s)}" for s in OPINION_STANCES)
    return f"<td class='{kind}' title='{esc(words)}'>{esc(counts.text())}</td>"


def _matrix(notat: Notat) -> str:
    m = notat.matrix
    if not m.themes:
        return f"<p>{esc(notat.s('themes_none'))}</p>"
    head = "".join(f"<th class='theme'><span>{esc(label)}</span></th>" for label in m.labels)
    head = (
        f"<th class='body'>{esc(notat.s('matrix_body'))}</th>{head}"
        f"<th class='theme'><span>{esc(notat.s('matrix_total'))}</span></th>"
    )
    rows = []
    for row in (*m.rows, m.total):
        cls = " class='total'" if row is m.total else ""
        cells = "".join(_cell(notat, c) for c in (*row.cells, row.total))
        rows.append(f"<tr{cls}><td class='name'>{esc(row.label)}</td>{cells}</tr>")
    return f"<table class='matrix'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _run(notat: Notat) -> str:
    parts = [f"<p>{esc(notat.s('annex_run_intro'))}</p>"]
    if notat.run_facts:
        facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in notat.run_facts)
        parts.append(f"<dl class='facts'>{facts}</dl>")
    if notat.campaigns:
        items = "".join(
            f"<li>{esc(notat.s('campaign_row', n=len(c.docs), who=c.label, docs=', '.join(c.docs)))}</li>"
            for c in notat.campaigns
        )
        parts.append(f"<h3>{esc(notat.s('campaigns'))}</h3><ul>{items}</ul>")
    keys = ("col_file", "col_status", "col_reason", "col_bodies", "col_positions")
    head = "".join(f"<th>{esc(notat.s(k))}</th>" for k in keys)
    rows = "".join(
        f"<tr id='file-{r.no}'><td>{esc(r.path)}</td><td>{esc(r.status)}</td><td>{esc(r.reason)}</td>"
        f"<td>{esc(r.bodies)}</td><td>{r.positions}</td></tr>"
        for r in notat.files
    )
    if notat.files_left_out:
        parts.append(f"<p class='more'>{esc(notat.s('files_left_out', n=notat.files_left_out))}</p>")
    parts.append(f"<table class='files'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return "".join(parts)


def _toc(notat: Notat) -> str:
    themes = "".join(f"<li><a href='#{anchor(s.key)}'>{esc(s.number)} {esc(s.title)}</a></li>" for s in notat.themes)
    parts = "".join(f"<li><a href='#{anchor(s.key)}'>{esc(s.number)} {esc(s.title)}</a></li>" for s in notat.plan_parts)
    entries = [
        f"<li><a href='#intro'>1. {esc(notat.s('intro'))}</a></li>",
        f"<li><a href='#general'>2. {esc(notat.s('general'))}</a></li>",
        f"<li><a href='#themes'>3. {esc(notat.s('themes'))}</a><ol>{themes}</ol></li>",
        *([f"<li><a href='#plan'>4. {esc(notat.s('plan'))}</a><ol>{parts}</ol></li>"] if notat.plan_intro else []),
        f"<li><a href='#annex-matrix'>{esc(notat.s('annex_matrix'))}</a></li>",
        f"<li><a href='#annex-run'>{esc(notat.s('annex_run'))}</a></li>",
    ]
    return f"<nav class='toc'><h4>{esc(notat.s('contents'))}</h4><ol>{''.join(entries)}</ol></nav>"


def render_notat_html(notat: Notat) -> str:
    """The notat as one self-contained HTML file that prints on A4."""
    warning = "" if notat.redaction else f"<p class='note warning'>{esc(notat.s('redaction_off'))}</p>"
    senders = "".join(f"<li>{esc(name)}</li>" for name in notat.senders)
    intro = (
        f"<section id='intro'><h2>1. {esc(notat.s('intro'))}</h2>"
        + "".join(f"<p>{esc(t)}</p>" for t in notat.intro)
        + f"<ul class='senders'>{senders}</ul>"
        + "".join(f"<p>{esc(t)}</p>" for t in notat.intro_after)
        + "</section>"
    )
    themes = "".join(_section(notat, s, "h3") for s in notat.themes) or f"<p>{esc(notat.s('themes_none'))}</p>"
    untouched = f"<p class='more'>{esc(notat.untouched)}</p>" if notat.untouched else ""
    plan = ""
    if notat.plan_intro:
        parts = "".join(_section(notat, s, "h3") for s in notat.plan_parts) or f"<p>{esc(notat.s('plan_none'))}</p>"
        left = f"<p class='more'>{esc(notat.plan_untouched)}</p>" if notat.plan_untouched else ""
        plan = (
            f"<section id='plan'><h2>4. {esc(notat.s('plan'))}</h2>"
            f"<p>{esc(notat.plan_intro)}</p>{parts}{left}</section>\n"
        )
    return (
        f"<!DOCTYPE html>\n<html lang='{notat.lang}'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<meta name='generator' content='hoering {__version__}'>\n"
        f"<title>{esc(notat.title)} – {esc(notat.subtitle)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>{esc(notat.title)}</h1><p class='subtitle'>{esc(notat.subtitle)}</p>"
        f"<p class='note'>{esc(notat.draft_note)}</p>{warning}{_toc(notat)}</header>\n"
        f"{intro}\n{_section(notat, notat.general, 'h2')}\n"
        f"<section id='themes'><h2>3. {esc(notat.s('themes'))}</h2>{themes}{untouched}</section>\n{plan}"
        f"<section id='annex-matrix' class='annex matrix-page'><h2>{esc(notat.s('annex_matrix'))}</h2>"
        f"<p>{esc(notat.s('annex_matrix_intro'))}</p>{_matrix(notat)}</section>\n"
        f"<section id='annex-run' class='annex'><h2>{esc(notat.s('annex_run'))}</h2>{_run(notat)}</section>\n"
        "</main>\n</body>\n</html>\n"
    )
