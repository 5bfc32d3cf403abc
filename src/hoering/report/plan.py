"""The report's section per part of the plan: which bodies addressed it, and how."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..models import OPINION_STANCES
from ..plan import Plan
from ..plan_links import PlanLink, section_matrix
from .markdown import md_escape
from .view import ExtraSection, load_strings

SECTION_KEY = "plan"


def _by_part(plan: Plan, links: Sequence[PlanLink]) -> dict[str, list[PlanLink]]:
    grouped: dict[str, list[PlanLink]] = {p.id: [] for p in plan.parts}
    seen: set[tuple[str, int, str]] = set()
    for link in links:
        key = (link.doc_id, link.index, link.section)
        if key not in seen and link.section in grouped:
            seen.add(key)
            grouped[link.section].append(link)
    return grouped


def _counts(links: Sequence[PlanLink], s: dict[str, str]) -> str:
    parts = []
    for stance in OPINION_STANCES:
        n = sum(1 for link in links if link.stance == stance.value)
        if n:
            parts.append(f"{s[f'stance_{stance.value}'].lower()} {n}")
    return ", ".join(parts)


def plan_section(plan: Plan, links: Sequence[PlanLink], lang: str = "da") -> ExtraSection:
    """A heading per part of the plan with the bodies that addressed it and their positions, quoted."""
    s = load_strings(lang)
    esc = html.escape
    grouped = _by_part(plan, links)
    out_html = [f"<p>{esc(s['plan_intro'])}</p>"]
    out_md = [md_escape(s["plan_intro"]), ""]
    unlinked = []
    for part in plan.parts:
        mine = grouped[part.id]
        heading = f"{part.title} ({part.id})"
        if not mine:
            unlinked.append(heading)
            continue
        bodies = sorted({link.body for link in mine}, key=str.casefold)
        summary = f"{', '.join(bodies)}: {_counts(mine, s)}".rstrip(": ")
        out_html.append(f"<h3 id='plan-{esc(part.id)}'>{esc(heading)}</h3><p class='muted'>{esc(summary)}</p><ul>")
        out_md += [f"### {md_escape(heading)}", "", md_escape(summary), ""]
        for link in mine:
            how = s[f"plan_how_{link.how.value}"]
            stance = s[f"stance_{link.stance}"]
            out_html.append(
                f"<li><b>{esc(link.body)}</b> ({esc(stance.lower())}; {esc(how)} {link.strength:.0f}):"
                f" {esc(link.text)} <span class='muted'>{esc(link.doc_id)}</span></li>"
            )
            out_md.append(
                f"- **{md_escape(link.body)}** ({md_escape(stance.lower())}; {md_escape(how)} {link.strength:.0f}):"
                f" {md_escape(link.text)}"
            )
        out_html.append("</ul>")
        out_md.append("")
    if unlinked:
        out_html.append(f"<h3>{esc(s['plan_unlinked'])}</h3><ul>")
        out_html += [f"<li>{esc(h)}</li>" for h in unlinked]
        out_html.append("</ul>")
        out_md += [f"### {md_escape(s['plan_unlinked'])}", ""] + [f"- {md_escape(h)}" for h in unlinked] + [""]
    return ExtraSection(
        key=SECTION_KEY,
        title=s["plan_title"].format(plan=plan.title),
        html="".join(out_html),
        markdown="\n".join(out_md),
        table=section_matrix(plan, links),
    )


__all__ = ["plan_section"]
