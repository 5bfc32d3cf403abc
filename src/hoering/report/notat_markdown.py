"""The høringsnotat as Markdown, in the same sections as the Word and HTML notat."""

from __future__ import annotations

from ..models import OPINION_STANCES, Stance
from ..safe import markdown_code
from .markdown import md_escape
from .notat_model import Notat, Section


def _md_section(notat: Notat, section: Section, level: str) -> list[str]:
    number = f"{section.number}." if level == "##" else section.number
    out = ["", f"{level} {md_escape(number)} {md_escape(section.title)}", ""]
    if not section.resume:
        out.append(md_escape(notat.s("general_none")))
    for i, sentence in enumerate(section.resume):
        head, sep, rest = sentence.partition(": ")
        out.append(f"**{md_escape(head + ':')}** {md_escape(rest)}  " if i and sep else f"{md_escape(sentence)}  ")
    if section.quotes:
        out += ["", f"**{md_escape(notat.s('quotes'))}**", ""]
        for q in section.quotes:
            when = f" {q.round}" if q.round else ""
            out += [
                f"> {md_escape(notat.s('quote_open') + q.text + notat.s('quote_close'))}",
                ">",
                f"> *{md_escape(notat.s('stance_' + q.stance.value))}* · {md_escape(q.who + when)} · {markdown_code(q.source)}"
                + (f" · {md_escape(q.link)}" if q.link else ""),
                "",
            ]
    for key, n in (("quotes_more", section.more), (section.elsewhere_key, section.elsewhere)):
        if n:
            out += [f"*{md_escape(notat.s(key, n=n))}*", ""]
    out += [
        "",
        f"> **{md_escape(notat.s('comments'))}**",
        ">",
        f"> {md_escape(notat.s('comments_placeholder'))}",
    ]
    return out


def _md_row(cells) -> str:
    return "| " + " | ".join(md_escape(c) for c in cells) + " |"


def render_notat_markdown(notat: Notat) -> str:
    """The notat as Markdown, in the same sections as the Word and HTML notat."""
    out = [f"# {md_escape(notat.title)}", "", f"*{md_escape(notat.subtitle)}*", "", f"> {md_escape(notat.draft_note)}"]
    if not notat.redaction:
        out += ["", f"> **{md_escape(notat.s('redaction_off'))}**"]
    out += ["", f"## 1. {md_escape(notat.s('intro'))}", ""]
    for text in notat.intro:
        out += [md_escape(text), ""]
    out += [f"- {md_escape(name)}" for name in notat.senders]
    for text in notat.intro_after:
        out += ["", md_escape(text)]
    out += _md_section(notat, notat.general, "##")
    out += ["", f"## 3. {md_escape(notat.s('themes'))}"]
    if not notat.themes:
        out += ["", md_escape(notat.s("themes_none"))]
    for section in notat.themes:
        out += _md_section(notat, section, "###")
    if notat.untouched:
        out += ["", md_escape(notat.untouched)]
    if notat.plan_intro:
        out += ["", f"## 4. {md_escape(notat.s('plan'))}", "", md_escape(notat.plan_intro)]
        if not notat.plan_parts:
            out += ["", md_escape(notat.s("plan_none"))]
        for section in notat.plan_parts:
            out += _md_section(notat, section, "###")
        if notat.plan_untouched:
            out += ["", md_escape(notat.plan_untouched)]
    m = notat.matrix
    out += ["", f"## {md_escape(notat.s('annex_matrix'))}", "", md_escape(notat.s("annex_matrix_intro")), ""]
    if m.themes:
        out.append(_md_row([notat.s("matrix_body"), *m.labels, notat.s("matrix_total")]))
        out.append("|---|" + "---:|" * (len(m.themes) + 1))
        for row in (*m.rows, m.total):
            out.append(_md_row([row.label, *(c.text() for c in row.cells), row.total.text()]))
        legend = " / ".join(notat.s(f"stance_{s.value}") for s in OPINION_STANCES if s is not Stance.NEUTRAL)
        out += ["", f"*{md_escape(legend)}*"]
    out += ["", f"## {md_escape(notat.s('annex_run'))}", "", md_escape(notat.s("annex_run_intro")), ""]
    out += [f"- **{md_escape(k)}**: {md_escape(v)}" for k, v in notat.run_facts]
    if notat.campaigns:
        out += ["", f"### {md_escape(notat.s('campaigns'))}", ""]
        out += [
            f"- {md_escape(notat.s('campaign_row', n=len(c.docs), who=c.label, docs=', '.join(c.docs)))}"
            for c in notat.campaigns
        ]
    keys = ("col_file", "col_status", "col_reason", "col_bodies", "col_positions")
    out += ["", _md_row([notat.s(k) for k in keys]), "|---|---|---|---|---:|"]
    out += [_md_row([r.path, r.status, r.reason, r.bodies, str(r.positions)]) for r in notat.files]
    if notat.files_left_out:
        out += ["", f"*{md_escape(notat.s('files_left_out', n=notat.files_left_out))}*"]
    return "\n".join(out) + "\n"
