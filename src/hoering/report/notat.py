"""The høringsnotat as data: what every format (Word, HTML, Markdown) shows, computed once.

A `Notat` follows the structure of a Danish høringsnotat: an Indledning (round,
plan, period, who answered, who answered without remarks, who on the
høringsliste did not answer), the Generelle bemærkninger, then one section per
theme, each with a resumé in plain sentences that names the bodies per stance
and counts their positions, the key quotes once each with their source, and an
empty field for the administration's comments. Given the plan and the links of
`hoering.plan_links`, a section per part of the plan the responses address,
built the same way, each quote with how it was linked to the part. Annexes
hold the body x theme matrix and the account of the run.

Resumés only count and name: they never say more than the positions do.
Identical or near-identical responses from different senders (campaigns) are
grouped and counted once. Citizens are counted together ("3 borgere").

Nothing here writes or prints; `word`, `notat_html` and `notat_markdown` turn
a `Notat` into a document. This module puts the notat together; its parts
live in `notat_model` (the types and words), `notat_voices` (who speaks and
how they are counted), `notat_sections` (resumés, quotes, parts of the plan)
and `notat_intro` (the Indledning). Their public names are importable here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ..models import OPINION_STANCES, FileStatus, Position
from ..plan import Plan
from ..plan_links import PlanLink
from ..selection import Selected
from .notat_intro import introduction
from .notat_model import (
    LANGUAGES,
    Campaign,
    Counts,
    FileRow,
    Matrix,
    MatrixRow,
    Notat,
    Quote,
    Section,
    anchor,
    notat_strings,
)
from .notat_sections import link_how, parts_untouched, pick_quotes, positions_by_part, resume_of
from .notat_voices import CAMPAIGN_MIN_CHARS, CAMPAIGN_SIMILARITY, Voices, find_campaigns, join_names, matrix_of

#: Quotes per section, before "... og N flere".
QUOTES_PER_SECTION = 6


def build_notat(
    selected: Selected,
    lang: str = "da",
    date: dt.date | None = None,
    consulted: Sequence[str] | None = None,
    quotes_per_section: int = QUOTES_PER_SECTION,
    campaign_similarity: float = CAMPAIGN_SIMILARITY,
    run_facts: Sequence[tuple[str, str]] = (),
    plan: Plan | None = None,
    plan_links: Sequence[PlanLink] = (),
) -> Notat:
    """The høringsnotat of a selection.

    Args:
        selected: the result narrowed to a round (see `hoering.selection.select`).
        lang: 'da' (default) or 'en'.
        date: the date the notat names (default today).
        consulted: the høringsliste: the bodies the plan was sent to. Those among
            them without a response are named in the Indledning. None: no list.
        quotes_per_section: quotes shown per section; the rest are counted.
        campaign_similarity: how alike (0-100) two responses must be to count as one campaign.
        run_facts: (label, value) pairs for the run annex.
        plan: the plan document (`hoering.plan.read_plan`): adds section 4, a
            subsection per part of it the positions address. None: no section 4.
        plan_links: the selection's positions linked to the parts of `plan`
            (`hoering.plan_links.link_positions`).
    """
    s = notat_strings(lang)
    result = selected.result
    day = (date or dt.date.today()).isoformat()
    labels = {t.id: (t.label_da if lang == "da" else t.label_en) for t in result.rules.codebook.themes}
    campaigns = find_campaigns(result.items, s, result.rules.redaction.citizen_type, campaign_similarity)
    voices = Voices(result, campaigns)
    file_no = {f.doc_id: i for i, f in enumerate(result.files, start=1) if f.doc_id}
    in_notat = set(selected.docs)

    def quote(p: Position, link: str = "") -> Quote:
        return Quote(
            p.text, voices.label(p), p.round, p.stance.stance, p.doc_id, p.start, p.end, file_no.get(p.doc_id, 0), link
        )

    quoted: set[int] = set()

    def section(
        key: str,
        number: str,
        title: str,
        theme: str,
        items: list[Position],
        opening: str,
        home: Callable[[Position], bool] | None = None,
        shown: set[int] = quoted,
        how: Callable[[Position], str] = lambda p: "",
    ) -> Section:
        """`home`: whether a position is quoted here rather than in another section (default: its first theme)."""
        at_home = home or (lambda p: not theme or p.theme_ids[0] == theme)
        counted = [p for p in items if voices.counted(p)]
        opinions = [p for p in counted if p.stance.stance in OPINION_STANCES]
        primary = [p for p in opinions if id(p) not in shown and at_home(p)]
        picked = pick_quotes(primary, quotes_per_section)
        shown.update(id(p) for p in picked)
        elsewhere = sum(1 for p in opinions if not at_home(p))
        return Section(
            key,
            number,
            title,
            theme,
            resume_of(items, voices, s, opening),
            tuple(quote(p, how(p)) for p in picked),
            more=len(primary) - len(picked),
            elsewhere=elsewhere,
        )

    wanted = selected.themes or result.rules.codebook.ids
    by_theme: dict[str, list[Position]] = {t: [] for t in wanted}
    for p in result.items:
        for t in p.theme_ids:
            if t in by_theme:
                by_theme[t].append(p)
    touched = [t for t in wanted if any(p.stance.stance in OPINION_STANCES for p in by_theme[t])]
    untouched = [labels.get(t, t) for t in wanted if not by_theme[t]]
    general_items = [p for p in result.items if not p.themes and p.stance.stance in OPINION_STANCES]
    general = section("general", "2", s["general"], "", general_items, "section_opening_general")
    themes = tuple(
        section(f"theme-{t}", f"3.{i}", labels.get(t, t), t, by_theme[t], "section_opening")
        for i, t in enumerate(touched, start=1)
    )
    intro, senders, after = introduction(selected, s, labels, voices, campaigns, consulted, plan is not None)
    plan_parts: tuple[Section, ...] = ()
    plan_untouched = ""
    if plan is not None:
        by_part, home = positions_by_part(plan, plan_links, result.items)
        shown: set[int] = set()  # the parts quote apart from the themes: each quote once among the parts
        built = []
        for part in (p for p in plan.parts if by_part[p.id]):
            link_of = {id(p): link for p, link in by_part[part.id]}
            built.append(
                section(
                    f"plan-{part.id}",
                    f"4.{len(built) + 1}",
                    f"{part.title} ({part.id})",
                    "",
                    [p for p, _ in by_part[part.id]],
                    "section_opening_plan",
                    home=lambda p, part_id=part.id: home[id(p)] == part_id,
                    shown=shown,
                    how=lambda p, link_of=link_of: link_how(link_of[id(p)], s),
                )
            )
        plan_parts = tuple(built)
        untouched_parts = parts_untouched(plan, by_part)
        if untouched_parts:
            plan_untouched = s["plan_untouched"].format(parts=join_names(untouched_parts, s))
    return Notat(
        lang=lang,
        strings=s,
        date=day,
        title=s["title"],
        subtitle=s["subtitle"],
        draft_note=s["draft_note"].format(date=day),
        redaction=result.redaction,
        intro=intro,
        senders=senders,
        intro_after=after,
        general=general,
        themes=themes,
        untouched=s["themes_untouched"].format(themes=", ".join(untouched)) if untouched else "",
        matrix=matrix_of(result, touched, labels, voices, s),
        campaigns=campaigns,
        run_facts=tuple(run_facts),
        files=tuple(
            FileRow(
                i,
                f.path,
                s["status_read"] if f.status is FileStatus.READ else s["status_skipped"],
                f.reason,
                ", ".join(f.bodies),
                f.positions,
            )
            for i, f in enumerate(result.files, start=1)
            if f.doc_id in in_notat or not f.positions
        ),
        files_left_out=sum(1 for f in result.files if f.positions and f.doc_id not in in_notat),
        plan_intro=s["plan_intro"].format(plan=plan.title) if plan is not None else "",
        plan_parts=plan_parts,
        plan_untouched=plan_untouched,
    )


__all__ = [
    "CAMPAIGN_MIN_CHARS",
    "CAMPAIGN_SIMILARITY",
    "LANGUAGES",
    "QUOTES_PER_SECTION",
    "Campaign",
    "Counts",
    "FileRow",
    "Matrix",
    "MatrixRow",
    "Notat",
    "Quote",
    "Section",
    "anchor",
    "build_notat",
    "find_campaigns",
    "notat_strings",
]
