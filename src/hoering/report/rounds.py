"""The report's section on what changed between two rounds, built from a `Diff`."""

from __future__ import annotations

import html

from ..diff import Diff, Match, Recurrence
from ..models import OPINION_STANCES
from .markdown import md_escape
from .view import ExtraSection, load_strings

SECTION_KEY = "diff"
_SHOWN = 12  # new and dropped positions listed in full up to this many each


def diff_section(d: Diff, lang: str = "da") -> ExtraSection:
    """New, recurring and dropped positions, stance moves and theme counts of two rounds."""
    s = load_strings(lang)
    title = s["diff_title"].format(from_round=d.from_round, to_round=d.to_round)
    recurring = [m for m in d.matches if m.status is Recurrence.RECURRING]
    moved = [m for m in recurring if m.old and m.new and m.old.stance.stance is not m.new.stance.stance]
    new = [m for m in d.matches if m.status is Recurrence.NEW]
    dropped = [m for m in d.matches if m.status is Recurrence.DROPPED]
    intro = s["diff_intro"].format(
        from_round=d.from_round,
        to_round=d.to_round,
        recurring=len(recurring),
        new=len(new),
        dropped=len(dropped),
        moved=len(moved),
        threshold=f"{d.matching.threshold:g}",
    )
    changes = _theme_rows(d)
    return ExtraSection(
        key=SECTION_KEY,
        title=title,
        html=_html(s, intro, changes, recurring, moved, new, dropped),
        markdown=_markdown(s, intro, changes, recurring, moved, new, dropped),
        table=d.positions,
    )


def _theme_rows(d: Diff) -> list[tuple[str, str, str, str]]:
    """(theme, old s/c/d, new s/c/d, status) for every theme whose opinions changed."""
    rows = []
    frame = d.themes
    for theme in dict.fromkeys(frame["theme"]):
        part = frame[(frame["theme"] == theme) & frame["stance"].isin([s.value for s in OPINION_STANCES])]
        if (part["change"] == 0).all():
            continue
        old = "/".join(str(int(part[part["stance"] == s.value]["from"].sum())) for s in OPINION_STANCES)
        new = "/".join(str(int(part[part["stance"] == s.value]["to"].sum())) for s in OPINION_STANCES)
        rows.append((theme, old, new, str(part["status"].iloc[0])))
    return rows


def _groups(recurring, moved, new, dropped) -> list[tuple[str, list[Match], bool]]:
    """(strings key, matches, shown as pairs) in the order the section lists them."""
    return [
        ("diff_moved", moved, True),
        ("diff_recurring", recurring, True),
        ("diff_new", new, False),
        ("diff_dropped", dropped, False),
    ]


def _side(m: Match, old: bool) -> str:
    p = m.old if old else m.new
    return f"{p.body}: {p.text}" if p else ""


def _html(s, intro, changes, recurring, moved, new, dropped) -> str:
    esc = html.escape
    out = [f"<p>{esc(intro)}</p>"]
    if changes:
        head = "".join(
            f"<th>{esc(s[k])}</th>" for k in ("diff_col_theme", "diff_col_old", "diff_col_new", "diff_col_status")
        )
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in (t, o, n, s.get(f"trend_{st}", st))) + "</tr>"
            for t, o, n, st in changes
        )
        out.append(f"<h3>{esc(s['diff_themes'])}</h3><table><tr>{head}</tr>{body}</table>")
    for key, matches, pair in _groups(recurring, moved, new, dropped):
        if not matches:
            continue
        items = []
        for m in matches[: None if pair else _SHOWN]:
            if pair:
                items.append(
                    f"<li><span class='muted'>{m.score:.0f}</span> {esc(_side(m, True))}"
                    f"<br>⇄ {esc(_side(m, False))}</li>"
                )
            else:
                items.append(f"<li>{esc(_side(m, m.status is Recurrence.DROPPED))}</li>")
        more = (
            f"<p class='muted'>{esc(s['diff_more'].format(n=len(matches) - _SHOWN))}</p>"
            if not pair and len(matches) > _SHOWN
            else ""
        )
        out.append(f"<h3>{esc(s[key])} ({len(matches)})</h3><ul>{''.join(items)}</ul>{more}")
    return "".join(out)


def _markdown(s, intro, changes, recurring, moved, new, dropped) -> str:
    out = [md_escape(intro), ""]
    if changes:
        out += [f"### {md_escape(s['diff_themes'])}", ""]
        out.append(
            "| "
            + " | ".join(md_escape(s[k]) for k in ("diff_col_theme", "diff_col_old", "diff_col_new", "diff_col_status"))
            + " |"
        )
        out.append("|---|---|---|---|")
        out += [f"| {md_escape(t)} | {o} | {n} | {md_escape(s.get(f'trend_{st}', st))} |" for t, o, n, st in changes]
        out.append("")
    for key, matches, pair in _groups(recurring, moved, new, dropped):
        if not matches:
            continue
        out += [f"### {md_escape(s[key])} ({len(matches)})", ""]
        for m in matches[: None if pair else _SHOWN]:
            if pair:
                out.append(f"- ({m.score:.0f}) {md_escape(_side(m, True))} ⇄ {md_escape(_side(m, False))}")
            else:
                out.append(f"- {md_escape(_side(m, m.status is Recurrence.DROPPED))}")
        if not pair and len(matches) > _SHOWN:
            out.append(f"- {md_escape(s['diff_more'].format(n=len(matches) - _SHOWN))}")
        out.append("")
    return "\n".join(out)
